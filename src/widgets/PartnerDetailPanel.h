#pragma once

#include "domain/CountryResolver.h"
#include "domain/Partner.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace pd {

class Book;
class ContactTableModel;
class DialogService;

/// Edits one partner (key, name, type, stage, tier, territory, channel manager, country, city, founded, website) and
/// its contacts (issue 2, item 3). Validation messages are shown under the field they concern: empty name, empty,
/// too long or duplicate key, unknown country (resolved with CountryResolver, so "Germany" becomes "DE"), founded
/// year out of range. Saving goes through undo commands on the book's undo stack; when the shown partner changes in
/// the book (an undo, someone else) and the form has no unsaved edits, the form shows the new values.
class PartnerDetailPanel : public QWidget
{
    Q_OBJECT
public:
    PartnerDetailPanel(Book& book, DialogService& dialogs, QWidget* parent = nullptr);

    /// Shows the partner with `id` (empty: nothing selected).
    void showPartner(const QString& id);
    /// Starts a new, unsaved partner.
    void startNewPartner();
    /// The partner shown (id empty for a new one).
    QString partnerId() const { return m_original.id; }
    /// Validates and saves the form. Returns false when a field is invalid or the book refused the change (the
    /// message is then shown at the field or under the form).
    bool save();
    /// Discards unsaved edits.
    void revert();
    /// True when the form differs from the stored partner.
    bool isDirty() const;

Q_SIGNALS:
    /// A new partner was saved (so the roster can select it).
    void partnerAdded(const QString& id);

private:
    void buildUi();
    void load(const Partner& partner);
    Partner formValue() const;
    bool validate(Partner* resolved);
    void setFieldError(QLabel* label, const QString& message);
    void onPartnersChanged(const QStringList& ids);
    void updateButtons();
    void addContact();
    void editContact();
    void archiveContact();

    Book& m_book;
    DialogService& m_dialogs;
    CountryResolver m_countries;
    Partner m_original;
    bool m_editing = false; ///< a partner (or a new one) is shown
    bool m_loading = false;

    QLabel* m_title = nullptr;
    QLineEdit* m_key = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_type = nullptr;
    QComboBox* m_stage = nullptr;
    QComboBox* m_tier = nullptr;
    QLineEdit* m_territory = nullptr;
    QLineEdit* m_channelManager = nullptr;
    QLineEdit* m_country = nullptr;
    QLineEdit* m_city = nullptr;
    QSpinBox* m_founded = nullptr;
    QLineEdit* m_website = nullptr;
    QLabel* m_keyError = nullptr;
    QLabel* m_nameError = nullptr;
    QLabel* m_countryError = nullptr;
    QLabel* m_websiteError = nullptr;
    QLabel* m_formError = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_revert = nullptr;
    QTableView* m_contactsView = nullptr;
    ContactTableModel* m_contacts = nullptr;
    QPushButton* m_addContact = nullptr;
    QPushButton* m_editContact = nullptr;
    QPushButton* m_archiveContact = nullptr;
    QWidget* m_form = nullptr;
};

} // namespace pd
