// The reference scenario of ../shared/data/README.md: six imports from the real files with the committed
// profiles, checked against every figure the README states, on SQLite and PostgreSQL.
#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StatsRepository.h"
#include "support/ChangeLogRows.h"
#include "support/TestDatabases.h"

#include <QSqlQuery>
#include <QTest>

using namespace pd;

class TestScenarioImport : public QObject
{
    Q_OBJECT

private:
    static qint64 count(Database& db, const QString& sql)
    {
        QSqlQuery q = db.prepare(sql);
        Database::exec(q, QStringLiteral("test query"));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void sixSteps_data() { test::TestDatabases::addBackendRows(); }

    void sixSteps()
    {
        QFETCH(QString, backend);
        test::TestDatabases dbs;
        QString error;
        const auto config = dbs.forBackend(backend, &error);
        if (!config)
            QFAIL(qPrintable(error));
        Database db(*config);
        db.open();
        Migrator(db).migrate();
        FixedClock clock(QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC));
        ImportEngine engine(db, clock);

        struct Step
        {
            QString profile;
            QString file;
            qint64 inserted;
            qint64 updated;
            QString table;
        };
        const QList<Step> steps = {
            {QStringLiteral("1-products.json"), QStringLiteral("maven_crm/products.csv"), 7, 0,
             QStringLiteral("products")},
            {QStringLiteral("2-partners.json"), QStringLiteral("reference/sp500_constituents.csv"), 73, 0,
             QStringLiteral("partners")},
            {QStringLiteral("3-partner-managers.json"), QStringLiteral("scenario/partner_reps.csv"), 0, 35,
             QStringLiteral("partners")},
            {QStringLiteral("4-contacts.json"), QStringLiteral("scenario/partner_reps.csv"), 35, 0,
             QStringLiteral("contacts")},
            {QStringLiteral("5-accounts.json"), QStringLiteral("maven_crm/accounts.csv"), 85, 0,
             QStringLiteral("accounts")},
            {QStringLiteral("6-deals.json"), QStringLiteral("maven_crm/sales_pipeline.csv"), 8800, 0,
             QStringLiteral("deals")},
        };
        int minute = 0;
        for (const Step& step : steps) {
            clock.set(clock.nowUtc().addSecs(60 * ++minute)); // every import has its own instant
            const auto profile =
                MappingProfile::load(test::testData(QStringLiteral("profiles/") + step.profile), &error);
            QVERIFY2(profile, qPrintable(error));
            const ImportReport r = engine.run(test::sharedData(step.file), *profile, {});
            QString issues;
            for (const ImportIssue& i : r.issues.mid(0, 5))
                issues += QStringLiteral("row %1, %2: %3; ").arg(i.row).arg(i.column, i.reason);
            QVERIFY2(r.fatalError.isEmpty(), qPrintable(step.profile + QStringLiteral(": ") + r.fatalError));
            QVERIFY2(r.issues.isEmpty(), qPrintable(step.profile + QStringLiteral(": ") + issues));
            QVERIFY(r.committed);
            QCOMPARE(r.inserted, step.inserted);
            QCOMPARE(r.updated, step.updated);
            QCOMPARE(r.rejected, 0);
            // Change-log entries for every inserted or updated row, stamped with this import's instant.
            const QString at = toIsoUtc(clock.nowUtc());
            QSqlQuery q = db.prepare(test::changeLogRowsSql(QStringLiteral("entity = ? AND changed_at = ?")));
            q.addBindValue(step.table);
            q.addBindValue(at);
            Database::exec(q, QStringLiteral("test"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), step.inserted + step.updated);
        }

        // The figures of ../shared/data/README.md, "The reference scenario".
        const BookStats s = StatsRepository(db).stats();
        QCOMPARE(s.products, 7);
        QCOMPARE(s.partners, 73);
        QCOMPARE(s.partnersByType.value(QStringLiteral("Technology")), 45);
        QCOMPARE(s.partnersByType.value(QStringLiteral("ISV")), 20);
        QCOMPARE(s.partnersByType.value(QStringLiteral("SI")), 4);
        QCOMPARE(s.partnersByType.value(QStringLiteral("MSP")), 3);
        QCOMPARE(s.partnersByType.value(QStringLiteral("Distributor")), 1);
        QCOMPARE(s.partnersByType.size(), 5);
        QCOMPARE(s.contacts, 35);
        QCOMPARE(s.accounts, 85);
        QCOMPARE(s.accountsWithParent, 15);
        QCOMPARE(s.deals, 8800);
        QCOMPARE(s.dealsByStatus.value(QStringLiteral("Won")), 4238);
        QCOMPARE(s.dealsByStatus.value(QStringLiteral("Lost")), 2473);
        QCOMPARE(s.dealsByStatus.value(QStringLiteral("Approved")), 1589);
        QCOMPARE(s.dealsByStatus.value(QStringLiteral("Draft")), 500);
        QCOMPARE(s.dealsByStatus.size(), 4);
        QCOMPARE(s.dealsWithoutAccount, 1425);
        QCOMPARE(s.partnersWithDeals, 30);
        QCOMPARE(s.wonAmountMinor, Q_INT64_C(1000553400)); // 10,005,534 USD in cents
        StatsRepository stats(db);
        QCOMPARE(stats.wonAmountBetween(QStringLiteral("2017-01-01"), QStringLiteral("2017-03-31")),
                 Q_INT64_C(113467200));
        QCOMPARE(stats.wonAmountBetween(QStringLiteral("2017-04-01"), QStringLiteral("2017-06-30")),
                 Q_INT64_C(308611100));
        QCOMPARE(stats.wonAmountBetween(QStringLiteral("2017-07-01"), QStringLiteral("2017-09-30")),
                 Q_INT64_C(298225500));
        QCOMPARE(stats.wonAmountBetween(QStringLiteral("2017-10-01"), QStringLiteral("2017-12-31")),
                 Q_INT64_C(280249600));

        // Every deal resolved to a product, a partner and its registering contact.
        QCOMPARE(
            count(db, QStringLiteral("SELECT COUNT(*) FROM deals d JOIN products p ON p.pk = d.product_pk "
                                     "JOIN partners pa ON pa.pk = d.partner_pk JOIN contacts c ON c.pk = d.contact_pk "
                                     "AND c.partner_pk = d.partner_pk")),
            8800);
        // "GTXPro" in the pipeline is the product "GTX Pro" (1,480 rows).
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM deals d JOIN products p ON p.pk = d.product_pk "
                                          "WHERE p.name = 'GTX Pro'")),
                 1480);
        // Registration numbers in file row order: the first row is 1, the last 8,800.
        QCOMPARE(count(db, QStringLiteral("SELECT registration_number FROM deals WHERE external_id = '1C1I7A6R'")), 1);
        QCOMPARE(count(db, QStringLiteral("SELECT MAX(registration_number) FROM deals")), 8800);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(DISTINCT registration_number) FROM deals")), 8800);
        // Open deals have no amount; registered_at of a date is 00:00 UTC that day.
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM deals WHERE amount_minor IS NULL")), 500 + 1589);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM deals WHERE external_id = 'Z063OYW0' AND "
                                          "registered_at = '2016-10-25T00:00:00.000Z' AND closed_on = '2017-03-11' "
                                          "AND amount_minor = 451400 AND currency = 'USD' AND status = 'Won'")),
                 1);

        // Partners: step 2 fields and step 3's update of 35 of them.
        QCOMPARE(
            count(db, QStringLiteral("SELECT COUNT(*) FROM partners WHERE channel_manager <> '' AND territory <> ''")),
            35);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM partners WHERE stage = 'Active'")), 73);
        QCOMPARE(count(db, QStringLiteral(
                               "SELECT COUNT(*) FROM partners WHERE partner_key = 'ACN' AND name = 'Accenture' "
                               "AND partner_type = 'SI' AND country = 'IE' AND city = 'Dublin' AND founded = 1989 "
                               "AND channel_manager = 'Dustin Brinkmann' AND territory = 'Central' AND version = 2")),
                 1);
        QCOMPARE(count(db, QStringLiteral("SELECT founded FROM partners WHERE partner_key = 'HPQ'")), 1939);
        QCOMPARE(count(db, QStringLiteral("SELECT founded FROM partners WHERE partner_key = 'KLAC'")), 1975);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM partners WHERE partner_key = 'MSFT' AND country = 'US' "
                                          "AND city = 'Redmond'")),
                 1);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM partners WHERE country = ''")), 0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM contacts WHERE role = 'Sales rep'")), 35);

        // Accounts: revenue in USD millions → cents; aliases for the countries.
        QCOMPARE(count(db, QStringLiteral("SELECT annual_revenue_minor FROM accounts WHERE name = 'Acme Corporation'")),
                 Q_INT64_C(110004000000));
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM accounts WHERE country = ''")), 0);
        QCOMPARE(
            count(db, QStringLiteral("SELECT COUNT(*) FROM accounts WHERE name = 'Bioholding' AND country = 'PH'")), 1);

        // The change log stands for every written row; the audit log has one import entry per step.
        QCOMPARE(count(db, test::changeLogRowsSql(QStringLiteral("op = 'insert'"))), 7 + 73 + 35 + 85 + 8800);
        QCOMPARE(count(db, test::changeLogRowsSql(QStringLiteral("op = 'update'"))), 35);
        QCOMPARE(count(db, test::changeLogRowsSql(QStringLiteral("1 = 1"))), 7 + 73 + 35 + 35 + 85 + 8800);
        // A book with one writer (SQLite) logs each import's inserts as one range entry: five of the six imports
        // insert (the partner managers' only update), and the 35 updates are an entry each.
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM change_log")),
                 db.hasSingleWriter() ? 5 + 35 : 7 + 73 + 35 + 35 + 85 + 8800);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'import'")), 6);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log")), 6);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity = 'deals' AND details = "
                                          "'sales_pipeline.csv: 8800 inserted, 0 updated'")),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestScenarioImport)
#include "tst_scenarioimport.moc"
