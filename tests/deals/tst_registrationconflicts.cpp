// The first-to-register conflict rule (DESIGN.md section 3) on hand-made cases.
#include "domain/NameNormalizer.h"
#include "domain/RegistrationConflicts.h"

#include <QTest>

using namespace pd;

namespace {
RegistrationFacts reg(int index, qint64 number, const QString& partner, const QString& customer, const QString& product,
                      DealStatus status, const QString& registeredAt)
{
    RegistrationFacts r;
    r.index = index;
    r.number = number;
    r.partnerId = partner;
    r.customerKey = normalizeName(customer);
    r.productKey = normalizeName(product, NameKind::Product);
    r.status = status;
    r.registeredAt = QDateTime::fromString(registeredAt, Qt::ISODate);
    return r;
}
} // namespace

class TestRegistrationConflicts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void differentPartnersSameCustomerConflict()
    {
        const ProgramRules rules;
        const auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme Corporation"), QStringLiteral("GTX Pro"),
                           DealStatus::Approved, QStringLiteral("2017-01-10T09:00:00Z"));
        const auto r = reg(1, 2, QStringLiteral("P2"), QStringLiteral("ACME Corp."), QStringLiteral("GTXPro"),
                           DealStatus::Submitted, QStringLiteral("2017-02-01T09:00:00Z"));
        QVERIFY(conflicts(r, e, rules));
        QVERIFY(!conflicts(e, r, rules)); // the earlier one never conflicts with the later
        const auto pairs = findConflicts({e, r}, rules);
        QCOMPARE(pairs.size(), 1);
        QCOMPARE(pairs.first().later, 1);
        QCOMPARE(pairs.first().earlier, 0);
        QCOMPARE(pairs.first().secondsFirst, qint64(22) * 86400); // 22 days first
    }

    void samePartnerTwiceIsNoConflict()
    {
        const auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                           DealStatus::Approved, QStringLiteral("2017-01-10T09:00:00Z"));
        const auto r = reg(1, 2, QStringLiteral("P1"), QStringLiteral("Acme Inc"), QStringLiteral("GTX Pro"),
                           DealStatus::Submitted, QStringLiteral("2017-01-11T09:00:00Z"));
        QVERIFY(!conflicts(r, e, ProgramRules()));
        QVERIFY(findConflicts({e, r}, ProgramRules()).isEmpty());
    }

    void differentProductIsNoConflict()
    {
        const auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                           DealStatus::Approved, QStringLiteral("2017-01-10T09:00:00Z"));
        const auto r = reg(1, 2, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Basic"),
                           DealStatus::Submitted, QStringLiteral("2017-01-11T09:00:00Z"));
        QVERIFY(findConflicts({e, r}, ProgramRules()).isEmpty());
    }

    void registrationOnTheDayTheEarlierClosedIsNoConflict()
    {
        auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"), DealStatus::Won,
                     QStringLiteral("2017-01-10T09:00:00Z"));
        e.closedOn = QDate(2017, 2, 1);
        const auto sameDay = reg(1, 2, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                                 DealStatus::Submitted, QStringLiteral("2017-02-01T00:00:00Z"));
        // The same partner P2 registered the day before too (so the two P2 registrations do not conflict).
        const auto dayBefore = reg(2, 3, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                                   DealStatus::Submitted, QStringLiteral("2017-01-31T23:59:59Z"));
        QVERIFY(!conflicts(sameDay, e, ProgramRules()));
        QVERIFY(conflicts(dayBefore, e, ProgramRules()));
        const auto pairs = findConflicts({e, sameDay, dayBefore}, ProgramRules());
        QCOMPARE(pairs.size(), 1);
        QCOMPARE(pairs.first().later, 2);
    }

    void afterTheWindowIsNoConflictAndAnExtensionProtects()
    {
        ProgramRules rules;
        rules.protectionDays = 90;
        rules.extensionDays = 30;
        auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                     DealStatus::Approved, QStringLiteral("2017-01-01T00:00:00Z"));
        // Window: [2017-01-01, 2017-04-01) — 90 days later is 2017-04-01T00:00Z.
        QCOMPARE(protectionEnd(e, rules), QDateTime::fromString(QStringLiteral("2017-04-01T00:00:00Z"), Qt::ISODate));
        const auto lastSecond = reg(1, 2, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                                    DealStatus::Submitted, QStringLiteral("2017-03-31T23:59:59Z"));
        const auto atEnd = reg(2, 3, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                               DealStatus::Submitted, QStringLiteral("2017-04-01T00:00:00Z"));
        const auto inExtension = reg(3, 4, QStringLiteral("P3"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                                     DealStatus::Submitted, QStringLiteral("2017-04-20T00:00:00Z"));
        QVERIFY(conflicts(lastSecond, e, rules));
        QVERIFY(!conflicts(atEnd, e, rules));
        QVERIFY(!conflicts(inExtension, e, rules));
        e.extended = true; // one extension of 30 days: protected until 2017-05-01
        QVERIFY(conflicts(atEnd, e, rules));
        QVERIFY(conflicts(inExtension, e, rules));
        const auto afterExtension = reg(4, 5, QStringLiteral("P3"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                                        DealStatus::Submitted, QStringLiteral("2017-05-01T00:00:00Z"));
        QVERIFY(!conflicts(afterExtension, e, rules));
    }

    void rejectedEarlierRegistrationIsNoConflict()
    {
        auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                     DealStatus::Rejected, QStringLiteral("2017-01-10T09:00:00Z"));
        const auto r = reg(1, 2, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                           DealStatus::Submitted, QStringLiteral("2017-01-11T09:00:00Z"));
        QVERIFY(!conflicts(r, e, ProgramRules()));
        QVERIFY(findConflicts({e, r}, ProgramRules()).isEmpty());
    }

    void draftsNeverConflict()
    {
        const auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                           DealStatus::Approved, QStringLiteral("2017-01-10T09:00:00Z"));
        const auto draft = reg(1, 2, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                               DealStatus::Draft, QStringLiteral("2017-01-11T09:00:00Z"));
        QVERIFY(!conflicts(draft, e, ProgramRules()));
        QVERIFY(findConflicts({e, draft}, ProgramRules()).isEmpty());
    }

    void equalRegisteredAtIsDecidedByRegistrationNumber()
    {
        const QString at = QStringLiteral("2017-01-10T09:00:00Z");
        const auto first = reg(0, 7, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                               DealStatus::Approved, at);
        const auto second = reg(1, 8, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                                DealStatus::Approved, at);
        QVERIFY(conflicts(second, first, ProgramRules()));
        QVERIFY(!conflicts(first, second, ProgramRules()));
        // Given in the other order, the sweep still decides by number.
        const auto pairs = findConflicts({second, first}, ProgramRules());
        QCOMPARE(pairs.size(), 1);
        QCOMPARE(pairs.first().later, 1);
        QCOMPARE(pairs.first().earlier, 0);
        QCOMPARE(pairs.first().secondsFirst, qint64(0));
    }

    void sameWebDomainCountsAsSameCustomerOnce()
    {
        auto e = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme Holdings"), QStringLiteral("GTX Pro"),
                     DealStatus::Approved, QStringLiteral("2017-01-10T09:00:00Z"));
        auto r = reg(1, 2, QStringLiteral("P2"), QStringLiteral("Acme Group"), QStringLiteral("GTX Pro"),
                     DealStatus::Submitted, QStringLiteral("2017-01-12T09:00:00Z"));
        e.customerDomain = r.customerDomain = QStringLiteral("acme.com");
        QVERIFY(conflicts(r, e, ProgramRules()));
        QCOMPARE(findConflicts({e, r}, ProgramRules()).size(), 1);
        r.customerKey = e.customerKey; // matched by name and by domain: still one pair
        QCOMPARE(findConflicts({e, r}, ProgramRules()).size(), 1);
    }

    void threePartnersGiveThreePairs()
    {
        const auto a = reg(0, 1, QStringLiteral("P1"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                           DealStatus::Approved, QStringLiteral("2017-01-01T00:00:00Z"));
        const auto b = reg(1, 2, QStringLiteral("P2"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                           DealStatus::Approved, QStringLiteral("2017-01-02T00:00:00Z"));
        const auto c = reg(2, 3, QStringLiteral("P3"), QStringLiteral("Acme"), QStringLiteral("GTX Pro"),
                           DealStatus::Submitted, QStringLiteral("2017-01-03T00:00:00Z"));
        const auto pairs = findConflicts({c, a, b}, ProgramRules());
        const QList<ConflictPair> expected = {{1, 0, 86400}, {2, 0, 2 * 86400}, {2, 1, 86400}};
        QCOMPARE(pairs, expected);
    }
};

QTEST_GUILESS_MAIN(TestRegistrationConflicts)
#include "tst_registrationconflicts.moc"
