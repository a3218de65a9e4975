// Import help (issue 8, item 8) through ImportEngine, on SQLite and PostgreSQL: a value map's "everything else"
// entry ("*"), deals whose partner comes from partner_key when there is no registering contact, and a deal row with
// neither. The book: products GTX Basic and MG Special, partners CDW and ACN, contact Moses Frase at CDW.
#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/TestDatabases.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

class TestImportHelpEngine : public QObject
{
    Q_OBJECT

private:
    test::TestDatabases m_dbs;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<FixedClock> m_clock;
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(f.fileName()));
        f.write(bytes);
        return f.fileName();
    }

    /// Imports `bytes` as `entity` with auto-matched columns; the import must commit.
    void importAuto(ImportEntity entity, const QByteArray& bytes)
    {
        const QString path = writeFile(toString(entity) + QStringLiteral(".csv"), bytes);
        const QStringList header = QString::fromUtf8(bytes.left(bytes.indexOf('\n'))).split(QLatin1Char(','));
        m_clock->set(m_clock->nowUtc().addSecs(60));
        const ImportReport r = ImportEngine(*m_db, *m_clock).run(path, MappingProfile::autoMatch(entity, header), {});
        QVERIFY2(r.committed, qPrintable(toString(entity) + r.fatalError));
    }

    void openBook(const QString& backend)
    {
        QString error;
        const auto config = m_dbs.forBackend(backend, &error);
        QVERIFY2(config, qPrintable(error));
        m_db.reset();
        m_db = std::make_unique<Database>(*config);
        m_db->open();
        Migrator(*m_db).migrate();
        m_clock = std::make_unique<FixedClock>(QDateTime(QDate(2026, 2, 1), QTime(8, 0), Qt::UTC));
        importAuto(ImportEntity::Products, "name\nGTX Basic\nMG Special\n");
        importAuto(ImportEntity::Partners, "key,name,type\nCDW,CDW,VAR\nACN,Accenture,SI\n");
        importAuto(ImportEntity::Contacts, "name,partner_key\nMoses Frase,CDW\n");
        m_clock->set(m_clock->nowUtc().addSecs(60));
    }

    /// The deals as "external_id|status|partner key|contact name", by external id.
    QStringList deals()
    {
        QSqlQuery q = m_db->prepare(QStringLiteral(
            "SELECT d.external_id, d.status, COALESCE(p.partner_key, ''), COALESCE(c.name, '') FROM deals d "
            "LEFT JOIN partners p ON p.pk = d.partner_pk LEFT JOIN contacts c ON c.pk = d.contact_pk "
            "ORDER BY d.external_id"));
        Database::exec(q, QStringLiteral("deals"));
        QStringList out;
        while (q.next())
            out.append(
                QStringList{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()}
                    .join(QLatin1Char('|')));
        return out;
    }

    static QStringList issues(const ImportReport& r)
    {
        QStringList out;
        for (const ImportIssue& i : r.issues)
            out.append(QStringLiteral("%1|%2|%3").arg(i.row).arg(i.column, i.reason));
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { m_db.reset(); }

    void everythingElseValueMap_data() { test::TestDatabases::addBackendRows(); }
    void everythingElseValueMap()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        const QString path = writeFile(QStringLiteral("stages.csv"), "external_id,contact,product,status\n"
                                                                     "S1,Moses Frase,GTX Basic,Won\n"
                                                                     "S2,Moses Frase,GTX Basic,Engaging\n"
                                                                     "S3,Moses Frase,GTX Basic,Prospecting\n"
                                                                     "S4,Moses Frase,GTX Basic,\n"
                                                                     "S5,Moses Frase,GTX Basic,Lost\n");
        MappingProfile p =
            MappingProfile::autoMatch(ImportEntity::Deals, {"external_id", "contact", "product", "status"});
        p.valueMaps.insert(QStringLiteral("status"),
                           {{"Won", "Won"}, {"Prospecting", "Draft"}, {QStringLiteral("*"), QStringLiteral("Lost")}});
        ImportEngine engine(*m_db, *m_clock);
        ImportReport r = engine.run(path, p, {});
        // An empty cell stays empty: the "*" entry does not apply to it, and status is required.
        QCOMPARE(issues(r), QStringList({"5|status|required field 'status' is empty"}));
        QVERIFY(!r.committed);
        QCOMPARE(deals(), QStringList());
        ImportOptions skip;
        skip.skipInvalid = true;
        r = engine.run(path, p, skip);
        QVERIFY2(r.committed, qPrintable(r.fatalError));
        QCOMPARE(r.inserted, 4);
        QCOMPARE(deals(), QStringList({"S1|Won|CDW|Moses Frase", "S2|Lost|CDW|Moses Frase", "S3|Draft|CDW|Moses Frase",
                                       "S5|Lost|CDW|Moses Frase"}));
    }

    void dealsByPartnerKey_data() { test::TestDatabases::addBackendRows(); }
    void dealsByPartnerKey()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        // Both columns: contact as today (partner_key must agree); partner_key alone gives the partner; neither is
        // an invalid row naming both fields.
        const QString path = writeFile(QStringLiteral("deals.csv"), "external_id,contact,partner_key,product,status\n"
                                                                    "K1,,ACN,GTX Basic,Won\n"
                                                                    "K2,Moses Frase,CDW,MG Special,Won\n"
                                                                    "K3,,,GTX Basic,Won\n"
                                                                    "K4,Moses Frase,ACN,GTX Basic,Won\n"
                                                                    "K5,Moses Frase,,GTX Basic,Lost\n");
        const MappingProfile p = MappingProfile::autoMatch(
            ImportEntity::Deals, {"external_id", "contact", "partner_key", "product", "status"});
        ImportEngine engine(*m_db, *m_clock);
        ImportReport r = engine.run(path, p, {});
        QCOMPARE(issues(r), QStringList({"4|contact|required field 'contact' is empty, and so is 'partner_key': give "
                                         "the registering contact or the partner's key",
                                         "5|contact|unknown contact 'Moses Frase' at that partner"}));
        QCOMPARE(deals(), QStringList());
        ImportOptions skip;
        skip.skipInvalid = true;
        r = engine.run(path, p, skip);
        QVERIFY2(r.committed, qPrintable(r.fatalError));
        QCOMPARE(r.inserted, 3);
        QCOMPARE(deals(), QStringList({"K1|Won|ACN|", "K2|Won|CDW|Moses Frase", "K5|Lost|CDW|Moses Frase"}));
    }

    void dealsByPartnerKeyProfile_data() { test::TestDatabases::addBackendRows(); }
    void dealsByPartnerKeyProfile()
    {
        QFETCH(QString, backend);
        openBook(backend);
        if (QTest::currentTestFailed())
            return;
        // No contact column at all: partner_key stands in for it; the profile's status map has a "*" entry.
        QString error;
        const auto p =
            MappingProfile::load(test::testData(QStringLiteral("profiles/deals-by-partner-key.json")), &error);
        QVERIFY2(p, qPrintable(error));
        const QString path = writeFile(QStringLiteral("by-key.csv"), "id,partner,product,stage\n"
                                                                     "P1,CDW,GTX Basic,Won\n"
                                                                     "P2,ACN,MG Special,Open\n"
                                                                     "P3,ACN,GTX Basic,Dropped\n");
        const ImportReport r = ImportEngine(*m_db, *m_clock).run(path, *p, {});
        QVERIFY2(r.committed, qPrintable(r.fatalError + issues(r).join(QLatin1Char('\n'))));
        QCOMPARE(deals(), QStringList({"P1|Won|CDW|", "P2|Approved|ACN|", "P3|Lost|ACN|"}));
    }

    void unmappedRequiredFields()
    {
        // Every unmapped required field is named (not only the first), with the file's columns and what matched.
        const QString path = writeFile(QStringLiteral("partners.csv"), "ticker,company,city\nCDW,CDW,Vernon Hills\n");
        m_db = std::make_unique<Database>(m_dbs.sqlite());
        m_db->open();
        Migrator(*m_db).migrate();
        FixedClock clock(QDateTime(QDate(2026, 2, 1), QTime(8, 0), Qt::UTC));
        const ImportReport r =
            ImportEngine(*m_db, clock)
                .run(path, MappingProfile::autoMatch(ImportEntity::Partners, {"ticker", "company", "city"}), {});
        QCOMPARE(r.fatalError,
                 QStringLiteral("partners.csv: these required fields have no column: key, name, type. The file's "
                                "columns are: ticker, company, city. Matched: city ← city. Map them in a profile "
                                "(--profile, a JSON file with \"columns\": {field: column}; see "
                                "\"Import\" in README.md)"));
        QVERIFY(!r.committed);
    }
};

QTEST_GUILESS_MAIN(TestImportHelpEngine)
#include "tst_importhelpengine.moc"
