#pragma once

#include "domain/CountryResolver.h"
#include "domain/Partner.h"

#include <QWidget>
#include <memory>

class QLabel;

namespace Ui {
class PartnerDetailPanel;
}

namespace pd {

class Book;
class ContactTableModel;
class DialogService;
class PartnerCertificationsView;
class PartnerLifecycleView;

/// Edits one partner (key, name, type, stage, tier, territory, channel manager, country, city, founded, website) and
/// its contacts (issue 2, item 3). Validation messages are shown under the field they concern: empty name, empty,
/// too long or duplicate key, unknown country (resolved with CountryResolver, so "Germany" becomes "DE"), founded
/// year out of range. Saving goes through undo commands on the book's undo stack; when the shown partner changes in
/// the book (an undo, someone else) and the form has no unsaved edits, the form shows the new values.
/// The stage is chosen only for a new partner; later moves go through Change stage… (issue 9). An offboarded partner is
/// shown read-only with a note. Its lifecycle history and activation metrics are a PartnerLifecycleView, its contacts'
/// certifications a PartnerCertificationsView (issue 9, item 5).
/// The layout is ui/PartnerDetailPanel.ui (labels with accelerators that focus their fields).
class PartnerDetailPanel : public QWidget
{
    Q_OBJECT
public:
    PartnerDetailPanel(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~PartnerDetailPanel() override;

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
    void setUpForm();
    void load(const Partner& partner);
    Partner formValue() const;
    bool validate(Partner* resolved);
    void setFieldError(QLabel* label, const QString& message);
    void onPartnersChanged(const QStringList& ids);
    void updateButtons();
    /// Shows the stored partner's IPP score and each criterion's contribution (issue 9, item 2).
    void showIppScore();
    void addContact();
    void editContact();
    void archiveContact();

    std::unique_ptr<Ui::PartnerDetailPanel> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    CountryResolver m_countries;
    Partner m_original;
    bool m_editing = false; ///< a partner (or a new one) is shown
    bool m_loading = false;
    ContactTableModel* m_contacts = nullptr;
    PartnerLifecycleView* m_lifecycle = nullptr;           ///< history and activation metrics (issue 9)
    PartnerCertificationsView* m_certifications = nullptr; ///< the contacts' certifications (issue 9, item 5)
    bool m_readOnly = false;                               ///< the partner is offboarded (issue 9, item 6)
};

} // namespace pd
