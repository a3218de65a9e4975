#pragma once

#include "domain/Enums.h"

#include <QDate>
#include <QList>
#include <QString>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// One move of a partner through the lifecycle, as kept in partner_stage_history (schema v7).
struct StageChange
{
    QString id;        ///< UUID of the history row
    QString partnerId; ///< UUID of the partner
    QString partnerKey;
    LifecycleStage from = LifecycleStage::Prospect; ///< ignored when `first`
    LifecycleStage to = LifecycleStage::Prospect;
    bool first = false;     ///< the partner's first stage (created or imported in it); `from` means nothing then
    QDate on;               ///< the date the move took effect (may lie in the past: a move recorded late)
    QString actor;          ///< who made it (Database::actor())
    QString reason;         ///< why, as typed; may be empty
    QString recordedAt;     ///< when it was recorded, storage format of instants
    bool activated = false; ///< this move gave the partner its activation date (its first move to Active)
    QDate stageSinceBefore; ///< the partner's stage_since before this move (for revert())
};

/// Moves partners through the lifecycle (issue 9, item 1; DESIGN.md section 3) with the rules of LifecycleRules,
/// keeps each move with its date, user and reason, and undoes the latest move. Every write runs in one transaction
/// with the partner's change-log entry (entity "partners", op update) and an audit entry (action "stage"), then
/// emits ChangeNotifier::partnersChanged. Throws StorageError.
class LifecycleRepository
{
public:
    LifecycleRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// Moves the partner `partnerId` to `to`, taking effect on `on` (invalid: the clock's today). Refused with
    /// StorageError Kind::NotAllowed, nothing written, when: LifecycleRules refuses the move; `on` is after today; the
    /// partner is offboarded (read-only); or `to` is Offboarded and the partner's offboarding checklist is not started
    /// or has required tasks not done. Kind::NotFound when the partner does not exist or is archived. The first move
    /// to Active sets the activation date to `on`; later ones keep it. Returns the change as recorded.
    StageChange move(const QString& partnerId, LifecycleStage to, const QDate& on, const QString& reason);
    /// Undoes `change` (from move()): the partner must still be in change.to with that move as its latest history row,
    /// else StorageError Kind::Conflict. Deletes the history row and restores the stage, stage_since and (when the move
    /// activated the partner) the activation date; bumps the version, logs and audits like move().
    void revert(const StageChange& change);
    /// Writes `change` again after revert() (redo): the same history row id, date, actor and reason. Same checks as
    /// move() except the date.
    void reapply(const StageChange& change);
    /// The partner's lifecycle history, oldest first.
    QList<StageChange> history(const QString& partnerId) const;

private:
    StageChange write(const QString& partnerId, LifecycleStage to, const QDate& on, const QString& reason,
                      const QString& historyId, const QString& actor);
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
