// The partner lifecycle in storage (issue 9, items 1, 6 and 9; DESIGN.md section 3 "Partner lifecycle"): every allowed
// and refused move with its message, the history (from, to, date, actor, reason), the activation date set once, dates
// after today refused, offboarding only after a finished offboarding checklist and read-only afterwards, undo (revert)
// and redo (reapply), and the change-log and audit entries of each write. Every test runs on SQLite and PostgreSQL.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace pd;
using pd::test::column;
using pd::test::countRows;

namespace {
QDateTime utc(int y, int m, int d, int h = 10)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), Qt::UTC);
}

const QStringList kStages = {"Prospect", "Applied", "Onboarding", "Active", "At risk", "Offboarded"};

/// The allowed moves as issue 9 and LifecycleRules.h state them, written down here (not read from the code).
QStringList allowedFrom(const QString& from)
{
    if (from == "Prospect")
        return {"Applied"};
    if (from == "Applied")
        return {"Prospect", "Onboarding"};
    if (from == "Onboarding")
        return {"Active", "Offboarded"};
    if (from == "Active" || from == "At risk")
        return {from == "Active" ? "At risk" : "Active", "Offboarded"};
    return {};
}

Partner partnerIn(LifecycleStage stage, const QString& key = QStringLiteral("ACN"))
{
    Partner p;
    p.key = key;
    p.name = QStringLiteral("Accenture plc");
    p.type = PartnerType::SI;
    p.stage = stage;
    p.tier = QStringLiteral("Registered");
    return p;
}

/// Adds offboarding tasks to the partner with raw SQL and real UUIDs: `required` required ones and one optional, of
/// which the first `doneRequired` required ones are done.
void addOffboardingTasks(const Database& db, const QString& partnerId, int required, int doneRequired)
{
    for (int i = 0; i <= required; ++i) {
        const bool isRequired = i < required;
        QSqlQuery q(db.handle());
        q.prepare(QStringLiteral(
            "INSERT INTO partner_tasks (id, created_at, updated_at, partner_pk, kind, position, title, required, "
            "started_on, due_on, done_on) VALUES (pd_uuid(?), '2026-03-01T10:00:00.000Z', "
            "'2026-03-01T10:00:00.000Z', (SELECT pk FROM partners WHERE id = pd_uuid(?)), 'offboarding', ?, ?, ?, "
            "'2026-03-01', '2026-03-08', ?)"));
        q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        q.addBindValue(partnerId);
        q.addBindValue(i + 1);
        q.addBindValue(QStringLiteral("Task %1").arg(i + 1));
        q.addBindValue(isRequired ? 1 : 0);
        q.addBindValue(isRequired && i < doneRequired ? QVariant(QStringLiteral("2026-03-05")) : QVariant());
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
}

QString historyRows(const Database& db, const QString& partnerId)
{
    QSqlQuery q(db.handle());
    q.prepare(QStringLiteral("SELECT from_stage, stage, changed_on, actor, reason FROM partner_stage_history WHERE "
                             "partner_pk = (SELECT pk FROM partners WHERE id = pd_uuid(?)) ORDER BY pk"));
    q.addBindValue(partnerId);
    q.exec();
    QStringList rows;
    while (q.next())
        rows.append(QStringLiteral("%1>%2 %3 %4 %5")
                        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                             q.value(4).toString()));
    return rows.join(QLatin1String(" | "));
}

QString partnerRow(const Database& db, const QString& partnerId)
{
    QSqlQuery q(db.handle());
    q.prepare(
        QStringLiteral("SELECT stage, stage_since, activation_date, version FROM partners WHERE id = pd_uuid(?)"));
    q.addBindValue(partnerId);
    q.exec();
    if (!q.next())
        return QStringLiteral("<none>");
    return QStringLiteral("%1 since %2 activated %3 v%4")
        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString());
}

/// The StorageError message of `f`, or "<no error>".
template <typename F> QString refusalOf(F&& f, StorageError::Kind* kind = nullptr)
{
    try {
        f();
    } catch (const StorageError& e) {
        if (kind)
            *kind = e.kind();
        return e.message();
    }
    return QStringLiteral("<no error>");
}
} // namespace

class TestLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyMove_data();
    void everyMove();
    void historyKeepsFromToDateActorReason_data() { test::TestDatabases::addBackendRows(); }
    void historyKeepsFromToDateActorReason();
    void activationDateIsSetOnce_data() { test::TestDatabases::addBackendRows(); }
    void activationDateIsSetOnce();
    void dateAfterTodayIsRefused_data() { test::TestDatabases::addBackendRows(); }
    void dateAfterTodayIsRefused();
    void offboardingNeedsAFinishedChecklist_data() { test::TestDatabases::addBackendRows(); }
    void offboardingNeedsAFinishedChecklist();
    void revertAndReapply_data() { test::TestDatabases::addBackendRows(); }
    void revertAndReapply();
    void changeLogAuditAndNotification_data() { test::TestDatabases::addBackendRows(); }
    void changeLogAuditAndNotification();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{utc(2026, 3, 1)};
};

void TestLifecycle::everyMove_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    for (const QString& backend : {QStringLiteral("sqlite"), QStringLiteral("postgres")})
        for (const QString& from : kStages)
            for (const QString& to : kStages)
                QTest::addRow("%s %s to %s", qPrintable(backend), qPrintable(from), qPrintable(to))
                    << backend << from << to;
}

void TestLifecycle::everyMove()
{
    PD_OPEN_BOOK(db, m_databases);
    QFETCH(QString, from);
    QFETCH(QString, to);
    m_clock.set(utc(2026, 3, 1));
    Partner p = partnerIn(*lifecycleStageFromString(from));
    PartnerRepository(*db, m_clock).insert(p);
    if (to == QLatin1String("Offboarded"))
        addOffboardingTasks(*db, p.id, 2, 2); // a finished checklist: only the rule decides
    m_clock.set(utc(2026, 3, 20));
    LifecycleRepository lifecycle(*db, m_clock);
    StorageError::Kind kind = StorageError::Kind::Failed;
    const QString message = refusalOf(
        [&] { lifecycle.move(p.id, *lifecycleStageFromString(to), QDate(2026, 3, 10), QStringLiteral("why")); }, &kind);
    const QStringList allowed = allowedFrom(from);
    if (allowed.contains(to)) {
        QCOMPARE(message, QStringLiteral("<no error>"));
        QCOMPARE(partnerRow(*db, p.id).section(QLatin1String(" since "), 0, 0), to);
        QCOMPARE(lifecycle.history(p.id).size(), 2);
        QCOMPARE(toString(lifecycle.history(p.id).last().from), from);
        return;
    }
    QCOMPARE(kind, StorageError::Kind::NotAllowed);
    QString expected;
    if (from == QLatin1String("Offboarded"))
        expected = QStringLiteral("ACN is offboarded and read-only: its stage cannot change");
    else if (from == to)
        expected = QStringLiteral("ACN: The partner is already in %1").arg(to);
    else
        expected = QStringLiteral("ACN: A partner in %1 can move to %2 only, not to %3")
                       .arg(from, allowed.join(QLatin1String(" or ")), to);
    QCOMPARE(message, expected);
    QCOMPARE(lifecycle.history(p.id).size(), 1); // nothing written
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("%1 since 2026-03-01 activated %2 v1")
                                        .arg(from, from == QLatin1String("Active") ? "2026-03-01" : ""));
}

void TestLifecycle::historyKeepsFromToDateActorReason()
{
    PD_OPEN_BOOK(db, m_databases);
    db->setActor(QStringLiteral("dana"));
    m_clock.set(utc(2026, 3, 1));
    Partner p = partnerIn(LifecycleStage::Prospect);
    PartnerRepository(*db, m_clock).insert(p);
    m_clock.set(utc(2026, 6, 1));
    LifecycleRepository lifecycle(*db, m_clock);
    lifecycle.move(p.id, LifecycleStage::Applied, QDate(2026, 3, 5), QStringLiteral("Filled in the form"));
    db->setActor(QStringLiteral("lee"));
    lifecycle.move(p.id, LifecycleStage::Onboarding, QDate(2026, 4, 1), QString());
    const StageChange active = lifecycle.move(p.id, LifecycleStage::Active, QDate(), QStringLiteral("Checklist done"));
    QCOMPARE(active.on, QDate(2026, 6, 1)); // no date: the clock's today
    QVERIFY(active.activated);
    QCOMPARE(historyRows(*db, p.id), QStringLiteral("" // first row: the stage it was created in, by dana
                                                    ">Prospect 2026-03-01 dana  | "
                                                    "Prospect>Applied 2026-03-05 dana Filled in the form | "
                                                    "Applied>Onboarding 2026-04-01 lee  | "
                                                    "Onboarding>Active 2026-06-01 lee Checklist done"));
    const QList<StageChange> h = lifecycle.history(p.id);
    QCOMPARE(h.size(), 4);
    QVERIFY(h.at(0).first);
    QVERIFY(!h.at(1).first);
    QCOMPARE(toString(h.at(1).from), QStringLiteral("Prospect"));
    QCOMPARE(toString(h.at(1).to), QStringLiteral("Applied"));
    QCOMPARE(h.at(1).on, QDate(2026, 3, 5));
    QCOMPARE(h.at(1).actor, QStringLiteral("dana"));
    QCOMPARE(h.at(1).reason, QStringLiteral("Filled in the form"));
    QCOMPARE(h.at(3).partnerKey, QStringLiteral("ACN"));
    QCOMPARE(h.at(3).recordedAt, QStringLiteral("2026-06-01T10:00:00.000Z"));
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Active since 2026-06-01 activated 2026-06-01 v4"));
}

