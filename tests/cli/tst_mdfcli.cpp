// `partnerdesk-cli mdf …` end to end (issue 10, item 8), on SQLite and PostgreSQL: a book with two partners (ACN, IBM)
// made by hand; "now" fixed through PD_NOW (2017-10-02 unless a step says otherwise). Every verb, the refusals of the
// program's rules (over-allocation by how much, claim above approval, late claim with its due date, missing proof
// type, closing before the period ends) with exit code 2 and nothing written, and the ledger CSV whose amounts per
// account sum to the balances of `mdf status`.
#include "support/CliRun.h"

#include "domain/Clock.h"
#include "io/CsvReader.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {

const QString kOctober = QStringLiteral("2017-10-02T09:00:00Z");

QStringList list(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* s : items)
        out << QString::fromUtf8(s);
    return out;
}

test::CliResult mdf(const QString& db, const QStringList& args, const QString& now = kOctober)
{
    return test::runProgram(QStringLiteral(PD_CLI_PATH),
                            QStringList{QStringLiteral("--db"), db, QStringLiteral("mdf")} + args,
                            {{QStringLiteral("PD_NOW"), now}});
}

/// `mdf status --budget "Q4 Fund" --json`.
QJsonObject status(const QString& db)
{
    return mdf(db, list({"status", "--budget", "Q4 Fund", "--json"})).json();
}

/// The figures of one partner in a status, as "allocated/committed/claimed/paid/available/expired" in minor units.
QString figures(const QJsonObject& status, const QString& key)
{
    const QJsonObject f = status.value(QStringLiteral("partners")).toObject().value(key).toObject();
    QStringList parts;
    for (const char* name : {"allocated", "committed", "claimed", "paid", "available", "expired"})
        parts << QString::number(f.value(QLatin1String(name)).toInteger());
    return parts.join(QLatin1Char('/'));
}

} // namespace

class TestMdfCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyVerb_data() { test::TestDatabases::addBackendRows(); }
    void everyVerb();
    void helpAndReadOnly();

private:
    test::TestDatabases m_dbs;
};

