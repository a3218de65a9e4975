// The MDF program's rules and its fund ledger (issue 10; DESIGN.md section 3, MDF) on SQLite and PostgreSQL:
// over-allocation, claims above the approval, late claims and missing proof types are refused and leave nothing
// written; expiry at period end; undo and redo; a random sequence of operations always leaves the ledger balanced and
// every partner's figures equal to the sums of its entries. Amounts are in cents; each expected figure is worked out
// in the comments.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "domain/MdfRules.h"
#include "storage/ChangeNotifier.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfOperations.h"
#include "storage/MdfRequestRepository.h"
#include "storage/PartnerRepository.h"
#include "support/TestDatabases.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <thread>

using namespace pd;
using pd::test::countRows;
using pd::test::makePartner;

namespace {
QDateTime at(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(12, 0), Qt::UTC);
}

/// The repositories of one book.
struct Mdf
{
    Mdf(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr)
        : partners(db, clock), budgets(db, clock, notifier), requests(db, clock, notifier), ops(db, clock, notifier)
    {
    }
    PartnerRepository partners;
    MdfBudgetRepository budgets;
    MdfRequestRepository requests;
    MdfOperations ops;
};

/// Creates a budget through the repository (its id, dates and version set); `operation` receives the operation id.
MdfBudget makeBudget(Mdf& m, const QString& name, const QString& period, qint64 amountMinor, const QString& currency,
                     QString* operation = nullptr)
{
    MdfBudget b;
    b.name = name;
    b.period = period;
    b.amountMinor = amountMinor;
    b.currency = currency;
    const QString op = m.budgets.createBudget(b);
    if (operation)
        *operation = op;
    return b;
}

MdfRequest webinar(const MdfBudget& b, const Partner& p, qint64 costCents, qint64 requestedCents)
{
    MdfRequest r;
    r.budgetId = b.id;
    r.partnerId = p.id;
    r.activityType = QStringLiteral("webinar");
    r.description = QStringLiteral("Security webinar");
    r.startsOn = QDate(2017, 10, 10);
    r.endsOn = QDate(2017, 10, 12);
    r.totalCostMinor = costCents;
    r.requestedMinor = requestedCents;
    r.expectedLeads = 40;
    r.expectedPipelineMinor = 5'000'000;
    return r;
}

MdfProofFile proof(const QString& type, const QByteArray& bytes)
{
    return {type, type + QStringLiteral(".pdf"), bytes, QString()};
}

QList<MdfProofFile> webinarProofs()
{
    return {proof(QStringLiteral("invoice"), "INVOICE 4711"), proof(QStringLiteral("attendee list"), "name\nAnna\n")};
}

/// "allocated/committed/claimed/paid/available/expired" of `key` in `s` ("-" when the partner has no line).
QString figures(const MdfBudgetStatus& s, const QString& key)
{
    for (const auto& [k, f] : s.partners)
        if (k == key)
            return QStringLiteral("%1/%2/%3/%4/%5/%6")
                .arg(f.allocated)
                .arg(f.committed)
                .arg(f.claimed)
                .arg(f.paid)
                .arg(f.available)
                .arg(f.expired);
    return QStringLiteral("-");
}

/// Expects `action` to throw a StorageError whose message contains `text`; returns false (and warns) otherwise.
template <typename F> bool refused(F action, const QString& text)
{
    try {
        action();
    } catch (const StorageError& e) {
        if (e.message().contains(text))
            return true;
        qWarning("refused with \"%s\", expected \"%s\"", qPrintable(e.message()), qPrintable(text));
        return false;
    }
    qWarning("not refused; expected \"%s\"", qPrintable(text));
    return false;
}

/// Everything the ledger tables hold, to check that a refused action wrote nothing.
QString ledgerState(const Database& db)
{
    QStringList parts;
    for (const char* t : {"mdf_ledger", "mdf_operations", "mdf_allocations", "mdf_requests", "mdf_claims", "mdf_proofs",
                          "change_log", "audit_log"})
        parts << QString::number(countRows(db, QString::fromLatin1(t)));
    parts << test::column(db, QStringLiteral("SELECT partner_pk || ':' || account || '=' || amount_minor FROM "
                                             "mdf_balances ORDER BY budget_pk, partner_pk, account"))
                 .join(QLatin1Char(','));
    parts << test::column(db, QStringLiteral("SELECT status FROM mdf_requests ORDER BY pk")).join(QLatin1Char(','));
    parts << test::column(db, QStringLiteral("SELECT status FROM mdf_claims ORDER BY pk")).join(QLatin1Char(','));
    return parts.join(QLatin1Char('|'));
}

