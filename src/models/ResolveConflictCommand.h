#pragma once

#include "domain/ProgramSettings.h"
#include "models/RepositoryCommand.h"
#include "storage/ConflictRepository.h"
#include "storage/DealWorkflowRepository.h"

#include <optional>

namespace pd {

class Clock;
class Database;

/// Resolves a registration conflict as one undo step and one transaction (DESIGN.md sections 2 and 8): with
/// `rejectLater` the later registration is rejected with the reason (DealWorkflowRepository::apply) and the
/// resolution "rejected later" is recorded; otherwise "accepted both" is recorded. Both writes commit together or not
/// at all. Undo puts the resolution recorded before (or none) back and restores the later registration's state
/// before the rejection, in one transaction. Throws StorageError from execute() (e.g. the later registration cannot
/// be rejected from its status; nothing is written then).
class ResolveConflictCommand : public RepositoryCommand
{
public:
    /// The repositories and clock must outlive the command.
    ResolveConflictCommand(Database& db, DealWorkflowRepository& workflow, ConflictRepository& conflicts,
                           const Clock& clock, QString laterDealId, qint64 laterNumber, QString earlierDealId,
                           bool rejectLater, QString reason, ProgramSettings settings);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    Database& m_db;
    DealWorkflowRepository& m_workflow;
    ConflictRepository& m_conflicts;
    const Clock& m_clock;
    QString m_later;
    QString m_earlier;
    bool m_rejectLater;
    QString m_reason;
    ProgramSettings m_settings;
    DealState m_laterBefore;
    std::optional<ConflictResolution> m_previous;
};

} // namespace pd
