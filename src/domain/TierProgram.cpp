#include "domain/TierProgram.h"

#include <algorithm>

namespace pd {

namespace {

TierCriterion criterion(const QString& name, qint64 actual, qint64 required, const QString& currency = QString())
{
    TierCriterion c;
    c.name = name;
    c.actual = actual;
    c.required = required;
    c.met = actual >= required;
    c.gap = c.met ? 0 : required - actual;
    c.currency = currency;
    return c;
}

/// The tiers of `program` by ascending rank.
QList<Tier> byRank(QList<Tier> program)
{
    std::stable_sort(program.begin(), program.end(), [](const Tier& a, const Tier& b) { return a.rank < b.rank; });
    return program;
}

bool allMet(const QList<TierCriterion>& criteria)
{
    return std::all_of(criteria.begin(), criteria.end(), [](const TierCriterion& c) { return c.met; });
}

TierChange compareRanks(int to, int from)
{
    return to > from ? TierChange::Promote : to < from ? TierChange::Demote : TierChange::Keep;
}

} // namespace

QString toString(TierChange change)
{
    switch (change) {
    case TierChange::Promote:
        return QStringLiteral("promote");
    case TierChange::Demote:
        return QStringLiteral("demote");
    case TierChange::Keep:
        break;
    }
    return QStringLiteral("keep");
}

QList<TierCriterion> tierCriteria(const Tier& tier, const PartnerTierMetrics& metrics)
{
    QList<TierCriterion> out;
    if (tier.minRevenueMinor) {
        // Revenue in another currency than the threshold's is not comparable: it counts as nothing.
        const qint64 actual = metrics.revenueCurrency == tier.revenueCurrency ? metrics.revenueMinor : 0;
        out.append(criterion(QStringLiteral("revenue_t12m"), actual, *tier.minRevenueMinor, tier.revenueCurrency));
    }
    if (tier.minWonDeals)
        out.append(criterion(QStringLiteral("won_deals_t12m"), metrics.wonDeals, *tier.minWonDeals));
    if (tier.minCertifiedContacts)
        out.append(
            criterion(QStringLiteral("certified_contacts"), metrics.certifiedContacts, *tier.minCertifiedContacts));
    if (tier.minPsat) {
        TierCriterion c = criterion(QStringLiteral("psat"), metrics.psat.value_or(0), *tier.minPsat);
        if (!metrics.psat) {
            c.met = false;
            c.gap = *tier.minPsat;
        }
        out.append(c);
    }
    if (tier.requireOnboardingComplete)
        out.append(criterion(QStringLiteral("onboarding_complete"), metrics.onboardingComplete ? 1 : 0, 1));
    return out;
}

TierEvaluation evaluateTier(const QList<Tier>& program, const PartnerTierMetrics& metrics, const QString& currentTier)
{
    TierEvaluation out;
    out.currentTier = currentTier;
    const QList<Tier> tiers = byRank(program);
    if (tiers.isEmpty())
        return out;
    qsizetype best = 0; // the lowest rank always qualifies
    QList<TierCriterion> bestCriteria;
    for (qsizetype i = 1; i < tiers.size(); ++i) {
        QList<TierCriterion> criteria = tierCriteria(tiers[i], metrics);
        if (allMet(criteria)) {
            best = i;
            bestCriteria = std::move(criteria);
        }
    }
    out.recommendedTier = tiers[best].name;
    out.recommendedRank = tiers[best].rank;
    out.criteria = best == 0 ? QList<TierCriterion>{} : bestCriteria;
    if (best + 1 < tiers.size()) {
        out.nextTier = tiers[best + 1].name;
        out.nextCriteria = tierCriteria(tiers[best + 1], metrics);
    }
    const auto current = std::find_if(tiers.begin(), tiers.end(), [&](const Tier& t) {
        return t.name.compare(currentTier, Qt::CaseInsensitive) == 0;
    });
    out.change = current == tiers.end() ? TierChange::Promote : compareRanks(out.recommendedRank, current->rank);
    if (current != tiers.end() && current->name == out.recommendedTier)
        out.change = TierChange::Keep;
    return out;
}

QList<TierMove> tierWhatIf(const QList<Tier>& program, const QList<Tier>& changedProgram,
                           const QList<PartnerTierMetrics>& metrics, const QList<TierMetricsAdjustment>& adjustments)
{
    QList<TierMove> out;
    for (const PartnerTierMetrics& m : metrics) {
        PartnerTierMetrics changed = m;
        for (const TierMetricsAdjustment& a : adjustments) {
            if (a.partnerId.compare(m.partnerId, Qt::CaseInsensitive) != 0)
                continue;
            changed.revenueMinor += a.addRevenueMinor;
            changed.wonDeals += a.addWonDeals;
            changed.certifiedContacts += a.addCertifiedContacts;
        }
        const TierEvaluation before = evaluateTier(program, m, m.currentTier);
        const TierEvaluation after = evaluateTier(changedProgram, changed, m.currentTier);
        if (before.recommendedTier == after.recommendedTier)
            continue;
        out.append({m.partnerId, m.partnerKey, m.partnerName, m.currentTier, before.recommendedTier,
                    after.recommendedTier, compareRanks(after.recommendedRank, before.recommendedRank)});
    }
    return out;
}

} // namespace pd
