// Onboarding and offboarding checklists (issue 9, items 3, 4 and 6): template fallback, checklists created from the
// default templates with their due dates, overdue detection with the injected clock, ticking with optimistic
// concurrency, the onboarding rows' progress figures, remove/restore, change log and audit entries, and offboarding
// refused until the offboarding checklist's required tasks are done. Every test runs on SQLite and PostgreSQL.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace pd;
using pd::test::column;

namespace {
QDateTime utc(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(10, 0), Qt::UTC);
}

Partner partner(const QString& key, const QString& name, PartnerType type, LifecycleStage stage,
                const QString& manager = QStringLiteral("Dana Whitfield"))
{
    Partner p;
    p.key = key;
    p.name = name;
    p.type = type;
    p.stage = stage;
    p.territory = QStringLiteral("EMEA North");
    p.channelManager = manager;
    return p;
}

QStringList titles(const QList<PartnerTask>& tasks)
{
    QStringList out;
    for (const PartnerTask& t : tasks)
        out << t.title;
    return out;
}

QStringList dues(const QList<PartnerTask>& tasks)
{
    QStringList out;
    for (const PartnerTask& t : tasks)
        out << t.dueOn.toString(Qt::ISODate);
    return out;
}

QStringList ids(const QList<PartnerTask>& tasks)
{
    QStringList out;
    for (const PartnerTask& t : tasks)
        out << t.id;
    return out;
}

TemplateTask templateTask(const QString& title, int offset, TaskOwner owner = TaskOwner::Vendor, bool required = true)
{
    TemplateTask t;
    t.title = title;
    t.dueOffsetDays = offset;
    t.owner = owner;
    t.required = required;
    return t;
}

/// A book with the repositories a checklist test uses, on the clock `clock`.
struct Fixture
{
    Fixture(Database& database, FixedClock& fixedClock) : db(database), clock(fixedClock) {}
    Database& db;
    FixedClock& clock;
    ChangeNotifier notifier;
    PartnerRepository partners{db, clock, &notifier};
    ChecklistRepository checklists{db, clock, &notifier};
    LifecycleRepository lifecycle{db, clock, &notifier};

    QString add(Partner p)
    {
        partners.insert(p);
        return p.id;
    }
};

const QStringList kVarTitles{
    QStringLiteral("Partner agreement signed"),         QStringLiteral("Compliance and due-diligence screening"),
    QStringLiteral("Portal and system access granted"), QStringLiteral("First sales and product training"),
    QStringLiteral("First certification earned"),       QStringLiteral("Joint business plan agreed"),
    QStringLiteral("First deal registration"),          QStringLiteral("First QBR scheduled")};
} // namespace

