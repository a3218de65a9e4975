#include "storage/ChangeRecorder.h"

#include "domain/Clock.h"
#include "storage/Database.h"

#include <QSqlQuery>

namespace pd {

void ChangeRecorder::logChange(const QString& entity, const QString& entityId, const QString& op, int version,
                               const QString& at)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO change_log (entity, entity_id, op, version, changed_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(Database::nonNull(entity));
    q.addBindValue(Database::nonNull(entityId));
    q.addBindValue(Database::nonNull(op));
    q.addBindValue(version);
    q.addBindValue(at);
    Database::exec(q, QStringLiteral("Writing the change log"));
}

void ChangeRecorder::audit(const QString& action, const QString& entity, const QString& entityId,
                           const QString& details, const QString& at)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(at);
    q.addBindValue(Database::nonNull(m_db.actor()));
    q.addBindValue(Database::nonNull(action));
    q.addBindValue(Database::nonNull(entity));
    q.addBindValue(Database::nonNull(entityId));
    q.addBindValue(Database::nonNull(details));
    Database::exec(q, QStringLiteral("Writing the audit log"));
}

void ChangeRecorder::logUpdates(const QString& entity, const QString& at)
{
    logRowsWhere(entity, QStringLiteral("update"), at, QStringLiteral("updated_at = ? AND created_at <> ?"), {at, at});
}

void ChangeRecorder::logRowsWhere(const QString& entity, const QString& op, const QString& at, const QString& where,
                                  const QVariantList& values)
{
    // `entity` and `where` are our own SQL, never user text.
    QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO change_log (entity, entity_id, op, version, changed_at) "
                                              "SELECT ?, pd_uuid_text(id), ?, version, ? FROM %1 WHERE %2 ORDER BY pk")
                                   .arg(entity, where));
    q.addBindValue(Database::nonNull(entity));
    q.addBindValue(Database::nonNull(op));
    q.addBindValue(at);
    for (const QVariant& v : values)
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Writing the change log"));
}

qint64 ChangeRecorder::logInserts(const QString& entity, const QString& at, qint64 largestKeyBefore)
{
    // `entity` is one of our table names, never user text. The range is read through the primary key only.
    QSqlQuery range = m_db.prepare(
        QStringLiteral("SELECT MIN(pk), MAX(pk), COUNT(*) FROM %1 WHERE pk > ? AND created_at = ?").arg(entity));
    range.addBindValue(largestKeyBefore);
    range.addBindValue(at);
    Database::exec(range, QStringLiteral("Reading the inserted rows of %1").arg(entity));
    if (!range.next() || range.value(2).toLongLong() == 0)
        return 0;
    const qint64 first = range.value(0).toLongLong();
    const qint64 last = range.value(1).toLongLong();
    const qint64 count = range.value(2).toLongLong();
    if (m_db.hasSingleWriter() && last - first + 1 == count) {
        QSqlQuery q =
            m_db.prepare(QStringLiteral("INSERT INTO change_log (entity, entity_id, op, version, changed_at, "
                                        "first_pk, last_pk) SELECT ?, pd_uuid_text(id), 'insert', 1, ?, ?, ? FROM %1 "
                                        "WHERE pk = ?")
                             .arg(entity));
        q.addBindValue(Database::nonNull(entity));
        q.addBindValue(at);
        q.addBindValue(first);
        q.addBindValue(last);
        q.addBindValue(first);
        Database::exec(q, QStringLiteral("Writing the change log"));
        return count;
    }
    logRowsWhere(entity, QStringLiteral("insert"), at, QStringLiteral("pk > ? AND created_at = ?"),
                 {largestKeyBefore, at});
    return count;
}

qint64 ChangeRecorder::largestKey(const QString& entity) const
{
    // `entity` is one of our table names, never user text.
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT MAX(pk) FROM %1").arg(entity));
    Database::exec(q, QStringLiteral("Looking into %1").arg(entity));
    return q.next() ? q.value(0).toLongLong() : 0;
}

QString ChangeRecorder::freshInstant(const QString& entity, const QDateTime& now)
{
    // `entity` is one of our table names, never user text.
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT MAX(updated_at) FROM %1").arg(entity));
    Database::exec(q, QStringLiteral("Reading the latest write"));
    QDateTime at = now.toUTC();
    if (q.next() && !q.value(0).isNull()) {
        const QDateTime latest = fromIsoUtc(q.value(0).toString());
        if (latest.isValid() && latest >= at)
            at = latest.addMSecs(1);
    }
    return toIsoUtc(at);
}

} // namespace pd
