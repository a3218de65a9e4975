#pragma once

#include "storage/DatabaseConfig.h"
#include "storage/StorageError.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <atomic>
#include <functional>
#include <vector>

struct sqlite3;

namespace pd {

/// One open connection to a book, SQLite or PostgreSQL. A Database belongs to the thread that opened
/// it (DESIGN.md section 8: one connection per thread); open another Database with the same config on a
/// worker. Everything that differs between the two dialects lives here (DESIGN.md section 2).
///
/// SQLite connections use WAL, foreign_keys=ON and a busy timeout (kBusyTimeoutMs); a write transaction takes the
/// write lock when it begins (BEGIN IMMEDIATE), so a second writer waits for the first instead of failing. The WAL
/// is kept when the last connection closes (SQLITE_FCNTL_PERSIST_WAL): POSIX advisory locks are dropped for the
/// whole process when any descriptor of the file is closed (a file dialog sniffing the book, sqlite.org "How To
/// Corrupt An SQLite Database File" 2.2), and a second process must then never delete the WAL that this process
/// still writes into.
class Database
{
public:
    enum class Dialect { Sqlite, Postgres };
    /// Whether open() may create a missing SQLite file (and its folder). Commands that only read use MustExist.
    enum class OpenMode { CreateIfMissing, MustExist };
    /// How long a statement waits for another connection's lock before failing, in milliseconds.
    static constexpr int kBusyTimeoutMs = 30000;

