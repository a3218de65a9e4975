#include "storage/RowKeys.h"

#include "storage/Database.h"

#include <QSqlQuery>

namespace pd {

QString pkOfId(const char* table)
{
    return QStringLiteral("(SELECT pk FROM %1 WHERE id = pd_uuid(?))").arg(QLatin1String(table));
}

QString idOfPk(const char* table, const QString& keyColumn)
{
    return QStringLiteral("(SELECT pd_uuid_text(ref.id) FROM %1 ref WHERE ref.pk = %2)").arg(QLatin1String(table), keyColumn);
}

QString idForPk(const Database& db, const char* table, qint64 pk)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pd_uuid_text(id) FROM %1 WHERE pk = ?").arg(QLatin1String(table)));
    q.addBindValue(pk);
    Database::exec(q, QStringLiteral("Reading a row of %1").arg(QLatin1String(table)));
    return q.next() ? q.value(0).toString() : QString();
}

KeysById KeysById::read(const Database& db, const char* table)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pd_uuid_text(id), pk FROM %1").arg(QLatin1String(table)));
    Database::exec(q, QStringLiteral("Reading the keys of %1").arg(QLatin1String(table)));
    KeysById keys;
    while (q.next())
        if (const auto id = RawUuid::parse(q.value(0).toString()))
            keys.m_keys.emplace(*id, q.value(1).toLongLong());
    return keys;
}

qint64 KeysById::pkOf(QStringView id) const
{
    const std::optional<RawUuid> raw = RawUuid::parse(id);
    if (!raw)
        return 0;
    const auto it = m_keys.find(*raw);
    return it == m_keys.end() ? 0 : it->second;
}

} // namespace pd
