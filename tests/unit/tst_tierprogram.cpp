// The tier engine on hand-made partners at the boundaries (issue 11, item 2; DESIGN.md section 3, tier program): the
// recommended tier is the highest whose criteria are all met; exactly at a threshold meets it, one cent or one deal
// short does not. The default program: Silver 100,000 USD / 10 deals / 0 certified; Gold 250,000 / 50 / 1;
// Platinum 500,000 / 150 / 2.
#include "domain/TierProgram.h"

#include <QTest>

using namespace pd;

namespace {
Tier tier(const QString& name, int rank, std::optional<qint64> revenueUsd, std::optional<int> deals,
          std::optional<int> certified)
{
    Tier t;
    t.name = name;
    t.rank = rank;
    if (revenueUsd)
        t.minRevenueMinor = *revenueUsd * 100;
    t.minWonDeals = deals;
    t.minCertifiedContacts = certified;
    return t;
}

QList<Tier> defaultProgram()
{
    // Deliberately out of rank order: the engine sorts.
    return {tier(QStringLiteral("Gold"), 2, 250000, 50, 1), tier(QStringLiteral("Registered"), 0, {}, {}, {}),
            tier(QStringLiteral("Platinum"), 3, 500000, 150, 2), tier(QStringLiteral("Silver"), 1, 100000, 10, 0)};
}

PartnerTierMetrics metrics(qint64 revenueMinor, int deals, int certified, const QString& current = "Registered")
{
    PartnerTierMetrics m;
    m.partnerId = QStringLiteral("11111111-1111-4111-8111-111111111111");
    m.partnerKey = QStringLiteral("P-1");
    m.currentTier = current;
    m.revenueMinor = revenueMinor;
    m.wonDeals = deals;
    m.certifiedContacts = certified;
    return m;
}

QString recommended(const PartnerTierMetrics& m)
{
    return evaluateTier(defaultProgram(), m, m.currentTier).recommendedTier;
}
} // namespace

