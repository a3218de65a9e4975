// Deal-registration benchmark (issue 3, "Bench"): on a book imported by bench_import (e.g. 100,000 partners
// and 1,000,000 deals), times the full conflict scan, the live conflict check a registration form runs
// while it is typed in, the pipeline totals (book and per partner), and the pipeline table's first page
// and count with and without filters. Prints figures; not a CTest test.
// Usage: bench_pipeline --db FILE
#include "domain/Clock.h"
#include "storage/ConflictRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PipelineRepository.h"
#include "storage/StorageError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace pd;

namespace {
void print(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

double timeMs(const std::function<void()>& f)
{
    QElapsedTimer t;
    t.start();
    f();
    return t.nsecsElapsed() / 1e6;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Deal registration and pipeline timings on a large book"));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The book (SQLite file or URL)"),
                                      QStringLiteral("db"));
    parser.addOption(dbOption);
    parser.process(app);
    const auto config = DatabaseConfig::fromString(parser.value(dbOption));
    if (!config) {
        print(QStringLiteral("--db is required"));
        return 1;
    }
    try {
        Database db(*config);
        db.open();
        Migrator(db).migrate();
        const ProgramRules rules;
        qint64 deals = 0;
        {
            QSqlQuery q = db.prepare(QStringLiteral("SELECT COUNT(*) FROM deals"));
            Database::exec(q, QStringLiteral("count"));
            q.next();
            deals = q.value(0).toLongLong();
        }
        print(QStringLiteral("book       %1 deals").arg(deals));

        ConflictRepository conflicts(db);
        QList<ConflictInfo> all;
        const double scan = timeMs([&] { all = conflicts.allConflicts(rules); });
        print(QStringLiteral("conflicts  full scan: %1 ms, %2 conflicting pairs").arg(scan, 0, 'f', 0).arg(all.size()));

        // Live check: 200 registrations taken from the book, checked as if typed in again a day later by
        // another partner.
        QSqlQuery sample = db.prepare(QStringLiteral(
            "SELECT p.id, a.name, a.web_domain, pr.id, d.registered_at FROM deals d JOIN accounts a ON "
            "a.pk = d.account_pk JOIN partners p ON p.pk = d.partner_pk JOIN products pr ON pr.pk = d.product_pk WHERE "
            "d.registered_at IS NOT NULL AND d.registration_number % 4999 = 1 LIMIT 200"));
        Database::exec(sample, QStringLiteral("sample"));
        QList<double> live;
        qint64 warnings = 0;
        while (sample.next()) {
            const QDateTime at = fromIsoUtc(sample.value(4).toString()).addDays(1);
            live.append(timeMs([&] {
                warnings += conflicts
                                .liveCheck(QStringLiteral("someone-else"), sample.value(1).toString(),
                                           sample.value(2).toString(), sample.value(3).toString(), at, rules)
                                .size();
            }));
        }
        std::sort(live.begin(), live.end());
        if (!live.isEmpty())
            print(QStringLiteral("live check %1 checks: median %2 ms, 95th percentile %3 ms, max %4 ms (%5 warnings)")
                      .arg(live.size())
                      .arg(live[live.size() / 2], 0, 'f', 2)
                      .arg(live[live.size() * 95 / 100], 0, 'f', 2)
                      .arg(live.last(), 0, 'f', 2)
                      .arg(warnings));

        const PipelineRepository pipeline(db);
        const QDate asOf(2026, 6, 30);
        print(QStringLiteral("summary    book totals: %1 ms")
                  .arg(timeMs([&] { pipeline.summary(asOf, rules, QStringLiteral("USD"), false); }), 0, 'f', 0));
        print(QStringLiteral("summary    per partner: %1 ms")
                  .arg(timeMs([&] { pipeline.summary(asOf, rules, QStringLiteral("USD"), true); }), 0, 'f', 0));
        DealFilter none;
        print(QStringLiteral("pipeline   open (count + first 200 rows): %1 ms")
                  .arg(timeMs([&] {
                           pipeline.count(none);
                           pipeline.list(none, 200, 0);
                       }),
                       0, 'f', 0));
        DealFilter status;
        status.status = QStringLiteral("Approved");
        print(QStringLiteral("pipeline   filter status=Approved (count + first page): %1 ms")
                  .arg(timeMs([&] {
                           pipeline.count(status);
                           pipeline.list(status, 200, 0);
                       }),
                       0, 'f', 0));
        DealFilter search;
        search.search = QStringLiteral("tech");
        print(QStringLiteral("pipeline   search 'tech' (count + first page): %1 ms")
                  .arg(timeMs([&] {
                           pipeline.count(search);
                           pipeline.list(search, 200, 0);
                       }),
                       0, 'f', 0));
        DealFilter deep;
        print(QStringLiteral("pipeline   page at offset 900,000: %1 ms")
                  .arg(timeMs([&] { pipeline.list(deep, 200, 900000); }), 0, 'f', 0));
    } catch (const StorageError& e) {
        print(e.message());
        return 3;
    }
    return 0;
}
