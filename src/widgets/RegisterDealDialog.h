#pragma once

#include "domain/Account.h"
#include "domain/CountryResolver.h"
#include "domain/Deal.h"
#include "domain/Product.h"
#include "models/BackgroundQuery.h"
#include "storage/ConflictRepository.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>

#include <memory>

namespace Ui {
class RegisterDealDialog;
}

namespace pd {

class Book;
class DialogService;

/// The "Register deal" form (issue 3, item 1): partner (combo with completer), registering contact of that
/// partner, end customer (an existing account through a completer, or a new one with web domain and country,
/// validated with CountryResolver), product, amount and currency, expected close, notes. Validation messages
/// appear at the field. While the form is typed in, a warnings list shows, live, the registrations this one would
/// conflict with and possible duplicates (ConflictRepository::liveCheck, debounced by liveCheckDelayMs() and run on a
/// worker thread with its own connection, so typing never waits on the database; a result for fields changed
/// meanwhile is dropped). Submit registers the deal as one undoable
/// command and transaction (RegisterDealCommand: new end customer if any, draft, submit, automatic approval; undo
/// removes the registration and the customer it created) and emits registered(). The form is ui/RegisterDealDialog.ui;
/// queries run on the book's worker pool (Book::workers()).
class RegisterDealDialog : public QDialog
{
    Q_OBJECT
public:
    /// Loads the partner, product and account choices on a worker thread (choicesLoaded() follows).
    RegisterDealDialog(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~RegisterDealDialog() override;
    /// True once the choices are in the combos.
    bool hasChoices() const { return m_choicesLoaded; }

    /// Debounce delay of the live check after the last keystroke, in milliseconds.
    static constexpr int liveCheckDelayMs() { return 150; }
    /// The warnings currently shown (one line each), as people read them.
    QStringList warningTexts() const;
    /// Starts the live check now (the debounce timer calls this); warningsUpdated() follows.
    void runLiveCheck();
    /// Validates and submits; returns false (messages at the fields, or the storage error) when nothing was saved.
    bool submit();
    /// Selects the partner with `key` in the partner combo; false when there is none.
    bool selectPartner(const QString& key);

Q_SIGNALS:
    /// The partner, product and customer choices arrived.
    void choicesLoaded();
    /// The live check finished with `count` warnings.
    void warningsUpdated(int count);
    /// A deal was registered: its id, registration number and the automatic-approval decision for people.
    void registered(const QString& dealId, qint64 number, const QString& decision);

private:
    struct Choices
    {
        QList<QPair<QString, QString>> partners; ///< id, "KEY — Name"
        QList<Product> products;
        QStringList accountNames;
    };
    void buildForm();
    void loadChoices();
    void onChoices();
    void onLiveCheck();
    void onPartnerChanged();
    void onCustomerChanged();
    void scheduleLiveCheck();
    bool validate(Deal* deal, Account* newAccount);
    QString warningText(const LiveWarning& w) const;

    std::unique_ptr<Ui::RegisterDealDialog> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    CountryResolver m_countries;
    QTimer m_liveTimer;
    QString m_existingAccountId;
    QFutureWatcher<BackgroundResult<Choices>> m_choicesWatcher;
    bool m_choicesLoaded = false;
    QFutureWatcher<BackgroundResult<QList<LiveWarning>>> m_liveWatcher;
    quint64 m_liveGeneration = 0; ///< bumped on every change of a checked field
    quint64 m_liveRunning = 0;    ///< generation of the running check
    bool m_liveQueued = false;
};

} // namespace pd
