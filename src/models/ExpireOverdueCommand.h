#pragma once

#include "domain/ProgramRules.h"
#include "models/RepositoryCommand.h"
#include "storage/DealWorkflowRepository.h"

#include <QDate>

namespace pd {

/// "Expire overdue registrations" as one undo step (DESIGN.md section 8): execute() expires every registration
/// overdue on `asOf` (DealWorkflowRepository::expireOverdue, one transaction) and remembers each one's status and
/// decision before; undo writes those back, redo expires exactly the same registrations again (one transaction
/// each way). Throws StorageError from execute().
class ExpireOverdueCommand : public RepositoryCommand
{
public:
    ExpireOverdueCommand(DealWorkflowRepository& workflow, QDate asOf, ProgramRules rules);
    /// The registrations expired (after execute()).
    const QList<ExpiredRegistration>& expired() const { return m_expired; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    DealWorkflowRepository& m_workflow;
    QDate m_asOf;
    ProgramRules m_rules;
    QList<ExpiredRegistration> m_expired;
    bool m_done = false;
};

} // namespace pd
