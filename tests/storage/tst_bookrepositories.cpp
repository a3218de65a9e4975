// Round trips of contacts, products, accounts and deals, on SQLite and PostgreSQL (issue 2, "Storage").
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DealRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace pd;
using pd::test::column;
using pd::test::countRows;
using pd::test::makePartner;

namespace {
const QString kAt = QStringLiteral("2026-03-01T09:30:00.000Z");

QDateTime utc(int y, int m, int d, int h = 10, int min = 0, int ms = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, 0, ms), Qt::UTC);
}

QList<Product> makeProducts(Database& db)
{
    QList<Product> products;
    Product gtx;
    gtx.name = QStringLiteral("GTX Pro");
    gtx.productLine = QStringLiteral("GTX");
    gtx.listPriceMinor = 479600;
    Product mg;
    mg.name = QStringLiteral("MG Special");
    mg.productLine = QStringLiteral("MG");
    mg.listPriceMinor = 5500;
    mg.currency = QStringLiteral("EUR");
    products << gtx << mg;
    Transaction tx(db);
    ProductRepository(db).insertMany(products, kAt);
    tx.commit();
    return products;
}
} // namespace

class TestBookRepositories : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void contacts_data() { test::TestDatabases::addBackendRows(); }
    void contacts();
    void contactConflictAndLog_data() { test::TestDatabases::addBackendRows(); }
    void contactConflictAndLog();
    void products_data() { test::TestDatabases::addBackendRows(); }
    void products();
    void accounts_data() { test::TestDatabases::addBackendRows(); }
    void accounts();
    void deals_data() { test::TestDatabases::addBackendRows(); }
    void deals();
    void dealUpdatesAndCounts_data() { test::TestDatabases::addBackendRows(); }
    void dealUpdatesAndCounts();
    void bulkInsertRolledBack_data() { test::TestDatabases::addBackendRows(); }
    void bulkInsertRolledBack();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{utc(2026, 3, 1)};
};

void TestBookRepositories::contacts()
{
    PD_OPEN_BOOK(db, m_databases);
    ChangeNotifier notifier;
    PartnerRepository partners(*db, m_clock, &notifier);
    ContactRepository repo(*db, m_clock, &notifier);
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const Partner ibm = makePartner(partners, QStringLiteral("IBM"));
    QSignalSpy contactsSpy(&notifier, &ChangeNotifier::contactsChanged);
    QSignalSpy partnersSpy(&notifier, &ChangeNotifier::partnersChanged);

    Contact darcel;
    darcel.partnerId = acn.id;
    darcel.name = QStringLiteral("Darcel Schlecht");
    darcel.email = QStringLiteral("darcel@example.com");
    darcel.phone = QStringLiteral("+1 212 555 0101");
    darcel.role = QStringLiteral("Sales rep");
    repo.insert(darcel);
    QCOMPARE(darcel.version, 1);
    QCOMPARE(darcel.id.size(), 36);
    Contact anna;
    anna.partnerId = acn.id;
    anna.name = QStringLiteral("Anna Snelling");
    repo.insert(anna);
    Contact zoe;
    zoe.partnerId = ibm.id;
    zoe.name = QStringLiteral("Zoë Weiß");
    repo.insert(zoe);

    // Signals name the contact and its partner (the roster shows contact counts).
    QCOMPARE(contactsSpy.size(), 3);
    QCOMPARE(contactsSpy.at(0).at(0).toStringList(), QStringList{darcel.id});
    QCOMPARE(partnersSpy.size(), 3);
    QCOMPARE(partnersSpy.at(2).at(0).toStringList(), QStringList{ibm.id});

    const QList<Contact> ofAcn = repo.listForPartner(acn.id);
    QCOMPARE(ofAcn.size(), 2);
    QCOMPARE(ofAcn.at(0), anna); // ordered by name
    QCOMPARE(ofAcn.at(1), darcel);
    QCOMPARE(repo.listForPartner(ibm.id), QList<Contact>{zoe}); // non-ASCII text round-trips
    QCOMPARE(repo.listAll().size(), 3);

    darcel.role = QStringLiteral("Partner manager");
    repo.update(darcel);
    QCOMPARE(darcel.version, 2);
    QCOMPARE(repo.listForPartner(acn.id).at(1), darcel);

    // Contact counts on the roster follow archive and restore.
    auto countOf = [&](const QString& key) {
        for (const PartnerRow& r : partners.listRows())
            if (r.partner.key == key)
                return r.contactCount;
        return -1;
    };
    QCOMPARE(countOf(QStringLiteral("ACN")), 2);
    repo.archive(anna.id);
    QCOMPARE(countOf(QStringLiteral("ACN")), 1);
    QCOMPARE(repo.listForPartner(acn.id), QList<Contact>{darcel});
    QCOMPARE(repo.listAll().size(), 2);
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.archive(anna.id));
    repo.restore(anna.id);
    QCOMPARE(countOf(QStringLiteral("ACN")), 2);
    QCOMPARE(contactsSpy.size(), 6);
    QCOMPARE(contactsSpy.last().at(0).toStringList(), QStringList{anna.id});
    QCOMPARE(partnersSpy.last().at(0).toStringList(), QStringList{acn.id});
}

