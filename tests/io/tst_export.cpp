// Export of the book's tables (issue 8, item 7): CSV and XLSX of the reference scenario's deals read back (the XLSX
// unzipped and its sheet XML read), values and types checked; a failed or cancelled export leaves no half file.
#include "domain/Clock.h"
#include "io/BookTables.h"
#include "io/CsvExporter.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "io/XlsxExporter.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/ReferenceScenario.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace pd;

namespace {
/// One cell of a sheet XML: its style index, type attribute (t) and value (<v>, or the inline string's text).
struct SheetCell
{
    int style = 0;
    QString type;
    QString value;
};

/// The cells of xl/worksheets/sheet1.xml by reference ("A1"), and the row count.
struct Sheet
{
    QHash<QString, SheetCell> cells;
    int rows = 0;
    QString xml;
};

QByteArray unzip(const QString& file, const QString& member)
{
    QProcess p;
    p.start(QStringLiteral("unzip"), {QStringLiteral("-p"), file, member});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

Sheet readSheet(const QString& file)
{
    Sheet s;
    s.xml = QString::fromUtf8(unzip(file, QStringLiteral("xl/worksheets/sheet1.xml")));
    QXmlStreamReader x(s.xml);
    QString ref;
    while (!x.atEnd()) {
        x.readNext();
        if (!x.isStartElement())
            continue;
        if (x.name() == QLatin1String("row")) {
            ++s.rows;
        } else if (x.name() == QLatin1String("c")) {
            ref = x.attributes().value(QLatin1String("r")).toString();
            SheetCell c;
            c.style = x.attributes().value(QLatin1String("s")).toInt();
            c.type = x.attributes().value(QLatin1String("t")).toString();
            s.cells.insert(ref, c);
        } else if (x.name() == QLatin1String("v") || x.name() == QLatin1String("t")) {
            s.cells[ref].value = x.readElementText();
        }
    }
    return s;
}

/// What styles.xml says of cell style `style`: its number format code (cellXfs/xf[style]/@numFmtId →
/// numFmts/numFmt/@formatCode) and whether its font is bold (xf/@fontId → fonts/font[fontId]/b).
struct CellStyle
{
    QString numberFormat;
    bool bold = false;
};

CellStyle cellStyle(const QString& file, int style)
{
    QXmlStreamReader x(unzip(file, QStringLiteral("xl/styles.xml")));
    QHash<int, QString> codes;
    QList<bool> boldFonts;
    QList<std::pair<int, int>> xfs; // numFmtId, fontId
    QString section;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement()) {
            const auto a = x.attributes();
            if (x.name() == QLatin1String("fonts") || x.name() == QLatin1String("cellXfs") ||
                x.name() == QLatin1String("cellStyleXfs"))
                section = x.name().toString();
            else if (x.name() == QLatin1String("numFmt"))
                codes.insert(a.value(QLatin1String("numFmtId")).toInt(),
                             a.value(QLatin1String("formatCode")).toString());
            else if (section == QLatin1String("fonts") && x.name() == QLatin1String("font"))
                boldFonts.append(false);
            else if (section == QLatin1String("fonts") && x.name() == QLatin1String("b"))
                boldFonts.last() = true;
            else if (section == QLatin1String("cellXfs") && x.name() == QLatin1String("xf"))
                xfs.append({a.value(QLatin1String("numFmtId")).toInt(), a.value(QLatin1String("fontId")).toInt()});
        } else if (x.isEndElement() && x.name().toString() == section) {
            section.clear();
        }
    }
    if (style >= xfs.size())
        return {};
    const auto [numFmt, font] = xfs.at(style);
    return {codes.value(numFmt), font < boldFonts.size() && boldFonts.at(font)};
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void csvFields()
    {
        QCOMPARE(CsvExporter::field(ExportCell::ofText(QStringLiteral("plain"))), QStringLiteral("plain"));
        QCOMPARE(CsvExporter::field(ExportCell::ofText(QStringLiteral("Smith, Jones & Co"))),
                 QStringLiteral("\"Smith, Jones & Co\""));
        QCOMPARE(CsvExporter::field(ExportCell::ofText(QStringLiteral("say \"hi\""))),
                 QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvExporter::field(ExportCell::ofText(QStringLiteral("two\nlines"))),
                 QStringLiteral("\"two\nlines\""));
        QCOMPARE(CsvExporter::field(ExportCell::ofInteger(1234567)), QStringLiteral("1234567"));
        QCOMPARE(CsvExporter::field(ExportCell::ofMoney(123456789, QStringLiteral("USD"))),
                 QStringLiteral("1234567.89"));
        QCOMPARE(CsvExporter::field(ExportCell::ofMoney(1500, QStringLiteral("JPY"))), QStringLiteral("1500"));
        QCOMPARE(CsvExporter::field(ExportCell::ofMoney(1500, QStringLiteral("BHD"))), QStringLiteral("1.500"));
        QCOMPARE(CsvExporter::field(ExportCell::ofDate(QDate(2017, 3, 1))), QStringLiteral("2017-03-01"));
        QCOMPARE(CsvExporter::field(ExportCell::ofInstant(QDateTime(QDate(2016, 10, 20), QTime(8, 30), Qt::UTC))),
                 QStringLiteral("2016-10-20T08:30:00.000Z"));
        QCOMPARE(CsvExporter::field(ExportCell::ofDate(QDate())), QString());
    }

