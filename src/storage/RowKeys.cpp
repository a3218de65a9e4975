#include "storage/RowKeys.h"

#include "storage/Database.h"

#include <QSqlQuery>
#include <algorithm>

namespace pd {

QString pkOfId(const char* table)
{
    return QStringLiteral("(SELECT pk FROM %1 WHERE id = pd_uuid(?))").arg(QLatin1String(table));
}

QString idOfPk(const char* table, const QString& keyColumn)
{
    return QStringLiteral("(SELECT pd_uuid_text(ref.id) FROM %1 ref WHERE ref.pk = %2)")
        .arg(QLatin1String(table), keyColumn);
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
    // The stored id as it is (16 bytes on SQLite; PostgreSQL's driver gives a uuid as text), in the id index's order.
    QSqlQuery q = db.prepare(QStringLiteral("SELECT id, pk FROM %1 ORDER BY id").arg(QLatin1String(table)));
    Database::exec(q, QStringLiteral("Reading the keys of %1").arg(QLatin1String(table)));
    KeysById keys;
    while (q.next()) {
        const QVariant id = q.value(0);
        std::optional<RawUuid> raw;
        if (id.typeId() != QMetaType::QByteArray)
            raw = RawUuid::parse(id.toString());
        else if (const QByteArray bytes = id.toByteArray(); bytes.size() == 16)
            raw = RawUuid::fromBytes(reinterpret_cast<const unsigned char*>(bytes.constData()));
        if (raw)
            keys.m_keys.push_back({*raw, q.value(1).toLongLong()});
    }
    auto byId = [](const Entry& a, const Entry& b) { return a.id < b.id; };
    if (!std::is_sorted(keys.m_keys.begin(), keys.m_keys.end(), byId))
        std::sort(keys.m_keys.begin(), keys.m_keys.end(), byId);
    keys.m_keys.shrink_to_fit();
    return keys;
}

qint64 KeysById::pkOf(QStringView id) const
{
    const std::optional<RawUuid> raw = RawUuid::parse(id);
    if (!raw)
        return 0;
    const auto it =
        std::lower_bound(m_keys.begin(), m_keys.end(), *raw, [](const Entry& e, const RawUuid& u) { return e.id < u; });
    return it != m_keys.end() && it->id.hi == raw->hi && it->id.lo == raw->lo ? it->pk : 0;
}

} // namespace pd
