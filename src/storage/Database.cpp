#include "storage/Database.h"

#include "storage/StorageError.h"
#include "storage/UuidSql.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <sqlite3.h>
#include <utility>

namespace pd {

namespace {
QString uniqueConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("pd-connection-%1").arg(counter.fetchAndAddRelaxed(1));
}
} // namespace

Database::Database(DatabaseConfig config, QString connectionName)
    : m_config(std::move(config)),
      m_connectionName(connectionName.isEmpty() ? uniqueConnectionName() : std::move(connectionName)),
      m_dialect(m_config.kind == DatabaseConfig::Kind::Sqlite ? Dialect::Sqlite : Dialect::Postgres)
{
    m_actor = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME", QStringLiteral("unknown")));
}

Database::~Database()
{
    close();
}

void Database::open(OpenMode mode)
{
    if (isOpen())
        return;
    QSqlDatabase db = QSqlDatabase::addDatabase(
        m_dialect == Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), m_connectionName);
    if (!db.isValid())
        throw StorageError(
            QStringLiteral("The Qt SQL driver for %1 is not installed")
                .arg(m_dialect == Dialect::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL")));
    try {
        if (m_dialect == Dialect::Sqlite) {
            openSqlite(db, mode);
            configureSqlite();
            return;
        }
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setDatabaseName(m_config.dbName);
        db.setConnectOptions(m_config.connectOptions()); // libpq parameters from the URL (sslmode, …)
        if (!db.open())
            throw StorageError(
                QStringLiteral("Could not open %1: %2").arg(m_config.displayName(), db.lastError().text()));
        execDirect(QStringLiteral("SET client_min_messages TO WARNING"));
    } catch (...) {
        db = QSqlDatabase();
        close();
        throw;
    }
}

void Database::openSqlite(QSqlDatabase& db, OpenMode mode)
{
    const QFileInfo info(m_config.path);
    const QString busy = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
    if (!info.exists()) {
        if (mode == OpenMode::MustExist)
            throw StorageError(QStringLiteral("There is no book at %1").arg(m_config.path),
                               StorageError::Kind::NotFound);
        if (!QDir().mkpath(info.absolutePath()))
            throw StorageError(QStringLiteral("Could not create the folder %1").arg(info.absolutePath()));
    } else if (!info.isFile()) {
        throw StorageError(QStringLiteral("%1 is not a file").arg(m_config.path));
    }
    // A book we may not write (the file or its folder is read-only) opens for reading only.
    m_readOnly = info.exists() && (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable());
    db.setDatabaseName(m_config.path);
    db.setConnectOptions(m_readOnly ? busy + QStringLiteral(";QSQLITE_OPEN_READONLY") : busy);
    if (!db.open())
        throw StorageError(QStringLiteral("Could not open %1: %2").arg(m_config.path, db.lastError().text()));
    QSqlQuery probe(db);
    if (probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return;
    const QSqlError error = probe.lastError();
    probe = QSqlQuery();
    const QString code = error.nativeErrorCode();
    if (code == QLatin1String("11") || code == QLatin1String("26"))
        throw StorageError(QStringLiteral("%1 is damaged or is not a PartnerDesk book (%2); nothing was written. "
                                          "Restore a copy of it, or open another book.")
                               .arg(m_config.path, error.databaseText()),
                           StorageError::Kind::Corrupt);
    if (!m_readOnly)
        throw StorageError(QStringLiteral("Could not read %1: %2").arg(m_config.path, error.text()));
    // A read-only folder without the book's -wal and -shm files: SQLite cannot share its WAL index there, so the
    // file is read as it is on disk (immutable). The WAL is kept fully checkpointed when the last writer closes.
    db.close();
    QUrl uri = QUrl::fromLocalFile(info.absoluteFilePath());
    uri.setQuery(QStringLiteral("immutable=1"));
    db.setDatabaseName(uri.toString(QUrl::FullyEncoded));
    db.setConnectOptions(busy + QStringLiteral(";QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
    if (!db.open() || !QSqlQuery(db).exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        throw StorageError(QStringLiteral("Could not read %1: %2").arg(m_config.path, db.lastError().text()),
                           StorageError::Kind::ReadOnly);
}

sqlite3* Database::sqliteHandle() const
{
    if (m_dialect != Dialect::Sqlite)
        return nullptr;
    const QVariant v = handle().driver()->handle();
    if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3* const*>(v.constData());
    return nullptr;
}

void Database::configureSqlite()
{
    if (!m_readOnly) {
        execDirect(QStringLiteral("PRAGMA journal_mode=WAL"));
        sqlite3* handle = sqliteHandle();
        sqlite3_busy_handler(handle, &Database::onBusy, this);
        int persist = 1;
        if (!handle || sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist) != SQLITE_OK)
            throw StorageError(QStringLiteral("Could not keep the write-ahead log of %1").arg(m_config.path));
        // A checkpoint that empties the WAL shrinks it to 64 MiB, and the last connection to close leaves it empty.
        execDirect(QStringLiteral("PRAGMA journal_size_limit=67108864"));
        execDirect(QStringLiteral("PRAGMA synchronous=NORMAL"));
    }
    execDirect(QStringLiteral("PRAGMA foreign_keys=ON"));
    if (!uuidsql::registerSqlite(sqliteHandle()))
        throw StorageError(QStringLiteral("Could not prepare %1 for reading its row ids").arg(m_config.path));
    // Read pages through a memory map instead of one pread() per page: large scans (the conflict scan,
    // pipeline totals over a million deals) spent a fifth of their time copying pages out of the kernel.
    execDirect(QStringLiteral("PRAGMA mmap_size=1073741824"));
    execDirect(QStringLiteral("PRAGMA temp_store=MEMORY"));
}

int Database::onBusy(void* database, int attempt)
{
    auto* self = static_cast<Database*>(database);
    if (attempt == 0 || !self->m_busyWait.isValid()) {
        self->m_busyWait.start();
        if (self->m_busyObserver)
            self->m_busyObserver(true, 0);
    }
    if (self->m_busyWait.elapsed() >= self->m_busyTimeoutMs)
        return 0; // give up: the statement fails with SQLITE_BUSY
    QThread::msleep(attempt < 10 ? 2 : 20);
    return 1;
}

void Database::endBusyWait()
{
    if (!m_busyWait.isValid())
        return;
    const qint64 waited = m_busyWait.elapsed();
    m_busyWait.invalidate();
    if (m_busyObserver)
        m_busyObserver(false, waited);
}

void Database::checkIntegrity() const
{
    if (m_dialect != Dialect::Sqlite)
        return;
    QSqlQuery q(handle());
    if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")))
        throw StorageError(QStringLiteral("%1 is damaged (%2); nothing was written. Restore a copy of it.")
                               .arg(m_config.path, q.lastError().databaseText()),
                           StorageError::Kind::Corrupt);
    const QString result = q.next() ? q.value(0).toString() : QString();
    if (result != QLatin1String("ok"))
        throw StorageError(
            QStringLiteral("%1 is damaged (%2); nothing was written. Restore a copy of it.").arg(m_config.path, result),
            StorageError::Kind::Corrupt);
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::handle() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlQuery Database::prepare(const QString& sql) const
{
    QSqlQuery q(handle());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        throw StorageError(QStringLiteral("Could not prepare a statement: %1\n%2").arg(q.lastError().text(), sql));
    return q;
}

namespace {
/// The kind of a failed statement: SQLite's SQLITE_CORRUPT (11), SQLITE_NOTADB (26), SQLITE_READONLY (8) and
/// SQLITE_BUSY (5) say more than "failed".
StorageError::Kind kindOf(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    if (code == QLatin1String("11") || code == QLatin1String("26"))
        return StorageError::Kind::Corrupt;
    if (code == QLatin1String("8"))
        return StorageError::Kind::ReadOnly;
    if (code == QLatin1String("5"))
        return StorageError::Kind::Busy;
    return StorageError::Kind::Failed;
}
} // namespace

void Database::exec(QSqlQuery& query, const QString& what)
{
    if (!query.exec())
        throw StorageError(QStringLiteral("%1 failed: %2").arg(what, query.lastError().text()),
                           kindOf(query.lastError()));
}

void Database::execDirect(const QString& sql) const
{
    QSqlQuery q(handle());
    if (!q.exec(sql))
        throw StorageError(QStringLiteral("Statement failed: %1\n%2").arg(q.lastError().text(), sql));
}

void Database::tuneForBulkWrite() const
{
    if (m_dialect == Dialect::Sqlite) {
        execDirect(QStringLiteral("PRAGMA cache_size = -2048"));
        execDirect(QStringLiteral("PRAGMA mmap_size = 0"));
        execDirect(QStringLiteral("PRAGMA temp_store = FILE"));
    }
}

QString Database::caseInsensitiveLike() const
{
    return m_dialect == Dialect::Sqlite ? QStringLiteral("LIKE") : QStringLiteral("ILIKE");
}

QString Database::containsPattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

QString Database::serialPrimaryKey() const
{
    return m_dialect == Dialect::Sqlite ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                                        : QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
}

QString Database::rowKey() const
{
    return m_dialect == Dialect::Sqlite ? QStringLiteral("INTEGER PRIMARY KEY")
                                        : QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
}

void Database::setForeignKeyEnforcement(bool on)
{
    if (m_dialect != Dialect::Sqlite)
        return;
    if (m_depth > 0)
        throw StorageError(QStringLiteral("Foreign-key enforcement can only change outside a transaction"));
    execDirect(on ? QStringLiteral("PRAGMA foreign_keys=ON") : QStringLiteral("PRAGMA foreign_keys=OFF"));
}

void Database::checkForeignKeys(const QString& table) const
{
    if (m_dialect != Dialect::Sqlite)
        return;
    QSqlQuery q(handle());
    // The table name comes from the caller's code, never from a user: PRAGMA takes no bound values.
    const QString sql = table.isEmpty() ? QStringLiteral("PRAGMA foreign_key_check")
                                        : QStringLiteral("PRAGMA foreign_key_check(%1)").arg(table);
    if (!q.exec(sql))
        throw StorageError(QStringLiteral("Checking foreign keys failed: %1").arg(q.lastError().text()));
    QStringList found;
    qint64 count = 0;
    while (q.next()) {
        if (++count <= 5)
            found.append(QStringLiteral("%1 row %2 → %3")
                             .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()));
    }
    if (count > 0)
        throw StorageError(QStringLiteral("%1 rows point to a row that does not exist (%2%3); nothing was written")
                               .arg(count)
                               .arg(found.join(QLatin1String("; ")), count > 5 ? QStringLiteral("; …") : QString()));
}

QString Database::adaptSql(QString sql) const
{
    sql.replace(QLatin1String("{{SERIAL_PRIMARY_KEY}}"), serialPrimaryKey());
    sql.replace(QLatin1String("{{ROW_KEY}}"), rowKey());
    // Schema v6: the UUID functions (SQLite registers its own on every connection) and the compact id column.
    sql.replace(QLatin1String("{{UUID_FUNCTIONS}}"), m_dialect == Dialect::Sqlite
                                                         ? QStringLiteral("SELECT 1;")
                                                         : uuidsql::postgresFunctions().join(QLatin1Char('\n')));
    static const QRegularExpression uuidColumn(QStringLiteral("\\{\\{UUID_COLUMN (\\w+)\\}\\}"));
    sql.replace(uuidColumn, m_dialect == Dialect::Sqlite
                                ? QStringLiteral("UPDATE \\1 SET id = pd_uuid(id)")
                                : QStringLiteral("ALTER TABLE \\1 ALTER COLUMN id TYPE uuid USING id::uuid"));
    // Schema v7: the compact id type of new tables, and file contents.
    sql.replace(QLatin1String("{{UUID_TYPE}}"),
                m_dialect == Dialect::Sqlite ? QStringLiteral("BLOB") : QStringLiteral("uuid"));
    sql.replace(QLatin1String("{{BLOB}}"),
                m_dialect == Dialect::Sqlite ? QStringLiteral("BLOB") : QStringLiteral("bytea"));
    // The current instant in the storage format of instants (DESIGN.md section 2).
    sql.replace(QLatin1String("{{NOW_ISO}}"),
                m_dialect == Dialect::Sqlite
                    ? QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
                    : QStringLiteral("to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"));
    return sql;
}

void Database::begin()
{
    if (m_depth++ > 0)
        return;
    m_rollbackOnly = false;
    m_afterCommit.clear();
    if (m_readOnly) {
        m_depth = 0;
        throw StorageError(QStringLiteral("%1 is read-only: nothing can be changed in it").arg(m_config.displayName()),
                           StorageError::Kind::ReadOnly);
    }
    if (!m_writesRefused.isEmpty()) {
        m_depth = 0;
        throw StorageError(m_writesRefused, StorageError::Kind::ReadOnly);
    }
    if (m_dialect == Dialect::Sqlite) {
        // BEGIN IMMEDIATE takes the write lock now, under the busy timeout; a plain BEGIN would take it at the first
        // write, where SQLite fails at once with "database is locked" to avoid a deadlock (DESIGN.md section 2).
        QSqlQuery q(handle());
        const bool begun = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        endBusyWait();
        if (!begun) {
            m_depth = 0;
            const QSqlError error = q.lastError();
            const StorageError::Kind kind = kindOf(error);
            if (kind == StorageError::Kind::Busy)
                throw StorageError(QStringLiteral("Another program kept %1 busy for more than %2 s; nothing was "
                                                  "written. Try again when it has finished.")
                                       .arg(m_config.displayName())
                                       .arg(m_busyTimeoutMs / 1000.0, 0, 'f', 1),
                                   kind);
            throw StorageError(QStringLiteral("Could not start a transaction: %1").arg(error.text()), kind);
        }
        return;
    }
    if (!handle().transaction()) {
        m_depth = 0;
        throw StorageError(QStringLiteral("Could not start a transaction: %1").arg(handle().lastError().text()));
    }
}

void Database::commit()
{
    if (m_depth <= 0)
        return;
    if (--m_depth > 0)
        return;
    if (m_rollbackOnly) {
        m_afterCommit.clear();
        handle().rollback();
        throw StorageError(QStringLiteral("The transaction was rolled back because an inner step failed"));
    }
    if (!handle().commit()) {
        m_afterCommit.clear();
        const QString message = handle().lastError().text();
        handle().rollback();
        throw StorageError(QStringLiteral("Could not commit: %1").arg(message));
    }
    const std::vector<std::function<void()>> actions = std::exchange(m_afterCommit, {});
    for (const auto& action : actions)
        action();
}

void Database::afterCommit(std::function<void()> action)
{
    if (m_depth == 0)
        action();
    else
        m_afterCommit.push_back(std::move(action));
}

void Database::rollback()
{
    if (m_depth <= 0)
        return;
    if (--m_depth > 0) {
        m_rollbackOnly = true;
        return;
    }
    m_afterCommit.clear();
    handle().rollback();
}

} // namespace pd
