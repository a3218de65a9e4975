// `partnerdesk-cli fx …` end to end (issue 11 item 6), on SQLite and PostgreSQL: the Federal Reserve import through
// country-codes.csv, list, convert (exit 2 without a rate), a refused CSV (exit 2, the file, row and field, nothing
// written), and the `fx` object of `deals summary --json` and `stats --json` before and after the rates exist. A book
// with one partner and two won deals (1,000.00 USD and 1,000.00 EUR, both closed in September 2017) made by hand.
#include "support/CliRun.h"

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/DealRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/Transaction.h"
#include "support/TestDatabases.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {

test::CliResult cli(const QString& db, const QStringList& args)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH), QStringList{QStringLiteral("--db"), db} + args,
                            {{QStringLiteral("PD_NOW"), QStringLiteral("2017-10-02T09:00:00Z")}});
}

QStringList list(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* s : items)
        out << QString::fromUtf8(s);
    return out;
}

} // namespace

class TestFxCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importListConvertAndConvertedTotals_data() { test::TestDatabases::addBackendRows(); }
    void importListConvertAndConvertedTotals();
    void readOnlyVerbsCreateNoBook();

private:
    test::TestDatabases m_dbs;
};

void TestFxCli::importListConvertAndConvertedTotals()
{
    QFETCH(QString, backend);
    QString error;
    const auto config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    {
        Database book(*config);
        book.open();
        Migrator(book).migrate();
        FixedClock clock(QDateTime(QDate(2017, 10, 2), QTime(9, 0), Qt::UTC));
        Partner p;
        p.key = QStringLiteral("ACN");
        p.name = QStringLiteral("ACN partner");
        PartnerRepository(book, clock).insert(p);
        QList<Product> products{
            Product{{}, QStringLiteral("GTX Pro"), QStringLiteral("GTX"), 479000, QStringLiteral("USD"), 0}};
        QList<Deal> deals(2);
        for (int i = 0; i < 2; ++i) {
            deals[i].externalId = QStringLiteral("D%1").arg(i + 1);
            deals[i].registrationNumber = i + 1;
            deals[i].partnerId = p.id;
            deals[i].status = DealStatus::Won;
            deals[i].registeredAt = QDateTime(QDate(2017, 8, 1), QTime(10, 0), Qt::UTC);
            deals[i].closedOn = QDate(2017, 9, 15 + i);
            deals[i].amountMinor = 100000;
            deals[i].currency = i == 0 ? QStringLiteral("USD") : QStringLiteral("EUR");
        }
        Transaction tx(book);
        ProductRepository(book).insertMany(products, QStringLiteral("2017-10-02T09:00:00.000Z"));
        for (Deal& d : deals)
            d.productId = products[0].id;
        DealRepository(book).insertMany(deals, QStringLiteral("2017-10-02T09:00:00.000Z"));
        tx.commit();
    }
    const QString db = config->displayName();

    // No rates yet: the EUR deal is left out of the won amount, and the summary says so.
    test::CliResult r = cli(db, list({"deals", "summary", "--as-of", "2017-09-30", "--json"}));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QLatin1String("won_amount")).toDouble(), 1000.0);
    QCOMPARE(r.json().value(QLatin1String("fx")).toObject().value(QLatin1String("note")).toString(),
             QStringLiteral("1 deal in EUR left out: no rate"));
    r = cli(db, list({"deals", "summary", "--as-of", "2017-09-30"}));
    QVERIFY2(r.out.contains(QLatin1String("1 deal in EUR left out: no rate")), qPrintable(r.out));

    // A bad CSV: refused with file, row and field; nothing written.
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("rates.csv"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("currency,month,units_per_usd\nEUR,2017-09,0.8394\nEUR,2017-10,0,85\n");
    }
    r = cli(db, {QStringLiteral("fx"), QStringLiteral("import"), QStringLiteral("--file"), bad});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1String("rates.csv, row 3, units_per_usd")), qPrintable(r.err));
    r = cli(db, list({"fx", "list", "--json"}));
    QCOMPARE(r.json().value(QLatin1String("rates")).toArray().size(), 0);

    // The Federal Reserve file through country-codes.csv.
    r = cli(db, {QStringLiteral("fx"), QStringLiteral("import"), QStringLiteral("--file"),
                 test::sharedData(QStringLiteral("reference/fx-monthly.csv")), QStringLiteral("--format"),
                 QStringLiteral("frb"), QStringLiteral("--countries"),
                 test::sharedData(QStringLiteral("reference/country-codes.csv")), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QLatin1String("months_by_currency")).toObject().value(QLatin1String("EUR")).toInt(), 330);
    QCOMPARE(r.json().value(QLatin1String("not_imported")).toArray().size(), 12); // 11 euro-area countries, Venezuela

    r = cli(db, list({"fx", "list", "--currency", "EUR", "--json"}));
    const QJsonArray eur = r.json().value(QLatin1String("rates")).toArray();
    QCOMPARE(eur.size(), 330);
    // 1999-01 is the first; 2017-09 is the 225th month (18 × 12 + 9 = 225, index 224): 0.8394 as the file says.
    QCOMPARE(eur.at(224).toObject().value(QLatin1String("month")).toString(), QStringLiteral("2017-09"));
    QCOMPARE(eur.at(224).toObject().value(QLatin1String("units_per_usd")).toString(), QStringLiteral("0.8394"));

    // 1,000.00 EUR in 2017-09: 1000 / 0.8394 = 1191.33 USD; to JPY: 1000 × 110.776 / 0.8394 = 131970.455… → 131,970.
    r = cli(db, list({"fx", "convert", "--amount", "1000", "--currency", "EUR", "--month", "2017-09", "--json"}));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QLatin1String("amount_minor")).toInteger(), 119133);
    r = cli(db, list({"fx", "convert", "--amount", "1000", "--currency", "EUR", "--month", "2017-09", "--to", "JPY"}));
    QCOMPARE(r.out.trimmed(), QStringLiteral("1,000.00 EUR = 131,970 JPY (converted at FRB rates of 2017-09)"));
    r = cli(db, list({"fx", "convert", "--amount", "1000", "--currency", "EUR", "--month", "1998-12"}));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1String("No rate for EUR at or before 1998-12")), qPrintable(r.err));

    // Converted totals: 1,000.00 + 1,191.33 = 2,191.33 USD, with the rates they used.
    r = cli(db, list({"deals", "summary", "--as-of", "2017-09-30", "--json"}));
    QCOMPARE(r.json().value(QLatin1String("won_amount")).toDouble(), 2191.33);
    const QJsonObject fx = r.json().value(QLatin1String("fx")).toObject();
    QCOMPARE(fx.value(QLatin1String("rates_used")).toObject().value(QLatin1String("EUR")).toArray(),
             QJsonArray{QStringLiteral("2017-09")});
    QCOMPARE(fx.value(QLatin1String("left_out_deals")).toInteger(), 0);
    r = cli(db, list({"deals", "summary", "--as-of", "2017-09-30"}));
    QVERIFY2(r.out.contains(QLatin1String("converted at FRB rates of 2017-09")), qPrintable(r.out));
    r = cli(db, list({"stats", "--json"}));
    const QJsonObject won = r.json().value(QLatin1String("won_converted")).toObject();
    QCOMPARE(won.value(QLatin1String("amount_minor")).toInteger(), 219133);
    QCOMPARE(won.value(QLatin1String("currency")).toString(), QStringLiteral("USD"));
    r = cli(db, list({"stats"}));
    QVERIFY2(r.out.contains(QLatin1String("Won amount in USD: 2,191.33 USD (converted at FRB rates of 2017-09)")),
             qPrintable(r.out));
}

void TestFxCli::readOnlyVerbsCreateNoBook()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.partnerdesk"));
    QCOMPARE(cli(path, list({"fx", "list"})).exitCode, 3);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(cli(path, list({"fx"})).exitCode, 1);
    QCOMPARE(cli(path, list({"fx", "convert", "--amount", "1"})).exitCode, 3); // no book: nothing to read rates from
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestFxCli)
#include "tst_fxcli.moc"