    /// `connectionName` must be unique per thread; empty picks a unique one.
    explicit Database(DatabaseConfig config, QString connectionName = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Opens the connection. With CreateIfMissing a missing SQLite file (and its folder) is created; with
    /// MustExist a missing file is an error (StorageError kind NotFound) and nothing is created. A file that
    /// cannot be written (read-only file or folder) is opened read-only: isReadOnly() is true and every write
    /// transaction is refused (kind ReadOnly). A file that is not an SQLite database, or whose first pages are
    /// damaged, is refused (kind Corrupt). Throws StorageError with the driver's message on other failures.
    /// Does not migrate: see Migrator.
    void open(OpenMode mode = OpenMode::CreateIfMissing);
    void close();
    bool isOpen() const;
    /// True when the book could only be opened for reading (see open()).
    bool isReadOnly() const { return m_readOnly; }
    /// Refuses every write transaction of this connection with `reason` (StorageError kind ReadOnly, `reason` as its
    /// message) until called again with an empty reason: a book is shown while its integrity check still runs on
    /// another connection, and nothing may be written into it before the check passed (issue 7).
    void refuseWrites(const QString& reason) { m_writesRefused = reason; }
    /// Why writes are refused (refuseWrites()), or empty.
    const QString& writesRefused() const { return m_writesRefused; }
    /// Checks the whole SQLite file for damage (PRAGMA quick_check: every page is read, a full scan of the book);
    /// throws StorageError kind Corrupt naming the first problem. No-op on PostgreSQL.
    void checkIntegrity() const;

    const DatabaseConfig& config() const { return m_config; }
    Dialect dialect() const { return m_dialect; }
    /// True where a write transaction holds the whole book (SQLite's write lock, DESIGN.md section 2): no other
    /// connection inserts meanwhile, so the row keys it allocates follow one another. On PostgreSQL concurrent
    /// transactions draw keys from one sequence, interleaved.
    bool hasSingleWriter() const { return m_dialect == Dialect::Sqlite; }
    QSqlDatabase handle() const;
    /// SQLite's own connection behind handle(), for the few writes that bypass Qt's binding (the bulk load of
    /// DealBulkWriter); nullptr on PostgreSQL. Used only on the thread that owns this Database, inside its
    /// transactions.
    sqlite3* sqliteHandle() const;

    /// Prepares `sql` (with `?` placeholders) on this connection; throws StorageError on failure.
    QSqlQuery prepare(const QString& sql) const;
    /// Executes a prepared query; throws StorageError naming `what` and the driver's message.
    static void exec(QSqlQuery& query, const QString& what);
    /// `text` as a bind value that is never SQL NULL (a null QString binds as NULL, which NOT NULL text
    /// columns refuse): empty text stays empty text.
    static QVariant nonNull(const QString& text)
    {
        return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
    }
    /// Prepares and executes `sql` without bound values (DDL, pragmas).
    void execDirect(const QString& sql) const;

    /// Told when a statement starts waiting for another connection's lock (true) and when the wait is over (false,
    /// with how long it waited in milliseconds), so that people see why nothing happens: the CLI prints a line, the
    /// window a message. SQLite only; called on this connection's thread.
    using BusyObserver = std::function<void(bool waiting, qint64 waitedMs)>;
    void setBusyObserver(BusyObserver observer) { m_busyObserver = std::move(observer); }
    /// How long a statement waits for a lock before failing (default kBusyTimeoutMs), in milliseconds.
    void setBusyTimeout(int ms) { m_busyTimeoutMs = ms; }

    /// A flag another thread may set to stop a long write (an import's rows): bulk writers call throwIfInterrupted()
    /// between batches. Null (the default) never interrupts. The flag must outlive its use here.
    void setInterruptFlag(const std::atomic_bool* flag) { m_interrupt = flag; }
    /// Throws StorageError kind Cancelled when the interrupt flag is set; the caller's transaction then rolls back.
    void throwIfInterrupted() const
    {
        if (m_interrupt && m_interrupt->load())
            throw StorageError(QStringLiteral("Cancelled; nothing was written"), StorageError::Kind::Cancelled);
    }

    /// The name recorded in the audit log as who made a change (default: the OS user name).
    QString actor() const { return m_actor; }
    void setActor(const QString& actor) { m_actor = actor; }

    /// Prepares this connection for a large write such as an import of a million rows: SQLite gets a small page
    /// cache of 2 MiB (PRAGMA cache_size; its sorter builds an index in runs of that size, and small runs sort
    /// faster: 1M deals imported in 7.0 s instead of 8.5 s with 16 MiB, measured side by side), reads without a
    /// memory map (a write gains nothing from it, and mapped pages of the whole book would count in the process's
    /// memory), and sorts for an index build in temporary files beyond that cache (temp_store=FILE) instead of
    /// memory: the write's memory stays bounded whatever the book's size. PostgreSQL needs nothing. Throws
    /// StorageError.
    void tuneForBulkWrite() const;
    /// The case-insensitive LIKE of this dialect: "LIKE" on SQLite (case-insensitive for ASCII letters),
    /// "ILIKE" on PostgreSQL. Use with containsPattern() and ESCAPE '\\'.
    QString caseInsensitiveLike() const;
    /// A LIKE pattern matching text that contains `text` literally ('%', '_' and '\\' escaped with '\\').
    static QString containsPattern(const QString& text);
    /// Column type of an auto-incrementing integer primary key in this dialect.
    QString serialPrimaryKey() const;
    /// Column type of a row's integer key (DESIGN.md section 2): SQLite's INTEGER PRIMARY KEY (the rowid),
    /// PostgreSQL's bigint identity.
    QString rowKey() const;
    /// Replaces the {{…}} dialect placeholders of a migration script: {{SERIAL_PRIMARY_KEY}}, {{ROW_KEY}} (rowKey())
    /// and {{NOW_ISO}} (an SQL expression for the current UTC instant as "YYYY-MM-DDTHH:MM:SS.zzzZ").
    QString adaptSql(QString sql) const;

    /// Turns SQLite's foreign-key enforcement on this connection on or off (PRAGMA foreign_keys; a no-op on
    /// PostgreSQL, whose constraints stay on). Only outside a transaction, where SQLite honours it: throws
    /// StorageError inside one. Used by a migration that rebuilds tables and by a bulk load, which both check
    /// every foreign key once with checkForeignKeys() before they commit (DESIGN.md section 2).
    void setForeignKeyEnforcement(bool on);
    /// Checks the foreign keys of `table` (every table when empty) on SQLite (PRAGMA foreign_key_check); throws
    /// StorageError naming the first violating rows (table, rowid, parent table) when any row points to a
    /// missing parent. Nothing to do on PostgreSQL, which checks every statement.
    void checkForeignKeys(const QString& table = {}) const;

    // Transaction nesting, used by Transaction: only the outermost level talks to the database. The outermost
    // begin() of a write transaction takes the write lock at once on SQLite (BEGIN IMMEDIATE) and throws
    // StorageError kind ReadOnly on a read-only book.
    void begin();
    void commit();
    void rollback();
    int transactionDepth() const { return m_depth; }
    /// Runs `action` once the current transaction has committed (at once when none is open); drops it when
    /// the transaction rolls back. Repositories announce changes through it, so a write made inside a
    /// caller's transaction is announced only when that transaction commits (DESIGN.md section 1).
    void afterCommit(std::function<void()> action);

private:
    void openSqlite(QSqlDatabase& db, OpenMode mode);
    void configureSqlite();
    DatabaseConfig m_config;
    QString m_connectionName;
    Dialect m_dialect;
    QString m_actor;
    bool m_readOnly = false;
    QString m_writesRefused;
    BusyObserver m_busyObserver;
    const std::atomic_bool* m_interrupt = nullptr;
    int m_busyTimeoutMs = kBusyTimeoutMs;
    QElapsedTimer m_busyWait; ///< running while a statement waits for a lock
    static int onBusy(void* database, int attempt);
    void endBusyWait();
    int m_depth = 0;
    bool m_rollbackOnly = false;
    std::vector<std::function<void()>> m_afterCommit;
};

} // namespace pd
