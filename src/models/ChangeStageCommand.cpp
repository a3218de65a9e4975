#include "models/ChangeStageCommand.h"

#include <QCoreApplication>

namespace pd {

ChangeStageCommand::ChangeStageCommand(LifecycleRepository& repository, QString partnerId, const QString& partnerKey,
                                       LifecycleStage to, QDate on, QString reason)
    : RepositoryCommand(
          QCoreApplication::translate("pd::ChangeStageCommand", "Move %1 to %2").arg(partnerKey, toString(to))),
      m_repository(repository), m_partnerId(std::move(partnerId)), m_to(to), m_on(on), m_reason(std::move(reason))
{
}

void ChangeStageCommand::doRedo()
{
    if (m_change.id.isEmpty())
        m_change = m_repository.move(m_partnerId, m_to, m_on, m_reason);
    else
        m_repository.reapply(m_change);
}

void ChangeStageCommand::doUndo()
{
    m_repository.revert(m_change);
}

} // namespace pd
