// Model tests for the partner roster (issue 2, item 3; DESIGN.md section 6: every model is checked with
// QAbstractItemModelTester and QSignalSpy). Storage-backed cases run on SQLite and PostgreSQL.
#include "domain/Clock.h"
#include "models/ContactCommands.h"
#include "models/ContactTableModel.h"
#include "models/PartnerCommands.h"
#include "models/PartnerFilterProxy.h"
#include "models/PartnerRosterSync.h"
#include "models/PartnerTableModel.h"
#include "storage/ChangeNotifier.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "support/TestDatabases.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace pd;

// The migration scripts live in pd_storage's resources; a static library's resources need explicit initialisation.
static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {

PartnerRow makeRow(const QString& id, const QString& key, const QString& name, PartnerType type, LifecycleStage stage,
                   const QString& territory, const QString& city, int contacts, int deals)
{
    PartnerRow r;
    r.partner.id = id;
    r.partner.key = key;
    r.partner.name = name;
    r.partner.type = type;
    r.partner.stage = stage;
    r.partner.territory = territory;
    r.partner.city = city;
    r.partner.country = QStringLiteral("US");
    r.contactCount = contacts;
    r.openDealCount = deals;
    return r;
}

/// Six partners with known fields: filters below state the rows they expect.
QList<PartnerRow> sampleRows()
{
    return {
        makeRow("1", "ACN", "Accenture", PartnerType::SI, LifecycleStage::Active, "EMEA", "Dublin", 3, 12),
        makeRow("2", "ARW", "Arrow Electronics", PartnerType::Distributor, LifecycleStage::Active, "North America",
                "Centennial", 1, 2),
        makeRow("3", "CDW", "CDW Corporation", PartnerType::VAR, LifecycleStage::AtRisk, "North America",
                "Lincolnshire", 0, 0),
        makeRow("4", "IBM", "International Business Machines", PartnerType::SI, LifecycleStage::Onboarding,
                "North America", "Armonk", 10, 100),
        makeRow("5", "MÜN", "Münchener Systemhaus", PartnerType::MSP, LifecycleStage::Prospect, "EMEA", "München", 2,
                9),
        makeRow("6", "DUB", "Dublin Digital", PartnerType::Referral, LifecycleStage::Active, "EMEA", "Cork", 0, 1),
    };
}

struct Book
{
    explicit Book(const DatabaseConfig& c) : config(c), db(c)
    {
        db.open();
        Migrator(db).migrate();
    }
    DatabaseConfig config;
    Database db;
    FixedClock clock{QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC)};
    ChangeNotifier notifier;
    PartnerRepository partners{db, clock, &notifier};
    ContactRepository contacts{db, clock, &notifier};
};

Partner newPartner(const QString& key, const QString& name, const QString& city)
{
    Partner p;
    p.key = key;
    p.name = name;
    p.city = city;
    p.territory = QStringLiteral("EMEA");
    p.country = QStringLiteral("DE");
    p.channelManager = QStringLiteral("Dana Manager");
    p.website = QStringLiteral("https://example.com");
    return p;
}

} // namespace

class TestPartnerModels : public QObject
{
    Q_OBJECT
public:
    TestPartnerModels() { initStorageResources(); }

private Q_SLOTS:
    void tableModelWithoutDatabase();
    void searchFilters_data();
    void searchFilters();
    void comboFilters();
    void sorting();
    void refreshFromRepository_data() { test::TestDatabases::addBackendRows(); }
    void refreshFromRepository();
    void undoCommands_data() { test::TestDatabases::addBackendRows(); }
    void undoCommands();
    void contactCommands_data() { test::TestDatabases::addBackendRows(); }
    void contactCommands();
    void countsArriveAfterPartners();
    void rosterShowsPartnersBeforeCounts_data() { test::TestDatabases::addBackendRows(); }
    void rosterShowsPartnersBeforeCounts();
    void archivedRowsAndRevenue();
    void daysInStage();

private:
    test::TestDatabases m_dbs;
};

