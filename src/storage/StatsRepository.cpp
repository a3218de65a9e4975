#include "storage/StatsRepository.h"

#include "storage/Database.h"
#include "storage/FxRepository.h"

#include <QSqlQuery>

namespace pd {

qint64 StatsRepository::scalar(const QString& sql) const
{
    QSqlQuery q = m_db.prepare(sql);
    Database::exec(q, QStringLiteral("Counting"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

BookStats StatsRepository::stats(const QString& reportingCurrency) const
{
    BookStats s;
    const QString live = QStringLiteral(" WHERE deleted_at IS NULL");
    s.partners = scalar(QStringLiteral("SELECT COUNT(*) FROM partners") + live);
    s.contacts = scalar(QStringLiteral("SELECT COUNT(*) FROM contacts") + live);
    s.accounts = scalar(QStringLiteral("SELECT COUNT(*) FROM accounts") + live);
    s.products = scalar(QStringLiteral("SELECT COUNT(*) FROM products") + live);
    s.deals = scalar(QStringLiteral("SELECT COUNT(*) FROM deals") + live);
    s.accountsWithParent =
        scalar(QStringLiteral("SELECT COUNT(*) FROM accounts WHERE deleted_at IS NULL AND parent_pk IS NOT NULL"));
    s.dealsWithoutAccount =
        scalar(QStringLiteral("SELECT COUNT(*) FROM deals WHERE deleted_at IS NULL AND account_pk IS NULL"));
    s.partnersWithDeals =
        scalar(QStringLiteral("SELECT COUNT(DISTINCT partner_pk) FROM deals WHERE deleted_at IS NULL"));
    // Per currency and close month (the month a won amount converts at, FxRepository's rule); the reporting currency
    // needs no rate, so its months are not told apart.
    QSqlQuery won = m_db.prepare(
        QStringLiteral("SELECT currency, CASE WHEN currency = ? THEN '' ELSE COALESCE(substr(closed_on, 1, 7), '') END "
                       "AS month, SUM(amount_minor), COUNT(*) FROM deals WHERE deleted_at IS NULL AND status = 'Won' "
                       "AND amount_minor IS NOT NULL GROUP BY currency, month"));
    won.addBindValue(reportingCurrency);
    // The rates first: PostgreSQL streams a forward-only result, and another query would cut it short.
    const FxRateTable rates = reportingCurrency.isEmpty() ? FxRateTable() : FxRepository::table(m_db);
    Database::exec(won, QStringLiteral("Summing won amounts"));
    s.reportingCurrency = reportingCurrency;
    s.fx.reportingCurrency = reportingCurrency;
    while (won.next()) {
        const QString currency = won.value(0).toString();
        const qint64 sum = won.value(2).toLongLong();
        s.wonByCurrency[currency] += sum;
        if (reportingCurrency.isEmpty())
            continue;
        if (const auto c = rates.convert(sum, currency, won.value(1).toString(), reportingCurrency, &s.fx,
                                         won.value(3).toLongLong()))
            s.wonConvertedMinor += *c;
    }
    s.wonAmountMinor = s.wonByCurrency.size() == 1 ? s.wonByCurrency.first() : 0;
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT status, COUNT(*) FROM deals WHERE deleted_at IS NULL GROUP BY status"));
    Database::exec(q, QStringLiteral("Counting deals"));
    while (q.next())
        s.dealsByStatus.insert(q.value(0).toString(), q.value(1).toLongLong());
    QSqlQuery t = m_db.prepare(
        QStringLiteral("SELECT partner_type, COUNT(*) FROM partners WHERE deleted_at IS NULL GROUP BY partner_type"));
    Database::exec(t, QStringLiteral("Counting partners"));
    while (t.next())
        s.partnersByType.insert(t.value(0).toString(), t.value(1).toLongLong());
    return s;
}

qint64 StatsRepository::wonAmountBetween(const QString& fromIsoDate, const QString& toIsoDate) const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT COALESCE(SUM(amount_minor), 0) FROM deals WHERE deleted_at IS NULL "
                                    "AND status = 'Won' AND closed_on >= ? AND closed_on <= ?"));
    q.addBindValue(fromIsoDate);
    q.addBindValue(toIsoDate);
    Database::exec(q, QStringLiteral("Summing won amounts"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace pd
