#pragma once

#include "storage/DatabaseConfig.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>
#include <vector>

namespace pd {

/// One open connection to a book, SQLite or PostgreSQL. A Database belongs to the thread that opened
/// it (DESIGN.md section 8: one connection per thread); open another Database with the same config on a
/// worker. Everything that differs between the two dialects lives here (DESIGN.md section 2).
///
/// SQLite connections use WAL, foreign_keys=ON and a 5 s busy timeout.
class Database
{
public:
    enum class Dialect { Sqlite, Postgres };

    /// `connectionName` must be unique per thread; empty picks a unique one.
    explicit Database(DatabaseConfig config, QString connectionName = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Opens the connection (creating an SQLite file when missing). Throws StorageError with the
    /// driver's message on failure. Does not migrate: see Migrator.
    void open();
    void close();
    bool isOpen() const;

    const DatabaseConfig& config() const { return m_config; }
    Dialect dialect() const { return m_dialect; }
    QSqlDatabase handle() const;

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

    /// The name recorded in the audit log as who made a change (default: the OS user name).
    QString actor() const { return m_actor; }
    void setActor(const QString& actor) { m_actor = actor; }

    /// Prepares this connection for a large write such as an import of a million rows: SQLite gets a page
    /// cache of up to 256 MiB (PRAGMA cache_size, allocated only as used) so the write does not spill pages
    /// to the WAL and read them back; PostgreSQL needs nothing. Throws StorageError.
    void tuneForBulkWrite() const;
    /// The case-insensitive LIKE of this dialect: "LIKE" on SQLite (case-insensitive for ASCII letters),
    /// "ILIKE" on PostgreSQL. Use with containsPattern() and ESCAPE '\\'.
    QString caseInsensitiveLike() const;
    /// A LIKE pattern matching text that contains `text` literally ('%', '_' and '\\' escaped with '\\').
    static QString containsPattern(const QString& text);
    /// Column type of an auto-incrementing integer primary key in this dialect.
    QString serialPrimaryKey() const;
    /// Replaces the {{…}} dialect placeholders of a migration script.
    QString adaptSql(QString sql) const;

    // Transaction nesting, used by Transaction: only the outermost level talks to the database.
    void begin();
    void commit();
    void rollback();
    int transactionDepth() const { return m_depth; }
    /// Runs `action` once the current transaction has committed (at once when none is open); drops it when
    /// the transaction rolls back. Repositories announce changes through it, so a write made inside a
    /// caller's transaction is announced only when that transaction commits (DESIGN.md section 1).
    void afterCommit(std::function<void()> action);

private:
    DatabaseConfig m_config;
    QString m_connectionName;
    Dialect m_dialect;
    QString m_actor;
    int m_depth = 0;
    bool m_rollbackOnly = false;
    std::vector<std::function<void()>> m_afterCommit;
};

} // namespace pd
