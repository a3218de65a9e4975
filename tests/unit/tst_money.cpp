// Money as integer minor units (DESIGN.md section 2) and ISO 4217 minor-unit digits.
#include "domain/Money.h"

#include <QTest>
#include <limits>

using namespace pd;

class TestMoney : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minorDigits();
    void currencyCodes();
    void parse_data();
    void parse();
    void formatPlain_data();
    void formatPlain();
    void formatForPeople_data();
    void formatForPeople();
    void roundTrip();
};

void TestMoney::minorDigits()
{
    // ISO 4217 MinorUnit column.
    QCOMPARE(currencyMinorDigits(QStringLiteral("USD")), 2);
    QCOMPARE(currencyMinorDigits(QStringLiteral("EUR")), 2);
    QCOMPARE(currencyMinorDigits(QStringLiteral("GBP")), 2);
    QCOMPARE(currencyMinorDigits(QStringLiteral("JPY")), 0);
    QCOMPARE(currencyMinorDigits(QStringLiteral("KRW")), 0);
    QCOMPARE(currencyMinorDigits(QStringLiteral("BHD")), 3);
    QCOMPARE(currencyMinorDigits(QStringLiteral("KWD")), 3);
}

void TestMoney::currencyCodes()
{
    QVERIFY(isCurrencyCode(QStringLiteral("USD")));
    QVERIFY(isCurrencyCode(QStringLiteral("JPY")));
    QVERIFY(!isCurrencyCode(QStringLiteral("usd")));
    QVERIFY(!isCurrencyCode(QStringLiteral("US")));
    QVERIFY(!isCurrencyCode(QStringLiteral("US1")));
    QVERIFY(!isCurrencyCode(QStringLiteral("USDX")));
    QVERIFY(!isCurrencyCode(QString()));
}

void TestMoney::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("scale");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("integer") << "1054"
                             << "USD" << qint64(1) << true << qint64(105400);
    QTest::newRow("thousands and cents") << "1,100.04"
                                         << "USD" << qint64(1) << true << qint64(110004);
    QTest::newRow("space thousands") << "12 345.50"
                                     << "EUR" << qint64(1) << true << qint64(1234550);
    QTest::newRow("negative, one decimal") << "-3.5"
                                           << "USD" << qint64(1) << true << qint64(-350);
    QTest::newRow("plus sign") << "+5"
                               << "USD" << qint64(1) << true << qint64(500);
    QTest::newRow("surrounding spaces") << "  42.00 "
                                        << "USD" << qint64(1) << true << qint64(4200);
    QTest::newRow("zero") << "0"
                          << "USD" << qint64(1) << true << qint64(0);
    QTest::newRow("trailing point") << "7."
                                    << "USD" << qint64(1) << true << qint64(700);
    QTest::newRow("JPY integer") << "1234"
                                 << "JPY" << qint64(1) << true << qint64(1234);
    QTest::newRow("JPY zero decimals") << "1234.0"
                                       << "JPY" << qint64(1) << true << qint64(1234);
    QTest::newRow("JPY rejects fraction") << "12.5"
                                          << "JPY" << qint64(1) << false << qint64(0);
    QTest::newRow("BHD three decimals") << "1.234"
                                        << "BHD" << qint64(1) << true << qint64(1234);
    QTest::newRow("USD rejects three decimals") << "1.234"
                                                << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("USD trailing zero decimals") << "1.230"
                                                << "USD" << qint64(1) << true << qint64(123);
    // Scale: "USD millions" (Maven accounts' revenue).
    QTest::newRow("millions") << "30.1"
                              << "USD" << qint64(1000000) << true << qint64(3010000000);
    QTest::newRow("millions, fine fraction") << "1.2345"
                                             << "USD" << qint64(1000000) << true << qint64(123450000);
    QTest::newRow("thousand JPY") << "2.5"
                                  << "JPY" << qint64(1000) << true << qint64(2500);
    QTest::newRow("scale cannot rescue") << "0.001"
                                         << "JPY" << qint64(100) << false << qint64(0);
    // Not numbers.
    QTest::newRow("letters") << "abc"
                             << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("empty") << ""
                           << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("only minus") << "-"
                                << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("two points") << "1.2.3"
                                << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("exponent") << "1e5"
                              << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("leading comma") << ",5"
                                   << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("comma after point") << "1.2,3"
                                       << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("currency symbol") << "$5"
                                     << "USD" << qint64(1) << false << qint64(0);
    // Limits of qint64 minor units.
    QTest::newRow("largest") << "92233720368547758.07"
                             << "USD" << qint64(1) << true << std::numeric_limits<qint64>::max();
    QTest::newRow("overflow by one") << "92233720368547758.08"
                                     << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("overflow, long") << "99999999999999999999999"
                                    << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("overflow by scale") << "92233720368547758"
                                       << "USD" << qint64(1000) << false << qint64(0);
}

void TestMoney::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(qint64, scale);
    QFETCH(bool, ok);
    QFETCH(qint64, minor);
    const std::optional<qint64> parsed = parseMinorUnits(text, currency, scale);
    QCOMPARE(parsed.has_value(), ok);
    if (ok)
        QCOMPARE(*parsed, minor);
}

void TestMoney::formatPlain_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("USD") << qint64(105400) << "USD"
                         << "1054.00";
    QTest::newRow("cents only") << qint64(5) << "USD"
                                << "0.05";
    QTest::newRow("negative cents") << qint64(-5) << "USD"
                                    << "-0.05";
    QTest::newRow("zero") << qint64(0) << "EUR"
                          << "0.00";
    QTest::newRow("JPY") << qint64(1234) << "JPY"
                         << "1234";
    QTest::newRow("BHD") << qint64(1234) << "BHD"
                         << "1.234";
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << "USD"
                         << "-92233720368547758.08";
}

void TestMoney::formatPlain()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(formatMinorUnits(minor, currency), expected);
}

void TestMoney::formatForPeople_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    // The scenario's won amount (../shared/data/README.md).
    QTest::newRow("scenario won amount") << qint64(1000553400) << "USD"
                                         << "10,005,534.00 USD";
    QTest::newRow("negative") << qint64(-123456789) << "USD"
                              << "-1,234,567.89 USD";
    QTest::newRow("JPY") << qint64(1234567) << "JPY"
                         << "1,234,567 JPY";
    QTest::newRow("small") << qint64(100) << "USD"
                           << "1.00 USD";
    QTest::newRow("three digits, no separator") << qint64(99900) << "EUR"
                                                << "999.00 EUR";
    QTest::newRow("exactly a thousand") << qint64(100000) << "GBP"
                                        << "1,000.00 GBP";
    QTest::newRow("BHD") << qint64(1234567) << "BHD"
                         << "1,234.567 BHD";
}

void TestMoney::formatForPeople()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(formatMoney(Money{minor, currency}), expected);
}

void TestMoney::roundTrip()
{
    const QStringList currencies = {QStringLiteral("USD"), QStringLiteral("JPY"), QStringLiteral("BHD")};
    const qint64 values[] = {0, 1, -1, 99, 100, 123456789, -987654321, std::numeric_limits<qint64>::max()};
    for (const QString& c : currencies)
        for (qint64 v : values)
            QCOMPARE(parseMinorUnits(formatMinorUnits(v, c), c).value_or(-42), v);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
