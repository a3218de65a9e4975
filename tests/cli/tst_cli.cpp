// partnerdesk-cli end to end (DESIGN.md section 5): the reference scenario through the CLI and its stats, exit
// codes for invalid input and a newer database, the default book, --version.
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/TestDatabases.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {
struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    test::TestDatabases m_dbs;
    QTemporaryDir m_dir;

    static Result cli(const QStringList& args,
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PD_CLI_PATH), args);
        Result r;
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
            return r;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    QString dbArgument(const QString& backend)
    {
        QString error;
        const auto config = m_dbs.forBackend(backend, &error);
        if (!config)
            qFatal("%s", qPrintable(error));
        return config->displayName();
    }

    static QByteArray readAll(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static QByteArray fileHash(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }

    /// Writes `bytes` to a file in the test directory and returns its path.
    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(f.fileName()));
        return f.fileName();
    }

    /// A book with products Widget and Gadget, partner P1 and its contact Ann Lee, then `deals` (canonical headers).
    Result bookWithDeals(const QString& db, const QByteArray& deals, const QStringList& extra = {})
    {
        const QList<std::pair<QString, QByteArray>> files = {
            {QStringLiteral("products"), "name,list_price,currency\nWidget,10,USD\nGadget,20,EUR\n"},
            {QStringLiteral("partners"), "key,name,type,stage\nP1,Partner One,VAR,Active\n"},
            {QStringLiteral("contacts"), "name,partner_key\nAnn Lee,P1\n"},
        };
        for (const auto& [entity, bytes] : files) {
            const Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                                  entity, QStringLiteral("--file"), writeFile(entity + QStringLiteral(".csv"), bytes)});
            if (r.exitCode != 0)
                return r;
        }
        return cli(QStringList({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                                QStringLiteral("deals"), QStringLiteral("--file"),
                                writeFile(QStringLiteral("deals.csv"), deals)}) +
                   extra);
    }

