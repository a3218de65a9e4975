#pragma once

#include "storage/DatabaseConfig.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace pd::test {

/// Fresh, empty books for storage tests on both backends (DESIGN.md section 6). SQLite: a file in a
/// temporary directory. PostgreSQL: a new database on the private server that scripts/test starts and
/// announces in PD_TEST_PG_URL (postgresql://user@127.0.0.1:port/postgres); it is dropped in the destructor.
class TestDatabases
{
public:
    TestDatabases();
    ~TestDatabases();

    /// A new empty SQLite book.
    DatabaseConfig sqlite();
    /// A new empty PostgreSQL database; QFAILs (via the returned error) when PD_TEST_PG_URL is not set or the
    /// server cannot be reached. Returns nullopt and sets `error` then.
    std::optional<DatabaseConfig> postgres(QString* error);

    /// Data-driven helper for QTest: adds rows "sqlite" and "postgres" with a column "backend" (QString).
    static void addBackendRows();
    /// The config for the current row's backend; on failure QFAIL must be used by the caller.
    std::optional<DatabaseConfig> forBackend(const QString& backend, QString* error);

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QStringList m_pgDatabases;
};

/// Path of a file under ../shared/data (e.g. "maven_crm/products.csv").
QString sharedData(const QString& relative);
/// Path of a file under tests/data (e.g. "profiles/1-products.json").
QString testData(const QString& relative);

/// One import of the reference scenario (../shared/data/README.md): the entity, the profile under
/// tests/data/profiles and the file under ../shared/data.
struct ScenarioStep
{
    QString entity;
    QString profile;
    QString file;
};
/// The six imports of the reference scenario in order; without `withDeals` the first five (no deals).
QList<ScenarioStep> referenceScenarioSteps(bool withDeals = true);

} // namespace pd::test
