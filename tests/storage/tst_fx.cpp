// Dated FX rates (issue 11 item 6), on SQLite and PostgreSQL: the import of the Federal Reserve monthly file of
// ../shared/data/reference through country-codes.csv (rates as the file gives them, written down here), the CSV
// import with its all-or-nothing refusal, and a book with deals in USD, EUR and PLN whose `deals summary` (pipeline
// totals) and `stats` totals are converted with the EUR rates of the close months (open deals: the evaluation
// month). Every expected value is worked out by hand in the comments.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "domain/FxConversion.h"
#include "storage/ChangeNotifier.h"
#include "storage/DealRepository.h"
#include "storage/FxRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/ProductRepository.h"
#include "storage/StatsRepository.h"
#include "storage/Transaction.h"
#include "support/TestDatabases.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;
using pd::test::column;
using pd::test::countRows;

namespace {

const QString kAt = QStringLiteral("2026-03-01T09:30:00.000Z");

QDateTime utc(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(10, 0), Qt::UTC);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return QString();
    f.write(text);
    return path;
}

} // namespace

class TestFx : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsTheFederalReserveFileThroughCountryCodes_data() { test::TestDatabases::addBackendRows(); }
    void importsTheFederalReserveFileThroughCountryCodes();
    void csvImportIsAllOrNothing_data() { test::TestDatabases::addBackendRows(); }
    void csvImportIsAllOrNothing();
    void summaryAndStatsConvertAtTheCloseMonthsRates_data() { test::TestDatabases::addBackendRows(); }
    void summaryAndStatsConvertAtTheCloseMonthsRates();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{utc(2026, 3, 1)};
};

void TestFx::importsTheFederalReserveFileThroughCountryCodes()
{
    PD_OPEN_BOOK(db, m_databases);
    ChangeNotifier notifier;
    QSignalSpy changed(&notifier, &ChangeNotifier::fxRatesChanged);
    FxRepository repo(*db, m_clock, &notifier);
    const FxImportReport r = repo.importFrb(test::sharedData(QStringLiteral("reference/fx-monthly.csv")),
                                            test::sharedData(QStringLiteral("reference/country-codes.csv")));
    QVERIFY2(r.ok(), r.problems.isEmpty() ? "" : qPrintable(r.problems.first().message));
    QCOMPARE(changed.count(), 1);
    // The "Euro" row: 1999-01 to 2026-06, 330 months.
    QCOMPARE(r.monthsByCurrency.value(QStringLiteral("EUR")), 330);
    QCOMPARE(repo.list(QStringLiteral("EUR")).size(), 330);
    // 22 currencies: AUD BRL CAD CHF CNY DKK EUR GBP HKD INR JPY KRW LKR MXN MYR NOK NZD SEK SGD THB TWD ZAR. The
    // United Kingdom is not a name in country-codes.csv (it says "UK"): it is found through its ISO code GB.
    QCOMPARE(r.monthsByCurrency.keys(),
             (QStringList{"AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "INR", "JPY",
                          "KRW", "LKR", "MXN", "MYR", "NOK", "NZD", "SEK", "SGD", "THB", "TWD", "ZAR"}));
    QCOMPARE(r.monthsByCurrency.value(QStringLiteral("GBP")), 666);
    // Not guessed: the eleven euro-area countries (their rows are pre-euro currencies) and Venezuela (two codes, VES
    // and VED).
    QCOMPARE(r.notImported.size(), 12);
    QVERIFY(r.notImported.contains(QStringLiteral("Austria: EUR has its own row (Euro)")));
    QVERIFY(
        r.notImported.contains(QStringLiteral("Venezuela: no single currency code in country-codes.csv (VES,VED)")));
    // As the file gives them: 2017-09-01,Euro,0.8394 and 2017-09-01,Japan,110.7760; South Korea 1131.5990.
    const FxRateTable t = repo.table();
    QCOMPARE(t.rateFor(QStringLiteral("EUR"), QStringLiteral("2017-09"))->unitsPerUsdE8, qint64(83940000));
    QCOMPARE(t.rateFor(QStringLiteral("JPY"), QStringLiteral("2017-09"))->unitsPerUsdE8, qint64(11077600000));
    QCOMPARE(t.rateFor(QStringLiteral("KRW"), QStringLiteral("2017-09"))->unitsPerUsdE8, qint64(113159900000));
    QCOMPARE(t.rateFor(QStringLiteral("EUR"), QStringLiteral("2017-09"))->source, QStringLiteral("FRB"));
    QVERIFY(!t.rateFor(QStringLiteral("EUR"), QStringLiteral("1998-12"))); // before the euro
    // 1,000.00 EUR closed in September 2017: 1000 / 0.8394 = 1191.3271 USD → 1191.33.
    QCOMPARE(t.convert(100000, QStringLiteral("EUR"), QStringLiteral("2017-09"), QStringLiteral("USD"), nullptr),
             std::optional<qint64>(119133));
    // One audit entry for the import; one change-log entry per currency.
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity = 'fx_rates'")), QStringList{"1"});
    QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'fx_rates'")),
             QStringList{"22"});
    // Importing again replaces (upsert per currency and month): still 330 EUR months.
    QVERIFY(repo.importFrb(test::sharedData(QStringLiteral("reference/fx-monthly.csv")),
                           test::sharedData(QStringLiteral("reference/country-codes.csv")))
                .ok());
    QCOMPARE(repo.list(QStringLiteral("EUR")).size(), 330);
}

