// Money as integer minor units (DESIGN.md section 2) and ISO 4217 minor-unit digits.
#include "domain/Money.h"

#include <QFile>
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
    void overflowIsRefusedWithTheLimit_data();
    void overflowIsRefusedWithTheLimit();
    void unknownCodesAreRefused();
    void minorUnitsMatchIso4217();
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
    // Issue 6: a decimal comma was read as a thousands separator (1000,50 → 100,050.00).
    QTest::newRow("decimal comma") << "1000,50"
                                   << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("group of two") << "12,34"
                                  << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("group of four after a separator") << "1,2345.00"
                                                     << "USD" << qint64(1) << false << qint64(0);
    QTest::newRow("millions with separators") << "1,000,000.5"
                                              << "USD" << qint64(1) << true << qint64(100000050);
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

void TestMoney::overflowIsRefusedWithTheLimit_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("scale");
    QTest::addColumn<QString>("reason");
    const QString usd = QStringLiteral("out of range: the largest amount is 92,233,720,368,547,758.07 USD");
    // Issue 6: this value overflowed the 128-bit parser (UBSan, Money.cpp:82) and was stored as 0.16 USD.
    QTest::newRow("issue 6, short") << "85070591730234615866.0036"
                                    << "USD" << qint64(1) << usd;
    QTest::newRow("issue 6, long") << "85070591730234615866.003641929391113838"
                                   << "USD" << qint64(1) << usd;
    QTest::newRow("2^127 / 100") << "1701411834604692317316873037158841057.28"
                                 << "USD" << qint64(1) << usd;
    QTest::newRow("by one cent") << "92233720368547758.08"
                                 << "USD" << qint64(1) << usd;
    QTest::newRow("negative") << "-92233720368547758.08"
                              << "USD" << qint64(1) << usd;
    QTest::newRow("by scale") << "92233720368548"
                              << "USD" << qint64(1000) << usd;
    QTest::newRow("JPY") << "9223372036854775808"
                         << "JPY" << qint64(1) << "out of range: the largest amount is 9,223,372,036,854,775,807 JPY";
    QTest::newRow("BHD") << "9223372036854775.808"
                         << "BHD" << qint64(1) << "out of range: the largest amount is 9,223,372,036,854,775.807 BHD";
    QTest::newRow("too many decimals, not overflow") << "1.0000000000000000000001"
                                                     << "USD" << qint64(1) << "more decimals than USD has (2)";
    QTest::newRow("decimals after scaling")
        << "0.0000001"
        << "USD" << qint64(1000) << "more decimals than USD has (2) after scaling by 1000";
}

void TestMoney::overflowIsRefusedWithTheLimit()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(qint64, scale);
    QFETCH(QString, reason);
    QString why;
    const std::optional<qint64> parsed = parseMinorUnits(text, currency, scale, &why);
    QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(0))));
    QCOMPARE(why, reason);
}

void TestMoney::unknownCodesAreRefused()
{
    QVERIFY(!isCurrencyCode(QStringLiteral("XYZ"))); // accepted before issue 6
    QVERIFY(!isCurrencyCode(QStringLiteral("ABC")));
    QVERIFY(!isCurrencyCode(QStringLiteral("EU1")));
    QVERIFY(isCurrencyCode(QStringLiteral("EUR")));
    QVERIFY(isCurrencyCode(QStringLiteral("CHF")));
    QVERIFY(isCurrencyCode(QStringLiteral("DEM"))); // withdrawn in 2002, still ISO 4217 (old records)
    QCOMPARE(maxAmountText(QStringLiteral("EUR")), QStringLiteral("92,233,720,368,547,758.07 EUR"));
}

namespace {
/// Splits one line of a comma-separated file with quoted fields (the ISO 4217 list quotes names with commas).
QStringList splitCsvLine(const QString& line)
{
    QStringList out(QString{});
    bool quoted = false;
    for (QChar c : line) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char(',') && !quoted)
            out.append(QString());
        else if (c != QLatin1Char('\r') && c != QLatin1Char('\n'))
            out.last().append(c);
    }
    return out;
}
} // namespace

void TestMoney::minorUnitsMatchIso4217()
{
    // Every current code of ISO 4217 (../shared/data/reference/currency-codes-iso4217.csv, rows without a
    // WithdrawalDate) against what the app says: every code is accepted, with ISO's minor unit (ICU's, except where
    // CLDR gives the decimals used in practice or predates the code: see Money.cpp).
    // ISO gives no minor unit ("-", N.A.) for funds, precious metals, testing and "no currency" codes
    // (XAG, XAU, XBA…XBD, XDR, XPD, XPT, XSU, XTS, XUA, XXX); ICU uses its default of 2 decimals.

    QFile file(QStringLiteral(PD_SHARED_DATA "/reference/currency-codes-iso4217.csv"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QStringList header = splitCsvLine(QString::fromUtf8(file.readLine()));
    QCOMPARE(header,
             QStringList({"Entity", "Currency", "AlphabeticCode", "NumericCode", "MinorUnit", "WithdrawalDate"}));
    QSet<QString> current;
    QStringList mismatches;
    int notApplicable = 0;
    while (!file.atEnd()) {
        const QStringList f = splitCsvLine(QString::fromUtf8(file.readLine()));
        if (f.size() < 6 || f.at(2).isEmpty() || !f.at(5).isEmpty())
            continue;
        const QString code = f.at(2);
        const QString minorUnit = f.at(4);
        if (current.contains(code))
            continue;
        current.insert(code);
        if (!isCurrencyCode(code)) {
            mismatches.append(code + QStringLiteral(": refused"));
            continue;
        }
        const int app = currencyMinorDigits(code);
        if (minorUnit == QLatin1String("-")) {
            ++notApplicable;
            if (app != 2)
                mismatches.append(QStringLiteral("%1: N.A. in ISO, %2 in the app").arg(code).arg(app));
            continue;
        }
        const int expected = minorUnit.toInt();
        if (app != expected)
            mismatches.append(
                QStringLiteral("%1: ISO %2, expected %3, app %4").arg(code, minorUnit).arg(expected).arg(app));
    }
    QCOMPARE(mismatches, QStringList());
    QCOMPARE(current.size(), 178);
    QCOMPARE(notApplicable, 13);
    // Spot checks where ICU's own data would say otherwise (CLDR "digits" 0; ZWG unknown to ICU 72).
    QCOMPARE(currencyMinorDigits(QStringLiteral("IQD")), 3);
    QCOMPARE(currencyMinorDigits(QStringLiteral("RSD")), 2);
    QVERIFY(isCurrencyCode(QStringLiteral("ZWG")));
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
