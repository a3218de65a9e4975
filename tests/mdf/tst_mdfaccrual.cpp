// Accrual allocation on the reference scenario (issue 10, "Tests that must exist": 2017Q3 at 2% per partner, checked
// against values computed independently of the application from the raw files, in cents, exact). The reference book
// (tests/data/fixtures/v3-reference.partnerdesk.gz: the scenario imported by schema v3, migrated on open) gets a budget
// and an accrual allocation through partnerdesk-cli; every partner's allocated cents in `mdf status --json` must equal
// the figures below.
#include "support/CliRun.h"

#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {

/// Expected figures, written down from `python3 tests/mdf/accrual_figures.py` (which reads only
/// ../shared/data/maven_crm/sales_pipeline.csv and ../shared/data/scenario/partner_reps.csv): partner key (the
/// sales agent's partner), its won revenue with close_date 2017-07-01..2017-09-30 in cents, and 2% of it in cents
/// rounded half up. 30 partners; total won 2,982,255 USD, total accrual 5,964,510 cents. Partners absent here had
/// no won deal in 2017Q3 and get no allocation.
struct Expected
{
    const char* key;
    qint64 revenueCents;
    qint64 accrualCents;
};
const Expected kExpected[] = {
    {"ACN", 7249800LL, 144996LL},   {"ADBE", 11850100LL, 237002LL}, {"ADSK", 9946400LL, 198928LL},
    {"AKAM", 7338500LL, 146770LL},  {"ANET", 10541100LL, 210822LL}, {"CDNS", 12339800LL, 246796LL},
    {"CDW", 4789000LL, 95780LL},    {"CRM", 4727200LL, 94544LL},    {"CRWD", 16028400LL, 320568LL},
    {"CSCO", 9537000LL, 190740LL},  {"CTSH", 7040900LL, 140818LL},  {"DDOG", 5317300LL, 106346LL},
    {"FICO", 37321800LL, 746436LL}, {"FTNT", 13991900LL, 279838LL}, {"GDDY", 13951500LL, 279030LL},
    {"GEN", 8005800LL, 160116LL},   {"HPE", 12896000LL, 257920LL},  {"HPQ", 11162400LL, 223248LL},
    {"IBM", 5035100LL, 100702LL},   {"IT", 4430000LL, 88600LL},     {"NOW", 8647600LL, 172952LL},
    {"NTAP", 7740200LL, 154804LL},  {"ORCL", 3937400LL, 78748LL},   {"PANW", 16873800LL, 337476LL},
    {"PLTR", 14651200LL, 293024LL}, {"PTC", 5978500LL, 119570LL},   {"SNPS", 3787700LL, 75754LL},
    {"TYL", 7870400LL, 157408LL},   {"VRSN", 2240500LL, 44810LL},   {"WDAY", 12998200LL, 259964LL},
};

test::CliResult cli(const QString& db, const QStringList& args)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH), QStringList{QStringLiteral("--db"), db} + args,
                            {{QStringLiteral("PD_NOW"), QStringLiteral("2017-10-02T09:00:00Z")}});
}

} // namespace

class TestMdfAccrual : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accrualOfTheReferenceScenarioIn2017Q3AtTwoPercent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("reference.partnerdesk"));
        QProcess gunzip;
        gunzip.setStandardOutputFile(path);
        gunzip.start(QStringLiteral("gzip"),
                     {QStringLiteral("-dc"), test::testData(QStringLiteral("fixtures/v3-reference.partnerdesk.gz"))});
        QVERIFY(gunzip.waitForFinished(60000));
        QCOMPARE(gunzip.exitCode(), 0);

        test::CliResult r = cli(path, {QStringLiteral("mdf"), QStringLiteral("budget"), QStringLiteral("--name"),
                                       QStringLiteral("Q4 Fund"), QStringLiteral("--period"), QStringLiteral("2017Q4"),
                                       QStringLiteral("--amount"), QStringLiteral("100000"),
                                       QStringLiteral("--currency"), QStringLiteral("USD")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli(path, {QStringLiteral("mdf"), QStringLiteral("allocate"), QStringLiteral("--budget"),
                       QStringLiteral("Q4 Fund"), QStringLiteral("--accrual-percent"), QStringLiteral("2"),
                       QStringLiteral("--accrual-period"), QStringLiteral("2017Q3"), QStringLiteral("--all"),
                       QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("total")).toDouble(), 59645.10);

        r = cli(path, {QStringLiteral("mdf"), QStringLiteral("status"), QStringLiteral("--budget"),
                       QStringLiteral("Q4 Fund"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject status = r.json();
        QCOMPARE(status.value(QStringLiteral("balanced")).toBool(), true);
        const QJsonObject partners = status.value(QStringLiteral("partners")).toObject();
        qint64 total = 0;
        QStringList expectedKeys;
        for (const Expected& e : kExpected) {
            const QString key = QString::fromLatin1(e.key);
            expectedKeys << key;
            const QJsonObject f = partners.value(key).toObject();
            QVERIFY2(!f.isEmpty(), qPrintable(key));
            QCOMPARE(f.value(QStringLiteral("allocated")).toInteger(), e.accrualCents);
            QCOMPARE(f.value(QStringLiteral("available")).toInteger(), e.accrualCents);
            total += e.accrualCents;
        }
        // Every other partner: nothing allocated.
        for (auto it = partners.constBegin(); it != partners.constEnd(); ++it)
            if (!expectedKeys.contains(it.key()))
                QCOMPARE(it.value().toObject().value(QStringLiteral("allocated")).toInteger(), 0);
        QCOMPARE(total, 5964510);
        QCOMPARE(status.value(QStringLiteral("total")).toObject().value(QStringLiteral("allocated")).toInteger(),
                 5964510);
        QCOMPARE(status.value(QStringLiteral("unallocated")).toInteger(), 10000000 - 5964510);

        // Sync sees every allocation and ledger entry of the accrual: on a file book one change-log entry per table
        // stands for the 30 rows' key range (the budget's own funding entry came before, with an entry of its own).
        QSqlDatabase book = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("accrual-check"));
        book.setDatabaseName(path);
        QVERIFY(book.open());
        QSqlQuery q(book);
        QVERIFY(q.exec(QStringLiteral("SELECT entity, COALESCE(last_pk - first_pk + 1, 1) FROM change_log WHERE entity "
                                      "IN ('mdf_allocations', 'mdf_ledger') ORDER BY seq")));
        QStringList entries;
        while (q.next())
            entries << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString();
        QCOMPARE(entries, (QStringList{QStringLiteral("mdf_ledger 1"), QStringLiteral("mdf_allocations 30"),
                                       QStringLiteral("mdf_ledger 30")}));
        q = QSqlQuery();
        book.close();
    }
};

QTEST_GUILESS_MAIN(TestMdfAccrual)
#include "tst_mdfaccrual.moc"
