#pragma once

#include "domain/TierProgram.h"
#include "models/RepositoryCommand.h"
#include "storage/TierRepository.h"

namespace pd {

/// Adds a tier to the tier program (issue 11, item 1). Undo removes it, redo restores it.
class AddTierCommand : public RepositoryCommand
{
public:
    AddTierCommand(TierRepository& repository, Tier tier);
    const Tier& tier() const { return m_tier; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    TierRepository& m_repository;
    Tier m_tier;
};

/// Changes a tier (name, rank, thresholds, benefits) from `before` to `after`; undo writes `before` back (optimistic:
/// Kind::Conflict when someone else changed the tier meanwhile).
class EditTierCommand : public RepositoryCommand
{
public:
    EditTierCommand(TierRepository& repository, Tier before, Tier after);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    void write(Tier target);
    TierRepository& m_repository;
    Tier m_before;
    Tier m_after;
    int m_version; ///< the tier's version as last written by this command (or `before`'s)
};

/// Removes a tier from the program; undo restores it.
class RemoveTierCommand : public RepositoryCommand
{
public:
    RemoveTierCommand(TierRepository& repository, const Tier& tier);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    TierRepository& m_repository;
    QString m_id;
};

/// Applies tier changes to partners (issue 11, item 2): one partner's (`changes` of one entry, from an evaluation's
/// recommendation or a person's choice) or every recommended promote and demote of an evaluation date (applyAll).
/// Each change is kept as tier history with its effective date and actor. Undo moves the partners back and deletes
/// the history rows; redo applies the same changes again (new history rows).
class ApplyTiersCommand : public RepositoryCommand
{
public:
    /// Applies `changes` (partnerId, toTier, effectiveOn, reason of each; partnerKey for the command's text).
    ApplyTiersCommand(TierRepository& repository, QList<TierHistoryEntry> changes);
    /// Applies every promote and demote of TierRepository::evaluate(asOf), effective on asOf.
    ApplyTiersCommand(TierRepository& repository, const QDate& asOf, const QString& reason);
    /// The history entries written by the last redo.
    const QList<TierHistoryEntry>& applied() const { return m_applied; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    TierRepository& m_repository;
    QList<TierHistoryEntry> m_changes;
    QDate m_asOf; ///< valid for "apply all" until the first redo fixes m_changes
    QString m_reason;
    QList<TierHistoryEntry> m_applied;
};

} // namespace pd
