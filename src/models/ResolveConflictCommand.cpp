#include "models/ResolveConflictCommand.h"

#include "storage/Transaction.h"

#include <QCoreApplication>

namespace pd {

ResolveConflictCommand::ResolveConflictCommand(Database& db, DealWorkflowRepository& workflow,
                                               ConflictRepository& conflicts, const Clock& clock, QString laterDealId,
                                               qint64 laterNumber, QString earlierDealId, bool rejectLater,
                                               QString reason, ProgramSettings settings)
    : RepositoryCommand(
          rejectLater
              ? QCoreApplication::translate("pd::ResolveConflictCommand", "Reject #%1 (conflict)").arg(laterNumber)
              : QCoreApplication::translate("pd::ResolveConflictCommand", "Accept conflict of #%1").arg(laterNumber)),
      m_db(db), m_workflow(workflow), m_conflicts(conflicts), m_clock(clock), m_later(std::move(laterDealId)),
      m_earlier(std::move(earlierDealId)), m_rejectLater(rejectLater), m_reason(std::move(reason)),
      m_settings(std::move(settings))
{
}

void ResolveConflictCommand::doRedo()
{
    Transaction tx(m_db);
    const std::optional<ConflictResolution> previous = m_conflicts.resolution(m_later, m_earlier);
    const DealState before =
        m_conflicts.resolveConflict(m_workflow, m_later, m_earlier, m_rejectLater, m_reason, m_settings, m_clock);
    tx.commit();
    m_previous = previous;
    m_laterBefore = before;
}

void ResolveConflictCommand::doUndo()
{
    Transaction tx(m_db);
    m_conflicts.restoreResolution(m_later, m_earlier, m_previous, m_clock);
    if (m_rejectLater)
        m_workflow.restore(m_later, m_laterBefore);
    tx.commit();
}

} // namespace pd
