// Import throughput benchmark (issue 2, "tests/bench/"): generates a book (default 100,000 partners and
// 1,000,000 deals) with BookGenerator, imports its five files into a fresh SQLite book through ImportEngine and
// prints rows per second per file; for reference, times the sqlite3 shell's own ".import" of deals.csv.
// Not a CTest test. Usage: bench_import [--dir DIR] [--partners N] [--deals M] [--seed S] [--db FILE]
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
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>

using namespace pd;

namespace {
void print(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

/// CPU time of this process in seconds (user + system, all threads): unlike wall time, hardly affected by other
/// processes on a busy machine.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

QString rate(double rows, double seconds)
{
    return seconds > 0 ? QString::number(qRound64(rows / seconds)) : QStringLiteral("∞");
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Import throughput of a generated book"));
    parser.addHelpOption();
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       QStringLiteral("Folder of the book's CSV files "
                                                      "(generated there when deals.csv is missing)"),
                                       QStringLiteral("dir"));
    const QCommandLineOption partnersOption(QStringLiteral("partners"), QStringLiteral("Partners to generate"),
                                            QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption dealsOption(QStringLiteral("deals"), QStringLiteral("Deals to generate"),
                                         QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Generator seed"), QStringLiteral("s"),
                                        QStringLiteral("1"));
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("SQLite file to import into (replaced)"),
                                      QStringLiteral("file"));
    parser.addOptions({dirOption, partnersOption, dealsOption, seedOption, dbOption});
    parser.process(app);

    QTemporaryDir temp;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : temp.filePath(QStringLiteral("book"));
    const QString dealsPath = QDir(dir).filePath(QStringLiteral("deals.csv"));
    if (!QFile::exists(dealsPath)) {
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
        const double seconds = timer.nsecsElapsed() / 1e9;
        print(QStringLiteral("generate   %1 partners, %2 deals: %3 s (deals.csv %4 MB)")
                  .arg(options.partners)
                  .arg(options.deals)
                  .arg(seconds, 0, 'f', 2)
                  .arg(QFileInfo(dealsPath).size() / 1e6, 0, 'f', 1));
    }

    const QString dbPath = parser.isSet(dbOption) ? parser.value(dbOption) : temp.filePath(QStringLiteral("bench.db"));
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
    DatabaseConfig config;
    config.path = dbPath;
    Database db(config);
    try {
        db.open();
        Migrator(db).migrate();
    } catch (const StorageError& e) {
        print(e.message());
        return 3;
    }

    const Clock clock;
    ImportEngine engine(db, clock);
    const struct
    {
        ImportEntity entity;
        const char* file;
    } steps[] = {{ImportEntity::Products, "products.csv"},
                 {ImportEntity::Partners, "partners.csv"},
                 {ImportEntity::Contacts, "contacts.csv"},
                 {ImportEntity::Accounts, "accounts.csv"},
                 {ImportEntity::Deals, "deals.csv"}};
    double totalRows = 0, totalSeconds = 0, totalCpu = 0;
    bool failed = false;
    for (const auto& step : steps) {
        const QString path = QDir(dir).filePath(QString::fromLatin1(step.file));
        CsvReader reader;
        if (!reader.open(path)) {
            print(QStringLiteral("%1: %2").arg(path, reader.error()));
            return 2;
        }
        const MappingProfile profile = MappingProfile::autoMatch(step.entity, reader.header());
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuSeconds();
        const ImportReport report = engine.run(path, profile, ImportOptions{});
        const double seconds = timer.nsecsElapsed() / 1e9;
        const double cpu = cpuSeconds() - cpuStart;
        totalRows += double(report.rowsRead);
        totalSeconds += seconds;
        totalCpu += cpu;
        print(
            QStringLiteral("import     %1 %2 rows (%3 inserted, %4 rejected) in %5 s: %6 rows/s (CPU %7 s: %8 rows/s)")
                .arg(QString::fromLatin1(step.file), -13)
                .arg(report.rowsRead, 8)
                .arg(report.inserted)
                .arg(report.rejected)
                .arg(seconds, 0, 'f', 2)
                .arg(rate(double(report.rowsRead), seconds))
                .arg(cpu, 0, 'f', 2)
                .arg(rate(double(report.rowsRead), cpu)));
        if (!report.fatalError.isEmpty() || !report.committed) {
            print(QStringLiteral("  not committed: %1").arg(report.fatalError));
            failed = true;
        }
        for (qsizetype i = 0; i < std::min<qsizetype>(5, report.issues.size()); ++i) {
            const ImportIssue& issue = report.issues.at(i);
            print(
                QStringLiteral("  row %1, %2 \"%3\": %4").arg(issue.row).arg(issue.column, issue.value, issue.reason));
        }
    }
    print(QStringLiteral("import     all files: %1 rows in %2 s: %3 rows/s (CPU %4 s: %5 rows/s)")
              .arg(qint64(totalRows))
              .arg(totalSeconds, 0, 'f', 2)
              .arg(rate(totalRows, totalSeconds))
              .arg(totalCpu, 0, 'f', 2)
              .arg(rate(totalRows, totalCpu)));

    // Reference: the sqlite3 shell's .import (no validation at all) of the same deals file.
    const QString shell = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (shell.isEmpty()) {
        print(QStringLiteral("reference  sqlite3 shell not installed: skipped"));
    } else {
        QProcess process;
        process.setWorkingDirectory(dir);
        QElapsedTimer timer;
        timer.start();
        process.start(shell, {QStringLiteral(":memory:"), QStringLiteral("-cmd"), QStringLiteral(".mode csv"),
                              QStringLiteral(".import deals.csv deals")});
        rusage before{};
        getrusage(RUSAGE_CHILDREN, &before);
        process.waitForFinished(-1);
        const double seconds = timer.nsecsElapsed() / 1e9;
        rusage after{};
        getrusage(RUSAGE_CHILDREN, &after);
        const auto tv = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
        const double childCpu = tv(after.ru_utime) + tv(after.ru_stime) - tv(before.ru_utime) - tv(before.ru_stime);
        const qint64 lines = [&] {
            QFile f(dealsPath);
            qint64 n = 0;
            if (f.open(QIODevice::ReadOnly))
                while (!f.atEnd())
                    n += f.readLine().isEmpty() ? 0 : 1;
            return n - 1;
        }();
        print(QStringLiteral("reference  sqlite3 .import deals.csv: %1 rows in %2 s: %3 rows/s (CPU %4 s: %5 rows/s; "
                             "exit %6)")
                  .arg(lines)
                  .arg(seconds, 0, 'f', 2)
                  .arg(rate(double(lines), seconds))
                  .arg(childCpu, 0, 'f', 2)
                  .arg(rate(double(lines), childCpu))
                  .arg(process.exitCode()));
    }
    return failed ? 2 : 0;
}