void TestBookRepositories::contactConflictAndLog()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository partners(*db, m_clock);
    ContactRepository repo(*db, m_clock);
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const qint64 logStart = countRows(*db, QStringLiteral("change_log"));
    const qint64 auditStart = countRows(*db, QStringLiteral("audit_log"));

    Contact c;
    c.partnerId = acn.id;
    c.name = QStringLiteral("Moses Frase");
    repo.insert(c);
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logStart + 1);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 1);
    Contact stale = c;
    c.email = QStringLiteral("moses@example.com");
    repo.update(c);
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logStart + 2);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 2);

    stale.phone = QStringLiteral("+1 555 0100");
    try {
        repo.update(stale);
        QFAIL("a stale contact was saved");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::Conflict);
    }
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logStart + 2);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 2);
    QCOMPARE(repo.listAll().at(0).email, QStringLiteral("moses@example.com"));
    QCOMPARE(repo.listAll().at(0).phone, QString());

    repo.archive(c.id);
    repo.restore(c.id);
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logStart + 4);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 4);
    QSqlQuery q(db->handle());
    QVERIFY(q.exec(QStringLiteral("SELECT op, version FROM change_log WHERE entity = 'contacts' ORDER BY seq")));
    QStringList ops;
    while (q.next())
        ops.append(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString());
    QCOMPARE(ops, (QStringList{"insert 1", "update 2", "delete 3", "update 4"}));
    QCOMPARE(column(*db, QStringLiteral("SELECT version FROM contacts")), QStringList{"4"});
}

void TestBookRepositories::products()
{
    PD_OPEN_BOOK(db, m_databases);
    QList<Product> inserted = makeProducts(*db);
    QCOMPARE(inserted.at(0).version, 1);
    QVERIFY(!inserted.at(0).id.isEmpty());
    ProductRepository repo(*db);
    QList<Product> listed = repo.list();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0).name, QStringLiteral("GTX Pro"));
    QCOMPARE(listed.at(0).productLine, QStringLiteral("GTX"));
    QCOMPARE(listed.at(0).listPriceMinor, qint64(479600));
    QCOMPARE(listed.at(0).currency, QStringLiteral("USD"));
    QCOMPARE(listed.at(1).currency, QStringLiteral("EUR"));
    QCOMPARE(column(*db, QStringLiteral("SELECT name_key FROM products ORDER BY name_key")),
             (QStringList{"gtxpro", "mgspecial"}));

    listed[0].listPriceMinor = 500000;
    {
        Transaction tx(*db);
        repo.updateMany({listed.at(0)}, QStringLiteral("2026-04-01T00:00:00.000Z"));
        tx.commit();
    }
    QCOMPARE(repo.list().at(0).listPriceMinor, qint64(500000));
    QCOMPARE(repo.list().at(0).version, 2);
    // The same (now stale) version again: a conflict, and the batch is not written.
    listed[0].listPriceMinor = 1;
    {
        Transaction tx(*db);
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.updateMany({listed.at(0)}, kAt));
    }
    QCOMPARE(repo.list().at(0).listPriceMinor, qint64(500000));

    // A second product with the same normalized name is refused ("GTXPro" = "GTX Pro").
    QList<Product> twin(1);
    twin[0].name = QStringLiteral("GTXPro");
    {
        Transaction tx(*db);
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.insertMany(twin, kAt));
    }
    QCOMPARE(repo.list().size(), 2);
}

