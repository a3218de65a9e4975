#pragma once

#include "domain/Deal.h"
#include "domain/DealWorkflow.h"
#include "domain/ProgramSettings.h"

#include <QDate>
#include <QString>

namespace pd {

class Database;
class Clock;
class ChangeNotifier;

/// The status-bearing fields of a deal registration: what an action changes and what undo restores.
struct DealState
{
    DealStatus status = DealStatus::Draft;
    QDateTime registeredAt;
    qint64 registrationNumber = 0;
    bool extended = false;
    QDate closedOn;
    qint64 amountMinor = -1;
    QString currency;
    QString decidedBy;
    QString rejectReason;
    int version = 0;
};

/// What an action needs besides the deal: a reason (reject), an amount and close date (won, lost).
struct DealActionInput
{
    QString reason;          ///< reject: why (required)
    qint64 amountMinor = -1; ///< won: the won amount in the deal's currency (-1 keeps the current amount)
    QDate closeDate;         ///< won/lost: close date (invalid = today)
};

/// A registration that expireOverdue moved to Expired, with the fields it had before (what undo writes back).
struct ExpiredRegistration
{
    QString dealId;
    qint64 registrationNumber = 0;
    DealStatus before = DealStatus::Submitted;
    QString decidedByBefore;
};

/// Creates deal registrations and moves them through the workflow (DESIGN.md section 3), each change in
/// one transaction with its change-log and audit entries, then ChangeNotifier::dealsChanged. Submitting
/// sets registered_at from the clock and the next registration number, then runs automatic approval and
/// records the rule that decided. Throws StorageError (Conflict when the deal changed meanwhile; Failed
/// with a sentence when the action is not allowed from the deal's status).
class DealWorkflowRepository
{
public:
    DealWorkflowRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// Inserts a new Draft registration (ids of partner, product and optional contact/account must exist).
    /// Assigns id and version.
    void createDraft(Deal& deal);
    /// Soft-deletes a Draft (undo of createDraft).
    void discardDraft(const QString& dealId);
    /// Soft-deletes a registration in any status, keeping every field (its registration number stays taken), e.g.
    /// the undo of registering it. Throws NotFound when it is already gone.
    void discard(const QString& dealId);
    /// Brings back a registration removed by discard(), unchanged (same id, number and status): the redo of
    /// registering it. Throws NotFound when it is not a discarded registration.
    void restoreDiscarded(const QString& dealId);

    DealState state(const QString& dealId) const;

    /// Applies `action` to the deal; returns the state before it (for undo). Submit runs automatic approval
    /// with `settings` (conflicts counted among the book's registrations, tier rank of the sourcing partner).
    DealState apply(const QString& dealId, DealAction action, const DealActionInput& input,
                    const ProgramSettings& settings);
    /// Writes `before` back (undo of apply), if the deal is still at the version apply left it.
    void restore(const QString& dealId, const DealState& before);

    /// Moves every registration in a protected status (pd::protectedStatuses) that is overdue on `asOf`
    /// (pd::isOverdue: its window ended by 00:00 UTC of `asOf`; the SQL compares with pd::overdueRegisteredBy) to
    /// Expired, with a change-log and an audit entry each, in one transaction (joining the caller's, if any).
    /// Returns how many; `expired`, when given, receives each one with its fields before (for undo). Imports never
    /// call this.
    int expireOverdue(const QDate& asOf, const ProgramRules& rules, QList<ExpiredRegistration>* expired = nullptr);
    /// Undo of expireOverdue: writes each registration's status and decision before back, in one transaction.
    /// Throws Conflict (and writes nothing) when one of them is no longer Expired.
    void revertExpiry(const QList<ExpiredRegistration>& expired);
    /// Redo of expireOverdue: expires the same registrations again (not re-evaluating the rule), in one
    /// transaction. Throws Conflict (and writes nothing) when one of them is no longer in its status before.
    void reapplyExpiry(const QList<ExpiredRegistration>& expired);

private:
    void setStatuses(const QList<ExpiredRegistration>& expired, bool revert);
    void setDiscarded(const QString& dealId, bool discarded);
    void writeState(const QString& dealId, const DealState& from, const DealState& to, const QString& action,
                    const QString& details);
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
