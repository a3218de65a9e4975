#pragma once

#include "domain/Enums.h"
#include "models/RepositoryCommand.h"
#include "storage/LifecycleRepository.h"

#include <QDate>

namespace pd {

/// Moves a partner to another lifecycle stage as one undo step (issue 9, items 1 and 9; DESIGN.md section 8), through
/// LifecycleRepository: execute() is move() (validated by LifecycleRules; throws StorageError with the refusal),
/// undo is revert() (deletes the history row, restores stage, stage since and activation date), redo is reapply()
/// (the same history row, date, user and reason). Its text is "Move ACN to Active".
class ChangeStageCommand : public RepositoryCommand
{
public:
    /// The move of the partner `partnerId` (key `partnerKey`, for the text) to `to` on `on` (invalid: today), with
    /// `reason` (may be empty).
    ChangeStageCommand(LifecycleRepository& repository, QString partnerId, const QString& partnerKey, LifecycleStage to,
                       QDate on, QString reason);

    /// The move as recorded (after execute()).
    const StageChange& change() const { return m_change; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    LifecycleRepository& m_repository;
    QString m_partnerId;
    LifecycleStage m_to;
    QDate m_on;
    QString m_reason;
    StageChange m_change; ///< empty id until the first move
};

} // namespace pd
