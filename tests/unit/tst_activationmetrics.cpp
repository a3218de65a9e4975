// Activation metrics (issue 9, item 7; DESIGN.md section 3 "TTFR", "90-day activation rate") on a hand-made cohort
// whose answers are worked out by hand in the comments.
#include "domain/ActivationMetrics.h"

#include <QTest>

using namespace pd;

namespace {
QDate d(const char* iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

ActivationFacts facts(const char* key, const char* activation, const char* onboarding, const char* firstReg,
                      const char* regSince, const char* firstWon)
{
    ActivationFacts f;
    f.partnerKey = QString::fromLatin1(key);
    f.activationDate = d(activation);
    f.onboardingStart = d(onboarding);
    f.firstRegistration = d(firstReg);
    f.firstRegistrationSinceActivation = d(regSince);
    f.firstWonClose = d(firstWon);
    return f;
}

/// The cohort: "" is "none".
QList<ActivationFacts> cohort()
{
    return {
        // Onboarding 2016-09-01 → active 2016-10-01 (30 days); registers 2016-10-11 (+10); first won 2016-12-30 (+90).
        facts("P1", "2016-10-01", "2016-09-01", "2016-10-11", "2016-10-11", "2016-12-30"),
        // Active 2016-11-15, never onboarded in the book, never registered: everything empty.
        facts("P2", "2016-11-15", "", "", "", ""),
        // Onboarding 2016-11-01 → active 2016-12-01 (30); registered 2016-11-20 before activation (−11); the next
        // registration 2017-03-15 is 104 days after activation (not within 90); won 2017-01-10 (+40).
        facts("P3", "2016-12-01", "2016-11-01", "2016-11-20", "2017-03-15", "2017-01-10"),
        // Onboarding start after the activation (2017-01-10 > 2017-01-05): no days to onboard; registers exactly 90
        // days after activation (2017-04-05, counts); never won.
        facts("P4", "2017-01-05", "2017-01-10", "2017-04-05", "2017-04-05", ""),
        // Activated after the as-of date: not counted.
        facts("P5", "2018-02-01", "2018-01-01", "2018-02-02", "2018-02-02", ""),
        // Never activated: not counted.
        facts("P6", "", "2016-09-01", "2016-10-01", "", ""),
    };
}
} // namespace

class TestActivationMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachPartnersMetrics();
    void cohortRates();
    void factsAfterAsOfAreIgnored();
    void quarters();
};

void TestActivationMetrics::eachPartnersMetrics()
{
    const ActivationReport r = ActivationMetrics::compute(cohort(), d("2017-12-31"));
    QCOMPARE(r.partners.size(), 4);
    const PartnerActivation& p1 = r.partners.at(0);
    QCOMPARE(p1.partnerKey, QStringLiteral("P1"));
    QCOMPARE(p1.activationDate, d("2016-10-01"));
    QCOMPARE(p1.daysToOnboard, std::optional<int>(30));
    QCOMPARE(p1.daysToFirstRegistration, std::optional<int>(10));
    QCOMPARE(p1.ttfrDays, std::optional<int>(90));
    QVERIFY(p1.registeredWithin90Days);

    const PartnerActivation& p2 = r.partners.at(1); // no registrations
    QCOMPARE(p2.partnerKey, QStringLiteral("P2"));
    QCOMPARE(p2.daysToOnboard, std::nullopt);
    QCOMPARE(p2.daysToFirstRegistration, std::nullopt);
    QCOMPARE(p2.ttfrDays, std::nullopt);
    QVERIFY(!p2.registeredWithin90Days);

    const PartnerActivation& p3 = r.partners.at(2); // registered before activation
    QCOMPARE(p3.daysToOnboard, std::optional<int>(30));
    QCOMPARE(p3.daysToFirstRegistration, std::optional<int>(-11));
    QCOMPARE(p3.ttfrDays, std::optional<int>(40));
    QVERIFY(!p3.registeredWithin90Days);

    const PartnerActivation& p4 = r.partners.at(3);
    QCOMPARE(p4.daysToOnboard, std::nullopt);
    QCOMPARE(p4.daysToFirstRegistration, std::optional<int>(90));
    QCOMPARE(p4.ttfrDays, std::nullopt);
    QVERIFY(p4.registeredWithin90Days);
}

void TestActivationMetrics::cohortRates()
{
    const ActivationReport r = ActivationMetrics::compute(cohort(), d("2017-12-31"));
    QCOMPARE(r.cohorts.size(), 2);
    QCOMPARE(r.cohorts.at(0).quarter, QStringLiteral("2016Q4"));
    QCOMPARE(r.cohorts.at(0).activated, 3);              // P1, P2, P3
    QCOMPARE(r.cohorts.at(0).registeredWithin90Days, 1); // P1 only
    QCOMPARE(*r.cohorts.at(0).activationRate90, 1.0 / 3.0);
    QCOMPARE(r.cohorts.at(1).quarter, QStringLiteral("2017Q1"));
    QCOMPARE(r.cohorts.at(1).activated, 1);
    QCOMPARE(*r.cohorts.at(1).activationRate90, 1.0);
    QVERIFY(ActivationMetrics::compute({}, d("2017-12-31")).cohorts.isEmpty());
}

void TestActivationMetrics::factsAfterAsOfAreIgnored()
{
    // As of 2017-01-31: P4's registration (2017-04-05) has not happened yet; P3's won deal (2017-01-10) has.
    const ActivationReport r = ActivationMetrics::compute(cohort(), d("2017-01-31"));
    QCOMPARE(r.partners.size(), 4);
    QCOMPARE(r.partners.at(2).ttfrDays, std::optional<int>(40));
    QCOMPARE(r.partners.at(3).daysToFirstRegistration, std::nullopt);
    QCOMPARE(*r.cohorts.at(1).activationRate90, 0.0);
    // As of 2016-10-05: only P1 is active, and it has neither registered (2016-10-11) nor won yet.
    const ActivationReport early = ActivationMetrics::compute(cohort(), d("2016-10-05"));
    QCOMPARE(early.partners.size(), 1);
    QCOMPARE(early.partners.at(0).daysToOnboard, std::optional<int>(30));
    QCOMPARE(early.partners.at(0).daysToFirstRegistration, std::nullopt);
    QCOMPARE(early.partners.at(0).ttfrDays, std::nullopt);
    QCOMPARE(early.cohorts.size(), 1);
    QCOMPARE(early.cohorts.at(0).activated, 1);
    QCOMPARE(*early.cohorts.at(0).activationRate90, 0.0);
}

void TestActivationMetrics::quarters()
{
    QCOMPARE(ActivationMetrics::quarterOf(d("2016-10-01")), QStringLiteral("2016Q4"));
    QCOMPARE(ActivationMetrics::quarterOf(d("2016-12-31")), QStringLiteral("2016Q4"));
    QCOMPARE(ActivationMetrics::quarterOf(d("2017-01-01")), QStringLiteral("2017Q1"));
    QCOMPARE(ActivationMetrics::quarterOf(d("2017-06-30")), QStringLiteral("2017Q2"));
    QCOMPARE(ActivationMetrics::quarterOf(d("2017-07-01")), QStringLiteral("2017Q3"));
}

QTEST_GUILESS_MAIN(TestActivationMetrics)
#include "tst_activationmetrics.moc"