void TestPartnerModels::tableModelWithoutDatabase()
{
    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRows(sampleRows());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), 15);
    QCOMPARE(model.headerData(PartnerTableModel::ChannelManager, Qt::Horizontal).toString(),
             QStringLiteral("Channel manager"));
    QCOMPARE(model.index(2, PartnerTableModel::Stage).data().toString(), QStringLiteral("At risk"));
    QCOMPARE(model.index(3, PartnerTableModel::OpenDeals).data().toInt(), 100);
    QCOMPARE(model.index(4, PartnerTableModel::Name).data(PartnerTableModel::PartnerIdRole).toString(),
             QStringLiteral("5"));
    QCOMPARE(model.rowOfId(QStringLiteral("4")), 3);
    QCOMPARE(model.territories(), (QStringList{QStringLiteral("EMEA"), QStringLiteral("North America")}));

    // Targeted refresh: row 2 changes, row 1 disappears, a new row arrives.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    PartnerRow arrow = sampleRows().at(1);
    arrow.partner.city = QStringLiteral("Denver");
    const PartnerRow fresh =
        makeRow("7", "NEW", "Newcomer", PartnerType::ISV, LifecycleStage::Applied, "APAC", "Sydney", 0, 0);
    model.applyChanges({QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("7")}, {arrow, fresh});
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.rowOfId(QStringLiteral("1")), -1);
    QCOMPARE(model.index(model.rowOfId(QStringLiteral("2")), PartnerTableModel::City).data().toString(),
             QStringLiteral("Denver"));
    QCOMPARE(model.index(5, PartnerTableModel::Key).data().toString(), QStringLiteral("NEW"));
    QVERIFY(model.haystack(model.rowOfId(QStringLiteral("2"))).contains(QStringLiteral("denver")));
    QCOMPARE(model.territories(),
             (QStringList{QStringLiteral("APAC"), QStringLiteral("EMEA"), QStringLiteral("North America")}));

    // Sorted by name, a renamed partner moves to its place and a new one is inserted at its place.
    model.sortBy(PartnerTableModel::Name, Qt::AscendingOrder);
    auto names = [&] {
        QStringList n;
        for (int r = 0; r < model.rowCount(); ++r)
            n << model.index(r, PartnerTableModel::Key).data().toString();
        return n;
    };
    QCOMPARE(names(), (QStringList{"ARW", "CDW", "DUB", "IBM", "MÜN", "NEW"}));
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    PartnerRow cdw = model.rowAt(model.rowOfId(QStringLiteral("3")));
    cdw.partner.name = QStringLiteral("Zeta CDW");
    model.applyChanges({QStringLiteral("3")}, {cdw});
    QCOMPARE(moved.count(), 1);
    QCOMPARE(names(), (QStringList{"ARW", "DUB", "IBM", "MÜN", "NEW", "CDW"}));
    cdw.partner.name = QStringLiteral("Aardvark");
    model.applyChanges({QStringLiteral("3")}, {cdw});
    QCOMPARE(names(), (QStringList{"CDW", "ARW", "DUB", "IBM", "MÜN", "NEW"}));
    const PartnerRow between =
        makeRow("8", "INT", "Intermediate", PartnerType::VAR, LifecycleStage::Applied, "APAC", "Perth", 0, 0);
    model.applyChanges({QStringLiteral("8")}, {between});
    QCOMPARE(names(), (QStringList{"CDW", "ARW", "DUB", "INT", "IBM", "MÜN", "NEW"}));
    model.sortBy(PartnerTableModel::Name, Qt::DescendingOrder);
    QCOMPARE(names(), (QStringList{"NEW", "MÜN", "IBM", "INT", "DUB", "ARW", "CDW"}));
}

void TestPartnerModels::searchFilters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("keys"); // expected, in source order
    QTest::newRow("empty") << QString() << QStringList{"ACN", "ARW", "CDW", "IBM", "MÜN", "DUB"};
    QTest::newRow("name, any case") << QStringLiteral("aRRoW") << QStringList{"ARW"};
    QTest::newRow("key") << QStringLiteral("cdw") << QStringList{"CDW"};
    QTest::newRow("city") << QStringLiteral("armonk") << QStringList{"IBM"};
    QTest::newRow("name or city") << QStringLiteral("dublin") << QStringList{"ACN", "DUB"};
    QTest::newRow("non-ASCII fold") << QStringLiteral("MÜNCHEN") << QStringList{"MÜN"};
    QTest::newRow("surrounding spaces") << QStringLiteral("  ibm ") << QStringList{"IBM"};
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList{};
}

