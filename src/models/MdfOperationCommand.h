#pragma once

#include "models/RepositoryCommand.h"

#include <functional>

namespace pd {

class MdfOperations;

/// Any MDF action as one undo step (issue 10, item 9): creating a budget, allocating, submitting, approving,
/// rejecting or cancelling a request, filing, approving, rejecting or paying a claim, closing a period. The first
/// redo() (execute()) runs `action`, which performs the action through MdfBudgetRepository or MdfRequestRepository
/// and returns its operation id; undo() is MdfOperations::undo(id) (reversal entries in the fund ledger) and every
/// later redo() is MdfOperations::redo(id). Throws StorageError from execute() with the repository's message (a
/// refused rule names the amount or the date); a failed undo/redo is reported through the error handler.
class MdfOperationCommand : public RepositoryCommand
{
public:
    /// Performs the action once and returns its operation id (UUID text). Throws StorageError.
    using Action = std::function<QString()>;

    /// `text` is the undo text ("Approve MDF request 12"); `operations` must outlive the command.
    MdfOperationCommand(MdfOperations& operations, const QString& text, Action action);
    /// The operation id once executed, else empty.
    QString operationId() const { return m_operationId; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    MdfOperations& m_operations;
    Action m_action;
    QString m_operationId;
};

} // namespace pd
