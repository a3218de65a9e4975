// ImportWorker: the import runs on its own thread and connection and reports through queued signals; Cancel
// stops it while reading and while writing, and nothing is written.
#include "domain/Clock.h"
#include "io/ImportWorker.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StatsRepository.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace pd;

/// Lives on the test's (main) thread and records, in its slot, the thread each finished() reached it on.
class FinishedReceiver : public QObject
{
    Q_OBJECT
public:
    QList<QThread*> threads;
    QList<ImportReport> reports;
public Q_SLOTS:
    void onFinished(const pd::ImportReport& report)
    {
        threads.append(QThread::currentThread());
        reports.append(report);
    }
};

class TestImportWorker : public QObject
{
    Q_OBJECT

private:
    /// A migrated book (SQLite) whose products, partners, contacts and accounts come from the scenario (steps 1–5), so
    /// every row of the scenario's deals file is valid.
    static void scenarioBook(const DatabaseConfig& config)
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        const Clock clock;
        ImportEngine engine(db, clock);
        const QStringList profiles = {"1-products.json", "2-partners.json", "3-partner-managers.json",
                                      "4-contacts.json", "5-accounts.json"};
        const QStringList files = {"maven_crm/products.csv", "reference/sp500_constituents.csv",
                                   "scenario/partner_reps.csv", "scenario/partner_reps.csv", "maven_crm/accounts.csv"};
        for (int i = 0; i < profiles.size(); ++i) {
            QString error;
            const auto profile =
                MappingProfile::load(test::testData(QStringLiteral("profiles/") + profiles.at(i)), &error);
            QVERIFY2(profile, qPrintable(error));
            const ImportReport r = engine.run(test::sharedData(files.at(i)), *profile, {});
            QVERIFY2(r.committed, qPrintable(profiles.at(i) + r.fatalError));
        }
    }

    static MappingProfile dealsProfile()
    {
        QString error;
        const auto profile = MappingProfile::load(test::testData(QStringLiteral("profiles/6-deals.json")), &error);
        if (!profile)
            qFatal("%s", qPrintable(error));
        return *profile;
    }

private Q_SLOTS:
    void importsOnAWorkerThread_data() { test::TestDatabases::addBackendRows(); }
    void importsOnAWorkerThread()
    {
        QFETCH(QString, backend);
        test::TestDatabases dbs;
        QString error;
        const auto config = dbs.forBackend(backend, &error);
        QVERIFY2(config, qPrintable(error));
        Database db(*config); // the "GUI thread" connection
        db.open();
        Migrator(db).migrate();
        const auto profile = MappingProfile::load(test::testData(QStringLiteral("profiles/1-products.json")), &error);
        QVERIFY2(profile, qPrintable(error));

        ImportWorker worker(*config, test::sharedData(QStringLiteral("maven_crm/products.csv")), *profile, {});
        QSignalSpy progress(&worker, &ImportWorker::progress);
        FinishedReceiver receiver; // on this thread
        connect(&worker, &ImportWorker::finished, &receiver, &FinishedReceiver::onFinished, Qt::QueuedConnection);
        worker.start();
        // The slot itself records where it ran: no race with a spy that fires on the worker thread.
        QTRY_COMPARE_WITH_TIMEOUT(receiver.threads.size(), 1, 30000);
        QCOMPARE(receiver.threads.first(), QThread::currentThread()); // delivered queued, on the receiver's thread
        QVERIFY(receiver.threads.first() != nullptr);
        const ImportReport& report = receiver.reports.first();
        QVERIFY2(report.committed, qPrintable(report.fatalError));
        QCOMPARE(report.inserted, 7);
        QTRY_VERIFY(!progress.isEmpty());
        QTRY_COMPARE(progress.last().first().toInt(), 1000);
        QCOMPARE(StatsRepository(db).stats().products, 7);
    }

    void cancelBeforeStartWritesNothing()
    {
        test::TestDatabases dbs;
        const DatabaseConfig config = dbs.sqlite();
        scenarioBook(config);
        if (QTest::currentTestFailed())
            return;
        // Every row is valid (the control below imports all of them); the cancel alone keeps them out.
        ImportWorker worker(config, test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")), dealsProfile(),
                            {});
        QSignalSpy finished(&worker, &ImportWorker::finished);
        worker.cancel();
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto report = finished.first().first().value<ImportReport>();
        QVERIFY(report.cancelled);
        QVERIFY(!report.committed);
        Database db(config);
        db.open();
        QCOMPARE(StatsRepository(db).stats().deals, 0);

        ImportWorker control(config, test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")), dealsProfile(),
                             {});
        QSignalSpy controlFinished(&control, &ImportWorker::finished);
        control.start();
        QTRY_COMPARE_WITH_TIMEOUT(controlFinished.size(), 1, 60000);
        const auto controlReport = controlFinished.first().first().value<ImportReport>();
        QVERIFY2(controlReport.committed, qPrintable(controlReport.fatalError));
        QCOMPARE(StatsRepository(db).stats().deals, 8800);
    }

    void cancelDuringTheWritePhaseWritesNothing()
    {
        test::TestDatabases dbs;
        const DatabaseConfig config = dbs.sqlite();
        scenarioBook(config);
        if (QTest::currentTestFailed())
            return;
        ImportWorker worker(config, test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")), dealsProfile(),
                            {});
        QSignalSpy finished(&worker, &ImportWorker::finished);
        // Direct connection: runs on the worker thread right after the first write step (the rows), before the
        // worker goes on, so the cancel lands inside the write phase every time.
        QList<int> seen;
        connect(
            &worker, &ImportWorker::progress, &worker,
            [&worker, &seen](int perMille) {
                seen.append(perMille);
                if (perMille > 900)
                    worker.cancel();
            },
            Qt::DirectConnection);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto report = finished.first().first().value<ImportReport>();
        QVERIFY(report.cancelled);
        QVERIFY(!report.committed);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(seen.last(), 933); // 900 + 100 × 1/3: after the rows, before their change log
        Database db(config);
        db.open();
        QCOMPARE(StatsRepository(db).stats().deals, 0);
    }
};

QTEST_GUILESS_MAIN(TestImportWorker)
#include "tst_importworker.moc"
