#pragma once

#include "domain/FxRateFiles.h"
#include "domain/FxRateTable.h"

#include <QList>
#include <QMap>
#include <QString>

namespace pd {

class ChangeNotifier;
class Clock;
class Database;

/// What an FX import did: the rates written (inserted or replaced), the months per currency, the problems that
/// stopped it (then nothing was written) and, for the Federal Reserve file, the countries not imported and why.
struct FxImportReport
{
    qint64 written = 0;
    QMap<QString, int> monthsByCurrency;
    QList<FxFileProblem> problems;
    QStringList notImported;
    bool ok() const { return problems.isEmpty(); }
};

/// The dated FX rates of a book (table fx_rates, schema v9: units of a currency per 1 USD for a month, × 10^8) and
/// the SQL building block that converted aggregations use.
///
/// The conversion rule (DESIGN.md section 2; issue 11 item 6; README "FX rates"): an amount converts to the reporting
/// currency at the rate of the deal's close month (Won, Lost) or of the evaluation month (open deals); when that
/// month has no rate, the latest earlier month's rate is used; with no rate at or before that month the amount is not
/// converted and is reported as left out (count and currency, FxRatesUsed). Conversion goes through USD: amount ×
/// (reporting per USD) / (currency per USD), rounded half up to the reporting currency's minor units
/// (convertMinorUnits). Aggregations sum in SQL per (currency, conversion month) group (conversionMonthSql) and
/// convert each group's sum once (FxRateTable::convert): one rate lookup per group, not per deal; deals already in the
/// reporting currency are summed as before and need no rate. Throws StorageError.
class FxRepository
{
public:
    /// `notifier` (optional) hears fxRatesChanged() once an import has committed; `clock` stamps updated_at.
    FxRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr)
        : m_db(db), m_clock(clock), m_notifier(notifier)
    {
    }

    /// Imports a CSV of rates (parseFxRatesCsv: currency, month, units_per_usd). All or nothing: any bad row (or an
    /// unreadable file) is reported by file, row and field and nothing is written.
    FxImportReport importCsv(const QString& path);
    /// Imports the Federal Reserve monthly file through the countries file (parseFrbMonthlyCsv). Countries that
    /// cannot be mapped to one currency are reported in notImported, not guessed; bad rows stop the import.
    FxImportReport importFrb(const QString& path, const QString& countriesPath);
    /// Inserts or replaces the rates (per currency and month) in one transaction, with one change-log entry per
    /// currency (fx_rates rows have no UUID: entity_id is the currency code) and one audit entry naming `what`.
    /// Returns the number of rates written.
    qint64 upsert(const QList<FxRate>& rates, const QString& what);
    /// The stored rates, of `currency` only when given, by currency then month.
    QList<FxRate> list(const QString& currency = QString()) const { return list(m_db, currency); }
    /// The same, for readers that have no clock.
    static QList<FxRate> list(Database& db, const QString& currency = QString());
    /// Every stored rate, for conversions (a few thousand rows).
    FxRateTable table() const { return table(m_db); }
    /// Every stored rate of `db` (for readers that have no clock).
    static FxRateTable table(Database& db);

    /// The SQL expression of the month ("YYYY-MM") an aggregated deal converts at: the close month when
    /// `closedCondition` (SQL over the same row, e.g. "x.status IN ('Won','Lost') AND x.closed_on <= ?") holds,
    /// else the evaluation month, one bound value (`?`) that follows the closed condition's own bound values.
    /// `closedOn` is the close-date column (an ISO date). Group an aggregation by currency and this month.
    static QString conversionMonthSql(const QString& closedCondition, const QString& closedOn);

private:
    FxImportReport importParsed(const FxParsedRates& parsed, const QString& what);
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
