// `partnerdesk-cli certs types|add|list` (issue 9, items 5 and 8), on SQLite and PostgreSQL: a book with one partner
// (ACN) and two contacts made by hand; "now" fixed at 2026-03-01 through PD_NOW. Expiry dates are earned + the type's
// validity; "expiring" means within 60 days of the as-of date.
#include "support/CliRun.h"

#include "domain/Clock.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {
test::CliResult cli(const QString& db, const QStringList& args)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH), QStringList{QStringLiteral("--db"), db} + args);
}

/// The statuses of a `certs list --json` answer, as "contact/status".
QStringList statuses(const test::CliResult& r)
{
    QStringList out;
    for (const QJsonValue& v : r.json().value(QStringLiteral("certifications")).toArray())
        out << v[QStringLiteral("contact")].toString() + QLatin1Char('/') + v[QStringLiteral("status")].toString();
    return out;
}
} // namespace

class TestCertsCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qputenv("PD_NOW", "2026-03-01T10:00:00Z"); }
    void certs_data() { test::TestDatabases::addBackendRows(); }
    void certs();
    void readOnlyNeverCreatesABook();

private:
    test::TestDatabases m_dbs;
};

void TestCertsCli::certs()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    {
        Database book(*config);
        book.open();
        Migrator(book).migrate();
        FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC));
        PartnerRepository partners(book, clock);
        Partner acn;
        acn.key = QStringLiteral("ACN");
        acn.name = QStringLiteral("Accenture");
        partners.insert(acn);
        ContactRepository contacts(book, clock);
        for (const char* name : {"Anna Snelling", "Boris Faz"}) {
            Contact c;
            c.partnerId = acn.id;
            c.name = QString::fromLatin1(name);
            c.email = c.name.section(QLatin1Char(' '), 0, 0).toLower() + QStringLiteral("@example.com");
            contacts.insert(c);
        }
    }
    const QString db = config->displayName();

    test::CliResult r = cli(db, {QStringLiteral("certs"), QStringLiteral("types"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 0);
    r = cli(db, {QStringLiteral("certs"), QStringLiteral("types"), QStringLiteral("--add"),
                 QStringLiteral("Sales Associate"), QStringLiteral("--validity-months"), QStringLiteral("12")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("Certification type Sales Associate added (valid 12 months)\n"));
    // The same name again (any case) is invalid input; a validity that is not a number is a usage error.
    QCOMPARE(cli(db, {QStringLiteral("certs"), QStringLiteral("types"), QStringLiteral("--add"),
                      QStringLiteral("SALES ASSOCIATE"), QStringLiteral("--validity-months"), QStringLiteral("6")})
                 .exitCode,
             2);
    QCOMPARE(cli(db, {QStringLiteral("certs"), QStringLiteral("types"), QStringLiteral("--add"), QStringLiteral("X"),
                      QStringLiteral("--validity-months"), QStringLiteral("twelve")})
                 .exitCode,
             1);
    r = cli(db, {QStringLiteral("certs"), QStringLiteral("types"), QStringLiteral("--json")});
    const QJsonArray types = r.json().value(QStringLiteral("types")).toArray();
    QCOMPARE(types.size(), 1);
    QCOMPARE(types.at(0)[QStringLiteral("validity_months")].toInt(), 12);

    // Anna (by email) earned it 2025-03-13: expires 2026-03-13, 12 days after "now", so it is expiring.
    const QStringList add = {QStringLiteral("certs"), QStringLiteral("add"),    QStringLiteral("--partner"),
                             QStringLiteral("ACN"),   QStringLiteral("--type"), QStringLiteral("sales associate")};
    r = cli(db, add + QStringList{QStringLiteral("--contact"), QStringLiteral("ANNA@example.com"),
                                  QStringLiteral("--earned"), QStringLiteral("2025-03-13"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("contact")).toString(), QStringLiteral("Anna Snelling"));
    QCOMPARE(o.value(QStringLiteral("partner")).toString(), QStringLiteral("ACN"));
    QCOMPARE(o.value(QStringLiteral("expires_on")).toString(), QStringLiteral("2026-03-13"));
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("expiring"));
    // Boris (by name) earned it 2025-06-01: expires 2026-06-01, 92 days ahead: valid.
    r = cli(db, add + QStringList{QStringLiteral("--contact"), QStringLiteral("boris faz"), QStringLiteral("--earned"),
                                  QStringLiteral("2025-06-01")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("Certification Sales Associate of Boris Faz (ACN) earned 2025-06-01, expires "
                                   "2026-06-01\n"));
    // Unknown contact, partner or type: invalid input; a malformed date: usage.
    QCOMPARE(cli(db, add + QStringList{QStringLiteral("--contact"), QStringLiteral("Nobody"),
                                       QStringLiteral("--earned"), QStringLiteral("2025-06-01")})
                 .exitCode,
             2);
    QCOMPARE(
        cli(db, {QStringLiteral("certs"), QStringLiteral("add"), QStringLiteral("--partner"), QStringLiteral("NOPE"),
                 QStringLiteral("--type"), QStringLiteral("Sales Associate"), QStringLiteral("--contact"),
                 QStringLiteral("Boris Faz"), QStringLiteral("--earned"), QStringLiteral("2025-06-01")})
            .exitCode,
        2);
    QCOMPARE(
        cli(db, {QStringLiteral("certs"), QStringLiteral("add"), QStringLiteral("--partner"), QStringLiteral("ACN"),
                 QStringLiteral("--type"), QStringLiteral("Architect"), QStringLiteral("--contact"),
                 QStringLiteral("Boris Faz"), QStringLiteral("--earned"), QStringLiteral("2025-06-01")})
            .exitCode,
        2);
    QCOMPARE(cli(db, add + QStringList{QStringLiteral("--contact"), QStringLiteral("Boris Faz"),
                                       QStringLiteral("--earned"), QStringLiteral("01/06/2025")})
                 .exitCode,
             1);

    // list: both on 2026-03-01 (by partner key, contact name), only Anna within 60 days, Anna expired on 2026-03-13.
    r = cli(db, {QStringLiteral("certs"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, QString()); // nothing on stderr (an option of another subcommand once warned there)
    QCOMPARE(r.json().value(QStringLiteral("as_of")).toString(), QStringLiteral("2026-03-01"));
    QCOMPARE(statuses(r), (QStringList{"Anna Snelling/expiring", "Boris Faz/valid"}));
    o = r.json().value(QStringLiteral("certifications")).toArray().at(1).toObject();
    QCOMPARE(o.value(QStringLiteral("earned_on")).toString(), QStringLiteral("2025-06-01"));
    QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("Sales Associate"));
    r = cli(db, {QStringLiteral("certs"), QStringLiteral("list"), QStringLiteral("--expiring-within"),
                 QStringLiteral("60"), QStringLiteral("--json")});
    QCOMPARE(statuses(r), QStringList{"Anna Snelling/expiring"});
    r = cli(db, {QStringLiteral("certs"), QStringLiteral("list"), QStringLiteral("--partner"), QStringLiteral("ACN"),
                 QStringLiteral("--as-of"), QStringLiteral("2026-03-13"), QStringLiteral("--json")});
    QCOMPARE(statuses(r), (QStringList{"Anna Snelling/expired", "Boris Faz/valid"}));
    // Before Boris earned his, only Anna's is listed.
    r = cli(db, {QStringLiteral("certs"), QStringLiteral("list"), QStringLiteral("--as-of"),
                 QStringLiteral("2025-05-01"), QStringLiteral("--json")});
    QCOMPARE(statuses(r), QStringList{"Anna Snelling/valid"});
    r = cli(db, {QStringLiteral("certs"), QStringLiteral("list")});
    QVERIFY2(r.out.contains(QStringLiteral("ACN\tAnna Snelling\tSales Associate\tearned 2025-03-13\texpires 2026-03-13 "
                                           "(in 12 days)\texpiring\n")),
             qPrintable(r.out));
    QVERIFY2(r.out.endsWith(QStringLiteral("2 certification(s) on 2026-03-01\n")), qPrintable(r.out));
    QCOMPARE(
        cli(db, {QStringLiteral("certs"), QStringLiteral("list"), QStringLiteral("--partner"), QStringLiteral("NOPE")})
            .exitCode,
        2);
    QCOMPARE(
        cli(db, {QStringLiteral("certs"), QStringLiteral("list"), QStringLiteral("--as-of"), QStringLiteral("March")})
            .exitCode,
        1);
    QCOMPARE(cli(db, {QStringLiteral("certs"), QStringLiteral("renew")}).exitCode, 1);
}

void TestCertsCli::readOnlyNeverCreatesABook()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.partnerdesk"));
    QCOMPARE(cli(path, {QStringLiteral("certs"), QStringLiteral("list")}).exitCode, 3);
    QCOMPARE(cli(path, {QStringLiteral("certs"), QStringLiteral("types")}).exitCode, 3);
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestCertsCli)
#include "tst_certscli.moc"
