// Partner storage round trips, lifecycle history, optimistic concurrency, archive/restore, the change log and
// audit log of every write, and change notifications after commit. Every test runs on SQLite and PostgreSQL.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/Database.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace pd;
using pd::test::column;
using pd::test::countRows;

namespace {
QDateTime utc(int y, int m, int d, int h = 10)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), Qt::UTC);
}

Partner samplePartner(const QString& key = QStringLiteral("ACN"))
{
    Partner p;
    p.key = key;
    p.name = QStringLiteral("Accenture plc");
    p.type = PartnerType::SI;
    p.stage = LifecycleStage::Prospect;
    p.tier = QStringLiteral("Registered");
    p.territory = QStringLiteral("EMEA North");
    p.channelManager = QStringLiteral("Dana Whitfield");
    p.country = QStringLiteral("IE");
    p.city = QStringLiteral("Dublin");
    p.founded = 1989;
    p.website = QStringLiteral("https://www.accenture.com");
    return p;
}

struct LogRow
{
    QString entity, entityId, op;
    int version = 0;
    QString changedAt;
};

QList<LogRow> changeLog(const Database& db)
{
    QSqlQuery q(db.handle());
    q.exec(QStringLiteral("SELECT entity, entity_id, op, version, changed_at FROM change_log ORDER BY seq"));
    QList<LogRow> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toInt(),
                     q.value(4).toString()});
    return rows;
}

QStringList auditActions(const Database& db)
{
    return column(db, QStringLiteral("SELECT action || ' ' || entity || ' ' || entity_id || ' ' || actor FROM "
                                     "audit_log ORDER BY seq"));
}

QStringList stageHistory(const Database& db, const QString& partnerId)
{
    QSqlQuery q(db.handle());
    q.prepare(QStringLiteral("SELECT stage || ' ' || changed_on FROM partner_stage_history WHERE partner_pk = "
                             "(SELECT pk FROM partners WHERE id = pd_uuid(?)) "
                             "ORDER BY created_at, changed_on"));
    q.addBindValue(partnerId);
    q.exec();
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}
} // namespace

class TestPartnerRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void insertAndFind_data() { test::TestDatabases::addBackendRows(); }
    void insertAndFind();
    void updateKeepsStageHistoryAndActivationDate_data() { test::TestDatabases::addBackendRows(); }
    void updateKeepsStageHistoryAndActivationDate();
    void insertActiveSetsActivationDate_data() { test::TestDatabases::addBackendRows(); }
    void insertActiveSetsActivationDate();
    void staleVersionConflicts_data() { test::TestDatabases::addBackendRows(); }
    void staleVersionConflicts();
    void archiveAndRestore_data() { test::TestDatabases::addBackendRows(); }
    void archiveAndRestore();
    void duplicateKeyLeavesNothing_data() { test::TestDatabases::addBackendRows(); }
    void duplicateKeyLeavesNothing();
    void everyWriteLogsOnceInItsTransaction_data() { test::TestDatabases::addBackendRows(); }
    void everyWriteLogsOnceInItsTransaction();
    void rolledBackTransactionLeavesNothing_data() { test::TestDatabases::addBackendRows(); }
    void rolledBackTransactionLeavesNothing();
    void innerFailureDoomsOuterTransaction_data() { test::TestDatabases::addBackendRows(); }
    void innerFailureDoomsOuterTransaction();
    void notifiesAfterCommit_data() { test::TestDatabases::addBackendRows(); }
    void notifiesAfterCommit();
    void noNotificationForRolledBackWrite_data() { test::TestDatabases::addBackendRows(); }
    void noNotificationForRolledBackWrite();
    void listRowsOrderAndCounts_data() { test::TestDatabases::addBackendRows(); }
    void listRowsOrderAndCounts();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{utc(2026, 3, 1)};
};

