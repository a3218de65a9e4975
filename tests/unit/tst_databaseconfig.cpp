// Where a book lives: SQLite paths and postgresql:// URLs (DESIGN.md section 5), passwords never displayed.
#include "storage/DatabaseConfig.h"

#include <QTest>

using namespace pd;

class TestDatabaseConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void filePath();
    void postgresUrl();
    void postgresDefaultsAndScheme();
    void invalid_data();
    void invalid();
};

void TestDatabaseConfig::filePath()
{
    const auto c = DatabaseConfig::fromString(QStringLiteral("/home/ana/books/acme.partnerdesk"));
    QVERIFY(c);
    QCOMPARE(c->kind, DatabaseConfig::Kind::Sqlite);
    QVERIFY(c->isFile());
    QCOMPARE(c->path, QStringLiteral("/home/ana/books/acme.partnerdesk"));
    QCOMPARE(c->displayName(), QStringLiteral("/home/ana/books/acme.partnerdesk"));
}

void TestDatabaseConfig::postgresUrl()
{
    const auto c = DatabaseConfig::fromString(QStringLiteral("postgresql://ana:s3cret@db.example.com:6543/partners"));
    QVERIFY(c);
    QCOMPARE(c->kind, DatabaseConfig::Kind::Postgres);
    QVERIFY(!c->isFile());
    QCOMPARE(c->host, QStringLiteral("db.example.com"));
    QCOMPARE(c->port, 6543);
    QCOMPARE(c->user, QStringLiteral("ana"));
    QCOMPARE(c->password, QStringLiteral("s3cret"));
    QCOMPARE(c->dbName, QStringLiteral("partners"));
    // The password is kept in memory only and never shown.
    QCOMPARE(c->displayName(), QStringLiteral("postgresql://ana@db.example.com:6543/partners"));
    QVERIFY(!c->displayName().contains(QLatin1String("s3cret")));
}

void TestDatabaseConfig::postgresDefaultsAndScheme()
{
    const auto c = DatabaseConfig::fromString(QStringLiteral("postgres://team@127.0.0.1/book"));
    QVERIFY(c);
    QCOMPARE(c->kind, DatabaseConfig::Kind::Postgres);
    QCOMPARE(c->port, 5432);
    QCOMPARE(c->password, QString());
    QCOMPARE(c->displayName(), QStringLiteral("postgresql://team@127.0.0.1:5432/book"));
}

void TestDatabaseConfig::invalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("blank") << "   ";
    QTest::newRow("no database name") << "postgresql://ana@db.example.com:5432/";
    QTest::newRow("no host") << "postgresql:///partners";
}

void TestDatabaseConfig::invalid()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!DatabaseConfig::fromString(text, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "tst_databaseconfig.moc"
