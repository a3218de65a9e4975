#pragma once

#include <QDateTime>
#include <QString>
#include <QVariantList>

namespace pd {

class Database;

/// Writes the change-log (outbox) and audit-log entries of a write, in the caller's transaction
/// (DESIGN.md section 1: "the repository writes the row, its change-log entry and its audit entry in
/// one transaction"). Used by repositories only.
class ChangeRecorder
{
public:
    explicit ChangeRecorder(Database& db) : m_db(db) {}

    /// One outbox entry: `entity` is the table ("partners"), `op` is insert, update or delete.
    void logChange(const QString& entity, const QString& entityId, const QString& op, int version, const QString& at);
    /// One audit entry: `action` is a verb phrase ("create", "update", "archive", "import"); `details`
    /// says what changed, for people.
    void audit(const QString& action, const QString& entity, const QString& entityId, const QString& details,
               const QString& at);
    /// The outbox entries of a bulk update: one per row of `entity` whose updated_at equals `at` and whose
    /// created_at does not (bulk writes such as an import stamp every row with the same instant), in one set-based
    /// statement. Take `at` from freshInstant() so no earlier write shares it.
    void logUpdates(const QString& entity, const QString& at);
    /// The outbox entries of a bulk insert into `entity`: the rows whose key is above `largestKeyBefore` (from
    /// largestKey(), read inside the same write transaction before the first insert) and whose created_at is `at`.
    /// Where the book has a single writer (Database::hasSingleWriter) and the keys run without a gap, that is one
    /// range entry (first_pk, last_pk; entity_id is the first row's UUID; schema v5); otherwise one entry per row.
    /// Returns the number of rows the entries stand for.
    qint64 logInserts(const QString& entity, const QString& at, qint64 largestKeyBefore);
    /// The largest row key of `entity`, 0 for an empty table (an index lookup).
    qint64 largestKey(const QString& entity) const;
    /// The stamp for a bulk write to `entity`: `now` in storage format, moved 1 ms past the latest
    /// updated_at in the table when that is not earlier (so logUpdates and logInserts never pick up rows of an earlier
    /// write).
    QString freshInstant(const QString& entity, const QDateTime& now);

private:
    /// One entry with op `op` per row of `entity` matching `where` (bound to `values`), in key order.
    void logRowsWhere(const QString& entity, const QString& op, const QString& at, const QString& where,
                      const QVariantList& values);

    Database& m_db;
};

} // namespace pd