void TestMdfCli::everyVerb()
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
        PartnerRepository partners(book, clock);
        for (const char* key : {"ACN", "IBM"}) {
            Partner p;
            p.key = QString::fromLatin1(key);
            p.name = p.key + QStringLiteral(" partner");
            partners.insert(p);
        }
        QList<Product> products{
            Product{{}, QStringLiteral("GTX Pro"), QStringLiteral("GTX"), 479000, QStringLiteral("USD"), 0}};
        ProductRepository(book).insertMany(products, QStringLiteral("2017-10-02T09:00:00.000Z"));
    }
    const QString db = config->displayName();
    QTemporaryDir files;
    const QString invoice = files.filePath(QStringLiteral("invoice.txt"));
    const QString attendees = files.filePath(QStringLiteral("attendees.csv"));
    {
        QFile f(invoice);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Invoice 2017-0042: webinar platform, 20,000.00 USD\n");
        QFile g(attendees);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("name,email\nAda,ada@example.com\n");
    }

    // Budget: 100,000 USD as typed, for 2017Q4.
    test::CliResult r = mdf(db, list({"budget", "--name", "Q4 Fund", "--period", "2017q4", "--amount", "100,000",
                                      "--currency", "USD", "--json"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("amount")).toDouble(), 100000.0);
    QCOMPARE(r.json().value(QStringLiteral("period")).toString(), QStringLiteral("2017Q4"));
    QCOMPARE(r.json().value(QStringLiteral("ends_on")).toString(), QStringLiteral("2017-12-31"));
    r = mdf(db, list({"budget", "--name", "q4 fund", "--period", "2017Q4", "--amount", "5", "--currency", "USD"}));
    QCOMPARE(r.exitCode, 2);
    r = mdf(db, list({"budget", "--json"}));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("count")).toInt(), 1);

    // Allocations: 60,000 to ACN; 50,000 more to IBM is 10,000 too much and writes nothing.
    r = mdf(db, list({"allocate", "--budget", "Q4 Fund", "--amount", "60000", "--partner", "ACN"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = mdf(db, list({"allocate", "--budget", "Q4 Fund", "--amount", "50000", "--partner", "IBM"}));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("10,000.00 USD")), qPrintable(r.err));
    QCOMPARE(figures(status(db), QStringLiteral("IBM")), QStringLiteral("0/0/0/0/0/0"));
    QCOMPARE(status(db).value(QStringLiteral("unallocated")).toInteger(), 4000000);
    r = mdf(db, list({"allocate", "--budget", "Q4 Fund", "--amount", "30000", "--partner", "IBM"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = mdf(db, list({"allocate", "--budget", "Q4 Fund", "--amount", "1"}));
    QCOMPARE(r.exitCode, 1); // neither --partner nor --all

    // Requests: number 1 (requested = 50% of 20,000), approved for 8,000; number 2 rejected.
    r = mdf(db, list({"request", "--budget", "Q4 Fund", "--partner", "ACN", "--activity", "webinar", "--description",
                      "Cloud migration webinar", "--start", "2017-10-10", "--end", "2017-10-12", "--cost", "20000",
                      "--expected-leads", "40", "--json"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("number")).toInteger(), 1);
    QCOMPARE(r.json().value(QStringLiteral("requested")).toDouble(), 10000.0);
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("Submitted"));
    r = mdf(db, list({"request", "--budget", "Q4 Fund", "--partner", "ACN", "--activity", "event", "--description",
                      "Partner summit", "--start", "2017-11-01", "--end", "2017-11-02", "--cost", "4000"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("MDF request 2")), qPrintable(r.out));
    r = mdf(db, list({"approve", "--request", "1", "--amount", "8000", "--json"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("approved")).toDouble(), 8000.0);
    r = mdf(db, list({"reject", "--request", "#2", "--reason", "Duplicate of request 1", "--json"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("Rejected"));
    QCOMPARE(figures(status(db), QStringLiteral("ACN")), QStringLiteral("6000000/800000/0/0/5200000/0"));

    // Claims refused, nothing written: above the approval, a required proof type missing, late (due 2017-12-11).
    const QString proofInvoice = QStringLiteral("invoice=") + invoice;
    const QString proofAttendees = QStringLiteral("attendee list=") + attendees;
    const QStringList validClaim = {QStringLiteral("claim"),
                                    QStringLiteral("--request"),
                                    QStringLiteral("1"),
                                    QStringLiteral("--actual-cost"),
                                    QStringLiteral("20000"),
                                    QStringLiteral("--claimed"),
                                    QStringLiteral("7000"),
                                    QStringLiteral("--proof"),
                                    proofInvoice,
                                    QStringLiteral("--proof"),
                                    proofAttendees};
    r = mdf(db, validClaim); // on 2017-10-02, before the webinar (2017-10-10 to 12) took place
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("the activity ends on 2017-10-12")), qPrintable(r.err));
    const QString afterWebinar = QStringLiteral("2017-10-20T09:00:00Z");
    r = mdf(db,
            QStringList{QStringLiteral("claim"), QStringLiteral("--request"), QStringLiteral("1"),
                        QStringLiteral("--actual-cost"), QStringLiteral("20000"), QStringLiteral("--claimed"),
                        QStringLiteral("9000"), QStringLiteral("--proof"), proofInvoice, QStringLiteral("--proof"),
                        proofAttendees},
            afterWebinar);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("8,000.00")), qPrintable(r.err));
    r = mdf(db,
            QStringList{QStringLiteral("claim"), QStringLiteral("--request"), QStringLiteral("1"),
                        QStringLiteral("--actual-cost"), QStringLiteral("20000"), QStringLiteral("--claimed"),
                        QStringLiteral("7000"), QStringLiteral("--proof"), proofInvoice},
            afterWebinar);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("attendee list")), qPrintable(r.err));
    r = mdf(db,
            QStringList{QStringLiteral("claim"), QStringLiteral("--request"), QStringLiteral("1"),
                        QStringLiteral("--actual-cost"), QStringLiteral("20000"), QStringLiteral("--claimed"),
                        QStringLiteral("7000"), QStringLiteral("--proof"), proofInvoice, QStringLiteral("--proof"),
                        proofAttendees},
            QStringLiteral("2017-12-12T09:00:00Z"));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("2017-12-11")), qPrintable(r.err));
    r = mdf(db, list({"approve-claim", "--request", "1"}));
    QCOMPARE(r.exitCode, 2); // no claim yet
    QCOMPARE(figures(status(db), QStringLiteral("ACN")), QStringLiteral("6000000/800000/0/0/5200000/0"));

    // The claim: 7,000 of the 8,000 approved, two proof files kept with their SHA-256; approved (the other 1,000
    // returns to ACN's available allocation), then paid.
    r = mdf(db,
            QStringList{QStringLiteral("claim"), QStringLiteral("--request"), QStringLiteral("1"),
                        QStringLiteral("--actual-cost"), QStringLiteral("19500.50"), QStringLiteral("--claimed"),
                        QStringLiteral("7000"), QStringLiteral("--leads"), QStringLiteral("35"),
                        QStringLiteral("--proof"), proofInvoice, QStringLiteral("--proof"), proofAttendees,
                        QStringLiteral("--json")},
            QStringLiteral("2017-10-20T09:00:00Z"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString claimId = r.json().value(QStringLiteral("id")).toString();
    const QJsonArray proofs = r.json().value(QStringLiteral("proofs")).toArray();
    QCOMPARE(proofs.size(), 2);
    QHash<QString, QString> sums;
    for (const QJsonValue& p : proofs)
        sums.insert(p[QStringLiteral("type")].toString(), p[QStringLiteral("sha256")].toString());
    QCOMPARE(sums.value(QStringLiteral("invoice")),
             QStringLiteral("249550edfcdc07d12108ceb917b68c6e548151dfe5b72a1afb6742ef9be02065"));
    QCOMPARE(sums.value(QStringLiteral("attendee list")),
             QStringLiteral("1791357b12b2a8f87ed5c5f8f61adcdde1393decdecdaa86d0b2cce6f9320fb2"));
    r = mdf(db, list({"pay", "--request", "1", "--reference", "WIRE-1"}));
    QCOMPARE(r.exitCode, 2); // not approved yet
    r = mdf(db, QStringList{QStringLiteral("approve-claim"), QStringLiteral("--claim"), claimId});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(figures(status(db), QStringLiteral("ACN")), QStringLiteral("6000000/0/700000/0/5300000/0"));
    r = mdf(db, list({"pay", "--request", "1", "--date", "2017-11-20", "--reference", "WIRE-1", "--json"}),
            QStringLiteral("2017-11-20T12:00:00Z"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("Paid"));
    QCOMPARE(r.json().value(QStringLiteral("paid_on")).toString(), QStringLiteral("2017-11-20"));

    QJsonObject s = status(db);
    QCOMPARE(figures(s, QStringLiteral("ACN")), QStringLiteral("6000000/0/700000/700000/5300000/0"));
    QCOMPARE(figures(s, QStringLiteral("IBM")), QStringLiteral("3000000/0/0/0/3000000/0"));
    QCOMPARE(s.value(QStringLiteral("unallocated")).toInteger(), 1000000);
    QCOMPARE(s.value(QStringLiteral("balanced")).toBool(), true);

    // The ledger CSV: the amounts per partner and account (debit +, credit −) are the balances of the status.
    const QString csvPath = files.filePath(QStringLiteral("ledger.csv"));
    r = mdf(db, QStringList{QStringLiteral("ledger"), QStringLiteral("--period"), QStringLiteral("2017Q4"),
                            QStringLiteral("--out"), csvPath});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray csvBytes = csv.readAll();
    csv.close();
    CsvReader reader;
    QVERIFY2(reader.open(csvPath), qPrintable(reader.error()));
    QCOMPARE(reader.header().join(QLatin1Char(',')),
             QStringLiteral("entry,posted_on,budget,period,partner,kind,debit_account,credit_account,amount,currency,"
                            "request,claim,reverses,actor,memo"));
    QHash<QString, qint64> balance; // "partner/account" → cents
    QStringList f;
    int rows = 0;
    while (reader.next(f)) {
        ++rows;
        QCOMPARE(f.size(), 15);
        QCOMPARE(f.at(2), QStringLiteral("Q4 Fund"));
        QCOMPARE(f.at(9), QStringLiteral("USD"));
        QVERIFY2(!f.at(8).contains(QLatin1Char(',')), qPrintable(f.at(8)));
        const qint64 cents = qRound64(f.at(8).toDouble() * 100);
        // The budget's own accounts (funding, pool) belong to no partner, whatever partner the entry names.
        const auto owner = [&f](const QString& account) {
            return account == QLatin1String("funding") || account == QLatin1String("pool") ? QString() : f.at(4);
        };
        balance[owner(f.at(6)) + QLatin1Char('/') + f.at(6)] += cents;
        balance[owner(f.at(7)) + QLatin1Char('/') + f.at(7)] -= cents;
    }
    QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
    // funding, two allocations, the commitment, the claim approval, the release of the rest and the payment
    QCOMPARE(rows, 7);
    QCOMPARE(mdf(db, list({"ledger", "--period", "2017Q4", "--json"})).json().value(QStringLiteral("count")).toInt(),
             rows);
    const QJsonObject acn = s.value(QStringLiteral("partners")).toObject().value(QStringLiteral("ACN")).toObject();
    QCOMPARE(balance.value(QStringLiteral("ACN/available")), acn.value(QStringLiteral("available")).toInteger());
    QCOMPARE(balance.value(QStringLiteral("ACN/committed")), acn.value(QStringLiteral("committed")).toInteger());
    QCOMPARE(balance.value(QStringLiteral("ACN/payable")) + balance.value(QStringLiteral("ACN/paid")),
             acn.value(QStringLiteral("claimed")).toInteger());
    QCOMPARE(balance.value(QStringLiteral("ACN/paid")), acn.value(QStringLiteral("paid")).toInteger());
    QCOMPARE(balance.value(QStringLiteral("IBM/available")), 3000000);
    QCOMPARE(balance.value(QStringLiteral("/pool")), s.value(QStringLiteral("unallocated")).toInteger());
    QCOMPARE(balance.value(QStringLiteral("/funding")), -10000000);
    qint64 sum = 0;
    for (qint64 v : std::as_const(balance))
        sum += v;
    QCOMPARE(sum, 0);
    // Without --out the same CSV goes to stdout; --budget selects the same entries.
    r = mdf(db, list({"ledger", "--budget", "Q4 Fund"}));
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.toUtf8(), csvBytes);

    // A deal produced by request 1.
    r = test::runProgram(QStringLiteral(PD_CLI_PATH),
                         list({"--db"}) << db
                                        << list({"deals", "register", "--partner", "ACN", "--customer", "Globex",
                                                 "--product", "GTX Pro", "--amount", "50000"}),
                         {{QStringLiteral("PD_NOW"), kOctober}});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = mdf(db, list({"link-deal", "--deal", "1", "--request", "1", "--json"}));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("request")).toInteger(), 1);
    r = mdf(db, list({"link-deal", "--deal", "1", "--request", "99"}));
    QCOMPARE(r.exitCode, 2);

    // Close: refused before the period is over (naming its last day), then what is left expires.
    r = mdf(db, list({"close-period", "--budget", "Q4 Fund"}));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("2017-12-31")), qPrintable(r.err));
    QCOMPARE(status(db).value(QStringLiteral("budget")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("open"));
    r = mdf(db, list({"close-period", "--budget", "Q4 Fund", "--json"}), QStringLiteral("2018-01-02T09:00:00Z"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    s = status(db);
    QCOMPARE(figures(s, QStringLiteral("ACN")), QStringLiteral("6000000/0/700000/700000/0/5300000"));
    QCOMPARE(figures(s, QStringLiteral("IBM")), QStringLiteral("3000000/0/0/0/0/3000000"));
    QCOMPARE(s.value(QStringLiteral("balanced")).toBool(), true);
    QCOMPARE(s.value(QStringLiteral("budget")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("closed"));
    r = mdf(db, list({"allocate", "--budget", "Q4 Fund", "--amount", "1", "--partner", "IBM"}),
            QStringLiteral("2018-01-02T09:00:00Z"));
    QCOMPARE(r.exitCode, 2);

    // The generator's MDF data for the book's two partners: two budgets whose ledgers balance; not twice.
    r = test::runProgram(QStringLiteral(PD_CLI_PATH), list({"--db"}) << db << list({"generate", "--mdf", "--json"}),
                         {{QStringLiteral("PD_NOW"), QStringLiteral("2018-01-15T09:00:00Z")}});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("budgets")).toInt(), 2);
    QCOMPARE(r.json().value(QStringLiteral("allocations")).toInt(), 4);
    QCOMPARE(r.json().value(QStringLiteral("requests")).toInt(), 4);
    for (const char* budget : {"Generated 2017Q3", "Generated 2017Q4"}) {
        r = mdf(db, QStringList{QStringLiteral("status"), QStringLiteral("--budget"), QString::fromLatin1(budget),
                                QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("balanced")).toBool(), true);
        QCOMPARE(r.json().value(QStringLiteral("partners")).toObject().size(), 2);
    }
    r = mdf(
        db,
        list({"request", "--budget", "Generated 2017Q4", "--partner", "IBM", "--activity", "content", "--description",
              "Case study", "--start", "2017-12-01", "--end", "2017-12-01", "--cost", "100", "--json"}),
        QStringLiteral("2017-11-01T09:00:00Z"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("number")).toInteger(), 7); // after 2 of the story and 4 generated
    r = test::runProgram(QStringLiteral(PD_CLI_PATH), list({"--db"}) << db << list({"generate", "--mdf"}));
    QCOMPARE(r.exitCode, 2);
}

void TestMdfCli::helpAndReadOnly()
{
    test::CliResult r = test::runProgram(QStringLiteral(PD_CLI_PATH), list({"mdf", "--help"}));
    QCOMPARE(r.exitCode, 0);
    for (const char* verb : {"budget", "allocate", "request", "approve", "reject", "claim", "approve-claim", "pay",
                             "close-period", "ledger", "status", "link-deal"})
        QVERIFY2(r.out.contains(QLatin1String("  ") + QLatin1String(verb) + QLatin1Char(' ')), verb);
    r = test::runProgram(QStringLiteral(PD_CLI_PATH), list({"mdf", "refund"}));
    QCOMPARE(r.exitCode, 1);
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("none.partnerdesk"));
    r = mdf(missing, list({"status", "--budget", "Q4 Fund", "--json"}));
    QCOMPARE(r.exitCode, 3);
    r = mdf(missing, list({"ledger", "--period", "2017Q4"}));
    QCOMPARE(r.exitCode, 3);
    QVERIFY(!QFile::exists(missing));
}

QTEST_GUILESS_MAIN(TestMdfCli)
#include "tst_mdfcli.moc"
