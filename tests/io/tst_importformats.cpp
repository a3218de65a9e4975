// Number and date formats of import profiles (issue 6, section 2; DESIGN.md section 2: parsing is explicit, an
// ambiguous or malformed value is an invalid row, never a guess): a table of formats × values, profiles in JSON,
// and a European export (semicolons, decimal commas, dd.MM.yyyy) imported end to end on SQLite and PostgreSQL.
#include "domain/Clock.h"
#include "io/DateFormat.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "io/NumberFormat.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/TestDatabases.h"

#include <QLocale>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

class TestImportFormats : public QObject
{
    Q_OBJECT

private:
    test::TestDatabases m_dbs;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<FixedClock> m_clock;

    static MappingProfile profile(const QString& relative)
    {
        QString error;
        auto p = MappingProfile::load(test::testData(relative), &error);
        if (!p)
            qFatal("%s", qPrintable(error));
        return *p;
    }

    QStringList rows(const QString& sql)
    {
        QSqlQuery q = m_db->prepare(sql);
        Database::exec(q, QStringLiteral("test"));
        QStringList out;
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < q.record().count(); ++i)
                row.append(q.value(i).toString());
            out.append(row.join(QLatin1Char('|')));
        }
        return out;
    }

    static QStringList issues(const ImportReport& r)
    {
        QStringList out;
        for (const ImportIssue& i : r.issues)
            out.append(QStringLiteral("%1|%2|%3|%4").arg(i.row).arg(i.column, i.value, i.reason));
        return out;
    }

    /// A new book with the products of products-de.csv (read through formats/products-de.json), partner EU1 and
    /// its contact Anna Schmidt.
    void openBook(const QString& backend)
    {
        QString error;
        const auto config = m_dbs.forBackend(backend, &error);
        QVERIFY2(config, qPrintable(error));
        m_db = std::make_unique<Database>(*config);
        m_db->open();
        Migrator(*m_db).migrate();
        m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 2, 1), QTime(8, 0), Qt::UTC));
        ImportEngine engine(*m_db, *m_clock);
        const QList<std::pair<QString, MappingProfile>> steps = {
            {QStringLiteral("products-de.csv"), profile(QStringLiteral("formats/products-de.json"))},
            {QStringLiteral("partners-de.csv"),
             MappingProfile::autoMatch(ImportEntity::Partners, {"key", "name", "type", "stage"})},
            {QStringLiteral("contacts-de.csv"),
             MappingProfile::autoMatch(ImportEntity::Contacts, {"name", "partner_key"})}};
        for (const auto& [file, p] : steps) {
            m_clock->set(m_clock->nowUtc().addSecs(60));
            const ImportReport r = engine.run(test::testData(QStringLiteral("formats/") + file), p, {});
            QVERIFY2(r.committed, qPrintable(file + r.fatalError + issues(r).join(QLatin1Char('\n'))));
        }
        m_clock->set(m_clock->nowUtc().addSecs(60));
    }