void TestPartnerModels::searchFilters()
{
    QFETCH(QString, text);
    QFETCH(QStringList, keys);
    PartnerTableModel model;
    PartnerFilterProxy proxy;
    proxy.setPartnerModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    proxy.setSearchText(text);
    QStringList got;
    for (int r = 0; r < proxy.rowCount(); ++r)
        got << proxy.index(r, PartnerTableModel::Key).data().toString();
    QCOMPARE(got, keys);
}

void TestPartnerModels::comboFilters()
{
    PartnerTableModel model;
    PartnerFilterProxy proxy;
    proxy.setPartnerModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    proxy.setTypeFilter(PartnerType::SI);
    QCOMPARE(proxy.rowCount(), 2); // ACN, IBM
    proxy.setTerritoryFilter(QStringLiteral("North America"));
    QCOMPARE(proxy.rowCount(), 1); // IBM
    proxy.setTypeFilter(std::nullopt);
    QCOMPARE(proxy.rowCount(), 3); // ARW, CDW, IBM
    proxy.setStageFilter(LifecycleStage::Active);
    QCOMPARE(proxy.rowCount(), 1); // ARW
    QCOMPARE(proxy.index(0, PartnerTableModel::Key).data().toString(), QStringLiteral("ARW"));
    proxy.setTerritoryFilter(QString());
    QCOMPARE(proxy.rowCount(), 3); // ACN, ARW, DUB
    proxy.setSearchText(QStringLiteral("d"));
    QCOMPARE(proxy.rowCount(), 2); // ACN (Dublin), DUB
    proxy.setStageFilter(std::nullopt);
    proxy.setSearchText(QString());
    QCOMPARE(proxy.rowCount(), 6);
}

void TestPartnerModels::sorting()
{
    PartnerTableModel model;
    PartnerFilterProxy proxy;
    proxy.setPartnerModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    auto keys = [&] {
        QStringList k;
        for (int r = 0; r < proxy.rowCount(); ++r)
            k << proxy.index(r, PartnerTableModel::Key).data().toString();
        return k;
    };
    // Numeric, not text: 100 > 12 > 9 > 2 (text would put "9" first descending).
    proxy.sort(PartnerTableModel::OpenDeals, Qt::DescendingOrder);
    QCOMPARE(keys(), (QStringList{"IBM", "ACN", "MÜN", "ARW", "DUB", "CDW"}));
    proxy.sort(PartnerTableModel::Contacts, Qt::AscendingOrder);
    QCOMPARE(keys().mid(2), (QStringList{"ARW", "MÜN", "ACN", "IBM"}));
    // Stage in lifecycle order: Prospect, Onboarding, Active…, At risk.
    proxy.sort(PartnerTableModel::Stage, Qt::AscendingOrder);
    QCOMPARE(keys().first(), QStringLiteral("MÜN"));
    QCOMPARE(keys().at(1), QStringLiteral("IBM"));
    QCOMPARE(keys().last(), QStringLiteral("CDW"));
    proxy.sort(PartnerTableModel::Name, Qt::AscendingOrder);
    QCOMPARE(keys(), (QStringList{"ACN", "ARW", "CDW", "DUB", "IBM", "MÜN"}));
    // Sorting survives filtering: "in" is in Dublin (ACN's city), Lincolnshire, Dublin Digital, International.
    proxy.setSearchText(QStringLiteral("in"));
    QCOMPARE(keys(), (QStringList{"ACN", "CDW", "DUB", "IBM"}));
}

