// Import errors: each bad file gives the row and the reason and leaves the book exactly as it was; skip-invalid
// writes the good rows; a dry run writes nothing; cancel rolls back. On SQLite and PostgreSQL.
#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/ChangeLogRows.h"
#include "support/TestDatabases.h"

#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

class TestImportErrors : public QObject
{
    Q_OBJECT

private:
    test::TestDatabases m_dbs;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<FixedClock> m_clock;

    static MappingProfile profile(const QString& name)
    {
        QString error;
        auto p = MappingProfile::load(test::testData(QStringLiteral("profiles/") + name), &error);
        if (!p)
            qFatal("%s", qPrintable(error));
        return *p;
    }

    /// Every row of every table, as text, in a stable order: "the same content".
    QString dump()
    {
        QString out;
        const QStringList tables = {"products",   "partners",  "partner_stage_history",
                                    "contacts",   "accounts",  "deals",
                                    "change_log", "audit_log", "schema_info"};
        for (const QString& table : tables) {
            const QString order = table == QLatin1String("change_log") || table == QLatin1String("audit_log")
                                      ? QStringLiteral("seq")
                                  : table == QLatin1String("schema_info") ? QStringLiteral("key")
                                                                          : QStringLiteral("id");
            QSqlQuery q = m_db->prepare(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(table, order));
            Database::exec(q, QStringLiteral("dump"));
            out += table + QLatin1Char('\n');
            while (q.next()) {
                const QSqlRecord rec = q.record();
                for (int i = 0; i < rec.count(); ++i)
                    out += rec.fieldName(i) + QLatin1Char('=') + q.value(i).toString() + QLatin1Char('|');
                out += QLatin1Char('\n');
            }
        }
        return out;
    }

    /// Writes `bytes` to `name` in `dir`; returns the path.
    static QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
    {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write");
        f.write(bytes);
        return f.fileName();
    }

    qint64 count(const QString& sql)
    {
        QSqlQuery q = m_db->prepare(sql);
        Database::exec(q, QStringLiteral("count"));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    /// A fresh book with the scenario's products, partners, contacts and accounts (steps 1–5).
    void openBook(const QString& backend)
    {
        QString error;
        const auto config = m_dbs.forBackend(backend, &error);
        QVERIFY2(config, qPrintable(error));
        m_db.reset();
        m_db = std::make_unique<Database>(*config);
        m_db->open();
        Migrator(*m_db).migrate();
        m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 2, 1), QTime(8, 0), Qt::UTC));
        ImportEngine engine(*m_db, *m_clock);
        const QStringList profiles = {"1-products.json", "2-partners.json", "3-partner-managers.json",
                                      "4-contacts.json", "5-accounts.json"};
        const QStringList files = {"maven_crm/products.csv", "reference/sp500_constituents.csv",
                                   "scenario/partner_reps.csv", "scenario/partner_reps.csv", "maven_crm/accounts.csv"};
        for (int i = 0; i < profiles.size(); ++i) {
            m_clock->set(m_clock->nowUtc().addSecs(60));
            const ImportReport r = engine.run(test::sharedData(files.at(i)), profile(profiles.at(i)), {});
            QVERIFY2(r.committed, qPrintable(profiles.at(i) + r.fatalError));
        }
        m_clock->set(m_clock->nowUtc().addSecs(60));
    }