private Q_SLOTS:
    void version()
    {
        const Result r = cli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("partnerdesk-cli " PD_VERSION));
        const Result help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("Usage: partnerdesk-cli [--db DATABASE] COMMAND")));
    }

    void usageErrors()
    {
        const QString db = m_dir.filePath(QStringLiteral("usage.partnerdesk"));
        QCOMPARE(cli({}).exitCode, 1);
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("frobnicate")}).exitCode, 1);
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                      QStringLiteral("widgets"), QStringLiteral("--file"), QStringLiteral("x.csv")})
                     .exitCode,
                 1);
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--bogus")}).exitCode, 1);
    }

    void scenario_data() { test::TestDatabases::addBackendRows(); }
    void scenario()
    {
        QFETCH(QString, backend);
        const QString db = dbArgument(backend);
        const Result init = cli({QStringLiteral("--db"), db, QStringLiteral("init"), QStringLiteral("--json")});
        QCOMPARE(init.exitCode, 0);
        QCOMPARE(init.json().value(QStringLiteral("schema_version")).toInt(), 9);
        QCOMPARE(init.json().value(QStringLiteral("database")).toString(), db);

        const QList<std::tuple<QString, QString, QString, int, int>> steps = {
            {"products", "1-products.json", "maven_crm/products.csv", 7, 0},
            {"partners", "2-partners.json", "reference/sp500_constituents.csv", 73, 0},
            {"partners", "3-partner-managers.json", "scenario/partner_reps.csv", 0, 35},
            {"contacts", "4-contacts.json", "scenario/partner_reps.csv", 35, 0},
            {"accounts", "5-accounts.json", "maven_crm/accounts.csv", 85, 0},
            {"deals", "6-deals.json", "maven_crm/sales_pipeline.csv", 8800, 0},
        };
        for (const auto& [entity, profile, file, inserted, updated] : steps) {
            const Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                                  entity, QStringLiteral("--file"), test::sharedData(file), QStringLiteral("--profile"),
                                  test::testData(QStringLiteral("profiles/") + profile), QStringLiteral("--json")});
            QVERIFY2(r.exitCode == 0, qPrintable(profile + QLatin1Char(' ') + r.out + r.err));
            const QJsonObject o = r.json();
            QCOMPARE(o.value(QStringLiteral("inserted")).toInt(), inserted);
            QCOMPARE(o.value(QStringLiteral("updated")).toInt(), updated);
            QCOMPARE(o.value(QStringLiteral("rejected")).toInt(), 0);
            QCOMPARE(o.value(QStringLiteral("committed")).toBool(), true);
        }

        const Result stats = cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(stats.exitCode, 0);
        const QJsonObject s = stats.json();
        QCOMPARE(s.value(QStringLiteral("partners")).toInt(), 73);
        QCOMPARE(s.value(QStringLiteral("contacts")).toInt(), 35);
        QCOMPARE(s.value(QStringLiteral("accounts")).toInt(), 85);
        QCOMPARE(s.value(QStringLiteral("products")).toInt(), 7);
        QCOMPARE(s.value(QStringLiteral("deals")).toInt(), 8800);
        const QJsonObject byStatus = s.value(QStringLiteral("deals_by_status")).toObject();
        QCOMPARE(byStatus.value(QStringLiteral("Won")).toInt(), 4238);
        QCOMPARE(byStatus.value(QStringLiteral("Lost")).toInt(), 2473);
        QCOMPARE(byStatus.value(QStringLiteral("Approved")).toInt(), 1589);
        QCOMPARE(byStatus.value(QStringLiteral("Draft")).toInt(), 500);
        QCOMPARE(byStatus.size(), 4);
        const QJsonObject byType = s.value(QStringLiteral("partners_by_type")).toObject();
        QCOMPARE(byType.value(QStringLiteral("Technology")).toInt(), 45);
        QCOMPARE(byType.value(QStringLiteral("ISV")).toInt(), 20);
        QCOMPARE(byType.value(QStringLiteral("SI")).toInt(), 4);
        QCOMPARE(byType.value(QStringLiteral("MSP")).toInt(), 3);
        QCOMPARE(byType.value(QStringLiteral("Distributor")).toInt(), 1);
        QCOMPARE(byType.size(), 5);
        QCOMPARE(s.value(QStringLiteral("accounts_with_parent")).toInt(), 15);
        QCOMPARE(s.value(QStringLiteral("deals_without_account")).toInt(), 1425);
        QCOMPARE(s.value(QStringLiteral("partners_with_deals")).toInt(), 30);
        // Won amounts per currency; the scenario is all USD: 10,005,534 USD.
        const QJsonArray won = s.value(QStringLiteral("won_amounts")).toArray();
        QCOMPARE(won.size(), 1);
        QCOMPARE(won.at(0).toObject().value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
        QCOMPARE(won.at(0).toObject().value(QStringLiteral("amount")).toDouble(), 10005534.0);
        QCOMPARE(won.at(0).toObject().value(QStringLiteral("amount_minor")).toInteger(), Q_INT64_C(1000553400));
        QVERIFY(!s.contains(QStringLiteral("won_amount_minor")));
        const Result human = cli({QStringLiteral("--db"), db, QStringLiteral("stats")});
        QVERIFY2(human.out.contains(QStringLiteral("\nWon amount: 10,005,534.00 USD\n")), qPrintable(human.out));

        // Deal registration on the same book (issue 3; the values are computed independently in
        // tests/deals/reference_figures.py, see tests/deals/tst_scenariodeals.cpp).
        auto deals = [&](const QStringList& args) {
            return cli(QStringList{QStringLiteral("--db"), db, QStringLiteral("deals")} + args);
        };
        const Result conflicts = deals({QStringLiteral("conflicts"), QStringLiteral("--json")});
        QCOMPARE(conflicts.exitCode, 0);
        QCOMPARE(conflicts.json().value(QStringLiteral("conflicted_registrations")).toInt(), 5660);
        QCOMPARE(conflicts.json().value(QStringLiteral("conflict_pairs")).toInt(), 14191);
        const QJsonObject summary = deals({QStringLiteral("summary"), QStringLiteral("--as-of"),
                                           QStringLiteral("2017-12-31"), QStringLiteral("--json")})
                                        .json();
        // As of the end of 2017 (issue 6, tests/deals/reference_figures.py `as_of`): the deals open then — the Drafts
        // entered the book only at the import, so they are not among them.
        QCOMPARE(summary.value(QStringLiteral("as_of")).toString(), QStringLiteral("2017-12-31"));
        QCOMPARE(summary.value(QStringLiteral("open_count")).toInt(), 1589);
        QCOMPARE(summary.value(QStringLiteral("open_amount")).toDouble(), 3892229.0);
        QCOMPARE(summary.value(QStringLiteral("weighted_pipeline")).toDouble(), 1167668.7);
        QCOMPARE(summary.value(QStringLiteral("won_amount")).toDouble(), 2802496.0); // 2017 Q4
        QCOMPARE(summary.value(QStringLiteral("win_rate")).toDouble(), 4238.0 / 6711.0);
        // As of 2017-09-30, with "now" fixed there by PD_NOW (no --as-of): deals won or lost later were still open.
        QProcessEnvironment fixedNow = QProcessEnvironment::systemEnvironment();
        fixedNow.insert(QStringLiteral("PD_NOW"), QStringLiteral("2017-09-30T12:00:00Z"));
        const Result q3 = cli(
            {QStringLiteral("--db"), db, QStringLiteral("deals"), QStringLiteral("summary"), QStringLiteral("--json")},
            fixedNow);
        QCOMPARE(q3.exitCode, 0);
        QCOMPARE(q3.json().value(QStringLiteral("as_of")).toString(), QStringLiteral("2017-09-30"));
        QCOMPARE(q3.json().value(QStringLiteral("open_count")).toInt(), 2409);
        QCOMPARE(q3.json().value(QStringLiteral("open_amount")).toDouble(), 4908227.0);
        QCOMPARE(q3.json().value(QStringLiteral("weighted_pipeline")).toDouble(), 1472468.1);
        QCOMPARE(q3.json().value(QStringLiteral("won_amount")).toDouble(), 2982255.0); // 2017 Q3
        QCOMPARE(q3.json().value(QStringLiteral("win_rate")).toDouble(), 3042.0 / (3042.0 + 1684.0));
        const Result q3Text =
            deals({QStringLiteral("summary"), QStringLiteral("--as-of"), QStringLiteral("2017-09-30")});
        QVERIFY2(
            q3Text.out.startsWith(QStringLiteral("as of 2017-09-30: open 2409 (4,908,227.00 USD), weighted pipeline "
                                                 "1,472,468.10 USD, won 2017-07-01 to 2017-09-30 2,982,255.00 USD")),
            qPrintable(q3Text.out));
        fixedNow.insert(QStringLiteral("PD_NOW"), QStringLiteral("yesterday"));
        const Result badNow =
            cli({QStringLiteral("--db"), db, QStringLiteral("deals"), QStringLiteral("summary")}, fixedNow);
        QCOMPARE(badNow.exitCode, 1);
        QVERIFY2(badNow.err.contains(QStringLiteral("PD_NOW: 'yesterday' is not an ISO 8601 instant")),
                 qPrintable(badNow.err));
        QVERIFY(cli({QStringLiteral("--help")}).out.contains(QStringLiteral("PD_NOW=2017-12-31T12:00:00Z")));
        const QJsonObject byPartner =
            deals({QStringLiteral("summary"), QStringLiteral("--as-of"), QStringLiteral("2017-12-31"),
                   QStringLiteral("--by"), QStringLiteral("partner"), QStringLiteral("--json")})
                .json();
        QCOMPARE(byPartner.size(), 30);
        QCOMPARE(byPartner.value(QStringLiteral("ACN")).toObject().value(QStringLiteral("win_rate")).toDouble(),
                 208.0 / 336.0);
        // The first pipeline row: CDW (Moses Frase) won 1,054 USD alone: all of it is CDW's sourced credit.
        const QJsonObject attribution =
            deals({QStringLiteral("attribution"), QStringLiteral("--deal"), QStringLiteral("1C1I7A6R"),
                   QStringLiteral("--model"), QStringLiteral("linear"), QStringLiteral("--json")})
                .json();
        const QJsonArray credits = attribution.value(QStringLiteral("credits")).toArray();
        QCOMPARE(credits.size(), 1);
        QCOMPARE(credits.first().toObject().value(QStringLiteral("partner")).toString(), QStringLiteral("CDW"));
        QCOMPARE(credits.first().toObject().value(QStringLiteral("amount")).toDouble(), 1054.0);
        QCOMPARE(credits.first().toObject().value(QStringLiteral("credit")).toString(), QStringLiteral("sourced"));

        // An invalid file: exit 2, every issue printed, nothing written.
        const QStringList bad = {QStringLiteral("--db"),
                                 db,
                                 QStringLiteral("import"),
                                 QStringLiteral("--entity"),
                                 QStringLiteral("deals"),
                                 QStringLiteral("--file"),
                                 test::testData(QStringLiteral("bad/deals-invalid-date.csv")),
                                 QStringLiteral("--profile"),
                                 test::testData(QStringLiteral("profiles/6-deals.json"))};
        const Result invalid = cli(bad);
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(invalid.out.contains(
                     QStringLiteral("row 3, column close_date: not a date (expected YYYY-MM-DD) ('2017-02-30')")),
                 qPrintable(invalid.out));
        QVERIFY(invalid.out.contains(QStringLiteral("Nothing written: 0 inserted, 0 updated, 1 rejected")));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")}).out, stats.out);
        // The dry run says the same with exit 2; --skip-invalid writes the 2 good rows and exits 0.
        QCOMPARE(cli(bad + QStringList{QStringLiteral("--dry-run")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")}).out, stats.out);
        const Result skipped = cli(bad + QStringList{QStringLiteral("--skip-invalid"), QStringLiteral("--json")});
        QCOMPARE(skipped.exitCode, 0);
        QCOMPARE(skipped.json().value(QStringLiteral("inserted")).toInt(), 2);
        QCOMPARE(skipped.json().value(QStringLiteral("rejected")).toInt(), 1);
        QCOMPARE(skipped.json().value(QStringLiteral("issues")).toArray().size(), 1);
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")})
                     .json()
                     .value(QStringLiteral("deals"))
                     .toInt(),
                 8802);
        // Expiry as of the end of 2017: the 1,479 Approved registrations whose 90-day window ended by then.
        const Result expired = deals({QStringLiteral("expire"), QStringLiteral("--as-of"), QStringLiteral("2017-12-31"),
                                      QStringLiteral("--json")});
        QCOMPARE(expired.exitCode, 0);
        QCOMPARE(expired.json().value(QStringLiteral("expired")).toInt(), 1479);
    }

    void invalidFileLeavesTheFileUnchanged()
    {
        const QString db = m_dir.filePath(QStringLiteral("unchanged.partnerdesk"));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("init")}).exitCode, 0);
        const QByteArray before = fileHash(db);
        const Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                              QStringLiteral("contacts"), QStringLiteral("--file"),
                              test::testData(QStringLiteral("bad/contacts-unknown-partner.csv")),
                              QStringLiteral("--profile"), test::testData(QStringLiteral("profiles/4-contacts.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("row 2, column partner_symbol: unknown partner 'ACN'")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("row 3, column partner_symbol: unknown partner 'NOPE'")));
        QCOMPARE(fileHash(db), before);
    }

    void autoMatchedImport()
    {
        const QString db = m_dir.filePath(QStringLiteral("auto.partnerdesk"));
        const QString csv = m_dir.filePath(QStringLiteral("products.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Name;Product line;List price;Currency\r\nWidget;W;10.50;EUR\r\n");
        f.close();
        // Semicolons and headers in other spellings: auto-detected and auto-matched.
        Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                        QStringLiteral("products"), QStringLiteral("--file"), csv});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.out.contains(QStringLiteral("Imported products from products.csv: 1 inserted, 0 updated, 0 rejected")),
            qPrintable(r.out + r.err));
        r = cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(r.json().value(QStringLiteral("products")).toInt(), 1);
    }

    void statsKeepsCurrenciesApart()
    {
        // Issue 6: stats added EUR and USD into one "Won amount".
        const QString db = m_dir.filePath(QStringLiteral("currencies.partnerdesk"));
        const Result r =
            bookWithDeals(db, "external_id,contact,product,status,registered_at,closed_on,amount,currency\n"
                              "D1,Ann Lee,Widget,Won,2017-01-02,2017-02-03,100.50,EUR\n"
                              "D2,Ann Lee,Widget,Won,2017-01-02,2017-02-03,200,EUR\n"
                              "D3,Ann Lee,Gadget,Won,2017-01-02,2017-02-03,300.25,USD\n"
                              "D4,Ann Lee,Gadget,Lost,2017-01-02,2017-02-03,50,JPY\n"
                              "D5,Ann Lee,Gadget,Won,2017-01-02,2017-02-03,7,JPY\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const Result json = cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray won = json.json().value(QStringLiteral("won_amounts")).toArray();
        QStringList amounts;
        for (const QJsonValue& v : won)
            amounts.append(QStringLiteral("%1 %2 %3")
                               .arg(v.toObject().value(QStringLiteral("currency")).toString())
                               .arg(v.toObject().value(QStringLiteral("amount")).toDouble())
                               .arg(v.toObject().value(QStringLiteral("amount_minor")).toInteger()));
        QCOMPARE(amounts, QStringList({"EUR 300.5 30050", "JPY 7 7", "USD 300.25 30025"}));
        const Result human = cli({QStringLiteral("--db"), db, QStringLiteral("stats")});
        QCOMPARE(human.exitCode, 0);
        // Issue 11: then converted into the reporting currency; the book has no FX rates, so EUR and JPY are left out
        // and the line says so.
        QVERIFY2(human.out.endsWith(QStringLiteral("Won amount, per currency (not converted):\n  300.50 EUR\n  7 JPY\n"
                                                   "  300.25 USD\nWon amount in USD: 300.25 USD (2 deals in EUR left "
                                                   "out: no rate; 1 deal in JPY left out: no rate)\n")),
                 qPrintable(human.out));
    }

    void skipInvalidSaysHowManyWereRejected()
    {
        const QString db = m_dir.filePath(QStringLiteral("skip.partnerdesk"));
        const QByteArray deals = "external_id,contact,product,status,registered_at,closed_on,amount,currency\n"
                                 "S1,Ann Lee,Widget,Won,2017-01-02,2017-02-03,100.50,USD\n"
                                 "S2,Ann Lee,Widget,Won,2017-01-02,2017-02-03,\"1000,50\",USD\n"
                                 "S3,Ann Lee,Widget,Won,2017-01-02,2017-02-03,5,XYZ\n"
                                 "S4,Ann Lee,Widget,Won,2017-01-02,2017-02-03,85070591730234615866.0036,USD\n"
                                 "S5,Ann Lee,Widget,Won,2017-01-02,2017-02-03,7,USD\n";
        // Without --skip-invalid: exit 2, nothing written, every reason named.
        Result r = bookWithDeals(db, deals);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(QStringLiteral("row 3, column amount: not a number under the number format 1,234.56: "
                                               "grouping separators in the wrong places (groups of three digits, as in "
                                               "1,234.56); if the file writes decimal commas, its number format is "
                                               "1.234,56 or 1234,56 ('1000,50')")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("row 4, column currency: 'XYZ' is not an ISO 4217 currency code")));
        QVERIFY(r.out.contains(QStringLiteral("row 5, column amount: out of range: the largest amount is "
                                              "92,233,720,368,547,758.07 USD")));
        QVERIFY(r.err.contains(QStringLiteral("3 invalid rows; nothing was written")));
        // With it: exit 0, the valid rows written, the count of rejected rows in the summary and the JSON.
        const QString file = m_dir.filePath(QStringLiteral("deals.csv"));
        r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                 QStringLiteral("deals"), QStringLiteral("--file"), file, QStringLiteral("--skip-invalid")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Imported deals from deals.csv: 2 inserted, 0 updated, 3 rejected")),
                 qPrintable(r.out));
        QVERIFY(
            r.out.contains(QStringLiteral("\n3 rows were rejected and not imported (--skip-invalid); the valid rows "
                                          "were imported:\nrow 3, column amount:")));
        const Result stats = cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")});
        QCOMPARE(stats.json().value(QStringLiteral("deals")).toInt(), 2);
        // The JSON of a second run (every key is now a duplicate): 0 inserted, 5 rejected, exit 0.
        r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                 QStringLiteral("deals"), QStringLiteral("--file"), file, QStringLiteral("--skip-invalid"),
                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("rejected")).toInt(), 5);
        QCOMPARE(r.json().value(QStringLiteral("inserted")).toInt(), 0);
        QCOMPARE(r.json().value(QStringLiteral("skip_invalid")).toBool(), true);
        QCOMPARE(r.json().value(QStringLiteral("issues")).toArray().size(), 5);
    }

    void europeanProfileThroughTheCli()
    {
        const QString db = m_dir.filePath(QStringLiteral("european.partnerdesk"));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("init")}).exitCode, 0);
        const Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--file"),
                              test::testData(QStringLiteral("formats/products-de.csv")), QStringLiteral("--profile"),
                              test::testData(QStringLiteral("formats/products-de.json")), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(r.json().value(QStringLiteral("inserted")).toInt(), 4);
        QCOMPARE(r.json().value(QStringLiteral("encoding")).toString(), QStringLiteral("UTF-8"));
        DatabaseConfig config;
        config.path = db;
        Database book(config);
        book.open();
        QSqlQuery q = book.prepare(QStringLiteral("SELECT list_price_minor FROM products ORDER BY name"));
        Database::exec(q, QStringLiteral("test"));
        QList<qint64> prices;
        while (q.next())
            prices.append(q.value(0).toLongLong());
        QCOMPARE(prices, QList<qint64>({93268, 123456, 100050, 12})); // 932,68 1.234,56 1000,50 EUR; 12 JPY
    }

    void binaryFileIsRefusedBriefly()
    {
        const QString db = m_dir.filePath(QStringLiteral("binary.partnerdesk"));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("init")}).exitCode, 0);
        const QString nuls = writeFile(QStringLiteral("nuls.csv"), QByteArray(2 << 20, '\0'));
        const Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                              QStringLiteral("products"), QStringLiteral("--file"), nuls});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, nuls + QStringLiteral(": the file contains NUL bytes at byte 0: it is not a text CSV\n"));
        QVERIFY(r.out.size() < 200);
        // A huge value is shown shortened in the row's reason, in the summary and the JSON.
        const QString huge = writeFile(QStringLiteral("huge.csv"),
                                       "name,list_price,currency\nWidget,10," + QByteArray(500000, 'x') + "\n");
        for (const QString& format : {QString(), QStringLiteral("--json")}) {
            QStringList args = {QStringLiteral("--db"),
                                db,
                                QStringLiteral("import"),
                                QStringLiteral("--entity"),
                                QStringLiteral("products"),
                                QStringLiteral("--file"),
                                huge};
            if (!format.isEmpty())
                args.append(format);
            const Result h = cli(args);
            QCOMPARE(h.exitCode, 2);
            QVERIFY2(h.out.size() + h.err.size() < 2000, qPrintable(QString::number(h.out.size())));
            QVERIFY2(h.out.contains(QStringLiteral("xxx… (500000 characters)")), qPrintable(h.out));
        }
    }

    void generatedBookImportsWithoutProfiles()
    {
        const QString db = m_dir.filePath(QStringLiteral("generated.partnerdesk"));
        const QString out = m_dir.filePath(QStringLiteral("generated"));
        const Result g = cli({QStringLiteral("--db"), db, QStringLiteral("generate"), QStringLiteral("--partners"),
                              QStringLiteral("20"), QStringLiteral("--deals"), QStringLiteral("300"),
                              QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--out"), out});
        QVERIFY2(g.exitCode == 0, qPrintable(g.err));
        // The generator writes the canonical headers, so every file auto-matches.
        qint64 partners = 0;
        for (const char* entity : {"products", "partners", "contacts", "accounts", "deals"}) {
            const QString e = QString::fromLatin1(entity);
            const Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"), e,
                                  QStringLiteral("--file"), out + QLatin1Char('/') + e + QStringLiteral(".csv"),
                                  QStringLiteral("--json")});
            QVERIFY2(r.exitCode == 0, qPrintable(e + QLatin1Char(' ') + r.out.left(2000) + r.err));
            QCOMPARE(r.json().value(QStringLiteral("rejected")).toInt(), 0);
            if (e == QLatin1String("partners"))
                partners = r.json().value(QStringLiteral("inserted")).toInteger();
            if (e == QLatin1String("deals"))
                QCOMPARE(r.json().value(QStringLiteral("inserted")).toInt(), 300);
        }
        QCOMPARE(partners, 20);
        const QJsonObject s =
            cli({QStringLiteral("--db"), db, QStringLiteral("stats"), QStringLiteral("--json")}).json();
        QCOMPARE(s.value(QStringLiteral("partners")).toInt(), 20);
        QCOMPARE(s.value(QStringLiteral("deals")).toInt(), 300);
    }

    void newerSchemaIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.partnerdesk"));
        {
            DatabaseConfig config;
            config.path = path;
            Database db(config);
            db.open();
            Migrator(db).migrate();
            db.execDirect(QStringLiteral("UPDATE schema_info SET value = '99' WHERE key = 'schema_version'"));
            db.execDirect(QStringLiteral("UPDATE schema_info SET value = '9.0.0' WHERE key = 'min_app_version'"));
            db.execDirect(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());
        const Result r = cli({QStringLiteral("--db"), path, QStringLiteral("init")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("newer PartnerDesk")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("Nothing was changed")));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral(".schema-v99.bak")));
        QCOMPARE(cli({QStringLiteral("--db"), path, QStringLiteral("stats")}).exitCode, 3);
    }

    // --- PostgreSQL URLs: the password is never printed; libpq parameters are honoured or refused by name ---

    void passwordNeverPrinted_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("port not a number") << "postgresql://u:secret@host:notaport/db" << 1;
        QTest::newRow("no host") << "postgresql://u:secret@/db" << 1;
        QTest::newRow("stray space") << "postgresql://u:secret@ho st/db" << 1;
        QTest::newRow("unknown parameter") << "postgresql://u:secret@127.0.0.1/db?colour=blue" << 1;
        QTest::newRow("password in the query") << "postgresql://u@127.0.0.1/db?password=secret" << 1;
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        QTest::newRow("unreachable") << "postgresql://u:secret@127.0.0.1:1/db" << 3;
        QTest::newRow("unreachable, percent-encoded") << "postgresql://u:s%65cret@127.0.0.1:1/db?sslmode=disable" << 3;
    }
    void passwordNeverPrinted()
    {
        QFETCH(QString, url);
        QFETCH(int, exitCode);
        for (const QString& command : {QStringLiteral("stats"), QStringLiteral("init")}) {
            const Result r = cli({QStringLiteral("--db"), url, command});
            QCOMPARE(r.exitCode, exitCode);
            QVERIFY2(!r.err.isEmpty(), "no message");
            QVERIFY2(!(r.out + r.err).contains(QLatin1String("secret")), qPrintable(r.out + r.err));
            QVERIFY2(!(r.out + r.err).contains(QLatin1String("s%65cret")), qPrintable(r.out + r.err));
        }
    }

    void unknownUrlParameterRefusedByName()
    {
        const Result r =
            cli({QStringLiteral("--db"), QStringLiteral("postgresql://u@127.0.0.1/db?sslmode=require&colour=blue"),
                 QStringLiteral("stats")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("Unknown parameter 'colour'")), qPrintable(r.err));
    }

    void sslModeIsHonoured()
    {
        QString error;
        const auto config = m_dbs.postgres(&error);
        QVERIFY2(config, qPrintable(error));
        const QString url = config->displayName();
        QVERIFY2(!url.contains(QLatin1Char('?')), qPrintable(url));
        // The test server has no SSL: sslmode=disable connects, sslmode=require is refused by libpq.
        const Result plain = cli({QStringLiteral("--db"), url + QStringLiteral("?sslmode=disable"),
                                  QStringLiteral("init"), QStringLiteral("--json")});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QCOMPARE(plain.json().value(QStringLiteral("schema_version")).toInt(), 9);
        const Result ssl =
            cli({QStringLiteral("--db"), url + QStringLiteral("?sslmode=require"), QStringLiteral("stats")});
        QCOMPARE(ssl.exitCode, 3);
        QVERIFY2(ssl.err.contains(QLatin1String("SSL")), qPrintable(ssl.err));
    }

    // --- deals: workflow and conflict resolution refuse invalid input with exit 2, nothing written ---

    void dealWorkflowRefusals()
    {
        const QString db = m_dir.filePath(QStringLiteral("workflow.partnerdesk"));
        QCOMPARE(cli({QStringLiteral("--db"), db, QStringLiteral("init")}).exitCode, 0);
        for (const auto& [entity, profile, file] : QList<std::tuple<QString, QString, QString>>{
                 {"products", "1-products.json", "maven_crm/products.csv"},
                 {"partners", "2-partners.json", "reference/sp500_constituents.csv"}}) {
            const Result r = cli({QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                                  entity, QStringLiteral("--file"), test::sharedData(file), QStringLiteral("--profile"),
                                  test::testData(QStringLiteral("profiles/") + profile)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        auto deals = [&db](const QStringList& args) {
            return cli(QStringList{QStringLiteral("--db"), db, QStringLiteral("deals")} + args);
        };
        auto registerDeal = [&deals](const QString& partner, const QString& customer) {
            const Result r =
                deals({QStringLiteral("register"), QStringLiteral("--partner"), partner, QStringLiteral("--customer"),
                       customer, QStringLiteral("--product"), QStringLiteral("GTX Pro"), QStringLiteral("--json")});
            return r.exitCode == 0 ? r.json().value(QStringLiteral("registration_number")).toInt() : -r.exitCode;
        };
        const int first = registerDeal(QStringLiteral("ACN"), QStringLiteral("Initech"));         // #1
        const int conflicting = registerDeal(QStringLiteral("AAPL"), QStringLiteral("Initech"));  // #2 vs #1
        const int samePartner = registerDeal(QStringLiteral("ACN"), QStringLiteral("Initech"));   // #3, not vs #1
        const int otherCustomer = registerDeal(QStringLiteral("ADBE"), QStringLiteral("Globex")); // #4
        QCOMPARE(QList<int>({first, conflicting, samePartner, otherCustomer}), QList<int>({1, 2, 3, 4}));
        const auto listBefore = deals({QStringLiteral("list"), QStringLiteral("--json")}).out;

        // Not a conflict: input error naming both registrations and why.
        const QList<std::tuple<QString, QString, QString>> notConflicts = {
            {"#3", "#1",
             "registration #3 and registration #1 are not a conflict: both were registered by the same partner"},
            {"#4", "#1",
             "registration #4 and registration #1 are not a conflict: they are for different end customers"},
            {"#1", "#2",
             "registration #1 and registration #2 are not a conflict: registration #2 was registered after "
             "registration #1"},
            {"#2", "#2", "registration #2 and registration #2 are not a conflict: they are the same registration"}};
        for (const auto& [later, earlier, message] : notConflicts) {
            const Result r = deals({QStringLiteral("resolve"), QStringLiteral("--later"), later,
                                    QStringLiteral("--earlier"), earlier, QStringLiteral("--resolution"),
                                    QStringLiteral("accept-both"), QStringLiteral("--reason"), QStringLiteral("test")});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
            QVERIFY(!r.out.contains(QLatin1String("Conflict resolved")));
        }
        QCOMPARE(deals({QStringLiteral("list"), QStringLiteral("--json")}).out, listBefore); // nothing written

        // #2 → Approved → Won; then every verb that a Won registration does not allow is an input error.
        QCOMPARE(deals({QStringLiteral("approve"), QStringLiteral("--deal"), QStringLiteral("#2")}).exitCode, 0);
        QCOMPARE(deals({QStringLiteral("won"), QStringLiteral("--deal"), QStringLiteral("#2"),
                        QStringLiteral("--amount"), QStringLiteral("1000")})
                     .exitCode,
                 0);
        const QString listWon = deals({QStringLiteral("list"), QStringLiteral("--json")}).out;
        const QList<std::pair<QStringList, QString>> refusals = {
            {{"reject", "--deal", "#2", "--reason", "late"},
             "registration #2 is Won; only Submitted or Approved registrations can be rejected"},
            {{"resolve", "--later", "#2", "--earlier", "#1", "--resolution", "reject-later", "--reason", "late"},
             "registration #2 is Won; only Submitted or Approved registrations can be rejected"},
            {{"approve", "--deal", "#2"}, "registration #2 is Won; only Submitted registrations can be approved"},
            {{"submit", "--deal", "#2"}, "registration #2 is Won; only Draft registrations can be submitted"},
            {{"extend", "--deal", "#2"},
             "registration #2 is Won; only Submitted or Approved registrations can be extended"},
            {{"won", "--deal", "#2", "--amount", "5"},
             "registration #2 is Won; only Approved registrations can be marked won"},
            {{"lost", "--deal", "#2"}, "registration #2 is Won; only Approved registrations can be marked lost"},
            {{"won", "--deal", "#4", "--amount", "5"},
             "registration #4 is Submitted; only Approved registrations can be marked won"},
            {{"lost", "--deal", "#4"}, "registration #4 is Submitted; only Approved registrations can be marked lost"},
            {{"reject", "--deal", "#4"}, "--reason is required"}};
        for (const auto& [args, message] : refusals) {
            const Result r = deals(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith(message), qPrintable(args.join(QLatin1Char(' ')) + QLatin1String(": ") + r.err));
        }
        QCOMPARE(deals({QStringLiteral("list"), QStringLiteral("--json")}).out, listWon); // nothing written

        // Extend is allowed once.
        QCOMPARE(deals({QStringLiteral("extend"), QStringLiteral("--deal"), QStringLiteral("#4")}).exitCode, 0);
        const Result twice = deals({QStringLiteral("extend"), QStringLiteral("--deal"), QStringLiteral("#4")});
        QCOMPARE(twice.exitCode, 2);
        QVERIFY2(twice.err.startsWith(
                     QLatin1String("registration #4 was already extended; protection can be extended once")),
                 qPrintable(twice.err));

        // A real conflict still resolves.
        const Result resolved =
            deals({QStringLiteral("resolve"), QStringLiteral("--later"), QStringLiteral("#2"),
                   QStringLiteral("--earlier"), QStringLiteral("#1"), QStringLiteral("--resolution"),
                   QStringLiteral("accept-both"), QStringLiteral("--reason"), QStringLiteral("joint")});
        QVERIFY2(resolved.exitCode == 0, qPrintable(resolved.err));
        QVERIFY(resolved.out.contains(QLatin1String("Conflict resolved: accept-both")));
    }

    // `export` (issue 8, item 7): the reference scenario's tables to CSV and XLSX, the figures of the book in the
    // files, and the deals CSV imported back through tests/data/profiles/export-deals.json into a fresh book with the
    // same products, partners, contacts and accounts (steps 1-5), exported again: byte for byte the same file.
    void exportScenario_data() { test::TestDatabases::addBackendRows(); }
    void exportScenario()
    {
        QFETCH(QString, backend);
        const QString db = dbArgument(backend);
        const QString copy = dbArgument(backend);
        const QList<std::pair<QString, QString>> steps = {
            {"1-products.json", "maven_crm/products.csv"},
            {"2-partners.json", "reference/sp500_constituents.csv"},
            {"3-partner-managers.json", "scenario/partner_reps.csv"},
            {"4-contacts.json", "scenario/partner_reps.csv"},
            {"5-accounts.json", "maven_crm/accounts.csv"},
            {"6-deals.json", "maven_crm/sales_pipeline.csv"},
        };
        for (qsizetype i = 0; i < steps.size(); ++i) {
            const auto& [profile, file] = steps.at(i);
            const QJsonObject p =
                QJsonDocument::fromJson(readAll(test::testData(QStringLiteral("profiles/") + profile))).object();
            for (const QString& book : i < 5 ? QStringList{db, copy} : QStringList{db}) {
                const Result r =
                    cli({QStringLiteral("--db"), book, QStringLiteral("import"), QStringLiteral("--entity"),
                         p.value(QStringLiteral("entity")).toString(), QStringLiteral("--file"), test::sharedData(file),
                         QStringLiteral("--profile"), test::testData(QStringLiteral("profiles/") + profile)});
                QVERIFY2(r.exitCode == 0, qPrintable(profile + QLatin1Char(' ') + r.out + r.err));
            }
        }
        const auto exportTo = [&](const QString& book, const QStringList& args) {
            return cli(QStringList{QStringLiteral("--db"), book, QStringLiteral("export"), QStringLiteral("--json")} +
                       args);
        };
        const QString prefix = m_dir.filePath(backend + QStringLiteral("-export-"));

        // Deals: 8,800; won 4,238 for 10,005,534 USD.
        const QString deals = prefix + QStringLiteral("deals.csv");
        Result r = exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--format"),
                                 QStringLiteral("csv"), QStringLiteral("--out"), deals});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("rows")).toInt(), 8800);
        QCOMPARE(readAll(deals).count('\n'), 8801);
        const QString won = prefix + QStringLiteral("won.csv");
        r = exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--status"),
                          QStringLiteral("won"), QStringLiteral("--format"), QStringLiteral("csv"),
                          QStringLiteral("--out"), won});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("rows")).toInt(), 4238);
        qint64 wonCents = 0;
        const QList<QByteArray> wonLines = readAll(won).split('\n');
        for (qsizetype i = 1; i < wonLines.size(); ++i) {
            const QList<QByteArray> f = wonLines.at(i).trimmed().split(',');
            if (f.size() < 13)
                continue; // the empty piece after the last CRLF
            // A quoted partner or customer name may hold commas: status comes before them, amount and currency last.
            QCOMPARE(f.at(2), QByteArray("Won"));
            QCOMPARE(f.last(), QByteArray("USD"));
            wonCents += qRound64(f.at(f.size() - 2).toDouble() * 100);
        }
        QCOMPARE(wonCents, Q_INT64_C(1000553400));
        r = exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--status"),
                          QStringLiteral("Won,Lost"), QStringLiteral("--status"), QStringLiteral("Draft"),
                          QStringLiteral("--format"), QStringLiteral("xlsx"), QStringLiteral("--out"),
                          prefix + QStringLiteral("closed.xlsx")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("rows")).toInt(), 4238 + 2473 + 500);
        QVERIFY(readAll(prefix + QStringLiteral("closed.xlsx")).startsWith("PK"));

        // Partners (the roster) and conflicts (as `deals conflicts` counts them).
        r = exportTo(db, {QStringLiteral("--entity"), QStringLiteral("partners"), QStringLiteral("--format"),
                          QStringLiteral("csv"), QStringLiteral("--out"), prefix + QStringLiteral("partners.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("rows")).toInt(), 73);
        QVERIFY(
            readAll(prefix + QStringLiteral("partners.csv"))
                .startsWith("name,key,type,stage,tier,territory,channel_manager,country,city,contacts,open_deals\r\n"));
        r = exportTo(db, {QStringLiteral("--entity"), QStringLiteral("conflicts"), QStringLiteral("--format"),
                          QStringLiteral("csv"), QStringLiteral("--out"), prefix + QStringLiteral("conflicts.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(QStringLiteral("rows")).toInt(), 14191);
        QCOMPARE(readAll(prefix + QStringLiteral("conflicts.csv")).count('\n'), 14192);

        // The round trip.
        r = cli({QStringLiteral("--db"), copy, QStringLiteral("import"), QStringLiteral("--entity"),
                 QStringLiteral("deals"), QStringLiteral("--file"), deals, QStringLiteral("--profile"),
                 test::testData(QStringLiteral("profiles/export-deals.json")), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(r.json().value(QStringLiteral("inserted")).toInt(), 8800);
        QCOMPARE(r.json().value(QStringLiteral("rejected")).toInt(), 0);
        const QString again = prefix + QStringLiteral("deals-again.csv");
        r = exportTo(copy, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--format"),
                            QStringLiteral("csv"), QStringLiteral("--out"), again});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(fileHash(again), fileHash(deals));
    }

    void exportRefusals()
    {
        const QString db = m_dir.filePath(QStringLiteral("export-refusals.partnerdesk"));
        QVERIFY(bookWithDeals(db, "contact,product,status,amount\nAnn Lee,Widget,Won,5\n").exitCode == 0);
        const auto exportTo = [&](const QString& book, const QStringList& args) {
            return cli(QStringList{QStringLiteral("--db"), book, QStringLiteral("export")} + args);
        };
        const QString out = m_dir.filePath(QStringLiteral("refused.csv"));
        // Usage errors: 1, nothing written.
        QCOMPARE(exportTo(db, {QStringLiteral("--entity"), QStringLiteral("widgets"), QStringLiteral("--format"),
                               QStringLiteral("csv"), QStringLiteral("--out"), out})
                     .exitCode,
                 1);
        QCOMPARE(exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--format"),
                               QStringLiteral("pdf"), QStringLiteral("--out"), out})
                     .exitCode,
                 1);
        QCOMPARE(exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--format"),
                               QStringLiteral("csv")})
                     .exitCode,
                 1);
        const Result badStatus =
            exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--status"),
                          QStringLiteral("Won,Sold"), QStringLiteral("--format"), QStringLiteral("csv"),
                          QStringLiteral("--out"), out});
        QCOMPARE(badStatus.exitCode, 1);
        QVERIFY2(badStatus.err.contains(QLatin1String("'Sold' is not a status")), qPrintable(badStatus.err));
        QCOMPARE(exportTo(db, {QStringLiteral("--entity"), QStringLiteral("partners"), QStringLiteral("--status"),
                               QStringLiteral("Won"), QStringLiteral("--format"), QStringLiteral("csv"),
                               QStringLiteral("--out"), out})
                     .exitCode,
                 1);
        QVERIFY(!QFile::exists(out));
        // An output path that cannot be written: 2, the reason names the file, no file is left.
        for (const QString& format : {QStringLiteral("csv"), QStringLiteral("xlsx")}) {
            const QString unwritable = m_dir.filePath(QStringLiteral("no-such-folder/deals.") + format);
            const Result r = exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"),
                                           QStringLiteral("--format"), format, QStringLiteral("--out"), unwritable});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(unwritable) && r.err.contains(QLatin1String("does not exist")), qPrintable(r.err));
            QVERIFY(!QFile::exists(unwritable));
        }
        // A reading command: a missing book is a database error (3) and is not created.
        const QString missing = m_dir.filePath(QStringLiteral("no-such-book.partnerdesk"));
        QCOMPARE(exportTo(missing, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--format"),
                                    QStringLiteral("csv"), QStringLiteral("--out"), out})
                     .exitCode,
                 3);
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!QFile::exists(out));
        // The one deal, written.
        const Result ok = exportTo(db, {QStringLiteral("--entity"), QStringLiteral("deals"), QStringLiteral("--format"),
                                        QStringLiteral("csv"), QStringLiteral("--out"), out});
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(ok.out, QStringLiteral("Exported 1 row(s) of deals to %1\n").arg(out));
    }

    void defaultBook()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        const Result r = cli({QStringLiteral("init"), QStringLiteral("--json")}, env);
        QCOMPARE(r.exitCode, 0);
        const QString expected = home.path() + QStringLiteral("/PartnerDesk/partnerdesk/book.partnerdesk");
        QCOMPARE(r.json().value(QStringLiteral("database")).toString(), expected);
        QVERIFY(QFile::exists(expected));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