private Q_SLOTS:
    void cleanup() { m_db.reset(); }

    void numbers_data()
    {
        QTest::addColumn<QString>("format"); // an example name (NumberFormat::presets())
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical"); // empty: invalid
        QTest::addColumn<QString>("reason");    // the reason when invalid
        auto ok = [](const char* name, const char* format, const char* text, const char* canonical) {
            QTest::newRow(name) << QString::fromUtf8(format) << QString::fromUtf8(text) << QString::fromUtf8(canonical)
                                << QString();
        };
        auto bad = [](const char* name, const char* format, const char* text, const char* reason) {
            QTest::newRow(name) << QString::fromUtf8(format) << QString::fromUtf8(text) << QString()
                                << QString::fromUtf8(reason);
        };
        // The bug of issue 6: a decimal comma read as a thousands separator (100,050.00).
        ok("1000,50 decimal comma", "1.234,56", "1000,50", "1000.50");
        bad("1000,50 decimal point", "1,234.56", "1000,50",
            "not a number under the number format 1,234.56: grouping separators in the wrong places (groups of three "
            "digits, as in 1,234.56); if the file writes decimal commas, its number format is 1.234,56 or 1234,56");
        bad("12,5 decimal point", "1,234.56", "12,5",
            "not a number under the number format 1,234.56: grouping separators in the wrong places (groups of three "
            "digits, as in 1,234.56); if the file writes decimal commas, its number format is 1.234,56 or 1234,56");
        bad("1.5 under 1.234,56", "1.234,56", "1.5",
            "not a number under the number format 1.234,56: grouping separators in the wrong places (groups of three "
            "digits, as in 1.234,56); if the file writes decimal points, its number format is 1,234.56 or 1234.56");
        bad("1000,50 decimal point, no grouping", "1234.56", "1000,50",
            "not a number under the number format 1234.56: ',' is not a separator of this format");
        ok("932,68 (semicolon file)", "1.234,56", "932,68", "932.68");
        ok("932,68 no grouping", "1234,56", "932,68", "932.68");
        ok("1.234,56", "1.234,56", "1.234,56", "1234.56");
        ok("1,234.56", "1,234.56", "1,234.56", "1234.56");
        ok("1 234,56", "1 234,56", "1 234,56", "1234.56");
        ok("1 234,56 no-break space", "1 234,56", "1\u00A0234,56", "1234.56");
        ok("1 234,56 narrow no-break space", "1 234,56", "1\u202F234,56", "1234.56");
        ok("1'234.56", "1'234.56", "1'234.56", "1234.56");
        ok("millions", "1.234,56", "-2.500.000,00", "-2500000.00");
        ok("plain integer", "1.234,56", "1000", "1000");
        ok("plus sign", "1,234.56", "+7.5", "7.5");
        ok("no integer digits", "1234,56", ",5", ".5");
        ok("1.000.000 is not ambiguous", "1.234,56", "1.000.000", "1000000");
        ok("1.000,00 is not ambiguous", "1.234,56", "1.000,00", "1000.00");
        ok("1 000 space is not ambiguous", "1 234,56", "1 000", "1000");
        ok("1.000 under a point without grouping", "1234.56", "1.000", "1.000");
        bad("1.000 ambiguous (grouping dot)", "1.234,56", "1.000",
            "ambiguous under the number format 1.234,56: 1.000 means 1000 here but is a decimal in files with a "
            "decimal point; write 1000 or 1.000,00");
        bad("1,000 ambiguous (grouping comma)", "1,234.56", "1,000",
            "ambiguous under the number format 1,234.56: 1,000 means 1000 here but is a decimal in files with a "
            "decimal comma; write 1000 or 1,000.00");
        bad("1,000.50 under a decimal comma", "1.234,56", "1,000.50",
            "not a number under the number format 1.234,56: a grouping separator after the decimal separator");
        bad("1,000.50 under a decimal comma, space grouping", "1 234,56", "1,000.50",
            "not a number under the number format 1 234,56: '.' is not a separator of this format");
        bad("two decimal separators", "1.234,56", "1,5,0",
            "not a number under the number format 1.234,56: two decimal separators");
        bad("two decimal points", "1234.56", "1.2.3",
            "not a number under the number format 1234.56: two decimal separators");
        bad("group of two", "1.234,56", "1.23.456,00",
            "not a number under the number format 1.234,56: grouping separators in the wrong places (groups of three "
            "digits, as in 1.234,56)");
        bad("group of four first", "1,234.56", "1234,567.00",
            "not a number under the number format 1,234.56: grouping separators in the wrong places (groups of three "
            "digits, as in 1,234.56)");
        bad("Indian grouping", "1,234.56", "1,00,000.00",
            "not a number under the number format 1,234.56: grouping separators in the wrong places (groups of three "
            "digits, as in 1,234.56)");
        bad("leading grouping", "1,234.56", ",500",
            "not a number under the number format 1,234.56: grouping separators in the wrong places (groups of three "
            "digits, as in 1,234.56)");
        bad("letters", "1.234,56", "zehn", "not a number (expected a decimal like 1234,56)");
        bad("currency symbol", "1,234.56", "$5", "not a number (expected a decimal like 1234.56)");
        bad("only a sign", "1,234.56", "-", "not a number (expected a decimal like 1234.56)");
    }

    void numbers()
    {
        QFETCH(QString, format);
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(QString, reason);
        const std::optional<NumberFormat> f = NumberFormat::fromExample(format);
        QVERIFY(f);
        QCOMPARE(f->example(), format);
        QString why;
        const std::optional<QString> got = f->canonical(text, &why);
        QCOMPARE(got.value_or(QString()), canonical);
        QCOMPARE(why, reason);
    }

    void localeFormats()
    {
        QCOMPARE(NumberFormat::fromLocale(QLocale(QStringLiteral("de_DE"))).example(), QStringLiteral("1.234,56"));
        QCOMPARE(NumberFormat::fromLocale(QLocale(QStringLiteral("en_US"))).example(), QStringLiteral("1,234.56"));
        QCOMPARE(NumberFormat::fromLocale(QLocale(QStringLiteral("fr_FR"))).example(), QStringLiteral("1 234,56"));
        QCOMPARE(NumberFormat::fromLocale(QLocale(QStringLiteral("de_DE"))).locale, QStringLiteral("de_DE"));
    }

    void dates_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("date"); // invalid: refused
        QTest::newRow("ISO") << "yyyy-MM-dd"
                             << "2017-03-15" << QDate(2017, 3, 15);
        QTest::newRow("ISO, day one digit") << "yyyy-MM-dd"
                                            << "2017-03-5" << QDate();
        QTest::newRow("03/15/2017 US") << "MM/dd/yyyy"
                                       << "03/15/2017" << QDate(2017, 3, 15);
        QTest::newRow("13/15/2017 US") << "MM/dd/yyyy"
                                       << "13/15/2017" << QDate();
        QTest::newRow("15/03/2017 under US") << "MM/dd/yyyy"
                                             << "15/03/2017" << QDate();
        QTest::newRow("3/15/2017 needs MM") << "MM/dd/yyyy"
                                            << "3/15/2017" << QDate();
        QTest::newRow("3/15/2017 under M/d") << "M/d/yyyy"
                                             << "3/15/2017" << QDate(2017, 3, 15);
        QTest::newRow("15.03.2017") << "dd.MM.yyyy"
                                    << "15.03.2017" << QDate(2017, 3, 15);
        QTest::newRow("31.02.2017") << "dd.MM.yyyy"
                                    << "31.02.2017" << QDate();
        QTest::newRow("29.02.2016 leap") << "dd.MM.yyyy"
                                         << "29.02.2016" << QDate(2016, 2, 29);
        QTest::newRow("ISO under dd.MM.yyyy") << "dd.MM.yyyy"
                                              << "2017-03-15" << QDate();
        QTest::newRow("15/03/2017") << "dd/MM/yyyy"
                                    << "15/03/2017" << QDate(2017, 3, 15);
        QTest::newRow("03/15/2017 under dd/MM") << "dd/MM/yyyy"
                                                << "03/15/2017" << QDate();
        QTest::newRow("trailing text") << "dd.MM.yyyy"
                                       << "15.03.2017 10:00" << QDate();
        QTest::newRow("two-digit year text") << "dd.MM.yyyy"
                                             << "15.03.17" << QDate();
        QTest::newRow("day zero") << "dd.MM.yyyy"
                                  << "00.03.2017" << QDate();
    }

    void dates()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, text);
        QFETCH(QDate, date);
        QString error;
        const std::optional<DateFormat> f = DateFormat::fromPattern(pattern, &error);
        QVERIFY2(f, qPrintable(error));
        QCOMPARE(f->parse(text), date);
    }

    void badPatterns_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("error");
        QTest::newRow("two-digit year") << "dd.MM.yy"
                                        << "the date format \"dd.MM.yy\" needs a four-digit year (yyyy): two-digit "
                                           "years are a guess";
        QTest::newRow("no day") << "MM/yyyy"
                                << "the date format \"MM/yyyy\" needs exactly one year (yyyy), one month (MM or M) "
                                   "and one day (dd or d)";
        QTest::newRow("month name") << "dd MMM yyyy"
                                    << "the date format \"dd MMM yyyy\" names the month or day by name (MMM, ddd): use "
                                       "MM, M, dd or d";
        QTest::newRow("time") << "yyyy-MM-dd HH:mm"
                              << "the date format \"yyyy-MM-dd HH:mm\" may hold only yyyy, MM, M, dd, d and "
                                 "separators, not 'H'";
        QTest::newRow("ambiguous run") << "dMyyyy"
                                       << "the date format \"dMyyyy\" puts a one-or-two-digit number right before "
                                          "another number";
    }

    void badPatterns()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, error);
        QString why;
        QVERIFY(!DateFormat::fromPattern(pattern, &why));
        QCOMPARE(why, error);
    }

    void profilesStateTheirFormats()
    {
        const MappingProfile de = profile(QStringLiteral("formats/deals-de.json"));
        QCOMPARE(de.numberFormat.example(), QStringLiteral("1.234,56"));
        QCOMPARE(de.dateFormat.pattern(), QStringLiteral("dd.MM.yyyy"));
        // Profiles without the fields keep what imports did before: ISO dates, "1,234.56".
        const MappingProfile old = profile(QStringLiteral("profiles/6-deals.json"));
        QCOMPARE(old.numberFormat.example(), QStringLiteral("1,234.56"));
        QVERIFY(old.dateFormat.isIso());
        // Saved and loaded again.
        QTemporaryDir dir;
        QString error;
        MappingProfile fr = de;
        fr.numberFormat = NumberFormat::fromLocale(QLocale(QStringLiteral("fr_FR")));
        QVERIFY(fr.save(dir.filePath(QStringLiteral("fr.json")), &error));
        const auto again = MappingProfile::load(dir.filePath(QStringLiteral("fr.json")), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->numberFormat, fr.numberFormat);
        QCOMPARE(again->dateFormat.pattern(), QStringLiteral("dd.MM.yyyy"));
        QVERIFY(de.save(dir.filePath(QStringLiteral("de.json")), &error));
        QCOMPARE(MappingProfile::load(dir.filePath(QStringLiteral("de.json")), &error)->numberFormat, de.numberFormat);
        // Invalid formats name the key.
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"entity": "deals", "number_format": {"decimal": ",", "grouping": ","}})");
        bad.close();
        QVERIFY(!MappingProfile::load(bad.fileName(), &error));
        QVERIFY2(error.contains(QStringLiteral("\"number_format\": the grouping separator")), qPrintable(error));
    }

    void europeanExportEndToEnd_data() { test::TestDatabases::addBackendRows(); }
    void europeanExportEndToEnd()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rows(QStringLiteral("SELECT name, list_price_minor, currency FROM products ORDER BY name")),
                 QStringList({"Widget A|93268|EUR", "Widget B|123456|EUR", "Widget C|100050|EUR", "Widget D|12|JPY"}));
        ImportEngine engine(*m_db, *m_clock);
        const MappingProfile deals = profile(QStringLiteral("formats/deals-de.json"));
        const ImportReport r = engine.run(test::testData(QStringLiteral("formats/deals-de.csv")), deals, {});
        QVERIFY2(r.committed, qPrintable(r.fatalError + issues(r).join(QLatin1Char('\n'))));
        QCOMPARE(r.inserted, 4);
        QCOMPARE(
            rows(QStringLiteral("SELECT external_id, amount_minor, currency, registered_at, COALESCE(closed_on, '') "
                                "FROM deals ORDER BY external_id")),
            QStringList({
                "DE-1|93268|EUR|2017-03-15T00:00:00.000Z|2017-03-31",
                "DE-2|123456|EUR|2017-04-01T09:30:00.000Z|",
                "DE-3|100050|EUR|2017-05-03T00:00:00.000Z|",
                "DE-4|250000000|EUR|2017-05-04T00:00:00.000Z|2017-06-05",
            }));
    }

    void europeanExportInvalidRows_data() { test::TestDatabases::addBackendRows(); }
    void europeanExportInvalidRows()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        ImportEngine engine(*m_db, *m_clock);
        const ImportReport r = engine.run(test::testData(QStringLiteral("formats/deals-de-invalid.csv")),
                                          profile(QStringLiteral("formats/deals-de.json")), {});
        QVERIFY(!r.committed);
        QCOMPARE(r.rejected, 4);
        QCOMPARE(
            issues(r),
            QStringList({
                "2|Abschluss|31.02.2017|not a date (expected dd.MM.yyyy)",
                "2|Betrag|1,000.50|not a number under the number format 1.234,56: a grouping separator after the "
                "decimal separator",
                "3|Registriert|2017-03-15|not a date (expected dd.MM.yyyy or YYYY-MM-DDTHH:MM:SS[.zzz]Z)",
                "3|Betrag|1.000|ambiguous under the number format 1.234,56: 1.000 means 1000 here but is a decimal "
                "in files with a decimal point; write 1000 or 1.000,00",
                "4|Währung|XYZ|'XYZ' is not an ISO 4217 currency code",
                "4|Betrag|1,5,0|not a number under the number format 1.234,56: two decimal separators",
                "5|Betrag|85070591730234615866,0036|out of range: the largest amount is "
                "92,233,720,368,547,758.07 EUR",
            }));
        QCOMPARE(rows(QStringLiteral("SELECT COUNT(*) FROM deals")), QStringList({"0"}));
    }

    void usDatesThroughAProfile_data() { test::TestDatabases::addBackendRows(); }
    void usDatesThroughAProfile()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        ImportEngine engine(*m_db, *m_clock);
        ImportOptions skip;
        skip.skipInvalid = true;
        const ImportReport r = engine.run(test::testData(QStringLiteral("formats/deals-us.csv")),
                                          profile(QStringLiteral("formats/deals-us.json")), skip);
        QVERIFY(r.committed);
        QCOMPARE(r.inserted, 1);
        QCOMPARE(r.rejected, 1);
        QCOMPARE(issues(r), QStringList({"3|engage_date|13/15/2017|not a date (expected MM/dd/yyyy or "
                                         "YYYY-MM-DDTHH:MM:SS[.zzz]Z)"}));
        QCOMPARE(rows(QStringLiteral("SELECT external_id, amount_minor, registered_at, closed_on FROM deals")),
                 QStringList({"US-1|100050|2017-03-15T00:00:00.000Z|2017-03-31"}));
    }
};

QTEST_GUILESS_MAIN(TestImportFormats)
#include "tst_importformats.moc"
