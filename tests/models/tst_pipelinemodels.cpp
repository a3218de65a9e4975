// Model tests for the pipeline (issue 3, "Tests that must exist": QAbstractItemModelTester on every pipeline model,
// QSignalSpy on the refresh after a DealWorkflowRepository change), on SQLite and PostgreSQL. The book is built by
// hand here, so every expected value below is counted from the rows this file inserts.
#include "domain/Clock.h"
#include "models/ConflictListModel.h"
#include "models/DealBoardModel.h"
#include "models/DealCommands.h"
#include "models/DealPartnerCommand.h"
#include "models/ExpireOverdueCommand.h"
#include "models/PipelineTableModel.h"
#include "models/ProgramSettingsCommand.h"
#include "models/ResolveConflictCommand.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ConflictRepository.h"
#include "storage/Database.h"
#include "storage/DealPartnerRepository.h"
#include "storage/DealRepository.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/ProductRepository.h"
#include "storage/ProgramSettingsRepository.h"
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
        QCOMPARE(model.index(0, ConflictListModel::Resolution).data().toString(), QStringLiteral("Unresolved"));
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

    // Issue 6, section 3: every edit below goes through an undo command on a QUndoStack; each is done, undone and
    // redone, and the book is checked after each step against values written down here.

    void undoDealPartnersAndTouches_data() { test::TestDatabases::addBackendRows(); }
    void undoDealPartnersAndTouches()
    {
        auto f = open();
        QUndoStack stack;
        DealPartnerRepository repo(*f->db, f->clock, &f->notifier);
        QString error;
        auto partnerLines = [&] {
            QStringList out;
            for (const DealPartner& p : repo.partners(f->d1))
                out << p.partnerKey + QLatin1Char(' ') + p.role;
            return out;
        };
        auto touchLines = [&] {
            QStringList out;
            for (const StoredTouch& t : repo.touches(f->d1))
                out << QStringLiteral("%1 %2 %3").arg(t.date.toString(Qt::ISODate), t.partnerKey, t.type);
            return out;
        };
        // Add P2 to #1 as influencer.
        auto add = DealPartnerCommand::addPartner(repo, f->d1, f->p2, QStringLiteral("influencer"));
        DealPartnerCommand* addRaw = add.get();
        QVERIFY2(pushCommand(stack, std::move(add), &error), qPrintable(error));
        const QString rowId = addRaw->rowId();
        QCOMPARE(partnerLines(), QStringList{QStringLiteral("P2 influencer")});
        QCOMPARE(stack.undoText(), QStringLiteral("Add partner as influencer"));
        stack.undo();
        QCOMPARE(partnerLines(), QStringList{});
        stack.redo();
        QCOMPARE(partnerLines(), QStringList{QStringLiteral("P2 influencer")});
        QCOMPARE(repo.partners(f->d1).first().id, rowId); // the same row, not a new one

        // A co-sell meeting of P2 on 2017-02-01.
        auto touch =
            DealPartnerCommand::addTouch(repo, f->d1, f->p2, QStringLiteral("co-sell meeting"), QDate(2017, 2, 1));
        DealPartnerCommand* touchRaw = touch.get();
        QVERIFY2(pushCommand(stack, std::move(touch), &error), qPrintable(error));
        const QStringList withTouch = {QStringLiteral("2017-01-10 P1 registration"),
                                       QStringLiteral("2017-02-01 P2 co-sell meeting")};
        QCOMPARE(touchLines(), withTouch);
        stack.undo();
        QCOMPARE(touchLines(), QStringList{QStringLiteral("2017-01-10 P1 registration")});
        stack.redo();
        QCOMPARE(touchLines(), withTouch);
        QCOMPARE(repo.touches(f->d1).last().id, touchRaw->rowId());

        // Removing the partner, and removing the touch: undo brings each back.
        QVERIFY(pushCommand(stack, DealPartnerCommand::remove(repo, DealPartnerCommand::Kind::RemovePartner, rowId),
                            &error));
        QCOMPARE(partnerLines(), QStringList{});
        QVERIFY(pushCommand(
            stack, DealPartnerCommand::remove(repo, DealPartnerCommand::Kind::RemoveTouch, touchRaw->rowId()), &error));
        QCOMPARE(touchLines(), QStringList{QStringLiteral("2017-01-10 P1 registration")});
        stack.undo();
        QCOMPARE(touchLines(), withTouch);
        stack.undo();
        QCOMPARE(partnerLines(), QStringList{QStringLiteral("P2 influencer")});
        stack.redo();
        QCOMPARE(partnerLines(), QStringList{});
        // The sourcing partner is refused: nothing is pushed.
        const int count = stack.count();
        QVERIFY(!pushCommand(stack, DealPartnerCommand::addPartner(repo, f->d1, f->p1, QStringLiteral("referral")),
                             &error));
        QCOMPARE(error, QStringLiteral("The sourcing partner is already on the deal"));
        QCOMPARE(stack.count(), count);
    }

    void undoExpireOverdue_data() { test::TestDatabases::addBackendRows(); }
    void undoExpireOverdue()
    {
        auto f = open();
        QUndoStack stack;
        QString error;
        const ProgramSettings settings; // 90 days
        f->workflow->apply(f->d2, DealAction::Approve, {}, settings);
        const QString approvedBy = f->workflow->state(f->d2).decidedBy;
        QVERIFY(approvedBy.startsWith(QStringLiteral("approved by ")));
        // As of 2017-04-15 only #1 is overdue (registered 2017-01-10 12:00, window ended 2017-04-10 12:00); #2's
        // window ends 2017-04-19 12:00.
        auto command = std::make_unique<ExpireOverdueCommand>(*f->workflow, QDate(2017, 4, 15), settings.rules);
        ExpireOverdueCommand* raw = command.get();
        QVERIFY2(pushCommand(stack, std::move(command), &error), qPrintable(error));
        QCOMPARE(raw->expired().size(), qsizetype(1));
        QCOMPARE(stack.undoText(), QStringLiteral("Expire 1 overdue registration(s)"));
        auto statuses = [&] {
            return QStringList{toString(f->workflow->state(f->d1).status), toString(f->workflow->state(f->d2).status),
                               toString(f->workflow->state(f->d3).status)};
        };
        QCOMPARE(statuses(),
                 (QStringList{QStringLiteral("Expired"), QStringLiteral("Approved"), QStringLiteral("Draft")}));
        QCOMPARE(f->workflow->state(f->d1).decidedBy, QStringLiteral("expired: protection window ended"));
        stack.undo();
        QCOMPARE(statuses(),
                 (QStringList{QStringLiteral("Submitted"), QStringLiteral("Approved"), QStringLiteral("Draft")}));
        QCOMPARE(f->workflow->state(f->d1).decidedBy, QStringLiteral("automatic approval is off"));
        stack.redo();
        QCOMPARE(statuses(),
                 (QStringList{QStringLiteral("Expired"), QStringLiteral("Approved"), QStringLiteral("Draft")}));
        stack.undo();

        // As of 2017-04-20 both are overdue; undo gives each its own status and decision back.
        QVERIFY(pushCommand(
            stack, std::make_unique<ExpireOverdueCommand>(*f->workflow, QDate(2017, 4, 20), settings.rules), &error));
        QCOMPARE(statuses(),
                 (QStringList{QStringLiteral("Expired"), QStringLiteral("Expired"), QStringLiteral("Draft")}));
        QCOMPARE(
            f->pipeline->summary(QDate(2017, 4, 20), settings.rules, QStringLiteral("USD"), false).first().openCount,
            qint64(1)); // the Draft
        stack.undo();
        QCOMPARE(statuses(),
                 (QStringList{QStringLiteral("Submitted"), QStringLiteral("Approved"), QStringLiteral("Draft")}));
        QCOMPARE(f->workflow->state(f->d2).decidedBy, approvedBy);
        QCOMPARE(
            f->pipeline->summary(QDate(2017, 4, 20), settings.rules, QStringLiteral("USD"), false).first().openCount,
            qint64(3));
        stack.redo();
        QCOMPARE(statuses(),
                 (QStringList{QStringLiteral("Expired"), QStringLiteral("Expired"), QStringLiteral("Draft")}));
        // Undo is refused (and the stack drops the command) once a registration changed meanwhile.
        QString undoError;
        DealState changed = f->workflow->state(f->d1);
        changed.status = DealStatus::Approved;
        f->workflow->restore(f->d1, changed); // someone else moves #1 on meanwhile
        auto* top = const_cast<QUndoCommand*>(stack.command(stack.index() - 1));
        static_cast<RepositoryCommand*>(top)->setErrorHandler([&](const QString& m) { undoError = m; });
        stack.undo();
        QCOMPARE(undoError, QStringLiteral("Registration #1 is no longer Expired; reload it and try again"));
        QCOMPARE(toString(f->workflow->state(f->d2).status), QStringLiteral("Expired")); // nothing written
    }

    void undoConflictResolution_data() { test::TestDatabases::addBackendRows(); }
    void undoConflictResolution()
    {
        auto f = open();
        QUndoStack stack;
        QString error;
        ConflictRepository conflicts(*f->db);
        const ProgramSettings settings;
        auto resolution = [&] {
            const QList<ConflictInfo> all = conflicts.allConflicts(settings.rules);
            return all.size() == 1 ? all.first().resolution : QStringLiteral("(%1 pairs)").arg(all.size());
        };
        QCOMPARE(resolution(), QString()); // #2 conflicts with #1, open

        // Reject the later registration: the rejection and the record in one command.
        QVERIFY2(
            pushCommand(stack,
                        std::make_unique<ResolveConflictCommand>(*f->db, *f->workflow, conflicts, f->clock, f->d2, 2,
                                                                 f->d1, true, QStringLiteral("P1 was first"), settings),
                        &error),
            qPrintable(error));
        QCOMPARE(stack.undoText(), QStringLiteral("Reject #2 (conflict)"));
        QCOMPARE(toString(f->workflow->state(f->d2).status), QStringLiteral("Rejected"));
        QCOMPARE(f->workflow->state(f->d2).rejectReason, QStringLiteral("P1 was first"));
        QCOMPARE(resolution(), QStringLiteral("rejected later"));
        stack.undo();
        QCOMPARE(toString(f->workflow->state(f->d2).status), QStringLiteral("Submitted"));
        QCOMPARE(f->workflow->state(f->d2).rejectReason, QString());
        QCOMPARE(resolution(), QString());
        QVERIFY(!conflicts.resolution(f->d2, f->d1));
        stack.redo();
        QCOMPARE(toString(f->workflow->state(f->d2).status), QStringLiteral("Rejected"));
        QCOMPARE(resolution(), QStringLiteral("rejected later"));
        stack.undo();

        // Accept both: undo removes the record; an earlier record is put back by undo of an overwrite.
        QVERIFY(pushCommand(stack,
                            std::make_unique<ResolveConflictCommand>(*f->db, *f->workflow, conflicts, f->clock, f->d2,
                                                                     2, f->d1, false, QStringLiteral("different teams"),
                                                                     settings),
                            &error));
        QCOMPARE(resolution(), QStringLiteral("accepted both"));
        QCOMPARE(toString(f->workflow->state(f->d2).status), QStringLiteral("Submitted"));
        QVERIFY(pushCommand(stack,
                            std::make_unique<ResolveConflictCommand>(*f->db, *f->workflow, conflicts, f->clock, f->d2,
                                                                     2, f->d1, true, QStringLiteral("changed my mind"),
                                                                     settings),
                            &error));
        QCOMPARE(resolution(), QStringLiteral("rejected later"));
        stack.undo();
        QCOMPARE(resolution(), QStringLiteral("accepted both"));
        QCOMPARE(conflicts.resolution(f->d2, f->d1)->reason, QStringLiteral("different teams"));
        QCOMPARE(toString(f->workflow->state(f->d2).status), QStringLiteral("Submitted"));
        stack.undo();
        QCOMPARE(resolution(), QString());

        // Atomic: when recording the resolution fails (no such earlier registration), the rejection is rolled back.
        const int count = stack.count();
        QVERIFY(!pushCommand(
            stack,
            std::make_unique<ResolveConflictCommand>(*f->db, *f->workflow, conflicts, f->clock, f->d2, 2,
                                                     QStringLiteral("00000000-0000-0000-0000-000000000000"), true,
                                                     QStringLiteral("x"), settings),
            &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(stack.count(), count);
        QCOMPARE(toString(f->workflow->state(f->d2).status), QStringLiteral("Submitted"));
        QCOMPARE(f->workflow->state(f->d2).rejectReason, QString());
    }

    void undoRegistrationWithNewCustomer_data() { test::TestDatabases::addBackendRows(); }
    void undoRegistrationWithNewCustomer()
    {
        auto f = open();
        QUndoStack stack;
        QString error;
        AccountRepository accounts(*f->db);
        f->clock.set(at("2017-02-01T08:00:00Z"));
        Deal d;
        d.partnerId = f->p1;
        d.productId = f->gtx;
        d.amountMinor = 300000;
        Account globex;
        globex.name = QStringLiteral("Globex Ltd");
        globex.webDomain = QStringLiteral("globex.com");
        globex.country = QStringLiteral("US");
        auto command = std::make_unique<RegisterDealCommand>(*f->db, *f->workflow, d, ProgramSettings{});
        command->createCustomer(accounts, f->clock, globex);
        RegisterDealCommand* raw = command.get();
        QVERIFY2(pushCommand(stack, std::move(command), &error), qPrintable(error));
        const QString dealId = raw->deal().id;
        const QString accountId = raw->createdAccountId();
        QVERIFY(!accountId.isEmpty());
        QCOMPARE(accounts.findByName(QStringLiteral("Globex"))->id, accountId);
        QCOMPARE(raw->deal().accountId, accountId);
        QCOMPARE(f->workflow->state(dealId).registrationNumber, qint64(3));
        QCOMPARE(f->pipeline->count({}), qint64(4));
        QCOMPARE(stack.undoText(), QStringLiteral("Register deal #3"));

        stack.undo(); // the registration and the customer it created are gone
        QVERIFY(!accounts.findByName(QStringLiteral("Globex")));
        QVERIFY_THROWS_EXCEPTION(StorageError, f->workflow->state(dealId));
        QCOMPARE(f->pipeline->count({}), qint64(3));

        stack.redo(); // the same rows come back: same account, deal and number
        QCOMPARE(accounts.findByName(QStringLiteral("Globex"))->id, accountId);
        const DealState s = f->workflow->state(dealId);
        QCOMPARE(s.registrationNumber, qint64(3));
        QCOMPARE(toString(s.status), QStringLiteral("Submitted"));
        QCOMPARE(s.registeredAt, at("2017-02-01T08:00:00Z"));
        QCOMPARE(f->pipeline->count({}), qint64(4));
        DealFilter one;
        one.dealId = dealId;
        QCOMPARE(f->pipeline->list(one, 1).first().accountName, QStringLiteral("Globex Ltd"));

        // A customer someone else registered a deal for meanwhile stays when the registration is undone.
        Deal forGlobex = d;
        forGlobex.accountId = accountId;
        f->workflow->createDraft(forGlobex);
        stack.undo();
        QVERIFY_THROWS_EXCEPTION(StorageError, f->workflow->state(dealId));
        QCOMPARE(accounts.findByName(QStringLiteral("Globex"))->id, accountId);
        stack.redo();
        QCOMPARE(f->workflow->state(dealId).registrationNumber, qint64(3));
        f->workflow->discardDraft(forGlobex.id);

        // A new registration after an undo never reuses the number of the undone one.
        stack.undo();
        Deal other = d;
        other.accountId = f->acme;
        auto next = std::make_unique<RegisterDealCommand>(*f->db, *f->workflow, other, ProgramSettings{});
        RegisterDealCommand* nextRaw = next.get();
        QVERIFY(pushCommand(stack, std::move(next), &error));
        QCOMPARE(nextRaw->submitted().registrationNumber, qint64(4));
    }

    void undoProgramSettings_data() { test::TestDatabases::addBackendRows(); }
    void undoProgramSettings()
    {
        auto f = open();
        QUndoStack stack;
        QString error;
        ProgramSettingsRepository repo(*f->db, f->clock);
        QList<int> applied;
        ProgramSettings s;
        s.rules.protectionDays = 30;
        s.rules.approvedProbability = 45;
        s.reportingCurrency = QStringLiteral("EUR");
        QVERIFY2(pushCommand(stack,
                             std::make_unique<ProgramSettingsCommand>(
                                 repo, s, [&](const ProgramSettings& now) { applied << now.rules.protectionDays; }),
                             &error),
                 qPrintable(error));
        QCOMPARE(repo.load().rules.protectionDays, 30);
        QCOMPARE(repo.load().rules.approvedProbability, 45);
        QCOMPARE(repo.load().reportingCurrency, QStringLiteral("EUR"));
        stack.undo();
        QCOMPARE(repo.load().rules.protectionDays, 90);
        QCOMPARE(repo.load().rules.approvedProbability, 30);
        QCOMPARE(repo.load().reportingCurrency, QStringLiteral("USD"));
        stack.redo();
        QCOMPARE(repo.load().rules.protectionDays, 30);
        QCOMPARE(applied, (QList<int>{30, 90, 30}));
        // Out of range: refused, nothing saved or pushed.
        s.rules.protectionDays = 4000;
        QVERIFY(!pushCommand(stack, std::make_unique<ProgramSettingsCommand>(repo, s), &error));
        QCOMPARE(error, QStringLiteral("Program setting protection days must be between 0 and 3650"));
        QCOMPARE(stack.count(), 1);
        QCOMPARE(repo.load().rules.protectionDays, 30);
    }
};

QTEST_MAIN(TestPipelineModels)
#include "tst_pipelinemodels.moc"
