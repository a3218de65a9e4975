#pragma once

#include "domain/Deal.h"

#include <QHash>
#include <QList>

namespace pd {

class Database;

/// Reads and writes deal registrations. Throws StorageError.
class DealRepository
{
public:
    explicit DealRepository(Database& db) : m_db(db) {}

    /// Highest registration number in the book (0 when empty).
    qint64 maxRegistrationNumber() const;
    /// Allocates `count` (≥ 1) consecutive new registration numbers and returns the first. Must be called inside the
    /// transaction that writes the registrations (StorageError otherwise): the counter row stays locked until that
    /// transaction ends (a row lock on PostgreSQL, the write lock on SQLite), so concurrent writers never get the
    /// same number, and a rolled-back transaction gives its numbers back (DESIGN.md section 2).
    qint64 allocateRegistrationNumbers(qint64 count);
    /// Gives back the last `count` numbers allocated and not used (rows of a bulk load that were refused). Only on a
    /// book with a single writer (Database::hasSingleWriter), inside the transaction that allocated them, with no
    /// allocation since: nobody else can have taken a number after them.
    void returnRegistrationNumbers(qint64 count);
    /// The row key of the deal with external id `externalId`, archived ones too; 0 when there is none.
    qint64 keyOfExternalId(const QString& externalId) const;
    /// external id → (id, version) of every deal that has one (for import upserts).
    QHash<QString, QPair<QString, int>> externalIds() const;
    /// Deals ordered by registration number, at most `limit` from `offset`.
    QList<Deal> list(int limit, int offset = 0) const;

    /// Bulk insert for imports (caller's transaction, rows stamped `at`); assigns ids. Uses multi-row
    /// INSERTs in chunks for throughput. Registration numbers are written as given (take them from
    /// allocateRegistrationNumbers); the counter is moved past the highest one written.
    void insertMany(QList<Deal>& deals, const QString& at);
    /// Bulk update for imports, by id and version (status, dates, amount, parties; registration number kept).
    void updateMany(const QList<Deal>& deals, const QString& at);

private:
    Database& m_db;
};

} // namespace pd
