// IPP scores on hand-made profiles, each contribution checked (issue 9, item 2; DESIGN.md section 3, "IPP score"):
// score = 100 × Σ weights of met criteria / Σ all weights, rounded to one decimal; a criterion's points are
// 100 × weight / Σ weights when met. Every expected number is worked out in the comments.
#include "domain/IdealPartnerProfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace pd;

namespace {
Partner partner(PartnerType type, const QString& country, int employees, int founded)
{
    Partner p;
    p.key = QStringLiteral("P");
    p.name = QStringLiteral("Partner");
    p.type = type;
    p.country = country;
    p.employees = employees;
    p.founded = founded;
    return p;
}

QList<double> points(const IppScore& s)
{
    QList<double> out;
    for (const IppContribution& c : s.contributions)
        out << c.points;
    return out;
}

QString jsonError(const char* json)
{
    QString error;
    const auto profile = IdealPartnerProfile::fromJson(QJsonDocument::fromJson(json).object(), &error);
    return profile ? QStringLiteral("<accepted>") : error;
}
} // namespace

class TestIdealPartnerProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultProfile();
    void defaultProfileScores();
    void weightsNotSummingTo100();
    void unknownValuesDoNotMeet();
    void rounding();
    void jsonRoundTrip();
    void jsonErrors();
};

void TestIdealPartnerProfile::defaultProfile()
{
    const IdealPartnerProfile p = IdealPartnerProfile::defaults();
    QCOMPARE(p.criteria.size(), 5);
    QStringList descriptions;
    int total = 0;
    for (const IppCriterion& c : p.criteria) {
        descriptions << c.description();
        total += c.weight;
    }
    QCOMPARE(descriptions, (QStringList{"Partner type in VAR, SI, MSP", "Certified contacts ≥ 1",
                                        "Size (employees) 50–5000", "Founded year ≤ 2015", "Country in US, GB, DE"}));
    QCOMPARE(total, 100);
    QVERIFY(p.validate().isEmpty());
}

void TestIdealPartnerProfile::defaultProfileScores()
{
    const IdealPartnerProfile p = IdealPartnerProfile::defaults();
    // Everything met: a VAR in the US, 120 employees, founded 2001, 2 certified contacts: 30+20+20+10+20 = 100.
    IppScore s = p.score(partner(PartnerType::VAR, QStringLiteral("US"), 120, 2001), 2);
    QCOMPARE(s.score, 100.0);
    QCOMPARE(points(s), (QList<double>{30, 20, 20, 10, 20}));
    QCOMPARE(s.contributions.at(1).actual, QStringLiteral("2"));

    // An MSP in "gb" (case-insensitive), 5000 employees (the inclusive upper bound), founded 2016 (> 2015), no
    // certified contacts: type 30 + size 20 + country 20 = 70.
    s = p.score(partner(PartnerType::MSP, QStringLiteral("gb"), 5000, 2016), 0);
    QCOMPARE(s.score, 70.0);
    QCOMPARE(points(s), (QList<double>{30, 0, 20, 0, 20}));
    QCOMPARE(s.contributions.at(1).met, false);
    QCOMPARE(s.contributions.at(1).actual, QStringLiteral("0")); // "Certified contacts ≥ 1: 0 (has 0)"
    QCOMPARE(s.contributions.at(3).actual, QStringLiteral("2016"));
    QCOMPARE(p.scoreValue(partner(PartnerType::MSP, QStringLiteral("gb"), 5000, 2016), 0), 70.0);

    // A Distributor in FR with 49 employees, founded 2015 (the inclusive bound), 1 certified contact: 20 + 10 = 30.
    s = p.score(partner(PartnerType::Distributor, QStringLiteral("FR"), 49, 2015), 1);
    QCOMPARE(s.score, 30.0);
    QCOMPARE(points(s), (QList<double>{0, 20, 0, 10, 0}));
    QCOMPARE(s.contributions.at(0).actual, QStringLiteral("Distributor"));
}

void TestIdealPartnerProfile::weightsNotSummingTo100()
{
    // Weights 3 + 7 + 5 = 15: ISV (3), industry Information Technology (7), at least 1000 employees (5).
    IdealPartnerProfile p;
    p.criteria = {
        {IppField::PartnerType, {QStringLiteral("ISV")}, {}, {}, 3},
        {IppField::Industry, {QStringLiteral("Information Technology"), QStringLiteral("Financials")}, {}, {}, 7},
        {IppField::Size, {}, 1000, {}, 5}};
    Partner isv = partner(PartnerType::ISV, QString(), 999, 0);
    isv.industry = QStringLiteral(" information technology "); // case and surrounding spaces ignored
    const IppScore s = p.score(isv, 0);
    // Met 3 + 7 = 10 of 15: 66.666… → 66.7; points 100×3/15 = 20, 100×7/15 = 46.666…, 0.
    QCOMPARE(s.score, 66.7);
    QCOMPARE(s.contributions.at(0).points, 20.0);
    QCOMPARE(qRound(s.contributions.at(1).points * 1000), 46667);
    QCOMPARE(s.contributions.at(2).points, 0.0);
    QCOMPARE(s.contributions.at(2).actual, QStringLiteral("999"));
    QCOMPARE(p.criteria.at(2).description(), QStringLiteral("Size (employees) ≥ 1000"));

    // Territory: only EMEA; a partner in APAC scores 0 on it.
    p.criteria = {{IppField::Territory, {QStringLiteral("EMEA")}, {}, {}, 40},
                  {IppField::FoundedYear, {}, 1990, 2000, 60}};
    Partner emea = partner(PartnerType::SI, QString(), 0, 2000);
    emea.territory = QStringLiteral("Emea");
    QCOMPARE(p.score(emea, 0).score, 100.0);
    emea.territory = QStringLiteral("APAC");
    QCOMPARE(points(p.score(emea, 0)), (QList<double>{0, 60}));
    QCOMPARE(p.criteria.at(1).description(), QStringLiteral("Founded year 1990–2000"));
}