    void excelSerials()
    {
        QCOMPARE(XlsxExporter::serial(QDate(1900, 3, 1)), 61.0);
        QCOMPARE(XlsxExporter::serial(QDate(2017, 3, 1)), 42795.0);
        QCOMPARE(XlsxExporter::serial(QDateTime(QDate(2017, 3, 1), QTime(18, 0), Qt::UTC)), 42795.75);
    }

    void referenceDeals_data() { test::TestDatabases::addBackendRows(); }
    void referenceDeals()
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
        QCOMPARE(test::importReferenceScenario(db, FixedClock(QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC))),
                 QString());
        const FixedClock clock(QDateTime(QDate(2026, 1, 6), QTime(9, 0), Qt::UTC));

        // The table: 8,800 deals; 4,238 won for 10,005,534 USD.
        const ExportTable all = BookTables::deals(db, clock);
        QCOMPARE(all.rows.size(), 8800);
        const ExportTable won = BookTables::deals(db, clock, {QStringLiteral("Won")});
        QCOMPARE(won.rows.size(), 4238);
        qint64 wonMinor = 0;
        for (const QList<ExportCell>& row : won.rows) {
            QCOMPARE(row.at(2).text, QStringLiteral("Won"));
            QCOMPARE(row.at(11).type, ExportCell::Type::Money);
            QCOMPARE(row.at(12).text, QStringLiteral("USD"));
            wonMinor += row.at(11).value;
        }
        QCOMPARE(wonMinor, Q_INT64_C(1000553400));
        const ExportTable wonOrLost = BookTables::deals(db, clock, {QStringLiteral("Won"), QStringLiteral("Lost")});
        QCOMPARE(wonOrLost.rows.size(), 4238 + 2473);
        for (qsizetype i = 1; i < wonOrLost.rows.size(); ++i) // merged in registration-number order
            QVERIFY(wonOrLost.rows.at(i - 1).at(0).value < wonOrLost.rows.at(i).at(0).value);

        // CSV, read back.
        const QString csv = m_dir.filePath(backend + QStringLiteral("-deals.csv"));
        QVERIFY2(CsvExporter::write(all, csv, &error), qPrintable(error));
        const QList<QByteArray> lines = readAll(csv).split('\n');
        QCOMPARE(lines.size(), 8801 + 1); // CRLF after the last row too
        QCOMPARE(lines.last(), QByteArray());
        QCOMPARE(lines.at(0), QByteArray("registration_number,external_id,status,partner_key,partner_name,contact,"
                                         "customer,product,registered_at,expected_close,closed_on,amount,currency\r"));
        QCOMPARE(lines.at(1), QByteArray("1,1C1I7A6R,Won,CDW,CDW Corporation,Moses Frase,Cancity,GTX Plus Basic,"
                                         "2016-10-20T00:00:00.000Z,,2017-03-01,1054.00,USD\r"));

        // XLSX, unzipped and its sheet read.
        const QString xlsx = m_dir.filePath(backend + QStringLiteral("-deals.xlsx"));
        QVERIFY2(XlsxExporter::write(all, xlsx, &error), qPrintable(error));
        const Sheet sheet = readSheet(xlsx);
        QCOMPARE(sheet.rows, 8801);
        // The header: a shared string (t="s") in bold; panes frozen below it.
        QCOMPARE(sheet.cells.value(QStringLiteral("A1")).type, QStringLiteral("s"));
        QVERIFY(cellStyle(xlsx, sheet.cells.value(QStringLiteral("A1")).style).bold);
        QVERIFY(!cellStyle(xlsx, sheet.cells.value(QStringLiteral("B2")).style).bold);
        QVERIFY2(sheet.xml.contains(QStringLiteral(
                     "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"")),
                 qPrintable(sheet.xml.left(1200)));
        QVERIFY(sheet.xml.contains(QStringLiteral("<cols>")));
        // Deal #1 (1C1I7A6R): registration number and amount are numbers, no t attribute.
        QCOMPARE(sheet.cells.value(QStringLiteral("A2")).type, QString());
        QCOMPARE(sheet.cells.value(QStringLiteral("A2")).value, QStringLiteral("1"));
        const SheetCell amount = sheet.cells.value(QStringLiteral("L2"));
        QCOMPARE(amount.type, QString());
        QCOMPARE(amount.value, QStringLiteral("1054"));
        QCOMPARE(cellStyle(xlsx, amount.style).numberFormat, QStringLiteral("0.00"));
        QCOMPARE(sheet.cells.value(QStringLiteral("M2")).type, QStringLiteral("s")); // currency: text
        // Its close date 2017-03-01 is the serial 42795 with a date format; registered_at a date-time.
        const SheetCell closed = sheet.cells.value(QStringLiteral("K2"));
        QCOMPARE(closed.type, QString());
        QCOMPARE(closed.value, QStringLiteral("42795"));
        QCOMPARE(cellStyle(xlsx, closed.style).numberFormat, QStringLiteral("yyyy-mm-dd"));
        const SheetCell registered = sheet.cells.value(QStringLiteral("I2"));
        QCOMPARE(registered.value, QStringLiteral("42663")); // 2016-10-20
        QCOMPARE(cellStyle(xlsx, registered.style).numberFormat, QStringLiteral("yyyy-mm-dd hh:mm:ss"));
        QVERIFY(!sheet.cells.contains(QStringLiteral("J2"))); // no expected close: a blank cell
    }

    void unwritablePathLeavesNothing()
    {
        ExportTable t;
        t.name = QStringLiteral("t");
        t.headers = {QStringLiteral("a")};
        t.rows = {{ExportCell::ofInteger(1)}};
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder/out"));
        for (const QString& path : {missing + QStringLiteral(".csv"), missing + QStringLiteral(".xlsx")}) {
            QString error;
            const bool ok = path.endsWith(QLatin1String(".csv")) ? CsvExporter::write(t, path, &error)
                                                                 : XlsxExporter::write(t, path, &error);
            QVERIFY(!ok);
            QVERIFY2(error.contains(path), qPrintable(error));
            QVERIFY(!QFile::exists(path));
        }
    }

    void cancelledExportKeepsThePreviousFile()
    {
        QTemporaryDir dir;
        ExportTable t;
        t.name = QStringLiteral("t");
        t.headers = {QStringLiteral("a")};
        for (int i = 0; i < 5000; ++i)
            t.rows.append({ExportCell::ofInteger(i)});
        const std::atomic_bool cancel = true;
        for (const QString& name : {QStringLiteral("out.csv"), QStringLiteral("out.xlsx")}) {
            const QString path = dir.filePath(name);
            QFile previous(path);
            QVERIFY(previous.open(QIODevice::WriteOnly));
            previous.write("previous");
            previous.close();
            QString error;
            const bool ok = name.endsWith(QLatin1String(".csv")) ? CsvExporter::write(t, path, &error, &cancel)
                                                                 : XlsxExporter::write(t, path, &error, &cancel);
            QVERIFY(!ok);
            QVERIFY2(error.contains(path) && error.contains(QLatin1String("cancelled")), qPrintable(error));
            QCOMPARE(readAll(path), QByteArray("previous"));
        }
        // No temporary file is left beside the target.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList({QStringLiteral("out.csv"), QStringLiteral("out.xlsx")}));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
