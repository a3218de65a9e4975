#pragma once

#include "domain/Certification.h"

#include <QGroupBox>
#include <QList>
#include <memory>

namespace Ui {
class PartnerCertificationsView;
}

namespace pd {

class AddCertificationDialog;
class Book;
class DialogService;

/// The certifications held by one partner's contacts, in its detail panel (issue 9, item 5): how many contacts are
/// certified on the book clock's today ("2 certified contacts today", CertificationRepository::certifiedContactCount)
/// above a table of the certifications (contact, type, earned, expires, status). A certification that expires within
/// kCertificationWarningDays (60) days of today is drawn in a warning colour with "expires in N days"; an expired one
/// is grey ("expired") (certificationStatus()). "Add certification…" opens AddCertificationDialog; "Remove
/// certification" archives the selected one (ArchiveCertificationCommand); both are undoable edits on the book's
/// stack. An offboarded partner's certifications are read-only. Follows certificationsChanged, contactsChanged and
/// bookReset. The layout is ui/PartnerCertificationsView.ui.
class PartnerCertificationsView : public QGroupBox
{
    Q_OBJECT
public:
    PartnerCertificationsView(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~PartnerCertificationsView() override;

    /// Shows the certifications of the partner with `id` (empty: nothing); `readOnly` disables adding and removing.
    void setPartner(const QString& id, bool readOnly);
    /// Reads the shown partner's certifications again.
    void refresh();
    /// Add certification…: opens AddCertificationDialog (window-modal, not blocking) and returns it (deleted when
    /// closed); nullptr when no partner is shown or it is read-only.
    AddCertificationDialog* addCertification();
    /// Remove certification: archives the selected certification (undoable); false when none is selected or the
    /// book refused (the message is shown through DialogService).
    bool removeSelected();

private:
    void updateButtons();

    std::unique_ptr<Ui::PartnerCertificationsView> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    QString m_partnerId;
    bool m_readOnly = false;
    QList<Certification> m_shown; ///< the table's rows, in order
};

} // namespace pd