void TestPartnerModels::refreshFromRepository()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    Book book(*config);
    Partner a = newPartner(QStringLiteral("ALP"), QStringLiteral("Alpha GmbH"), QStringLiteral("Berlin"));
    Partner b = newPartner(QStringLiteral("BET"), QStringLiteral("Beta AG"), QStringLiteral("Hamburg"));
    book.partners.insert(a);
    book.partners.insert(b);

    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PartnerRosterSync sync(&model, book.partners, &book.notifier, book.config, book.clock);
    QSignalSpy loaded(&sync, &PartnerRosterSync::loaded);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    sync.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, PartnerTableModel::Key).data().toString(), QStringLiteral("ALP"));
    QCOMPARE(model.territories(), QStringList{QStringLiteral("EMEA")});

    // An update → dataChanged on that row, new value shown.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    a.city = QStringLiteral("Potsdam");
    book.partners.update(a);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(model.index(0, PartnerTableModel::City).data().toString(), QStringLiteral("Potsdam"));

    // A contact → the owner's contact count.
    Contact c;
    c.partnerId = b.id;
    c.name = QStringLiteral("Berta Beispiel");
    c.email = QStringLiteral("berta@example.com");
    c.phone = QStringLiteral("+49 40 1234");
    c.role = QStringLiteral("Sales rep");
    book.contacts.insert(c);
    QCOMPARE(model.index(model.rowOfId(b.id), PartnerTableModel::Contacts).data().toInt(), 1);

    // An insert → rowsInserted; an archive → rowsRemoved.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    Partner g = newPartner(QStringLiteral("GAM"), QStringLiteral("Gamma SE"), QStringLiteral("Köln"));
    book.partners.insert(g);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    book.partners.archive(a.id);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfId(a.id), -1);

    // A deal registered for Beta → Beta's open-deal count, without a reload (issue 8: the roster stays current).
    QCOMPARE(model.index(model.rowOfId(b.id), PartnerTableModel::OpenDeals).data().toInt(), 0);
    {
        Product product;
        product.name = QStringLiteral("GTX Pro");
        QList<Product> products{product};
        ProductRepository(book.db).insertMany(products, toIsoUtc(book.clock.nowUtc()));
        Deal d;
        d.partnerId = b.id;
        d.productId = products.at(0).id;
        DealWorkflowRepository workflow(book.db, book.clock, &book.notifier);
        workflow.createDraft(d);
        QCOMPARE(model.index(model.rowOfId(b.id), PartnerTableModel::OpenDeals).data().toInt(), 1);
        workflow.discardDraft(d.id);
        QCOMPARE(model.index(model.rowOfId(b.id), PartnerTableModel::OpenDeals).data().toInt(), 0);
    }
    QCOMPARE(reset.count(), 1); // refreshed in place, not reloaded

    // bookReset → a full background reload (modelReset).
    Q_EMIT book.notifier.bookReset();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, PartnerTableModel::Key).data().toString(), QStringLiteral("BET"));

    // A reload keeps the model's sort order (the worker sorts): key descending puts GAM first.
    model.sortBy(PartnerTableModel::Key, Qt::DescendingOrder);
    QCOMPARE(model.index(0, PartnerTableModel::Key).data().toString(), QStringLiteral("GAM"));
    Q_EMIT book.notifier.bookReset();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(reset.count(), 3);
    QCOMPARE(model.index(0, PartnerTableModel::Key).data().toString(), QStringLiteral("GAM"));
    QCOMPARE(model.index(1, PartnerTableModel::Key).data().toString(), QStringLiteral("BET"));
}

