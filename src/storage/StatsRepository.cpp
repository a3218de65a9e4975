#include "storage/StatsRepository.h"

#include "storage/Database.h"

#include <QSqlQuery>

namespace pd {

qint64 StatsRepository::scalar(const QString& sql) const
{
    QSqlQuery q = m_db.prepare(sql);
    Database::exec(q, QStringLiteral("Counting"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

BookStats StatsRepository::stats() const
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
    QSqlQuery won =
        m_db.prepare(QStringLiteral("SELECT currency, SUM(amount_minor) FROM deals WHERE deleted_at IS NULL "
                                    "AND status = 'Won' AND amount_minor IS NOT NULL GROUP BY currency"));
    Database::exec(won, QStringLiteral("Summing won amounts"));
    while (won.next())
        s.wonByCurrency.insert(won.value(0).toString(), won.value(1).toLongLong());
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