class TestTierProgram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exactlyAtEveryThresholdQualifies()
    {
        QCOMPARE(recommended(metrics(10000000, 10, 0)), QStringLiteral("Silver"));
        QCOMPARE(recommended(metrics(25000000, 50, 1)), QStringLiteral("Gold"));
        QCOMPARE(recommended(metrics(50000000, 150, 2)), QStringLiteral("Platinum"));
    }

    void oneCentShortFallsToTheTierBelow()
    {
        QCOMPARE(recommended(metrics(9999999, 10, 0)), QStringLiteral("Registered"));
        QCOMPARE(recommended(metrics(24999999, 50, 1)), QStringLiteral("Silver"));
        QCOMPARE(recommended(metrics(49999999, 150, 2)), QStringLiteral("Gold"));
    }

    void oneDealShortFallsToTheTierBelow()
    {
        QCOMPARE(recommended(metrics(10000000, 9, 0)), QStringLiteral("Registered"));
        QCOMPARE(recommended(metrics(25000000, 49, 1)), QStringLiteral("Silver"));
        QCOMPARE(recommended(metrics(50000000, 149, 2)), QStringLiteral("Gold"));
    }

    void oneCertifiedContactShortFallsToTheTierBelow()
    {
        QCOMPARE(recommended(metrics(25000000, 50, 0)), QStringLiteral("Silver"));
        QCOMPARE(recommended(metrics(50000000, 150, 1)), QStringLiteral("Gold"));
    }

    void nothingAtAllStaysOnTheEntryTier()
    {
        const TierEvaluation e = evaluateTier(defaultProgram(), metrics(0, 0, 0), QStringLiteral("Registered"));
        QCOMPARE(e.recommendedTier, QStringLiteral("Registered"));
        QCOMPARE(e.recommendedRank, 0);
        QVERIFY(e.criteria.isEmpty());
        QCOMPARE(toString(e.change), toString(TierChange::Keep));
        QCOMPARE(e.nextTier, QStringLiteral("Silver"));
    }

    void explainsTheRecommendedAndTheNextTier()
    {
        // 260,000.00 USD, 60 deals, 1 certified: Gold met; Platinum misses 240,000.00 USD, 90 deals, 1 contact.
        const TierEvaluation e = evaluateTier(defaultProgram(), metrics(26000000, 60, 1), QStringLiteral("Silver"));
        QCOMPARE(e.recommendedTier, QStringLiteral("Gold"));
        QCOMPARE(toString(e.change), toString(TierChange::Promote));
        QCOMPARE(e.criteria.size(), 3);
        QCOMPARE(e.criteria[0].name, QStringLiteral("revenue_t12m"));
        QCOMPARE(e.criteria[0].actual, 26000000);
        QCOMPARE(e.criteria[0].required, 25000000);
        QVERIFY(e.criteria[0].met);
        QCOMPARE(e.criteria[0].gap, 0);
        QCOMPARE(e.criteria[0].currency, QStringLiteral("USD"));
        QCOMPARE(e.nextTier, QStringLiteral("Platinum"));
        QCOMPARE(e.nextCriteria.size(), 3);
        QCOMPARE(e.nextCriteria[0].gap, 24000000);
        QVERIFY(!e.nextCriteria[0].met);
        QCOMPARE(e.nextCriteria[1].name, QStringLiteral("won_deals_t12m"));
        QCOMPARE(e.nextCriteria[1].gap, 90);
        QCOMPARE(e.nextCriteria[2].name, QStringLiteral("certified_contacts"));
        QCOMPARE(e.nextCriteria[2].actual, 1);
        QCOMPARE(e.nextCriteria[2].required, 2);
        QCOMPARE(e.nextCriteria[2].gap, 1);
    }

    void changeAgainstTheCurrentTierByRank()
    {
        QCOMPARE(toString(evaluateTier(defaultProgram(), metrics(10000000, 10, 0), "Gold").change),
                 toString(TierChange::Demote));
        QCOMPARE(toString(evaluateTier(defaultProgram(), metrics(10000000, 10, 0), "silver").change),
                 toString(TierChange::Keep));
        QCOMPARE(toString(evaluateTier(defaultProgram(), metrics(10000000, 10, 0), "Registered").change),
                 toString(TierChange::Promote));
        QCOMPARE(toString(evaluateTier(defaultProgram(), metrics(0, 0, 0), "Elite").change),
                 toString(TierChange::Promote));
        QCOMPARE(toString(TierChange::Demote), QStringLiteral("demote"));
    }

    void aHigherTierIsNotSkippedToWhenAMiddleTierFails()
    {
        // The highest tier whose criteria are all met wins, even if a tier between is not met: Gold's
        // certified-contact rule is stricter here than Platinum's.
        QList<Tier> program = defaultProgram();
        program[0].minCertifiedContacts = 5;
        QCOMPARE(evaluateTier(program, metrics(50000000, 150, 2), "Registered").recommendedTier,
                 QStringLiteral("Platinum"));
    }

    void revenueInAnotherCurrencyDoesNotCount()
    {
        PartnerTierMetrics m = metrics(99999999, 150, 2);
        m.revenueCurrency = QStringLiteral("EUR");
        const TierEvaluation e = evaluateTier(defaultProgram(), m, "Registered");
        QCOMPARE(e.recommendedTier, QStringLiteral("Registered"));
        QCOMPARE(e.nextCriteria[0].actual, 0);
    }

    void psatAndOnboardingCriteria()
    {
        QList<Tier> program = defaultProgram();
        program[3].minPsat = 80; // Silver
        program[3].requireOnboardingComplete = true;
        PartnerTierMetrics m = metrics(10000000, 10, 0);
        m.onboardingComplete = true;
        QCOMPARE(evaluateTier(program, m, "Registered").recommendedTier, QStringLiteral("Registered")); // PSAT unknown
        m.psat = 79;
        const TierEvaluation shortByOne = evaluateTier(program, m, "Registered");
        QCOMPARE(shortByOne.recommendedTier, QStringLiteral("Registered"));
        QCOMPARE(shortByOne.nextCriteria[3].name, QStringLiteral("psat"));
        QCOMPARE(shortByOne.nextCriteria[3].gap, 1);
        m.psat = 80;
        QCOMPARE(evaluateTier(program, m, "Registered").recommendedTier, QStringLiteral("Silver"));
        m.onboardingComplete = false;
        const TierEvaluation notOnboarded = evaluateTier(program, m, "Registered");
        QCOMPARE(notOnboarded.recommendedTier, QStringLiteral("Registered"));
        QCOMPARE(notOnboarded.nextCriteria[4].name, QStringLiteral("onboarding_complete"));
        QCOMPARE(notOnboarded.nextCriteria[4].gap, 1);
    }

    void whatIfListsOnlyThePartnersThatMove()
    {
        PartnerTierMetrics a = metrics(24999999, 50, 1, "Silver"); // one cent short of Gold
        PartnerTierMetrics b = metrics(50000000, 150, 1, "Gold");  // one certified contact short of Platinum
        b.partnerId = QStringLiteral("22222222-2222-4222-8222-222222222222");
        PartnerTierMetrics c = metrics(0, 0, 0);
        c.partnerId = QStringLiteral("33333333-3333-4333-8333-333333333333");
        const QList<PartnerTierMetrics> all{a, b, c};
        QVERIFY(tierWhatIf(defaultProgram(), defaultProgram(), all, {}).isEmpty());

        const QList<TierMove> moves =
            tierWhatIf(defaultProgram(), defaultProgram(), all, {{a.partnerId, 1, 0, 0}, {b.partnerId, 0, 0, 1}});
        QCOMPARE(moves.size(), 2);
        QCOMPARE(moves[0].partnerId, a.partnerId);
        QCOMPARE(moves[0].before, QStringLiteral("Silver"));
        QCOMPARE(moves[0].after, QStringLiteral("Gold"));
        QCOMPARE(toString(moves[0].change), toString(TierChange::Promote));
        QCOMPARE(moves[1].after, QStringLiteral("Platinum"));

        // Raising Silver's revenue threshold by one cent demotes a partner exactly at it.
        QList<Tier> stricter = defaultProgram();
        stricter[3].minRevenueMinor = 10000001;
        PartnerTierMetrics d = metrics(10000000, 10, 0, "Silver");
        const QList<TierMove> demoted = tierWhatIf(defaultProgram(), stricter, {d}, {});
        QCOMPARE(demoted.size(), 1);
        QCOMPARE(demoted[0].before, QStringLiteral("Silver"));
        QCOMPARE(demoted[0].after, QStringLiteral("Registered"));
        QCOMPARE(toString(demoted[0].change), toString(TierChange::Demote));
    }
};

QTEST_GUILESS_MAIN(TestTierProgram)
#include "tst_tierprogram.moc"
