#pragma once

#include "domain/Enums.h"
#include "domain/ProgramRules.h"
#include "domain/RegistrationConflicts.h"

#include <QDate>
#include <QDateTime>
#include <QList>

#include <QString>
#include <optional>

namespace pd {

/// The actions that move a deal registration between statuses (DESIGN.md section 3: Draft → Submitted →
/// Approved | Rejected; Approved → Won | Lost | Expired; a Submitted registration may also expire).
enum class DealAction { Submit, Approve, Reject, Extend, MarkWon, MarkLost, Expire };

/// "submit", "approve", …
QString toString(DealAction a);

/// The status a registration in `from` reaches through `action`, or nullopt when the action is not allowed
/// from that status. Extend keeps the status (Submitted or Approved) and is allowed once (`extended` false).
std::optional<DealStatus> transition(DealStatus from, DealAction action, bool extended = false);

/// Why `action` is not allowed for a registration in status `from` (DESIGN.md section 3), as a sentence for people
/// that names the registration ("registration #12 is Won; only Submitted or Approved registrations can be
/// rejected"); empty when transition() allows it. `number` is the registration number (0 for a Draft never
/// submitted); `extended` is true when the one extension was already granted.
QString actionRefusal(DealAction action, DealStatus from, qint64 number, bool extended = false);

/// Why `later` does not conflict with `earlier` under the rule of conflicts() (DESIGN.md section 3,
/// "Registration conflict"), as a sentence naming both registrations by number (e.g. "registration #7 and
/// registration #3 are not a conflict: they are for different products"); empty when the facts given conflict.
/// The facts carry no web domain when the caller has none; customers then compare by normalized name only.
QString conflictRefusal(const RegistrationFacts& later, const RegistrationFacts& earlier, const ProgramRules& rules);

/// The action that moves a registration from `from` to `to` (used when a card is dropped on a board
/// column), or nullopt when no single action does.
std::optional<DealAction> actionBetween(DealStatus from, DealStatus to);

/// The open statuses, in workflow order: Draft, Submitted, Approved (DESIGN.md section 3, "Open deals"). SQL that
/// selects open deals binds these (PipelineRepository), so the rule lives here once.
QList<DealStatus> openStatuses();
/// The statuses that a protection window runs for and that expire when it ends: Submitted, Approved (DESIGN.md
/// section 3, "Protection window").
QList<DealStatus> protectedStatuses();

/// The open status a registration in the closed status `closed` had just before it closed, as far as the workflow
/// determines it: Approved for Won and Lost (reachable only from Approved); Submitted for Rejected and Expired
/// (reachable from Submitted or Approved; the book does not keep the approval date, so the lower probability is
/// taken). nullopt for an open status.
std::optional<DealStatus> statusBeforeClosing(DealStatus closed);

/// First day of the calendar quarter of `date` (the "this quarter" of pipeline totals).
QDate quarterStart(const QDate& date);

/// Length of a registration's protection window in days: `protectionDays`, plus `extensionDays` when the one
/// extension was granted (DESIGN.md section 3).
int protectionWindowDays(const ProgramRules& rules, bool extended);

/// The latest registered_at that is overdue on `asOf`: 00:00 UTC of `asOf` minus the window. A Submitted or Approved
/// registration registered at or before this instant has a window that ended by the start of `asOf`.
QDateTime overdueRegisteredBy(const QDate& asOf, const ProgramRules& rules, bool extended);

/// True when a Submitted or Approved registration registered at `registeredAt` is overdue on `asOf` (its window
/// ended by 00:00 UTC of `asOf`) and so becomes Expired by DealWorkflowRepository::expireOverdue(asOf).
bool isOverdue(const QDateTime& registeredAt, bool extended, const ProgramRules& rules, const QDate& asOf);

/// What the as-of rule needs to know about one registration.
struct DealAsOfFacts
{
    DealStatus status = DealStatus::Draft; ///< its status now
    QDateTime registeredAt;                ///< UTC; invalid for a Draft
    QDateTime createdAt;                   ///< UTC; when the row was written (a Draft's only date)
    QDate closedOn;                        ///< close date of a Won, Lost or Rejected registration
    bool extended = false;
};

/// The open status a registration had at the end of day `asOf` (UTC), or nullopt when it was not open then. A
/// registration is open as of D when it entered the book on or before D — registered_at's UTC date ≤ D, or for a
/// Draft (never registered) created_at's date ≤ D — and had not closed on or before D: Won, Lost and Rejected close
/// on their close date (closed_on ≤ D means closed); an Expired registration closed when its protection window ended
/// (overdue on D + 1, see isOverdue). An open status now is its status as of D; a registration that closed after D
/// is counted in statusBeforeClosing(status). Derived from DESIGN.md section 3 (statuses, protection window, open
/// deals); PipelineRepository::summary evaluates the same rule in SQL.
std::optional<DealStatus> openStatusAsOf(const DealAsOfFacts& deal, const QDate& asOf, const ProgramRules& rules);

/// Rules for approving a registration automatically on submit (program settings). All enabled criteria
/// must hold. Amount limit in minor units of `currency`; a deal in another currency is never approved
/// automatically.
struct AutoApprovalRules
{
    bool enabled = false;
    bool requireNoConflict = true;
    int minTierRank = 0;        ///< 0 = any tier (Registered)
    qint64 maxAmountMinor = -1; ///< -1 = no limit
    QString currency = QStringLiteral("USD");
};

/// The result of automatic approval: approved or left for review, and the rule that decided (for people).
struct AutoApprovalDecision
{
    bool approved = false;
    QString rule; ///< e.g. "auto-approved: no conflict, tier rank 2 ≥ 1, amount 5000.00 USD ≤ 10000.00 USD"
};

/// Decides automatic approval of a just-submitted registration. `amountMinor` is in minor units of
/// `dealCurrency`, -1 when the registration has no amount (then an amount limit leaves it for review).
AutoApprovalDecision evaluateAutoApproval(const AutoApprovalRules& rules, int conflictCount, int partnerTierRank,
                                          qint64 amountMinor, const QString& dealCurrency);

} // namespace pd
