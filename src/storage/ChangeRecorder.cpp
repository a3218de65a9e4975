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

void ChangeRecorder::logBulk(const QString& entity, const QString& op, const QString& at)
{
    // `entity` is one of our table names, never user text.
    const bool insert = op == QLatin1String("insert");
    QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO change_log (entity, entity_id, op, version, changed_at) "
                                              "SELECT ?, id, ?, version, ? FROM %1 WHERE %2")
                                   .arg(entity, insert ? QStringLiteral("created_at = ?")
                                                       : QStringLiteral("updated_at = ? AND created_at <> ?")));
    q.addBindValue(Database::nonNull(entity));
    q.addBindValue(Database::nonNull(op));
    q.addBindValue(at);
    q.addBindValue(at);
    if (!insert)
        q.addBindValue(at);
    Database::exec(q, QStringLiteral("Writing the change log"));
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
