#pragma once

#include "domain/Partner.h"
#include "models/RepositoryCommand.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ChangeStageDialog;
}

namespace pd {

class Book;

/// Moves one partner to another lifecycle stage (issue 9, item 1): the stages it may move to
/// (LifecycleRules::allowedMoves), the date the move took effect (default the book clock's today, never after it) and a
/// reason. OK runs a ChangeStageCommand on the book's undo stack; when storage refuses the move (an unfinished
/// offboarding checklist, someone else's change) the message is shown in the dialog, which stays open. An offboarded
/// partner has no moves: the dialog says so and OK is disabled. The form is ui/ChangeStageDialog.ui.
class ChangeStageDialog : public QDialog
{
    Q_OBJECT
public:
    /// `onUndoError` receives the message of a later failed undo or redo of the move.
    ChangeStageDialog(Book& book, const Partner& partner, RepositoryCommand::ErrorHandler onUndoError,
                      QWidget* parent = nullptr);
    ~ChangeStageDialog() override;

    /// Fills the form as a person would (for tests): the target stage's name, the date, the reason.
    void setValues(const QString& stage, const QDate& date, const QString& reason);
    /// The message shown under the form (empty when none).
    QString errorText() const;

    /// Runs the move; closes the dialog only when it was written.
    void accept() override;

private:
    std::unique_ptr<Ui::ChangeStageDialog> m_ui;
    Book& m_book;
    Partner m_partner;
    RepositoryCommand::ErrorHandler m_onUndoError;
};

} // namespace pd
