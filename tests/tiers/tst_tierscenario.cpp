// Tier recommendations on the reference scenario at 2017-12-31 with the default program (issue 11, "Tests that must
// exist"), checked against values computed independently of the application from the raw files by
// tests/tiers/tier_figures.py (which reads only ../shared/data/maven_crm/sales_pipeline.csv and
// ../shared/data/scenario/partner_reps.csv). The reference book (tests/data/fixtures/v3-reference.partnerdesk.gz: the
// scenario imported by schema v3, migrated on open) is read through TierRepository and through
// `partnerdesk-cli tiers evaluate|apply --json`.
#include "domain/Clock.h"
#include "domain/Contact.h"
#include "storage/CertificationRepository.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/TierRepository.h"
#include "support/CliRun.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {

/// From `python3 tests/tiers/tier_figures.py`: partner key, T12M won revenue at 2017-12-31 in cents, won deals T12M,
/// recommended tier with no certified contact (the book has none). 30 partners; the other 43 have no won deal in the
/// window and stay Registered. With one certified contact ACN moves to Gold; with two FICO moves to Platinum.
struct Expected
{
    const char* key;
    qint64 revenueCents;
    int wonDeals;
    const char* tier;
};
const Expected kExpected[] = {
    {"ACN", 27505600LL, 208, "Silver"},   {"ADBE", 28488600LL, 171, "Silver"}, {"ADSK", 29119500LL, 122, "Silver"},
    {"AKAM", 27211100LL, 107, "Silver"},  {"ANET", 35039500LL, 149, "Silver"}, {"CDNS", 34567400LL, 135, "Silver"},
    {"CDW", 20718200LL, 129, "Silver"},   {"CRM", 19777300LL, 75, "Silver"},   {"CRWD", 44586000LL, 158, "Silver"},
    {"CSCO", 43006800LL, 161, "Silver"},  {"CTSH", 22980000LL, 107, "Silver"}, {"DDOG", 17696100LL, 105, "Silver"},
    {"FICO", 115321400LL, 349, "Silver"}, {"FTNT", 43833600LL, 155, "Silver"}, {"GDDY", 32879200LL, 130, "Silver"},
    {"GEN", 26163100LL, 101, "Silver"},   {"HPE", 41353300LL, 135, "Silver"},  {"HPQ", 45429800LL, 209, "Silver"},
    {"IBM", 19463200LL, 127, "Silver"},   {"IT", 18769300LL, 176, "Silver"},   {"NOW", 23540300LL, 72, "Silver"},
    {"NTAP", 31645600LL, 174, "Silver"},  {"ORCL", 12343100LL, 122, "Silver"}, {"PANW", 47839600LL, 221, "Silver"},
    {"PLTR", 42103600LL, 150, "Silver"},  {"PTC", 23016900LL, 78, "Silver"},   {"SNPS", 15764000LL, 55, "Silver"},
    {"TYL", 36422900LL, 114, "Silver"},   {"VRSN", 28919500LL, 80, "Silver"},  {"WDAY", 45048900LL, 163, "Silver"},
};
constexpr int kPartners = 73;
const QDate kAsOf(2017, 12, 31);

const Expected* expectedFor(const QString& key)
{
    for (const Expected& e : kExpected)
        if (key == QLatin1String(e.key))
            return &e;
    return nullptr;
}

QString cliPath()
{
    return QStringLiteral(PD_CLI_PATH);
}

} // namespace