void TestLifecycle::activationDateIsSetOnce()
{
    PD_OPEN_BOOK(db, m_databases);
    m_clock.set(utc(2026, 3, 1));
    Partner p = partnerIn(LifecycleStage::Onboarding);
    PartnerRepository(*db, m_clock).insert(p);
    m_clock.set(utc(2026, 9, 1));
    LifecycleRepository lifecycle(*db, m_clock);
    QVERIFY(lifecycle.move(p.id, LifecycleStage::Active, QDate(2026, 4, 2), {}).activated);
    QVERIFY(!lifecycle.move(p.id, LifecycleStage::AtRisk, QDate(2026, 5, 10), {}).activated);
    QVERIFY(!lifecycle.move(p.id, LifecycleStage::Active, QDate(2026, 6, 20), {}).activated);
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Active since 2026-06-20 activated 2026-04-02 v4"));
}

void TestLifecycle::dateAfterTodayIsRefused()
{
    PD_OPEN_BOOK(db, m_databases);
    m_clock.set(utc(2026, 3, 1));
    Partner p = partnerIn(LifecycleStage::Onboarding);
    PartnerRepository(*db, m_clock).insert(p);
    LifecycleRepository lifecycle(*db, m_clock);
    StorageError::Kind kind = StorageError::Kind::Failed;
    QCOMPARE(refusalOf([&] { lifecycle.move(p.id, LifecycleStage::Active, QDate(2026, 3, 2), {}); }, &kind),
             QStringLiteral("ACN: the date of a stage change (2026-03-02) cannot be after today (2026-03-01)"));
    QCOMPARE(kind, StorageError::Kind::NotAllowed);
    QCOMPARE(lifecycle.history(p.id).size(), 1);
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Onboarding since 2026-03-01 activated  v1"));
    lifecycle.move(p.id, LifecycleStage::Active, QDate(2026, 3, 1), {}); // today itself is fine
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Active since 2026-03-01 activated 2026-03-01 v2"));
}

void TestLifecycle::offboardingNeedsAFinishedChecklist()
{
    PD_OPEN_BOOK(db, m_databases);
    m_clock.set(utc(2026, 3, 1));
    Partner p = partnerIn(LifecycleStage::Active);
    PartnerRepository partners(*db, m_clock);
    partners.insert(p);
    m_clock.set(utc(2026, 3, 20));
    LifecycleRepository lifecycle(*db, m_clock);
    const auto offboard = [&] { lifecycle.move(p.id, LifecycleStage::Offboarded, QDate(2026, 3, 20), {}); };
    QCOMPARE(refusalOf(offboard), QStringLiteral("ACN has no offboarding checklist: start offboarding first"));
    addOffboardingTasks(*db, p.id, 3, 1); // 3 required (1 done) and 1 optional
    QCOMPARE(refusalOf(offboard), QStringLiteral("ACN still has 2 required offboarding task(s) to do"));
    QSqlQuery done(db->handle());
    QVERIFY(done.exec(QStringLiteral("UPDATE partner_tasks SET done_on = '2026-03-19' WHERE required = 1")));
    QCOMPARE(lifecycle.history(p.id).size(), 1);
    QCOMPARE(refusalOf(offboard), QStringLiteral("<no error>")); // the optional task may stay open
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Offboarded since 2026-03-20 activated 2026-03-01 v2"));

    // Read-only afterwards: no stage change, no edit; its history stays.
    QCOMPARE(refusalOf([&] { lifecycle.move(p.id, LifecycleStage::Active, QDate(2026, 3, 20), {}); }),
             QStringLiteral("ACN is offboarded and read-only: its stage cannot change"));
    Partner edited = partners.findById(p.id).value();
    edited.name = QStringLiteral("Renamed");
    StorageError::Kind kind = StorageError::Kind::Failed;
    QCOMPARE(refusalOf([&] { partners.update(edited); }, &kind),
             QStringLiteral("Partner ACN is offboarded and read-only"));
    QCOMPARE(kind, StorageError::Kind::NotAllowed);
    QCOMPARE(partners.findById(p.id)->name, QStringLiteral("Accenture plc"));
    QCOMPARE(lifecycle.history(p.id).size(), 2);
}

