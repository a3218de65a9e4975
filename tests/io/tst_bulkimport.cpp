// The bulk-load path of a deals import (issue 7; DESIGN.md section 2): the same file through the row path and the
// bulk path gives byte-identical exports, the same report and the same registration numbers, on both backends; an
// invalid row, a cancel or a database error leaves the book as it was, indexes and foreign-key enforcement included.
#include "domain/Clock.h"
#include "domain/ProgramRules.h"
#include "io/BookTables.h"
#include "io/CsvExporter.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/ChangeLogRows.h"
#include "support/ReferenceScenario.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace pd;
using Path = ImportOptions::WritePath;

namespace {
QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

QStringList column(const Database& db, const QString& sql)
{
    QSqlQuery q(db.handle());
    QStringList out;
    if (!q.exec(sql))
        return {QStringLiteral("<error> ") + sql};
    while (q.next())
        out << q.value(0).toString();
    return out;
}

/// The indexes of deals by name (SQLite's catalog, or PostgreSQL's).
QStringList dealIndexes(const Database& db)
{
    QStringList names =
        column(db, db.dialect() == Database::Dialect::Sqlite
                       ? QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deals'")
                       : QStringLiteral("SELECT indexname FROM pg_indexes WHERE tablename = 'deals' AND schemaname = "
                                        "current_schema()"));
    names.sort();
    return names;
}

/// The foreign keys of deals by name (PostgreSQL's catalog; SQLite's are part of the table and never dropped).
QStringList dealForeignKeys(const Database& db)
{
    if (db.dialect() == Database::Dialect::Sqlite)
        return column(db, QStringLiteral("SELECT \"from\" || '->' || \"table\" FROM pragma_foreign_key_list('deals') "
                                         "ORDER BY 1"));
    return column(db, QStringLiteral("SELECT conname FROM pg_constraint WHERE conrelid = 'deals'::regclass AND "
                                     "contype = 'f' ORDER BY 1"));
}

/// The reference scenario's deals file with the given rows (1-based data rows, without their line end) changed by
/// `edit`, written to `name` in `dir`.
QString editedDeals(const QTemporaryDir& dir, const QString& name,
                    const std::function<void(qsizetype row, QByteArray& line)>& edit)
{
    QFile in(test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = in.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        const bool cr = lines[i].endsWith('\r'); // the file's lines end in CRLF
        if (cr)
            lines[i].chop(1);
        edit(i, lines[i]);
        if (cr)
            lines[i] += '\r';
    }
    const QString path = dir.filePath(name);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(lines.join('\n'));
    return path;
}
} // namespace

class TestBulkImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameFileSameBookOnBothPaths_data();
    void sameFileSameBookOnBothPaths();
    void invalidRowLeavesTheBookAsItWas_data() { test::TestDatabases::addBackendRows(); }
    void invalidRowLeavesTheBookAsItWas();
    void keysAlreadyInTheBookOnBothPaths_data() { test::TestDatabases::addBackendRows(); }
    void keysAlreadyInTheBookOnBothPaths();
    void cancelLeavesTheBookAsItWas();
    void autoPathTakesBulkForAnEmptyTable();

private:
    /// A migrated book of `backend` with the reference scenario's products, partners, contacts and accounts.
    std::unique_ptr<Database> bookWithoutDeals(const QString& backend)
    {
        QString error;
        const auto config = m_databases.forBackend(backend, &error);
        if (!config)
            return nullptr;
        auto db = std::make_unique<Database>(*config);
        db->open();
        Migrator(*db).migrate();
        if (!test::importReferenceScenario(*db, m_clock, /*withDeals=*/false).isEmpty())
            return nullptr;
        return db;
    }
    ImportReport importDeals(Database& db, const QString& file, Path path, bool skipInvalid = false,
                             const ImportEngine::Progress& progress = {}, const std::atomic_bool* cancel = nullptr)
    {
        QString error;
        const auto profile = MappingProfile::load(test::testData(QStringLiteral("profiles/6-deals.json")), &error);
        if (!profile)
            qFatal("profile: %s", qPrintable(error));
        ImportOptions options;
        options.path = path;
        options.skipInvalid = skipInvalid;
        return ImportEngine(db, m_clock).run(file, *profile, options, progress, cancel);
    }

    test::TestDatabases m_databases;
    FixedClock m_clock{QDateTime(QDate(2018, 1, 15), QTime(12, 0), Qt::UTC)};
    QTemporaryDir m_dir;
};

