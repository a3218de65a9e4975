#include "storage/FxRepository.h"

#include "domain/Clock.h"
#include "domain/FxConversion.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/Transaction.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlQuery>

namespace pd {

namespace {
/// The text of a file, or a problem naming it.
std::optional<QString> readText(const QString& path, QList<FxFileProblem>& problems)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        problems << FxFileProblem{QFileInfo(path).fileName(), 0, QString(),
                                  QStringLiteral("cannot read: %1").arg(f.errorString())};
        return std::nullopt;
    }
    return QString::fromUtf8(f.readAll());
}

constexpr int kRowsPerInsert = 200; // 5 binds a row: far below SQLite's 32,766 and PostgreSQL's 65,535
} // namespace

FxImportReport FxRepository::importCsv(const QString& path)
{
    FxImportReport report;
    const auto text = readText(path, report.problems);
    if (!text)
        return report;
    return importParsed(parseFxRatesCsv(*text, QFileInfo(path).fileName()),
                        QStringLiteral("import %1").arg(QFileInfo(path).fileName()));
}

FxImportReport FxRepository::importFrb(const QString& path, const QString& countriesPath)
{
    FxImportReport report;
    const auto text = readText(path, report.problems);
    const auto countries = readText(countriesPath, report.problems);
    if (!text || !countries)
        return report;
    return importParsed(
        parseFrbMonthlyCsv(*text, QFileInfo(path).fileName(), *countries, QFileInfo(countriesPath).fileName()),
        QStringLiteral("import %1 (Federal Reserve)").arg(QFileInfo(path).fileName()));
}

FxImportReport FxRepository::importParsed(const FxParsedRates& parsed, const QString& what)
{
    FxImportReport report;
    report.problems = parsed.problems;
    report.notImported = parsed.notImported;
    if (!report.problems.isEmpty())
        return report;
    for (const FxRate& r : parsed.rates)
        ++report.monthsByCurrency[r.currency];
    report.written = upsert(parsed.rates, what);
    return report;
}

qint64 FxRepository::upsert(const QList<FxRate>& rates, const QString& what)
{
    if (rates.isEmpty())
        return 0;
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    for (qsizetype start = 0; start < rates.size(); start += kRowsPerInsert) {
        const qsizetype n = std::min<qsizetype>(kRowsPerInsert, rates.size() - start);
        QStringList rows;
        for (qsizetype i = 0; i < n; ++i)
            rows << QStringLiteral("(?, ?, ?, ?, ?)");
        QSqlQuery q = m_db.prepare(
            QStringLiteral("INSERT INTO fx_rates (currency, month, units_per_usd_e8, source, updated_at) VALUES %1 "
                           "ON CONFLICT (currency, month) DO UPDATE SET units_per_usd_e8 = excluded.units_per_usd_e8, "
                           "source = excluded.source, updated_at = excluded.updated_at")
                .arg(rows.join(QStringLiteral(", "))));
        for (qsizetype i = start; i < start + n; ++i) {
            const FxRate& r = rates.at(i);
            q.addBindValue(r.currency);
            q.addBindValue(r.month);
            q.addBindValue(r.unitsPerUsdE8);
            q.addBindValue(r.source);
            q.addBindValue(at);
        }
        Database::exec(q, QStringLiteral("Writing FX rates"));
    }
    QMap<QString, QStringList> months;
    for (const FxRate& r : rates)
        months[r.currency] << r.month;
    ChangeRecorder rec(m_db);
    QStringList summary;
    for (auto it = months.begin(); it != months.end(); ++it) {
        rec.logChange(QStringLiteral("fx_rates"), it.key(), QStringLiteral("update"), 1, at);
        std::sort(it->begin(), it->end());
        summary << QStringLiteral("%1 %2 month(s) %3…%4").arg(it.key()).arg(it->size()).arg(it->first(), it->last());
    }
    rec.audit(QStringLiteral("import"), QStringLiteral("fx_rates"), QString(),
              QStringLiteral("%1: %2 rate(s): %3").arg(what).arg(rates.size()).arg(summary.join(QStringLiteral("; "))),
              at);
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::fxRatesChanged);
    tx.commit();
    return rates.size();
}

QList<FxRate> FxRepository::list(Database& db, const QString& currency)
{
    QSqlQuery q = db.prepare(
        currency.isEmpty()
            ? QStringLiteral("SELECT currency, month, units_per_usd_e8, source FROM fx_rates ORDER BY currency, month")
            : QStringLiteral("SELECT currency, month, units_per_usd_e8, source FROM fx_rates WHERE currency = ? "
                             "ORDER BY month"));
    if (!currency.isEmpty())
        q.addBindValue(currency);
    Database::exec(q, QStringLiteral("Reading FX rates"));
    QList<FxRate> out;
    while (q.next())
        out << FxRate{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString()};
    return out;
}

FxRateTable FxRepository::table(Database& db)
{
    FxRateTable t;
    for (const FxRate& r : list(db))
        t.insert(r);
    return t;
}

QString FxRepository::conversionMonthSql(const QString& closedCondition, const QString& closedOn)
{
    // substr is the same function in SQLite and PostgreSQL; CAST keeps PostgreSQL from typing the bound month.
    return QStringLiteral("CASE WHEN %1 THEN substr(%2, 1, 7) ELSE CAST(? AS TEXT) END").arg(closedCondition, closedOn);
}

} // namespace pd
