#pragma once

#include <QString>
#include <QUndoCommand>
#include <functional>
#include <memory>

class QUndoStack;

namespace pd {

/// Base of the undo commands that edit a book through its repositories (DESIGN.md section 8: all edits through an
/// undo-command facade over QUndoStack). A command is executed once with execute() — which throws StorageError,
/// so the caller can show the message at the form — and only then pushed (pushCommand()). Later undo()/redo() calls
/// catch StorageError, report it through the error handler and make the command obsolete (the stack drops it).
class RepositoryCommand : public QUndoCommand
{
public:
    /// Receives the message of a failed undo or redo (for people).
    using ErrorHandler = std::function<void(const QString& message)>;

    explicit RepositoryCommand(const QString& text) : QUndoCommand(text) {}

    /// Performs the command for the first time. Throws StorageError.
    void execute();
    void setErrorHandler(ErrorHandler handler) { m_onError = std::move(handler); }

    void redo() final;
    void undo() final;

protected:
    virtual void doRedo() = 0; ///< applies the change; throws StorageError
    virtual void doUndo() = 0; ///< reverts it; throws StorageError

private:
    bool m_skipNextRedo = false;
    ErrorHandler m_onError;
};

/// Returns `text`, or an empty but non-null string when `text` is null: the storage layer binds a null QString as
/// SQL NULL, which the NOT NULL text columns of the schema reject.
inline QString nonNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

/// Executes `command` and, when it succeeded, pushes it onto `stack` (without running it again). Returns false and
/// sets `error` to the storage message when it failed (nothing is pushed then). `onError` receives later undo/redo
/// failures.
bool pushCommand(QUndoStack& stack, std::unique_ptr<RepositoryCommand> command, QString* error,
                 RepositoryCommand::ErrorHandler onError = {});

} // namespace pd
