// The pure FX conversion of issue 11 item 6: exact parsing of rates, conversion through USD rounded half up to the
// reporting currency's minor units (JPY 0, BHD 3), the fallback to the latest earlier month, a missing rate, and the
// note every converted figure carries. Expected values worked out by hand in the comments.
#include "domain/FxConversion.h"
#include "domain/FxRateFiles.h"
#include "domain/FxRateTable.h"

#include <QTest>

using namespace pd;

class TestFxConversion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesRatesExactly()
    {
        QCOMPARE(parseUnitsPerUsdE8(u"0.8394"), std::optional<qint64>(83940000));
        QCOMPARE(parseUnitsPerUsdE8(u"110.776"), std::optional<qint64>(11077600000));
        QCOMPARE(parseUnitsPerUsdE8(u"1131.5990"), std::optional<qint64>(113159900000));
        QCOMPARE(parseUnitsPerUsdE8(u"0.00000001"), std::optional<qint64>(1));
        QCOMPARE(parseUnitsPerUsdE8(u"1.10000000000"), std::optional<qint64>(110000000)); // trailing zeros are fine
        QString reason;
        QVERIFY(!parseUnitsPerUsdE8(u"1.123456789", &reason));
        QVERIFY(reason.contains(QLatin1String("decimals")));
        QVERIFY(!parseUnitsPerUsdE8(u"0"));
        QVERIFY(!parseUnitsPerUsdE8(u"-1.2"));
        QVERIFY(!parseUnitsPerUsdE8(u"1,2"));
        QVERIFY(!parseUnitsPerUsdE8(u""));
        QCOMPARE(formatUnitsPerUsdE8(83940000), QStringLiteral("0.8394"));
        QCOMPARE(formatUnitsPerUsdE8(11077600000), QStringLiteral("110.7760"));
        QCOMPARE(formatUnitsPerUsdE8(123456789), QStringLiteral("1.23456789"));
    }

    void convertsThroughUsdRoundingHalfUp()
    {
        // 1,000.00 EUR at 0.8394 EUR per USD: 1000 / 0.8394 = 1191.3271… USD → 1191.33.
        QCOMPARE(convertMinorUnits(100000, u"EUR"_qs, 83940000, u"USD"_qs, kFxRateScale),
                 std::optional<qint64>(119133));
        // 10,000 JPY (no minor digits) at 110.776: 90.2722… USD → 90.27.
        QCOMPARE(convertMinorUnits(10000, u"JPY"_qs, 11077600000, u"USD"_qs, kFxRateScale),
                 std::optional<qint64>(9027));
        // 100.00 USD to JPY at 110.776: 11077.6 → 11078 JPY.
        QCOMPARE(convertMinorUnits(10000, u"USD"_qs, kFxRateScale, u"JPY"_qs, 11077600000),
                 std::optional<qint64>(11078));
        // Exactly half: 1.00 USD at 110.5 JPY is 110.5 → 111 (half up); -1.00 USD → -111 (half away from zero).
        QCOMPARE(convertMinorUnits(100, u"USD"_qs, kFxRateScale, u"JPY"_qs, 11050000000), std::optional<qint64>(111));
        QCOMPARE(convertMinorUnits(-100, u"USD"_qs, kFxRateScale, u"JPY"_qs, 11050000000), std::optional<qint64>(-111));
        // BHD has 3 minor digits: 1.01 USD at 0.376 BHD = 0.37976 → 0.380 BHD.
        QCOMPARE(convertMinorUnits(101, u"USD"_qs, kFxRateScale, u"BHD"_qs, 37600000), std::optional<qint64>(380));
        // EUR to BHD through USD: 100.00 EUR × 0.376 / 0.8394 = 44.793900… BHD → 44.794.
        QCOMPARE(convertMinorUnits(10000, u"EUR"_qs, 83940000, u"BHD"_qs, 37600000), std::optional<qint64>(44794));
        // 1.234 BHD to USD at 0.376: 3.28191… → 3.28.
        QCOMPARE(convertMinorUnits(1234, u"BHD"_qs, 37600000, u"USD"_qs, kFxRateScale), std::optional<qint64>(328));
        // Out of range and a zero rate.
        QVERIFY(
            !convertMinorUnits(std::numeric_limits<qint64>::max(), u"USD"_qs, kFxRateScale, u"KRW"_qs, 113159900000));
        QVERIFY(!convertMinorUnits(100, u"EUR"_qs, 0, u"USD"_qs, kFxRateScale));
    }

    void fallsBackToTheLatestEarlierMonth()
    {
        FxRateTable t;
        t.insert({u"EUR"_qs, u"2017-09"_qs, 83940000, u"FRB"_qs});
        t.insert({u"EUR"_qs, u"2017-11"_qs, 80000000, u"FRB"_qs});
        QCOMPARE(t.rateFor(u"EUR"_qs, u"2017-09"_qs)->month, u"2017-09"_qs);
        QCOMPARE(t.rateFor(u"EUR"_qs, u"2017-10"_qs)->month, u"2017-09"_qs); // no October rate: September's
        QCOMPARE(t.rateFor(u"EUR"_qs, u"2018-03"_qs)->unitsPerUsdE8, 80000000);
        QVERIFY(!t.rateFor(u"EUR"_qs, u"2017-08"_qs)); // nothing at or before August
        QVERIFY(!t.rateFor(u"GBP"_qs, u"2017-09"_qs));
        QCOMPARE(t.rateFor(u"USD"_qs, u"1900-01"_qs)->unitsPerUsdE8, kFxRateScale);

        FxRatesUsed used;
        used.reportingCurrency = u"USD"_qs;
        // 500.00 EUR in October at September's 0.8394: 595.6635… → 595.66.
        QCOMPARE(t.convert(50000, u"EUR"_qs, u"2017-10"_qs, u"USD"_qs, &used), std::optional<qint64>(59566));
        QCOMPARE(used.used.value(u"EUR"_qs), QStringList{u"2017-09"_qs});
        QCOMPARE(used.note(), u"converted at FRB rates of 2017-09"_qs);
        // The reporting currency converts to itself without a rate.
        QCOMPARE(t.convert(123, u"USD"_qs, u"1900-01"_qs, u"USD"_qs, &used), std::optional<qint64>(123));
    }

    void reportsAMissingRate()
    {
        FxRateTable t;
        t.insert({u"EUR"_qs, u"2017-09"_qs, 83940000, u"FRB"_qs});
        FxRatesUsed used;
        QVERIFY(!t.convert(100, u"EUR"_qs, u"2017-08"_qs, u"USD"_qs, &used, 2));
        QVERIFY(!t.convert(100, u"XAU"_qs, u"2017-09"_qs, u"USD"_qs, &used, 1));
        QCOMPARE(used.leftOutDeals.value(u"EUR"_qs), 2);
        QCOMPARE(used.leftOutCount(), 3);
        QCOMPARE(used.missing.value(u"EUR"_qs), QStringList{u"2017-08"_qs});
        QCOMPARE(used.note(), u"2 deals in EUR left out: no rate; 1 deal in XAU left out: no rate"_qs);
        // Converting into EUR from JPY needs both rates of the month (through USD).
        t.insert({u"JPY"_qs, u"2017-09"_qs, 11077600000, u"FRB"_qs});
        FxRatesUsed toEur;
        // 10,000 JPY × 0.8394 / 110.776 = 75.7745… EUR → 75.77.
        QCOMPARE(t.convert(10000, u"JPY"_qs, u"2017-12"_qs, u"EUR"_qs, &toEur), std::optional<qint64>(7577));
        QCOMPARE(toEur.used.keys(), (QStringList{u"EUR"_qs, u"JPY"_qs}));
    }

    void readsTheRatesCsvAndReportsBadRows()
    {
        const QString good = u"currency,month,units_per_usd\r\nEUR,2017-09,0.8394\nJPY,2017-09,110.776\n"_qs;
        const FxParsedRates ok = parseFxRatesCsv(good, u"rates.csv"_qs);
        QVERIFY(ok.problems.isEmpty());
        QCOMPARE(ok.rates.size(), 2);
        QCOMPARE(ok.rates[1].unitsPerUsdE8, 11077600000);
        const QString bad = u"month,currency,units_per_usd\n2017-09,EUR,0.8394\n2017-13,XYZ,abc\n2017-09,EUR,0.9\n"_qs;
        const FxParsedRates r = parseFxRatesCsv(bad, u"rates.csv"_qs);
        QCOMPARE(r.problems.size(), 4);
        QCOMPARE(r.problems[0].row, 3);
        QCOMPARE(r.problems[0].field, u"currency"_qs);
        QCOMPARE(r.problems[1].field, u"month"_qs);
        QCOMPARE(r.problems[2].field, u"units_per_usd"_qs);
        QCOMPARE(r.problems[3].row, 4); // EUR 2017-09 twice
        QCOMPARE(r.problems[3].file, u"rates.csv"_qs);
        const FxParsedRates noColumn = parseFxRatesCsv(u"currency,month\nEUR,2017-09\n"_qs, u"r.csv"_qs);
        QCOMPARE(noColumn.problems.size(), 1);
        QCOMPARE(noColumn.problems[0].field, u"units_per_usd"_qs);
    }
};

QTEST_GUILESS_MAIN(TestFxConversion)
#include "tst_fxconversion.moc"
