#pragma once

#include <QDateTime>
#include <QString>

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
    /// One outbox entry per row of `entity` whose created_at or updated_at equals `at` (bulk writes such as
    /// an import stamp every row with the same instant): a single set-based statement. Take `at` from
    /// freshInstant() so no earlier write shares it.
    void logBulk(const QString& entity, const QString& op, const QString& at);
    /// The stamp for a bulk write to `entity`: `now` in storage format, moved 1 ms past the latest
    /// updated_at in the table when that is not earlier (so logBulk never picks up rows of an earlier write).
    QString freshInstant(const QString& entity, const QDateTime& now);

private:
    Database& m_db;
};

} // namespace pd
