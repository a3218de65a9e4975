// MDF benchmark (issue 10, "Bench: the MDF pane and `mdf status` with 100,000 partners and 1,000,000 ledger entries
// from the generator"): on a copy of a generated book (scripts/bench) to which this adds the generator's MDF data when
// it has none (BookGenerator::generateMdf(): about 11 ledger entries per partner), prints the time of
// MdfBudgetRepository::status() (what `mdf status` runs), of the pane's loads (MdfRequestRepository::requests() and
// claims() of a budget) and of verifyLedger(), beside an anchor in the same run: the raw GROUP BY of the ledger's
// entries per partner and account. Not a CTest test.
// Usage: bench_mdf --db FILE (a copy: it is migrated and written to) [--runs N]
#include "BenchSupport.h"
#include "domain/Clock.h"
#include "io/BookGenerator.h"
#include "storage/Database.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfRequestRepository.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <algorithm>
#include <functional>
#include <vector>

using namespace pd;
using pd::bench::print;

namespace {
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// Median milliseconds of `runs` calls of `work`.
double timed(int runs, const std::function<void()>& work)
{
    std::vector<double> ms;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        work();
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    return median(ms);
}

qint64 count(const Database& db, const QString& sql)
{
    QSqlQuery q = db.prepare(sql);
    Database::exec(q, sql);
    return q.next() ? q.value(0).toLongLong() : 0;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("MDF: mdf status and the MDF pane's loads"));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("SQLite book (a copy)"),
                                      QStringLiteral("file"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per figure"), QStringLiteral("n"),
                                        QStringLiteral("5"));
    parser.addOptions({dbOption, runsOption});
    parser.process(app);
    if (!parser.isSet(dbOption)) {
        print(QStringLiteral("--db FILE is required"));
        return 1;
    }
    const int runs = std::max(1, parser.value(runsOption).toInt());
    DatabaseConfig config;
    config.path = parser.value(dbOption);
    const FixedClock clock(QDateTime(QDate(2018, 1, 15), QTime(12, 0), Qt::UTC));
    try {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        MdfBudgetRepository budgets(db, clock);
        MdfRequestRepository requests(db, clock);
        if (!budgets.findBudget(QStringLiteral("Generated 2017Q4"))) {
            QElapsedTimer t;
            t.start();
            const BookGenerator::MdfCounts c = BookGenerator::generateMdf(db, 1, toIsoUtc(clock.nowUtc()));
            print(
                QStringLiteral("setup      generated %1 allocations, %2 requests, %3 claims, %4 ledger entries in %5 s")
                    .arg(c.allocations)
                    .arg(c.requests)
                    .arg(c.claims)
                    .arg(c.ledgerEntries)
                    .arg(t.elapsed() / 1000.0, 0, 'f', 1));
        }
        const MdfBudget budget = *budgets.findBudget(QStringLiteral("Generated 2017Q4"));
        const qint64 partners = count(db, QStringLiteral("SELECT COUNT(*) FROM partners WHERE deleted_at IS NULL"));
        const qint64 entries = count(db, QStringLiteral("SELECT COUNT(*) FROM mdf_ledger"));
        print(QStringLiteral("book       %1 partners, %2 ledger entries, budget %3")
                  .arg(partners)
                  .arg(entries)
                  .arg(budget.name));

        MdfBudgetStatus status;
        const double statusMs = timed(runs, [&] { status = budgets.status(budget.id); });
        print(QStringLiteral("status     MdfBudgetRepository::status() (mdf status): %1 partners, balanced %2, median "
                             "%3 ms over %4 runs")
                  .arg(status.partners.size())
                  .arg(status.balanced ? QStringLiteral("yes") : QStringLiteral("NO"))
                  .arg(statusMs, 0, 'f', 1)
                  .arg(runs));
        qint64 rows = 0;
        const double anchorMs = timed(runs, [&] {
            QSqlQuery q =
                db.prepare(QStringLiteral("SELECT COALESCE(partner_pk, 0), to_account, SUM(amount_minor) FROM "
                                          "mdf_ledger WHERE budget_pk = (SELECT pk FROM mdf_budgets WHERE "
                                          "id = pd_uuid(?)) GROUP BY COALESCE(partner_pk, 0), to_account"));
            q.addBindValue(budget.id);
            Database::exec(q, QStringLiteral("anchor"));
            rows = 0;
            while (q.next())
                ++rows;
        });
        print(QStringLiteral("anchor     raw GROUP BY of the budget's ledger entries per partner and account: %1 rows, "
                             "median %2 ms")
                  .arg(rows)
                  .arg(anchorMs, 0, 'f', 1));
        print(QStringLiteral("ratio      status / anchor: %1").arg(bench::ratio(statusMs, anchorMs)));
        const double allAnchorMs = timed(runs, [&] {
            QSqlQuery q = db.prepare(QStringLiteral(
                "SELECT budget_pk, partner_pk, to_account, SUM(amount_minor) FROM mdf_ledger GROUP BY budget_pk, "
                "partner_pk, to_account"));
            Database::exec(q, QStringLiteral("anchor"));
            while (q.next()) {
            }
        });
        print(QStringLiteral("anchor     raw GROUP BY of the whole ledger (%1 entries): median %2 ms")
                  .arg(entries)
                  .arg(allAnchorMs, 0, 'f', 1));

        QList<MdfRequest> list;
        const double requestsMs = timed(runs, [&] { list = requests.requests(MdfFilter{budget.id, {}, {}}); });
        print(QStringLiteral("pane       MdfRequestRepository::requests() of the budget: %1 requests, median %2 ms")
                  .arg(list.size())
                  .arg(requestsMs, 0, 'f', 1));
        // Anchor: the same rows and columns read raw (every value fetched, nothing converted).
        const double requestsAnchorMs = timed(runs, [&] {
            QSqlQuery q = db.prepare(QStringLiteral(
                "SELECT pd_uuid_text(r.id), r.version, r.number, pd_uuid_text(b.id), b.name, b.currency, "
                "pd_uuid_text(p.id), p.partner_key, p.name, r.activity_type, r.description, r.starts_on, r.ends_on, "
                "r.total_cost_minor, r.requested_minor, r.approved_minor, r.expected_leads, r.expected_pipeline_minor, "
                "r.status, r.created_at, r.submitted_at, r.decided_at, r.decided_by, r.reason FROM mdf_requests r JOIN "
                "mdf_budgets b ON b.pk = r.budget_pk JOIN partners p ON p.pk = r.partner_pk WHERE r.deleted_at IS "
                "NULL AND b.id = pd_uuid(?) ORDER BY r.number"));
            q.addBindValue(budget.id);
            q.setForwardOnly(true);
            Database::exec(q, QStringLiteral("anchor"));
            while (q.next())
                for (int i = 0; i < 24; ++i)
                    q.value(i);
        });
        print(QStringLiteral("anchor     the same requests read raw with QSqlQuery: median %1 ms")
                  .arg(requestsAnchorMs, 0, 'f', 1));
        print(QStringLiteral("ratio      requests() / anchor: %1").arg(bench::ratio(requestsMs, requestsAnchorMs)));
        QList<MdfClaim> claimList;
        const double claimsMs = timed(runs, [&] { claimList = requests.claims(MdfFilter{budget.id, {}, {}}); });
        print(QStringLiteral("pane       MdfRequestRepository::claims() of the budget: %1 claims, median %2 ms")
                  .arg(claimList.size())
                  .arg(claimsMs, 0, 'f', 1));
        const double queueMs = timed(runs, [&] {
            list = requests.requests(MdfFilter{budget.id, {}, {QStringLiteral("Submitted")}});
        });
        print(QStringLiteral("pane       approval queue (Submitted requests): %1 requests, median %2 ms")
                  .arg(list.size())
                  .arg(queueMs, 0, 'f', 1));
        QString problem;
        bool ok = true;
        const double verifyMs = timed(1, [&] { ok = budgets.verifyLedger(budget.id, &problem); });
        print(QStringLiteral("verify     verifyLedger(): %1 in %2 ms")
                  .arg(ok ? QStringLiteral("balanced") : problem)
                  .arg(verifyMs, 0, 'f', 1));
    } catch (const StorageError& e) {
        print(e.message());
        return 1;
    }
    return 0;
}
