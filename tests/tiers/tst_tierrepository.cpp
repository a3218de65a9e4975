// The tier program, tier metrics, evaluation, applied tier changes, their history and undo (issue 11, items 1–2;
// DESIGN.md section 3, tier program), on SQLite and PostgreSQL. The data is made by hand; every expected figure is
// worked out in the comments. The default program (schema v9): Silver 100,000 USD / 10 won deals / 0 certified.
#include "../storage/StorageFixture.h"

#include "domain/Clock.h"
#include "domain/FxRatesUsed.h"
#include "models/TierCommands.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"
#include "storage/DealRepository.h"
#include "storage/FxRepository.h"
#include "storage/ProductRepository.h"
#include "storage/TierRepository.h"
#include "storage/Transaction.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace pd;
using pd::test::countRows;
using pd::test::makePartner;

namespace {
const QString kAt = QStringLiteral("2026-03-01T10:00:00.000Z");

/// `count` Won deals of `partner` closed on `closedOn`, each of `amountMinor` in `currency`.
void addWonDeals(Database& db, const Partner& partner, int count, const QDate& closedOn, qint64 amountMinor,
                 const QString& currency = QStringLiteral("USD"))
{
    Transaction tx(db);
    QList<Product> products;
    Product p;
    p.name = QStringLiteral("Product %1 %2 %3").arg(partner.key, closedOn.toString(Qt::ISODate), currency);
    p.productLine = QStringLiteral("X");
    p.listPriceMinor = 100;
    products << p;
    ProductRepository(db).insertMany(products, kAt);
    QList<Deal> deals;
    for (int i = 0; i < count; ++i) {
        Deal d;
        d.partnerId = partner.id;
        d.productId = products.first().id;
        d.status = DealStatus::Won;
        d.registeredAt = QDateTime(closedOn.addDays(-30), QTime(0, 0), Qt::UTC);
        d.closedOn = closedOn;
        d.amountMinor = amountMinor;
        d.currency = currency;
        deals << d;
    }
    DealRepository(db).insertMany(deals, kAt);
    tx.commit();
}

PartnerTierEvaluation evaluationOf(const QList<PartnerTierEvaluation>& all, const QString& key)
{
    for (const PartnerTierEvaluation& e : all)
        if (e.metrics.partnerKey == key)
            return e;
    return {};
}

QString tierOf(PartnerRepository& partners, const QString& key)
{
    return partners.findByKey(key).value().tier;
}
} // namespace

class TestTierRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultProgramAndEdits_data() { test::TestDatabases::addBackendRows(); }
    void defaultProgramAndEdits();
    void metricsWindowAndCurrency_data() { test::TestDatabases::addBackendRows(); }
    void metricsWindowAndCurrency();
    void applyHistoryAndUndo_data() { test::TestDatabases::addBackendRows(); }
    void applyHistoryAndUndo();
    void applyAllAndUndo_data() { test::TestDatabases::addBackendRows(); }
    void applyAllAndUndo();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC)};
};