void TestPartnerModels::undoCommands()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    Book book(*config);
    QUndoStack stack;
    QStringList undoErrors;
    auto onError = [&](const QString& m) { undoErrors << m; };

    // Add → undo archives → redo restores.
    auto add = std::make_unique<AddPartnerCommand>(
        book.partners, newPartner(QStringLiteral("ACM"), QStringLiteral("Acme Corp"), QStringLiteral("Bonn")));
    AddPartnerCommand* addPtr = add.get();
    QVERIFY(pushCommand(stack, std::move(add), &error, onError));
    const QString id = addPtr->partner().id;
    QVERIFY(!id.isEmpty());
    QCOMPARE(book.partners.listRows().size(), 1);
    stack.undo();
    QVERIFY(!book.partners.findById(id));
    stack.redo();
    QCOMPARE(book.partners.findById(id)->name, QStringLiteral("Acme Corp"));

    // Edit → undo → redo, DB content checked each time.
    const Partner before = *book.partners.findById(id);
    Partner after = before;
    after.name = QStringLiteral("Acme Holdings");
    after.stage = LifecycleStage::Applied;
    QVERIFY(pushCommand(stack, std::make_unique<EditPartnerCommand>(book.partners, before, after), &error, onError));
    QCOMPARE(book.partners.findById(id)->name, QStringLiteral("Acme Holdings"));
    QCOMPARE(toString(book.partners.findById(id)->stage), QStringLiteral("Applied"));
    QCOMPARE(stack.undoText(), QStringLiteral("Edit partner ACM"));
    stack.undo();
    QCOMPARE(book.partners.findById(id)->name, QStringLiteral("Acme Corp"));
    QCOMPARE(toString(book.partners.findById(id)->stage), QStringLiteral("Prospect"));
    stack.redo();
    QCOMPARE(book.partners.findById(id)->name, QStringLiteral("Acme Holdings"));

    // Archive → undo restores (then undoing the edit still works across the archive/restore version bumps).
    const Partner current = *book.partners.findById(id);
    QVERIFY(pushCommand(stack, std::make_unique<ArchivePartnerCommand>(book.partners, current), &error, onError));
    QVERIFY(!book.partners.findById(id));
    QCOMPARE(book.partners.listRows().size(), 0);
    stack.undo();
    QCOMPARE(book.partners.findById(id)->name, QStringLiteral("Acme Holdings"));
    stack.undo();
    QCOMPARE(book.partners.findById(id)->name, QStringLiteral("Acme Corp"));
    QVERIFY(undoErrors.isEmpty());

    // A failing first execution (duplicate key) pushes nothing and reports the storage message.
    const int count = stack.count();
    QVERIFY(!pushCommand(
        stack,
        std::make_unique<AddPartnerCommand>(
            book.partners, newPartner(QStringLiteral("ACM"), QStringLiteral("Other"), QStringLiteral("Ulm"))),
        &error, onError));
    QVERIFY(!error.isEmpty());
    QCOMPARE(stack.count(), count);

    // Someone else changes the row: the edit's redo reports a conflict instead of overwriting.
    Partner theirs = *book.partners.findById(id);
    theirs.city = QStringLiteral("Trier");
    book.partners.update(theirs);
    stack.redo(); // redo the edit (name → Acme Holdings): the row no longer holds what the command wrote
    QCOMPARE(undoErrors.size(), 1);
    QCOMPARE(book.partners.findById(id)->city, QStringLiteral("Trier"));
    QCOMPARE(book.partners.findById(id)->name, QStringLiteral("Acme Corp"));
}

void TestPartnerModels::contactCommands()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    Book book(*config);
    Partner p = newPartner(QStringLiteral("CON"), QStringLiteral("Contoso"), QStringLiteral("Wien"));
    book.partners.insert(p);
    ContactTableModel model(book.contacts, &book.notifier);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPartner(p.id);
    QCOMPARE(model.rowCount(), 0);

    QUndoStack stack;
    Contact c;
    c.partnerId = p.id;
    c.name = QStringLiteral("Carla Contact");
    c.role = QStringLiteral("Sales rep");
    auto add = std::make_unique<AddContactCommand>(book.contacts, c);
    AddContactCommand* addPtr = add.get();
    QVERIFY(pushCommand(stack, std::move(add), &error));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ContactTableModel::Role).data().toString(), QStringLiteral("Sales rep"));

    Contact edited = addPtr->contact();
    edited.email = QStringLiteral("carla@contoso.example");
    QVERIFY(pushCommand(stack, std::make_unique<EditContactCommand>(book.contacts, addPtr->contact(), edited), &error));
    QCOMPARE(book.contacts.listForPartner(p.id).first().email, QStringLiteral("carla@contoso.example"));
    stack.undo();
    QCOMPARE(book.contacts.listForPartner(p.id).first().email, QString());
    QCOMPARE(model.index(0, ContactTableModel::Email).data().toString(), QString());

    QVERIFY(pushCommand(stack, std::make_unique<ArchiveContactCommand>(book.contacts, addPtr->contact()), &error));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(book.partners.listRows().first().contactCount, 0);
    stack.undo();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(book.partners.listRows().first().contactCount, 1);
}

