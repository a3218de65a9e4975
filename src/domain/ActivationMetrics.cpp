#include "domain/ActivationMetrics.h"

#include <QMap>

namespace pd {

namespace {
/// `date` when it is valid and on or before `asOf`, else an invalid date (the fact did not exist yet).
QDate upTo(const QDate& date, const QDate& asOf)
{
    return date.isValid() && date <= asOf ? date : QDate();
}

std::optional<int> daysBetween(const QDate& from, const QDate& to)
{
    if (!from.isValid() || !to.isValid())
        return std::nullopt;
    return static_cast<int>(from.daysTo(to));
}
} // namespace

QString ActivationMetrics::quarterOf(const QDate& date)
{
    return QStringLiteral("%1Q%2").arg(date.year()).arg((date.month() - 1) / 3 + 1);
}

std::optional<PartnerActivation> ActivationMetrics::forPartner(const ActivationFacts& facts, const QDate& asOf)
{
    const QDate activation = upTo(facts.activationDate, asOf);
    if (!activation.isValid())
        return std::nullopt;
    PartnerActivation a;
    a.partnerKey = facts.partnerKey;
    a.activationDate = activation;
    const QDate start = upTo(facts.onboardingStart, asOf);
    if (start.isValid() && start <= activation)
        a.daysToOnboard = daysBetween(start, activation);
    a.daysToFirstRegistration = daysBetween(activation, upTo(facts.firstRegistration, asOf));
    a.ttfrDays = daysBetween(activation, upTo(facts.firstWonClose, asOf));
    const QDate since = upTo(facts.firstRegistrationSinceActivation, asOf);
    a.registeredWithin90Days = since.isValid() && since >= activation && since <= activation.addDays(90);
    return a;
}

ActivationReport ActivationMetrics::compute(const QList<ActivationFacts>& facts, const QDate& asOf)
{
    ActivationReport report;
    report.asOf = asOf;
    QMap<QString, ActivationCohort> cohorts; // ordered by quarter text, which sorts as time does ("2016Q4" < "2017Q1")
    for (const ActivationFacts& f : facts) {
        const std::optional<PartnerActivation> a = forPartner(f, asOf);
        if (!a)
            continue;
        report.partners.append(*a);
        ActivationCohort& c = cohorts[quarterOf(a->activationDate)];
        ++c.activated;
        if (a->registeredWithin90Days)
            ++c.registeredWithin90Days;
    }
    for (auto it = cohorts.begin(); it != cohorts.end(); ++it) {
        ActivationCohort c = it.value();
        c.quarter = it.key();
        if (c.activated > 0)
            c.activationRate90 = static_cast<double>(c.registeredWithin90Days) / c.activated;
        report.cohorts.append(c);
    }
    return report;
}

} // namespace pd
