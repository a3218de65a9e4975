// ImportWorker: the import runs on its own thread and connection and reports through queued signals.
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

class TestImportWorker : public QObject
{
    Q_OBJECT

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
        QSignalSpy finished(&worker, &ImportWorker::finished);
        QThread* receiverThread = nullptr;
        connect(&worker, &ImportWorker::finished, this, [&]() { receiverThread = QThread::currentThread(); });
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(receiverThread, QThread::currentThread()); // delivered queued, on the receiver's thread
        const auto report = finished.first().first().value<ImportReport>();
        QVERIFY2(report.committed, qPrintable(report.fatalError));
        QCOMPARE(report.inserted, 7);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().toInt(), 1000);
        QCOMPARE(StatsRepository(db).stats().products, 7);
    }

    void cancelBeforeTheEndWritesNothing()
    {
        test::TestDatabases dbs;
        const DatabaseConfig config = dbs.sqlite();
        Database db(config);
        db.open();
        Migrator(db).migrate();
        QString error;
        const auto profile = MappingProfile::load(test::testData(QStringLiteral("profiles/6-deals.json")), &error);
        QVERIFY2(profile, qPrintable(error));
        // No contacts in the book: every row would be invalid anyway; cancel wins first.
        ImportWorker worker(config, test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")), *profile, {});
        QSignalSpy finished(&worker, &ImportWorker::finished);
        worker.cancel();
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        const auto report = finished.first().first().value<ImportReport>();
        QVERIFY(report.cancelled);
        QVERIFY(!report.committed);
        QCOMPARE(StatsRepository(db).stats().deals, 0);
    }
};

QTEST_GUILESS_MAIN(TestImportWorker)
#include "tst_importworker.moc"
