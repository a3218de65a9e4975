// Bulk writes as imports use them (insertMany/updateMany with ChangeRecorder::logInserts/logUpdates), the SQLite
// connection settings, foreign keys, and the book statistics. Every test runs on SQLite and PostgreSQL.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeRecorder.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DealRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/StatsRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"
#include "support/ChangeLogRows.h"
#include "support/TestDatabases.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>

using namespace pd;
using pd::test::column;
using pd::test::countRows;

namespace {
const QString kImportAt = QStringLiteral("2026-02-01T08:00:00.000Z");
const QString kUpdateAt = QStringLiteral("2026-02-02T08:00:00.000Z");

QList<Partner> partnersOf(int n)
{
    QList<Partner> out;
    const PartnerType types[] = {PartnerType::VAR, PartnerType::ISV, PartnerType::Technology};
    for (int i = 0; i < n; ++i) {
        Partner p;
        p.key = QStringLiteral("K%1").arg(i, 3, 10, QLatin1Char('0'));
        p.name = QStringLiteral("Partner %1").arg(i);
        p.type = types[i % 3];
        p.stage = i % 2 ? LifecycleStage::Active : LifecycleStage::Prospect;
        out.append(p);
    }
    return out;
}
} // namespace

class TestBulkWrites : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void partnersInsertManyWithBulkLog_data() { test::TestDatabases::addBackendRows(); }
    void partnersInsertManyWithBulkLog();
    void insertsWithAGapInTheirKeysAreLoggedPerRow_data() { test::TestDatabases::addBackendRows(); }
    void insertsWithAGapInTheirKeysAreLoggedPerRow();
    void partnersUpdateManyWithBulkLog_data() { test::TestDatabases::addBackendRows(); }
    void partnersUpdateManyWithBulkLog();
    void foreignKeysEnforced_data() { test::TestDatabases::addBackendRows(); }
    void foreignKeysEnforced();
    void sqliteConnectionSettings();
    void interruptedDealWriteWritesNothing_data() { test::TestDatabases::addBackendRows(); }
    void interruptedDealWriteWritesNothing();
    void bookStats_data() { test::TestDatabases::addBackendRows(); }
    void bookStats();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{QDateTime(QDate(2026, 2, 1), QTime(8, 0), Qt::UTC)};
};

void TestBulkWrites::partnersInsertManyWithBulkLog()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    QList<Partner> partners = partnersOf(25);
    {
        Transaction tx(*db);
        repo.insertMany(partners, kImportAt);
        ChangeRecorder rec(*db);
        QCOMPARE(rec.logInserts(QStringLiteral("partners"), kImportAt, 0), qint64(25));
        rec.audit(QStringLiteral("import"), QStringLiteral("partners"), QString(), QStringLiteral("25 partners"),
                  kImportAt);
        tx.commit();
    }
    QCOMPARE(countRows(*db, QStringLiteral("partners")), qint64(25));
    QCOMPARE(countRows(*db, QStringLiteral("partner_stage_history")), qint64(25)); // each partner's first stage
    // One range entry where the book has one writer (SQLite), else one entry per row; 25 rows either way.
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), db->hasSingleWriter() ? qint64(1) : qint64(25));
    QCOMPARE(column(*db, test::changeLogRowsSql(QStringLiteral("entity = 'partners'"))), QStringList{"25"});
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), qint64(1));
    QCOMPARE(column(*db, QStringLiteral("SELECT DISTINCT op || ' ' || version || ' ' || changed_at FROM change_log")),
             QStringList{"insert 1 2026-02-01T08:00:00.000Z"});
    for (const Partner& p : std::as_const(partners)) {
        QCOMPARE(p.version, 1);
        const Partner stored = repo.findById(p.id).value();
        QCOMPARE(stored, p);
        // Active partners without a date become active on the import's day.
        QCOMPARE(stored.activationDate, p.stage == LifecycleStage::Active ? QDate(2026, 2, 1) : QDate());
    }
    QStringList ids;
    for (const Partner& p : std::as_const(partners))
        ids << p.id;
    ids.sort();
    QCOMPARE(column(*db, test::changeLogIdsSql(QStringLiteral("partners"), QStringLiteral("insert"))), ids);
}

