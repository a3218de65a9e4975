#pragma once

#include <QMap>
#include <QString>

namespace pd {

class Database;

/// Counts of what a book holds (not archived rows), for `partnerdesk-cli stats` and the status bar.
struct BookStats
{
    qint64 partners = 0, contacts = 0, accounts = 0, products = 0, deals = 0;
    QMap<QString, qint64> dealsByStatus;  ///< canonical status text → count
    QMap<QString, qint64> partnersByType; ///< canonical type text → count
    qint64 accountsWithParent = 0;
    qint64 dealsWithoutAccount = 0;
    qint64 partnersWithDeals = 0;
    /// Won amounts per ISO 4217 currency, in that currency's minor units (DESIGN.md section 2: amounts in different
    /// currencies are never added unconverted). Currencies without a won amount are absent.
    QMap<QString, qint64> wonByCurrency;
    /// The won amount when every won deal has the same currency (wonByCurrency has at most one entry), in its minor
    /// units; 0 when won deals are in several currencies (use wonByCurrency then).
    qint64 wonAmountMinor = 0;
};

/// Aggregate queries over a book. Throws StorageError.
class StatsRepository
{
public:
    explicit StatsRepository(Database& db) : m_db(db) {}
    BookStats stats() const;
    /// Won amount (minor units) of deals closed in [from, to], summed as stored.
    qint64 wonAmountBetween(const QString& fromIsoDate, const QString& toIsoDate) const;

private:
    qint64 scalar(const QString& sql) const;
    Database& m_db;
};

} // namespace pd
