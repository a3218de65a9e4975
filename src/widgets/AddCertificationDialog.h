#pragma once

#include "models/RepositoryCommand.h"

#include <QDate>
#include <QDialog>
#include <memory>

namespace Ui {
class AddCertificationDialog;
}

namespace pd {

class Book;

/// Records a certification earned by a contact of one partner (issue 9, item 5): the contact (the partner's contacts
/// that are not archived), the certification type (types not archived) and the date it was earned (default and latest
/// the book clock's today). OK runs an AddCertificationCommand on the book's undo stack; a missing choice, a date after
/// today or a refusal from storage is shown in the dialog, which stays open. The form is ui/AddCertificationDialog.ui.
class AddCertificationDialog : public QDialog
{
    Q_OBJECT
public:
    /// `onUndoError` receives the message of a later failed undo or redo of the addition.
    AddCertificationDialog(Book& book, const QString& partnerId, RepositoryCommand::ErrorHandler onUndoError,
                           QWidget* parent = nullptr);
    ~AddCertificationDialog() override;

    /// Fills the form as a person would (for tests): the contact's name, the type's name, the earned date. False when
    /// the contact or the type is not offered.
    bool setValues(const QString& contactName, const QString& typeName, const QDate& earned);
    /// The message shown under the form (empty when none).
    QString errorText() const;

    /// Adds the certification; closes the dialog only when it was written.
    void accept() override;

private:
    std::unique_ptr<Ui::AddCertificationDialog> m_ui;
    Book& m_book;
    RepositoryCommand::ErrorHandler m_onUndoError;
};

} // namespace pd