void TestPartnerRepository::insertAndFind()
{
    PD_OPEN_BOOK(db, m_databases);
    m_clock.set(utc(2026, 3, 1));
    PartnerRepository repo(*db, m_clock);
    Partner p = samplePartner();
    repo.insert(p);
    QVERIFY(!p.id.isEmpty());
    QCOMPARE(p.id.size(), 36); // UUID text
    QCOMPARE(p.version, 1);
    QVERIFY(!p.activationDate.isValid()); // a prospect is not active

    const std::optional<Partner> found = repo.findById(p.id);
    QVERIFY(found);
    QCOMPARE(*found, p); // every field round-trips
    QCOMPARE(repo.findByKey(QStringLiteral("ACN")).value_or(Partner{}), p);
    QVERIFY(!repo.findById(QStringLiteral("no-such-id")));
    QVERIFY(!repo.findByKey(QStringLiteral("NOPE")));

    QCOMPARE(stageHistory(*db, p.id), QStringList{"Prospect 2026-03-01"});
    QCOMPARE(column(*db, QStringLiteral("SELECT created_at FROM partners")), QStringList{"2026-03-01T10:00:00.000Z"});
    QCOMPARE(column(*db, QStringLiteral("SELECT name_key FROM partners")), QStringList{"accenture"});
}

void TestPartnerRepository::updateKeepsStageHistoryAndActivationDate()
{
    PD_OPEN_BOOK(db, m_databases);
    m_clock.set(utc(2026, 3, 1));
    PartnerRepository repo(*db, m_clock);
    Partner p = samplePartner();
    repo.insert(p);

    m_clock.set(utc(2026, 3, 10));
    p.stage = LifecycleStage::Applied;
    repo.update(p);
    QCOMPARE(p.stageSince, QDate(2026, 3, 10));
    // A move the lifecycle does not allow is refused with the rule, and nothing is written (DESIGN.md section 3).
    Partner skipping = p;
    skipping.stage = LifecycleStage::Active;
    try {
        repo.update(skipping);
        QFAIL("Applied → Active was written");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::NotAllowed);
        QCOMPARE(e.message(),
                 QStringLiteral("ACN: A partner in Applied can move to Prospect or Onboarding only, not to "
                                "Active"));
    }
    m_clock.set(utc(2026, 3, 15));
    p.stage = LifecycleStage::Onboarding;
    p.name = QStringLiteral("Accenture Ireland plc");
    repo.update(p);
    QCOMPARE(p.version, 3);
    QVERIFY(!p.activationDate.isValid());

    m_clock.set(utc(2026, 4, 2));
    p.stage = LifecycleStage::Active;
    repo.update(p);
    QCOMPARE(p.version, 4);
    QCOMPARE(p.activationDate, QDate(2026, 4, 2)); // DESIGN.md section 3: the date it became Active

    m_clock.set(utc(2026, 5, 10));
    p.stage = LifecycleStage::AtRisk;
    repo.update(p);
    m_clock.set(utc(2026, 6, 20));
    p.stage = LifecycleStage::Active;
    repo.update(p);
    QCOMPARE(p.activationDate, QDate(2026, 4, 2)); // set once, kept when becoming Active again

    m_clock.set(utc(2026, 7, 1));
    p.tier = QStringLiteral("Silver"); // no stage change: no history row
    repo.update(p);
    QCOMPARE(p.version, 7);

    const Partner stored = repo.findById(p.id).value();
    QCOMPARE(stored, p);
    QCOMPARE(stored.name, QStringLiteral("Accenture Ireland plc"));
    QCOMPARE(stored.activationDate, QDate(2026, 4, 2));
    QCOMPARE(stageHistory(*db, p.id), (QStringList{"Prospect 2026-03-01", "Applied 2026-03-10", "Onboarding 2026-03-15",
                                                   "Active 2026-04-02", "At risk 2026-05-10", "Active 2026-06-20"}));
}