void TestTierRepository::defaultProgramAndEdits()
{
    PD_OPEN_BOOK(db, m_databases);
    ChangeNotifier notifier;
    TierRepository repo(*db, m_clock, &notifier);
    const QList<Tier> program = repo.listTiers();
    QCOMPARE(program.size(), 4);
    QCOMPARE(program[0].name, QStringLiteral("Registered"));
    QVERIFY(!program[0].minRevenueMinor);
    QCOMPARE(program[1].name, QStringLiteral("Silver"));
    QCOMPARE(program[1].minRevenueMinor.value(), 10000000); // 100,000.00 USD
    QCOMPARE(program[1].minWonDeals.value(), 10);
    QCOMPARE(program[1].minCertifiedContacts.value(), 0);
    QCOMPARE(program[2].minRevenueMinor.value(), 25000000);
    QCOMPARE(program[3].name, QStringLiteral("Platinum"));
    QCOMPARE(program[3].minWonDeals.value(), 150);
    QCOMPARE(program[3].minCertifiedContacts.value(), 2);
    QCOMPARE(program[3].benefits,
             QStringLiteral("Discount 30%; MDF eligible; co-marketing; dedicated channel manager"));
    QCOMPARE(TierRepository::revenueCurrency(program), QStringLiteral("USD"));

    QSignalSpy spy(&notifier, &ChangeNotifier::tiersChanged);
    const qint64 logStart = countRows(*db, QStringLiteral("change_log"));
    const qint64 auditStart = countRows(*db, QStringLiteral("audit_log"));
    QUndoStack stack;
    QString error;

    // Add Diamond (rank 4), edit Silver's revenue threshold, remove Gold; then undo all three.
    Tier diamond;
    diamond.name = QStringLiteral("Diamond");
    diamond.rank = 4;
    diamond.minRevenueMinor = 100000000;
    diamond.minPsat = 90;
    diamond.requireOnboardingComplete = true;
    QVERIFY2(pushCommand(stack, std::make_unique<AddTierCommand>(repo, diamond), &error), qPrintable(error));
    Tier silver = program[1];
    Tier stricter = silver;
    stricter.minRevenueMinor = 12000000;
    QVERIFY2(pushCommand(stack, std::make_unique<EditTierCommand>(repo, silver, stricter), &error), qPrintable(error));
    QVERIFY2(pushCommand(stack, std::make_unique<RemoveTierCommand>(repo, program[2]), &error), qPrintable(error));
    QList<Tier> now = repo.listTiers();
    QCOMPARE(now.size(), 4);
    QCOMPARE(now[1].minRevenueMinor.value(), 12000000);
    QCOMPARE(now[1].version, 2);
    QCOMPARE(now[2].name, QStringLiteral("Platinum"));
    QCOMPARE(now[3].name, QStringLiteral("Diamond"));
    QCOMPARE(now[3].minPsat.value(), 90);
    QVERIFY(now[3].requireOnboardingComplete);
    QCOMPARE(spy.size(), 3);
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logStart + 3);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 3);
    QCOMPARE(test::column(*db, QStringLiteral("SELECT entity FROM change_log ORDER BY seq")).mid(int(logStart)),
             (QStringList{"tiers", "tiers", "tiers"}));

    stack.undo();
    stack.undo();
    stack.undo();
    now = repo.listTiers();
    QCOMPARE(now.size(), 4);
    QCOMPARE(now[1].minRevenueMinor.value(), 10000000);
    QCOMPARE(now[2].name, QStringLiteral("Gold"));
    QCOMPARE(now[3].name, QStringLiteral("Platinum"));
    stack.redo();
    QCOMPARE(repo.listTiers().size(), 5); // Diamond restored

    // Rules: a rank or name taken, a negative threshold, a second revenue currency, removing the entry tier.
    Tier twin;
    twin.name = QStringLiteral("gold");
    twin.rank = 9;
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.addTier(twin));
    twin.name = QStringLiteral("Bronze");
    twin.rank = 1;
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.addTier(twin));
    twin.rank = 9;
    twin.minWonDeals = -1;
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.addTier(twin));
    twin.minWonDeals.reset();
    twin.minRevenueMinor = 1;
    twin.revenueCurrency = QStringLiteral("EUR");
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.addTier(twin));
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.removeTier(program[0].id));
    Tier stale = program[3];
    stale.version = 7;
    try {
        repo.updateTier(stale);
        QFAIL("a stale tier was saved");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::Conflict);
    }
}

