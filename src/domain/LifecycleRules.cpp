#include "domain/LifecycleRules.h"

#include <QCoreApplication>
#include <QStringList>

namespace pd {

QList<LifecycleStage> LifecycleRules::allowedMoves(LifecycleStage from)
{
    using S = LifecycleStage;
    switch (from) {
    case S::Prospect:
        return {S::Applied};
    case S::Applied:
        return {S::Prospect, S::Onboarding};
    case S::Onboarding:
        return {S::Active, S::Offboarded};
    case S::Active:
        return {S::AtRisk, S::Offboarded};
    case S::AtRisk:
        return {S::Active, S::Offboarded};
    case S::Offboarded:
        return {};
    }
    return {};
}

bool LifecycleRules::isAllowed(LifecycleStage from, LifecycleStage to)
{
    return allowedMoves(from).contains(to);
}

QString LifecycleRules::refusal(LifecycleStage from, LifecycleStage to)
{
    if (isAllowed(from, to))
        return {};
    const auto tr = [](const char* text) { return QCoreApplication::translate("pd::LifecycleRules", text); };
    if (from == to)
        return tr("The partner is already in %1").arg(toString(to));
    const QList<LifecycleStage> moves = allowedMoves(from);
    if (moves.isEmpty())
        return tr("An offboarded partner is read-only: its stage cannot change");
    QStringList names;
    for (LifecycleStage s : moves)
        names.append(toString(s));
    return tr("A partner in %1 can move to %2 only, not to %3")
        .arg(toString(from), names.join(tr(" or ")), toString(to));
}

} // namespace pd