void TestFx::csvImportIsAllOrNothing()
{
    PD_OPEN_BOOK(db, m_databases);
    QTemporaryDir dir;
    FxRepository repo(*db, m_clock);
    const QString bad = writeFile(dir, QStringLiteral("bad.csv"),
                                  "currency,month,units_per_usd\nEUR,2017-09,0.8394\nGBP,2017-9,0.7496\n");
    const FxImportReport refused = repo.importCsv(bad);
    QCOMPARE(refused.problems.size(), 1);
    QCOMPARE(refused.problems[0].file, QStringLiteral("bad.csv"));
    QCOMPARE(refused.problems[0].row, 3);
    QCOMPARE(refused.problems[0].field, QStringLiteral("month"));
    QCOMPARE(countRows(*db, QStringLiteral("fx_rates")), 0); // nothing written, not even the good EUR row
    const QString good = writeFile(dir, QStringLiteral("good.csv"),
                                   "currency,month,units_per_usd\nEUR,2017-09,0.8394\nGBP,2017-09,0.7496\n");
    const FxImportReport ok = repo.importCsv(good);
    QVERIFY(ok.ok());
    QCOMPARE(ok.written, 2);
    QCOMPARE(column(*db, QStringLiteral("SELECT units_per_usd_e8 FROM fx_rates WHERE currency = 'GBP'")),
             QStringList{"74960000"});
    // A second file replaces GBP 2017-09 (upsert) and adds a month.
    const QString again = writeFile(dir, QStringLiteral("again.csv"),
                                    "month,units_per_usd,currency\n2017-09,0.75,GBP\n2017-10,0.7563,GBP\n");
    QVERIFY(repo.importCsv(again).ok());
    QCOMPARE(column(*db, QStringLiteral("SELECT units_per_usd_e8 FROM fx_rates WHERE currency = 'GBP' ORDER BY month")),
             (QStringList{"75000000", "75630000"}));
    QCOMPARE(repo.list().size(), 3);
}

