#include "models/RepositoryCommand.h"

#include "storage/StorageError.h"

#include <QUndoStack>

namespace pd {

void RepositoryCommand::execute()
{
    doRedo();
    m_skipNextRedo = true;
}

void RepositoryCommand::redo()
{
    if (m_skipNextRedo) {
        m_skipNextRedo = false;
        return;
    }
    try {
        doRedo();
    } catch (const StorageError& e) {
        setObsolete(true);
        if (m_onError)
            m_onError(e.message());
    }
}

void RepositoryCommand::undo()
{
    try {
        doUndo();
    } catch (const StorageError& e) {
        setObsolete(true);
        if (m_onError)
            m_onError(e.message());
    }
}

bool pushCommand(QUndoStack& stack, std::unique_ptr<RepositoryCommand> command, QString* error,
                 RepositoryCommand::ErrorHandler onError)
{
    try {
        command->execute();
    } catch (const StorageError& e) {
        if (error)
            *error = e.message();
        return false;
    }
    command->setErrorHandler(std::move(onError));
    stack.push(command.release());
    return true;
}

} // namespace pd
