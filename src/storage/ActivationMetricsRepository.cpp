#include "storage/ActivationMetricsRepository.h"

#include "storage/Database.h"

#include <QHash>
#include <QSqlQuery>

namespace pd {

namespace {
QDate dateOf(const QVariant& v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString().left(10), Qt::ISODate);
}
} // namespace

QList<ActivationFacts> ActivationMetricsRepository::read(const QDate& asOf, const QString& partnerId) const
{
    const QString asOfText = asOf.toString(Qt::ISODate);
    // registered_at is an instant ("2016-10-20T00:00:00.000Z"): before the next day's date text means on or before
    // asOf, and on or after the activation date's text means on or after that day.
    const QString nextDayText = asOf.addDays(1).toString(Qt::ISODate);
    const QString onePartner = partnerId.isEmpty() ? QString() : QStringLiteral(" AND p.id = pd_uuid(?)");

    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT p.pk, p.partner_key, p.activation_date, "
                                    "(SELECT MAX(h.changed_on) FROM partner_stage_history h WHERE h.partner_pk = p.pk "
                                    "AND h.stage = 'Onboarding' AND h.changed_on <= p.activation_date) "
                                    "FROM partners p WHERE p.deleted_at IS NULL AND p.activation_date IS NOT NULL "
                                    "AND p.activation_date <= ?%1 ORDER BY p.partner_key")
                         .arg(onePartner));
    q.setForwardOnly(true);
    q.addBindValue(asOfText);
    if (!partnerId.isEmpty())
        q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Reading activated partners"));
    QList<ActivationFacts> list;
    QHash<qint64, qsizetype> indexOfPk;
    while (q.next()) {
        ActivationFacts f;
        f.partnerKey = q.value(1).toString();
        f.activationDate = dateOf(q.value(2));
        f.onboardingStart = dateOf(q.value(3));
        indexOfPk.insert(q.value(0).toLongLong(), list.size());
        list.append(f);
    }
    if (list.isEmpty())
        return list;

    QSqlQuery d = m_db.prepare(
        QStringLiteral("SELECT d.partner_pk, MIN(d.registered_at), "
                       "MIN(CASE WHEN d.registered_at >= p.activation_date THEN d.registered_at END), "
                       "MIN(CASE WHEN d.status = 'Won' AND d.closed_on <= ? THEN d.closed_on END) "
                       "FROM deals d JOIN partners p ON p.pk = d.partner_pk "
                       "WHERE p.deleted_at IS NULL AND p.activation_date IS NOT NULL AND p.activation_date <= ?%1 "
                       "AND d.deleted_at IS NULL AND d.status <> 'Draft' AND d.registered_at < ? "
                       "GROUP BY d.partner_pk")
            .arg(onePartner));
    d.setForwardOnly(true);
    d.addBindValue(asOfText);
    d.addBindValue(asOfText);
    if (!partnerId.isEmpty())
        d.addBindValue(partnerId);
    d.addBindValue(nextDayText);
    Database::exec(d, QStringLiteral("Reading partners' first registrations and wins"));
    while (d.next()) {
        const auto it = indexOfPk.constFind(d.value(0).toLongLong());
        if (it == indexOfPk.constEnd())
            continue;
        ActivationFacts& f = list[*it];
        f.firstRegistration = dateOf(d.value(1));
        f.firstRegistrationSinceActivation = dateOf(d.value(2));
        f.firstWonClose = dateOf(d.value(3));
    }
    return list;
}

QList<ActivationFacts> ActivationMetricsRepository::facts(const QDate& asOf) const
{
    return read(asOf, QString());
}

std::optional<ActivationFacts> ActivationMetricsRepository::factsOf(const QString& partnerId, const QDate& asOf) const
{
    const QList<ActivationFacts> list = read(asOf, partnerId);
    if (list.isEmpty())
        return std::nullopt;
    return list.constFirst();
}

ActivationReport ActivationMetricsRepository::report(const QDate& asOf) const
{
    return ActivationMetrics::compute(facts(asOf), asOf);
}

} // namespace pd
