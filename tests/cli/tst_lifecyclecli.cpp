// `partners stage` and `partners metrics` (issue 9, items 1, 7 and 8) on the reference scenario, SQLite and
// PostgreSQL. The scenario is imported with its partners in stage Onboarding (tests/data/profiles/
// 2-partners-onboarding.json, a copy of 2-partners.json whose stage constant is Onboarding) on 2016-09-01 (PD_NOW),
// then every partner that has deals is moved to Active on 2016-10-01 through the CLI. The expected figures were
// computed independently of the application from the raw CSV files by tests/deals/activation_figures.py (run it from
// the project root): 30 partners have deals; every one of them registered within 90 days of 2016-10-01 (rate 1.0), 23
// of them by 2016-11-15; ACN: first registration 2016-10-29 (28 days), first Won close 2017-03-01 (151 days), etc.
#include "storage/Database.h"
#include "support/CliRun.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QTest>

using namespace pd;

namespace {
test::CliResult cli(const QString& db, const QStringList& args)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH), QStringList{QStringLiteral("--db"), db} + args);
}

/// Runs the CLI with PD_NOW set to `now` (an ISO instant).
test::CliResult cliAt(const QString& now, const QString& db, const QStringList& args)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH), QStringList{QStringLiteral("--db"), db} + args,
                            {{QStringLiteral("PD_NOW"), now}});
}

/// The reference scenario with its partners imported in Onboarding on 2016-09-01; empty or what failed.
QString importOnboardingScenario(const QString& db)
{
    for (const test::ScenarioStep& step : test::referenceScenarioSteps()) {
        const bool partners = step.profile == QLatin1String("2-partners.json");
        const QString profile = partners ? QStringLiteral("2-partners-onboarding.json") : step.profile;
        const QStringList args = {QStringLiteral("import"),
                                  QStringLiteral("--entity"),
                                  step.entity,
                                  QStringLiteral("--file"),
                                  test::sharedData(step.file),
                                  QStringLiteral("--profile"),
                                  test::testData(QStringLiteral("profiles/") + profile)};
        const test::CliResult r = partners ? cliAt(QStringLiteral("2016-09-01T12:00:00Z"), db, args) : cli(db, args);
        if (r.exitCode != 0)
            return profile + QLatin1Char(' ') + r.out + r.err;
    }
    return {};
}

/// The partners that have deals in the scenario (activation_figures.py, "partners with deals").
const QStringList kWithDeals = {"ACN",  "ADBE", "ADSK", "AKAM", "ANET", "CDNS", "CDW",  "CRM", "CRWD", "CSCO",
                                "CTSH", "DDOG", "FICO", "FTNT", "GDDY", "GEN",  "HPE",  "HPQ", "IBM",  "IT",
                                "NOW",  "NTAP", "ORCL", "PANW", "PLTR", "PTC",  "SNPS", "TYL", "VRSN", "WDAY"};

qint64 count(const DatabaseConfig& config, const QString& sql)
{
    Database db(config);
    db.open();
    QSqlQuery q(db.handle());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QStringList sortedKeys(const QJsonObject& o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}
} // namespace

class TestLifecycleCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void referenceScenario_data() { test::TestDatabases::addBackendRows(); }
    void referenceScenario();
    void metricsNeverCreatesABook();

private:
    test::TestDatabases m_dbs;
};