/// Per partner key: each account's balance summed straight from the ledger entries (independently of mdf_balances
/// and of the repository's figures): "KEY:account=amount" sorted.
QStringList sumsOfEntries(const Database& db)
{
    QMap<QString, qint64> sums;
    QSqlQuery q(db.handle());
    q.exec(QStringLiteral("SELECT COALESCE(p.partner_key, ''), l.from_account, l.to_account, l.amount_minor FROM "
                          "mdf_ledger l LEFT JOIN partners p ON p.pk = l.partner_pk"));
    // Funding and the pool are the budget's own accounts whichever partner an entry concerns.
    auto holder = [&](const QString& account) {
        return account == QLatin1String("funding") || account == QLatin1String("pool") ? QString()
                                                                                       : q.value(0).toString();
    };
    while (q.next()) {
        const QString from = q.value(1).toString();
        const QString to = q.value(2).toString();
        sums[holder(from) + QLatin1Char(':') + from] -= q.value(3).toLongLong();
        sums[holder(to) + QLatin1Char(':') + to] += q.value(3).toLongLong();
    }
    QStringList out;
    for (auto it = sums.begin(); it != sums.end(); ++it)
        if (it.value() != 0)
            out << it.key() + QLatin1Char('=') + QString::number(it.value());
    return out;
}

/// The same, from the repository's figures (claimed = payable + paid).
QStringList sumsOfFigures(const MdfBudgetStatus& s)
{
    QMap<QString, qint64> sums;
    for (const auto& [key, f] : s.partners) {
        sums[key + QStringLiteral(":available")] = f.available;
        sums[key + QStringLiteral(":committed")] = f.committed;
        sums[key + QStringLiteral(":payable")] = f.claimed - f.paid;
        sums[key + QStringLiteral(":paid")] = f.paid;
        sums[key + QStringLiteral(":expired")] = f.expired;
        if (f.allocated != f.available + f.committed + f.claimed + f.expired)
            sums[key + QStringLiteral(":allocated-mismatch")] = f.allocated;
    }
    sums[QStringLiteral(":funding")] = -s.budget.amountMinor;
    sums[QStringLiteral(":pool")] = s.unallocatedMinor;
    sums[QStringLiteral(":expired")] = s.poolExpiredMinor;
    QStringList out;
    for (auto it = sums.begin(); it != sums.end(); ++it)
        if (it.value() != 0)
            out << it.key() + QLatin1Char('=') + QString::number(it.value());
    return out;
}
} // namespace

class TestMdf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules();
    void claimChecks();
    void moneyMovesThroughTheLedger_data() { test::TestDatabases::addBackendRows(); }
    void moneyMovesThroughTheLedger();
    void refusalsWriteNothing_data() { test::TestDatabases::addBackendRows(); }
    void refusalsWriteNothing();
    void expiryAtPeriodEnd_data() { test::TestDatabases::addBackendRows(); }
    void expiryAtPeriodEnd();
    void undoAndRedo_data() { test::TestDatabases::addBackendRows(); }
    void undoAndRedo();
    void randomOperationsKeepTheLedgerBalanced_data() { test::TestDatabases::addBackendRows(); }
    void randomOperationsKeepTheLedgerBalanced();
    void proofsTravelWithTheBook();
    void concurrentApprovalsNeverOverspend_data() { test::TestDatabases::addBackendRows(); }
    void concurrentApprovalsNeverOverspend();

private:
    test::TestDatabases m_databases;
};