void TestBookRepositories::accounts()
{
    PD_OPEN_BOOK(db, m_databases);
    AccountRepository repo(*db);
    QList<Account> accounts(3);
    accounts[0].name = QStringLiteral("Acme Corporation");
    accounts[0].webDomain = QStringLiteral("acme.com");
    accounts[0].country = QStringLiteral("US");
    accounts[0].industry = QStringLiteral("Retail");
    accounts[0].annualRevenueMinor = 71835000000; // 718.35 M USD
    accounts[0].employees = 2822;
    accounts[0].yearEstablished = 1985;
    accounts[1].name = QStringLiteral("Acme Subsidiary KK");
    accounts[1].country = QStringLiteral("JP");
    accounts[1].revenueCurrency = QStringLiteral("JPY");
    accounts[1].annualRevenueMinor = 1500000000;
    accounts[2].name = QStringLiteral("Unknown Size Ltd"); // revenue and employees unknown
    {
        Transaction tx(*db);
        repo.insertMany(accounts, kAt);
        accounts[1].parentId = accounts[0].id;
        repo.setParents({accounts.at(1)});
        tx.commit();
    }
    const QList<Account> listed = repo.list();
    QCOMPARE(listed.size(), 3);
    QCOMPARE(listed.at(0).name, QStringLiteral("Acme Corporation"));
    QCOMPARE(listed.at(0).annualRevenueMinor, qint64(71835000000));
    QCOMPARE(listed.at(0).employees, 2822);
    QCOMPARE(listed.at(0).yearEstablished, 1985);
    QCOMPARE(listed.at(0).webDomain, QStringLiteral("acme.com"));
    QCOMPARE(listed.at(0).parentId, QString());
    QCOMPARE(listed.at(1).parentId, accounts.at(0).id);
    QCOMPARE(listed.at(1).revenueCurrency, QStringLiteral("JPY"));
    QCOMPARE(listed.at(2).annualRevenueMinor, qint64(-1));
    QCOMPARE(listed.at(2).employees, -1);
    QCOMPARE(listed.at(2).yearEstablished, 0);
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM accounts WHERE annual_revenue_minor IS NULL")),
             QStringList{"1"});

    Account changed = listed.at(2);
    changed.employees = 40;
    {
        Transaction tx(*db);
        repo.updateMany({changed}, QStringLiteral("2026-04-01T00:00:00.000Z"));
        changed.parentId.clear();
        tx.commit();
    }
    QCOMPARE(repo.list().at(2).employees, 40);
    QCOMPARE(repo.list().at(2).version, 2);
    // Clearing a parent.
    {
        Transaction tx(*db);
        Account orphan = accounts.at(1);
        orphan.parentId.clear();
        repo.setParents({orphan});
        tx.commit();
    }
    QCOMPARE(repo.list().at(1).parentId, QString());
    // "Acme Corp." is the same customer as "Acme Corporation" (normalized name): refused.
    QList<Account> twin(1);
    twin[0].name = QStringLiteral("ACME Corp.");
    {
        Transaction tx(*db);
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.insertMany(twin, kAt));
    }
    QCOMPARE(repo.list().size(), 3);
}

void TestBookRepositories::deals()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository partners(*db, m_clock);
    ContactRepository contacts(*db, m_clock);
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    Contact rep;
    rep.partnerId = acn.id;
    rep.name = QStringLiteral("Darcel Schlecht");
    contacts.insert(rep);
    const QList<Product> products = makeProducts(*db);
    QList<Account> accounts(1);
    accounts[0].name = QStringLiteral("Betasoloin");
    {
        Transaction tx(*db);
        AccountRepository(*db).insertMany(accounts, kAt);
        tx.commit();
    }
    DealRepository repo(*db);
    QCOMPARE(repo.maxRegistrationNumber(), qint64(0));
    QVERIFY(repo.externalIds().isEmpty());

    // 150 deals: more than one multi-row chunk plus a remainder.
    QList<Deal> deals;
    for (int i = 0; i < 150; ++i) {
        Deal d;
        d.externalId = QStringLiteral("OPP%1").arg(i, 4, 10, QLatin1Char('0'));
        d.registrationNumber = i + 1;
        d.partnerId = acn.id;
        d.contactId = rep.id;
        d.productId = products.at(i % 2).id;
        d.accountId = i % 3 == 0 ? QString() : accounts.at(0).id;
        d.status = i % 2 ? DealStatus::Won : DealStatus::Approved;
        d.registeredAt = utc(2026, 1, 1 + i % 28, 9, 15, 123);
        d.expectedClose = QDate(2026, 6, 30);
        if (d.status == DealStatus::Won)
            d.closedOn = QDate(2026, 3, 1 + i % 28);
        d.amountMinor = i % 5 == 0 ? -1 : 100000 + i;
        d.currency = i % 7 == 0 ? QStringLiteral("JPY") : QStringLiteral("USD");
        d.notes = i == 3 ? QStringLiteral("Line one\nline \"two\", with comma") : QString();
        deals.append(d);
    }
    deals[149].externalId.clear(); // no external id
    {
        Transaction tx(*db);
        repo.insertMany(deals, kAt);
        tx.commit();
    }
    QCOMPARE(countRows(*db, QStringLiteral("deals")), qint64(150));
    QCOMPARE(repo.maxRegistrationNumber(), qint64(150));
    const auto ids = repo.externalIds();
    QCOMPARE(ids.size(), 149);
    QCOMPARE(ids.value(QStringLiteral("OPP0007")).first, deals.at(7).id);
    QCOMPARE(ids.value(QStringLiteral("OPP0007")).second, 1);

    const QList<Deal> firstPage = repo.list(100);
    QCOMPARE(firstPage.size(), 100);
    const QList<Deal> secondPage = repo.list(100, 100);
    QCOMPARE(secondPage.size(), 50);
    QCOMPARE(secondPage.at(0).registrationNumber, qint64(101));
    for (int i = 0; i < 100; ++i) {
        const Deal& got = firstPage.at(i);
        const Deal& want = deals.at(i);
        QCOMPARE(got.id, want.id);
        QCOMPARE(got.version, 1);
        QCOMPARE(got.externalId, want.externalId);
        QCOMPARE(got.registrationNumber, want.registrationNumber);
        QCOMPARE(got.partnerId, want.partnerId);
        QCOMPARE(got.contactId, want.contactId);
        QCOMPARE(got.accountId, want.accountId);
        QCOMPARE(got.productId, want.productId);
        QCOMPARE(toString(got.status), toString(want.status));
        QCOMPARE(got.registeredAt, want.registeredAt); // milliseconds kept
        QCOMPARE(got.expectedClose, want.expectedClose);
        QCOMPARE(got.closedOn, want.closedOn);
        QCOMPARE(got.amountMinor, want.amountMinor);
        QCOMPARE(got.currency, want.currency);
        QCOMPARE(got.notes, want.notes);
    }
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM deals WHERE amount_minor IS NULL")), QStringList{"30"});
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM deals WHERE account_pk IS NULL")), QStringList{"50"});
}