void TestIdealPartnerProfile::unknownValuesDoNotMeet()
{
    // Unknown size (0), founded year (0), industry and country (empty) never meet a criterion, even an open range.
    IdealPartnerProfile p;
    p.criteria = {{IppField::Size, {}, {}, 100000, 25},
                  {IppField::FoundedYear, {}, {}, 2100, 25},
                  {IppField::Industry, {QStringLiteral("Financials")}, {}, {}, 25},
                  {IppField::Country, {QStringLiteral("US")}, {}, {}, 25}};
    const IppScore s = p.score(partner(PartnerType::VAR, QString(), 0, 0), 3);
    QCOMPARE(s.score, 0.0);
    for (const IppContribution& c : s.contributions) {
        QCOMPARE(c.met, false);
        QCOMPARE(c.actual, QString());
    }
    // A certified-contact count is always known: 0 meets "at most 0".
    p.criteria = {{IppField::CertifiedContacts, {}, {}, 0, 10}};
    QCOMPARE(p.score(partner(PartnerType::VAR, QString(), 0, 0), 0).score, 100.0);
    // No criteria: 0.
    QCOMPARE(IdealPartnerProfile().score(partner(PartnerType::VAR, QStringLiteral("US"), 10, 2000), 1).score, 0.0);
}

void TestIdealPartnerProfile::rounding()
{
    // Three criteria of weight 1: one met → 33.333… → 33.3; two met → 66.666… → 66.7.
    IdealPartnerProfile p;
    p.criteria = {{IppField::Country, {QStringLiteral("US")}, {}, {}, 1},
                  {IppField::Size, {}, 10, {}, 1},
                  {IppField::FoundedYear, {}, 2000, {}, 1}};
    QCOMPARE(p.score(partner(PartnerType::VAR, QStringLiteral("US"), 5, 1999), 0).score, 33.3);
    QCOMPARE(p.score(partner(PartnerType::VAR, QStringLiteral("US"), 10, 1999), 0).score, 66.7);
    QCOMPARE(p.scoreValue(partner(PartnerType::VAR, QStringLiteral("US"), 10, 1999), 0), 66.7);
}

void TestIdealPartnerProfile::jsonRoundTrip()
{
    const IdealPartnerProfile p = IdealPartnerProfile::defaults();
    const QJsonObject json = p.toJson();
    QCOMPARE(
        QJsonDocument(json.value(QStringLiteral("criteria")).toArray().at(2).toObject()).toJson(QJsonDocument::Compact),
        QByteArray(R"({"field":"employees","max":5000,"min":50,"weight":20})"));
    QString error;
    const std::optional<IdealPartnerProfile> back = IdealPartnerProfile::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, p);
}

void TestIdealPartnerProfile::jsonErrors()
{
    QCOMPARE(jsonError(R"({"criteria":[{"field":"type","values":["VAR"],"weight":10},
                                       {"field":"revenue","min":1,"weight":5}]})"),
             QStringLiteral("Criterion 2: unknown field 'revenue'"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"type","values":["VAR"],"weight":0}]})"),
             QStringLiteral("Criterion 1 (type): the weight must be 1 to 100, not 0"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"type","values":["VAR"],"weight":101}]})"),
             QStringLiteral("Criterion 1 (type): the weight must be 1 to 100, not 101"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"type","values":["VAR"],"weight":"ten"}]})"),
             QStringLiteral("Criterion 1 (type): the weight must be a whole number from 1 to 100"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"country","values":["US"],"weight":5},
                                       {"field":"employees","min":500,"max":50,"weight":5}]})"),
             QStringLiteral("Criterion 2 (employees): min 500 is greater than max 50"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"country","values":[],"weight":5}]})"),
             QStringLiteral("Criterion 1 (country): needs at least one accepted value"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"founded","weight":5}]})"),
             QStringLiteral("Criterion 1 (founded): needs a min, a max or both"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"founded","values":["2000"],"max":2000,"weight":5}]})"),
             QStringLiteral("Criterion 1 (founded): a numeric field takes min and max, not values"));
    QCOMPARE(jsonError(R"({"criteria":[{"field":"industry","values":[3],"weight":5}]})"),
             QStringLiteral("Criterion 1 (industry): values must be a list of texts"));
    QCOMPARE(jsonError(R"({"weights":[]})"), QStringLiteral("The profile needs a list of criteria"));
    QCOMPARE(jsonError(R"({"criteria":[]})"), QStringLiteral("<accepted>"));
}

QTEST_GUILESS_MAIN(TestIdealPartnerProfile)
#include "tst_idealpartnerprofile.moc"
