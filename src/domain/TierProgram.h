#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace pd {

/// One tier of the tier program (DESIGN.md section 3, tier program; schema v9 table tiers). A criterion left empty is
/// not required. The tier of rank 0 has no criteria that count: it always qualifies.
struct Tier
{
    QString id;                            ///< UUID text; empty before the tier is saved
    QString name;                          ///< "Gold"; unique among the tiers of the program
    int rank = 0;                          ///< 0 (entry tier) and up; higher is better; unique
    std::optional<qint64> minRevenueMinor; ///< T12M partner-sourced won revenue, minor units of revenueCurrency
    QString revenueCurrency = QStringLiteral("USD"); ///< ISO 4217 code of minRevenueMinor (the reporting currency)
    std::optional<int> minWonDeals;                  ///< won deals T12M
    std::optional<int> minCertifiedContacts;         ///< contacts holding a certification that counts on the date
    std::optional<int> minPsat;                      ///< partner satisfaction score, 0–100
    bool requireOnboardingComplete = false;          ///< every required onboarding task done
    QString benefits;                                ///< for people: "Discount 20%; MDF eligible"
    int version = 1;                                 ///< optimistic concurrency (DESIGN.md section 2)
};

/// A partner's actual figures on an evaluation date, the input of evaluateTier().
struct PartnerTierMetrics
{
    QString partnerId;  ///< UUID text
    QString partnerKey; ///< "P-0001"
    QString partnerName;
    QString currentTier;     ///< partners.tier
    qint64 revenueMinor = 0; ///< T12M sourced won revenue, minor units of revenueCurrency
    QString revenueCurrency = QStringLiteral("USD");
    int wonDeals = 0; ///< won deals T12M
    int certifiedContacts = 0;
    std::optional<int> psat; ///< unknown when the book holds no score (then a PSAT criterion is unmet)
    bool onboardingComplete = false;
};

/// How a recommendation compares with the current tier, by rank.
enum class TierChange { Promote, Demote, Keep };

/// "promote", "demote", "keep" (the CLI's JSON and the dialogs).
QString toString(TierChange change);

/// One criterion of one tier for one partner. Revenue is in minor units of `currency`; booleans (onboarding
/// complete) are 0 or 1.
struct TierCriterion
{
    QString name; ///< "revenue_t12m", "won_deals_t12m", "certified_contacts", "psat", "onboarding_complete"
    qint64 actual = 0;
    qint64 required = 0;
    bool met = false;
    qint64 gap = 0;   ///< how much is missing (required − actual), 0 when met
    QString currency; ///< the revenue criterion's currency; empty for the others
};

/// The result of evaluateTier(): the recommended tier with the explanation of its criteria and of the criteria of the
/// next tier up (what is missing to reach it), and the change against the current tier.
struct TierEvaluation
{
    QString currentTier;
    QString recommendedTier;
    int recommendedRank = 0;
    TierChange change = TierChange::Keep;
    QList<TierCriterion> criteria;     ///< of the recommended tier (empty for the entry tier)
    QString nextTier;                  ///< the tier above the recommended one; empty at the top
    QList<TierCriterion> nextCriteria; ///< of nextTier
};

/// The criteria of `tier` measured on `metrics`, in the order revenue, won deals, certified contacts, PSAT,
/// onboarding (only those the tier requires).
QList<TierCriterion> tierCriteria(const Tier& tier, const PartnerTierMetrics& metrics);

/// Recommends a tier (DESIGN.md section 3): the highest-ranked tier of `program` whose criteria are ALL met; the tier
/// of the lowest rank always qualifies. The change compares the recommended rank with the rank of `currentTier`
/// (matched by name, case-insensitively); a current tier that the program does not hold counts as below every tier
/// (promote, unless the names match). `program` may be in any order; an empty program recommends nothing (empty
/// names, keep).
TierEvaluation evaluateTier(const QList<Tier>& program, const PartnerTierMetrics& metrics, const QString& currentTier);

/// A what-if change of one partner's figures: amounts added to its actuals (may be negative).
struct TierMetricsAdjustment
{
    QString partnerId;
    qint64 addRevenueMinor = 0; ///< minor units of the partner's revenue currency
    int addWonDeals = 0;
    int addCertifiedContacts = 0;
};

/// A partner whose recommendation differs between two what-if scenarios.
struct TierMove
{
    QString partnerId;
    QString partnerKey;
    QString partnerName;
    QString currentTier;
    QString before;                       ///< recommended with the stored figures and program
    QString after;                        ///< recommended with the adjusted figures or program
    TierChange change = TierChange::Keep; ///< after against before, by rank
};

/// What-if (issue 11, item 3), pure: evaluates every partner of `metrics` with `program`, then again with
/// rank and the figures changed by `adjustments`, and lists the partners whose recommendation moves, in
/// the order of `metrics`. Nothing is written anywhere.
QList<TierMove> tierWhatIf(const QList<Tier>& program, const QList<Tier>& changedProgram,
                           const QList<PartnerTierMetrics>& metrics, const QList<TierMetricsAdjustment>& adjustments);

} // namespace pd
