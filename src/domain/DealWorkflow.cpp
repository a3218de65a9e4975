#include "domain/DealWorkflow.h"

#include "domain/Money.h"

#include <QStringList>

namespace pd {

QString toString(DealAction a)
{
    switch (a) {
    case DealAction::Submit:
        return QStringLiteral("submit");
    case DealAction::Approve:
        return QStringLiteral("approve");
    case DealAction::Reject:
        return QStringLiteral("reject");
    case DealAction::Extend:
        return QStringLiteral("extend");
    case DealAction::MarkWon:
        return QStringLiteral("mark won");
    case DealAction::MarkLost:
        return QStringLiteral("mark lost");
    case DealAction::Expire:
        return QStringLiteral("expire");
    }
    return {};
}

std::optional<DealStatus> transition(DealStatus from, DealAction action, bool extended)
{
    switch (action) {
    case DealAction::Submit:
        return from == DealStatus::Draft ? std::optional(DealStatus::Submitted) : std::nullopt;
    case DealAction::Approve:
        return from == DealStatus::Submitted ? std::optional(DealStatus::Approved) : std::nullopt;
    case DealAction::Reject:
        return from == DealStatus::Submitted || from == DealStatus::Approved ? std::optional(DealStatus::Rejected)
                                                                             : std::nullopt;
    case DealAction::Extend:
        return (from == DealStatus::Submitted || from == DealStatus::Approved) && !extended ? std::optional(from)
                                                                                            : std::nullopt;
    case DealAction::MarkWon:
        return from == DealStatus::Approved ? std::optional(DealStatus::Won) : std::nullopt;
    case DealAction::MarkLost:
        return from == DealStatus::Approved ? std::optional(DealStatus::Lost) : std::nullopt;
    case DealAction::Expire:
        return from == DealStatus::Submitted || from == DealStatus::Approved ? std::optional(DealStatus::Expired)
                                                                             : std::nullopt;
    }
    return std::nullopt;
}

namespace {
QString registrationName(qint64 number)
{
    return number > 0 ? QStringLiteral("registration #%1").arg(number) : QStringLiteral("this draft registration");
}
} // namespace

QString actionRefusal(DealAction action, DealStatus from, qint64 number, bool extended)
{
    if (transition(from, action, extended))
        return {};
    const QString who = registrationName(number);
    const QString is = QStringLiteral("%1 is %2; ").arg(who, toString(from));
    switch (action) {
    case DealAction::Submit:
        return is + QStringLiteral("only Draft registrations can be submitted");
    case DealAction::Approve:
        return is + QStringLiteral("only Submitted registrations can be approved");
    case DealAction::Reject:
        return is + QStringLiteral("only Submitted or Approved registrations can be rejected");
    case DealAction::Extend:
        if (extended && (from == DealStatus::Submitted || from == DealStatus::Approved))
            return QStringLiteral("%1 was already extended; protection can be extended once").arg(who);
        return is + QStringLiteral("only Submitted or Approved registrations can be extended");
    case DealAction::MarkWon:
        return is + QStringLiteral("only Approved registrations can be marked won");
    case DealAction::MarkLost:
        return is + QStringLiteral("only Approved registrations can be marked lost");
    case DealAction::Expire:
        return is + QStringLiteral("only Submitted or Approved registrations can expire");
    }
    return is + QStringLiteral("the action is not allowed");
}

QString conflictRefusal(const RegistrationFacts& later, const RegistrationFacts& earlier, const ProgramRules& rules)
{
    if (conflicts(later, earlier, rules))
        return {};
    const QString pair = QStringLiteral("%1 and %2 are not a conflict: ")
                             .arg(registrationName(later.number), registrationName(earlier.number));
    if (later.number == earlier.number && later.partnerId == earlier.partnerId)
        return pair + QStringLiteral("they are the same registration");
    if (later.status == DealStatus::Draft || !later.registeredAt.isValid())
        return pair + QStringLiteral("%1 was never submitted").arg(registrationName(later.number));
    if (earlier.status == DealStatus::Draft || !earlier.registeredAt.isValid())
        return pair + QStringLiteral("%1 was never submitted").arg(registrationName(earlier.number));
    if (earlier.registeredAt > later.registeredAt ||
        (earlier.registeredAt == later.registeredAt && earlier.number > later.number))
        return pair + QStringLiteral("%1 was registered after %2 (swap --later and --earlier?)")
                          .arg(registrationName(earlier.number), registrationName(later.number));
    if (later.partnerId == earlier.partnerId)
        return pair + QStringLiteral("both were registered by the same partner");
    const bool sameCustomer = (!later.customerKey.isEmpty() && later.customerKey == earlier.customerKey) ||
                              (!later.customerDomain.isEmpty() && later.customerDomain == earlier.customerDomain);
    if (!sameCustomer)
        return pair + QStringLiteral("they are for different end customers");
    if (later.productKey != earlier.productKey)
        return pair + QStringLiteral("they are for different products");
    if (earlier.status == DealStatus::Rejected)
        return pair + QStringLiteral("%1 was rejected").arg(registrationName(earlier.number));
    return pair + QStringLiteral("the protection of %1 had ended (%2) when %3 was registered (%4)")
                      .arg(registrationName(earlier.number), protectionEnd(earlier, rules).toString(Qt::ISODate),
                           registrationName(later.number), later.registeredAt.toString(Qt::ISODate));
}

QList<DealStatus> openStatuses()
{
    return {DealStatus::Draft, DealStatus::Submitted, DealStatus::Approved};
}

QList<DealStatus> protectedStatuses()
{
    return {DealStatus::Submitted, DealStatus::Approved};
}

std::optional<DealStatus> statusBeforeClosing(DealStatus closed)
{
    switch (closed) {
    case DealStatus::Won:
    case DealStatus::Lost:
        return DealStatus::Approved;
    case DealStatus::Rejected:
    case DealStatus::Expired:
        return DealStatus::Submitted;
    default:
        return std::nullopt;
    }
}

QDate quarterStart(const QDate& date)
{
    return QDate(date.year(), ((date.month() - 1) / 3) * 3 + 1, 1);
}

int protectionWindowDays(const ProgramRules& rules, bool extended)
{
    return rules.protectionDays + (extended ? rules.extensionDays : 0);
}

QDateTime overdueRegisteredBy(const QDate& asOf, const ProgramRules& rules, bool extended)
{
    return asOf.startOfDay(Qt::UTC).addDays(-protectionWindowDays(rules, extended));
}

bool isOverdue(const QDateTime& registeredAt, bool extended, const ProgramRules& rules, const QDate& asOf)
{
    return registeredAt.isValid() && registeredAt <= overdueRegisteredBy(asOf, rules, extended);
}

std::optional<DealStatus> openStatusAsOf(const DealAsOfFacts& deal, const QDate& asOf, const ProgramRules& rules)
{
    const QDateTime entered = deal.registeredAt.isValid() ? deal.registeredAt : deal.createdAt;
    if (!entered.isValid() || entered >= asOf.addDays(1).startOfDay(Qt::UTC))
        return std::nullopt;
    if (isOpen(deal.status))
        return deal.status;
    if (deal.status == DealStatus::Expired) {
        if (isOverdue(deal.registeredAt, deal.extended, rules, asOf.addDays(1)))
            return std::nullopt;
    } else if (!deal.closedOn.isValid() || deal.closedOn <= asOf) {
        return std::nullopt;
    }
    return statusBeforeClosing(deal.status);
}

std::optional<DealAction> actionBetween(DealStatus from, DealStatus to)
{
    for (DealAction a : {DealAction::Submit, DealAction::Approve, DealAction::Reject, DealAction::MarkWon,
                         DealAction::MarkLost, DealAction::Expire})
        if (transition(from, a) == std::optional(to))
            return a;
    return std::nullopt;
}

AutoApprovalDecision evaluateAutoApproval(const AutoApprovalRules& rules, int conflictCount, int partnerTierRank,
                                          qint64 amountMinor, const QString& dealCurrency)
{
    if (!rules.enabled)
        return {false, QStringLiteral("automatic approval is off")};
    QStringList reasons;
    if (rules.requireNoConflict) {
        if (conflictCount > 0)
            return {false,
                    QStringLiteral("left for review: conflicts with %1 earlier registration(s)").arg(conflictCount)};
        reasons << QStringLiteral("no conflict");
    }
    if (rules.minTierRank > 0) {
        if (partnerTierRank < rules.minTierRank)
            return {false,
                    QStringLiteral("left for review: tier rank %1 < %2").arg(partnerTierRank).arg(rules.minTierRank)};
        reasons << QStringLiteral("tier rank %1 ≥ %2").arg(partnerTierRank).arg(rules.minTierRank);
    }
    if (rules.maxAmountMinor >= 0) {
        if (dealCurrency != rules.currency)
            return {false,
                    QStringLiteral("left for review: amount in %1, limit in %2").arg(dealCurrency, rules.currency)};
        if (amountMinor < 0)
            return {false, QStringLiteral("left for review: no amount")};
        const QString amount = formatMinorUnits(amountMinor, dealCurrency) + QLatin1Char(' ') + dealCurrency;
        const QString limit =
            formatMinorUnits(rules.maxAmountMinor, rules.currency) + QLatin1Char(' ') + rules.currency;
        if (amountMinor > rules.maxAmountMinor)
            return {false, QStringLiteral("left for review: amount %1 > %2").arg(amount, limit)};
        reasons << QStringLiteral("amount %1 ≤ %2").arg(amount, limit);
    }
    return {true, QStringLiteral("auto-approved: ") +
                      (reasons.isEmpty() ? QStringLiteral("no criteria") : reasons.join(QStringLiteral(", ")))};
}

} // namespace pd
