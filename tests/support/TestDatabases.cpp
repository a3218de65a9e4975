#include "support/TestDatabases.h"

#include "storage/Database.h"

#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace pd::test {

namespace {
std::optional<DatabaseConfig> adminConfig(QString* error)
{
    const QString url = qEnvironmentVariable("PD_TEST_PG_URL");
    if (url.isEmpty()) {
        *error = QStringLiteral("PD_TEST_PG_URL is not set: run the tests through scripts/test, which starts a "
                                "private PostgreSQL");
        return std::nullopt;
    }
    return DatabaseConfig::fromString(url, error);
}
} // namespace

TestDatabases::TestDatabases() = default;

TestDatabases::~TestDatabases()
{
    if (m_pgDatabases.isEmpty())
        return;
    QString error;
    auto admin = adminConfig(&error);
    if (!admin)
        return;
    try {
        Database db(*admin);
        db.open();
        for (const QString& name : m_pgDatabases)
            db.execDirect(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    } catch (...) {
    }
}

DatabaseConfig TestDatabases::sqlite()
{
    DatabaseConfig c;
    c.kind = DatabaseConfig::Kind::Sqlite;
    c.path = m_dir.filePath(QStringLiteral("book-%1.partnerdesk").arg(++m_counter));
    return c;
}

std::optional<DatabaseConfig> TestDatabases::postgres(QString* error)
{
    auto admin = adminConfig(error);
    if (!admin)
        return std::nullopt;
    const QString name = QStringLiteral("pdtest_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
    try {
        Database db(*admin);
        db.open();
        db.execDirect(QStringLiteral("CREATE DATABASE %1").arg(name));
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
    m_pgDatabases.append(name);
    DatabaseConfig c = *admin;
    c.dbName = name;
    return c;
}

void TestDatabases::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

std::optional<DatabaseConfig> TestDatabases::forBackend(const QString& backend, QString* error)
{
    if (backend == QLatin1String("sqlite"))
        return sqlite();
    return postgres(error);
}

QString sharedData(const QString& relative)
{
    return QStringLiteral(PD_SHARED_DATA "/") + relative;
}

QList<ScenarioStep> referenceScenarioSteps(bool withDeals)
{
    QList<ScenarioStep> steps = {
        {QStringLiteral("products"), QStringLiteral("1-products.json"), QStringLiteral("maven_crm/products.csv")},
        {QStringLiteral("partners"), QStringLiteral("2-partners.json"),
         QStringLiteral("reference/sp500_constituents.csv")},
        {QStringLiteral("partners"), QStringLiteral("3-partner-managers.json"),
         QStringLiteral("scenario/partner_reps.csv")},
        {QStringLiteral("contacts"), QStringLiteral("4-contacts.json"), QStringLiteral("scenario/partner_reps.csv")},
        {QStringLiteral("accounts"), QStringLiteral("5-accounts.json"), QStringLiteral("maven_crm/accounts.csv")},
    };
    if (withDeals)
        steps.append(
            {QStringLiteral("deals"), QStringLiteral("6-deals.json"), QStringLiteral("maven_crm/sales_pipeline.csv")});
    return steps;
}

QString testData(const QString& relative)
{
    return QStringLiteral(PD_TEST_DATA "/") + relative;
}

} // namespace pd::test
