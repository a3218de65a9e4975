#include "BenchSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace pd::bench {

void print(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

QString perSecond(double count, double seconds)
{
    if (seconds <= 0)
        return QStringLiteral("∞");
    return QLocale(QLocale::English).toString(qRound64(count / seconds));
}

QString megabytes(double bytes)
{
    return QStringLiteral("%1 MB").arg(bytes / 1e6, 0, 'f', 1);
}

QString ratio(double value, double anchor)
{
    if (anchor == 0)
        return QStringLiteral("–");
    return QStringLiteral("%1×").arg(value / anchor, 0, 'f', 2);
}

qint64 fileSize(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() ? info.size() : 0;
}

qint64 sqliteSizeOnDisk(const QString& path)
{
    return fileSize(path) + fileSize(path + QStringLiteral("-wal"));
}

namespace {
double seconds(const timeval& t)
{
    return double(t.tv_sec) + double(t.tv_usec) / 1e6;
}

/// Owns the byte strings behind an argv/envp array for posix_spawn.
struct CStrings
{
    std::vector<QByteArray> storage;
    std::vector<char*> pointers;
    char** get()
    {
        pointers.clear();
        for (QByteArray& s : storage)
            pointers.push_back(s.data());
        pointers.push_back(nullptr);
        return pointers.data();
    }
};
} // namespace

ChildResult runChild(const QString& program, const QStringList& arguments, const QString& workDir,
                     const QStringList& extraEnvironment, const QString& stderrPath)
{
    ChildResult result;
    CStrings argv;
    argv.storage.push_back(QFile::encodeName(program));
    for (const QString& a : arguments)
        argv.storage.push_back(a.toLocal8Bit());
    CStrings envp;
    QStringList overridden;
    for (const QString& e : extraEnvironment)
        overridden.append(e.section(QLatin1Char('='), 0, 0) + QLatin1Char('='));
    for (char** e = environ; *e; ++e) {
        const QByteArray entry(*e);
        bool replaced = false;
        for (const QString& prefix : std::as_const(overridden))
            replaced = replaced || entry.startsWith(prefix.toLocal8Bit());
        if (!replaced)
            envp.storage.push_back(entry);
    }
    for (const QString& e : extraEnvironment)
        envp.storage.push_back(e.toLocal8Bit());

    int fds[2];
    if (pipe(fds) != 0) {
        result.error = QString::fromLocal8Bit(std::strerror(errno));
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    const QByteArray errorFile = QFile::encodeName(stderrPath);
    if (!stderrPath.isEmpty())
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorFile.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
    const QByteArray dir = QFile::encodeName(workDir);
    if (!workDir.isEmpty())
        posix_spawn_file_actions_addchdir_np(&actions, dir.constData());

    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv.storage.front().constData(), &actions, nullptr, argv.get(), envp.get());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        result.error = QStringLiteral("%1: %2").arg(program, QString::fromLocal8Bit(std::strerror(rc)));
        return result;
    }
    result.started = true;
    char buffer[65536];
    for (;;) {
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (result.firstOutputSeconds < 0)
            result.firstOutputSeconds = timer.nsecsElapsed() / 1e9;
        result.output.append(buffer, n);
    }
    close(fds[0]);
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    result.wallSeconds = timer.nsecsElapsed() / 1e9;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    result.peakRssMb = double(usage.ru_maxrss) * 1024.0 / 1e6; // ru_maxrss is in KiB on Linux
    return result;
}

QString sqliteShell()
{
    return QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
}

} // namespace pd::bench
