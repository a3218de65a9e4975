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
        QCOMPARE(r.error(),
                 QStringLiteral("row 3: column 1 (name), byte 17 (0xE9): the text is not valid UTF-8 (is the "
                                "file Windows-1252?)"));
    }

    // Issue 6: one bad byte in an otherwise UTF-8 file was silently decoded as Windows-1252 for the whole file.
    void oneBadByteInUtf8IsReportedWhereItIs()
    {
        CsvReader r;
        QVERIFY(r.open(write("name,city\nZo\xC3\xAB,K\xC3\xB6ln\nCaf\xE9,Paris\nX,Y\n")));
        QStringList row;
        QVERIFY(r.next(row));
        QCOMPARE(row, QStringList({QStringLiteral("Zoë"), QStringLiteral("Köln")}));
        QVERIFY(!r.next(row));
        QCOMPARE(r.error(), QStringLiteral("row 3: column 1 (name), byte 24 (0xE9) is not valid UTF-8, but the file is "
                                           "UTF-8 before it (byte 12): a damaged byte, or a file of mixed encodings; "
                                           "state the encoding in the profile if the whole file is Windows-1252"));
        QCOMPARE(r.row(), 3);
        // A bad byte far beyond the first chunk is found too, with its row.
        QByteArray big("name,city\nZo\xC3\xAB,x\n");
        for (int i = 0; i < 20000; ++i)
            big += "plain,ascii\n";
        big += "Caf\xE9,Paris\n";
        CsvReader far;
        QVERIFY(far.open(write(big)));
        while (far.next(row)) {
        }
        QVERIFY2(
            far.error().startsWith(
                QStringLiteral("row 20003: column 1 (name), byte %1 (0xE9) is not valid UTF-8").arg(big.size() - 8)),
            qPrintable(far.error()));
    }

    void windows1252IsChosenOnlyWhenNothingBeforeIsUtf8()
    {
        CsvReader r;
        QVERIFY(r.open(write("name,city\nplain,ascii\nCaf\xE9,Paris\n")));
        QCOMPARE(readAll(r), QList<QStringList>({{"plain", "ascii"}, {QStringLiteral("Café"), "Paris"}}));
        QVERIFY(r.error().isEmpty());
        QCOMPARE(r.format().encoding, CsvFormat::Encoding::Windows1252);
        QCOMPARE(r.encodingNote(),
                 QStringLiteral("read as Windows-1252: byte 25 is not UTF-8 and no text before it is UTF-8"));
        // … and UTF-8 text after that is a file of mixed encodings.
        CsvReader mixed;
        QVERIFY(mixed.open(write("name,city\nCaf\xE9,Paris\nZo\xC3\xAB,x\n")));
        QStringList row;
        QVERIFY(mixed.next(row));
        QVERIFY(!mixed.next(row));
        QCOMPARE(mixed.error(),
                 QStringLiteral("row 3: column 1 (name), byte 23 starts UTF-8 text, but byte 13 before it "
                                "is not UTF-8: the file mixes encodings; state the encoding in the profile"));
    }

    void nulBytesAreRefusedByName()
    {
        // Issue 6: a file of NULs took 7.3 GB for 1 GB and printed the NULs as "its columns".
        CsvReader r;
        const QString path = write(QByteArray(3 << 20, '\0'));
        QVERIFY(!r.open(path));
        QCOMPARE(r.error(), path + QStringLiteral(": the file contains NUL bytes at byte 0: it is not a text CSV"));
        // A NUL later in the file, beyond the first bytes looked at when opening.
        QByteArray late("a,b\n");
        while (late.size() < CsvReader::kSampleBytes + 100)
            late += "1,2\n";
        const qsizetype at = late.size() + 2;
        late += QByteArray("3,x\0y\n", 7);
        CsvReader l;
        QVERIFY(l.open(write(late)));
        QStringList row;
        while (l.next(row)) {
        }
        QCOMPARE(l.error(),
                 QStringLiteral("row %1: column 2 (b), the file contains NUL bytes at byte %2: it is not a text CSV")
                     .arg((late.size() - 4) / 4 + 1)
                     .arg(at + 1));
    }

    void fieldAndRowLimits()
    {
        QStringList row;
        // One field just over the limit, in the third column of row 3.
        QByteArray bytes("a,b,c\n1,2,3\n4,5,");
        bytes += QByteArray(CsvReader::kMaxFieldBytes + 1, 'x');
        bytes += "\n6,7,8\n";
        CsvReader r;
        QVERIFY(r.open(write(bytes)));
        QVERIFY(r.next(row));
        QVERIFY(!r.next(row));
        QCOMPARE(r.error(),
                 QStringLiteral("row 3: column 3 (c), the field is longer than 1 MiB (the limit for one field): "
                                "is the delimiter right, is it a CSV file?"));
        // A field of exactly the limit is read.
        QByteArray exact("a\n");
        exact += QByteArray(CsvReader::kMaxFieldBytes, 'y');
        exact += "\n";
        CsvReader e;
        QVERIFY(e.open(write(exact)));
        QVERIFY2(e.next(row), qPrintable(e.error()));
        QCOMPARE(row.first().size(), CsvReader::kMaxFieldBytes);
        // A quoted field that is never closed, in a big file: stopped at the limit, not read to the end.
        QByteArray quoted("a,b\n1,\"");
        quoted += QByteArray(3 * CsvReader::kMaxFieldBytes, 'z');
        CsvReader q;
        QVERIFY(q.open(write(quoted)));
        QVERIFY(!q.next(row));
        QCOMPARE(q.error(),
                 QStringLiteral("row 2: column 2 (b), the field is longer than 1 MiB (the limit for one field): "
                                "is the delimiter right, is it a CSV file?"));
        // Many fields under the limit that make a row over it.
        QByteArray wide("a\n");
        for (int i = 0; i < 5; ++i)
            wide += QByteArray(CsvReader::kMaxFieldBytes - 10, 'w') + ',';
        wide += "\n";
        CsvReader w;
        QVERIFY(w.open(write(wide)));
        QVERIFY(!w.next(row));
        QCOMPARE(w.error(), QStringLiteral("row 2: the row is longer than 4 MiB (the limit for one row)"));
    }

    void utf16IsNamedAndRead_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("encoding");
        const QString text = QStringLiteral("name;city\r\nZoë;Köln\r\n€5;\"a;b\"\r\n");
        QByteArray le, be;
        for (QChar c : text) {
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
        }
        QTest::newRow("LE with BOM") << QByteArray("\xFF\xFE") + le << int(CsvFormat::Encoding::Utf16LE);
        QTest::newRow("BE with BOM") << QByteArray("\xFE\xFF") + be << int(CsvFormat::Encoding::Utf16BE);
        QTest::newRow("LE without BOM") << le << int(CsvFormat::Encoding::Utf16LE);
        QTest::newRow("BE without BOM") << be << int(CsvFormat::Encoding::Utf16BE);
    }

    void utf16IsNamedAndRead()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, encoding);
        CsvReader r;
        QVERIFY2(r.open(write(bytes)), qPrintable(r.error()));
        QCOMPARE(int(r.format().encoding), encoding);
        QVERIFY(CsvFormat::encodingName(r.format().encoding).startsWith(QStringLiteral("UTF-16")));
        QCOMPARE(r.format().delimiter, QLatin1Char(';'));
        QCOMPARE(r.header(), QStringList({"name", "city"}));
        QCOMPARE(readAll(r), QList<QStringList>({{QStringLiteral("Zoë"), QStringLiteral("Köln")},
                                                 {QStringLiteral("€5"), QStringLiteral("a;b")}}));
        QVERIFY(r.error().isEmpty());
        QCOMPARE(int(CsvReader::detect(bytes).encoding), encoding);
    }

    void utf16ReadAsUtf8IsRefusedByName()
    {
        CsvFormat utf8;
        utf8.encoding = CsvFormat::Encoding::Utf8;
        CsvReader r;
        const QString path = write(QByteArray("a\0,\0b\0\n\0001\0,\0002\0\n\0", 16));
        QVERIFY(!r.open(path, utf8));
        QCOMPARE(r.error(), path + QStringLiteral(": the file contains NUL bytes at byte 1: it is not a text CSV (it "
                                                  "looks like UTF-16LE text; state that encoding)"));
    }

    void chunkBoundariesDoNotChangeWhatIsRead()
    {
        // Quoted fields with doubled quotes, CRLF and multi-byte characters straddling every chunk boundary.
        QByteArray bytes("id,text\r\n");
        QList<QStringList> expected;
        for (int i = 0; bytes.size() < 3 * CsvReader::kChunkBytes; ++i) {
            bytes += QByteArray::number(i) + ",\"K\xC3\xB6ln \"\"" + QByteArray(i % 7, 'x') + "\"\", \r\nzwei\"\r\n";
            expected.append({QString::number(i), QStringLiteral("Köln \"") + QString(i % 7, QLatin1Char('x')) +
                                                     QStringLiteral("\", \r\nzwei")});
        }
        CsvReader r;
        QVERIFY(r.open(write(bytes)));
        QCOMPARE(readAll(r), expected);
        QVERIFY(r.error().isEmpty());
        QCOMPARE(r.row(), expected.size() + 1);
        QCOMPARE(r.bytesRead(), r.size());
    }

    void shownValuesAreShortAndSafe()
    {
        QCOMPARE(CsvReader::shown(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(CsvReader::shown(QString(3, QChar(0)) + QStringLiteral("x")), QStringLiteral("???x"));
        QCOMPARE(CsvReader::shown(QString(1000, QLatin1Char('a')), 5), QStringLiteral("aaaaa… (1000 characters)"));
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