void TestLifecycleCli::referenceScenario()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    const QString db = config->displayName();
    QCOMPARE(importOnboardingScenario(db), QString());
    for (const QString& key : kWithDeals) {
        const test::CliResult r =
            cli(db, {QStringLiteral("partners"), QStringLiteral("stage"), QStringLiteral("--partner"), key,
                     QStringLiteral("--to"), QStringLiteral("Active"), QStringLiteral("--date"),
                     QStringLiteral("2016-10-01")});
        QVERIFY2(r.exitCode == 0, qPrintable(key + QLatin1Char(' ') + r.err));
        QCOMPARE(r.out, QStringLiteral("Partner %1: Onboarding → Active on 2016-10-01 (activation date)\n").arg(key));
    }

    test::CliResult r = cli(db, {QStringLiteral("partners"), QStringLiteral("metrics"), QStringLiteral("--as-of"),
                                 QStringLiteral("2017-12-31"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = r.json();
    QCOMPARE(sortedKeys(o), (QStringList{"as_of", "cohorts", "partners"}));
    QCOMPARE(o.value(QStringLiteral("as_of")).toString(), QStringLiteral("2017-12-31"));
    const QJsonObject partners = o.value(QStringLiteral("partners")).toObject();
    QCOMPARE(sortedKeys(partners), kWithDeals); // only activated partners; the other 43 are still onboarding
    QCOMPARE(sortedKeys(partners.value(QStringLiteral("ACN")).toObject()),
             (QStringList{"activation_date", "days_to_first_registration", "days_to_onboard", "ttfr_days"}));
    // key → days to first registration, TTFR (activation_figures.py). AKAM, CSCO and PTC lost a deal before their
    // first win: their TTFR counts the win, not the earlier close.
    const QList<std::tuple<QString, int, int>> expected = {
        {"ACN", 28, 151}, {"ADBE", 62, 152}, {"AKAM", 35, 153}, {"CDW", 19, 151},  {"CSCO", 24, 152}, {"FICO", 24, 154},
        {"GEN", 50, 160}, {"PTC", 41, 152},  {"SNPS", 42, 157}, {"VRSN", 37, 155}, {"WDAY", 46, 151}};
    for (const auto& [key, firstRegistration, ttfr] : expected) {
        const QJsonObject p = partners.value(key).toObject();
        QCOMPARE(p.value(QStringLiteral("activation_date")).toString(), QStringLiteral("2016-10-01"));
        QCOMPARE(p.value(QStringLiteral("days_to_onboard")).toInt(-1), 30); // 2016-09-01 → 2016-10-01
        QCOMPARE(p.value(QStringLiteral("days_to_first_registration")).toInt(-1), firstRegistration);
        QCOMPARE(p.value(QStringLiteral("ttfr_days")).toInt(-1), ttfr);
    }
    QJsonArray cohorts = o.value(QStringLiteral("cohorts")).toArray();
    QCOMPARE(cohorts.size(), 1);
    QJsonObject q4 = cohorts.at(0).toObject();
    QCOMPARE(q4.value(QStringLiteral("quarter")).toString(), QStringLiteral("2016Q4"));
    QCOMPARE(q4.value(QStringLiteral("activated")).toInt(), 30);
    QCOMPARE(q4.value(QStringLiteral("activation_rate_90d")).toDouble(), 1.0);

    // As of 2016-11-15: 23 of the 30 had registered, nobody had won yet.
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("metrics"), QStringLiteral("--as-of"),
                 QStringLiteral("2016-11-15"), QStringLiteral("--json")});
    o = r.json();
    q4 = o.value(QStringLiteral("cohorts")).toArray().at(0).toObject();
    QCOMPARE(q4.value(QStringLiteral("activated")).toInt(), 30);
    QCOMPARE(q4.value(QStringLiteral("activation_rate_90d")).toDouble(), 23.0 / 30.0);
    const QJsonObject acn = o.value(QStringLiteral("partners")).toObject().value(QStringLiteral("ACN")).toObject();
    QVERIFY(acn.value(QStringLiteral("ttfr_days")).isNull());
    QCOMPARE(acn.value(QStringLiteral("days_to_first_registration")).toInt(-1), 28);
    QVERIFY(o.value(QStringLiteral("partners"))
                .toObject()
                .value(QStringLiteral("ADBE"))
                .toObject()
                .value(QStringLiteral("days_to_first_registration"))
                .isNull()); // 62 days: after 2016-11-15
    // Before the activation nobody is counted.
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("metrics"), QStringLiteral("--as-of"),
                 QStringLiteral("2016-09-30"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("partners")).toObject().size(), 0);
    QCOMPARE(r.json().value(QStringLiteral("cohorts")).toArray().size(), 0);

    // The human form: the cohorts and a count.
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("metrics"), QStringLiteral("--as-of"),
                 QStringLiteral("2017-12-31")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QStringLiteral("2016Q4\t30 activated\t30 registered within 90 days\t100.0%\n"
                                   "30 activated partner(s) as of 2017-12-31\n"));

    // Refusals: exit 2 with the rule's message, nothing written.
    const QString history = QStringLiteral("SELECT COUNT(*) FROM partner_stage_history");
    const QString log = QStringLiteral("SELECT COUNT(*) FROM change_log");
    const qint64 historyRows = count(*config, history);
    const qint64 logRows = count(*config, log);
    QVERIFY(historyRows > 0);
    const QStringList acnStage = {QStringLiteral("partners"), QStringLiteral("stage"), QStringLiteral("--partner"),
                                  QStringLiteral("ACN"), QStringLiteral("--to")};
    r = cli(db, acnStage + QStringList{QStringLiteral("Prospect")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err,
             QStringLiteral("ACN: A partner in Active can move to At risk or Offboarded only, not to Prospect\n"));
    r = cli(db, acnStage + QStringList{QStringLiteral("Offboarded")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("ACN has no offboarding checklist: start offboarding first\n"));
    r = cli(db,
            acnStage + QStringList{QStringLiteral("At risk"), QStringLiteral("--date"), QStringLiteral("2999-01-01")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("cannot be after today")), qPrintable(r.err));
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("stage"), QStringLiteral("--partner"),
                 QStringLiteral("NOPE"), QStringLiteral("--to"), QStringLiteral("Active")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("No partner with key 'NOPE'\n"));
    QCOMPARE(count(*config, history), historyRows);
    QCOMPARE(count(*config, log), logRows);
    // Usage errors: exit 1.
    QCOMPARE(cli(db, acnStage + QStringList{QStringLiteral("Dormant")}).exitCode, 1);
    QCOMPARE(
        cli(db, acnStage + QStringList{QStringLiteral("At risk"), QStringLiteral("--date"), QStringLiteral("soon")})
            .exitCode,
        1);
    QCOMPARE(cli(db, {QStringLiteral("partners"), QStringLiteral("stage"), QStringLiteral("--partner"),
                      QStringLiteral("ACN")})
                 .exitCode,
             1);
    QCOMPARE(cli(db, {QStringLiteral("partners"), QStringLiteral("metrics"), QStringLiteral("--as-of"),
                      QStringLiteral("2017-13-01")})
                 .exitCode,
             1);
    QCOMPARE(count(*config, history), historyRows);

    // A move with JSON output.
    r = cli(db, acnStage + QStringList{QStringLiteral("At risk"), QStringLiteral("--date"),
                                       QStringLiteral("2017-06-30"), QStringLiteral("--reason"),
                                       QStringLiteral("No pipeline"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    o = r.json();
    QCOMPARE(sortedKeys(o), (QStringList{"activated", "actor", "date", "from", "partner", "reason", "to"}));
    QCOMPARE(o.value(QStringLiteral("from")).toString(), QStringLiteral("Active"));
    QCOMPARE(o.value(QStringLiteral("to")).toString(), QStringLiteral("At risk"));
    QCOMPARE(o.value(QStringLiteral("date")).toString(), QStringLiteral("2017-06-30"));
    QCOMPARE(o.value(QStringLiteral("reason")).toString(), QStringLiteral("No pipeline"));
    QCOMPARE(o.value(QStringLiteral("activated")).toBool(), false);
    QCOMPARE(count(*config, history), historyRows + 1);
    r = cli(db, {QStringLiteral("partners"), QStringLiteral("show"), QStringLiteral("ACN"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("stage")).toString(), QStringLiteral("At risk"));
    QCOMPARE(r.json().value(QStringLiteral("activation_date")).toString(), QStringLiteral("2016-10-01"));
}

void TestLifecycleCli::metricsNeverCreatesABook()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.partnerdesk"));
    const test::CliResult r =
        cli(path, {QStringLiteral("partners"), QStringLiteral("metrics"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestLifecycleCli)
#include "tst_lifecyclecli.moc"
