#pragma once

#include "domain/Enums.h"
#include "domain/RegistrationConflicts.h"

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
