#include "storage/RowKeys.h"

#include "storage/Database.h"

#include <QSqlQuery>

namespace pd {

QString pkOfId(const char* table)
{
    return QStringLiteral("(SELECT pk FROM %1 WHERE id = ?)").arg(QLatin1String(table));
}

QString idOfPk(const char* table, const QString& keyColumn)
{
    return QStringLiteral("(SELECT ref.id FROM %1 ref WHERE ref.pk = %2)").arg(QLatin1String(table), keyColumn);
}

QString idForPk(const Database& db, const char* table, qint64 pk)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT id FROM %1 WHERE pk = ?").arg(QLatin1String(table)));
    q.addBindValue(pk);
    Database::exec(q, QStringLiteral("Reading a row of %1").arg(QLatin1String(table)));
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace pd
