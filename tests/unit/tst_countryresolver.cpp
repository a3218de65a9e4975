// Country resolution with Qt's territory data plus aliases (issue 2, import: countries to ISO 3166 alpha-2).
#include "domain/CountryResolver.h"

#include <QTest>

using namespace pd;

class TestCountryResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolve_data();
    void resolve();
    void usStates();
    void splitLocation_data();
    void splitLocation();

private:
    CountryResolver m_resolver;
};

void TestCountryResolver::resolve_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    // QLocale's English territory names.
    QTest::newRow("Germany") << "Germany"
                             << "DE";
    QTest::newRow("Netherlands") << "Netherlands"
                                 << "NL";
    QTest::newRow("Ireland") << "Ireland"
                             << "IE";
    QTest::newRow("Japan") << "Japan"
                           << "JP";
    QTest::newRow("United Kingdom") << "United Kingdom"
                                    << "GB";
    QTest::newRow("case and spaces") << "  gErMaNy "
                                     << "DE";
    // Aliases (the Maven accounts file writes these).
    QTest::newRow("United States") << "United States"
                                   << "US";
    QTest::newRow("USA") << "USA"
                         << "US";
    QTest::newRow("U.S.A.") << "U.S.A."
                            << "US";
    QTest::newRow("Korea") << "Korea"
                           << "KR";
    QTest::newRow("Philipines") << "Philipines"
                                << "PH";
    QTest::newRow("UK") << "UK"
                        << "GB";
    QTest::newRow("Holland") << "Holland"
                             << "NL";
    // Alpha-2 codes, any case.
    QTest::newRow("code US") << "US"
                             << "US";
    QTest::newRow("code de") << "de"
                             << "DE";
    QTest::newRow("code JP") << "JP"
                             << "JP";
    // Unknown: empty, never a guess.
    QTest::newRow("unknown") << "Atlantis"
                             << "";
    QTest::newRow("misspelt beyond aliases") << "Germny"
                                             << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("blank") << "   "
                           << "";
    QTest::newRow("not a code") << "ZZ"
                                << "";
}

void TestCountryResolver::resolve()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(m_resolver.resolve(text), expected);
}

void TestCountryResolver::usStates()
{
    QVERIFY(m_resolver.isUsState(QStringLiteral("California")));
    QVERIFY(m_resolver.isUsState(QStringLiteral("new york")));
    QVERIFY(m_resolver.isUsState(QStringLiteral("TX")));
    QVERIFY(m_resolver.isUsState(QStringLiteral("District of Columbia")));
    QVERIFY(!m_resolver.isUsState(QStringLiteral("Ireland")));
    QVERIFY(!m_resolver.isUsState(QString()));
}

void TestCountryResolver::splitLocation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("city");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("regionText");
    // S&P 500 "Headquarters Location" forms: "City, State" in the US, "City, Country" elsewhere.
    QTest::newRow("US state") << "Santa Clara, California"
                              << "Santa Clara"
                              << "US"
                              << "California";
    QTest::newRow("New York state") << "Armonk, New York"
                                    << "Armonk"
                                    << "US"
                                    << "New York";
    QTest::newRow("Ireland") << "Dublin, Ireland"
                             << "Dublin"
                             << "IE"
                             << "Ireland";
    QTest::newRow("Netherlands") << "Eindhoven, Netherlands"
                                 << "Eindhoven"
                                 << "NL"
                                 << "Netherlands";
    QTest::newRow("Switzerland") << "Schaffhausen, Switzerland"
                                 << "Schaffhausen"
                                 << "CH"
                                 << "Switzerland";
    QTest::newRow("extra spaces") << "  Austin ,  Texas "
                                  << "Austin"
                                  << "US"
                                  << "Texas";
    QTest::newRow("unresolved region") << "Gotham, Nowhere"
                                       << "Gotham"
                                       << ""
                                       << "Nowhere";
    QTest::newRow("no comma, a country") << "Germany"
                                         << ""
                                         << "DE"
                                         << "Germany";
}

void TestCountryResolver::splitLocation()
{
    QFETCH(QString, text);
    QFETCH(QString, city);
    QFETCH(QString, country);
    QFETCH(QString, regionText);
    const CountryResolver::Location loc = m_resolver.splitLocation(text);
    QCOMPARE(loc.city, city);
    QCOMPARE(loc.country, country);
    QCOMPARE(loc.regionText, regionText);
}

QTEST_GUILESS_MAIN(TestCountryResolver)
#include "tst_countryresolver.moc"
