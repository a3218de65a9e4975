// Model tests for the MDF pane (issue 10, items 6, 7 and 9; DESIGN.md section 6: every model is checked with
// QAbstractItemModelTester and QSignalSpy): requests, claims, the approval queue, per-partner figures and MDF return,
// loaded on a worker and reloaded on ChangeNotifier::mdfChanged; and the undo commands (MdfOperationCommand for every
// MDF action, MdfDraftCommand for draft edits). Storage-backed, on SQLite and PostgreSQL, with an injected clock.
#include "domain/Clock.h"
#include "models/MdfApprovalQueueModel.h"
#include "models/MdfClaimTableModel.h"
#include "models/MdfDraftCommand.h"
#include "models/MdfFilterProxy.h"
#include "models/MdfOperationCommand.h"
#include "models/MdfPartnerFiguresModel.h"
#include "models/MdfRequestTableModel.h"
#include "models/MdfReturnModel.h"
#include "storage/ChangeNotifier.h"
#include "storage/Database.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfOperations.h"
#include "storage/MdfRequestRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "support/TestDatabases.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {

QDateTime utc(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(9, 0), Qt::UTC);
}

/// A book with partners ACN and ARW and budget "Q4 Fund" (2017Q4, 100,000.00 USD) created on 2017-10-02: 10,000.00
/// USD allocated to ACN and 5,000.00 to ARW. Request 1 (ACN, event, cost 4,000.00, requested 2,000.00) submitted on
/// 2017-10-02; request 2 (ARW, webinar 2017-10-10 to 10-12, cost 1,000.00, requested 500.00) submitted on 10-02 and
/// approved at 400.00 on 10-05; on 10-20 a claim against it (actual cost 900.00, claimed 400.00, 12 leads, an invoice
/// and an attendee list). Every MDF action is an MdfOperationCommand on `stack`.
struct MdfBook
{
    explicit MdfBook(const DatabaseConfig& c) : config(c), db(c)
    {
        db.open();
        Migrator(db).migrate();
        acn = addPartner(QStringLiteral("ACN"), QStringLiteral("Accenture"));
        arw = addPartner(QStringLiteral("ARW"), QStringLiteral("Arrow Electronics"));
        MdfBudget b;
        b.name = QStringLiteral("Q4 Fund");
        b.period = QStringLiteral("2017Q4");
        b.amountMinor = 10000000;
        b.currency = QStringLiteral("USD");
        push(QStringLiteral("New budget"), [this, b]() mutable {
            const QString op = budgets.createBudget(b);
            budget = b;
            return op;
        });
        push(QStringLiteral("Allocate ACN"), [this] { return budgets.allocateFixed(budget.id, acn, 1000000); });
        push(QStringLiteral("Allocate ARW"), [this] { return budgets.allocateFixed(budget.id, arw, 500000); });
        request1 = newRequest(acn, QStringLiteral("event"), QStringLiteral("Partner summit"), 400000, 200000, true);
        request2 = newRequest(arw, QStringLiteral("webinar"), QStringLiteral("Cloud webinar"), 100000, 50000, true);
        clock.set(utc(2017, 10, 5));
        push(QStringLiteral("Approve 2"), [this] { return requests.approve(request2.id, 40000); });
        clock.set(utc(2017, 10, 20));
        claim.requestId = request2.id;
        claim.actualCostMinor = 90000;
        claim.claimedMinor = 40000;
        claim.leads = 12;
        const QList<MdfProofFile> proofs = {
            {QStringLiteral("invoice"), QStringLiteral("invoice.pdf"), "%PDF invoice", {}},
            {QStringLiteral("attendee list"), QStringLiteral("attendees.csv"), "name\nAda\n", {}}};
        push(QStringLiteral("File claim"), [this, proofs] { return requests.fileClaim(claim, proofs); });
    }
    QString addPartner(const QString& key, const QString& name)
    {
        Partner p;
        p.key = key;
        p.name = name;
        partners.insert(p);
        return p.id;
    }
    MdfRequest newRequest(const QString& partnerId, const QString& type, const QString& description, qint64 cost,
                          qint64 requested, bool submit)
    {
        MdfRequest r;
        r.budgetId = budget.id;
        r.partnerId = partnerId;
        r.activityType = type;
        r.description = description;
        r.startsOn = QDate(2017, 10, 10);
        r.endsOn = QDate(2017, 10, 12);
        r.totalCostMinor = cost;
        r.requestedMinor = requested;
        push(QStringLiteral("New request"), [this, &r, submit] { return requests.createRequest(r, submit); });
        return r;
    }
    void push(const QString& text, MdfOperationCommand::Action action)
    {
        QString error;
        if (!pushCommand(stack, std::make_unique<MdfOperationCommand>(operations, text, std::move(action)), &error))
            qFatal("%s: %s", qPrintable(text), qPrintable(error));
    }
    DatabaseConfig config;
    Database db;
    FixedClock clock{utc(2017, 10, 2)};
    ChangeNotifier notifier;
    PartnerRepository partners{db, clock, &notifier};
    MdfBudgetRepository budgets{db, clock, &notifier};
    MdfRequestRepository requests{db, clock, &notifier};
    MdfOperations operations{db, clock, &notifier};
    QUndoStack stack;
    QString acn, arw;
    MdfBudget budget;
    MdfRequest request1, request2;
    MdfClaim claim;
};

