// Open benchmark (issue 7, section 3: "opening a 1M-deal book to a usable window, under 1 s"): starts the application
// (partnerdesk --db BOOK, QT_QPA_PLATFORM=offscreen, PD_BENCH_EXIT_WHEN_READY=1) and times it from the process start
// to a usable main window: the roster loaded and the pipeline pane's first table page, board and totals shown (the
// app prints one line then and quits). Anchor: the same for an empty book made here. Each book is opened once to warm
// the file cache, then --runs times; prints the median and the fastest run. Not a CTest test.
// Usage: bench_open --db FILE|URL [--runs N] [--app PATH]
#include "BenchSupport.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <algorithm>
#include <vector>

using namespace pd;
using namespace pd::bench;

namespace {

/// Median and fastest time to a usable window over `runs` opens of `db` (after one warm-up), in seconds; prints a
/// line per book. The app's stderr goes to `stderrPath`. Returns the median, or -1 when an open failed.
double timeOpens(const QString& app, const QString& db, int runs, const QString& label, const QStringList& env,
                 const QString& stderrPath)
{
    std::vector<double> times, cpu;
    QString ready;
    for (int run = 0; run <= runs; ++run) {
        // The offscreen platform warns on every window; its stderr is shown only when the open fails.
        const ChildResult r = runChild(app, {QStringLiteral("--db"), db}, {}, env, stderrPath);
        if (r.exitCode != 0 || r.firstOutputSeconds < 0) {
            QFile errors(stderrPath);
            errors.open(QIODevice::ReadOnly);
            print(QStringLiteral("%1: the app failed (exit %2) %3\n%4")
                      .arg(label)
                      .arg(r.exitCode)
                      .arg(r.error, QString::fromLocal8Bit(errors.readAll().right(2000))));
            return -1;
        }
        ready = QString::fromUtf8(r.output.trimmed());
        if (run > 0) { // run 0 warms the file cache
            times.push_back(r.firstOutputSeconds);
            cpu.push_back(r.cpuSeconds);
        }
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    const double median = times[times.size() / 2];
    print(QStringLiteral("%1 to a usable window: median %2 s, fastest %3 s over %4 runs (CPU median %5 s; app: \"%6\")")
              .arg(label)
              .arg(median, 0, 'f', 3)
              .arg(times.front(), 0, 'f', 3)
              .arg(times.size())
              .arg(cpu[cpu.size() / 2], 0, 'f', 3)
              .arg(ready));
    return median;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Time from process start to a usable main window"));
    parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The book to open (SQLite file or URL)"),
                                      QStringLiteral("db"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed runs per book (default 5)"),
                                        QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption appOption(QStringLiteral("app"), QStringLiteral("The partnerdesk executable"),
                                       QStringLiteral("path"), QStringLiteral(PD_APP_PATH));
    parser.addOptions({dbOption, runsOption, appOption});
    parser.process(app);
    if (!parser.isSet(dbOption)) {
        print(QStringLiteral("--db is required"));
        return 1;
    }
    const int runs = std::max(1, parser.value(runsOption).toInt());

    // A private home, so the app neither reads nor writes the user's settings.
    QTemporaryDir temp;
    for (const char* sub : {"home", "config", "runtime"})
        QDir(temp.path()).mkpath(QString::fromLatin1(sub));
    QFile::setPermissions(temp.filePath(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QStringList env = {QStringLiteral("QT_QPA_PLATFORM=offscreen"), QStringLiteral("PD_BENCH_EXIT_WHEN_READY=1"),
                             QStringLiteral("HOME=") + temp.filePath(QStringLiteral("home")),
                             QStringLiteral("XDG_CONFIG_HOME=") + temp.filePath(QStringLiteral("config")),
                             QStringLiteral("XDG_RUNTIME_DIR=") + temp.filePath(QStringLiteral("runtime"))};

    // The anchor: an empty book, made (migrated) here so that its open does not include creating it.
    const QString empty = temp.filePath(QStringLiteral("empty.partnerdesk"));
    try {
        DatabaseConfig config;
        config.path = empty;
        Database db(config);
        db.open();
        Migrator(db).migrate();
    } catch (const StorageError& e) {
        print(e.message());
        return 3;
    }
    const QString appPath = parser.value(appOption);
    const QString errors = temp.filePath(QStringLiteral("stderr.txt"));
    const double anchor = timeOpens(appPath, empty, runs, QStringLiteral("anchor     empty book"), env, errors);
    const QString bookLabel = QStringLiteral("open       %1").arg(DatabaseConfig::maskPassword(parser.value(dbOption)));
    const double book = timeOpens(appPath, parser.value(dbOption), runs, bookLabel, env, errors);
    if (anchor <= 0 || book <= 0)
        return 2;
    print(QStringLiteral("ratio      open book / empty book: %1").arg(ratio(book, anchor)));
    return 0;
}
