// Onboarding pane benchmark (issue 9, "Bench: the onboarding pane … on the generated 100,000-partner book"): on a
// copy of a generated book (scripts/bench; every partner the generator put in Onboarding gets its checklist here
// when it has none), prints the time the pane's list takes to load (ChecklistRepository::onboardingRows(), what the
// pane's worker runs, and the model from setActive() to loaded()), beside an anchor in the same run: a raw
// aggregate of partner_tasks per partner. Then the time per keystroke of the pane's search and of its filters
// (target: one frame, 16 ms). Not a CTest test.
// Usage: bench_onboarding --db FILE (a copy: it is migrated and written to) [--runs N]
#include "BenchSupport.h"
#include "domain/Clock.h"
#include "models/OnboardingFilterProxy.h"
#include "models/OnboardingListModel.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <algorithm>
#include <vector>

using namespace pd;
using pd::bench::print;

namespace {
double msSince(const QElapsedTimer& timer)
{
    return timer.nsecsElapsed() / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// Milliseconds of one proxy change and the row count the view asks for next.
double timed(const std::function<void()>& change, OnboardingFilterProxy& proxy, int* visible)
{
    QElapsedTimer t;
    t.start();
    change();
    *visible = proxy.rowCount();
    return msSince(t);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Onboarding pane: load and filter times"));
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
    const FixedClock clock(QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC));
    try {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        ChecklistRepository checklists(db, clock);
        QList<OnboardingRow> rows = checklists.onboardingRows(clock.todayUtc());
        const auto started =
            std::count_if(rows.cbegin(), rows.cend(), [](const OnboardingRow& r) { return r.started; });
        if (started == 0) {
            // The generator's partners in onboarding get their checklists, started on dates spread over 120 days.
            QElapsedTimer t;
            t.start();
            Transaction tx(db);
            for (qsizetype i = 0; i < rows.size(); ++i)
                checklists.start(rows.at(i).partnerId, ChecklistKind::Onboarding,
                                 clock.todayUtc().addDays(-int(i % 120)));
            tx.commit();
            print(QStringLiteral("setup      started %1 onboarding checklists in %2 s")
                      .arg(rows.size())
                      .arg(msSince(t) / 1000, 0, 'f', 1));
        }
        std::vector<double> loads, anchors;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer t;
            t.start();
            rows = checklists.onboardingRows(clock.todayUtc());
            loads.push_back(msSince(t));
            t.restart();
            QSqlQuery q = db.prepare(QStringLiteral(
                "SELECT partner_pk, COUNT(*), SUM(CASE WHEN done_on IS NULL THEN 0 ELSE 1 END), MIN(due_on) "
                "FROM partner_tasks WHERE kind = 'onboarding' AND deleted_at IS NULL GROUP BY partner_pk"));
            Database::exec(q, QStringLiteral("anchor"));
            qint64 n = 0;
            while (q.next())
                ++n;
            anchors.push_back(msSince(t));
            Q_UNUSED(n);
        }
        const double load = median(loads), anchor = median(anchors);
        print(QStringLiteral("load       onboardingRows(): %1 partners in onboarding, median %2 ms over %3 runs")
                  .arg(rows.size())
                  .arg(load, 0, 'f', 1)
                  .arg(runs));
        print(QStringLiteral("anchor     raw GROUP BY of partner_tasks per partner: median %1 ms")
                  .arg(anchor, 0, 'f', 1));
        print(QStringLiteral("ratio      load / anchor: %1").arg(bench::ratio(load, anchor)));
    } catch (const StorageError& e) {
        print(e.message());
        return 1;
    }

    // The pane's model: from setActive() (the pane shown) to loaded(), on a worker with its own connection.
    OnboardingListModel model(config, clock, nullptr);
    OnboardingFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(OnboardingListModel::NextDue, Qt::AscendingOrder);
    QEventLoop loop;
    QObject::connect(&model, &OnboardingListModel::loaded, &loop, &QEventLoop::quit);
    std::vector<double> opens;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        if (run == 0)
            model.setActive(true);
        else
            model.reload();
        loop.exec();
        opens.push_back(msSince(t));
    }
    print(QStringLiteral("open       model setActive → loaded, sorted by due date: median %1 ms (%2 rows)")
              .arg(median(opens), 0, 'f', 1)
              .arg(proxy.rowCount()));

    // Keystrokes: a partner's name typed and cleared, then the filters.
    const QString name = model.rowCount() > 0 ? model.rowAt(model.rowCount() / 2).name.left(8) : QStringLiteral("x");
    std::vector<double> keys;
    QStringList counts;
    int visible = 0;
    for (qsizetype n = 1; n <= name.size(); ++n) {
        keys.push_back(timed([&] { proxy.setSearchText(name.left(n)); }, proxy, &visible));
        counts << QString::number(visible);
    }
    for (qsizetype n = name.size() - 1; n >= 0; --n) {
        keys.push_back(timed([&] { proxy.setSearchText(name.left(n)); }, proxy, &visible));
        counts << QString::number(visible);
    }
    print(QStringLiteral("keystroke  \"%1\": median %2 ms, max %3 ms over %4 keystrokes (rows %5; one frame = 16 ms)")
              .arg(name)
              .arg(median(keys), 0, 'f', 2)
              .arg(*std::max_element(keys.begin(), keys.end()), 0, 'f', 2)
              .arg(keys.size())
              .arg(counts.join(QLatin1Char(' '))));
    const QString manager = model.rowCount() > 0 ? model.rowAt(0).channelManager : QString();
    const QString territory = model.rowCount() > 0 ? model.rowAt(0).territory : QString();
    std::vector<double> filters;
    filters.push_back(timed([&] { proxy.setChannelManager(manager); }, proxy, &visible));
    const int byManager = visible;
    filters.push_back(timed([&] { proxy.setTerritory(territory); }, proxy, &visible));
    filters.push_back(timed([&] { proxy.setOverdueOnly(true); }, proxy, &visible));
    const int overdue = visible;
    filters.push_back(timed(
        [&] {
            proxy.setOverdueOnly(false);
            proxy.setTerritory(QString());
            proxy.setChannelManager(QString());
        },
        proxy, &visible));
    print(QStringLiteral("filter     manager, territory, overdue only, all cleared: %1 / %2 / %3 / %4 ms (rows %5, "
                         "%6 overdue of them, %7 after clearing)")
              .arg(filters[0], 0, 'f', 2)
              .arg(filters[1], 0, 'f', 2)
              .arg(filters[2], 0, 'f', 2)
              .arg(filters[3], 0, 'f', 2)
              .arg(byManager)
              .arg(overdue)
              .arg(visible));
    return 0;
}
