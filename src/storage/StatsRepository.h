#pragma once

#include "domain/FxRatesUsed.h"

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
    /// The reporting currency of wonConvertedMinor (empty when stats() was asked for no conversion).
    QString reportingCurrency;
    /// Every won amount in the reporting currency: amounts in other currencies converted at the rate of their close
    /// month (FxRepository's rule; a month without a rate takes the latest earlier one); won deals without a rate are
    /// left out and named in `fx`.
    qint64 wonConvertedMinor = 0;
    FxRatesUsed fx; ///< the rates wonConvertedMinor used and the deals it left out
};

/// Aggregate queries over a book. Throws StorageError.
class StatsRepository
{
public:
    explicit StatsRepository(Database& db) : m_db(db) {}
    /// The counts, and when `reportingCurrency` is given the won amounts converted into it (wonConvertedMinor: one
    /// sum per currency and close month in SQL, each converted once).
    BookStats stats(const QString& reportingCurrency = QString()) const;
    /// Won amount (minor units) of deals closed in [from, to], summed as stored.
    qint64 wonAmountBetween(const QString& fromIsoDate, const QString& toIsoDate) const;

private:
    qint64 scalar(const QString& sql) const;
    Database& m_db;
};

} // namespace pd
