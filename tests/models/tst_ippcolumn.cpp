// The roster's "IPP score" column (issue 9, item 2): scored from the Ideal Partner Profile and the certified-contact
// counts, blank until scored, sorted numerically, kept in step with certifications and the saved profile. Checked with
// QAbstractItemModelTester; the storage-backed case runs on SQLite and PostgreSQL. Scores are worked out by hand with
// the default profile: VAR/SI/MSP 30, certified contacts ≥ 1 20, 50–5000 employees 20, founded ≤ 2015 10, country
// US/GB/DE 20.
#include "domain/Clock.h"
#include "models/CertificationCommands.h"
#include "models/PartnerRosterSync.h"
#include "models/PartnerTableModel.h"
#include "storage/CertificationRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/IppProfileRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "support/TestDatabases.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace pd;

namespace {
Partner makePartner(const QString& key, PartnerType type, const QString& country, int employees, int founded)
{
    Partner p;
    p.id = key.toLower();
    p.key = key;
    p.name = key + QStringLiteral(" Ltd");
    p.type = type;
    p.country = country;
    p.employees = employees;
    p.founded = founded;
    return p;
}

/// "KEY:score" of every row, in the model's order.
QStringList scores(const PartnerTableModel& model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, PartnerTableModel::Key).data().toString() + QLatin1Char(':') +
                   model.index(r, PartnerTableModel::IppScore).data().toString();
    return out;
}
} // namespace

class TestIppColumn : public QObject
{
    Q_OBJECT
public:
    TestIppColumn() { Q_INIT_RESOURCE(storage); }

private Q_SLOTS:
    void scoredAndSorted();
    void followsTheBook_data() { test::TestDatabases::addBackendRows(); }
    void followsTheBook();

private:
    test::TestDatabases m_dbs;
};

void TestIppColumn::scoredAndSorted()
{
    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<PartnerRow> rows(3);
    rows[0].partner = makePartner(QStringLiteral("ALP"), PartnerType::VAR, QStringLiteral("DE"), 200, 2010);
    rows[1].partner = makePartner(QStringLiteral("BET"), PartnerType::Distributor, QStringLiteral("FR"), 0, 0);
    rows[2].partner = makePartner(QStringLiteral("GAM"), PartnerType::MSP, QStringLiteral("US"), 10, 2020);
    model.setRows(rows);
    QCOMPARE(model.columnCount(), 15);
    QCOMPARE(model.headerData(PartnerTableModel::IppScore, Qt::Horizontal).toString(), QStringLiteral("IPP score"));
    QCOMPARE(scores(model), (QStringList{"ALP:", "BET:", "GAM:"})); // blank until scored
    QVERIFY(!model.ippKnown());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // ALP: all five met (1 certified contact) = 100; BET: none = 0; GAM: type 30 + country 20 = 50.
    model.setIpp(IdealPartnerProfile::defaults(), {{QStringLiteral("alp"), 1}});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(PartnerTableModel::IppScore));
    QCOMPARE(scores(model), (QStringList{"ALP:100.0", "BET:0.0", "GAM:50.0"}));
    QCOMPARE(model.index(2, PartnerTableModel::IppScore).data(PartnerTableModel::SortRole).toDouble(), 50.0);
    QCOMPARE(model.index(0, PartnerTableModel::IppScore).data(Qt::TextAlignmentRole).toInt(),
             int(Qt::AlignRight | Qt::AlignVCenter));

    // Sorted numerically (9.5 would sort after 50.0 as text).
    model.sortBy(PartnerTableModel::IppScore, Qt::DescendingOrder);
    QCOMPARE(scores(model), (QStringList{"ALP:100.0", "GAM:50.0", "BET:0.0"}));
    IdealPartnerProfile custom;
    custom.criteria = {{IppField::Country, {QStringLiteral("FR")}, {}, {}, 19}, {IppField::Size, {}, 100, {}, 81}};
    model.setIpp(custom, {}); // BET 19, ALP 81, GAM 0; re-sorted
    QCOMPARE(scores(model), (QStringList{"ALP:81.0", "BET:19.0", "GAM:0.0"}));
    model.setRows(rows);
    QVERIFY(!model.ippKnown());
}

void TestIppColumn::followsTheBook()
{
    QFETCH(QString, backend);
    QString error;
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);
    QVERIFY2(config, qPrintable(error));
    Database db(*config);
    db.open();
    Migrator(db).migrate();
    FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC));
    ChangeNotifier notifier;
    PartnerRepository partners(db, clock, &notifier);
    ContactRepository contacts(db, clock, &notifier);
    CertificationRepository certs(db, clock, &notifier);
    IppProfileRepository profiles(db, clock, &notifier);
    Partner alp = makePartner(QStringLiteral("ALP"), PartnerType::VAR, QStringLiteral("DE"), 200, 2010);
    Partner gam = makePartner(QStringLiteral("GAM"), PartnerType::MSP, QStringLiteral("US"), 10, 2020);
    partners.insert(alp);
    partners.insert(gam);
    Contact anna;
    anna.partnerId = alp.id;
    anna.name = QStringLiteral("Anna Snelling");
    contacts.insert(anna);
    Contact gus;
    gus.partnerId = gam.id;
    gus.name = QStringLiteral("Gus Gamma");
    contacts.insert(gus);
    CertificationType sales;
    sales.name = QStringLiteral("Sales Associate");
    sales.validityMonths = 12;
    certs.addType(sales);
    Certification c;
    c.contactId = anna.id;
    c.typeId = sales.id;
    c.earnedOn = QDate(2025, 6, 1);
    certs.add(c);

    PartnerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PartnerRosterSync sync(&model, partners, &notifier, *config, clock);
    sync.setCertifications(&certs);
    QSignalSpy loaded(&sync, &PartnerRosterSync::loaded);
    sync.reload();
    QVERIFY(loaded.wait(10000));
    // The industry and employees round-trip through the book; ALP 100 (Anna certified), GAM 50.
    QCOMPARE(model.rowAt(0).partner.employees, 200);
    QCOMPARE(scores(model), (QStringList{"ALP:100.0", "GAM:50.0"}));

    // Gus earns a certification: GAM's row is refreshed with +20.
    Certification g;
    g.contactId = gus.id;
    g.typeId = sales.id;
    g.earnedOn = QDate(2026, 2, 1);
    certs.add(g);
    QCOMPARE(scores(model), (QStringList{"ALP:100.0", "GAM:70.0"}));
    // Removing it takes the 20 points back.
    certs.archive(g.id);
    QCOMPARE(scores(model), (QStringList{"ALP:100.0", "GAM:50.0"}));

    // A saved profile rescoring everything: only GAM's country (US) matches.
    IdealPartnerProfile usOnly;
    usOnly.criteria = {{IppField::Country, {QStringLiteral("US")}, {}, {}, 5}};
    profiles.save(usOnly);
    QTRY_COMPARE(scores(model), (QStringList{"ALP:0.0", "GAM:100.0"}));
}

QTEST_GUILESS_MAIN(TestIppColumn)
#include "tst_ippcolumn.moc"
