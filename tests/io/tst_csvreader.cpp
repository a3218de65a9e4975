// CsvReader: line ends, BOM, Windows-1252, delimiters, quoted multi-line fields and errors with row numbers.
#include "io/CsvReader.h"
#include "io/MappingProfile.h"
#include "support/TestDatabases.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

class TestCsvReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    QString write(const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("f%1.csv").arg(++m_n));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QList<QStringList> readAll(CsvReader& r)
    {
        QList<QStringList> rows;
        QStringList row;
        while (r.next(row))
            rows.append(row);
        return rows;
    }

private Q_SLOTS:
    void crlf()
    {
        CsvReader r;
        QVERIFY2(r.open(write("a,b,c\r\n1,2,3\r\n4,,6\r\n")), qPrintable(r.error()));
        QCOMPARE(r.header(), QStringList({"a", "b", "c"}));
        QCOMPARE(r.format().encoding, CsvFormat::Encoding::Utf8);
        QCOMPARE(r.format().delimiter, QLatin1Char(','));
        QStringList row;
        QVERIFY(r.next(row));
        QCOMPARE(row, QStringList({"1", "2", "3"}));
        QCOMPARE(r.row(), 2);
        QVERIFY(r.next(row));
        QCOMPARE(row, QStringList({"4", "", "6"}));
        QCOMPARE(r.row(), 3);
        QVERIFY(!r.next(row));
        QVERIFY(r.error().isEmpty());
        QCOMPARE(r.bytesRead(), r.size());
    }

    void lfWithoutFinalNewlineAndTrailingEmptyField()
    {
        CsvReader r;
        QVERIFY(r.open(write("a,b\n1,\n2,x")));
        const auto rows = readAll(r);
        QCOMPARE(rows, QList<QStringList>({{"1", ""}, {"2", "x"}}));
    }

    void utf8Bom()
    {
        CsvReader r;
        QVERIFY(r.open(write("\xEF\xBB\xBFname,city\r\nZo\xC3\xAB,K\xC3\xB6ln\r\n")));
        QCOMPARE(r.format().encoding, CsvFormat::Encoding::Utf8Bom);
        QCOMPARE(r.header().first(), QStringLiteral("name")); // the BOM is not part of the first header
        QStringList row;
        QVERIFY(r.next(row));
        QCOMPARE(row, QStringList({QStringLiteral("Zoë"), QStringLiteral("Köln")}));
        QCOMPARE(CsvFormat::encodingName(r.format().encoding), QStringLiteral("UTF-8 with BOM"));
    }

    void windows1252()
    {
        // "Café" with é = 0xE9 and "€5" with € = 0x80 and ’ = 0x92 in Windows-1252.
        CsvReader r;
        QVERIFY(r.open(write("name;price;note\r\nCaf\xE9;\x80\x35;it\x92s\r\n")));
        QCOMPARE(r.format().encoding, CsvFormat::Encoding::Windows1252);
        QCOMPARE(r.format().delimiter, QLatin1Char(';'));
        QStringList row;
        QVERIFY(r.next(row));
        QCOMPARE(row, QStringList({QStringLiteral("Café"), QStringLiteral("€5"), QStringLiteral("it’s")}));
    }

    void semicolonAndTab()
    {
        CsvReader semi;
        QVERIFY(semi.open(write("a;b;c\n1,5;2;3\n")));
        QCOMPARE(semi.format().delimiter, QLatin1Char(';'));
        QCOMPARE(readAll(semi), QList<QStringList>({{"1,5", "2", "3"}}));
        CsvReader tab;
        QVERIFY(tab.open(write("a\tb\n\"x,y\"\tz\n")));
        QCOMPARE(tab.format().delimiter, QLatin1Char('\t'));
        QCOMPARE(readAll(tab), QList<QStringList>({{"x,y", "z"}}));
    }

    void quotedMultiLine()
    {
        CsvReader r;
        QVERIFY(r.open(write("id,notes,n\r\n1,\"line one\r\nline \"\"two\"\", with comma\",7\r\n2,\"\",8\r\n")));
        QStringList row;
        QVERIFY(r.next(row));
        QCOMPARE(row, QStringList({"1", "line one\r\nline \"two\", with comma", "7"}));
        QCOMPARE(r.row(), 2);
        QVERIFY(r.next(row));
        QCOMPARE(row, QStringList({"2", "", "8"}));
        QCOMPARE(r.row(), 3);
        QVERIFY(!r.next(row));
        QVERIFY(r.error().isEmpty());
    }

    void unbalancedQuoteGivesRow()
    {
        CsvReader r;
        QVERIFY(r.open(write("a,b\n1,2\n3,4\n5,\"never closed\n6,7\n")));
        const auto rows = readAll(r);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(r.error(), QStringLiteral("row 4: unbalanced quote (a quoted field is never closed)"));
    }

    void textAfterClosingQuoteIsAnError()
    {
        CsvReader r;
        QVERIFY(r.open(write("a,b\n1,\"x\"y\n")));
        QStringList row;
        QVERIFY(!r.next(row));
        QCOMPARE(r.error(), QStringLiteral("row 2: unbalanced quote (text after a closing quote)"));
    }

    void forcedUtf8WithInvalidBytesGivesRow()
    {
        CsvFormat utf8;
        utf8.encoding = CsvFormat::Encoding::Utf8;
        CsvReader r;
        QVERIFY(r.open(write("name,city\nA,B\nCaf\xE9,Paris\n"), utf8));
        QStringList row;
        QVERIFY(r.next(row));
        QVERIFY(!r.next(row));
        QCOMPARE(r.error(), QStringLiteral("row 3: the text is not valid UTF-8 (is the file Windows-1252?)"));
    }

    void detectLooksAtTheFirstLineOutsideQuotes()
    {
        QCOMPARE(CsvReader::detect("\"a;b;c\",d,e\n").delimiter, QLatin1Char(','));
        QCOMPARE(CsvReader::detect("a;b,c;d\n").delimiter, QLatin1Char(';'));
        // A sample cut inside a UTF-8 sequence is still UTF-8.
        QCOMPARE(CsvReader::detect("a,b\nx\xC3").encoding, CsvFormat::Encoding::Utf8);
        QCOMPARE(CsvReader::detect("a,b\nx\xE9y").encoding, CsvFormat::Encoding::Windows1252);
    }

    void missingFile()
    {
        CsvReader r;
        QVERIFY(!r.open(m_dir.filePath(QStringLiteral("nope.csv"))));
        QVERIFY(r.error().startsWith(QStringLiteral("Cannot read")));
    }

    void realMavenFile()
    {
        CsvReader r;
        QVERIFY(r.open(test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv"))));
        QCOMPARE(r.header(), QStringList({"opportunity_id", "sales_agent", "product", "account", "deal_stage",
                                          "engage_date", "close_date", "close_value"}));
        QCOMPARE(readAll(r).size(), 8800);
        QVERIFY(r.error().isEmpty());
    }

    void profileRoundTripAndAutoMatch()
    {
        QString error;
        const auto p = MappingProfile::load(test::testData(QStringLiteral("profiles/2-partners.json")), &error);
        QVERIFY2(p, qPrintable(error));
        QVERIFY(p->entity == ImportEntity::Partners);
        QCOMPARE(p->filterColumn, QStringLiteral("GICS Sector"));
        QCOMPARE(p->valueMaps.value(QStringLiteral("type")).value(QStringLiteral("Application Software")),
                 QStringLiteral("ISV"));
        QCOMPARE(p->valueMaps.value(QStringLiteral("type")).size(), 12);
        const QString saved = m_dir.filePath(QStringLiteral("saved.json"));
        QVERIFY(p->save(saved, &error));
        const auto again = MappingProfile::load(saved, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->columns, p->columns);
        QCOMPARE(again->constants, p->constants);
        QCOMPARE(again->valueMaps, p->valueMaps);
        QCOMPARE(again->filterValue, p->filterValue);

        const MappingProfile m =
            MappingProfile::autoMatch(ImportEntity::Products, {"Name", "Product Line", "LIST-PRICE", "x"});
        QCOMPARE(m.columns.value(QStringLiteral("name")), QStringLiteral("Name"));
        QCOMPARE(m.columns.value(QStringLiteral("product_line")), QStringLiteral("Product Line"));
        QCOMPARE(m.columns.value(QStringLiteral("list_price")), QStringLiteral("LIST-PRICE"));
        QVERIFY(!m.columns.contains(QStringLiteral("currency")));

        const QString bad = write("{\"entity\": \"products\", \"columns\": {\"colour\": \"c\"}}");
        QVERIFY(!MappingProfile::load(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("\"colour\" is not a field of products")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