void TestTierRepository::metricsWindowAndCurrency()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository partners(*db, m_clock);
    TierRepository repo(*db, m_clock);
    const Partner a = makePartner(partners, QStringLiteral("A"));
    const Partner b = makePartner(partners, QStringLiteral("B"));
    Partner applied;
    applied.key = QStringLiteral("C");
    applied.name = QStringLiteral("C Systems");
    applied.stage = LifecycleStage::Applied;
    partners.insert(applied);
    // As of 2017-12-31 the window is (2016-12-31, 2017-12-31]: A's 10 deals of 10,000.00 USD on 2017-12-31 count
    // (100,000.00 USD, exactly Silver), its 3 on 2016-12-31 do not, nor 2 on 2018-01-01; 4 EUR deals count as won
    // deals but not as revenue.
    addWonDeals(*db, a, 10, QDate(2017, 12, 31), 1000000);
    addWonDeals(*db, a, 3, QDate(2016, 12, 31), 1000000);
    addWonDeals(*db, a, 2, QDate(2018, 1, 1), 1000000);
    addWonDeals(*db, b, 9, QDate(2017, 1, 1), 2000000);
    addWonDeals(*db, b, 4, QDate(2017, 6, 1), 500000, QStringLiteral("EUR"));

    FxRatesUsed noRates;
    const QList<PartnerTierEvaluation> all = repo.evaluate(QDate(2017, 12, 31), &noRates);
    QCOMPARE(noRates.leftOutCount(), 4); // the book has no EUR rate yet
    QCOMPARE(all.size(), 3);
    const PartnerTierEvaluation ea = evaluationOf(all, QStringLiteral("A"));
    QCOMPARE(ea.metrics.revenueMinor, 10000000);
    QCOMPARE(ea.metrics.wonDeals, 10);
    QCOMPARE(ea.evaluation.recommendedTier, QStringLiteral("Silver"));
    QCOMPARE(toString(ea.evaluation.change), toString(TierChange::Promote));
    QVERIFY(ea.metrics.onboardingComplete); // Active, no onboarding checklist
    const PartnerTierEvaluation eb = evaluationOf(all, QStringLiteral("B"));
    QCOMPARE(eb.metrics.revenueMinor, 18000000); // 9 × 20,000.00 USD; the EUR deals have no rate: left out
    QCOMPARE(eb.metrics.wonDeals, 13);
    QCOMPARE(eb.evaluation.recommendedTier, QStringLiteral("Silver"));
    // With a EUR rate of 0.8 per USD for 2017-05 (the deals closed in 2017-06, which has none: the latest earlier
    // month's rate applies), the 4 × 5,000.00 EUR = 20,000.00 EUR convert to 25,000.00 USD: 205,000.00 USD in all.
    FxRepository(*db, m_clock)
        .upsert({{QStringLiteral("EUR"), QStringLiteral("2017-05"), 80000000, QStringLiteral("csv")}},
                QStringLiteral("test rate"));
    FxRatesUsed withRates;
    const PartnerTierEvaluation converted =
        evaluationOf(repo.evaluate(QDate(2017, 12, 31), &withRates), QStringLiteral("B"));
    QCOMPARE(converted.metrics.revenueMinor, 20500000);
    QCOMPARE(converted.metrics.wonDeals, 13);
    QCOMPARE(withRates.leftOutCount(), 0);
    QCOMPARE(withRates.used.value(QStringLiteral("EUR")), QStringList{QStringLiteral("2017-05")});
    const PartnerTierEvaluation ec = evaluationOf(all, QStringLiteral("C"));
    QCOMPARE(ec.metrics.wonDeals, 0);
    QVERIFY(!ec.metrics.onboardingComplete); // Applied, no checklist
    QCOMPARE(toString(ec.evaluation.change), toString(TierChange::Keep));

    // A day later A's 2017-12-31 deals still count, but its 2018-01-01 deals join: 12 deals, 120,000.00 USD.
    const PartnerTierEvaluation later = evaluationOf(repo.evaluate(QDate(2018, 1, 1)), QStringLiteral("A"));
    QCOMPARE(later.metrics.wonDeals, 12);
    QCOMPARE(later.metrics.revenueMinor, 12000000);
    // One day earlier A has no deal in its window but the three of 2016-12-31: 3 deals, below Silver.
    const PartnerTierEvaluation earlier = evaluationOf(repo.evaluate(QDate(2017, 12, 30)), QStringLiteral("A"));
    QCOMPARE(earlier.metrics.wonDeals, 3);
    QCOMPARE(earlier.evaluation.recommendedTier, QStringLiteral("Registered"));

    // With an onboarding checklist, onboarding is complete only once every required task is done.
    ChecklistRepository checklists(*db, m_clock);
    const QList<PartnerTask> tasks = checklists.start(a.id, ChecklistKind::Onboarding, QDate(2017, 1, 1));
    QVERIFY(!tasks.isEmpty());
    QVERIFY(!evaluationOf(repo.evaluate(QDate(2017, 12, 31)), QStringLiteral("A")).metrics.onboardingComplete);
    for (const PartnerTask& t : tasks)
        checklists.setDone(t.id, QDate(2017, 2, 1), t.version);
    QVERIFY(evaluationOf(repo.evaluate(QDate(2017, 12, 31)), QStringLiteral("A")).metrics.onboardingComplete);
    QVERIFY(!evaluationOf(repo.evaluate(QDate(2017, 1, 31)), QStringLiteral("A")).metrics.onboardingComplete);
}