void TestBulkWrites::insertsWithAGapInTheirKeysAreLoggedPerRow()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    const QList<Partner> partners = partnersOf(11);
    QList<Partner> first = partners.mid(0, 5);
    QList<Partner> between = partners.mid(5, 1);
    QList<Partner> last = partners.mid(6);
    {
        Transaction tx(*db);
        // A row of another write between the import's rows: the import's keys are not one range.
        repo.insertMany(first, kImportAt);
        repo.insertMany(between, kUpdateAt);
        repo.insertMany(last, kImportAt);
        QCOMPARE(ChangeRecorder(*db).logInserts(QStringLiteral("partners"), kImportAt, 0), qint64(10));
        tx.commit();
    }
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), qint64(10)); // one entry per row, on both backends
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE first_pk IS NOT NULL")),
             QStringList{"0"});
    QStringList ids;
    for (const Partner& p : first + last)
        ids << p.id;
    ids.sort();
    QCOMPARE(column(*db, test::changeLogIdsSql(QStringLiteral("partners"), QStringLiteral("insert"))), ids);
    // Nothing above the largest key: no entry.
    Transaction tx(*db);
    ChangeRecorder recorder(*db);
    QCOMPARE(
        recorder.logInserts(QStringLiteral("partners"), kImportAt, recorder.largestKey(QStringLiteral("partners"))),
        qint64(0));
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), qint64(10));
}

void TestBulkWrites::partnersUpdateManyWithBulkLog()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository repo(*db, m_clock);
    QList<Partner> partners = partnersOf(10);
    {
        Transaction tx(*db);
        repo.insertMany(partners, kImportAt);
        ChangeRecorder(*db).logInserts(QStringLiteral("partners"), kImportAt, 0);
        tx.commit();
    }
    QList<Partner> changed = {partners.at(2), partners.at(5), partners.at(7)};
    for (Partner& p : changed)
        p.territory = QStringLiteral("APAC");
    changed[0].stage = LifecycleStage::Active; // K002 was a Prospect: the file activates it
    {
        Transaction tx(*db);
        repo.updateMany(changed, kUpdateAt);
        ChangeRecorder(*db).logUpdates(QStringLiteral("partners"), kUpdateAt);
        tx.commit();
    }
    QCOMPARE(column(*db, test::changeLogRowsSql(QStringLiteral("1 = 1"))), QStringList{"13"}); // 10 inserts + 3 updates
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), db->hasSingleWriter() ? qint64(1 + 3) : qint64(13));
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE op = 'update' AND version = 2")),
             QStringList{"3"});
    QCOMPARE(column(*db, QStringLiteral("SELECT partner_key FROM partners WHERE territory = 'APAC' ORDER BY 1")),
             (QStringList{"K002", "K005", "K007"}));
    // The stage the file changed is kept in the lifecycle history (the other two rows kept theirs: no row), with the
    // day it took effect, and the partner is activated that day.
    QCOMPARE(column(*db, QStringLiteral("SELECT p.partner_key || ' ' || h.from_stage || ' -> ' || h.stage || ' ' || "
                                        "h.changed_on || ' ' || h.reason FROM partner_stage_history h JOIN partners p "
                                        "ON p.pk = h.partner_pk WHERE h.created_at = '%1'")
                             .arg(kUpdateAt)),
             QStringList{"K002 Prospect -> Active 2026-02-02 import"});
    const Partner k002 = repo.findById(partners.at(2).id).value();
    QCOMPARE(k002.stageSince, QDate(2026, 2, 2));
    QCOMPARE(k002.activationDate, QDate(2026, 2, 2));
    QCOMPARE(repo.findById(partners.at(5).id)->stageSince, QDate(2026, 2, 1)); // unchanged stage: its import day
    // A stale row in the batch: conflict, and nothing of the batch is kept.
    {
        Transaction tx(*db);
        QList<Partner> stale = {partners.at(1), partners.at(2)}; // partners.at(2) still says version 1
        stale[0].territory = QStringLiteral("LATAM");
        try {
            repo.updateMany(stale, QStringLiteral("2026-02-03T08:00:00.000Z"));
            QFAIL("a stale batch was written");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::Conflict);
        }
    }
    QCOMPARE(repo.findById(partners.at(1).id)->territory, QString());
    QCOMPARE(repo.findById(partners.at(1).id)->version, 1);
}