void TestMdf::rules()
{
    QCOMPARE(parseMdfPeriod(QStringLiteral("2017q4"))->text, QStringLiteral("2017Q4"));
    QCOMPARE(parseMdfPeriod(QStringLiteral("2017Q4"))->startsOn, QDate(2017, 10, 1));
    QCOMPARE(parseMdfPeriod(QStringLiteral("2017Q4"))->endsOn, QDate(2017, 12, 31));
    QCOMPARE(parseMdfPeriod(QStringLiteral("2016Q1"))->endsOn, QDate(2016, 3, 31));
    QCOMPARE(parseMdfPeriod(QStringLiteral("FY2018"))->startsOn, QDate(2018, 1, 1));
    QCOMPARE(parseMdfPeriod(QStringLiteral("FY2018"))->endsOn, QDate(2018, 12, 31));
    QString error;
    QVERIFY(!parseMdfPeriod(QStringLiteral("2017Q5"), &error));
    QVERIFY(error.contains(QStringLiteral("2017Q4")));
    // Requested amount = cost × vendor share, rounded half up: 3,000.01 × 50% = 1,500.005 → 1,500.01.
    QCOMPARE(mdfRequestedAmount(300'000, 50), qint64(150'000));
    QCOMPARE(mdfRequestedAmount(300'001, 50), qint64(150'001));
    QCOMPARE(mdfRequestedAmount(300'001, 0), qint64(0));
    // Accrual: 2% of 2,982,255.00 USD = 59,645.10 USD; 2.5% of 0.01 = 0.00025 → 0; 50% of 0.01 → 0.005 → 0.01.
    QCOMPARE(mdfAccrualAmount(298'225'500, 200), qint64(5'964'510));
    QCOMPARE(mdfAccrualAmount(1, 250), qint64(0));
    QCOMPARE(mdfAccrualAmount(1, 5000), qint64(1));
    QCOMPARE(mdfAccrualAmount(std::numeric_limits<qint64>::max(), 10000), std::numeric_limits<qint64>::max());
    QCOMPARE(parseBasisPoints(QStringLiteral("2")), std::optional<int>(200));
    QCOMPARE(parseBasisPoints(QStringLiteral("2.5%")), std::optional<int>(250));
    QCOMPARE(parseBasisPoints(QStringLiteral("0,25")), std::optional<int>(25));
    QVERIFY(!parseBasisPoints(QStringLiteral("100.01")));
    QVERIFY(!parseBasisPoints(QStringLiteral("2.555")));
    QCOMPARE(formatBasisPoints(250), QStringLiteral("2.5%"));
    QCOMPARE(formatBasisPoints(25), QStringLiteral("0.25%"));
    QCOMPARE(mdfClaimDueDate(QDate(2017, 10, 12), 60), QDate(2017, 12, 11));
    QVERIFY(mdfRequestTransitionAllowed(MdfRequestStatus::Submitted, MdfRequestStatus::Approved));
    QVERIFY(!mdfRequestTransitionAllowed(MdfRequestStatus::Draft, MdfRequestStatus::Approved));
    QVERIFY(!mdfRequestTransitionAllowed(MdfRequestStatus::Rejected, MdfRequestStatus::Submitted));
}

void TestMdf::claimChecks()
{
    MdfSettings settings;
    settings.activityTypes = defaultMdfActivityTypes();
    MdfRequest r;
    r.number = 7;
    r.currency = QStringLiteral("USD");
    r.activityType = QStringLiteral("webinar");
    r.status = MdfRequestStatus::Approved;
    r.endsOn = QDate(2017, 10, 12);
    r.approvedMinor = 120'000;
    MdfClaim c;
    c.actualCostMinor = 300'000;
    c.claimedMinor = 100'000;
    c.proofs = {{{}, {}, QStringLiteral("invoice"), {}, 1, {}}, {{}, {}, QStringLiteral("attendee list"), {}, 1, {}}};
    QCOMPARE(checkMdfClaim(c, r, settings, QDate(2017, 12, 11)), QString()); // the last day: 2017-10-12 + 60
    QCOMPARE(checkMdfClaim(c, r, settings, QDate(2017, 10, 12)), QString()); // the first: the day the activity ends
    QCOMPARE(checkMdfClaim(c, r, settings, QDate(2017, 10, 11)),
             QStringLiteral("This claim is early: the activity ends on 2017-10-12; file the claim once it has taken "
                            "place"));
    QCOMPARE(checkMdfClaim(c, r, settings, QDate(2017, 12, 12)),
             QStringLiteral("This claim is late: it was due on 2017-12-11 (60 days after the activity ended on "
                            "2017-10-12)"));
    c.claimedMinor = 120'001;
    QCOMPARE(checkMdfClaim(c, r, settings, QDate(2017, 11, 1)),
             QStringLiteral("Claimed amount: 1,200.01 USD is 0.01 USD more than the approved amount, 1,200.00 USD"));
    c.claimedMinor = 100'000;
    c.proofs.removeLast();
    QCOMPARE(checkMdfClaim(c, r, settings, QDate(2017, 11, 1)),
             QStringLiteral("Proof of performance: a claim for a webinar needs proof of type invoice, attendee list; "
                            "missing: attendee list"));
    r.status = MdfRequestStatus::Submitted;
    QVERIFY(checkMdfClaim(c, r, settings, QDate(2017, 11, 1)).contains(QStringLiteral("only an approved request")));
}

void TestMdf::moneyMovesThroughTheLedger()
{
    PD_OPEN_BOOK(db, m_databases);
    FixedClock clock(at(2017, 10, 2));
    ChangeNotifier notifier;
    Mdf m(*db, clock, &notifier);
    QSignalSpy spy(&notifier, &ChangeNotifier::mdfChanged);
    const Partner acn = makePartner(m.partners, QStringLiteral("ACN"));
    const Partner ibm = makePartner(m.partners, QStringLiteral("IBM"));
    // 10,000.00 USD; the period as a user may type it.
    const MdfBudget b =
        makeBudget(m, QStringLiteral("Q4 Fund"), QStringLiteral("2017q4"), 1'000'000, QStringLiteral("USD"));
    QCOMPARE(b.period, QStringLiteral("2017Q4"));
    QCOMPARE(b.endsOn, QDate(2017, 12, 31));
    QCOMPARE(spy.count(), 1);
    m.budgets.allocateFixed(b.id, acn.id, 400'000);
    m.budgets.allocateFixed(b.id, ibm.id, 500'000);
    // ACN: webinar costing 3,000.00; requested 1,500.00 (50%); approved 1,200.00 → committed.
    MdfRequest r = webinar(b, acn, 300'000, 150'000);
    m.requests.createRequest(r, true);
    QCOMPARE(r.number, qint64(1));
    QCOMPARE(toString(r.status), QStringLiteral("Submitted"));
    m.requests.approve(r.id, 120'000);
    MdfBudgetStatus s = m.budgets.status(b.id);
    QCOMPARE(figures(s, QStringLiteral("ACN")), QStringLiteral("400000/120000/0/0/280000/0"));
    QCOMPARE(s.unallocatedMinor, qint64(100'000));
    // The claim: actual cost 2,500.00, claimed 1,000.00 → 1,000.00 payable, the 200.00 rest released to available.
    clock.set(at(2017, 10, 20));
    MdfClaim c;
    c.requestId = r.id;
    c.actualCostMinor = 250'000;
    c.claimedMinor = 100'000;
    c.leads = 35;
    m.requests.fileClaim(c, webinarProofs());
    QCOMPARE(c.submittedOn, QDate(2017, 10, 20));
    QCOMPARE(c.proofs.size(), 2);
    QCOMPARE(c.proofs.at(0).sha256,
             QString::fromLatin1(QCryptographicHash::hash("INVOICE 4711", QCryptographicHash::Sha256).toHex()));
    m.requests.approveClaim(c.id);
    QCOMPARE(figures(m.budgets.status(b.id), QStringLiteral("ACN")), QStringLiteral("400000/0/100000/0/300000/0"));
    clock.set(at(2017, 10, 26));
    m.requests.payClaim(c.id, QDate(2017, 10, 25), QStringLiteral("PAY-0001"));
    s = m.budgets.status(b.id);
    QCOMPARE(figures(s, QStringLiteral("ACN")), QStringLiteral("400000/0/100000/100000/300000/0"));
    QCOMPARE(figures(s, QStringLiteral("IBM")), QStringLiteral("500000/0/0/0/500000/0"));
    QCOMPARE(s.total.allocated, qint64(900'000));
    QCOMPARE(s.total.paid, qint64(100'000));
    QVERIFY(s.balanced);
    QString problem;
    QVERIFY2(m.budgets.verifyLedger(b.id, &problem), qPrintable(problem));
    const MdfClaim paid = m.requests.claim(c.id);
    QCOMPARE(toString(paid.status), QStringLiteral("Paid"));
    QCOMPARE(paid.paymentReference, QStringLiteral("PAY-0001"));
    // The ledger, in posting order: funding, 2 allocations, commitment, claim approval, release, payment.
    QStringList kinds;
    for (const MdfLedgerEntry& e : m.budgets.ledger(QStringLiteral("2017Q4")))
        kinds << QStringLiteral("%1 %2 %3>%4 %5")
                     .arg(e.kind, e.partnerKey, e.fromAccount, e.toAccount)
                     .arg(e.amountMinor);
    QCOMPARE(kinds, (QStringList{QStringLiteral("funding  funding>pool 1000000"),
                                 QStringLiteral("allocation ACN pool>available 400000"),
                                 QStringLiteral("allocation IBM pool>available 500000"),
                                 QStringLiteral("commitment ACN available>committed 120000"),
                                 QStringLiteral("claim approval ACN committed>payable 100000"),
                                 QStringLiteral("release ACN committed>available 20000"),
                                 QStringLiteral("payment ACN payable>paid 100000")}));
    QVERIFY(m.budgets.ledger(QStringLiteral("2017Q3")).isEmpty());
    // Every entry is in the change log for sync, every action in the audit log.
    QCOMPARE(test::column(*db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'mdf_ledger'")),
             QStringList{QStringLiteral("7")});
    QVERIFY(!test::column(*db, QStringLiteral("SELECT details FROM audit_log WHERE entity = 'mdf_claims' ORDER BY seq"))
                 .filter(QStringLiteral("Approved → Paid"))
                 .isEmpty());
}

void TestMdf::refusalsWriteNothing()
{
    PD_OPEN_BOOK(db, m_databases);
    FixedClock clock(at(2017, 10, 2));
    Mdf m(*db, clock);
    const Partner acn = makePartner(m.partners, QStringLiteral("ACN"));
    MdfBudget b = makeBudget(m, QStringLiteral("Q4 Fund"), QStringLiteral("2017Q4"), 1'000'000, QStringLiteral("USD"));
    m.budgets.allocateFixed(b.id, acn.id, 900'000);
    MdfRequest r = webinar(b, acn, 300'000, 150'000);
    m.requests.createRequest(r, true);
    const QString before = ledgerState(*db);
    // Over-allocation: 1,000.01 asked, 1,000.00 left.
    QVERIFY(
        refused([&] { m.budgets.allocateFixed(b.id, acn.id, 100'001); },
                QStringLiteral("An allocation of 1,000.01 USD exceeds budget Q4 Fund by 0.01 USD: only 1,000.00 USD "
                               "is left to allocate")));
    // Lowering the budget below what is allocated.
    QVERIFY(refused([&] { m.budgets.changeBudgetAmount(b.id, 800'000); },
                    QStringLiteral("already allocated beyond that by 1,000.00 USD")));
    // Requested above the vendor's share; approval above the requested amount or above what is available.
    MdfRequest greedy = webinar(b, acn, 300'000, 150'001);
    QVERIFY(refused([&] { m.requests.createRequest(greedy, true); },
                    QStringLiteral("more than the vendor's share (50%) of the total cost, 1,500.00 USD")));
    QVERIFY(refused([&] { m.requests.approve(r.id, 150'001); }, QStringLiteral("at most the requested 1,500.00 USD")));
    QCOMPARE(ledgerState(*db), before);
    m.requests.approve(r.id, 150'000);
    MdfRequest second = webinar(b, acn, 2'000'000, 1'000'000);
    m.requests.createRequest(second, true);
    const QString approved = ledgerState(*db);
    // 9,000.00 allocated − 1,500.00 committed = 7,500.00 available; 10,000.00 asked.
    QVERIFY(refused([&] { m.requests.approve(second.id, 1'000'000); },
                    QStringLiteral("exceeds the funds partner ACN has available in budget Q4 Fund by 2,500.00 USD "
                                   "(available: 7,500.00 USD)")));
    // Claims: before the activity ended, above the approval, without the attendee list, late, on a request that is
    // not approved.
    MdfClaim c;
    c.requestId = r.id;
    c.actualCostMinor = 300'000;
    c.claimedMinor = 150'000;
    QVERIFY(refused([&] { m.requests.fileClaim(c, webinarProofs()); },
                    QStringLiteral("the activity ends on 2017-10-12; file the claim once it has taken place")));
    clock.set(at(2017, 10, 20));
    c.claimedMinor = 150'001;
    QVERIFY(refused([&] { m.requests.fileClaim(c, webinarProofs()); },
                    QStringLiteral("1,500.01 USD is 0.01 USD more than the approved amount, 1,500.00 USD")));
    c.claimedMinor = 150'000;
    QVERIFY(refused([&] { m.requests.fileClaim(c, {proof(QStringLiteral("invoice"), "x")}); },
                    QStringLiteral("missing: attendee list")));
    QVERIFY(refused([&] { m.requests.fileClaim(c, {proof(QStringLiteral("receipt"), "x")}); },
                    QStringLiteral("\"receipt\" is not a proof type")));
    clock.set(at(2017, 12, 12)); // the webinar ended 2017-10-12; due 60 days later, on 2017-12-11
    QVERIFY(refused([&] { m.requests.fileClaim(c, webinarProofs()); }, QStringLiteral("it was due on 2017-12-11")));
    clock.set(at(2017, 10, 20));
    MdfClaim onSubmitted;
    onSubmitted.requestId = second.id;
    onSubmitted.actualCostMinor = 100;
    onSubmitted.claimedMinor = 100;
    QVERIFY(refused([&] { m.requests.fileClaim(onSubmitted, webinarProofs()); },
                    QStringLiteral("only an approved request can be claimed")));
    // Status rules: a submitted request cannot be submitted again; rejecting needs a reason.
    QVERIFY(refused([&] { m.requests.submit(second.id); }, QStringLiteral("is Submitted; it cannot be submitted")));
    QVERIFY(refused([&] { m.requests.reject(second.id, QStringLiteral(" ")); }, QStringLiteral("Reason")));
    QVERIFY(refused([&] { m.budgets.closePeriod(b.id); },
                    QStringLiteral("ends on 2017-12-31; it can be closed from 2018-01-01")));
    QCOMPARE(ledgerState(*db), approved);
    QString problem;
    QVERIFY2(m.budgets.verifyLedger(b.id, &problem), qPrintable(problem));
    // One claim per request at a time.
    m.requests.fileClaim(c, webinarProofs());
    MdfClaim again = c;
    QVERIFY(refused([&] { m.requests.fileClaim(again, webinarProofs()); },
                    QStringLiteral("already has a claim that is Submitted (filed on 2017-10-20)")));
    QVERIFY(refused([&] { m.requests.cancel(r.id, QString()); }, QStringLiteral("cannot be cancelled")));
    QVERIFY(refused([&] { m.requests.payClaim(c.id, QDate(2017, 10, 20), QStringLiteral("P1")); },
                    QStringLiteral("is Submitted; it cannot be paid")));
}

void TestMdf::expiryAtPeriodEnd()
{
    PD_OPEN_BOOK(db, m_databases);
    FixedClock clock(at(2017, 10, 2));
    Mdf m(*db, clock);
    const Partner acn = makePartner(m.partners, QStringLiteral("ACN"));
    const Partner ibm = makePartner(m.partners, QStringLiteral("IBM"));
    MdfBudget b = makeBudget(m, QStringLiteral("Q4 Fund"), QStringLiteral("2017Q4"), 1'000'000, QStringLiteral("USD"));
    m.budgets.allocateFixed(b.id, acn.id, 400'000);
    m.budgets.allocateFixed(b.id, ibm.id, 300'000);
    // ACN's webinar (ends 2017-10-12, claim due 2017-12-11) is approved for 1,000.00 and never claimed; IBM's event
    // (ends 2017-12-20, due 2018-02-18) is approved for 500.00 and still claimable when the period closes.
    MdfRequest r = webinar(b, acn, 300'000, 150'000);
    m.requests.createRequest(r, true);
    m.requests.approve(r.id, 100'000);
    MdfRequest late = webinar(b, ibm, 100'000, 50'000);
    late.activityType = QStringLiteral("event");
    late.startsOn = QDate(2017, 12, 19);
    late.endsOn = QDate(2017, 12, 20);
    m.requests.createRequest(late, true);
    m.requests.approve(late.id, 50'000);
    clock.set(at(2018, 1, 2));
    m.budgets.closePeriod(b.id);
    const MdfBudgetStatus s = m.budgets.status(b.id);
    QVERIFY(s.budget.closed);
    QCOMPARE(s.budget.closedOn, QDate(2018, 1, 2));
    // ACN: 3,000.00 available and its 1,000.00 unclaimed commitment expire: 4,000.00 expired.
    QCOMPARE(figures(s, QStringLiteral("ACN")), QStringLiteral("400000/0/0/0/0/400000"));
    // IBM: 2,500.00 available expire; the 500.00 commitment stays (its claim is due 2018-02-18).
    QCOMPARE(figures(s, QStringLiteral("IBM")), QStringLiteral("300000/50000/0/0/0/250000"));
    // The pool's 3,000.00 expire too.
    QCOMPARE(s.unallocatedMinor, qint64(0));
    QCOMPARE(s.poolExpiredMinor, qint64(300'000));
    QCOMPARE(s.total.expired, qint64(950'000));
    QVERIFY(s.balanced);
    QVERIFY(refused([&] { m.budgets.allocateFixed(b.id, acn.id, 1); }, QStringLiteral("is closed")));
    QVERIFY(refused([&] { m.budgets.closePeriod(b.id); }, QStringLiteral("already closed")));
    // IBM cancels its event after the close: the released commitment expires instead of returning.
    m.requests.cancel(late.id, QStringLiteral("venue cancelled"));
    QCOMPARE(figures(m.budgets.status(b.id), QStringLiteral("IBM")), QStringLiteral("300000/0/0/0/0/300000"));
    QString problem;
    QVERIFY2(m.budgets.verifyLedger(b.id, &problem), qPrintable(problem));
}

void TestMdf::undoAndRedo()
{
    PD_OPEN_BOOK(db, m_databases);
    FixedClock clock(at(2017, 10, 2));
    Mdf m(*db, clock);
    const Partner acn = makePartner(m.partners, QStringLiteral("ACN"));
    QString create;
    MdfBudget b =
        makeBudget(m, QStringLiteral("Q4 Fund"), QStringLiteral("2017Q4"), 1'000'000, QStringLiteral("USD"), &create);
    const QString allocate = m.budgets.allocateFixed(b.id, acn.id, 400'000);
    MdfRequest r = webinar(b, acn, 300'000, 150'000);
    m.requests.createRequest(r, true);
    const QString approve = m.requests.approve(r.id, 150'000);
    clock.set(at(2017, 10, 20)); // the webinar ended on 2017-10-12
    MdfClaim c;
    c.requestId = r.id;
    c.actualCostMinor = 300'000;
    c.claimedMinor = 150'000;
    const QString file = m.requests.fileClaim(c, webinarProofs());
    const QString approveClaim = m.requests.approveClaim(c.id);
    const QString pay = m.requests.payClaim(c.id, QDate(2017, 10, 20), QStringLiteral("PAY-1"));
    const QString paidState = figures(m.budgets.status(b.id), QStringLiteral("ACN"));
    QCOMPARE(paidState, QStringLiteral("400000/0/150000/150000/250000/0"));
    // Undo back to before the approval, one step at a time, then redo everything.
    m.ops.undo(pay);
    QCOMPARE(toString(m.requests.claim(c.id).status), QStringLiteral("Approved"));
    QCOMPARE(figures(m.budgets.status(b.id), QStringLiteral("ACN")), QStringLiteral("400000/0/150000/0/250000/0"));
    m.ops.undo(approveClaim);
    m.ops.undo(file);
    QVERIFY(refused([&] { m.requests.claim(c.id); }, QStringLiteral("no longer exists")));
    m.ops.undo(approve);
    QCOMPARE(toString(m.requests.request(r.id).status), QStringLiteral("Submitted"));
    QCOMPARE(figures(m.budgets.status(b.id), QStringLiteral("ACN")), QStringLiteral("400000/0/0/0/400000/0"));
    QVERIFY(refused([&] { m.ops.undo(approve); }, QStringLiteral("already undone")));
    m.ops.redo(approve);
    m.ops.redo(file);
    m.ops.redo(approveClaim);
    m.ops.redo(pay);
    QCOMPARE(figures(m.budgets.status(b.id), QStringLiteral("ACN")), paidState);
    QCOMPARE(toString(m.requests.claim(c.id).status), QStringLiteral("Paid"));
    // A second round trip of the same step posts again only what is in effect.
    m.ops.undo(pay);
    m.ops.redo(pay);
    QCOMPARE(figures(m.budgets.status(b.id), QStringLiteral("ACN")), paidState);
    // The allocation cannot be undone while its funds are spent; the budget's creation neither.
    QVERIFY(refused([&] { m.ops.undo(allocate); }, QStringLiteral("were used since (1,500.00 USD short)")));
    QVERIFY(refused([&] { m.ops.undo(create); }, QStringLiteral("cannot be undone")));
    // Reversals never delete. Posted: funding, allocation, commitment, claim approval (the whole commitment: no
    // release), payment = 5; the undo of payment, claim approval and approval reversed 3 (filing a claim moves no
    // money), the redo posted those 3 again, and the round trip of the payment 2 more: 13.
    QCOMPARE(countRows(*db, QStringLiteral("mdf_ledger")), qint64(5 + 3 + 3 + 2));
    QString problem;
    QVERIFY2(m.budgets.verifyLedger(b.id, &problem), qPrintable(problem));
    QCOMPARE(sumsOfEntries(*db), sumsOfFigures(m.budgets.status(b.id)));
    // Undoing a budget's amount change restores its amount.
    const MdfBudget other =
        makeBudget(m, QStringLiteral("FY Fund"), QStringLiteral("FY2018"), 500'000, QStringLiteral("EUR"));
    const QString change = m.budgets.changeBudgetAmount(other.id, 700'000);
    QCOMPARE(m.budgets.budget(other.id).amountMinor, qint64(700'000));
    m.ops.undo(change);
    QCOMPARE(m.budgets.budget(other.id).amountMinor, qint64(500'000));
    // An undone allocation leaves the list and tells sync (a delete in the change log); redo brings it back.
    const QString allocation = m.budgets.allocateFixed(other.id, acn.id, 100'000);
    QCOMPARE(m.budgets.allocations(other.id).size(), 1);
    m.ops.undo(allocation);
    QCOMPARE(m.budgets.allocations(other.id).size(), 0);
    QCOMPARE(test::column(*db, QStringLiteral("SELECT op FROM change_log WHERE entity = 'mdf_allocations' ORDER BY "
                                              "seq")),
             (QStringList{QStringLiteral("insert"), QStringLiteral("insert"), QStringLiteral("delete")}));
    m.ops.redo(allocation);
    QCOMPARE(m.budgets.allocations(other.id).first().amountMinor, qint64(100'000));
    QVERIFY2(m.budgets.verifyLedger(other.id, &problem), qPrintable(problem));
}

void TestMdf::randomOperationsKeepTheLedgerBalanced()
{
    PD_OPEN_BOOK(db, m_databases);
    FixedClock clock(at(2017, 10, 20)); // after the webinars of the requests (2017-10-10 to 12): they can be claimed
    Mdf m(*db, clock);
    const QList<Partner> partners = {makePartner(m.partners, QStringLiteral("ACN")),
                                     makePartner(m.partners, QStringLiteral("IBM")),
                                     makePartner(m.partners, QStringLiteral("MSFT"))};
    MdfBudget b = makeBudget(m, QStringLiteral("Q4 Fund"), QStringLiteral("2017Q4"), 2'000'000, QStringLiteral("USD"));
    QRandomGenerator random(20171002); // fixed seed: the same sequence on every run
    QStringList done;                  // operation ids, for undo
    QStringList requestIds;
    QStringList claimIds;
    int refusedCount = 0;
    int appliedCount = 0;
    const int steps = backend == QLatin1String("sqlite") ? 300 : 120;
    for (int step = 0; step < steps; ++step) {
        const Partner& p = partners.at(random.bounded(partners.size()));
        const qint64 amount = 1 + random.bounded(600'000); // sometimes more than what is left
        const int what = random.bounded(9);
        const QString before = ledgerState(*db);
        try {
            switch (what) {
            case 0:
                done << m.budgets.allocateFixed(b.id, p.id, amount);
                break;
            case 1: {
                MdfRequest r = webinar(b, p, 2 * amount, amount);
                done << m.requests.createRequest(r, true);
                requestIds << r.id;
                break;
            }
            case 2:
            case 3:
                if (requestIds.isEmpty())
                    continue;
                done << m.requests.approve(requestIds.at(random.bounded(requestIds.size())),
                                           1 + random.bounded(300'000));
                break;
            case 4: {
                if (requestIds.isEmpty())
                    continue;
                MdfClaim c;
                c.requestId = requestIds.at(random.bounded(requestIds.size()));
                c.actualCostMinor = 2 * amount;
                c.claimedMinor = amount;
                c.leads = random.bounded(50);
                done << m.requests.fileClaim(c, webinarProofs());
                claimIds << c.id;
                break;
            }
            case 5:
                if (claimIds.isEmpty())
                    continue;
                done << m.requests.approveClaim(claimIds.at(random.bounded(claimIds.size())));
                break;
            case 6:
                if (claimIds.isEmpty())
                    continue;
                done << m.requests.payClaim(claimIds.at(random.bounded(claimIds.size())), QDate(2017, 10, 2),
                                            QStringLiteral("P%1").arg(step));
                break;
            case 7:
                if (requestIds.isEmpty())
                    continue;
                done << m.requests.cancel(requestIds.at(random.bounded(requestIds.size())), QStringLiteral("random"));
                break;
            case 8:
                if (done.isEmpty())
                    continue;
                m.ops.undo(done.takeLast());
                break;
            }
            ++appliedCount;
        } catch (const StorageError&) {
            ++refusedCount;
            // A refused operation leaves nothing behind.
            QCOMPARE(ledgerState(*db), before);
        }
        QString problem;
        QVERIFY2(m.budgets.verifyLedger(b.id, &problem),
                 qPrintable(QStringLiteral("step %1: %2").arg(step).arg(problem)));
        const MdfBudgetStatus s = m.budgets.status(b.id);
        QVERIFY(s.balanced);
        QCOMPARE(sumsOfEntries(*db), sumsOfFigures(s));
    }
    // The sequence exercised both paths.
    QVERIFY2(appliedCount > steps / 4 && refusedCount > steps / 10,
             qPrintable(QStringLiteral("%1 applied, %2 refused").arg(appliedCount).arg(refusedCount)));
}

void TestMdf::proofsTravelWithTheBook()
{
    // The proof files are inside the book: a copied (or moved) book file still has them, checksum and all.
    QTemporaryDir dir;
    const QString original = dir.filePath(QStringLiteral("book.partnerdesk"));
    const QString copied = dir.filePath(QStringLiteral("moved/copy.partnerdesk"));
    FixedClock clock(at(2017, 10, 20));
    QString proofId;
    const QByteArray invoice = QByteArray("%PDF-1.4 invoice 4711 ").repeated(1000);
    {
        Database db(*DatabaseConfig::fromString(original));
        db.open();
        Migrator(db).migrate();
        Mdf m(db, clock);
        const Partner acn = makePartner(m.partners, QStringLiteral("ACN"));
        MdfBudget b = makeBudget(m, QStringLiteral("Q4"), QStringLiteral("2017Q4"), 1'000'000, QStringLiteral("USD"));
        m.budgets.allocateFixed(b.id, acn.id, 500'000);
        MdfRequest r = webinar(b, acn, 300'000, 150'000);
        m.requests.createRequest(r, true);
        m.requests.approve(r.id, 150'000);
        MdfClaim c;
        c.requestId = r.id;
        c.actualCostMinor = 300'000;
        c.claimedMinor = 150'000;
        m.requests.fileClaim(
            c, {proof(QStringLiteral("invoice"), invoice), proof(QStringLiteral("attendee list"), "Anna\n")});
        proofId = c.proofs.at(0).id;
    }
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("moved"))));
    QVERIFY(QFile::copy(original, copied));
    QVERIFY(QFile::remove(original));
    Database db(*DatabaseConfig::fromString(copied));
    db.open();
    Mdf m(db, clock);
    const QString target = dir.filePath(QStringLiteral("invoice-copy.pdf"));
    QCOMPARE(m.requests.saveProofCopy(proofId, target), target);
    QFile f(target);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), invoice);
    // A damaged stored copy is refused, naming the file, and nothing is written.
    QSqlQuery damage(db.handle());
    QVERIFY(damage.exec(QStringLiteral("UPDATE mdf_proofs SET content = X'00' WHERE file_name = 'invoice.pdf'")));
    const QString second = dir.filePath(QStringLiteral("second.pdf"));
    try {
        m.requests.saveProofCopy(proofId, second);
        QFAIL("a damaged proof was copied");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::Corrupt);
        QVERIFY(e.message().contains(QStringLiteral("invoice.pdf")));
    }
    QVERIFY(!QFile::exists(second));
}

void TestMdf::concurrentApprovalsNeverOverspend()
{
    // Two connections (two windows, or a window and the CLI) approve requests of one partner at the same time. ACN has
    // 10,000.00 available and 20 requests of 1,000.00 wait: whatever the interleaving, exactly 10 are approved, the
    // other 10 are refused naming the shortfall, and nothing is committed twice.
    PD_OPEN_BOOK(db, m_databases);
    FixedClock clock(at(2017, 10, 2));
    Mdf m(*db, clock);
    const Partner acn = makePartner(m.partners, QStringLiteral("ACN"));
    const MdfBudget b = makeBudget(m, QStringLiteral("Q4"), QStringLiteral("2017Q4"), 1'000'000, QStringLiteral("USD"));
    m.budgets.allocateFixed(b.id, acn.id, 1'000'000);
    QStringList ids;
    for (int i = 0; i < 20; ++i) {
        MdfRequest r = webinar(b, acn, 200'000, 100'000);
        m.requests.createRequest(r, true);
        ids << r.id;
    }
    std::atomic_int approved{0};
    std::atomic_int short_{0};
    QStringList otherErrors;
    QMutex errorsLock;
    auto approveHalf = [&](int parity) {
        Database own(db->config());
        try {
            own.open(Database::OpenMode::MustExist);
            MdfRequestRepository requests(own, clock);
            for (int i = parity; i < ids.size(); i += 2) {
                try {
                    requests.approve(ids.at(i), 100'000);
                    ++approved;
                } catch (const StorageError& e) {
                    if (e.message().contains(QStringLiteral("exceeds the funds partner ACN has available")))
                        ++short_;
                    else {
                        QMutexLocker lock(&errorsLock);
                        otherErrors << e.message();
                    }
                }
            }
        } catch (const StorageError& e) {
            QMutexLocker lock(&errorsLock);
            otherErrors << e.message();
        }
    };
    std::thread first(approveHalf, 0);
    std::thread second(approveHalf, 1);
    first.join();
    second.join();
    QCOMPARE(otherErrors, QStringList());
    QCOMPARE(approved.load(), 10);
    QCOMPARE(short_.load(), 10);
    QCOMPARE(figures(m.budgets.status(b.id), QStringLiteral("ACN")), QStringLiteral("1000000/1000000/0/0/0/0"));
    QString problem;
    QVERIFY2(m.budgets.verifyLedger(b.id, &problem), qPrintable(problem));
}

QTEST_GUILESS_MAIN(TestMdf)
#include "tst_mdf.moc"