/// The display texts of column `column` of `model`, row by row.
QStringList columnTexts(const QAbstractItemModel& model, int column)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, column).data().toString();
    return out;
}

/// Activates `model` for `budgetId` and waits until its rows are read.
bool loadNow(MdfLoadedModel& model, const QString& budgetId)
{
    model.setBudgetId(budgetId);
    model.setActive(true);
    return QTest::qWaitFor([&model] { return !model.isLoading() && !model.isStale(); }, 10000);
}

} // namespace

class TestMdfModels : public QObject
{
    Q_OBJECT
public:
    TestMdfModels() { initStorageResources(); }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void requestsAndClaimsShowAmountsStatusAndAge_data() { test::TestDatabases::addBackendRows(); }
    void requestsAndClaimsShowAmountsStatusAndAge();
    void approvalQueueIsOldestFirstWithAge_data() { test::TestDatabases::addBackendRows(); }
    void approvalQueueIsOldestFirstWithAge();
    void figuresAndReturnFollowUndoAndRedo_data() { test::TestDatabases::addBackendRows(); }
    void figuresAndReturnFollowUndoAndRedo();
    void draftEditIsUndoable_data() { test::TestDatabases::addBackendRows(); }
    void draftEditIsUndoable();

private:
    test::TestDatabases m_dbs;
};

#define OPEN_BOOK(book)                                                                                                \
    QFETCH(QString, backend);                                                                                          \
    QString error;                                                                                                     \
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);                                    \
    if (!config)                                                                                                       \
        QFAIL(qPrintable(error));                                                                                      \
    MdfBook book(*config)