void TestPartnerModels::countsArriveAfterPartners()
{
    // Issue 7: rows set without their counts show blank count cells, then setCounts() fills them in and re-sorts a
    // roster sorted by a count.
    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sortBy(PartnerTableModel::OpenDeals, Qt::DescendingOrder);
    QList<PartnerRow> rows = sampleRows();
    for (PartnerRow& r : rows)
        r.contactCount = r.openDealCount = 0;
    PartnerTableModel::Prepared prepared =
        PartnerTableModel::prepare(rows, PartnerTableModel::OpenDeals, Qt::DescendingOrder);
    prepared.countsKnown = false;
    model.setRows(std::move(prepared));
    QVERIFY(!model.countsKnown());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(0, PartnerTableModel::Name).data().toString(), QStringLiteral("Accenture")); // name order
    QVERIFY(!model.index(0, PartnerTableModel::OpenDeals).data().isValid());
    QVERIFY(!model.index(0, PartnerTableModel::Contacts).data().isValid());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QHash<QString, PartnerCounts> counts;
    for (const PartnerRow& r : sampleRows())
        if (r.contactCount || r.openDealCount)
            counts.insert(r.partner.id, PartnerCounts{r.contactCount, r.openDealCount});
    model.setCounts(counts);
    QVERIFY(model.countsKnown());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(layout.count(), 1);
    QStringList order;
    for (int r = 0; r < model.rowCount(); ++r)
        order << model.index(r, PartnerTableModel::Key).data().toString();
    QCOMPARE(order, QStringList({"IBM", "ACN", "MÜN", "ARW", "DUB", "CDW"}));
    QCOMPARE(model.index(0, PartnerTableModel::OpenDeals).data().toInt(), 100);
    QCOMPARE(model.index(0, PartnerTableModel::Contacts).data().toInt(), 10);
    QCOMPARE(model.index(5, PartnerTableModel::OpenDeals).data().toInt(), 0); // absent from the counts: 0
    QCOMPARE(model.index(5, PartnerTableModel::OpenDeals).data().toString(), QStringLiteral("0"));
}

void TestPartnerModels::rosterShowsPartnersBeforeCounts()
{
    QFETCH(QString, backend);
    QString error;
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    Book book(*config);
    Partner a = newPartner(QStringLiteral("ALP"), QStringLiteral("Alpha"), QStringLiteral("Berlin"));
    Partner b = newPartner(QStringLiteral("BET"), QStringLiteral("Beta"), QStringLiteral("Hamburg"));
    book.partners.insert(a);
    book.partners.insert(b);
    Contact c;
    c.partnerId = b.id;
    c.name = QStringLiteral("Berta Beispiel");
    book.contacts.insert(c);
    Product product;
    product.name = QStringLiteral("GTX Pro");
    QList<Product> products{product};
    ProductRepository(book.db).insertMany(products, toIsoUtc(book.clock.nowUtc()));
    DealWorkflowRepository workflow(book.db, book.clock, &book.notifier);
    for (int i = 0; i < 2; ++i) {
        Deal d;
        d.partnerId = a.id;
        d.productId = products.at(0).id;
        workflow.createDraft(d);
    }

    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PartnerRosterSync sync(&model, book.partners, &book.notifier, book.config, book.clock);
    // What the roster shows at each step, recorded as it happens.
    QStringList seen;
    auto snapshot = [&model] {
        QStringList cells;
        for (int r = 0; r < model.rowCount(); ++r)
            cells << QStringLiteral("%1:%2/%3")
                         .arg(model.index(r, PartnerTableModel::Key).data().toString(),
                              model.index(r, PartnerTableModel::Contacts).data().toString(),
                              model.index(r, PartnerTableModel::OpenDeals).data().toString());
        return cells.join(QLatin1Char(' '));
    };
    connect(&sync, &PartnerRosterSync::partnersLoaded, this, [&] { seen << QStringLiteral("partners ") + snapshot(); });
    connect(&sync, &PartnerRosterSync::loaded, this, [&] { seen << QStringLiteral("loaded ") + snapshot(); });
    QSignalSpy loaded(&sync, &PartnerRosterSync::loaded);
    sync.reload();
    QVERIFY(sync.isLoading());
    QVERIFY(loaded.wait(10000));
    QVERIFY(!sync.isLoading());
    QCOMPARE(seen, QStringList({QStringLiteral("partners ALP:/ BET:/"), QStringLiteral("loaded ALP:0/2 BET:1/0")}));
    QCOMPARE(book.partners.rosterCounts().value(a.id).openDeals, 2);
    QCOMPARE(book.partners.listRowsWithoutCounts().size(), 2);
}