void TestPartnerRepository::insertActiveSetsActivationDate()
{
    PD_OPEN_BOOK(db, m_databases);
    m_clock.set(utc(2026, 2, 14));
    PartnerRepository repo(*db, m_clock);
    Partner active = samplePartner(QStringLiteral("ACT"));
    active.stage = LifecycleStage::Active;
    repo.insert(active);
    QCOMPARE(active.activationDate, QDate(2026, 2, 14));
    Partner given = samplePartner(QStringLiteral("OLD"));
    given.stage = LifecycleStage::Active;
    given.activationDate = QDate(2019, 5, 1); // an activation date from before the book keeps its value
    repo.insert(given);
    QCOMPARE(repo.findById(given.id)->activationDate, QDate(2019, 5, 1));
    QCOMPARE(repo.findById(active.id)->activationDate, QDate(2026, 2, 14));
}

void TestPartnerRepository::staleVersionConflicts()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    Partner p = samplePartner();
    repo.insert(p);
    Partner mine = *repo.findById(p.id);
    Partner theirs = *repo.findById(p.id);
    theirs.city = QStringLiteral("Cork");
    repo.update(theirs);
    const qint64 logBefore = countRows(*db, QStringLiteral("change_log"));
    const qint64 auditBefore = countRows(*db, QStringLiteral("audit_log"));

    mine.city = QStringLiteral("Galway");
    mine.stage = LifecycleStage::Applied;
    try {
        repo.update(mine);
        QFAIL("a stale version was saved");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::Conflict);
    }
    QCOMPARE(mine.version, 1); // the caller's copy is left as it was
    const Partner stored = *repo.findById(p.id);
    QCOMPARE(stored.city, QStringLiteral("Cork"));
    QCOMPARE(toString(stored.stage), toString(LifecycleStage::Prospect));
    QCOMPARE(stored.version, 2);
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logBefore);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditBefore);
    QCOMPARE(stageHistory(*db, p.id).size(), 1);
    QCOMPARE(db->transactionDepth(), 0);
}

void TestPartnerRepository::archiveAndRestore()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    Partner p = samplePartner();
    repo.insert(p);
    Partner other = samplePartner(QStringLiteral("IBM"));
    repo.insert(other);

    repo.archive(p.id);
    QVERIFY(!repo.findById(p.id));
    QCOMPARE(repo.findByKey(QStringLiteral("ACN"))->version, 2); // archived partners keep their key
    QCOMPARE(repo.listRows().size(), 1);
    QCOMPARE(countRows(*db, QStringLiteral("partners")), qint64(2)); // a tombstone, not a delete
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM partners WHERE deleted_at IS NOT NULL")),
             QStringList{"1"});
    try {
        repo.archive(p.id);
        QFAIL("an archived partner was archived again");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::NotFound);
    }
    Partner stale = p;
    stale.version = 2;
    try {
        repo.update(stale);
        QFAIL("an archived partner was updated");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::NotFound);
    }

    repo.restore(p.id);
    const std::optional<Partner> back = repo.findById(p.id);
    QVERIFY(back);
    QCOMPARE(back->version, 3);
    QCOMPARE(back->name, p.name);
    QCOMPARE(repo.listRows().size(), 2);
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.restore(p.id)); // not archived any more

    const QList<LogRow> log = changeLog(*db);
    QCOMPARE(log.size(), 4);
    QCOMPARE(log.at(2).op, QStringLiteral("delete"));
    QCOMPARE(log.at(2).version, 2);
    QCOMPARE(log.at(3).op, QStringLiteral("update"));
    QCOMPARE(log.at(3).version, 3);
}

void TestPartnerRepository::duplicateKeyLeavesNothing()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    Partner p = samplePartner();
    repo.insert(p);
    const qint64 logBefore = countRows(*db, QStringLiteral("change_log"));
    Partner twin = samplePartner(); // same key
    twin.name = QStringLiteral("Someone else");
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.insert(twin));
    QVERIFY(twin.id.isEmpty());
    QCOMPARE(db->transactionDepth(), 0);
    QCOMPARE(countRows(*db, QStringLiteral("partners")), qint64(1));
    QCOMPARE(countRows(*db, QStringLiteral("partner_stage_history")), qint64(1));
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logBefore);
    // The connection is still usable after the failed transaction.
    Partner next = samplePartner(QStringLiteral("NEXT"));
    repo.insert(next);
    QCOMPARE(countRows(*db, QStringLiteral("partners")), qint64(2));
}