void TestBulkImport::sameFileSameBookOnBothPaths_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<bool>("withInvalidRows");
    QTest::newRow("sqlite, reference deals") << QStringLiteral("sqlite") << false;
    QTest::newRow("sqlite, invalid rows skipped") << QStringLiteral("sqlite") << true;
    QTest::newRow("postgres, reference deals") << QStringLiteral("postgres") << false;
    QTest::newRow("postgres, invalid rows skipped") << QStringLiteral("postgres") << true;
}

void TestBulkImport::sameFileSameBookOnBothPaths()
{
    QFETCH(QString, backend);
    QFETCH(bool, withInvalidRows);
    // The reference deals (8,800 rows: two full bulk batches and a part), or the same with an unknown product on
    // row 10, an external id repeated on row 5,000 (first seen on row 4,999) and a malformed amount on row 8,700.
    QString file = test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv"));
    if (withInvalidRows) {
        QByteArray row4999;
        file = editedDeals(m_dir, QStringLiteral("invalid-%1.csv").arg(backend), [&](qsizetype row, QByteArray& line) {
            QList<QByteArray> cells = line.split(',');
            if (row == 10)
                cells[2] = "No Such Product";
            if (row == 4999)
                row4999 = cells[0];
            if (row == 5000)
                cells[0] = row4999;
            if (row == 8700 && cells.size() > 7)
                cells[7] = "12x4";
            line = cells.join(',');
        });
        QVERIFY(!file.isEmpty());
    }

    QList<QByteArray> exports;
    QList<ImportReport> reports;
    QList<QStringList> numbers;
    for (Path path : {Path::Rows, Path::Bulk}) {
        std::unique_ptr<Database> db = bookWithoutDeals(backend);
        QVERIFY(db);
        const QStringList indexes = dealIndexes(*db);
        const QStringList foreignKeys = dealForeignKeys(*db);
        QCOMPARE(foreignKeys.size(), 5); // partner, contact, account, product, MDF request (schema v8)
        const ImportReport r = importDeals(*db, file, path, /*skipInvalid=*/withInvalidRows);
        QCOMPARE(r.bulkPath, path == Path::Bulk);
        QVERIFY2(r.fatalError.isEmpty(), qPrintable(r.fatalError));
        QVERIFY(r.committed);
        reports << r;
        const QString out = m_dir.filePath(QStringLiteral("deals-%1-%2.csv").arg(backend).arg(int(path)));
        QString error;
        QVERIFY2(CsvExporter::write(BookTables::deals(*db, m_clock), out, &error), qPrintable(error));
        exports << readAll(out);
        const QString conflicts = out + QStringLiteral(".conflicts.csv");
        QVERIFY2(CsvExporter::write(BookTables::conflicts(*db, ProgramRules{}), conflicts, &error), qPrintable(error));
        exports.last() += readAll(conflicts);
        numbers << column(*db, QStringLiteral("SELECT COUNT(*) || ' ' || MIN(registration_number) || '-' || "
                                              "MAX(registration_number) || ' ' || COUNT(DISTINCT registration_number) "
                                              "FROM deals WHERE registration_number > 0"));
        numbers.last() << column(*db, test::changeLogRowsSql(QStringLiteral("entity = 'deals'")));
        numbers.last() << column(*db,
                                 QStringLiteral("SELECT value FROM book_counters WHERE name = 'registration_number'"));
        QCOMPARE(dealIndexes(*db), indexes);         // the bulk path's dropped indexes are all back
        QCOMPARE(dealForeignKeys(*db), foreignKeys); // and PostgreSQL's foreign keys
    }
    const qint64 expectedRows = withInvalidRows ? 8797 : 8800;
    QCOMPARE(reports[0].inserted, expectedRows);
    QCOMPARE(reports[1].inserted, expectedRows);
    QCOMPARE(reports[1].rejected, reports[0].rejected);
    QCOMPARE(reports[1].rowsRead, reports[0].rowsRead);
    QCOMPARE(reports[1].issues.size(), reports[0].issues.size());
    for (qsizetype i = 0; i < reports[0].issues.size(); ++i) {
        QCOMPARE(reports[1].issues[i].row, reports[0].issues[i].row);
        QCOMPARE(reports[1].issues[i].column, reports[0].issues[i].column);
        QCOMPARE(reports[1].issues[i].reason, reports[0].issues[i].reason);
    }
    if (withInvalidRows) {
        QCOMPARE(reports[0].issues.size(), 3);
        QCOMPARE(reports[0].issues[1].row, 5001); // the file row (the header is row 1)
        QVERIFY2(reports[0].issues[1].reason.contains(QLatin1String("also on row 5000")),
                 qPrintable(reports[0].issues[1].reason));
    }
    QVERIFY(exports[0].size() > 800000);
    QVERIFY(exports[0] == exports[1]);
    // Every imported row is numbered in file order, 1…8,800 (8,797 when three rows are rejected), once each, on both
    // paths; the counter stands at the last number.
    const QString counted = QString::number(expectedRows);
    QCOMPARE(numbers[0], (QStringList{counted + QStringLiteral(" 1-") + counted + QLatin1Char(' ') + counted,
                                      QString::number(expectedRows), counted}));
    QCOMPARE(numbers[1], numbers[0]);
}