void TestPartnerModels::daysInStage()
{
    // Issue 9, item 1: today − stage_since, blank until the model knows today, sorted numerically (not as text).
    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<PartnerRow> rows = sampleRows();
    const QList<QDate> since = {QDate(2017, 9, 21), QDate(2016, 9, 30), QDate(2017, 7, 2), QDate(2017, 9, 30), QDate(),
                                QDate(2015, 1, 1)};
    for (int i = 0; i < rows.size(); ++i)
        rows[i].partner.stageSince = since.at(i);
    model.setRows(rows);
    QCOMPARE(model.headerData(PartnerTableModel::DaysInStage, Qt::Horizontal).toString(),
             QStringLiteral("Days in stage"));
    QVERIFY(!model.index(0, PartnerTableModel::DaysInStage).data().isValid());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setToday(QDate(2017, 9, 30));
    QCOMPARE(changed.count(), 1);
    auto days = [&](const char* id) {
        return model.index(model.rowOfId(QString::fromLatin1(id)), PartnerTableModel::DaysInStage).data();
    };
    QCOMPARE(days("1").toInt(), 9);
    QCOMPARE(days("2").toInt(), 365);
    QCOMPARE(days("3").toInt(), 90);
    QCOMPARE(days("4").toInt(), 0);
    QVERIFY(!days("5").isValid()); // no stage_since
    QCOMPARE(days("6").toInt(), 1003);
    model.setToday(QDate(2017, 9, 30));
    QCOMPARE(changed.count(), 1);       // the same day: nothing to repaint
    model.setToday(QDate(2017, 9, 20)); // a clock set back: Accenture's stage began "after today"
    QVERIFY(!days("1").isValid());
    QCOMPARE(days("2").toInt(), 355);
    model.setToday(QDate(2017, 9, 30));
    model.sortBy(PartnerTableModel::DaysInStage, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < model.rowCount(); ++r)
        order << model.rowAt(r).partner.id;
    QCOMPARE(order, (QStringList{"5", "4", "1", "3", "2", "6"})); // 9 < 90 < 365 < 1003 numerically
    model.sortBy(PartnerTableModel::DaysInStage, Qt::DescendingOrder);
    QCOMPARE(model.rowAt(0).partner.id, QStringLiteral("6"));
}

QTEST_GUILESS_MAIN(TestPartnerModels)
void TestPartnerModels::archivedRowsAndRevenue()
{
    // Issue 8, item 6: an archived row is marked "(archived)"; the revenue columns stay blank until setRevenue(),
    // then show the sums in their currency (absent partners: 0) and sort numerically.
    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<PartnerRow> rows = sampleRows();
    rows[1].archived = true; // Arrow
    model.setRows(rows);
    QCOMPARE(model.columnCount(), 15);
    const int arrow = model.rowOfId(QStringLiteral("2"));
    QCOMPARE(model.index(arrow, PartnerTableModel::Name).data().toString(),
             QStringLiteral("Arrow Electronics (archived)"));
    QCOMPARE(model.index(arrow, PartnerTableModel::Name).data(Qt::EditRole).toString(),
             QStringLiteral("Arrow Electronics"));
    // Without a GUI application (this test is GUI-less) no font is given; tst_roster checks the italics.
    QVERIFY(!model.index(arrow, PartnerTableModel::City).data(Qt::FontRole).isValid());
    QVERIFY(!model.revenueKnown());
    QVERIFY(!model.index(0, PartnerTableModel::WonT12M).data().isValid());

    PartnerRevenue revenue;
    revenue.currency = QStringLiteral("USD");
    revenue.byId.insert(QStringLiteral("1"), PartnerMoney{1200000, 982100});
    revenue.byId.insert(QStringLiteral("4"), PartnerMoney{50000, 0});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setRevenue(revenue);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(PartnerTableModel::WonT12M));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(PartnerTableModel::OpenPipeline));
    QCOMPARE(model.index(model.rowOfId(QStringLiteral("1")), PartnerTableModel::WonT12M).data().toString(),
             QStringLiteral("12,000.00 USD"));
    QCOMPARE(model.index(model.rowOfId(QStringLiteral("1")), PartnerTableModel::OpenPipeline).data().toString(),
             QStringLiteral("9,821.00 USD"));
    QCOMPARE(model.index(model.rowOfId(QStringLiteral("3")), PartnerTableModel::WonT12M).data().toString(),
             QStringLiteral("0.00 USD"));
    model.sortBy(PartnerTableModel::WonT12M, Qt::DescendingOrder);
    QCOMPARE(model.rowAt(0).partner.key, QStringLiteral("ACN"));
    QCOMPARE(model.rowAt(1).partner.key, QStringLiteral("IBM"));
}

#include "tst_partnermodels.moc"
