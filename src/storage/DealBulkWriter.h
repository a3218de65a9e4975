#pragma once

#include "domain/Deal.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <memory>

namespace pd {

class Database;

/// Writes many new deal registrations inside the caller's transaction: the bulk-load path of a large import
/// (DESIGN.md section 2; issue 7). Against the row path (DealRepository::insertMany) it
/// - takes each row's partner, contact, account and product as integer keys, resolved by the importer once per
///   distinct value (KeysById), so a row costs no foreign-key lookup in the database;
/// - on SQLite, optionally drops the deals table's secondary indexes in begin() and builds them again in finish(),
///   which costs less than keeping them up to date row by row when many rows arrive (every index but the
///   external id's). Not on PostgreSQL: dropping an index there locks every reader of the shared book out of deals
///   until the commit;
/// - binds through SQLite's C API (no QVariant, one prepared single-row statement), or on PostgreSQL sends
///   multi-row INSERTs;
/// - on SQLite checks the deals' foreign keys once in finish(), the caller having turned enforcement off before the
///   transaction began (Database::setForeignKeyEnforcement); PostgreSQL checks them row by row (dropping its
///   constraints would lock readers out, as above).
/// Everything happens in the caller's transaction: a rollback (an invalid row, a cancel, an error) leaves the book
/// as it was, indexes included. Throws StorageError (kind Cancelled when the database's interrupt flag is set).
class DealBulkWriter
{
public:
    explicit DealBulkWriter(Database& db);
    ~DealBulkWriter();
    DealBulkWriter(const DealBulkWriter&) = delete;
    DealBulkWriter& operator=(const DealBulkWriter&) = delete;

    /// Starts a bulk load of rows stamped `at` (created_at and updated_at, "YYYY-MM-DDTHH:MM:SS.zzzZ"). Needs an
    /// open write transaction. With `dropIndexes` (SQLite only), the secondary indexes of deals are dropped until
    /// finish().
    void begin(const QString& at, bool dropIndexes);
    /// The integer keys of a new deal's parties (0: none; partner and product are required).
    struct Keys
    {
        qint64 partner = 0, contact = 0, account = 0, product = 0;
    };
    /// Writes `deals` as new rows, each with a new UUID and version 1 (their `id`, `version` and party UUIDs are not
    /// read: `keys`, of the same length, gives the parties); registration numbers are written as given. A key that is
    /// not in the book is found by finish()'s foreign-key check (SQLite) or refused at once (PostgreSQL).
    /// On SQLite a deal whose external id the table already holds (its unique index, kept during the load) is not
    /// written and takes no registration number: the numbers after it in `deals` are written one lower each. Returns
    /// the indexes in `deals` of those refused rows, ascending. On PostgreSQL such a row fails the whole write
    /// (StorageError; a failed statement ends the transaction there), so the importer refuses them before.
    QList<qsizetype> write(const QList<Deal>& deals, const QList<Keys>& keys);
    /// Builds the dropped indexes again and checks the foreign keys of every deal (SQLite: each distinct partner,
    /// contact, account and product key of the table must be a row of its parent; StorageError otherwise). The
    /// caller commits.
    void finish();
    /// Rows written since begin().
    qint64 written() const { return m_written; }

private:
    QList<qsizetype> writeSqlite(const QList<Deal>& deals, const QList<Keys>& keys);
    void writePostgres(const QList<Deal>& deals, const QList<Keys>& keys);
    void checkForeignKeys() const;

    Database& m_db;
    QString m_at;
    qint64 m_atMs = 0;            ///< m_at in ms since 1970: the time of the new rows' version 7 UUIDs
    qint64 m_sequence = 0;        ///< UUIDs given out so far (the next one's sequence, timeOrderedRawUuids)
    QStringList m_droppedIndexes; ///< CREATE INDEX statements to run again in finish()
    QStringList m_statusNames;
    qint64 m_written = 0;
    struct Statement;
    std::unique_ptr<Statement> m_statement; ///< SQLite's prepared INSERT
};

} // namespace pd