void TestMdfModels::requestsAndClaimsShowAmountsStatusAndAge()
{
    OPEN_BOOK(book);
    book.clock.set(utc(2017, 10, 25));
    MdfRequestTableModel requests(book.config, book.clock, &book.notifier);
    QAbstractItemModelTester requestTester(&requests, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(requests.isStale()); // nothing read until the pane is shown
    QVERIFY(loadNow(requests, book.budget.id));
    QCOMPARE(columnTexts(requests, MdfRequestTableModel::Partner), (QStringList{"ACN", "ARW"}));
    QCOMPARE(columnTexts(requests, MdfRequestTableModel::TotalCost), (QStringList{"4,000.00 USD", "1,000.00 USD"}));
    QCOMPARE(columnTexts(requests, MdfRequestTableModel::Requested), (QStringList{"2,000.00 USD", "500.00 USD"}));
    QCOMPARE(columnTexts(requests, MdfRequestTableModel::Approved), (QStringList{"", "400.00 USD"}));
    QCOMPARE(columnTexts(requests, MdfRequestTableModel::Status), (QStringList{"Submitted", "Approved"}));
    QCOMPARE(columnTexts(requests, MdfRequestTableModel::Age), (QStringList{"23", ""})); // submitted 10-02
    QCOMPARE(requests.index(0, MdfRequestTableModel::TotalCost).data(MdfLoadedModel::SortRole).toLongLong(), 400000);
    QCOMPARE(requests.index(0, MdfRequestTableModel::TotalCost).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));

    // The proxy sorts money as numbers (1,000.00 < 4,000.00 though "4" < "1" is false as text too: use 500 vs 2,000)
    // and filters by status and search text.
    MdfFilterProxy proxy;
    proxy.setSourceModel(&requests);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.sort(MdfRequestTableModel::Requested, Qt::AscendingOrder);
    QCOMPARE(columnTexts(proxy, MdfRequestTableModel::Requested), (QStringList{"500.00 USD", "2,000.00 USD"}));
    proxy.setStatus(QStringLiteral("Submitted"));
    QCOMPARE(columnTexts(proxy, MdfRequestTableModel::Partner), (QStringList{"ACN"}));
    proxy.setStatus({});
    proxy.setSearchText(QStringLiteral("cloud"));
    QCOMPARE(columnTexts(proxy, MdfRequestTableModel::Partner), (QStringList{"ARW"}));

    MdfClaimTableModel claims(book.config, book.clock, &book.notifier);
    QAbstractItemModelTester claimTester(&claims, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadNow(claims, book.budget.id));
    QCOMPARE(claims.rowCount(), 1);
    QCOMPARE(claims.index(0, MdfClaimTableModel::RequestNumber).data().toLongLong(), book.request2.number);
    QCOMPARE(claims.index(0, MdfClaimTableModel::ActualCost).data().toString(), QStringLiteral("900.00 USD"));
    QCOMPARE(claims.index(0, MdfClaimTableModel::Claimed).data().toString(), QStringLiteral("400.00 USD"));
    QCOMPARE(claims.index(0, MdfClaimTableModel::Leads).data().toInt(), 12);
    QCOMPARE(claims.index(0, MdfClaimTableModel::Proofs).data().toInt(), 2);
    QCOMPARE(claims.index(0, MdfClaimTableModel::Status).data().toString(), QStringLiteral("Submitted"));
    QCOMPARE(claims.index(0, MdfClaimTableModel::Age).data().toInt(), 5); // submitted 10-20

    // A change in the book reloads an active model: the claim is approved and loses its age.
    QSignalSpy reloaded(&claims, &MdfLoadedModel::loaded);
    book.push(QStringLiteral("Approve claim"), [&book] { return book.requests.approveClaim(book.claim.id); });
    QVERIFY(reloaded.wait(10000));
    QCOMPARE(claims.index(0, MdfClaimTableModel::Status).data().toString(), QStringLiteral("Approved"));
    QCOMPARE(claims.index(0, MdfClaimTableModel::Age).data().toString(), QString());
}

void TestMdfModels::approvalQueueIsOldestFirstWithAge()
{
    OPEN_BOOK(book);
    book.clock.set(utc(2017, 10, 25));
    MdfApprovalQueueModel queue(book.config, book.clock, &book.notifier);
    QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadNow(queue, book.budget.id));
    // Request 1 has waited since 10-02, the claim since 10-20; request 2 is decided.
    QCOMPARE(columnTexts(queue, MdfApprovalQueueModel::Kind), (QStringList{"Request", "Claim"}));
    QCOMPARE(columnTexts(queue, MdfApprovalQueueModel::Partner), (QStringList{"ACN", "ARW"}));
    QCOMPARE(columnTexts(queue, MdfApprovalQueueModel::Age), (QStringList{"23", "5"}));
    QCOMPARE(columnTexts(queue, MdfApprovalQueueModel::Amount), (QStringList{"2,000.00 USD", "400.00 USD"}));

    book.push(QStringLiteral("Reject 1"),
              [&book] { return book.requests.reject(book.request1.id, QStringLiteral("No budget for summits")); });
    QTRY_COMPARE(columnTexts(queue, MdfApprovalQueueModel::Kind), (QStringList{"Claim"}));
}