void TestBulkWrites::foreignKeysEnforced()
{
    PD_OPEN_BOOK(db, m_databases);
    ContactRepository contacts(*db, m_clock);
    Contact orphan;
    orphan.partnerId = QStringLiteral("00000000-0000-0000-0000-00000000dead");
    orphan.name = QStringLiteral("Nobody's contact");
    QVERIFY_THROWS_EXCEPTION(StorageError, contacts.insert(orphan));
    QCOMPARE(countRows(*db, QStringLiteral("contacts")), qint64(0));
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), qint64(0));
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), qint64(0));
}

void TestBulkWrites::sqliteConnectionSettings()
{
    // DESIGN.md section 2: SQLite uses WAL, foreign_keys=ON and a busy timeout.
    QString error;
    std::unique_ptr<Database> db = test::openBook(m_databases, QStringLiteral("sqlite"), &error);
    QVERIFY2(db, qPrintable(error));
    QCOMPARE(column(*db, QStringLiteral("PRAGMA journal_mode")), QStringList{"wal"});
    QCOMPARE(column(*db, QStringLiteral("PRAGMA foreign_keys")), QStringList{"1"});
    QCOMPARE(db->dialect(), Database::Dialect::Sqlite);
    // A second connection's write transaction waits for the first one's write lock and tells its observer; when the
    // lock stays taken past the busy timeout it gives up with kind Busy. (tst_booksharing: a wait that succeeds.)
    Database second(db->config());
    second.open();
    second.setBusyTimeout(300);
    QStringList events;
    second.setBusyObserver([&events](bool waiting, qint64) { events.append(waiting ? "waiting" : "done"); });
    db->begin(); // BEGIN IMMEDIATE: the write lock is taken now
    QElapsedTimer timer;
    timer.start();
    try {
        second.begin();
        QFAIL("a second writer began while the first held the write lock");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::Busy);
        QVERIFY2(e.message().contains(QStringLiteral("Another program kept")), qPrintable(e.message()));
    }
    QVERIFY(timer.elapsed() >= 300);
    QCOMPARE(events, (QStringList{"waiting", "done"}));
    db->rollback();
    second.begin(); // free again
    second.rollback();
    QVERIFY(db->config().isFile());
}

void TestBulkWrites::interruptedDealWriteWritesNothing()
{
    // An import's cancel reaches the rows' write (Database::setInterruptFlag): the bulk insert stops with kind
    // Cancelled and the transaction leaves nothing; without the flag the same rows are written.
    PD_OPEN_BOOK(db, m_databases);
    QList<Partner> partners = partnersOf(1);
    QList<Product> products(1);
    products[0].name = QStringLiteral("GTX Pro");
    {
        Transaction tx(*db);
        PartnerRepository(*db, m_clock).insertMany(partners, kImportAt);
        ProductRepository(*db).insertMany(products, kImportAt);
        tx.commit();
    }
    auto deals = [&] {
        QList<Deal> out;
        for (int i = 1; i <= 300; ++i) {
            Deal d;
            d.registrationNumber = i;
            d.partnerId = partners.at(0).id;
            d.productId = products.at(0).id;
            d.status = DealStatus::Submitted;
            out.append(d);
        }
        return out;
    };
    std::atomic_bool cancel{true};
    db->setInterruptFlag(&cancel);
    try {
        Transaction tx(*db);
        QList<Deal> rows = deals();
        DealRepository(*db).insertMany(rows, kImportAt);
        tx.commit();
        QFAIL("the interrupted write went on");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::Cancelled);
    }
    QCOMPARE(countRows(*db, QStringLiteral("deals")), qint64(0));
    cancel = false;
    {
        Transaction tx(*db);
        QList<Deal> rows = deals();
        DealRepository(*db).insertMany(rows, kImportAt);
        tx.commit();
    }
    db->setInterruptFlag(nullptr);
    QCOMPARE(countRows(*db, QStringLiteral("deals")), qint64(300));
}

