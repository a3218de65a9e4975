#include "models/ExpireOverdueCommand.h"

#include <QCoreApplication>

namespace pd {

ExpireOverdueCommand::ExpireOverdueCommand(DealWorkflowRepository& workflow, QDate asOf, ProgramRules rules)
    : RepositoryCommand(QCoreApplication::translate("pd::ExpireOverdueCommand", "Expire overdue registrations")),
      m_workflow(workflow), m_asOf(asOf), m_rules(rules)
{
}

void ExpireOverdueCommand::doRedo()
{
    if (m_done) {
        m_workflow.reapplyExpiry(m_expired);
        return;
    }
    QList<ExpiredRegistration> expired;
    m_workflow.expireOverdue(m_asOf, m_rules, &expired);
    m_expired = std::move(expired);
    m_done = true;
    setText(QCoreApplication::translate("pd::ExpireOverdueCommand", "Expire %n overdue registration(s)", nullptr,
                                        int(m_expired.size())));
}

void ExpireOverdueCommand::doUndo()
{
    m_workflow.revertExpiry(m_expired);
}

} // namespace pd
