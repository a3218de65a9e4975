// Onboarding rows benchmark (issue 9, item 4: the onboarding pane lists every partner in Onboarding with its
// checklist's progress): on a new SQLite book with N partners (default 100,000) of which every tenth is in Onboarding
// with a started 8-task checklist (a third of the tasks done), times ChecklistRepository::onboardingRows() (the one
// query the pane loads) and onboardingRowsOf() for 100 partners (a refresh after a tick). The book is filled with
// SQL in one transaction (the bench's own setup, not the application's path). Prints figures; not a CTest test.
// Usage: bench_checklists [--partners N] [--dir DIR]
#include "BenchSupport.h"
#include "domain/Clock.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>

using namespace pd;
using namespace pd::bench;

namespace {
/// The median of `runs` timings of `f`, in milliseconds.
template <typename F> double medianMs(int runs, F f)
{
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        ms.append(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms.at(ms.size() / 2);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("partners"), QStringLiteral("Partners in the book."), QStringLiteral("N"),
                      QStringLiteral("100000")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Folder for the book (default: a temporary one)."),
                      QStringLiteral("DIR")});
    parser.process(app);
    const int partners = parser.value(QStringLiteral("partners")).toInt();
    QTemporaryDir temp;
    const QString dir = parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    try {
        DatabaseConfig config;
        config.path = dir + QStringLiteral("/checklists.partnerdesk");
        Database db(config);
        db.open();
        Migrator(db).migrate();
        QElapsedTimer setup;
        setup.start();
        {
            Transaction tx(db);
            QSqlQuery q = db.prepare(QStringLiteral(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                "INSERT INTO partners (id, created_at, updated_at, version, partner_key, name, name_key, "
                "partner_type, stage, stage_since, territory, channel_manager) "
                "SELECT randomblob(16), '2017-01-01T00:00:00.000Z', '2017-01-01T00:00:00.000Z', 1, "
                "'P' || i, 'Partner ' || i, 'partner ' || i, 'VAR', CASE WHEN i % 10 = 0 THEN "
                "'Onboarding' ELSE 'Active' END, '2017-01-01', 'T' || (i % 7), 'M' || (i % 13) FROM n"));
            q.addBindValue(partners);
            Database::exec(q, QStringLiteral("Writing the partners"));
            db.execDirect(QStringLiteral(
                "INSERT INTO partner_tasks (id, created_at, updated_at, partner_pk, kind, position, title, owner, "
                "required, document, started_on, due_on, done_on) SELECT randomblob(16), '2017-01-01T00:00:00.000Z', "
                "'2017-01-01T00:00:00.000Z', p.pk, 'onboarding', t.position, t.title, t.owner, t.required, "
                "t.document, '2017-01-01', date('2017-01-01', '+' || t.due_offset_days || ' days'), CASE WHEN "
                "(p.pk + t.position) % 3 = 0 THEN '2017-01-05' END FROM partners p JOIN checklist_template_tasks t "
                "ON t.kind = 'onboarding' AND t.partner_type = 'VAR' WHERE p.stage = 'Onboarding'"));
            tx.commit();
            db.execDirect(QStringLiteral("ANALYZE"));
        }
        print(QStringLiteral("setup      %1 partners, %2 in Onboarding with 8 tasks each: %3 s")
                  .arg(partners)
                  .arg(partners / 10)
                  .arg(setup.elapsed() / 1000.0, 0, 'f', 1));
        const FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
        ChecklistRepository checklists(db, clock);
        QList<OnboardingRow> rows;
        const double all = medianMs(5, [&] { rows = checklists.onboardingRows(clock.todayUtc()); });
        print(QStringLiteral("checklists onboardingRows (%1 rows): %2 ms (median of 5)")
                  .arg(rows.size())
                  .arg(all, 0, 'f', 1));
        QStringList some;
        for (int i = 0; i < rows.size() && some.size() < 100; i += std::max<int>(1, rows.size() / 100))
            some.append(rows.at(i).partnerId);
        QList<OnboardingRow> few;
        const double refresh = medianMs(5, [&] { few = checklists.onboardingRowsOf(some, clock.todayUtc()); });
        print(QStringLiteral("checklists onboardingRowsOf (%1 ids): %2 ms (median of 5)")
                  .arg(few.size())
                  .arg(refresh, 0, 'f', 1));
    } catch (const StorageError& e) {
        print(QStringLiteral("error      %1").arg(e.message()));
        return 1;
    }
    return 0;
}