void TestPartnerRepository::everyWriteLogsOnceInItsTransaction()
{
    PD_OPEN_BOOK(db, m_databases);
    db->setActor(QStringLiteral("tester"));
    PartnerRepository repo(*db, m_clock);
    m_clock.set(utc(2026, 3, 1));
    Partner p = samplePartner();
    repo.insert(p);
    m_clock.set(utc(2026, 3, 2));
    p.city = QStringLiteral("Cork");
    repo.update(p);
    m_clock.set(utc(2026, 3, 3));
    repo.archive(p.id);
    m_clock.set(utc(2026, 3, 4));
    repo.restore(p.id);

    const QList<LogRow> log = changeLog(*db);
    QCOMPARE(log.size(), 4);
    const QStringList ops = {"insert", "update", "delete", "update"};
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(log.at(i).entity, QStringLiteral("partners"));
        QCOMPARE(log.at(i).entityId, p.id);
        QCOMPARE(log.at(i).op, ops.at(i));
        QCOMPARE(log.at(i).version, i + 1);
        QCOMPARE(log.at(i).changedAt, QStringLiteral("2026-03-0%1T10:00:00.000Z").arg(i + 1));
    }
    const QString suffix = QStringLiteral(" partners ") + p.id + QStringLiteral(" tester");
    QCOMPARE(auditActions(*db),
             (QStringList{"create" + suffix, "update" + suffix, "archive" + suffix, "restore" + suffix}));
    // The row's own stamps match its log entries.
    QCOMPARE(column(*db, QStringLiteral("SELECT created_at || ' ' || updated_at || ' ' || version FROM partners")),
             QStringList{"2026-03-01T10:00:00.000Z 2026-03-04T10:00:00.000Z 4"});
}

void TestPartnerRepository::rolledBackTransactionLeavesNothing()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    Partner kept = samplePartner(QStringLiteral("KEPT"));
    repo.insert(kept);
    const qint64 partners = countRows(*db, QStringLiteral("partners"));
    const qint64 history = countRows(*db, QStringLiteral("partner_stage_history"));
    const qint64 log = countRows(*db, QStringLiteral("change_log"));
    const qint64 audit = countRows(*db, QStringLiteral("audit_log"));
    try {
        Transaction tx(*db);
        Partner a = samplePartner(QStringLiteral("A"));
        repo.insert(a); // joins the outer transaction
        kept.city = QStringLiteral("Limerick");
        repo.update(kept);
        throw std::runtime_error("the user cancelled");
    } catch (const std::runtime_error&) {
    }
    QCOMPARE(db->transactionDepth(), 0);
    QCOMPARE(countRows(*db, QStringLiteral("partners")), partners);
    QCOMPARE(countRows(*db, QStringLiteral("partner_stage_history")), history);
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), log);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), audit);
    QVERIFY(!repo.findByKey(QStringLiteral("A")));
    QCOMPARE(repo.findById(kept.id)->city, QStringLiteral("Dublin"));
    QCOMPARE(repo.findById(kept.id)->version, 1);
}

void TestPartnerRepository::innerFailureDoomsOuterTransaction()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    Partner first = samplePartner(QStringLiteral("FIRST"));
    repo.insert(first);
    const qint64 partners = countRows(*db, QStringLiteral("partners"));
    const qint64 log = countRows(*db, QStringLiteral("change_log"));
    {
        Transaction tx(*db);
        Partner ok = samplePartner(QStringLiteral("OK"));
        repo.insert(ok);
        Partner dup = samplePartner(QStringLiteral("FIRST"));
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.insert(dup)); // the inner scope rolls back
        QVERIFY_THROWS_EXCEPTION(StorageError, tx.commit());      // so the outer one cannot commit
    }
    QCOMPARE(db->transactionDepth(), 0);
    QCOMPARE(countRows(*db, QStringLiteral("partners")), partners);
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), log);
    QVERIFY(!repo.findByKey(QStringLiteral("OK")));
}

