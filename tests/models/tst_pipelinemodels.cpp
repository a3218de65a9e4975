// Model tests for the pipeline (issue 3, "Tests that must exist": QAbstractItemModelTester on every pipeline model,
// QSignalSpy on the refresh after a DealWorkflowRepository change), on SQLite and PostgreSQL. The book is built by
// hand here, so every expected value below is counted from the rows this file inserts.
#include "domain/Clock.h"
#include "models/ConflictListModel.h"
#include "models/DealBoardModel.h"
#include "models/DealCommands.h"
#include "models/PipelineTableModel.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/Database.h"
#include "storage/DealRepository.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/ProductRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"
#include "support/TestDatabases.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <memory>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

/// A book with two partners (P1 Alpha Systems, P2 Beta Networks), one product (GTX Pro), one account (Acme
/// Corporation, acme.com) and three registrations: #1 by P1 for Acme (5,000.00 USD, submitted 2017-01-10), #2 by P2
/// for Acme (submitted 2017-01-19, nine days later: it conflicts with #1) and a Draft by P2 with no amount.
struct Fixture
{
    std::unique_ptr<Database> db;
    DatabaseConfig config;
    FixedClock clock{at("2017-01-01T09:00:00Z")};
    ChangeNotifier notifier;
    std::unique_ptr<DealWorkflowRepository> workflow;
    std::unique_ptr<PipelineRepository> pipeline;
    QString p1, p2, gtx, acme, d1, d2, d3;
};
} // namespace

class TestPipelineModels : public QObject
{
    Q_OBJECT
public:
    TestPipelineModels() { initStorageResources(); }

private:
    test::TestDatabases m_dbs;