void TestTierRepository::applyHistoryAndUndo()
{
    PD_OPEN_BOOK(db, m_databases);
    db->setActor(QStringLiteral("dana"));
    ChangeNotifier notifier;
    PartnerRepository partners(*db, m_clock);
    TierRepository repo(*db, m_clock, &notifier);
    const Partner a = makePartner(partners, QStringLiteral("A"));
    addWonDeals(*db, a, 10, QDate(2017, 6, 30), 1000000);
    QSignalSpy partnersSpy(&notifier, &ChangeNotifier::partnersChanged);
    const qint64 logStart = countRows(*db, QStringLiteral("change_log"));
    const qint64 auditStart = countRows(*db, QStringLiteral("audit_log"));

    QUndoStack stack;
    QString error;
    TierHistoryEntry change;
    change.partnerId = a.id;
    change.partnerKey = a.key;
    change.toTier = QStringLiteral("Silver");
    change.effectiveOn = QDate(2017, 12, 31);
    change.reason = QStringLiteral("Annual review");
    auto command = std::make_unique<ApplyTiersCommand>(repo, QList<TierHistoryEntry>{change});
    QCOMPARE(command->text(), QStringLiteral("Move A to tier Silver"));
    QVERIFY2(pushCommand(stack, std::move(command), &error), qPrintable(error));
    QCOMPARE(tierOf(partners, QStringLiteral("A")), QStringLiteral("Silver"));
    QCOMPARE(partners.findByKey(QStringLiteral("A"))->version, 2);
    const QList<TierHistoryEntry> history = repo.history(a.id);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history[0].fromTier, QStringLiteral("Registered"));
    QCOMPARE(history[0].toTier, QStringLiteral("Silver"));
    QCOMPARE(history[0].effectiveOn, QDate(2017, 12, 31));
    QCOMPARE(history[0].actor, QStringLiteral("dana"));
    QCOMPARE(history[0].reason, QStringLiteral("Annual review"));
    QCOMPARE(history[0].partnerKey, QStringLiteral("A"));
    QCOMPARE(test::column(*db, QStringLiteral("SELECT entity FROM change_log ORDER BY seq")).mid(int(logStart)),
             (QStringList{"partners", "partner_tier_history"}));
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 1);
    QCOMPARE(partnersSpy.size(), 1);
    QCOMPARE(partnersSpy.at(0).at(0).toStringList(), QStringList{a.id});
    // The evaluation now keeps A in Silver.
    QCOMPARE(toString(evaluationOf(repo.evaluate(QDate(2017, 12, 31)), "A").evaluation.change),
             toString(TierChange::Keep));
    // Applying the tier it already has, or an unknown tier, is refused.
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.apply(a.id, QStringLiteral("Silver"), QDate(2018, 1, 1), {}));
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.apply(a.id, QStringLiteral("Elite"), QDate(2018, 1, 1), {}));

    stack.undo();
    QCOMPARE(tierOf(partners, QStringLiteral("A")), QStringLiteral("Registered"));
    QVERIFY(repo.history(a.id).isEmpty());
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 2);
    stack.redo();
    QCOMPARE(tierOf(partners, QStringLiteral("A")), QStringLiteral("Silver"));
    QCOMPARE(repo.history(a.id).size(), 1);

    // Undo after someone else moved the partner: refused, nothing changes, the command is dropped.
    repo.apply(a.id, QStringLiteral("Gold"), QDate(2018, 2, 1), QStringLiteral("Manual"));
    QString undoError;
    static_cast<RepositoryCommand*>(const_cast<QUndoCommand*>(stack.command(0)))
        ->setErrorHandler([&](const QString& m) { undoError = m; });
    stack.undo();
    QVERIFY(!undoError.isEmpty());
    QCOMPARE(tierOf(partners, QStringLiteral("A")), QStringLiteral("Gold"));
    const QList<TierHistoryEntry> two = repo.history(a.id);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two[0].toTier, QStringLiteral("Gold")); // newest effective date first
    QCOMPARE(two[0].fromTier, QStringLiteral("Silver"));
}