void TestPartnerRepository::notifiesAfterCommit()
{
    PD_OPEN_BOOK(db, m_databases);
    ChangeNotifier notifier;
    PartnerRepository repo(*db, m_clock, &notifier);
    // A second connection sees only committed data: when the signal arrives, the write must be visible there.
    Database observer(db->config());
    observer.open();
    PartnerRepository observerRepo(observer, m_clock);
    QStringList seenByObserver;
    connect(&notifier, &ChangeNotifier::partnersChanged, this, [&](const QStringList& ids) {
        for (const QString& id : ids) {
            const std::optional<Partner> p = observerRepo.findByKey(QStringLiteral("ACN"));
            seenByObserver.append(p && p->id == id ? QStringLiteral("v%1").arg(p->version) : QStringLiteral("none"));
        }
    });
    QSignalSpy spy(&notifier, &ChangeNotifier::partnersChanged);
    Partner p = samplePartner();
    repo.insert(p);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), QStringList{p.id});
    p.city = QStringLiteral("Cork");
    repo.update(p);
    repo.archive(p.id);
    repo.restore(p.id);
    QCOMPARE(spy.size(), 4);
    for (const QList<QVariant>& args : spy)
        QCOMPARE(args.at(0).toStringList(), QStringList{p.id});
    QCOMPARE(seenByObserver, (QStringList{"v1", "v2", "v3", "v4"}));
}

void TestPartnerRepository::noNotificationForRolledBackWrite()
{
    PD_OPEN_BOOK(db, m_databases);
    ChangeNotifier notifier;
    PartnerRepository repo(*db, m_clock, &notifier);
    QSignalSpy spy(&notifier, &ChangeNotifier::partnersChanged);
    Partner dup = samplePartner();
    repo.insert(dup);
    QCOMPARE(spy.size(), 1);
    Partner twin = samplePartner();
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.insert(twin));
    Partner stale = dup;
    stale.version = 7;
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.update(stale));
    QCOMPARE(spy.size(), 1); // failed writes tell nobody
    // A write inside a caller's transaction is announced when that transaction commits, not before.
    Partner inner = samplePartner(QStringLiteral("INNER"));
    {
        Transaction tx(*db);
        repo.insert(inner);
        QCOMPARE(spy.size(), 1);
        tx.commit();
    }
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(0).toStringList(), QStringList{inner.id});
    // And never when it rolls back.
    {
        Transaction tx(*db);
        Partner gone = samplePartner(QStringLiteral("GONE"));
        repo.insert(gone);
    }
    QCOMPARE(spy.size(), 2);
    QVERIFY(!repo.findByKey(QStringLiteral("GONE")));
}

void TestPartnerRepository::listRowsOrderAndCounts()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    Partner z = samplePartner(QStringLiteral("Z"));
    z.name = QStringLiteral("Zeta Systems");
    Partner a = samplePartner(QStringLiteral("A"));
    a.name = QStringLiteral("alpha networks"); // ordered by normalized name, case-insensitive
    Partner m = samplePartner(QStringLiteral("M"));
    m.name = QStringLiteral("Mu Data Inc.");
    repo.insert(z);
    repo.insert(a);
    repo.insert(m);
    const QList<PartnerRow> rows = repo.listRows();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).partner.key, QStringLiteral("A"));
    QCOMPARE(rows.at(1).partner.key, QStringLiteral("M"));
    QCOMPARE(rows.at(2).partner.key, QStringLiteral("Z"));
    for (const PartnerRow& r : rows) {
        QCOMPARE(r.contactCount, 0);
        QCOMPARE(r.openDealCount, 0);
    }
    QCOMPARE(rows.at(2).partner, z);
}

QTEST_GUILESS_MAIN(TestPartnerRepository)
#include "tst_partnerrepository.moc"
