#pragma once

#include "domain/Product.h"

#include <QList>

namespace pd {

class Database;

/// Reads and writes products. Throws StorageError.
class ProductRepository
{
public:
    explicit ProductRepository(Database& db) : m_db(db) {}

    /// Every product that is not archived, ordered by name.
    QList<Product> list() const;
    /// Bulk insert for imports (caller's transaction; every row stamped `at`); assigns ids.
    void insertMany(QList<Product>& products, const QString& at);
    /// Bulk update of name, line, price and currency for imports, by id and version.
    void updateMany(const QList<Product>& products, const QString& at);

private:
    Database& m_db;
};

} // namespace pd