void TestBulkWrites::bookStats()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository partnerRepo(*db, m_clock);
    QList<Partner> partners = partnersOf(6); // VAR, ISV, Technology, VAR, ISV, Technology
    QList<Product> products(1);
    products[0].name = QStringLiteral("GTX Pro");
    QList<Account> accounts(3);
    accounts[0].name = QStringLiteral("Parent Co");
    accounts[1].name = QStringLiteral("Child One");
    accounts[2].name = QStringLiteral("Child Two");
    {
        Transaction tx(*db);
        partnerRepo.insertMany(partners, kImportAt);
        ProductRepository(*db).insertMany(products, kImportAt);
        AccountRepository accountRepo(*db);
        accountRepo.insertMany(accounts, kImportAt);
        accounts[1].parentId = accounts[0].id;
        accounts[2].parentId = accounts[0].id;
        accountRepo.setParents({accounts.at(1), accounts.at(2)});
        QList<Deal> deals;
        struct Spec
        {
            int partner;
            DealStatus status;
            qint64 amount;
            const char* closed;
            bool account;
        };
        const Spec specs[] = {
            {0, DealStatus::Won, 100000, "2017-02-10", true}, {0, DealStatus::Won, 250050, "2017-05-01", true},
            {1, DealStatus::Won, 50, "2017-03-31", false},    {1, DealStatus::Lost, 999999, "2017-04-01", true},
            {2, DealStatus::Approved, -1, "", false},         {2, DealStatus::Draft, 70000, "", false},
        };
        int n = 0;
        for (const Spec& s : specs) {
            Deal d;
            d.registrationNumber = ++n;
            d.partnerId = partners.at(s.partner).id;
            d.productId = products.at(0).id;
            d.accountId = s.account ? accounts.at(1).id : QString();
            d.status = s.status;
            d.amountMinor = s.amount;
            d.closedOn = QDate::fromString(QString::fromLatin1(s.closed), Qt::ISODate);
            deals.append(d);
        }
        DealRepository(*db).insertMany(deals, kImportAt);
        tx.commit();
    }
    partnerRepo.archive(partners.at(5).id); // archived partners are not counted

    const BookStats s = StatsRepository(*db).stats();
    QCOMPARE(s.partners, qint64(5));
    QCOMPARE(s.contacts, qint64(0));
    QCOMPARE(s.accounts, qint64(3));
    QCOMPARE(s.products, qint64(1));
    QCOMPARE(s.deals, qint64(6));
    QCOMPARE(s.accountsWithParent, qint64(2));
    QCOMPARE(s.dealsWithoutAccount, qint64(3));
    QCOMPARE(s.partnersWithDeals, qint64(3));
    QCOMPARE(s.wonAmountMinor, qint64(350100));
    const QMap<QString, qint64> byStatus = {{"Won", 3}, {"Lost", 1}, {"Approved", 1}, {"Draft", 1}};
    QCOMPARE(s.dealsByStatus, byStatus);
    const QMap<QString, qint64> byType = {{"VAR", 2}, {"ISV", 2}, {"Technology", 1}};
    QCOMPARE(s.partnersByType, byType);
    StatsRepository stats(*db);
    QCOMPARE(stats.wonAmountBetween(QStringLiteral("2017-01-01"), QStringLiteral("2017-03-31")), qint64(100050));
    QCOMPARE(stats.wonAmountBetween(QStringLiteral("2017-04-01"), QStringLiteral("2017-06-30")), qint64(250050));
    QCOMPARE(stats.wonAmountBetween(QStringLiteral("2018-01-01"), QStringLiteral("2018-12-31")), qint64(0));
}

QTEST_GUILESS_MAIN(TestBulkWrites)
#include "tst_bulkwrites.moc"
