// Deal-registration benchmark (issue 3, "Bench"; issue 7, section 3): on a book imported by bench_import (e.g.
// 100,000 partners and 1,000,000 deals), times the full conflict scan, the live conflict check a registration form
// runs while it is typed in, the pipeline totals (book and per partner), and the pipeline table's first page and
// count with and without filters. Anchor for the book totals (SQLite only): the sqlite3 shell's
// `SELECT status, COUNT(*), SUM(amount_minor) FROM deals GROUP BY status` on the same book, timed as a child process.
// Uses only the repositories' public API (the anchor query aside), so it keeps working across schema changes.
// Prints figures; not a CTest test.
// Usage: bench_pipeline --db FILE|URL
#include "BenchSupport.h"
#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/ConflictRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PipelineRepository.h"
#include "storage/StorageError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <functional>

using namespace pd;
using namespace pd::bench;

namespace {
double timeMs(const std::function<void()>& f)
{
    QElapsedTimer t;
    t.start();
    f();
    return t.nsecsElapsed() / 1e6;
}

/// Up to `count` registrations spread over the book (registration numbers 1, 1 + step, 1 + 2 step, …), with their
/// customer's web domain; found through PipelineRepository and AccountRepository.
QList<QPair<DealListRow, QString>> sampleRegistrations(const PipelineRepository& pipeline,
                                                       const AccountRepository& accounts, qint64 deals, int count)
{
    QList<QPair<DealListRow, QString>> sample;
    const qint64 step = std::max<qint64>(1, deals / count);
    for (qint64 number = 1; number <= deals && sample.size() < count; number += step) {
        DealFilter one;
        one.dealId = pipeline.findDealId(QStringLiteral("#%1").arg(number));
        if (one.dealId.isEmpty())
            continue;
        const QList<DealListRow> rows = pipeline.list(one, 1);
        if (rows.isEmpty() || !rows.first().deal.registeredAt.isValid())
            continue;
        const std::optional<Account> account = accounts.findByName(rows.first().accountName);
        sample.append({rows.first(), account ? account->webDomain : QString()});
    }
    return sample;
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
        const PipelineRepository pipeline(db);
        const qint64 deals = pipeline.count(DealFilter{});
        print(QStringLiteral("book       %1 deals").arg(deals));

        ConflictRepository conflicts(db);
        QList<ConflictInfo> all;
        const double scan = timeMs([&] { all = conflicts.allConflicts(rules); });
        print(QStringLiteral("conflicts  full scan: %1 ms, %2 conflicting pairs").arg(scan, 0, 'f', 0).arg(all.size()));

        // Live check: 200 registrations spread over the book, checked as if typed in again a day later by another
        // partner.
        const AccountRepository accounts(db);
        QList<double> live;
        qint64 warnings = 0;
        for (const auto& [row, webDomain] : sampleRegistrations(pipeline, accounts, deals, 200)) {
            const QDateTime at = row.deal.registeredAt.addDays(1);
            live.append(timeMs([&] {
                warnings += conflicts
                                .liveCheck(QStringLiteral("someone-else"), row.accountName, webDomain,
                                           row.deal.productId, at, rules)
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

        const QDate asOf(2026, 6, 30);
        const double totals = timeMs([&] { pipeline.summary(asOf, rules, QStringLiteral("USD"), false); });
        print(QStringLiteral("summary    book totals: %1 ms").arg(totals, 0, 'f', 0));
        const QString shell = sqliteShell();
        if (config->isFile() && !shell.isEmpty()) {
            const ChildResult r = runChild(shell, {QStringLiteral("-readonly"), config->path,
                                                   QStringLiteral("SELECT status, COUNT(*), SUM(amount_minor) FROM "
                                                                  "deals GROUP BY status")});
            print(QStringLiteral("anchor     sqlite3 shell GROUP BY status on the book: %1 ms (whole process%2)")
                      .arg(r.wallSeconds * 1e3, 0, 'f', 0)
                      .arg(r.exitCode == 0 ? QString() : QStringLiteral(", exit %1").arg(r.exitCode)));
            print(QStringLiteral("ratio      book totals / sqlite3 GROUP BY: %1")
                      .arg(ratio(totals, r.wallSeconds * 1e3)));
        }
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
        const int deepOffset = int(deals * 9 / 10);
        print(QStringLiteral("pipeline   page at offset %1 (90% of the book): %2 ms")
                  .arg(deepOffset)
                  .arg(timeMs([&] { pipeline.list(deep, 200, deepOffset); }), 0, 'f', 0));
    } catch (const StorageError& e) {
        print(e.message());
        return 3;
    }
    return 0;
}