void TestBookRepositories::dealUpdatesAndCounts()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository partners(*db, m_clock);
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const QList<Product> products = makeProducts(*db);
    DealRepository repo(*db);
    QList<Deal> deals(4);
    const DealStatus statuses[] = {DealStatus::Draft, DealStatus::Submitted, DealStatus::Approved, DealStatus::Won};
    for (int i = 0; i < 4; ++i) {
        deals[i].externalId = QStringLiteral("D%1").arg(i);
        deals[i].registrationNumber = i + 1;
        deals[i].partnerId = acn.id;
        deals[i].productId = products.at(0).id;
        deals[i].status = statuses[i];
    }
    {
        Transaction tx(*db);
        repo.insertMany(deals, kAt);
        tx.commit();
    }
    QCOMPARE(partners.listRows().at(0).openDealCount, 3); // Draft, Submitted, Approved
    deals[2].status = DealStatus::Lost;
    deals[2].closedOn = QDate(2026, 5, 5);
    deals[2].amountMinor = 4200;
    {
        Transaction tx(*db);
        repo.updateMany({deals.at(2)}, QStringLiteral("2026-05-05T00:00:00.000Z"));
        tx.commit();
    }
    QCOMPARE(partners.listRows().at(0).openDealCount, 2);
    const Deal stored = repo.list(1, 2).at(0);
    QCOMPARE(toString(stored.status), QStringLiteral("Lost"));
    QCOMPARE(stored.closedOn, QDate(2026, 5, 5));
    QCOMPARE(stored.amountMinor, qint64(4200));
    QCOMPARE(stored.version, 2);
    QCOMPARE(stored.registrationNumber, qint64(3)); // kept
    // Stale version: refused.
    {
        Transaction tx(*db);
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.updateMany({deals.at(2)}, kAt));
    }
    QCOMPARE(repo.list(1, 2).at(0).version, 2);
}

void TestBookRepositories::bulkInsertRolledBack()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository partners(*db, m_clock);
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const QList<Product> products = makeProducts(*db);
    const qint64 logBefore = countRows(*db, QStringLiteral("change_log"));
    QList<Deal> deals(100);
    for (int i = 0; i < 100; ++i) {
        deals[i].registrationNumber = i + 1;
        deals[i].partnerId = acn.id;
        deals[i].productId = products.at(0).id;
    }
    deals[99].productId = QStringLiteral("no-such-product"); // the last chunk fails its foreign key
    {
        Transaction tx(*db);
        QVERIFY_THROWS_EXCEPTION(StorageError, DealRepository(*db).insertMany(deals, kAt));
    }
    QCOMPARE(db->transactionDepth(), 0);
    QCOMPARE(countRows(*db, QStringLiteral("deals")), qint64(0)); // the first chunk is gone too
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logBefore);
}

QTEST_GUILESS_MAIN(TestBookRepositories)
#include "tst_bookrepositories.moc"
