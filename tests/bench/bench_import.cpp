// Import benchmark (issue 7, section 3): imports the five files of a generated book (products, partners, contacts,
// accounts, deals) through ImportEngine into a fresh book and, in the same run and for each file, times the anchor:
// the sqlite3 shell's ".import" of the same file into a bare table of a file database. Prints rows/s of both and the
// ratio (PartnerDesk / shell), the peak RSS of each import (every import runs in a child process: this program
// re-executes itself with the hidden option --child), and the book's size on disk beside the CSV files' size.
// With --db postgresql://… the same imports also run into that (empty) PostgreSQL database, printed beside SQLite.
// Not a CTest test. Usage:
//   bench_import [--dir DIR | --partners N --deals M --seed S] [--work DIR] [--db FILE|URL]...
#include "BenchSupport.h"
#include "domain/Clock.h"
#include "io/BookGenerator.h"
#include "io/CsvReader.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <ctime>

using namespace pd;
using namespace pd::bench;

namespace {

struct Step
{
    ImportEntity entity;
    const char* name; ///< entity name, also the --child value and the bare table's prefix
    const char* file;
};

constexpr Step kSteps[] = {{ImportEntity::Products, "products", "products.csv"},
                           {ImportEntity::Partners, "partners", "partners.csv"},
                           {ImportEntity::Contacts, "contacts", "contacts.csv"},
                           {ImportEntity::Accounts, "accounts", "accounts.csv"},
                           {ImportEntity::Deals, "deals", "deals.csv"}};

/// CPU time of this process in seconds (user + system, all threads).
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

/// The value of `field` (e.g. "VmRSS") of /proc/self/status, in MB (10^6 bytes); 0 when unknown.
double procStatusMb(const QByteArray& field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toDouble() * 1024.0 / 1e6;
    return 0;
}

/// --child ENTITY: imports DIR/<entity>.csv into --db (migrated first) and prints one JSON object: rows, inserted,
/// rejected, committed, error, seconds and cpu of ImportEngine::run alone, rssBeforeMb (resident before the import).
int runChildImport(const QString& entityName, const QString& dir, const QString& dbText)
{
    const Step* step = nullptr;
    for (const Step& s : kSteps)
        if (entityName == QLatin1String(s.name))
            step = &s;
    QString error;
    const auto config = DatabaseConfig::fromString(dbText, &error);
    if (!step || !config) {
        print(QStringLiteral("--child needs an entity and --db: %1").arg(error));
        return 1;
    }
    QJsonObject out;
    try {
        Database db(*config);
        db.open();
        Migrator(db).migrate();
        const QString path = QDir(dir).filePath(QString::fromLatin1(step->file));
        const MappingProfile profile = [&] {
            CsvReader reader; // closed again before the import reads the file
            return reader.open(path) ? MappingProfile::autoMatch(step->entity, reader.header()) : MappingProfile();
        }();
        const Clock clock;
        ImportEngine engine(db, clock);
        out[QStringLiteral("rssBeforeMb")] = procStatusMb("VmRSS");
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuSeconds();
        const ImportReport report = engine.run(path, profile, ImportOptions{});
        out[QStringLiteral("seconds")] = timer.nsecsElapsed() / 1e9;
        out[QStringLiteral("cpu")] = cpuSeconds() - cpuStart;
        out[QStringLiteral("rows")] = double(report.rowsRead);
        out[QStringLiteral("inserted")] = double(report.inserted);
        out[QStringLiteral("rejected")] = double(report.rejected);
        out[QStringLiteral("committed")] = report.committed;
        QString issues = report.fatalError;
        for (qsizetype i = 0; i < std::min<qsizetype>(3, report.issues.size()); ++i) {
            const ImportIssue& issue = report.issues.at(i);
            issues +=
                QStringLiteral("; row %1, %2 \"%3\": %4").arg(issue.row).arg(issue.column, issue.value, issue.reason);
        }
        out[QStringLiteral("error")] = issues;
    } catch (const StorageError& e) {
        out[QStringLiteral("error")] = e.message();
        out[QStringLiteral("committed")] = false;
    }
    print(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact)));
    return out.value(QStringLiteral("committed")).toBool() ? 0 : 2;
}

