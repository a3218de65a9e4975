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
    void malformedNeverShowsPassword_data();
    void malformedNeverShowsPassword();
    void maskPassword_data();
    void maskPassword();
    void percentDecodedUserAndPassword();
    void libpqParameters();
    void unknownParameterRefusedByName();
    void invalidParameterValues_data();
    void invalidParameterValues();
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

void TestDatabaseConfig::malformedNeverShowsPassword_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("port not a number") << "postgresql://u:secret@host:notaport/db";
    QTest::newRow("no host") << "postgresql://u:secret@/db";
    QTest::newRow("stray space in host") << "postgresql://u:secret@ho st/db";
    QTest::newRow("stray space in password") << "postgresql://u:sec ret@host/db";
    QTest::newRow("no database") << "postgresql://u:secret@host:5432/";
    QTest::newRow("no @, password where the port goes") << "postgresql://u:secret/db";
    QTest::newRow("raw / in password") << "postgresql://u:se/cret@host/db";
    QTest::newRow("unknown parameter") << "postgresql://u:secret@host/db?colour=blue";
}

void TestDatabaseConfig::malformedNeverShowsPassword()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!DatabaseConfig::fromString(text, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(QLatin1String("secret")) && !error.contains(QLatin1String("cret")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("u:***@")) || error.contains(QLatin1String("u:***/")), qPrintable(error));
}

void TestDatabaseConfig::maskPassword_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("masked");
    QTest::newRow("well formed") << "postgresql://ana:s3cret@db:5432/book"
                                 << "postgresql://ana:***@db:5432/book";
    QTest::newRow("no password") << "postgresql://ana@db:5432/book"
                                 << "postgresql://ana@db:5432/book";
    QTest::newRow("short scheme") << "postgres://ana:pw@db/book"
                                  << "postgres://ana:***@db/book";
    QTest::newRow("inside a sentence") << "Could not open postgresql://a:pw@h/b: refused"
                                       << "Could not open postgresql://a:***@h/b: refused";
    QTest::newRow("two URLs") << "postgres://a:one@h/b and postgresql://c:two@i/d"
                              << "postgres://a:***@h/b and postgresql://c:***@i/d";
    QTest::newRow("password in the query") << "postgresql://ana@db/book?sslmode=require&password=pw&x=1"
                                           << "postgresql://ana@db/book?sslmode=require&password=***&x=1";
    QTest::newRow("file path") << "/home/ana/a:b@c.partnerdesk"
                               << "/home/ana/a:b@c.partnerdesk";
}

void TestDatabaseConfig::maskPassword()
{
    QFETCH(QString, text);
    QFETCH(QString, masked);
    QCOMPARE(DatabaseConfig::maskPassword(text), masked);
}

void TestDatabaseConfig::percentDecodedUserAndPassword()
{
    const auto c = DatabaseConfig::fromString(QStringLiteral("postgresql://an%40a:p%40ss%3Aw%2Fd@db/my%20book"));
    QVERIFY(c);
    QCOMPARE(c->user, QStringLiteral("an@a"));
    QCOMPARE(c->password, QStringLiteral("p@ss:w/d"));
    QCOMPARE(c->dbName, QStringLiteral("my book"));
    QCOMPARE(c->displayName(), QStringLiteral("postgresql://an%40a@db:5432/my%20book"));
}

void TestDatabaseConfig::libpqParameters()
{
    const auto c = DatabaseConfig::fromString(
        QStringLiteral("postgresql://ana:pw@db/book?sslmode=require&sslrootcert=/etc/ca%20dir/root.crt"
                       "&application_name=Part%27ner%20Desk&target_session_attrs=read-write"));
    QVERIFY(c);
    const QList<QPair<QString, QString>> expected = {
        {QStringLiteral("sslmode"), QStringLiteral("require")},
        {QStringLiteral("sslrootcert"), QStringLiteral("/etc/ca dir/root.crt")},
        {QStringLiteral("application_name"), QStringLiteral("Part'ner Desk")},
        {QStringLiteral("target_session_attrs"), QStringLiteral("read-write")}};
    QCOMPARE(c->parameters, expected);
    // QPSQL turns ';' into spaces and hands the result to libpq as conninfo "key=value" pairs.
    QCOMPARE(c->connectOptions(),
             QStringLiteral("connect_timeout=10;sslmode='require';sslrootcert='/etc/ca dir/root.crt';"
                            "application_name='Part\\'ner Desk';target_session_attrs='read-write'"));
    QCOMPARE(c->displayName(),
             QStringLiteral("postgresql://ana@db:5432/book?sslmode=require&sslrootcert=/etc/ca%20dir/"
                            "root.crt&application_name=Part%27ner%20Desk&target_session_attrs=read-write"));
    // A timeout the user wrote replaces the default one.
    const auto t = DatabaseConfig::fromString(QStringLiteral("postgresql://ana@db/book?connect_timeout=3"));
    QVERIFY(t);
    QCOMPARE(t->connectOptions(), QStringLiteral("connect_timeout='3'"));
    const auto plain = DatabaseConfig::fromString(QStringLiteral("postgresql://ana@db/book"));
    QCOMPARE(plain->connectOptions(), QStringLiteral("connect_timeout=10"));
}

void TestDatabaseConfig::unknownParameterRefusedByName()
{
    QString error;
    QVERIFY(
        !DatabaseConfig::fromString(QStringLiteral("postgresql://ana:pw@db/book?sslmode=require&colour=blue"), &error));
    QVERIFY2(error.startsWith(QLatin1String("Unknown parameter 'colour'")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("sslmode")), qPrintable(error)); // lists what is supported
}

void TestDatabaseConfig::invalidParameterValues_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("named");
    QTest::newRow("sslmode") << "sslmode=required"
                             << "sslmode";
    QTest::newRow("timeout") << "connect_timeout=soon"
                             << "connect_timeout";
    QTest::newRow("negative timeout") << "connect_timeout=-1"
                                      << "connect_timeout";
    QTest::newRow("twice") << "sslmode=disable&sslmode=require"
                           << "sslmode";
    QTest::newRow("semicolon") << "application_name=a%3Bb"
                               << "application_name";
    QTest::newRow("password in the query") << "password=pw"
                                           << "password";
}

void TestDatabaseConfig::invalidParameterValues()
{
    QFETCH(QString, query);
    QFETCH(QString, named);
    QString error;
    QVERIFY(!DatabaseConfig::fromString(QStringLiteral("postgresql://ana@db/book?") + query, &error));
    QVERIFY2(error.contains(named), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("=pw")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "tst_databaseconfig.moc"