void TestMdfModels::figuresAndReturnFollowUndoAndRedo()
{
    OPEN_BOOK(book);
    MdfPartnerFiguresModel figures(book.config, book.clock, &book.notifier);
    QAbstractItemModelTester figuresTester(&figures, QAbstractItemModelTester::FailureReportingMode::QtTest);
    MdfReturnModel returns(book.config, book.clock, &book.notifier);
    QAbstractItemModelTester returnTester(&returns, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadNow(figures, book.budget.id));
    QVERIFY(loadNow(returns, book.budget.id));
    QCOMPARE(columnTexts(figures, MdfPartnerFiguresModel::Partner), (QStringList{"ACN", "ARW"}));
    QCOMPARE(columnTexts(figures, MdfPartnerFiguresModel::Allocated), (QStringList{"10,000.00 USD", "5,000.00 USD"}));
    QCOMPARE(columnTexts(figures, MdfPartnerFiguresModel::Committed), (QStringList{"0.00 USD", "400.00 USD"}));
    QCOMPARE(columnTexts(figures, MdfPartnerFiguresModel::Available), (QStringList{"10,000.00 USD", "4,600.00 USD"}));
    QCOMPARE(columnTexts(figures, MdfPartnerFiguresModel::Utilization), (QStringList{"0%", "8%"}));
    QCOMPARE(figures.index(1, 0).data(MdfPartnerFiguresModel::UtilizationRole).toDouble(), 0.08);
    QCOMPARE(figures.budgetStatus().unallocatedMinor, 8500000);
    QVERIFY(figures.budgetStatus().balanced);

    // Approving the claim (one MdfOperationCommand) moves 400.00 from committed to claimed.
    book.push(QStringLiteral("Approve claim"), [&book] { return book.requests.approveClaim(book.claim.id); });
    QTRY_COMPARE(columnTexts(figures, MdfPartnerFiguresModel::Claimed), (QStringList{"0.00 USD", "400.00 USD"}));
    QTRY_COMPARE(columnTexts(returns, MdfReturnModel::Spend), (QStringList{"400.00 USD"}));
    QCOMPARE(columnTexts(returns, MdfReturnModel::Group), (QStringList{"ARW"}));
    QCOMPARE(columnTexts(returns, MdfReturnModel::Leads), (QStringList{"12"}));
    QCOMPARE(columnTexts(returns, MdfReturnModel::CostPerLead), (QStringList{"33.33 USD"})); // 400.00 / 12
    QCOMPARE(columnTexts(returns, MdfReturnModel::RevenuePerDollar), (QStringList{"0.00"}));
    returns.setByActivityType(true);
    QTRY_COMPARE(columnTexts(returns, MdfReturnModel::Group), (QStringList{"webinar"}));

    // Undo puts the commitment back; redo claims it again: the ledger balances throughout.
    book.stack.undo();
    QTRY_COMPARE(columnTexts(figures, MdfPartnerFiguresModel::Claimed), (QStringList{"0.00 USD", "0.00 USD"}));
    QCOMPARE(columnTexts(figures, MdfPartnerFiguresModel::Committed), (QStringList{"0.00 USD", "400.00 USD"}));
    QVERIFY(figures.budgetStatus().balanced);
    book.stack.redo();
    QTRY_COMPARE(columnTexts(figures, MdfPartnerFiguresModel::Claimed), (QStringList{"0.00 USD", "400.00 USD"}));
    QVERIFY(figures.budgetStatus().balanced);
    QCOMPARE(book.stack.count(), 8); // budget, two allocations, two requests, approval, claim, claim approval
}

void TestMdfModels::draftEditIsUndoable()
{
    OPEN_BOOK(book);
    MdfRequest draft =
        book.newRequest(book.acn, QStringLiteral("content"), QStringLiteral("Case study"), 300000, 150000, false);
    MdfRequest edited = draft;
    edited.description = QStringLiteral("Two case studies");
    edited.totalCostMinor = 600000;
    edited.requestedMinor = 250000;
    QVERIFY2(pushCommand(book.stack, std::make_unique<MdfDraftCommand>(book.requests, draft, edited), &error),
             qPrintable(error));
    QCOMPARE(book.requests.request(draft.id).description, QStringLiteral("Two case studies"));
    QCOMPARE(book.requests.request(draft.id).requestedMinor, 250000);
    book.stack.undo();
    QCOMPARE(book.requests.request(draft.id).description, QStringLiteral("Case study"));
    QCOMPARE(book.requests.request(draft.id).requestedMinor, 150000);
    book.stack.redo();
    QCOMPARE(book.requests.request(draft.id).description, QStringLiteral("Two case studies"));
    QCOMPARE(toString(book.requests.request(draft.id).status), QStringLiteral("Draft"));
}

QTEST_MAIN(TestMdfModels)
#include "tst_mdfmodels.moc"
