#pragma once

// Helpers shared by the benchmarks in tests/bench (issue 7, section 3): one output style, child processes timed with
// their peak memory, file sizes. Benchmarks only; not part of the application.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace pd::bench {

/// Prints one line to stdout at once (flushed, so a piped run shows progress). Every figure line of the benchmarks
/// reads "<area, 10 columns> <what>: <figures>"; anchors (what a figure is compared with) use the area "anchor" and
/// comparisons the area "ratio".
void print(const QString& line);

/// `count` / `seconds` rounded to a whole number with thousands separators ("537,000"); "∞" when seconds is 0.
QString perSecond(double count, double seconds);

/// `bytes` in megabytes (10^6 bytes), one decimal ("941.0 MB").
QString megabytes(double bytes);

/// "0.05×": `value` / `anchor` with two significant decimals; "–" when the anchor is 0.
QString ratio(double value, double anchor);

/// Size in bytes of the file `path` (0 when missing).
qint64 fileSize(const QString& path);

/// Size in bytes of an SQLite file and its write-ahead log (`path` + "-wal"), as it lies on disk.
qint64 sqliteSizeOnDisk(const QString& path);

/// What runChild() measured of one child process.
struct ChildResult
{
    bool started = false;           ///< false when the program could not be started (see error)
    int exitCode = -1;              ///< exit status; -1 when killed by a signal
    double wallSeconds = 0;         ///< from just before the spawn to the child's exit (wait4)
    double firstOutputSeconds = -1; ///< from the spawn to the first byte on the child's stdout; -1 when none
    double cpuSeconds = 0;          ///< user + system CPU time of the child (its threads included)
    double peakRssMb = 0;           ///< the child's peak resident set size (wait4's ru_maxrss), in MB (10^6 bytes)
    QByteArray output;              ///< what the child wrote to stdout (stderr is passed through)
    QString error;                  ///< why the program could not be started
};

/// Runs `program` with `arguments` in the working directory `workDir` (the current one when empty), with the
/// environment of this process plus `extraEnvironment` ("NAME=value" entries, which win), waits for it to exit and
/// returns its exit code, wall and CPU time and peak RSS. The child's stderr goes to the file `stderrPath` (replaced)
/// when given, else to this process's stderr. Uses posix_spawn and wait4 so that the figures are the child's own
/// (RUSAGE_CHILDREN would mix all children waited for).
ChildResult runChild(const QString& program, const QStringList& arguments, const QString& workDir = {},
                     const QStringList& extraEnvironment = {}, const QString& stderrPath = {});

/// The sqlite3 shell on PATH, or an empty string when it is not installed (Debian package sqlite3).
QString sqliteShell();

} // namespace pd::bench
