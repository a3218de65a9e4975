// Import help through partnerdesk-cli (issue 8, item 8): without a profile, a file whose columns leave required
// fields unmapped names every one of them, lists the file's columns and the auto-matched fields (field ← column),
// exits 2 and writes nothing. On SQLite and PostgreSQL.
#include "support/CliRun.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {
test::CliResult cli(const QString& db, const QStringList& args)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH), QStringList{QStringLiteral("--db"), db} + args);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(f.fileName()));
    f.write(bytes);
    return f.fileName();
}
} // namespace

class TestImportHelp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unmappedRequiredFields_data() { test::TestDatabases::addBackendRows(); }
    void unmappedRequiredFields();

private:
    test::TestDatabases m_dbs;
};

void TestImportHelp::unmappedRequiredFields()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    const QString db = config->displayName();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Like Maven CRM's sales_pipeline.csv, with product_name for product: only account matches a field's name.
    const QString deals = writeFile(dir, QStringLiteral("deals.csv"),
                                    "opportunity_id,sales_agent,product_name,account,deal_stage,close_value\n"
                                    "1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,1054\n");

    test::CliResult r = cli(db, {QStringLiteral("import"), QStringLiteral("--entity"), QStringLiteral("deals"),
                                 QStringLiteral("--file"), deals});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err,
             QStringLiteral("deals.csv: these required fields have no column: contact (or partner_key), product, "
                            "status. The file's columns are: opportunity_id, sales_agent, product_name, account, "
                            "deal_stage, close_value. Matched: account ← account. Map them in a profile (--profile, a "
                            "JSON file with \"columns\": {field: column}; see \"Import\" in README.md)\n"));
    QVERIFY2(r.out.startsWith(QStringLiteral("Nothing written")), qPrintable(r.out));

    // With --json the same message is the "error"; nothing is written.
    r = cli(db, {QStringLiteral("import"), QStringLiteral("--entity"), QStringLiteral("deals"),
                 QStringLiteral("--file"), deals, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.json()
                 .value(QStringLiteral("error"))
                 .toString()
                 .contains(QStringLiteral("no column: contact (or partner_key), product, status.")),
             qPrintable(r.out));
    QCOMPARE(r.json().value(QStringLiteral("committed")).toBool(), false);
    r = cli(db, {QStringLiteral("deals"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 0);

    // One field missing: the singular; with partner_key as a column, contact is not missing (either one will do).
    const QString byKey = writeFile(dir, QStringLiteral("by-key.csv"),
                                    "opportunity_id,partner_key,product,stage\n1C1I7A6R,CDW,GTX Plus Basic,Won\n");
    r = cli(db, {QStringLiteral("import"), QStringLiteral("--entity"), QStringLiteral("deals"),
                 QStringLiteral("--file"), byKey});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("by-key.csv: this required field has no column: status. The file's columns are: "
                                   "opportunity_id, partner_key, product, stage. Matched: partner_key ← partner_key, "
                                   "product ← product. Map them in a profile (--profile, a JSON file with "
                                   "\"columns\": {field: column}; see \"Import\" in README.md)\n"));
    r = cli(db, {QStringLiteral("deals"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestImportHelp)
#include "tst_importhelp.moc"