void TestBulkImport::invalidRowLeavesTheBookAsItWas()
{
    QFETCH(QString, backend);
    std::unique_ptr<Database> db = bookWithoutDeals(backend);
    QVERIFY(db);
    const QStringList indexes = dealIndexes(*db);
    const QStringList foreignKeys = dealForeignKeys(*db);
    // A malformed amount on the last row: two batches were already written when it is read.
    const QString file =
        editedDeals(m_dir, QStringLiteral("bad-last-%1.csv").arg(backend), [](qsizetype row, QByteArray& line) {
            if (row == 8800)
                line += "12x4";
        });
    const ImportReport r = importDeals(*db, file, Path::Bulk);
    QVERIFY(!r.committed);
    QCOMPARE(r.rejected, 1);
    QCOMPARE(r.issues.size(), qsizetype(1));
    QCOMPARE(r.issues[0].row, 8801);
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM deals")), QStringList{QStringLiteral("0")});
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'deals'")),
             QStringList{QStringLiteral("0")});
    QCOMPARE(column(*db, QStringLiteral("SELECT value FROM book_counters WHERE name = 'registration_number'")),
             QStringList{QStringLiteral("0")});
    QCOMPARE(dealIndexes(*db), indexes);
    QCOMPARE(dealForeignKeys(*db), foreignKeys);
    if (db->dialect() == Database::Dialect::Sqlite) {
        QCOMPARE(column(*db, QStringLiteral("PRAGMA foreign_keys")), QStringList{QStringLiteral("1")});
        // Enforcement is really back: a deal of a partner that does not exist is refused.
        QSqlQuery q(db->handle());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO deals (id, created_at, updated_at, partner_pk, product_pk, "
                                       "status) VALUES ('x', 'a', 'a', 999999, 1, 'Draft')")));
    }
    // And the same file, repaired, then goes in.
    const ImportReport again =
        importDeals(*db, test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")), Path::Bulk);
    QVERIFY(again.committed);
    QCOMPARE(again.inserted, 8800);
}

/// The file's lines 1 (header) and `from` … `to` of the reference deals, then the lines `repeat` again.
QString dealLines(const QTemporaryDir& dir, const QString& name, qsizetype from, qsizetype to,
                  const QList<qsizetype>& repeat)
{
    QFile in(test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")));
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = in.readAll().split('\n');
    QByteArray out = lines.at(0) + '\n';
    for (qsizetype i = from; i <= to; ++i)
        out += lines.at(i) + '\n';
    for (qsizetype i : repeat)
        out += lines.at(i) + '\n';
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(out) != out.size())
        return {};
    return path;
}

