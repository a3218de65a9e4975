// Activation-metrics benchmark (issue 9, "Bench"): on a large book (e.g. the generated 100,000 partners and 1,000,000
// deals), times `partners metrics` (ActivationMetricsRepository::report: the facts of every activated partner in two
// set-based queries, then ActivationMetrics) beside an anchor in the same run and on the same connection: the raw
// `SELECT partner_pk, MIN(registered_at) FROM deals GROUP BY partner_pk`, one grouped pass over the deals. Each is run
// `--runs` times after one warm-up; the median is printed with the ratio. Prints figures; not a CTest test.
// Usage: bench_metrics --db FILE|URL [--as-of YYYY-MM-DD] [--runs N]. The generated books activate their Active
// partners on the day of the import: measure as of that day or later (the default, today).
#include "BenchSupport.h"
#include "domain/Clock.h"
#include "storage/ActivationMetricsRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <algorithm>
#include <functional>

using namespace pd;
using namespace pd::bench;

namespace {
/// The median wall time in ms of `runs` calls of `f`, after one call not counted (warm-up).
double medianMs(int runs, const std::function<void()>& f)
{
    f();
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        times.append(t.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("partners metrics on a large book, beside a grouped pass"));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The book (SQLite file or URL)"),
                                      QStringLiteral("db"));
    const QCommandLineOption asOfOption(QStringLiteral("as-of"), QStringLiteral("As of this date (default today)"),
                                        QStringLiteral("date"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed runs (default 3)"),
                                        QStringLiteral("n"), QStringLiteral("3"));
    parser.addOptions({dbOption, asOfOption, runsOption});
    parser.process(app);
    const auto config = DatabaseConfig::fromString(parser.value(dbOption));
    const QDate asOf =
        parser.isSet(asOfOption) ? QDate::fromString(parser.value(asOfOption), Qt::ISODate) : Clock().todayUtc();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    if (!config || !asOf.isValid()) {
        print(QStringLiteral("--db is required, --as-of must be YYYY-MM-DD"));
        return 1;
    }
    try {
        Database db(*config);
        db.open();
        Migrator(db).migrate();
        const ActivationMetricsRepository metrics(db);
        ActivationReport report;
        const double metricsMs = medianMs(runs, [&] { report = metrics.report(asOf); });
        qint64 registered = 0;
        for (const PartnerActivation& a : std::as_const(report.partners))
            registered += a.daysToFirstRegistration.has_value() ? 1 : 0;
        print(QStringLiteral("metrics    partners metrics as of %1: %2 ms (median of %3), %4 activated partners "
                             "(%5 with a registration), %6 cohorts")
                  .arg(asOf.toString(Qt::ISODate))
                  .arg(metricsMs, 0, 'f', 0)
                  .arg(runs)
                  .arg(report.partners.size())
                  .arg(registered)
                  .arg(report.cohorts.size()));
        qint64 groups = 0;
        const double anchorMs = medianMs(runs, [&] {
            QSqlQuery q =
                db.prepare(QStringLiteral("SELECT partner_pk, MIN(registered_at) FROM deals GROUP BY partner_pk"));
            q.setForwardOnly(true);
            Database::exec(q, QStringLiteral("anchor"));
            groups = 0;
            while (q.next())
                ++groups;
        });
        print(QStringLiteral("anchor     SELECT partner_pk, MIN(registered_at) FROM deals GROUP BY partner_pk: %1 ms "
                             "(median of %2), %3 rows")
                  .arg(anchorMs, 0, 'f', 0)
                  .arg(runs)
                  .arg(groups));
        print(QStringLiteral("ratio      partners metrics / anchor: %1").arg(ratio(metricsMs, anchorMs)));
    } catch (const StorageError& e) {
        print(e.message());
        return 3;
    }
    return 0;
}