void TestFx::summaryAndStatsConvertAtTheCloseMonthsRates()
{
    PD_OPEN_BOOK(db, m_databases);
    FxRepository fx(*db, m_clock);
    QVERIFY(fx.importFrb(test::sharedData(QStringLiteral("reference/fx-monthly.csv")),
                         test::sharedData(QStringLiteral("reference/country-codes.csv")))
                .ok());
    PartnerRepository partners(*db, m_clock);
    const Partner acn = test::makePartner(partners, QStringLiteral("ACN"));
    QList<Product> products(1);
    products[0].name = QStringLiteral("GTX Pro");
    products[0].productLine = QStringLiteral("GTX");
    products[0].listPriceMinor = 479600;
    struct Row
    {
        DealStatus status;
        QDate closed;
        qint64 amount;
        const char* currency;
    };
    // The EUR rates of the Federal Reserve file: 2017-09 0.8394, 2017-10 0.8507, 2017-11 0.8516, 2017-12 0.8449.
    const Row rows[] = {
        {DealStatus::Won, QDate(2017, 9, 15), 100000, "USD"},  // 1,000.00 USD
        {DealStatus::Won, QDate(2017, 9, 20), 100000, "EUR"},  // 1,000.00 EUR / 0.8394 = 1191.3271 → 1,191.33 USD
        {DealStatus::Won, QDate(2017, 10, 5), 50000, "EUR"},   // 500.00 EUR / 0.8507 = 587.7507 → 587.75 USD
        {DealStatus::Lost, QDate(2017, 11, 10), 30000, "EUR"}, // 300.00 EUR / 0.8516 = 352.2781 → 352.28 USD
        {DealStatus::Approved, QDate(), 20000, "EUR"},         // open: December's 0.8449: 236.7144 → 236.71 USD
        {DealStatus::Won, QDate(2017, 11, 1), 10000, "PLN"},   // the FRB file has no PLN rate: left out
    };
    QList<Deal> deals;
    int n = 0;
    for (const Row& r : rows) {
        Deal d;
        d.externalId = QStringLiteral("D%1").arg(++n);
        d.registrationNumber = n;
        d.partnerId = acn.id;
        d.status = r.status;
        d.registeredAt = utc(2017, 8, 1);
        d.closedOn = r.closed;
        d.amountMinor = r.amount;
        d.currency = QString::fromLatin1(r.currency);
        deals << d;
    }
    {
        Transaction tx(*db);
        ProductRepository(*db).insertMany(products, kAt);
        for (Deal& d : deals)
            d.productId = products[0].id;
        DealRepository(*db).insertMany(deals, kAt);
        tx.commit();
    }

    // deals summary as of 2017-12-31 (default rules: Approved 30%; the quarter starts 2017-10-01).
    const QList<PipelineSummary> sums =
        PipelineRepository(*db).summary(QDate(2017, 12, 31), ProgramRules(), QStringLiteral("USD"), false);
    QCOMPARE(sums.size(), 1);
    const PipelineSummary& s = sums.first();
    QCOMPARE(s.openCount, 1);
    QCOMPARE(s.openAmountMinor, 23671);
    // Weighted: 30 × 20000 EUR minor = 600000 / 0.8449 = 710143.2 → 710143 (minor units × 100).
    QCOMPARE(s.weightedX100, 710143);
    QCOMPARE(s.wonPeriodMinor, 58775); // October's EUR deal; the PLN deal of November is left out
    QCOMPARE(s.wonAmountMinor, 100000 + 119133 + 58775);
    QCOMPARE(s.lostAmountMinor, 35228);
    QCOMPARE(s.wonCount, 4); // counts need no rate: the PLN deal is counted
    QCOMPARE(s.lostCount, 1);
    QCOMPARE(s.otherCurrencyDeals, 1);
    QCOMPARE(s.fx.used.value(QStringLiteral("EUR")), (QStringList{"2017-09", "2017-10", "2017-11", "2017-12"}));
    QCOMPARE(s.fx.leftOutDeals.value(QStringLiteral("PLN")), 1);
    QCOMPARE(s.fx.note(), QStringLiteral("converted at FRB rates of 2017-09…2017-12; 1 deal in PLN left out: no rate"));
    // Per partner: the same figures for ACN.
    const QList<PipelineSummary> byPartner =
        PipelineRepository(*db).summary(QDate(2017, 12, 31), ProgramRules(), QStringLiteral("USD"), true);
    QCOMPARE(byPartner.size(), 1);
    QCOMPARE(byPartner.first().wonAmountMinor, 277908);
    QCOMPARE(byPartner.first().openAmountMinor, 23671);

    // As of 2017-09-30 the EUR deal of October was open then: it converts at September's rate (the evaluation month),
    // 500.00 / 0.8394 = 595.6635 → 595.66; and the Approved one: 200.00 / 0.8394 = 238.2654 → 238.27.
    const PipelineSummary sept =
        PipelineRepository(*db).summary(QDate(2017, 9, 30), ProgramRules(), QStringLiteral("USD"), false).first();
    QCOMPARE(sept.openCount, 4); // the October, November (Lost, PLN Won) deals and the Approved one
    QCOMPARE(sept.wonAmountMinor, 100000 + 119133);

    // stats: won amounts per currency as stored, and converted at the close months' rates.
    const BookStats st = StatsRepository(*db).stats(QStringLiteral("USD"));
    QCOMPARE(st.wonByCurrency.value(QStringLiteral("EUR")), 150000);
    QCOMPARE(st.wonConvertedMinor, 100000 + 119133 + 58775);
    QCOMPARE(st.fx.used.value(QStringLiteral("EUR")), (QStringList{"2017-09", "2017-10"}));
    QCOMPARE(st.fx.leftOutDeals.value(QStringLiteral("PLN")), 1);
    QCOMPARE(st.fx.missing.value(QStringLiteral("PLN")), QStringList{"2017-11"});

    // Once a PLN rate is imported for an earlier month, November's PLN deal converts at it (the latest earlier month):
    // 100.00 PLN / 3.6000 = 27.7778 → 27.78 USD.
    QTemporaryDir dir;
    QVERIFY(
        fx.importCsv(writeFile(dir, QStringLiteral("pln.csv"), "currency,month,units_per_usd\nPLN,2017-09,3.6000\n"))
            .ok());
    const BookStats st2 = StatsRepository(*db).stats(QStringLiteral("USD"));
    QCOMPARE(st2.wonConvertedMinor, 100000 + 119133 + 58775 + 2778);
    QCOMPARE(st2.fx.used.value(QStringLiteral("PLN")), QStringList{"2017-09"});
    QVERIFY(st2.fx.leftOutDeals.isEmpty());
}

QTEST_MAIN(TestFx)
#include "tst_fx.moc"