/// One import target of the run (an SQLite file or a PostgreSQL URL) and its totals.
struct Target
{
    QString db;    ///< file path or URL, as given to --child
    QString label; ///< "SQLite" or "PostgreSQL"
    double rows = 0, seconds = 0, cpu = 0, peakMb = 0;
    bool failed = false;
};

/// The PostgreSQL database's size on disk (pg_database_size), in bytes; 0 when it cannot be read.
qint64 postgresSize(const QString& url)
{
    const auto config = DatabaseConfig::fromString(url);
    if (!config)
        return 0;
    try {
        Database db(*config);
        db.open();
        QSqlQuery q = db.prepare(QStringLiteral("SELECT pg_database_size(current_database())"));
        Database::exec(q, QStringLiteral("size"));
        return q.next() ? q.value(0).toLongLong() : 0;
    } catch (const StorageError& e) {
        print(QStringLiteral("  %1").arg(e.message()));
        return 0;
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import throughput, peak memory and book size of a generated book, beside the sqlite3 shell's "
                       ".import of the same files"));
    parser.addHelpOption();
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       QStringLiteral("Folder of the book's CSV files (generated there when deals.csv "
                                                      "is missing; default: a temporary folder)"),
                                       QStringLiteral("dir"));
    const QCommandLineOption partnersOption(QStringLiteral("partners"), QStringLiteral("Partners to generate"),
                                            QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption dealsOption(QStringLiteral("deals"), QStringLiteral("Deals to generate"),
                                         QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Generator seed"), QStringLiteral("s"),
                                        QStringLiteral("1"));
    const QCommandLineOption workOption(QStringLiteral("work"),
                                        QStringLiteral("Folder for the books and the anchor database (kept; default: "
                                                       "a temporary folder, removed at exit)"),
                                        QStringLiteral("dir"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("A book to import into: an SQLite file (replaced) or an empty PostgreSQL database "
                       "(postgresql://…). Repeatable. Without an SQLite file, WORK/book.partnerdesk is used too."),
        QStringLiteral("db"));
    QCommandLineOption childOption(QStringLiteral("child"), QStringLiteral("Internal: import one entity"),
                                   QStringLiteral("entity"));
    childOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dirOption, partnersOption, dealsOption, seedOption, workOption, dbOption, childOption});
    parser.process(app);

    if (parser.isSet(childOption))
        return runChildImport(parser.value(childOption), parser.value(dirOption), parser.value(dbOption));

    QTemporaryDir temp;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temp.filePath(QStringLiteral("csv"));
    const QString work = parser.isSet(workOption) ? parser.value(workOption) : temp.path();
    QDir().mkpath(work);
    if (!QFile::exists(QDir(dir).filePath(QStringLiteral("deals.csv")))) {
        BookGenerator::Options options;
        options.partners = parser.value(partnersOption).toInt();
        options.deals = parser.value(dealsOption).toInt();
        options.seed = parser.value(seedOption).toUInt();
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!BookGenerator::write(dir, options, &error)) {
            print(QStringLiteral("Generating failed: %1").arg(error));
            return 1;
        }
        print(QStringLiteral("generate   %1 partners, %2 deals: %3 s")
                  .arg(options.partners)
                  .arg(options.deals)
                  .arg(timer.nsecsElapsed() / 1e9, 0, 'f', 2));
    }

    QList<Target> targets;
    for (const QString& db : parser.values(dbOption)) {
        const auto config = DatabaseConfig::fromString(db);
        if (!config) {
            print(QStringLiteral("Not a database: %1").arg(DatabaseConfig::maskPassword(db)));
            return 1;
        }
        targets.append({config->isFile() ? QFileInfo(db).absoluteFilePath() : db,
                        config->isFile() ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL")});
    }
    if (std::none_of(targets.cbegin(), targets.cend(),
                     [](const Target& t) { return t.label == QLatin1String("SQLite"); }))
        targets.prepend({QDir(work).absoluteFilePath(QStringLiteral("book.partnerdesk")), QStringLiteral("SQLite")});
    const QString anchorDb = QDir(work).absoluteFilePath(QStringLiteral("anchor.db"));
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile::remove(anchorDb + suffix);
        for (const Target& t : std::as_const(targets))
            if (t.label == QLatin1String("SQLite"))
                QFile::remove(t.db + suffix);
    }
    const QString shell = sqliteShell();
    if (shell.isEmpty())
        print(QStringLiteral("anchor     sqlite3 shell not installed (Debian package sqlite3): no anchor"));

    print(QStringLiteral("files      %1").arg(QDir(dir).absolutePath()));
    for (const Target& t : std::as_const(targets))
        print(QStringLiteral("book       %1: %2").arg(t.label, DatabaseConfig::maskPassword(t.db)));
    double csvBytes = 0, anchorRows = 0, anchorSeconds = 0, anchorCpu = 0, anchorPeak = 0;
    const QString self = QCoreApplication::applicationFilePath();
    for (const Step& step : kSteps) {
        const QString file = QString::fromLatin1(step.file);
        csvBytes += double(fileSize(QDir(dir).filePath(file)));
        // The anchor: the shell creates a bare table from the header and inserts every record, in one transaction.
        double shellSeconds = 0, shellCpu = 0;
        qint64 shellRows = 0;
        if (!shell.isEmpty()) {
            const QString table = QString::fromLatin1(step.name) + QStringLiteral("_bare");
            const ChildResult r =
                runChild(shell, {anchorDb, QStringLiteral("-cmd"), QStringLiteral(".mode csv"),
                                 QStringLiteral(".import \"%1\" %2").arg(QDir(dir).absoluteFilePath(file), table)});
            const ChildResult count = runChild(shell, {anchorDb, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)});
            shellSeconds = r.wallSeconds;
            shellCpu = r.cpuSeconds;
            shellRows = count.output.trimmed().toLongLong();
            anchorRows += double(shellRows);
            anchorSeconds += shellSeconds;
            anchorCpu += shellCpu;
            anchorPeak = std::max(anchorPeak, r.peakRssMb);
            print(
                QStringLiteral("anchor     sqlite3 .import %1: %2 rows in %3 s: %4 rows/s (CPU %5 s), peak RSS %6 MB%7")
                    .arg(file)
                    .arg(shellRows)
                    .arg(r.wallSeconds, 0, 'f', 2)
                    .arg(perSecond(double(shellRows), r.wallSeconds))
                    .arg(r.cpuSeconds, 0, 'f', 2)
                    .arg(r.peakRssMb, 0, 'f', 0)
                    .arg(r.exitCode == 0 ? QString() : QStringLiteral(" (exit %1)").arg(r.exitCode)));
        }
        for (Target& t : targets) {
            const ChildResult r = runChild(self, {QStringLiteral("--child"), QString::fromLatin1(step.name),
                                                  QStringLiteral("--dir"), dir, QStringLiteral("--db"), t.db});
            const QJsonObject o = QJsonDocument::fromJson(r.output.trimmed().split('\n').last()).object();
            const double rows = o.value(QStringLiteral("rows")).toDouble();
            const double seconds = o.value(QStringLiteral("seconds")).toDouble();
            const double cpu = o.value(QStringLiteral("cpu")).toDouble();
            t.rows += rows;
            t.seconds += seconds;
            t.cpu += cpu;
            t.peakMb = std::max(t.peakMb, r.peakRssMb);
            print(QStringLiteral("import     %1 %2: %3 rows (%4 inserted, %5 rejected) in %6 s: %7 rows/s (CPU %8 s); "
                                 "process %9 s, peak RSS %10 MB (%11 MB before the import)")
                      .arg(t.label, file)
                      .arg(rows, 0, 'f', 0)
                      .arg(o.value(QStringLiteral("inserted")).toDouble(), 0, 'f', 0)
                      .arg(o.value(QStringLiteral("rejected")).toDouble(), 0, 'f', 0)
                      .arg(seconds, 0, 'f', 2)
                      .arg(perSecond(rows, seconds))
                      .arg(cpu, 0, 'f', 2)
                      .arg(r.wallSeconds, 0, 'f', 2)
                      .arg(r.peakRssMb, 0, 'f', 0)
                      .arg(o.value(QStringLiteral("rssBeforeMb")).toDouble(), 0, 'f', 0));
            if (r.exitCode != 0 || !o.value(QStringLiteral("committed")).toBool()) {
                print(QStringLiteral("  FAILED (exit %1): %2 %3")
                          .arg(r.exitCode)
                          .arg(o.value(QStringLiteral("error")).toString(), r.error));
                t.failed = true;
            }
            if (shellSeconds > 0 && seconds > 0)
                print(
                    QStringLiteral("ratio      %1 %2 rows/s PartnerDesk / sqlite3 shell: %3 (by CPU time: %4)%5")
                        .arg(t.label, file, ratio(rows / seconds, double(shellRows) / shellSeconds),
                             ratio(shellCpu, cpu),
                             rows < 1000 ? QStringLiteral(" (too few rows: process start-up dominates)") : QString()));
        }
    }

    print(QStringLiteral("anchor     sqlite3 .import all files: %1 rows in %2 s: %3 rows/s, peak RSS %4 MB")
              .arg(anchorRows, 0, 'f', 0)
              .arg(anchorSeconds, 0, 'f', 2)
              .arg(perSecond(anchorRows, anchorSeconds))
              .arg(anchorPeak, 0, 'f', 0));
    bool failed = false;
    for (const Target& t : std::as_const(targets)) {
        failed = failed || t.failed;
        print(QStringLiteral("import     %1 all files: %2 rows in %3 s: %4 rows/s (CPU %5 s), peak RSS %6 MB")
                  .arg(t.label)
                  .arg(t.rows, 0, 'f', 0)
                  .arg(t.seconds, 0, 'f', 2)
                  .arg(perSecond(t.rows, t.seconds))
                  .arg(t.cpu, 0, 'f', 2)
                  .arg(t.peakMb, 0, 'f', 0));
        if (anchorSeconds > 0 && t.seconds > 0)
            print(QStringLiteral("ratio      %1 all files rows/s PartnerDesk / sqlite3 shell: %2 (by CPU time: %3)")
                      .arg(t.label, ratio(t.rows / t.seconds, anchorRows / anchorSeconds), ratio(anchorCpu, t.cpu)));
    }

    // Size on disk after the import (SQLite: file + write-ahead log; PostgreSQL: pg_database_size).
    print(QStringLiteral("size       the five CSV files: %1").arg(megabytes(csvBytes)));
    if (!shell.isEmpty())
        print(QStringLiteral("size       sqlite3 anchor database: %1 (%2 of the CSV files)")
                  .arg(megabytes(double(sqliteSizeOnDisk(anchorDb))),
                       ratio(double(sqliteSizeOnDisk(anchorDb)), csvBytes)));
    for (const Target& t : std::as_const(targets)) {
        const bool sqlite = t.label == QLatin1String("SQLite");
        const double bytes = sqlite ? double(sqliteSizeOnDisk(t.db)) : double(postgresSize(t.db));
        print(QStringLiteral("size       %1 book after the import: %2%3 (%4 of the CSV files)")
                  .arg(t.label, megabytes(bytes),
                       sqlite ? QStringLiteral(" (file %1 + wal %2)")
                                    .arg(megabytes(double(fileSize(t.db))),
                                         megabytes(double(fileSize(t.db + QStringLiteral("-wal")))))
                              : QString(),
                       ratio(bytes, csvBytes)));
    }
    return failed ? 2 : 0;
}