class TestTierScenario : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;
    FixedClock m_clock{QDateTime(QDate(2026, 1, 10), QTime(9, 0), Qt::UTC)};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("reference.partnerdesk"));
        QProcess gunzip;
        gunzip.setStandardOutputFile(m_path);
        gunzip.start(QStringLiteral("gzip"),
                     {QStringLiteral("-dc"), test::testData(QStringLiteral("fixtures/v3-reference.partnerdesk.gz"))});
        QVERIFY(gunzip.waitForFinished(60000));
        QCOMPARE(gunzip.exitCode(), 0);
    }

    void recommendationsAt2017EndThenWithCertifiedContacts()
    {
        DatabaseConfig config;
        config.path = m_path;
        Database db(config);
        db.open();
        Migrator(db).migrate();
        TierRepository tiers(db, m_clock);

        const QList<PartnerTierEvaluation> all = tiers.evaluate(kAsOf);
        QCOMPARE(all.size(), kPartners);
        int silver = 0;
        for (const PartnerTierEvaluation& p : all) {
            const Expected* e = expectedFor(p.metrics.partnerKey);
            const QString key = p.metrics.partnerKey;
            QCOMPARE(p.metrics.revenueCurrency, QStringLiteral("USD"));
            QVERIFY2(p.metrics.revenueMinor == (e ? e->revenueCents : 0), qPrintable(key));
            QVERIFY2(p.metrics.wonDeals == (e ? e->wonDeals : 0), qPrintable(key));
            QCOMPARE(p.metrics.certifiedContacts, 0);
            QCOMPARE(p.evaluation.recommendedTier, e ? QString::fromLatin1(e->tier) : QStringLiteral("Registered"));
            QCOMPARE(p.evaluation.currentTier, QStringLiteral("Registered"));
            QCOMPARE(toString(p.evaluation.change), toString(e ? TierChange::Promote : TierChange::Keep));
            silver += e ? 1 : 0;
        }
        QCOMPARE(silver, 30);

        // ACN: its contact certified → 1 certified contact → Gold (275,056 USD ≥ 250,000; 208 deals ≥ 50).
        // FICO: a second contact, both certified → 2 → Platinum (1,153,214 USD ≥ 500,000; 349 deals ≥ 150).
        CertificationRepository certs(db, m_clock);
        CertificationType type;
        type.name = QStringLiteral("Sales Associate");
        type.validityMonths = 24;
        certs.addType(type);
        PartnerRepository partners(db, m_clock);
        ContactRepository contacts(db, m_clock);
        const Partner acn = partners.findByKey(QStringLiteral("ACN")).value();
        const Partner fico = partners.findByKey(QStringLiteral("FICO")).value();
        Contact second;
        second.partnerId = fico.id;
        second.name = QStringLiteral("Second Contact");
        contacts.insert(second);
        QList<Contact> certified = contacts.listForPartner(acn.id) + contacts.listForPartner(fico.id);
        QCOMPARE(certified.size(), 3);
        for (const Contact& c : certified) {
            Certification cert;
            cert.contactId = c.id;
            cert.typeId = type.id;
            cert.earnedOn = QDate(2017, 6, 1);
            certs.add(cert);
        }
        QHash<QString, PartnerTierEvaluation> byKey;
        for (const PartnerTierEvaluation& p : tiers.evaluate(kAsOf))
            byKey.insert(p.metrics.partnerKey, p);
        QCOMPARE(byKey.value(QStringLiteral("ACN")).metrics.certifiedContacts, 1);
        QCOMPARE(byKey.value(QStringLiteral("ACN")).evaluation.recommendedTier, QStringLiteral("Gold"));
        QCOMPARE(byKey.value(QStringLiteral("FICO")).metrics.certifiedContacts, 2);
        QCOMPARE(byKey.value(QStringLiteral("FICO")).evaluation.recommendedTier, QStringLiteral("Platinum"));
        QCOMPARE(byKey.value(QStringLiteral("ADBE")).evaluation.recommendedTier, QStringLiteral("Silver"));
        // Certificates earned after the evaluation date do not count: at 2017-05-31 ACN is Silver again.
        for (const PartnerTierEvaluation& p : tiers.evaluate(QDate(2017, 5, 31)))
            if (p.metrics.partnerKey == QLatin1String("ACN"))
                QCOMPARE(p.metrics.certifiedContacts, 0);
    }

    void cliEvaluateAndApplyAll()
    {
        // After the certifications above: 28 Silver, 1 Gold, 1 Platinum, 43 Registered.
        test::CliResult r = test::runProgram(cliPath(), {QStringLiteral("--db"), m_path, QStringLiteral("tiers"),
                                                         QStringLiteral("evaluate"), QStringLiteral("--as-of"),
                                                         QStringLiteral("2017-12-31"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject json = r.json();
        QCOMPARE(json.value(QStringLiteral("partners")).toArray().size(), kPartners);
        const QJsonObject counts = json.value(QStringLiteral("by_recommended_tier")).toObject();
        QCOMPARE(counts.value(QStringLiteral("Registered")).toInt(), 43);
        QCOMPARE(counts.value(QStringLiteral("Silver")).toInt(), 28);
        QCOMPARE(counts.value(QStringLiteral("Gold")).toInt(), 1);
        QCOMPARE(counts.value(QStringLiteral("Platinum")).toInt(), 1);
        QJsonObject acn;
        for (const QJsonValue& v : json.value(QStringLiteral("partners")).toArray())
            if (v.toObject().value(QStringLiteral("partner")).toString() == QLatin1String("ACN"))
                acn = v.toObject();
        QCOMPARE(acn.value(QStringLiteral("current_tier")).toString(), QStringLiteral("Registered"));
        QCOMPARE(acn.value(QStringLiteral("recommended_tier")).toString(), QStringLiteral("Gold"));
        QCOMPARE(acn.value(QStringLiteral("change")).toString(), QStringLiteral("promote"));
        const QJsonArray criteria = acn.value(QStringLiteral("criteria")).toArray();
        QCOMPARE(criteria.size(), 3);
        const QJsonObject revenue = criteria.at(0).toObject();
        QCOMPARE(revenue.value(QStringLiteral("name")).toString(), QStringLiteral("revenue_t12m"));
        QCOMPARE(revenue.value(QStringLiteral("actual")).toDouble(), 275056.0);
        QCOMPARE(revenue.value(QStringLiteral("required")).toDouble(), 250000.0);
        QCOMPARE(revenue.value(QStringLiteral("gap")).toDouble(), 0.0);
        QCOMPARE(revenue.value(QStringLiteral("met")).toBool(), true);
        QCOMPARE(revenue.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
        QCOMPARE(criteria.at(1).toObject().value(QStringLiteral("actual")).toInt(), 208);
        // The gap to Platinum: 500,000 − 275,056 = 224,944 USD; deals met (208 ≥ 150); one certified contact short.
        const QJsonArray next = acn.value(QStringLiteral("next_criteria")).toArray();
        QCOMPARE(acn.value(QStringLiteral("next_tier")).toString(), QStringLiteral("Platinum"));
        QCOMPARE(next.at(0).toObject().value(QStringLiteral("gap")).toDouble(), 224944.0);
        QCOMPARE(next.at(1).toObject().value(QStringLiteral("gap")).toInt(), 0);
        QCOMPARE(next.at(2).toObject().value(QStringLiteral("gap")).toInt(), 1);

        r = test::runProgram(cliPath(), {QStringLiteral("--db"), m_path, QStringLiteral("tiers"),
                                         QStringLiteral("apply"), QStringLiteral("--all"), QStringLiteral("--as-of"),
                                         QStringLiteral("2017-12-31"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 30);
        r = test::runProgram(cliPath(),
                             {QStringLiteral("--db"), m_path, QStringLiteral("tiers"), QStringLiteral("evaluate"),
                              QStringLiteral("--as-of"), QStringLiteral("2017-12-31"), QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("changes")).toInt(), 0);
        r = test::runProgram(cliPath(),
                             {QStringLiteral("--db"), m_path, QStringLiteral("tiers"), QStringLiteral("history"),
                              QStringLiteral("--partner"), QStringLiteral("FICO"), QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("current_tier")).toString(), QStringLiteral("Platinum"));
        const QJsonObject entry = r.json().value(QStringLiteral("history")).toArray().at(0).toObject();
        QCOMPARE(entry.value(QStringLiteral("from_tier")).toString(), QStringLiteral("Registered"));
        QCOMPARE(entry.value(QStringLiteral("effective_on")).toString(), QStringLiteral("2017-12-31"));
    }
};

QTEST_GUILESS_MAIN(TestTierScenario)
#include "tst_tierscenario.moc"
