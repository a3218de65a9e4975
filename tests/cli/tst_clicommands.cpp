// partnerdesk-cli completeness (issue 8, item 9): deals list by registration day and limit, deals show, further
// partners and touches from scripts (and what they do to attribution), partners list|show|archive|restore, and Drafts
// addressed by id. On the reference scenario, SQLite and PostgreSQL. Expected figures come from the raw CSV
// (sales_pipeline.csv: 37 opportunities engaged on 2017-03-01, 792 in March 2017; opportunity 1C1I7A6R is the first
// row: CDW, Cancity, GTX Plus Basic, Won on 2017-03-01 for 1,054 USD).
#include "support/CliRun.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace pd;

namespace {
test::CliResult cli(const QString& db, const QStringList& args)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH), QStringList{QStringLiteral("--db"), db} + args);
}
} // namespace

class TestCliCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commands_data() { test::TestDatabases::addBackendRows(); }
    void commands();

private:
    test::TestDatabases m_dbs;
};

void TestCliCommands::commands()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    const QString db = config->displayName();
    QCOMPARE(test::importReferenceScenario(QStringLiteral(PD_CLI_PATH), db), QString());

    // deals list by registration day, and a limit.
    test::CliResult r = cli(db, {QStringLiteral("deals"), QStringLiteral("list"), QStringLiteral("--since"),
                                 QStringLiteral("2017-03-01"), QStringLiteral("--until"), QStringLiteral("2017-03-01"),
                                 QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 37);
    r = cli(db,
            {QStringLiteral("deals"), QStringLiteral("list"), QStringLiteral("--since"), QStringLiteral("2017-03-01"),
             QStringLiteral("--until"), QStringLiteral("2017-03-31"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 792);
    r = cli(db, {QStringLiteral("deals"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("5")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.endsWith(QStringLiteral("5 deal(s)\n")), qPrintable(r.out));
    QCOMPARE(
        cli(db, {QStringLiteral("deals"), QStringLiteral("list"), QStringLiteral("--since"), QStringLiteral("March")})
            .exitCode,
        1);

    // deals show.
    r = cli(db, {QStringLiteral("deals"), QStringLiteral("show"), QStringLiteral("--deal"), QStringLiteral("#1"),
                 QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("external_id")).toString(), QStringLiteral("1C1I7A6R"));
    QCOMPARE(o.value(QStringLiteral("partner")).toString(), QStringLiteral("CDW"));
    QCOMPARE(o.value(QStringLiteral("customer")).toString(), QStringLiteral("Cancity"));
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("Won"));
    QCOMPARE(o.value(QStringLiteral("amount")).toDouble(), 1054.0);
    QCOMPARE(o.value(QStringLiteral("touches")).toArray().size(), 1); // the registration touch
    QCOMPARE(cli(db, {QStringLiteral("deals"), QStringLiteral("show"), QStringLiteral("--deal"), QStringLiteral("#0")})
                 .exitCode,
             2);

    // A further partner and a touch change the linear attribution: 527 USD each; removing them gives it back.
    const QStringList deal = {QStringLiteral("--deal"), QStringLiteral("1C1I7A6R")};
    QCOMPARE(cli(db, QStringList{QStringLiteral("deals"), QStringLiteral("partners"), QStringLiteral("add")} + deal +
                         QStringList{QStringLiteral("--partner"), QStringLiteral("ACN"), QStringLiteral("--role"),
                                     QStringLiteral("influencer")})
                 .exitCode,
             0);
    r = cli(db,
            QStringList{QStringLiteral("deals"), QStringLiteral("touches"), QStringLiteral("add")} + deal +
                QStringList{QStringLiteral("--partner"), QStringLiteral("ACN"), QStringLiteral("--type"),
                            QStringLiteral("co-sell meeting"), QStringLiteral("--date"), QStringLiteral("2017-02-01")});
    QCOMPARE(r.exitCode, 0);
    const QString touchId = r.out.section(QLatin1Char(' '), 1, 1);
    QVERIFY2(!touchId.isEmpty(), qPrintable(r.out));
    r = cli(db, QStringList{QStringLiteral("deals"), QStringLiteral("attribution")} + deal +
                    QStringList{QStringLiteral("--model"), QStringLiteral("linear"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QJsonArray credits = r.json().value(QStringLiteral("credits")).toArray();
    QCOMPARE(credits.size(), 2);
    QCOMPARE(credits.at(0).toObject().value(QStringLiteral("amount")).toDouble(), 527.0);
    QCOMPARE(credits.at(1).toObject().value(QStringLiteral("partner")).toString(), QStringLiteral("ACN"));
    QCOMPARE(credits.at(1).toObject().value(QStringLiteral("credit")).toString(), QStringLiteral("influenced"));
    QCOMPARE(cli(db, QStringList{QStringLiteral("deals"), QStringLiteral("touches"), QStringLiteral("add")} + deal +
                         QStringList{QStringLiteral("--partner"), QStringLiteral("ACN"), QStringLiteral("--type"),
                                     QStringLiteral("lunch"), QStringLiteral("--date"), QStringLiteral("2017-02-01")})
                 .exitCode,
             2);
    QCOMPARE(cli(db, QStringList{QStringLiteral("deals"), QStringLiteral("touches"), QStringLiteral("remove")} + deal +
                         QStringList{QStringLiteral("--id"), touchId})
                 .exitCode,
             0);
    QCOMPARE(cli(db, QStringList{QStringLiteral("deals"), QStringLiteral("partners"), QStringLiteral("remove")} + deal +
                         QStringList{QStringLiteral("--partner"), QStringLiteral("ACN")})
                 .exitCode,
             0);
    r = cli(db, QStringList{QStringLiteral("deals"), QStringLiteral("attribution")} + deal +
                    QStringList{QStringLiteral("--model"), QStringLiteral("linear"), QStringLiteral("--json")});
    credits = r.json().value(QStringLiteral("credits")).toArray();
    QCOMPARE(credits.size(), 1);
    QCOMPARE(credits.at(0).toObject().value(QStringLiteral("amount")).toDouble(), 1054.0);

    // partners list|show|archive|restore.
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 73);
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("show"), QStringLiteral("ACN"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("name")).toString(), QStringLiteral("Accenture"));
    QCOMPARE(r.json().value(QStringLiteral("type")).toString(), QStringLiteral("SI"));
    QCOMPARE(r.json().value(QStringLiteral("archived")).toBool(), false);
    QCOMPARE(cli(db, {QStringLiteral("partners"), QStringLiteral("archive"), QStringLiteral("ACN")}).exitCode, 0);
    QCOMPARE(cli(db, {QStringLiteral("partners"), QStringLiteral("archive"), QStringLiteral("ACN")}).exitCode, 2);
    QCOMPARE(cli(db, {QStringLiteral("partners"), QStringLiteral("list"), QStringLiteral("--json")})
                 .json()
                 .value(QStringLiteral("count"))
                 .toInt(),
             72);
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("show"), QStringLiteral("ACN"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("archived")).toBool(), true);
    QCOMPARE(cli(db, {QStringLiteral("partners"), QStringLiteral("restore"), QStringLiteral("ACN")}).exitCode, 0);
    QCOMPARE(cli(db, {QStringLiteral("partners"), QStringLiteral("list"), QStringLiteral("--json")})
                 .json()
                 .value(QStringLiteral("count"))
                 .toInt(),
             73);
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("show"), QStringLiteral("NOPE")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("No partner with key 'NOPE'")), qPrintable(r.err));

    // A Draft has no number: listed as "draft ID" and addressed by that id.
    r = cli(db,
            {QStringLiteral("deals"), QStringLiteral("register"), QStringLiteral("--partner"), QStringLiteral("ACN"),
             QStringLiteral("--customer"), QStringLiteral("Draft Co"), QStringLiteral("--product"),
             QStringLiteral("GTX Pro"), QStringLiteral("--draft"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QString draftId = r.json().value(QStringLiteral("deal")).toString();
    QVERIFY2(!draftId.isEmpty(), qPrintable(r.out));
    r = cli(db, {QStringLiteral("deals"), QStringLiteral("list"), QStringLiteral("--partner"), QStringLiteral("ACN"),
                 QStringLiteral("--status"), QStringLiteral("Draft")});
    QVERIFY2(r.out.contains(QStringLiteral("draft ") + draftId + QLatin1Char('\t')), qPrintable(r.out));
    r = cli(db, {QStringLiteral("deals"), QStringLiteral("show"), QStringLiteral("--deal"), draftId});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("Registration draft ") + draftId), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