class TestChecklists : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void templateFallsBackFromTierToTypeToAny_data() { pd::test::TestDatabases::addBackendRows(); }
    void templateFallsBackFromTierToTypeToAny()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(utc(2017, 1, 10));
        ChecklistRepository repo(*db, clock);
        repo.saveTemplate(
            ChecklistKind::Onboarding, QStringLiteral("VAR"), QStringLiteral("Gold"),
            {templateTask(QStringLiteral("Gold kickoff"), 3), templateTask(QStringLiteral("Gold plan"), 10)});
        // (type, tier)
        QList<TemplateTask> gold =
            repo.templateFor(ChecklistKind::Onboarding, PartnerType::VAR, QStringLiteral("Gold"));
        QCOMPARE(gold.size(), 2);
        QCOMPARE(gold.at(0).title, QStringLiteral("Gold kickoff"));
        QCOMPARE(gold.at(1).position, 2);
        QCOMPARE(gold.at(1).dueOffsetDays, 10);
        QCOMPARE(gold.at(1).tier, QStringLiteral("Gold"));
        // (type, '')
        QList<TemplateTask> silver =
            repo.templateFor(ChecklistKind::Onboarding, PartnerType::VAR, QStringLiteral("Silver"));
        QCOMPARE(silver.size(), 8);
        QCOMPARE(silver.first().title, QStringLiteral("Partner agreement signed"));
        QCOMPARE(silver.first().tier, QString());
        // ('', ''): the default offboarding template is for every type.
        QList<TemplateTask> off = repo.templateFor(ChecklistKind::Offboarding, PartnerType::MSP, QString());
        QCOMPARE(off.size(), 4);
        QCOMPARE(off.first().title, QStringLiteral("Portal and system access revoked"));
        QCOMPARE(off.first().partnerType, QString());
        // Delete the Referral template; a template for any type then applies to Referral partners.
        repo.saveTemplate(ChecklistKind::Onboarding, QStringLiteral("Referral"), QString(), {});
        QVERIFY(repo.templateFor(ChecklistKind::Onboarding, PartnerType::Referral, QString()).isEmpty());
        repo.saveTemplate(ChecklistKind::Onboarding, QString(), QString(), {templateTask(QStringLiteral("Hello"), 1)});
        QList<TemplateTask> any = repo.templateFor(ChecklistKind::Onboarding, PartnerType::Referral, QString());
        QCOMPARE(any.size(), 1);
        QCOMPARE(any.first().title, QStringLiteral("Hello"));
        // templates() lists every task of a kind: the 6 shared lists of 8, Gold's 2 and the new one.
        QCOMPARE(repo.templates(ChecklistKind::Onboarding).size(), 6 * 8 + 2 + 1);
        // An empty title is refused.
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.saveTemplate(ChecklistKind::Onboarding, QStringLiteral("VAR"),
                                                                 QString(), {templateTask(QString(), 1)}));
        QCOMPARE(repo.templateFor(ChecklistKind::Onboarding, PartnerType::VAR, QString()).size(), 8);
    }

    void startCopiesTheDefaultTemplate_data() { pd::test::TestDatabases::addBackendRows(); }
    void startCopiesTheDefaultTemplate()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(utc(2017, 1, 10));
        Fixture f(*db, clock);
        const QString var = f.add(
            partner(QStringLiteral("VAR1"), QStringLiteral("Var One"), PartnerType::VAR, LifecycleStage::Applied));
        const QString ref = f.add(
            partner(QStringLiteral("REF1"), QStringLiteral("Ref One"), PartnerType::Referral, LifecycleStage::Applied));
        QSignalSpy spy(&f.notifier, &ChangeNotifier::checklistsChanged);
        const QList<PartnerTask> tasks = f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 1, 2));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().first().toStringList(), QStringList{var});
        QCOMPARE(titles(tasks), kVarTitles);
        QCOMPARE(dues(tasks), (QStringList{"2017-01-09", "2017-01-16", "2017-01-16", "2017-02-01", "2017-03-03",
                                           "2017-02-16", "2017-04-02", "2017-04-02"}));
        QCOMPARE(tasks.first().startedOn, QDate(2017, 1, 2));
        QCOMPARE(toString(tasks.first().owner), QStringLiteral("partner"));
        QCOMPARE(toString(tasks.at(1).owner), QStringLiteral("vendor"));
        QCOMPARE(tasks.first().document, QStringLiteral("Signed partner agreement"));
        QCOMPARE(tasks.last().required, false);
        QCOMPARE(tasks.first().version, 1);
        QCOMPARE(tasks.first().partnerId, var);
        QCOMPARE(f.checklists.tasks(var, ChecklistKind::Onboarding).size(), 8);
        QVERIFY(f.checklists.tasks(var, ChecklistKind::Offboarding).isEmpty());

        // Without a date the checklist starts on the clock's today.
        const QList<PartnerTask> referral = f.checklists.start(ref, ChecklistKind::Onboarding, QDate());
        QCOMPARE(titles(referral), (QStringList{"Referral agreement signed", "Compliance and due-diligence screening",
                                                "Portal and system access granted", "First product training",
                                                "First certification earned", "Joint business plan agreed",
                                                "First referral submitted", "First QBR scheduled"}));
        QCOMPARE(referral.first().startedOn, QDate(2017, 1, 10));
        QCOMPARE(referral.first().dueOn, QDate(2017, 1, 17));
        QList<bool> required;
        for (const PartnerTask& t : referral)
            required << t.required;
        QCOMPARE(required, (QList<bool>{true, true, true, true, false, false, true, false}));
    }

    void overdueFollowsTheClock_data() { pd::test::TestDatabases::addBackendRows(); }
    void overdueFollowsTheClock()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(utc(2017, 1, 9));
        Fixture f(*db, clock);
        const QString var = f.add(
            partner(QStringLiteral("VAR1"), QStringLiteral("Var One"), PartnerType::VAR, LifecycleStage::Onboarding));
        const QList<PartnerTask> tasks = f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 1, 2));
        // Task 1 is due 2017-01-09: not overdue on its due date, overdue the day after.
        QVERIFY(!tasks.first().isOverdue(clock.todayUtc()));
        QCOMPARE(f.checklists.onboardingRows(clock.todayUtc()).first().progress.overdue, 0);
        clock.set(utc(2017, 1, 10));
        QVERIFY(tasks.first().isOverdue(clock.todayUtc()));
        QCOMPARE(f.checklists.onboardingRows(clock.todayUtc()).first().progress.overdue, 1);
        clock.set(utc(2017, 1, 17)); // tasks 1-3 (due 01-09, 01-16, 01-16)
        QCOMPARE(f.checklists.onboardingRows(clock.todayUtc()).first().progress.overdue, 3);
        // A done task is never overdue.
        const PartnerTask done = f.checklists.setDone(tasks.first().id, QDate(2017, 1, 17), 1);
        QVERIFY(!done.isOverdue(QDate(2018, 1, 1)));
        QCOMPARE(f.checklists.onboardingRows(clock.todayUtc()).first().progress.overdue, 2);
    }

    void setDoneChecksTheVersion_data() { pd::test::TestDatabases::addBackendRows(); }
    void setDoneChecksTheVersion()
    {
        PD_OPEN_BOOK(db, m_databases);
        db->setActor(QStringLiteral("dana"));
        FixedClock clock(utc(2017, 1, 20));
        Fixture f(*db, clock);
        const QString var = f.add(
            partner(QStringLiteral("VAR1"), QStringLiteral("Var One"), PartnerType::VAR, LifecycleStage::Onboarding));
        const PartnerTask first = f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 1, 2)).first();
        const PartnerTask done = f.checklists.setDone(first.id, QDate(2017, 1, 8), first.version);
        QCOMPARE(done.doneOn, QDate(2017, 1, 8));
        QCOMPARE(done.doneBy, QStringLiteral("dana"));
        QCOMPARE(done.version, 2);
        // The same stale version again: a conflict, nothing written.
        try {
            f.checklists.setDone(first.id, QDate(), first.version);
            QFAIL("a stale version was accepted");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::Conflict);
        }
        QCOMPARE(f.checklists.task(first.id).doneOn, QDate(2017, 1, 8));
        // A date after today is refused.
        QVERIFY_THROWS_EXCEPTION(StorageError, f.checklists.setDone(first.id, QDate(2017, 1, 21), 2));
        // Unticking clears the date and who did it.
        const PartnerTask open = f.checklists.setDone(first.id, QDate(), 2);
        QVERIFY(!open.doneOn.isValid());
        QCOMPARE(open.doneBy, QString());
        QCOMPARE(open.version, 3);
        const PartnerTask noted = f.checklists.setNotes(first.id, QStringLiteral("Sent by courier"), 3);
        QCOMPARE(noted.notes, QStringLiteral("Sent by courier"));
        QCOMPARE(noted.version, 4);
        QVERIFY_THROWS_EXCEPTION(StorageError, f.checklists.setNotes(first.id, QStringLiteral("x"), 3));
    }

    void onboardingRowsShowProgress_data() { pd::test::TestDatabases::addBackendRows(); }
    void onboardingRowsShowProgress()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(utc(2017, 2, 1));
        Fixture f(*db, clock);
        const QString zeta = f.add(partner(QStringLiteral("ZET"), QStringLiteral("Zeta Systems"), PartnerType::VAR,
                                           LifecycleStage::Onboarding));
        const QString alpha = f.add(partner(QStringLiteral("ALP"), QStringLiteral("Alpha Referrals"),
                                            PartnerType::Referral, LifecycleStage::Onboarding, QStringLiteral("Lee")));
        const QString active = f.add(
            partner(QStringLiteral("ACT"), QStringLiteral("Active One"), PartnerType::VAR, LifecycleStage::Active));
        const QString beta = f.add(
            partner(QStringLiteral("BET"), QStringLiteral("Beta Inc"), PartnerType::SI, LifecycleStage::Onboarding));
        // Zeta: started 2017-01-02; tasks 1 (due 01-09, required), 2 (01-16, required) and 8 (optional) done.
        const QList<PartnerTask> z = f.checklists.start(zeta, ChecklistKind::Onboarding, QDate(2017, 1, 2));
        f.checklists.setDone(z.at(0).id, QDate(2017, 1, 5), 1);
        f.checklists.setDone(z.at(1).id, QDate(2017, 1, 20), 1);
        f.checklists.setDone(z.at(7).id, QDate(2017, 1, 21), 1);
        // Alpha: started 2017-01-25, nothing done.
        f.checklists.start(alpha, ChecklistKind::Onboarding, QDate(2017, 1, 25));
        // An active partner with a checklist is not listed; Beta has none.
        f.checklists.start(active, ChecklistKind::Onboarding, QDate(2017, 1, 2));

        const QList<OnboardingRow> rows = f.checklists.onboardingRows(QDate(2017, 2, 1));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).key, QStringLiteral("ALP"));
        QCOMPARE(rows.at(1).key, QStringLiteral("BET"));
        QCOMPARE(rows.at(2).key, QStringLiteral("ZET"));
        const OnboardingRow& a = rows.at(0);
        QCOMPARE(a.partnerId, alpha);
        QCOMPARE(a.name, QStringLiteral("Alpha Referrals"));
        QCOMPARE(a.partnerType, QStringLiteral("Referral"));
        QCOMPARE(a.channelManager, QStringLiteral("Lee"));
        QCOMPARE(a.territory, QStringLiteral("EMEA North"));
        QVERIFY(a.started);
        QCOMPARE(a.progress.tasks, 8);
        QCOMPARE(a.progress.done, 0);
        QCOMPARE(a.progress.required, 5);
        QCOMPARE(a.progress.requiredDone, 0);
        QCOMPARE(a.progress.overdue, 0);
        QCOMPARE(a.progress.startedOn, QDate(2017, 1, 25));
        QCOMPARE(a.progress.nextTaskTitle, QStringLiteral("Referral agreement signed"));
        QCOMPARE(a.progress.nextDueOn, QDate(2017, 2, 1));
        const OnboardingRow& b = rows.at(1);
        QVERIFY(!b.started);
        QCOMPARE(b.progress.tasks, 0);
        QCOMPARE(b.progress.required, 0);
        QVERIFY(!b.progress.nextDueOn.isValid());
        QCOMPARE(b.progress.nextTaskTitle, QString());
        const OnboardingRow& z0 = rows.at(2);
        QCOMPARE(z0.progress.tasks, 8);
        QCOMPARE(z0.progress.done, 3);
        QCOMPARE(z0.progress.required, 7);
        QCOMPARE(z0.progress.requiredDone, 2);
        // Open on 2017-02-01: task 3 (due 01-16) is overdue; task 4 is due today.
        QCOMPARE(z0.progress.overdue, 1);
        QCOMPARE(z0.progress.nextTaskTitle, QStringLiteral("Portal and system access granted"));
        QCOMPARE(z0.progress.nextDueOn, QDate(2017, 1, 16));

        const QList<OnboardingRow> some = f.checklists.onboardingRowsOf({zeta, active}, QDate(2017, 2, 1));
        QCOMPARE(some.size(), 1);
        QCOMPARE(some.first().partnerId, zeta);
        QCOMPARE(some.first().progress.requiredDone, 2);
    }

    void startIsRefusedTwiceAndRemoveRestores_data() { pd::test::TestDatabases::addBackendRows(); }
    void startIsRefusedTwiceAndRemoveRestores()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(utc(2017, 1, 10));
        Fixture f(*db, clock);
        const QString var = f.add(
            partner(QStringLiteral("VAR1"), QStringLiteral("Var One"), PartnerType::VAR, LifecycleStage::Onboarding));
        const QList<PartnerTask> tasks = f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 1, 2));
        try {
            f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 1, 3));
            QFAIL("a second onboarding checklist was started");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::NotAllowed);
            QCOMPARE(e.message(), QStringLiteral("VAR1 already has an onboarding checklist"));
        }
        QCOMPARE(pd::test::countRows(*db, QStringLiteral("partner_tasks")), 8);
        clock.set(utc(2017, 1, 11));
        const QString removedAt = f.checklists.remove(var, ChecklistKind::Onboarding);
        QCOMPARE(removedAt, QStringLiteral("2017-01-11T10:00:00.000Z"));
        QVERIFY(f.checklists.tasks(var, ChecklistKind::Onboarding).isEmpty());
        QVERIFY(f.checklists.onboardingRows(QDate(2017, 1, 11)).first().started == false);
        clock.set(utc(2017, 1, 12));
        f.checklists.restore(var, ChecklistKind::Onboarding, removedAt);
        QCOMPARE(ids(f.checklists.tasks(var, ChecklistKind::Onboarding)), ids(tasks));
        // Restoring twice is refused: the checklist exists again.
        QVERIFY_THROWS_EXCEPTION(StorageError, f.checklists.restore(var, ChecklistKind::Onboarding, removedAt));
        // After a removal, start may run again with the same ids (redo of an undone start).
        f.checklists.remove(var, ChecklistKind::Onboarding);
        QVERIFY_THROWS_EXCEPTION(
            StorageError, f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 1, 2), {QStringLiteral("1")}));
    }

    void writesAreLoggedAndAudited_data() { pd::test::TestDatabases::addBackendRows(); }
    void writesAreLoggedAndAudited()
    {
        PD_OPEN_BOOK(db, m_databases);
        db->setActor(QStringLiteral("dana"));
        FixedClock clock(utc(2017, 1, 10));
        Fixture f(*db, clock);
        const QString var = f.add(
            partner(QStringLiteral("VAR1"), QStringLiteral("Var One"), PartnerType::VAR, LifecycleStage::Onboarding));
        db->execDirect(QStringLiteral("DELETE FROM change_log"));
        db->execDirect(QStringLiteral("DELETE FROM audit_log"));
        const QList<PartnerTask> tasks = f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 1, 2));
        f.checklists.setDone(tasks.first().id, QDate(2017, 1, 9), 1);
        f.checklists.remove(var, ChecklistKind::Onboarding);
        QCOMPARE(column(*db, QStringLiteral("SELECT entity || ' ' || op || ' ' || version FROM change_log "
                                            "ORDER BY seq")),
                 (QStringList{"partner_tasks insert 1", "partner_tasks insert 1", "partner_tasks insert 1",
                              "partner_tasks insert 1", "partner_tasks insert 1", "partner_tasks insert 1",
                              "partner_tasks insert 1", "partner_tasks insert 1", "partner_tasks update 2",
                              "partner_tasks delete 3", "partner_tasks delete 2", "partner_tasks delete 2",
                              "partner_tasks delete 2", "partner_tasks delete 2", "partner_tasks delete 2",
                              "partner_tasks delete 2", "partner_tasks delete 2"}));
        QCOMPARE(column(*db, QStringLiteral("SELECT entity_id FROM change_log ORDER BY seq")).first(),
                 tasks.first().id);
        QCOMPARE(column(*db, QStringLiteral("SELECT action || ' | ' || entity || ' | ' || actor || ' | ' || details "
                                            "FROM audit_log ORDER BY seq")),
                 (QStringList{"start checklist | partners | dana | Partner VAR1: onboarding checklist started on "
                              "2017-01-02 with 8 task(s)",
                              "update | partner_tasks | dana | Task \"Partner agreement signed\": done on 2017-01-09",
                              "remove checklist | partners | dana | Partner VAR1: onboarding checklist removed (8 "
                              "task(s))"}));
    }

    void offboardingNeedsTheChecklistDone_data() { pd::test::TestDatabases::addBackendRows(); }
    void offboardingNeedsTheChecklistDone()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(utc(2017, 6, 1));
        Fixture f(*db, clock);
        const QString var =
            f.add(partner(QStringLiteral("VAR1"), QStringLiteral("Var One"), PartnerType::VAR, LifecycleStage::Active));
        QVERIFY_THROWS_EXCEPTION(StorageError,
                                 f.lifecycle.move(var, LifecycleStage::Offboarded, QDate(2017, 6, 1), QString()));
        const QList<PartnerTask> tasks = f.checklists.start(var, ChecklistKind::Offboarding, QDate(2017, 5, 1));
        QCOMPARE(titles(tasks),
                 (QStringList{"Portal and system access revoked", "Final MDF claims settled",
                              "Open deal registrations closed or reassigned", "Exit feedback collected"}));
        QCOMPARE(dues(tasks), (QStringList{"2017-05-08", "2017-06-30", "2017-05-31", "2017-05-31"}));
        // Two of the three required tasks done: still refused, with the count.
        f.checklists.setDone(tasks.at(0).id, QDate(2017, 5, 2), 1);
        f.checklists.setDone(tasks.at(1).id, QDate(2017, 5, 20), 1);
        try {
            f.lifecycle.move(var, LifecycleStage::Offboarded, QDate(2017, 6, 1), QString());
            QFAIL("offboarded with a required task open");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::NotAllowed);
            QCOMPARE(e.message(), QStringLiteral("VAR1 still has 1 required offboarding task(s) to do"));
        }
        // The optional exit feedback may stay open.
        f.checklists.setDone(tasks.at(2).id, QDate(2017, 5, 30), 1);
        f.lifecycle.move(var, LifecycleStage::Offboarded, QDate(2017, 6, 1), QStringLiteral("Contract ended"));
        QCOMPARE(toString(f.partners.findById(var)->stage), QStringLiteral("Offboarded"));
        // Offboarded: read-only; its checklists keep their history and change no more.
        try {
            f.checklists.setDone(tasks.at(3).id, QDate(2017, 6, 1), 1);
            QFAIL("a task of an offboarded partner was ticked");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::NotAllowed);
            QCOMPARE(e.message(), QStringLiteral("VAR1 is offboarded and read-only: its checklists cannot change"));
        }
        QVERIFY_THROWS_EXCEPTION(StorageError, f.checklists.setDone(tasks.at(0).id, QDate(), 2));
        QVERIFY_THROWS_EXCEPTION(StorageError, f.checklists.start(var, ChecklistKind::Onboarding, QDate(2017, 6, 1)));
        QCOMPARE(f.checklists.tasks(var, ChecklistKind::Offboarding).at(0).doneOn, QDate(2017, 5, 2));
    }

private:
    pd::test::TestDatabases m_databases;
};

QTEST_GUILESS_MAIN(TestChecklists)
#include "tst_checklists.moc"