private Q_SLOTS:
    void cleanup() { m_db.reset(); }

    void badFile_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<qint64>("row");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<bool>("fatal");
        QTest::addColumn<qint64>("goodRows");
        for (const char* backend : {"sqlite", "postgres"}) {
            auto add = [&](const char* name, const char* file, const char* profile, const char* encoding, qint64 row,
                           const char* column, const char* reason, bool fatal, qint64 goodRows) {
                QTest::addRow("%s %s", name, backend)
                    << QString::fromLatin1(backend) << QString::fromLatin1(file) << QString::fromLatin1(profile)
                    << QString::fromLatin1(encoding) << row << QString::fromLatin1(column) << QString::fromUtf8(reason)
                    << fatal << goodRows;
            };
            add("unbalanced quote", "deals-unbalanced-quote.csv", "6-deals.json", "auto", 3, "",
                "unbalanced quote (a quoted field is never closed)", true, 0);
            add("invalid date", "deals-invalid-date.csv", "6-deals.json", "auto", 3, "close_date",
                "not a date (expected YYYY-MM-DD)", false, 2);
            add("negative amount", "deals-negative-amount.csv", "6-deals.json", "auto", 4, "close_value",
                "negative amount", false, 2);
            add("unknown partner", "contacts-unknown-partner.csv", "4-contacts.json", "auto", 3, "partner_symbol",
                "unknown partner 'NOPE'", false, 1);
            add("unknown country", "accounts-unknown-country.csv", "5-accounts.json", "auto", 2, "office_location",
                "unknown country 'Atlantis'", false, 1);
            add("wrong encoding", "deals-windows-1252.csv", "6-deals.json", "UTF-8", 3, "",
                "column 4 (account), byte 195 (0xE9): the text is not valid UTF-8 (is the file Windows-1252?)", true,
                0);
        }
    }

    void badFile()
    {
        QFETCH(QString, backend);
        QFETCH(QString, file);
        QFETCH(QString, profile);
        QFETCH(QString, encoding);
        QFETCH(qint64, row);
        QFETCH(QString, column);
        QFETCH(QString, reason);
        QFETCH(bool, fatal);
        QFETCH(qint64, goodRows);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        MappingProfile p = TestImportErrors::profile(profile);
        p.encoding = encoding;
        const QString path = test::testData(QStringLiteral("bad/") + file);
        const QString before = dump();
        ImportEngine engine(*m_db, *m_clock);

        const ImportReport r = engine.run(path, p, {});
        QVERIFY(!r.committed);
        QCOMPARE(r.inserted, 0);
        QCOMPARE(r.updated, 0);
        QCOMPARE(r.rejected, 1);
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues.first().row, row);
        QCOMPARE(r.issues.first().column, column);
        QCOMPARE(r.issues.first().reason, reason);
        QCOMPARE(!r.fatalError.isEmpty(), fatal);
        QVERIFY(!r.databaseError);
        QCOMPARE(dump(), before); // the book is unchanged

        // A dry run reports the same and writes nothing either.
        ImportOptions dry;
        dry.dryRun = true;
        const ImportReport d = engine.run(path, p, dry);
        QVERIFY(!d.committed);
        QVERIFY(d.dryRun);
        QCOMPARE(d.rejected, 1);
        QCOMPARE(d.issues.first().reason, reason);
        QCOMPARE(d.inserted, fatal ? 0 : goodRows);
        QCOMPARE(dump(), before);

        // Skip-invalid writes the good rows, unless the file could not be read to its end.
        ImportOptions skip;
        skip.skipInvalid = true;
        const ImportReport s = engine.run(path, p, skip);
        QCOMPARE(s.committed, !fatal);
        QCOMPARE(s.inserted, fatal ? 0 : goodRows);
        QCOMPARE(s.rejected, 1);
        if (fatal)
            QCOMPARE(dump(), before);
        else
            QVERIFY(dump() != before);
    }

    void dryRunWritesNothing_data() { test::TestDatabases::addBackendRows(); }
    void dryRunWritesNothing()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        const QString before = dump();
        ImportOptions dry;
        dry.dryRun = true;
        const ImportReport r = ImportEngine(*m_db, *m_clock)
                                   .run(test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")),
                                        profile(QStringLiteral("6-deals.json")), dry);
        QVERIFY(r.dryRun);
        QVERIFY(!r.committed);
        QCOMPARE(r.rowsRead, 8800);
        QCOMPARE(r.inserted, 8800);
        QCOMPARE(r.rejected, 0);
        QCOMPARE(dump(), before);
    }

    void cancelWhileReadingWritesNothing_data() { test::TestDatabases::addBackendRows(); }
    void cancelWhileReadingWritesNothing()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        const QString before = dump();
        std::atomic_bool cancel{false};
        int calls = 0;
        int writeSteps = 0;
        ImportEngine engine(*m_db, *m_clock);
        engine.setWriteProgress([&](int, int) { ++writeSteps; });
        const ImportReport r = engine.run(
            test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")), profile(QStringLiteral("6-deals.json")),
            {},
            [&](qint64 done, qint64 total) {
                QVERIFY(done > 0 && done <= total);
                if (++calls == 2)
                    cancel = true; // the user presses Cancel while the file is being read
            },
            &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(!r.committed);
        QCOMPARE(r.inserted, 0);
        QCOMPARE(calls, 2);
        QCOMPARE(writeSteps, 0); // stopped before the write phase
        QCOMPARE(dump(), before);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM deals")), 0);
    }

    /// Cancel after step N of the write phase of 8,800 valid deals (1: the rows, 2: their change-log entries,
    /// 3: the audit entry): the rows were in the book inside the transaction, and the whole import rolls back.
    void cancelDuringTheWritePhaseRollsBack_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("cancelAfterStep");
        for (const QString& backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")})
            for (int step = 1; step <= 3; ++step)
                QTest::newRow(qPrintable(QStringLiteral("%1, after step %2").arg(backend).arg(step)))
                    << backend << step;
    }
    void cancelDuringTheWritePhaseRollsBack()
    {
        QFETCH(QString, backend);
        QFETCH(int, cancelAfterStep);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        const QString before = dump();
        std::atomic_bool cancel{false};
        QList<int> steps;
        qint64 dealsInTransaction = -1;
        qint64 changesInTransaction = -1;
        ImportEngine engine(*m_db, *m_clock);
        engine.setWriteProgress([&](int done, int total) {
            steps.append(done);
            QCOMPARE(total, 3); // rows, change log of the inserts, audit
            if (done == cancelAfterStep) {
                // Same connection: sees the import's uncommitted rows.
                dealsInTransaction = count(QStringLiteral("SELECT COUNT(*) FROM deals"));
                changesInTransaction = count(test::changeLogRowsSql(QStringLiteral("entity = 'deals'")));
                cancel = true; // the user presses Cancel while the rows are being written
            }
        });
        const ImportReport r = engine.run(test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")),
                                          profile(QStringLiteral("6-deals.json")), {}, {}, &cancel);
        QVERIFY(r.cancelled);
        QVERIFY(!r.committed);
        QCOMPARE(r.rejected, 0); // every row was valid: without the cancel all 8,800 would have been written
        QCOMPARE(r.inserted, 0);
        QList<int> expectedSteps;
        for (int i = 1; i <= cancelAfterStep; ++i)
            expectedSteps.append(i);
        QCOMPARE(steps, expectedSteps); // stopped right after the step in which Cancel was pressed
        QCOMPARE(dealsInTransaction, 8800);
        QCOMPARE(changesInTransaction, cancelAfterStep >= 2 ? 8800 : 0);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM deals")), 0);
        QCOMPARE(dump(), before);
    }

    void everyReason_data() { test::TestDatabases::addBackendRows(); }
    void everyReason()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        QTemporaryDir dir;
        auto write = [&](const QString& name, const QByteArray& bytes) { return writeFile(dir, name, bytes); };
        ImportEngine engine(*m_db, *m_clock);
        auto issues = [](const ImportReport& r) {
            QStringList out;
            for (const ImportIssue& i : r.issues)
                out.append(QStringLiteral("%1|%2|%3").arg(i.row).arg(i.column, i.reason));
            return out;
        };

        // Partners: auto-matched canonical headers.
        const QString partners = write(QStringLiteral("partners.csv"),
                                       "key,name,type,stage,location,founded,tier\n"
                                       "NEW1,New One,VAR,Prospect,\"Austin, Texas\",\"1975/1977 (1997)\",Gold\n"
                                       "NEW2,,Reseller,Sleeping,\"Paris, Atlantis\",sometime,Diamond\n"
                                       "ACN,Accenture again,SI,,,,\n");
        MappingProfile pp = MappingProfile::autoMatch(ImportEntity::Partners,
                                                      {"key", "name", "type", "stage", "location", "founded", "tier"});
        ImportReport r = engine.run(partners, pp, {});
        QCOMPARE(issues(r), QStringList({
                                "3|name|required field 'name' is empty",
                                "3|type|unknown partner type 'Reseller' (expected one of VAR, Distributor, SI, ISV, "
                                "MSP, Referral, Technology)",
                                "3|stage|unknown lifecycle stage 'Sleeping' (expected one of Prospect, Applied, "
                                "Onboarding, Active, At risk, Offboarded)",
                                "3|tier|unknown tier 'Diamond' (expected one of Registered, Silver, Gold, Platinum)",
                                "3|location|unknown country 'Atlantis'",
                                "3|founded|not a year (expected a 4-digit year)",
                                "4|key|duplicate key: 'ACN' is already in the book",
                            }));
        QCOMPARE(r.rejected, 2);
        ImportOptions skip;
        skip.skipInvalid = true;
        r = engine.run(partners, pp, skip);
        QCOMPARE(r.inserted, 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM partners WHERE partner_key = 'NEW1' AND founded = 1975 AND "
                                      "country = 'US' AND city = 'Austin' AND tier = 'Gold' AND stage = 'Prospect'")),
                 1);

        // A second "Moses Frase" at another partner makes the name ambiguous.
        const QString contacts = write(QStringLiteral("contacts.csv"), "name,partner_key\nMoses Frase,NEW1\n");
        r = engine.run(contacts, MappingProfile::autoMatch(ImportEntity::Contacts, {"name", "partner_key"}), {});
        QVERIFY2(r.committed, qPrintable(r.fatalError));

        const QString deals =
            write(QStringLiteral("deals.csv"),
                  "external_id,contact,partner_key,product,account,status,registered_at,closed_on,amount,currency\n"
                  "X1,Moses Frase,,GTX Basic,,Won,2017-01-02,2017-02-03,100,USD\n"
                  "X2,Moses Frase,NEW1,GTX Basic,,Won,2017-01-02T10:11:12.345Z,2017-02-03,100.5,usd\n"
                  "X3,Nobody Atall,,Widget 9000,Nowhere Inc,Pending,yesterday,2017-13-01,ten,US\n"
                  "X4,Darcel Schlecht,NOPE,GTX Basic,,Won,,,-5,USD\n"
                  ",,,,,,,,,\n"
                  "X2,Darcel Schlecht,,GTX Basic,,Won,,,,\n");
        MappingProfile dp = MappingProfile::autoMatch(ImportEntity::Deals,
                                                      {"external_id", "contact", "partner_key", "product", "account",
                                                       "status", "registered_at", "closed_on", "amount", "currency"});
        r = engine.run(deals, dp, {});
        QCOMPARE(
            issues(r),
            QStringList({
                "2|contact|contact 'Moses Frase' works for several partners: give partner_key",
                "4|contact|unknown contact 'Nobody Atall'",
                "4|product|unknown product 'Widget 9000'",
                "4|account|unknown account 'Nowhere Inc'",
                "4|status|unknown deal status 'Pending' (expected one of Draft, Submitted, Approved, Rejected, Won, "
                "Lost, Expired)",
                "4|registered_at|not a date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.zzz]Z)",
                "4|closed_on|not a date (expected YYYY-MM-DD)",
                "4|currency|not a currency code (expected three letters, e.g. USD)",
                "4|amount|not a number (expected a decimal like 1234.56)",
                "5|partner_key|unknown partner 'NOPE'",
                "5|amount|negative amount",
                "6|contact|required field 'contact' is empty, and so is 'partner_key': give the registering contact "
                "or the partner's key",
                "6|product|required field 'product' is empty",
                "6|status|required field 'status' is empty",
                "7|external_id|duplicate key: 'X2' is also on row 3",
            }));
        QCOMPARE(r.rejected, 5); // rows 2, 4, 5, 6 and 7; row 3 is valid
        r = engine.run(deals, dp, skip);
        QCOMPARE(r.inserted, 1);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM deals WHERE external_id = 'X2' AND "
                                      "registered_at = '2017-01-02T10:11:12.345Z' AND amount_minor = 10050 AND "
                                      "currency = 'USD' AND registration_number = 1")),
                 1);
    }

    void duplicateKeysAndUpsert_data() { test::TestDatabases::addBackendRows(); }
    void duplicateKeysAndUpsert()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        ImportEngine engine(*m_db, *m_clock);
        // Insert-only: the products are already in the book ("GTXPro" = "GTX Pro").
        const ImportReport r = engine.run(test::sharedData(QStringLiteral("maven_crm/products.csv")),
                                          profile(QStringLiteral("1-products.json")), {});
        QCOMPARE(r.rejected, 7);
        QCOMPARE(r.issues.first().row, 2);
        QCOMPARE(r.issues.first().column, QStringLiteral("product"));
        QCOMPARE(r.issues.first().reason, QStringLiteral("duplicate key: 'GTX Basic' is already in the book"));
        // Upsert: the same file updates the 7 products, keeping what is not mapped.
        MappingProfile upsert = profile(QStringLiteral("1-products.json"));
        upsert.mode = MappingProfile::Mode::Upsert;
        m_clock->set(m_clock->nowUtc().addSecs(60));
        const ImportReport u = engine.run(test::sharedData(QStringLiteral("maven_crm/products.csv")), upsert, {});
        QVERIFY2(u.committed, qPrintable(u.fatalError));
        QCOMPARE(u.inserted, 0);
        QCOMPARE(u.updated, 7);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM products WHERE version = 2")), 7);
        QCOMPARE(count(QStringLiteral("SELECT list_price_minor FROM products WHERE name = 'GTX Pro'")), 482100);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'products' AND op = 'update'")),
                 7);
    }

    void importsAtTheSameInstantLogEachRowOnce_data() { test::TestDatabases::addBackendRows(); }
    void importsAtTheSameInstantLogEachRowOnce()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return; // the backend is not available (openBook failed the test)
        QTemporaryDir dir;
        ImportEngine engine(*m_db, *m_clock); // the clock does not move between the two imports
        for (const char* name : {"Widget A", "Widget B"}) {
            const QString path = dir.filePath(QString::fromLatin1(name) + QStringLiteral(".csv"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("name,list_price\n") + name + ",10\n");
            f.close();
            const MappingProfile products = MappingProfile::autoMatch(
                ImportEntity::Products, {QStringLiteral("name"), QStringLiteral("list_price")});
            QVERIFY(engine.run(path, products, {}).committed);
        }
        // 7 scenario products + 1 + 1: the second import's bulk log did not pick up the first one's row again.
        QCOMPARE(count(test::changeLogRowsSql(QStringLiteral("entity = 'products'"))), qint64(9));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT id) FROM (%1) x")
                           .arg(test::changeLogIdsSql(QStringLiteral("products"), QStringLiteral("insert")))),
                 qint64(9));
    }

    // Issue 6, section 4: a damaged byte, NUL bytes and UTF-16 through the engine (the CsvReader cases are in
    // tst_csvreader).
    void encodingProblemsAreNamed_data() { test::TestDatabases::addBackendRows(); }
    void encodingProblemsAreNamed()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        QTemporaryDir dir;
        auto write = [&](const QString& name, const QByteArray& bytes) { return writeFile(dir, name, bytes); };
        const MappingProfile products =
            MappingProfile::autoMatch(ImportEntity::Products, {QStringLiteral("name"), QStringLiteral("list_price")});
        ImportEngine engine(*m_db, *m_clock);
        const QString before = dump();

        // One bad byte in a UTF-8 file: the row, column and byte, nothing written.
        ImportReport r = engine.run(write(QStringLiteral("bad-byte.csv"),
                                          "name,list_price\nK\xC3\xB6ln Widget,10\nCaf\xE9 Widget,12\nThird,14\n"),
                                    products, {});
        QVERIFY(!r.committed);
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues.first().row, 3);
        QCOMPARE(r.issues.first().reason,
                 QStringLiteral("column 1 (name), byte 35 (0xE9) is not valid UTF-8, but the file is UTF-8 before it "
                                "(byte 17): a damaged byte, or a file of mixed encodings; state the encoding in the "
                                "profile if the whole file is Windows-1252"));
        QCOMPARE(dump(), before);

        // A file of NULs: refused by name, briefly.
        const QString nuls = write(QStringLiteral("nuls.csv"), QByteArray(1 << 20, '\0'));
        r = engine.run(nuls, products, {});
        QVERIFY(!r.committed);
        QCOMPARE(r.fatalError, nuls + QStringLiteral(": the file contains NUL bytes at byte 0: it is not a text CSV"));
        QCOMPARE(dump(), before);

        // UTF-16 with a BOM is named and read.
        QByteArray utf16("\xFF\xFE");
        for (QChar c : QStringLiteral("name;list_price\r\nZoë Widget;9\r\n"))
            utf16.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        r = engine.run(write(QStringLiteral("utf16.csv"), utf16), products, {});
        QVERIFY2(r.committed, qPrintable(r.fatalError));
        QCOMPARE(r.encoding, QStringLiteral("UTF-16LE"));
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM products WHERE name = 'Zoë Widget' AND list_price_minor = 900")),
            1);
    }
};

QTEST_GUILESS_MAIN(TestImportErrors)
#include "tst_importerrors.moc"
