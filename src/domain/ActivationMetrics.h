#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace pd {

/// What storage knows about one activated partner, the input of ActivationMetrics (read by
/// ActivationMetricsRepository; tests build it by hand). Every date is a calendar date (UTC); invalid means "none".
struct ActivationFacts
{
    QString partnerKey;
    QDate activationDate;  ///< partners.activation_date: the date of its first move to Active (DESIGN.md section 3)
    QDate onboardingStart; ///< the latest move into Onboarding on or before the activation date (partner_stage_history
                           ///< changed_on; a partner imported or created in Onboarding: that first row's date)
    QDate firstRegistration; ///< registered_at date of its first sourced registration (not Draft, not archived)
    QDate firstRegistrationSinceActivation; ///< the first such registration on or after the activation date
    QDate firstWonClose;                    ///< close date of its first Won sourced deal (not archived)
};

/// One partner's activation metrics (issue 9, item 7; DESIGN.md section 3, "TTFR"). Day counts are whole days,
/// later date − earlier date; nullopt when the fact they need is missing.
struct PartnerActivation
{
    QString partnerKey;
    QDate activationDate;
    std::optional<int> daysToOnboard;           ///< activation − onboarding start; ≥ 0
    std::optional<int> daysToFirstRegistration; ///< first registration − activation; negative when it came before
    std::optional<int> ttfrDays;                ///< first Won close − activation (time to first revenue)
    bool registeredWithin90Days = false;        ///< a registration in [activation, activation + 90 days]
};

/// One cohort: the partners activated in one calendar quarter (issue 9, item 7).
struct ActivationCohort
{
    QString quarter;                        ///< "2016Q4"
    int activated = 0;                      ///< partners activated in the quarter (up to as-of)
    int registeredWithin90Days = 0;         ///< of them, those with a registration within 90 days of activation
    std::optional<double> activationRate90; ///< registeredWithin90Days / activated, 0–1; nullopt when activated is 0
};

/// The metrics of a whole book as of a date.
struct ActivationReport
{
    QDate asOf;
    QList<PartnerActivation> partners; ///< activated partners, in the order of the facts given
    QList<ActivationCohort> cohorts;   ///< quarters with at least one activation, oldest first
};

/// Activation metrics from per-partner facts (issue 9, item 7; DESIGN.md section 3: "Time to first revenue (TTFR):
/// close date of the partner's first won sourced deal − its activation date, in days. 90-day activation rate: share
/// of partners activated in a period that registered at least one deal within 90 days"). Pure: no SQL, no clock.
///
/// Definitions, as of the date `asOf` (facts dated after it are ignored, whatever the caller passed):
/// - only partners with an activation date on or before `asOf` count;
/// - days_to_onboard = activation date − onboarding start; none without an onboarding start, or when it is after
///   the activation date;
/// - days_to_first_registration = first registration − activation date (may be negative);
/// - ttfr_days = first Won close − activation date;
/// - cohort = calendar quarter of the activation date; activation_rate_90d = share of the cohort with a registration
///   dated in [activation, activation + 90 days] and on or before `asOf`.
class ActivationMetrics
{
public:
    /// The metrics of `facts` as of `asOf` (a valid date).
    static ActivationReport compute(const QList<ActivationFacts>& facts, const QDate& asOf);
    /// One partner's metrics as of `asOf`; nullopt when it has no activation date on or before `asOf`.
    static std::optional<PartnerActivation> forPartner(const ActivationFacts& facts, const QDate& asOf);
    /// The calendar quarter of `date` as "2016Q4".
    static QString quarterOf(const QDate& date);
};

} // namespace pd