void TestTierRepository::applyAllAndUndo()
{
    PD_OPEN_BOOK(db, m_databases);
    PartnerRepository partners(*db, m_clock);
    TierRepository repo(*db, m_clock);
    const Partner a = makePartner(partners, QStringLiteral("A"));
    const Partner b = makePartner(partners, QStringLiteral("B"));
    const Partner c = makePartner(partners, QStringLiteral("C"));
    addWonDeals(*db, a, 10, QDate(2017, 6, 30), 1000000);            // Silver
    repo.apply(b.id, QStringLiteral("Gold"), QDate(2016, 1, 1), {}); // B has nothing: demote to Registered
    const qint64 historyStart = countRows(*db, QStringLiteral("partner_tier_history"));

    QUndoStack stack;
    QString error;
    QVERIFY2(pushCommand(stack, std::make_unique<ApplyTiersCommand>(repo, QDate(2017, 12, 31), QString()), &error),
             qPrintable(error));
    QCOMPARE(tierOf(partners, QStringLiteral("A")), QStringLiteral("Silver"));
    QCOMPARE(tierOf(partners, QStringLiteral("B")), QStringLiteral("Registered"));
    QCOMPARE(tierOf(partners, QStringLiteral("C")), QStringLiteral("Registered")); // kept: no history row
    QCOMPARE(countRows(*db, QStringLiteral("partner_tier_history")), historyStart + 2);
    QVERIFY(repo.history(c.id).isEmpty());
    QCOMPARE(repo.applyAll(QDate(2017, 12, 31), {}).size(), 0); // nothing left to change

    stack.undo();
    QCOMPARE(tierOf(partners, QStringLiteral("A")), QStringLiteral("Registered"));
    QCOMPARE(tierOf(partners, QStringLiteral("B")), QStringLiteral("Gold"));
    QCOMPARE(countRows(*db, QStringLiteral("partner_tier_history")), historyStart);
    stack.redo();
    QCOMPARE(tierOf(partners, QStringLiteral("A")), QStringLiteral("Silver"));
    QCOMPARE(tierOf(partners, QStringLiteral("B")), QStringLiteral("Registered"));
    QCOMPARE(countRows(*db, QStringLiteral("partner_tier_history")), historyStart + 2);
}

QTEST_GUILESS_MAIN(TestTierRepository)
#include "tst_tierrepository.moc"
