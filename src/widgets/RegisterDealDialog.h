#pragma once

#include "domain/Account.h"
#include "domain/CountryResolver.h"
#include "domain/Deal.h"
#include "storage/ConflictRepository.h"

#include <QDialog>
#include <QTimer>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace pd {

class Book;
class DialogService;

/// The "Register deal" form (issue 3, item 1): partner (combo with completer), registering contact of that
/// partner, end customer (an existing account through a completer, or a new one with web domain and country,
/// validated with CountryResolver), product, amount and currency, expected close, notes. Validation messages
/// appear at the field. While the form is typed in, a warnings list shows, live, the registrations this one would
/// conflict with and possible duplicates (ConflictRepository::liveCheck, debounced by liveCheckDelayMs(); it answers
/// within 50 ms at 1,000,000 deals, so it runs on the GUI thread). Submit registers the deal as one undoable
/// command (RegisterDealCommand: draft + submit, automatic approval) and emits registered().
class RegisterDealDialog : public QDialog
{
    Q_OBJECT
public:
    RegisterDealDialog(Book& book, DialogService& dialogs, QWidget* parent = nullptr);

    /// Debounce delay of the live check after the last keystroke, in milliseconds.
    static constexpr int liveCheckDelayMs() { return 150; }
    /// The warnings currently shown (one line each), as people read them.
    QStringList warningTexts() const;
    /// Runs the live check now (the debounce timer calls this).
    void runLiveCheck();
    /// Validates and submits; returns false (messages at the fields, or the storage error) when nothing was saved.
    bool submit();
    /// Selects the partner with `key` in the partner combo; false when there is none.
    bool selectPartner(const QString& key);

Q_SIGNALS:
    /// The live check finished with `count` warnings.
    void warningsUpdated(int count);
    /// A deal was registered: its id, registration number and the automatic-approval decision for people.
    void registered(const QString& dealId, qint64 number, const QString& decision);

private:
    void buildForm();
    void loadChoices();
    void onPartnerChanged();
    void onCustomerChanged();
    void scheduleLiveCheck();
    bool validate(Deal* deal, Account* newAccount);
    QString warningText(const LiveWarning& w) const;
    QLabel* errorLabel(const QString& name);

    Book& m_book;
    DialogService& m_dialogs;
    CountryResolver m_countries;
    QTimer m_liveTimer;
    QComboBox* m_partner = nullptr;
    QComboBox* m_contact = nullptr;
    QLineEdit* m_customer = nullptr;
    QLabel* m_customerKind = nullptr;
    QLineEdit* m_domain = nullptr;
    QLineEdit* m_country = nullptr;
    QComboBox* m_product = nullptr;
    QLineEdit* m_amount = nullptr;
    QComboBox* m_currency = nullptr;
    QDateEdit* m_expectedClose = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    QListWidget* m_warnings = nullptr;
    QLabel* m_partnerError = nullptr;
    QLabel* m_customerError = nullptr;
    QLabel* m_countryError = nullptr;
    QLabel* m_productError = nullptr;
    QLabel* m_amountError = nullptr;
    QLabel* m_formError = nullptr;
    QPushButton* m_submit = nullptr;
    QString m_existingAccountId;
};

} // namespace pd
