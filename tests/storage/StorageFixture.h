#pragma once

#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"

#include <QSqlQuery>
#include <QTest>
#include <memory>

namespace pd::test {

/// Opens a fresh, empty book on `backend` ("sqlite" or "postgres") and, when `migrate` is true, migrates it to
/// the latest schema. Returns nullptr and sets `error` when the backend is not available (the caller QFAILs:
/// storage tests never skip a backend).
inline std::unique_ptr<Database> openBook(TestDatabases& databases, const QString& backend, QString* error,
                                          bool migrate = true)
{
    const std::optional<DatabaseConfig> config = databases.forBackend(backend, error);
    if (!config)
        return nullptr;
    auto db = std::make_unique<Database>(*config);
    try {
        db->open();
        if (migrate)
            Migrator(*db).migrate();
    } catch (const StorageError& e) {
        *error = e.message();
        return nullptr;
    }
    return db;
}

/// Inserts an active partner `key` named "<key> Systems" and returns it (with its id).
inline Partner makePartner(PartnerRepository& repo, const QString& key)
{
    Partner p;
    p.key = key;
    p.name = key + QStringLiteral(" Systems");
    p.stage = LifecycleStage::Active;
    repo.insert(p);
    return p;
}

/// Number of rows of `table` (archived rows included); -1 when the query fails.
inline qint64 countRows(const Database& db, const QString& table)
{
    // `table` is one of the schema's table names, given by the test.
    QSqlQuery q(db.handle());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

/// The values of one column of a query without bound values, as text, in result order.
inline QStringList column(const Database& db, const QString& sql)
{
    QSqlQuery q(db.handle());
    QStringList out;
    if (!q.exec(sql))
        return {QStringLiteral("<query failed: %1>").arg(sql)};
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

} // namespace pd::test

/// Opens a migrated book for the current data row's backend into `var`, or fails the test.
#define PD_OPEN_BOOK(var, databases)                                                                                   \
    QFETCH(QString, backend);                                                                                          \
    QString var##Error;                                                                                                \
    std::unique_ptr<pd::Database> var = pd::test::openBook(databases, backend, &var##Error);                           \
    if (!var)                                                                                                          \
        QFAIL(qPrintable(QStringLiteral("%1 is not available: %2").arg(backend, var##Error)));
