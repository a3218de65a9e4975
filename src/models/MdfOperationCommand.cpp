#include "models/MdfOperationCommand.h"

#include "storage/MdfOperations.h"

namespace pd {

MdfOperationCommand::MdfOperationCommand(MdfOperations& operations, const QString& text, Action action)
    : RepositoryCommand(text), m_operations(operations), m_action(std::move(action))
{
}

void MdfOperationCommand::doRedo()
{
    if (m_operationId.isEmpty())
        m_operationId = m_action();
    else
        m_operations.redo(m_operationId);
}

void MdfOperationCommand::doUndo()
{
    m_operations.undo(m_operationId);
}

} // namespace pd
