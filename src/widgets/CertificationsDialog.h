#pragma once

#include "domain/Certification.h"

#include <QDialog>
#include <QList>
#include <memory>
#include <optional>

namespace Ui {
class CertificationsDialog;
}

namespace pd {

class Book;
class DialogService;

/// The certification types of the book (issue 9, item 5): a table of the types (name, validity in months) and a form
/// under it. "Add type" adds the name and validity entered (AddCertificationTypeCommand); selecting a type fills the
/// form, and "Save changes" renames it or changes its validity (EditCertificationTypeCommand: certifications already
/// held keep their expiry dates); "Remove type" archives it (ArchiveCertificationTypeCommand), which storage refuses
/// while a certification of the type is held. Every change is one undoable command on the book's stack; a refusal is
/// shown in the dialog. The table follows certificationsChanged (so an undo shows at once). The form is
/// ui/CertificationsDialog.ui.
class CertificationsDialog : public QDialog
{
    Q_OBJECT
public:
    CertificationsDialog(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~CertificationsDialog() override;

    /// The types listed, in table order.
    const QList<CertificationType>& types() const { return m_types; }
    /// Selects the listed type named `name` (fills the form); false when it is not listed.
    bool selectType(const QString& name);
    /// Adds a type with the name and validity entered; false (message shown) when refused.
    bool addType();
    /// Writes the name and validity entered to the selected type; false when none is selected or it was refused.
    bool saveType();
    /// Removes (archives) the selected type; false when none is selected or it was refused (e.g. in use).
    bool removeType();
    /// The message shown under the form (empty when none).
    QString errorText() const;

private:
    void load();
    void onSelectionChanged();
    std::optional<CertificationType> selected() const;
    bool push(std::unique_ptr<class RepositoryCommand> command);

    std::unique_ptr<Ui::CertificationsDialog> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    QList<CertificationType> m_types;
};

} // namespace pd
