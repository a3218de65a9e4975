#include "storage/ProductRepository.h"

#include "domain/NameNormalizer.h"
#include "storage/Database.h"
#include "storage/StorageError.h"

#include <QSqlQuery>
#include <QUuid>

namespace pd {

QList<Product> ProductRepository::list() const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT pd_uuid_text(id), version, name, product_line, list_price_minor, currency "
                                    "FROM products WHERE deleted_at IS NULL ORDER BY name"));
    Database::exec(q, QStringLiteral("Listing products"));
    QList<Product> out;
    while (q.next()) {
        Product p;
        p.id = q.value(0).toString();
        p.version = q.value(1).toInt();
        p.name = q.value(2).toString();
        p.productLine = q.value(3).toString();
        p.listPriceMinor = q.value(4).toLongLong();
        p.currency = q.value(5).toString();
        out.append(p);
    }
    return out;
}

void ProductRepository::insertMany(QList<Product>& products, const QString& at)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO products (id, created_at, updated_at, version, name, name_key, product_line, list_price_minor, "
        "currency) VALUES (pd_uuid(?), ?, ?, 1, ?, ?, ?, ?, ?)"));
    for (Product& p : products) {
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        q.addBindValue(p.id);
        q.addBindValue(at);
        q.addBindValue(at);
        q.addBindValue(Database::nonNull(p.name));
        q.addBindValue(normalizeName(p.name, NameKind::Product));
        q.addBindValue(Database::nonNull(p.productLine));
        q.addBindValue(p.listPriceMinor);
        q.addBindValue(Database::nonNull(p.currency));
        Database::exec(q, QStringLiteral("Saving product %1").arg(p.name));
        p.version = 1;
    }
}

void ProductRepository::updateMany(const QList<Product>& products, const QString& at)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE products SET name = ?, name_key = ?, product_line = ?, list_price_minor = ?, currency = ?, "
        "updated_at = ?, version = version + 1 WHERE id = pd_uuid(?) AND version = ?"));
    for (const Product& p : products) {
        q.addBindValue(Database::nonNull(p.name));
        q.addBindValue(normalizeName(p.name, NameKind::Product));
        q.addBindValue(Database::nonNull(p.productLine));
        q.addBindValue(p.listPriceMinor);
        q.addBindValue(Database::nonNull(p.currency));
        q.addBindValue(at);
        q.addBindValue(p.id);
        q.addBindValue(p.version);
        Database::exec(q, QStringLiteral("Saving product %1").arg(p.name));
        if (q.numRowsAffected() != 1)
            throw StorageError(QStringLiteral("Product %1 was changed by someone else during the import").arg(p.name),
                               StorageError::Kind::Conflict);
    }
}

} // namespace pd