    std::unique_ptr<Fixture> open()
    {
        QFETCH(QString, backend);
        QString error;
        const auto config = m_dbs.forBackend(backend, &error);
        if (!config)
            qFatal("%s", qPrintable(error));
        auto f = std::make_unique<Fixture>();
        f->config = *config;
        f->db = std::make_unique<Database>(*config);
        f->db->open();
        Migrator(*f->db).migrate();
        PartnerRepository partners(*f->db, f->clock);
        Partner p1;
        p1.key = QStringLiteral("P1");
        p1.name = QStringLiteral("Alpha Systems");
        p1.territory = QStringLiteral("EMEA");
        Partner p2;
        p2.key = QStringLiteral("P2");
        p2.name = QStringLiteral("Beta Networks");
        p2.territory = QStringLiteral("North America");
        partners.insert(p1);
        partners.insert(p2);
        f->p1 = p1.id;
        f->p2 = p2.id;
        QList<Product> products(1);
        products[0].name = QStringLiteral("GTX Pro");
        products[0].listPriceMinor = 482100;
        QList<Account> accounts(1);
        accounts[0].name = QStringLiteral("Acme Corporation");
        accounts[0].webDomain = QStringLiteral("acme.com");
        {
            Transaction tx(*f->db);
            const QString stamp = toIsoUtc(f->clock.nowUtc());
            ProductRepository(*f->db).insertMany(products, stamp);
            AccountRepository(*f->db).insertMany(accounts, stamp);
            tx.commit();
        }
        f->gtx = products[0].id;
        f->acme = accounts[0].id;
        f->workflow = std::make_unique<DealWorkflowRepository>(*f->db, f->clock, &f->notifier);
        f->pipeline = std::make_unique<PipelineRepository>(*f->db);
        const ProgramSettings settings;
        auto make = [&](const QString& partner, qint64 amount, const char* when, bool submit) {
            Deal d;
            d.partnerId = partner;
            d.accountId = f->acme;
            d.productId = f->gtx;
            d.amountMinor = amount;
            d.notes = QStringLiteral("");
            d.externalId = QStringLiteral("");
            f->clock.set(at(when));
            f->workflow->createDraft(d);
            if (submit)
                f->workflow->apply(d.id, DealAction::Submit, {}, settings);
            return d.id;
        };
        f->d1 = make(f->p1, 500000, "2017-01-10T12:00:00Z", true);
        f->d2 = make(f->p2, 120000, "2017-01-19T12:00:00Z", true);
        f->d3 = make(f->p2, -1, "2017-01-20T12:00:00Z", false);
        return f;
    }

private Q_SLOTS:
    void tableModel_data() { test::TestDatabases::addBackendRows(); }
    void tableModel()
    {
        auto f = open();
        PipelineTableModel model(f->config, &f->notifier);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.isLoading()); // queried on a worker thread
        QTRY_VERIFY(!model.isLoading() && model.totalCount() >= 0);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.totalCount(), qint64(3));
        QCOMPARE(model.columnCount(), int(PipelineTableModel::ColumnCount));
        // Ordered by registration number: the Draft (number 0) first, then #1 and #2.
        QCOMPARE(model.index(0, PipelineTableModel::Status).data().toString(), QStringLiteral("Draft"));
        QCOMPARE(model.index(0, PipelineTableModel::Number).data().toString(), QString());
        QCOMPARE(model.index(0, PipelineTableModel::Amount).data().toString(), QString());
        QCOMPARE(model.index(0, 0).data(PipelineTableModel::DealIdRole).toString(), f->d3);
        QCOMPARE(model.index(1, PipelineTableModel::Number).data().toString(), QStringLiteral("#1"));
        QCOMPARE(model.index(1, PipelineTableModel::Status).data().toString(), QStringLiteral("Submitted"));
        QCOMPARE(model.index(1, PipelineTableModel::Partner).data().toString(), QStringLiteral("P1"));
        QCOMPARE(model.index(1, PipelineTableModel::Customer).data().toString(), QStringLiteral("Acme Corporation"));
        QCOMPARE(model.index(1, PipelineTableModel::Product).data().toString(), QStringLiteral("GTX Pro"));
        QCOMPARE(model.index(1, PipelineTableModel::Amount).data().toString(), QStringLiteral("5,000.00 USD"));
        QCOMPARE(model.index(1, PipelineTableModel::Registered).data().toString(), QStringLiteral("2017-01-10 12:00"));
        QCOMPARE(model.index(2, 0).data(PipelineTableModel::DealIdRole).toString(), f->d2);
        QCOMPARE(model.rowOf(f->d2), 2);
        // Overdue: #1 (2017-01-10) is protected for 90 days, to 2017-04-10 12:00; #2 (2017-01-19) to 2017-04-19.
        model.setProtection(ProgramRules{}, at("2017-04-15T00:00:00Z"));
        QCOMPARE(model.index(1, PipelineTableModel::Status).data().toString(), QStringLiteral("Submitted (overdue)"));
        QVERIFY(model.index(1, 0).data(PipelineTableModel::OverdueRole).toBool());
        QCOMPARE(model.index(2, PipelineTableModel::Status).data().toString(), QStringLiteral("Submitted"));
        QVERIFY(!model.index(0, 0).data(PipelineTableModel::OverdueRole).toBool()); // a Draft is never overdue
        model.setProtection(ProgramRules{}, QDateTime());
        QVERIFY(!model.canFetchMore({}));

        // Filters re-query: status, partner key, search (case-insensitive on partner name).
        DealFilter filter;
        filter.status = QStringLiteral("Submitted");
        model.setFilter(filter);
        QTRY_VERIFY(!model.isLoading() && model.totalCount() >= 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.totalCount(), qint64(2));
        filter = {};
        filter.partnerKey = QStringLiteral("P2");
        model.setFilter(filter);
        QTRY_VERIFY(!model.isLoading() && model.totalCount() >= 0);
        QCOMPARE(model.rowCount(), 2);
        filter = {};
        filter.search = QStringLiteral("ALPHA");
        model.setFilter(filter);
        QTRY_VERIFY(!model.isLoading() && model.totalCount() >= 0);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(PipelineTableModel::DealIdRole).toString(), f->d1);
        model.setFilter({});
        QTRY_VERIFY(!model.isLoading());

        // Sorting re-queries: amount descending puts 5,000.00 first, no amount (-1) last.
        model.sort(PipelineTableModel::Amount, Qt::DescendingOrder);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.index(0, 0).data(PipelineTableModel::DealIdRole).toString(), f->d1);
        QCOMPARE(model.index(2, 0).data(PipelineTableModel::DealIdRole).toString(), f->d3);
        model.sort(PipelineTableModel::Amount, Qt::AscendingOrder);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.index(0, 0).data(PipelineTableModel::DealIdRole).toString(), f->d3);
        model.sort(PipelineTableModel::Number, Qt::AscendingOrder);
        QTRY_VERIFY(!model.isLoading());

        // A workflow change reloads the model (coalesced, on the next event-loop turn).
        QSignalSpy reloaded(&model, &PipelineTableModel::reloaded);
        f->workflow->apply(f->d1, DealAction::Approve, {}, ProgramSettings{});
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(reloaded.count(), 1);
        QCOMPARE(model.index(1, PipelineTableModel::Status).data().toString(), QStringLiteral("Approved"));
    }

    void lazyPaging_data() { test::TestDatabases::addBackendRows(); }
    void lazyPaging()
    {
        auto f = open();
        // 1,200 more Submitted registrations (bulk insert), numbers 3..1202 after the two submitted ones.
        QList<Deal> deals;
        for (int i = 0; i < 1200; ++i) {
            Deal d;
            d.partnerId = i % 2 ? f->p1 : f->p2;
            d.productId = f->gtx;
            d.status = DealStatus::Submitted;
            d.registrationNumber = 3 + i;
            d.registeredAt = at("2016-01-01T00:00:00Z").addSecs(60 * i);
            d.amountMinor = 100 * i;
            deals << d;
        }
        {
            Transaction tx(*f->db);
            DealRepository(*f->db).insertMany(deals, toIsoUtc(f->clock.nowUtc()));
            tx.commit();
        }
        PipelineTableModel model(f->config, nullptr);
        QTRY_VERIFY(!model.isLoading() && model.totalCount() >= 0);
        QCOMPARE(model.totalCount(), qint64(1203));
        QCOMPARE(model.rowCount(), PipelineTableModel::pageSize()); // 500: only the first page is loaded
        QVERIFY(model.canFetchMore({}));
        QSignalSpy fetched(&model, &PipelineTableModel::pageFetched);
        model.fetchMore({});
        QVERIFY(model.isFetching());
        QVERIFY(!model.canFetchMore({})); // one page at a time
        QVERIFY(fetched.wait(10000));
        QCOMPARE(model.rowCount(), 1000);
        model.fetchMore({});
        QVERIFY(fetched.wait(10000));
        QCOMPARE(model.rowCount(), 1203);
        QVERIFY(!model.canFetchMore({}));
        // The draft (number 0) sorts first by registration number, then #1, #2, #3.
        QCOMPARE(model.index(1, PipelineTableModel::Number).data().toString(), QStringLiteral("#1"));
        QCOMPARE(model.index(1202, PipelineTableModel::Number).data().toString(), QStringLiteral("#1202"));
        // A reload keeps as many rows loaded as before.
        model.reload();
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 1203);
        // The model tester on a fresh model (it fetches every page itself).
        PipelineTableModel fresh(f->config, nullptr);
        QAbstractItemModelTester tester(&fresh, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(!fresh.isLoading());
        QSignalSpy freshFetched(&fresh, &PipelineTableModel::pageFetched);
        while (fresh.canFetchMore({})) {
            fresh.fetchMore({});
            QVERIFY(freshFetched.wait(10000));
        }
        QCOMPARE(fresh.rowCount(), 1203);
    }

    void boardModel_data() { test::TestDatabases::addBackendRows(); }
    void boardModel()
    {
        auto f = open();
        DealBoardModel model(f->config, &f->notifier);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 7); // the columns exist before the first load arrives
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.count(DealStatus::Draft), qint64(1));
        QCOMPARE(model.count(DealStatus::Submitted), qint64(2));
        QCOMPARE(model.count(DealStatus::Approved), qint64(0));
        const QModelIndex submitted = model.columnIndex(DealStatus::Submitted);
        QCOMPARE(submitted.row(), 1);
        QCOMPARE(submitted.data().toString(), QStringLiteral("Submitted (2)"));
        QCOMPARE(model.rowCount(submitted), 2);
        const QModelIndex card = model.index(0, 0, submitted);
        QCOMPARE(card.parent(), submitted);
        QCOMPARE(card.data(DealBoardModel::DealIdRole).toString(), f->d1);
        QCOMPARE(card.data().toString(), QStringLiteral("#1 · P1\nAcme Corporation\nGTX Pro\n5,000.00 USD"));
        QVERIFY(model.flags(card) & Qt::ItemIsDragEnabled);
        QVERIFY(model.flags(submitted) & Qt::ItemIsDropEnabled);

        // Drag data round-trips.
        std::unique_ptr<QMimeData> mime(model.mimeData({card}));
        QVERIFY(mime);
        QString id;
        DealStatus status = DealStatus::Draft;
        QVERIFY(DealBoardModel::decodeCard(mime.get(), &id, &status));
        QCOMPARE(id, f->d1);
        QCOMPARE(toString(status), QStringLiteral("Submitted"));
        QMimeData other;
        other.setText(QStringLiteral("not a card"));
        QVERIFY(!DealBoardModel::decodeCard(&other, &id, &status));

        // Approving #1 moves its card after the coalesced reload.
        QSignalSpy reloaded(&model, &DealBoardModel::reloaded);
        f->workflow->apply(f->d1, DealAction::Approve, {}, ProgramSettings{});
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(model.count(DealStatus::Submitted), qint64(1));
        QCOMPARE(model.count(DealStatus::Approved), qint64(1));
        QCOMPARE(model.cardIndex(f->d1).parent(), model.columnIndex(DealStatus::Approved));

        // The filter applies to every column (its status member is ignored).
        DealFilter filter;
        filter.partnerKey = QStringLiteral("P2");
        filter.status = QStringLiteral("Won");
        model.setFilter(filter);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.count(DealStatus::Draft), qint64(1));
        QCOMPARE(model.count(DealStatus::Submitted), qint64(1));
        QCOMPARE(model.count(DealStatus::Approved), qint64(0));
    }

    void conflictModel_data() { test::TestDatabases::addBackendRows(); }
    void conflictModel()
    {
        auto f = open();
        ConflictListModel model(f->config, f->clock, &f->notifier);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &ConflictListModel::loaded);
        model.reload();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.first().first().toString(), QString());
        // #2 (P2, 2017-01-19) conflicts with #1 (P1, 2017-01-10): same customer and product, 90-day window.
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.pairs(), 1);
        QCOMPARE(model.conflictedRegistrations(), 1);
        QCOMPARE(model.index(0, ConflictListModel::Later).data().toString(), QStringLiteral("#2 (Submitted)"));
        QCOMPARE(model.index(0, ConflictListModel::LaterPartner).data().toString(), QStringLiteral("P2"));
        QCOMPARE(model.index(0, ConflictListModel::Earlier).data().toString(), QStringLiteral("#1 (Submitted)"));
        QCOMPARE(model.index(0, ConflictListModel::EarlierPartner).data().toString(), QStringLiteral("P1"));
        QCOMPARE(model.index(0, ConflictListModel::Customer).data().toString(), QStringLiteral("Acme Corporation"));
        QCOMPARE(model.index(0, ConflictListModel::FirstBy).data().toString(), QStringLiteral("9 days"));
        QCOMPARE(model.index(0, ConflictListModel::Resolution).data().toString(), QStringLiteral("Open"));
        QCOMPARE(model.index(0, 0).data(ConflictListModel::LaterIdRole).toString(), f->d2);

        // Rejecting the earlier registration ends the conflict (a rejected registration protects nothing); the
        // model reloads on dealsChanged.
        loaded.clear();
        DealActionInput reject;
        reject.reason = QStringLiteral("duplicate");
        f->workflow->apply(f->d1, DealAction::Reject, reject, ProgramSettings{});
        QVERIFY(loaded.wait(10000));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(ConflictListModel::durationText(3 * 3600 + 5), QStringLiteral("3 hours"));
        QCOMPARE(ConflictListModel::durationText(40 * 60), QStringLiteral("40 minutes"));
        QCOMPARE(ConflictListModel::durationText(0), QStringLiteral("same instant, lower number"));

        // Inactive (its pane hidden): a change only marks the list stale; activating rescans.
        model.setActive(false);
        QVERIFY(!model.isStale());
        Deal again;
        again.partnerId = f->p2;
        again.accountId = f->acme;
        again.productId = f->gtx;
        f->workflow->createDraft(again);
        QVERIFY(model.isStale());
        QVERIFY(!model.isLoading());
        loaded.clear();
        model.setActive(true);
        QVERIFY(model.isLoading());
        QVERIFY(loaded.wait(10000));
        QVERIFY(!model.isStale());
    }

    void undoCommands_data() { test::TestDatabases::addBackendRows(); }
    void undoCommands()
    {
        auto f = open();
        QUndoStack stack;
        f->clock.set(at("2017-02-01T08:00:00Z"));
        Deal d;
        d.partnerId = f->p1;
        d.accountId = f->acme;
        d.productId = f->gtx;
        d.amountMinor = 250000;
        QString error;
        auto command = std::make_unique<RegisterDealCommand>(*f->db, *f->workflow, d, ProgramSettings{});
        RegisterDealCommand* raw = command.get();
        QVERIFY2(pushCommand(stack, std::move(command), &error), qPrintable(error));
        const QString id = raw->deal().id;
        QCOMPARE(raw->submitted().registrationNumber, qint64(3));
        QCOMPARE(toString(f->workflow->state(id).status), QStringLiteral("Submitted"));
        QCOMPARE(raw->submitted().decidedBy, QStringLiteral("automatic approval is off"));
        QCOMPARE(stack.undoText(), QStringLiteral("Register deal #3"));
        QCOMPARE(f->pipeline->count({}), qint64(4));
        // Undo discards the registration (one step for draft + submit).
        stack.undo();
        QCOMPARE(f->pipeline->count({}), qint64(3));
        QVERIFY_THROWS_EXCEPTION(StorageError, f->workflow->state(id));
        // Redo brings back the same registration: same id, same number #3, same status and decision.
        stack.redo();
        QCOMPARE(f->pipeline->count({}), qint64(4));
        QCOMPARE(raw->deal().id, id);
        const DealState redone = f->workflow->state(id);
        QCOMPARE(toString(redone.status), QStringLiteral("Submitted"));
        QCOMPARE(redone.registrationNumber, qint64(3));
        QCOMPARE(redone.registeredAt, at("2017-02-01T08:00:00Z"));
        QCOMPARE(redone.decidedBy, QStringLiteral("automatic approval is off"));

        // An action and its undo.
        QVERIFY(pushCommand(stack,
                            std::make_unique<DealActionCommand>(*f->workflow, f->d1, 1, DealAction::Approve,
                                                                DealActionInput{}, ProgramSettings{}),
                            &error));
        QCOMPARE(stack.undoText(), QStringLiteral("Approve #1"));
        QCOMPARE(toString(f->workflow->state(f->d1).status), QStringLiteral("Approved"));
        stack.undo();
        QCOMPARE(toString(f->workflow->state(f->d1).status), QStringLiteral("Submitted"));
        // A refused action pushes nothing and says why.
        const int before = stack.count();
        QVERIFY(!pushCommand(stack,
                             std::make_unique<DealActionCommand>(*f->workflow, f->d3, 0, DealAction::Approve,
                                                                 DealActionInput{}, ProgramSettings{}),
                             &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(stack.count(), before);
    }
};

QTEST_MAIN(TestPipelineModels)
#include "tst_pipelinemodels.moc"