void TestLifecycle::revertAndReapply()
{
    PD_OPEN_BOOK(db, m_databases);
    m_clock.set(utc(2026, 3, 1));
    Partner p = partnerIn(LifecycleStage::Onboarding);
    PartnerRepository(*db, m_clock).insert(p);
    m_clock.set(utc(2026, 4, 1));
    LifecycleRepository lifecycle(*db, m_clock);
    const StageChange c = lifecycle.move(p.id, LifecycleStage::Active, QDate(2026, 3, 25), QStringLiteral("Go"));
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Active since 2026-03-25 activated 2026-03-25 v2"));
    lifecycle.revert(c);
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Onboarding since 2026-03-01 activated  v3"));
    QCOMPARE(lifecycle.history(p.id).size(), 1);
    lifecycle.reapply(c);
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("Active since 2026-03-25 activated 2026-03-25 v4"));
    const QList<StageChange> h = lifecycle.history(p.id);
    QCOMPARE(h.size(), 2);
    QCOMPARE(h.last().id, c.id); // the same history row again
    QCOMPARE(h.last().reason, QStringLiteral("Go"));

    // An older move cannot be undone once the partner moved again.
    lifecycle.move(p.id, LifecycleStage::AtRisk, QDate(2026, 3, 30), {});
    StorageError::Kind kind = StorageError::Kind::Failed;
    QCOMPARE(refusalOf([&] { lifecycle.revert(c); }, &kind),
             QStringLiteral("ACN changed stage again since; its move to Active cannot be undone"));
    QCOMPARE(kind, StorageError::Kind::Conflict);
    QCOMPARE(partnerRow(*db, p.id), QStringLiteral("At risk since 2026-03-30 activated 2026-03-25 v5"));
}

void TestLifecycle::changeLogAuditAndNotification()
{
    PD_OPEN_BOOK(db, m_databases);
    db->setActor(QStringLiteral("dana"));
    m_clock.set(utc(2026, 3, 1));
    Partner p = partnerIn(LifecycleStage::Onboarding);
    PartnerRepository(*db, m_clock).insert(p);
    ChangeNotifier notifier;
    QSignalSpy spy(&notifier, &ChangeNotifier::partnersChanged);
    m_clock.set(utc(2026, 4, 1));
    LifecycleRepository lifecycle(*db, m_clock, &notifier);
    const StageChange c = lifecycle.move(p.id, LifecycleStage::Active, QDate(2026, 3, 25), QStringLiteral("Go"));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList{p.id});
    lifecycle.revert(c);
    QCOMPARE(spy.count(), 2);
    const QString where = QStringLiteral(" FROM change_log WHERE entity = 'partners' ORDER BY seq");
    QCOMPARE(column(*db, QStringLiteral("SELECT op || ' ' || version || ' ' || changed_at") + where),
             (QStringList{"insert 1 2026-03-01T10:00:00.000Z", "update 2 2026-04-01T10:00:00.000Z",
                          "update 3 2026-04-01T10:00:00.000Z"}));
    QCOMPARE(column(*db, QStringLiteral("SELECT entity_id") + where), (QStringList{p.id, p.id, p.id}));
    QCOMPARE(column(*db, QStringLiteral("SELECT action || ' | ' || actor || ' | ' || details FROM audit_log WHERE "
                                        "action = 'stage' ORDER BY seq")),
             (QStringList{"stage | dana | Partner ACN: Onboarding → Active on 2026-03-25 (Go)",
                          "stage | dana | Undone: Partner ACN: Onboarding → Active on 2026-03-25 (Go)"}));
    // A refused move writes nothing and notifies nobody.
    const qint64 logRows = countRows(*db, QStringLiteral("change_log"));
    QVERIFY(refusalOf([&] { lifecycle.move(p.id, LifecycleStage::Prospect, QDate(2026, 3, 25), {}); }) !=
            QStringLiteral("<no error>"));
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logRows);
    QCOMPARE(spy.count(), 2);
}

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
