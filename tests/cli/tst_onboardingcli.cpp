// partnerdesk-cli onboarding (issue 9, items 3, 4, 6 and 8): start (moves the partner to Onboarding), tick with notes
// and --undo, status of every partner in onboarding and of one checklist, attach (--copy with the SHA-256 of the bytes
// written, --link), offboard and the offboarding checklist's ticks; JSON keys; refusals exit 2 with nothing written,
// usage errors exit 1. On SQLite and PostgreSQL, with PD_NOW fixing today at 2017-03-01.
#include "support/CliRun.h"

#include <QCryptographicHash>
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

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QStringList keysOf(const QJsonObject& o)
{
    QStringList keys = o.keys();
    keys.sort();
    return keys;
}
} // namespace

class TestOnboardingCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qputenv("PD_NOW", "2017-03-01T10:00:00Z"); }
    void onboarding_data() { test::TestDatabases::addBackendRows(); }
    void onboarding();

private:
    test::TestDatabases m_dbs;
};

void TestOnboardingCli::onboarding()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    const QString db = config->displayName();
    QTemporaryDir dir;
    // Two partners in stage Applied (CDW a VAR, REF a Referral partner) and one Active (ACT).
    QVERIFY(writeFile(dir.filePath(QStringLiteral("partners.csv")),
                      "key,name,type,stage\nCDW,CDW Corporation,VAR,Applied\nREF,Referral Co,Referral,Applied\n"
                      "ACT,Active Co,SI,Active\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("partners.json")),
                      R"({"name": "test partners", "entity": "partners", "mode": "insert",
                          "columns": {"key": "key", "name": "name", "type": "type", "stage": "stage"}})"));
    test::CliResult r = cli(db, {QStringLiteral("import"), QStringLiteral("--entity"), QStringLiteral("partners"),
                                 QStringLiteral("--file"), dir.filePath(QStringLiteral("partners.csv")),
                                 QStringLiteral("--profile"), dir.filePath(QStringLiteral("partners.json"))});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));

    // start: CDW moves to Onboarding; 8 tasks due from 2017-02-20.
    r = cli(db,
            {QStringLiteral("onboarding"), QStringLiteral("start"), QStringLiteral("--partner"), QStringLiteral("CDW"),
             QStringLiteral("--date"), QStringLiteral("2017-02-20"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonObject o = r.json();
    QCOMPARE(keysOf(o), (QStringList{"kind", "moved_to_onboarding", "partner", "started_on", "tasks"}));
    QCOMPARE(o.value(QStringLiteral("moved_to_onboarding")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("started_on")).toString(), QStringLiteral("2017-02-20"));
    QJsonArray tasks = o.value(QStringLiteral("tasks")).toArray();
    QCOMPARE(tasks.size(), 8);
    QJsonObject first = tasks.first().toObject();
    QCOMPARE(keysOf(first), (QStringList{"attachments", "document", "done_by", "done_on", "due_on", "id", "kind",
                                         "notes", "overdue", "owner", "required", "started_on", "task", "title"}));
    QCOMPARE(first.value(QStringLiteral("title")).toString(), QStringLiteral("Partner agreement signed"));
    QCOMPARE(first.value(QStringLiteral("due_on")).toString(), QStringLiteral("2017-02-27"));
    QCOMPARE(first.value(QStringLiteral("overdue")).toBool(), true); // due 02-27, today 03-01
    QCOMPARE(first.value(QStringLiteral("owner")).toString(), QStringLiteral("partner"));
    QCOMPARE(tasks.at(7).toObject().value(QStringLiteral("required")).toBool(), false);

    // Refusals: exit 2, nothing written.
    const QStringList startCdw = {QStringLiteral("onboarding"), QStringLiteral("start"), QStringLiteral("--partner"),
                                  QStringLiteral("CDW")};
    r = cli(db, startCdw);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("CDW already has an onboarding checklist\n"));
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("start"), QStringLiteral("--partner"),
                 QStringLiteral("ACT")});
    QCOMPARE(r.exitCode, 2); // Active cannot move back to Onboarding
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("start"), QStringLiteral("--partner"),
                 QStringLiteral("NOPE")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("--partner: no partner with key 'NOPE'\n"));
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("tick"), QStringLiteral("--partner"),
                 QStringLiteral("CDW"), QStringLiteral("--task"), QStringLiteral("9")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("--task: the onboarding checklist of CDW has no task 9 (1 to 8)\n"));
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("tick"), QStringLiteral("--partner"),
                 QStringLiteral("REF"), QStringLiteral("--task"), QStringLiteral("1")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.err, QStringLiteral("REF has no onboarding checklist\n"));
    // Usage errors: exit 1.
    QCOMPARE(cli(db, {QStringLiteral("onboarding"), QStringLiteral("tick"), QStringLiteral("--partner"),
                      QStringLiteral("CDW")})
                 .exitCode,
             1);
    QCOMPARE(cli(db, {QStringLiteral("onboarding"), QStringLiteral("start"), QStringLiteral("--partner"),
                      QStringLiteral("REF"), QStringLiteral("--date"), QStringLiteral("March")})
                 .exitCode,
             1);
    QCOMPARE(cli(db, {QStringLiteral("onboarding"), QStringLiteral("fly")}).exitCode, 1);

    // tick with notes; ticking again is refused; --undo reopens.
    const QStringList tick1 = {QStringLiteral("onboarding"), QStringLiteral("tick"),   QStringLiteral("--partner"),
                               QStringLiteral("CDW"),        QStringLiteral("--task"), QStringLiteral("1")};
    r = cli(db, tick1 + QStringList{QStringLiteral("--date"), QStringLiteral("2017-02-25"), QStringLiteral("--notes"),
                                    QStringLiteral("Signed in person"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("done_on")).toString(), QStringLiteral("2017-02-25"));
    QCOMPARE(o.value(QStringLiteral("notes")).toString(), QStringLiteral("Signed in person"));
    QCOMPARE(o.value(QStringLiteral("overdue")).toBool(), false);
    QCOMPARE(o.value(QStringLiteral("all_required_done")).toBool(), false);
    QCOMPARE(cli(db, tick1).exitCode, 2);
    r = cli(db, tick1 + QStringList{QStringLiteral("--undo"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.json().value(QStringLiteral("done_on")).isNull());
    QCOMPARE(cli(db, tick1 + QStringList{QStringLiteral("--undo")}).exitCode, 2);
    QCOMPARE(cli(db, tick1).exitCode, 0); // done today

    // status: every partner in Onboarding (REF after its start, CDW), by name.
    QCOMPARE(cli(db, {QStringLiteral("onboarding"), QStringLiteral("start"), QStringLiteral("--partner"),
                      QStringLiteral("REF"), QStringLiteral("--date"), QStringLiteral("2017-03-01")})
                 .exitCode,
             0);
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("status"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("count")).toInt(), 2);
    const QJsonObject cdw = o.value(QStringLiteral("partners")).toArray().first().toObject();
    QCOMPARE(keysOf(cdw), (QStringList{"channel_manager", "done", "name", "next_due_on", "next_task", "overdue",
                                       "partner", "required", "required_done", "stage_since", "started", "started_on",
                                       "tasks", "territory", "type"}));
    QCOMPARE(cdw.value(QStringLiteral("partner")).toString(), QStringLiteral("CDW"));
    QCOMPARE(cdw.value(QStringLiteral("done")).toInt(), 1);
    QCOMPARE(cdw.value(QStringLiteral("required")).toInt(), 7);
    QCOMPARE(cdw.value(QStringLiteral("required_done")).toInt(), 1);
    QCOMPARE(cdw.value(QStringLiteral("overdue")).toInt(), 0);
    QCOMPARE(cdw.value(QStringLiteral("next_task")).toString(),
             QStringLiteral("Compliance and due-diligence screening"));
    QCOMPARE(cdw.value(QStringLiteral("next_due_on")).toString(), QStringLiteral("2017-03-06"));
    QCOMPARE(cdw.value(QStringLiteral("stage_since")).toString(), QStringLiteral("2017-02-20"));
    const QJsonObject ref = o.value(QStringLiteral("partners")).toArray().at(1).toObject();
    QCOMPARE(ref.value(QStringLiteral("partner")).toString(), QStringLiteral("REF"));
    QCOMPARE(ref.value(QStringLiteral("required")).toInt(), 5);
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("status")});
    QVERIFY2(r.out.endsWith(QStringLiteral("2 partner(s) in onboarding\n")), qPrintable(r.out));
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("status"), QStringLiteral("--partner"),
                 QStringLiteral("CDW"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(keysOf(r.json()), (QStringList{"kind", "partner", "stage", "started", "tasks"}));
    QCOMPARE(r.json().value(QStringLiteral("stage")).toString(), QStringLiteral("Onboarding"));
    QCOMPARE(r.json().value(QStringLiteral("tasks")).toArray().first().toObject().value(QStringLiteral("done_on")),
             QJsonValue(QStringLiteral("2017-03-01")));

    // attach: --copy gives the SHA-256 of the bytes; --link keeps the path; one of them is required.
    const QByteArray bytes("Partner agreement, signed\n");
    const QString file = dir.filePath(QStringLiteral("agreement.txt"));
    QVERIFY(writeFile(file, bytes));
    const QStringList attach = {
        QStringLiteral("onboarding"), QStringLiteral("attach"), QStringLiteral("--partner"), QStringLiteral("CDW"),
        QStringLiteral("--task"),     QStringLiteral("1"),      QStringLiteral("--file"),    file};
    QCOMPARE(cli(db, attach).exitCode, 1);
    r = cli(db, attach + QStringList{QStringLiteral("--copy"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    o = r.json();
    QCOMPARE(keysOf(o),
             (QStringList{"file_name", "id", "partner", "path", "sha256", "size_bytes", "stored_in_book", "task"}));
    QCOMPARE(o.value(QStringLiteral("sha256")).toString(),
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(o.value(QStringLiteral("size_bytes")).toInt(), 26);
    QCOMPARE(o.value(QStringLiteral("stored_in_book")).toBool(), true);
    r = cli(db, attach + QStringList{QStringLiteral("--link"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("stored_in_book")).toBool(), false);
    QCOMPARE(r.json().value(QStringLiteral("path")).toString(), file);
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("attach"), QStringLiteral("--partner"),
                 QStringLiteral("CDW"), QStringLiteral("--task"), QStringLiteral("1"), QStringLiteral("--file"),
                 dir.filePath(QStringLiteral("missing.txt")), QStringLiteral("--copy")});
    QCOMPARE(r.exitCode, 2);
    r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("status"), QStringLiteral("--partner"),
                 QStringLiteral("CDW"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("tasks")).toArray().first().toObject().value(QStringLiteral("attachments")),
             QJsonValue(2));

    // offboard: the offboarding checklist of an Active partner, ticked with --kind offboarding.
    r = cli(db,
            {QStringLiteral("onboarding"), QStringLiteral("offboard"), QStringLiteral("--partner"),
             QStringLiteral("ACT"), QStringLiteral("--date"), QStringLiteral("2017-02-01"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("kind")).toString(), QStringLiteral("offboarding"));
    QCOMPARE(r.json().value(QStringLiteral("moved_to_onboarding")).toBool(), false);
    QCOMPARE(r.json().value(QStringLiteral("tasks")).toArray().size(), 4);
    QCOMPARE(cli(db, {QStringLiteral("onboarding"), QStringLiteral("offboard"), QStringLiteral("--partner"),
                      QStringLiteral("ACT")})
                 .exitCode,
             2);
    for (const char* n : {"1", "2", "3"}) {
        r = cli(db, {QStringLiteral("onboarding"), QStringLiteral("tick"), QStringLiteral("--kind"),
                     QStringLiteral("offboarding"), QStringLiteral("--partner"), QStringLiteral("ACT"),
                     QStringLiteral("--task"), QString::fromLatin1(n), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    QCOMPARE(r.json().value(QStringLiteral("all_required_done")).toBool(), true);
    QCOMPARE(r.json().value(QStringLiteral("kind")).toString(), QStringLiteral("offboarding"));
    r = cli(db,
            {QStringLiteral("onboarding"), QStringLiteral("status"), QStringLiteral("--partner"), QStringLiteral("ACT"),
             QStringLiteral("--kind"), QStringLiteral("offboarding"), QStringLiteral("--json")});
    QCOMPARE(r.json().value(QStringLiteral("tasks")).toArray().size(), 4);
    QCOMPARE(cli(db, {QStringLiteral("onboarding"), QStringLiteral("status"), QStringLiteral("--kind"),
                      QStringLiteral("sideboarding")})
                 .exitCode,
             1);
}

QTEST_GUILESS_MAIN(TestOnboardingCli)
#include "tst_onboardingcli.moc"