void TestBulkImport::keysAlreadyInTheBookOnBothPaths()
{
    QFETCH(QString, backend);
    // The book holds deals 1…100 of the file; the next import brings 51…150, then 120 and 130 once more: rows 2…51 of
    // it (deals 51…100) are already in the book, and its rows 102 and 103 repeat its rows 71 and 81.
    const QString first = dealLines(m_dir, QStringLiteral("first-%1.csv").arg(backend), 1, 100, {});
    const QString second = dealLines(m_dir, QStringLiteral("second-%1.csv").arg(backend), 51, 150, {120, 130});
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QList<ImportReport> reports;
    QList<QStringList> books;
    for (Path path : {Path::Rows, Path::Bulk}) {
        std::unique_ptr<Database> db = bookWithoutDeals(backend);
        QVERIFY(db);
        QVERIFY(importDeals(*db, first, Path::Rows).committed);
        const ImportReport r = importDeals(*db, second, path, /*skipInvalid=*/true);
        QCOMPARE(r.bulkPath, path == Path::Bulk);
        QVERIFY2(r.committed, qPrintable(r.fatalError));
        reports << r;
        books << column(*db, QStringLiteral("SELECT external_id || ' #' || registration_number FROM deals ORDER BY "
                                            "registration_number"));
        books.last() << column(*db,
                               QStringLiteral("SELECT value FROM book_counters WHERE name = 'registration_number'"));
    }
    for (const ImportReport& r : std::as_const(reports)) {
        QCOMPARE(r.inserted, 50);
        QCOMPARE(r.rejected, 52);
        QCOMPARE(r.issues.size(), qsizetype(52));
        QCOMPARE(r.issues.first().row, 2);
        QCOMPARE(r.issues.first().column, QStringLiteral("opportunity_id")); // the file's column of external_id
        QVERIFY2(r.issues.first().reason.endsWith(QLatin1String("is already in the book")),
                 qPrintable(r.issues.first().reason));
        QCOMPARE(r.issues.at(50).row, 102);
        QVERIFY2(r.issues.at(50).reason.endsWith(QLatin1String("is also on row 71")),
                 qPrintable(r.issues.at(50).reason));
        QCOMPARE(r.issues.at(51).row, 103);
        QVERIFY2(r.issues.at(51).reason.endsWith(QLatin1String("is also on row 81")),
                 qPrintable(r.issues.at(51).reason));
    }
    for (qsizetype i = 0; i < reports[0].issues.size(); ++i)
        QCOMPARE(reports[1].issues.at(i).reason, reports[0].issues.at(i).reason);
    // 150 deals numbered 1…150 without a gap, the counter at 150, the same on both paths.
    QCOMPARE(books[0].size(), qsizetype(151));
    QCOMPARE(books[0].at(149).section(QLatin1Char(' '), 1), QStringLiteral("#150"));
    QCOMPARE(books[0].last(), QStringLiteral("150"));
    QCOMPARE(books[1], books[0]);
}

void TestBulkImport::cancelLeavesTheBookAsItWas()
{
    std::unique_ptr<Database> db = bookWithoutDeals(QStringLiteral("sqlite"));
    QVERIFY(db);
    const QStringList indexes = dealIndexes(*db);
    std::atomic_bool cancel = false;
    qint64 calls = 0;
    // On the bulk path the engine reports progress after each batch it wrote: cancel at the first report.
    const ImportReport r = importDeals(
        *db, test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")), Path::Bulk, false,
        [&](qint64, qint64) {
            if (++calls == 1)
                cancel = true;
        },
        &cancel);
    QVERIFY(r.cancelled);
    QCOMPARE(calls, 1);
    QVERIFY(!r.committed);
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM deals")), QStringList{QStringLiteral("0")});
    QCOMPARE(dealIndexes(*db), indexes);
    QCOMPARE(column(*db, QStringLiteral("PRAGMA foreign_keys")), QStringList{QStringLiteral("1")});
}

void TestBulkImport::autoPathTakesBulkForAnEmptyTable()
{
    // Auto: a book without deals takes the bulk path whatever the file's size; a small file (under
    // ImportEngine::kBulkFileBytes) into a book with deals takes the row path, and its duplicates are reported.
    std::unique_ptr<Database> db = bookWithoutDeals(QStringLiteral("sqlite"));
    QVERIFY(db);
    const QString file = test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv"));
    const ImportReport first = importDeals(*db, file, Path::Auto);
    QVERIFY(first.committed);
    QVERIFY(first.bulkPath);
    QCOMPARE(first.inserted, 8800);
    const ImportReport second = importDeals(*db, file, Path::Auto);
    QVERIFY(!second.bulkPath);
    QVERIFY(!second.committed);
    QCOMPARE(second.rejected, 8800);
    QVERIFY(second.issues.first().reason.contains(QLatin1String("already in the book")));
}

QTEST_GUILESS_MAIN(TestBulkImport)
#include "tst_bulkimport.moc"
