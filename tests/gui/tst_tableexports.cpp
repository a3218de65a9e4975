// Export table… from the roster, the conflicts pane and the import wizard's invalid rows (issue 8, item 7): each
// writes what its table shows (search, filters, sort, visible columns) through TableExportAction, the file chosen
// through the DialogService seam and written on a worker.
#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "io/ImportEntity.h"
#include "io/MappingProfile.h"
#include "models/ConflictFilterProxy.h"
#include "models/ConflictListModel.h"
#include "models/PartnerTableModel.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/ReferenceScenario.h"
#include "widgets/Book.h"
#include "widgets/ConflictsPane.h"
#include "widgets/DialogService.h"
#include "widgets/ImportWizard.h"
#include "widgets/PartnersPane.h"
#include "widgets/TableExportAction.h"

#include <QAction>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
const char* const kPartnersCsv =
    "key,name,type,stage,tier,territory,channel_manager,city,country\r\n"
    "ACN,Accenture,SI,Active,Gold,EMEA,Ana Lima,Dublin,IE\r\n"
    "ARW,Arrow Electronics,Distributor,Active,Platinum,North America,Ben Ode,Centennial,US\r\n"
    "CDW,CDW Corporation,VAR,At risk,Silver,North America,Ben Ode,Lincolnshire,US\r\n"
    "LDN,London Cloud Partners,MSP,Onboarding,Registered,EMEA,Ana Lima,London,GB\r\n"
    "LON,Longview Systems,ISV,Prospect,Registered,North America,Cy Park,Toronto,CA\r\n"
    "SAP,\"Systems, Apps & Products\",Technology,Active,Gold,EMEA,Ana Lima,Walldorf,DE\r\n";

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

/// A CSV field as the exporter writes a text cell.
QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')) &&
        !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

/// The sheet XML of an XLSX file (`unzip -p FILE xl/worksheets/sheet1.xml`).
QByteArray sheetXml(const QString& xlsx)
{
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), {QStringLiteral("-p"), xlsx, QStringLiteral("xl/worksheets/sheet1.xml")});
    if (!unzip.waitForFinished(30000) || unzip.exitCode() != 0)
        return {};
    return unzip.readAllStandardOutput();
}
} // namespace

class TestTableExports : public QObject
{
    Q_OBJECT
public:
    TestTableExports() { initStorageResources(); }

private Q_SLOTS:
    void rosterExportsTheSearchedRowsAndVisibleColumns();
    void conflictsExportTheFilteredPairs();
    void wizardExportsTheInvalidRows();

private:
    /// An empty migrated SQLite book.
    DatabaseConfig emptyBook();
    test::TestDatabases m_dbs;
    QTemporaryDir m_dir;
    const FixedClock m_clock{QDateTime(QDate(2017, 12, 31), QTime(12, 0), Qt::UTC)};
};

DatabaseConfig TestTableExports::emptyBook()
{
    const DatabaseConfig config = m_dbs.sqlite();
    Database db(config);
    db.open();
    Migrator(db).migrate();
    return config;
}

void TestTableExports::rosterExportsTheSearchedRowsAndVisibleColumns()
{
    const DatabaseConfig config = emptyBook();
    const QString csv = m_dir.filePath(QStringLiteral("partners-in.csv"));
    writeFile(csv, kPartnersCsv);
    {
        Database db(config);
        db.open();
        const MappingProfile profile = MappingProfile::autoMatch(
            ImportEntity::Partners,
            QString::fromLatin1(kPartnersCsv).section(QLatin1Char('\r'), 0, 0).split(QLatin1Char(',')));
        const ImportReport report = ImportEngine(db, m_clock).run(csv, profile, ImportOptions{});
        QVERIFY2(report.committed && report.inserted == 6, qPrintable(report.fatalError));
    }
    QString error;
    std::unique_ptr<Book> book = Book::open(config, m_clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    QMainWindow window; // the export's status message reaches its status bar
    auto* pane = new PartnersPane(*book, dialogs);
    window.setCentralWidget(pane);
    window.statusBar()->show();
    window.resize(1280, 700);
    window.show();
    QTRY_COMPARE(pane->model()->rowCount(), 6);

    // Search "lon", sort by name descending, show Name, Key, Territory and Stage (Territory moved before Stage).
    pane->searchField()->setText(QStringLiteral("lon"));
    QTRY_COMPARE(pane->view()->model()->rowCount(), 2);
    pane->view()->sortByColumn(PartnerTableModel::Name, Qt::DescendingOrder);
    QHeaderView* header = pane->view()->horizontalHeader();
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c) // the model's order first (a saved order may differ)
        header->moveSection(header->visualIndex(c), c);
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c)
        header->setSectionHidden(c, c != PartnerTableModel::Name && c != PartnerTableModel::Key &&
                                        c != PartnerTableModel::Stage && c != PartnerTableModel::Territory);
    header->moveSection(header->visualIndex(PartnerTableModel::Territory),
                        header->visualIndex(PartnerTableModel::Stage));

    // Partners → Export table…, the file chosen through the seam.
    QAction* action = pane->findChild<QAction*>(QStringLiteral("exportPartnersAction"));
    QVERIFY(action);
    QVERIFY(pane->paneActions().contains(action));
    const QString out = m_dir.filePath(QStringLiteral("roster.csv"));
    QSignalSpy finished(pane->exporter(), &TableExportAction::finished);
    dialogs.setNextAnswer(out);
    action->trigger();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(2).toString(), QString());
    QCOMPARE(finished.at(0).at(1).toLongLong(), 2);
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Exported 2 row(s) to %1").arg(out));
    QCOMPARE(readAll(out), QByteArray("Name,Key,Territory,Stage\r\n"
                                      "Longview Systems,LON,North America,Prospect\r\n"
                                      "London Cloud Partners,LDN,EMEA,Onboarding\r\n"));

    // The same rows as XLSX: a header row and two data rows.
    const QString xlsx = m_dir.filePath(QStringLiteral("roster.xlsx"));
    dialogs.setNextAnswer(xlsx);
    QVERIFY(pane->exportTable());
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(finished.at(1).at(2).toString(), QString());
    const QByteArray sheet = sheetXml(xlsx);
    QCOMPARE(sheet.count("<row "), 3);

    // Cancelling the file dialog exports nothing.
    dialogs.setNextAnswer(QString());
    QVERIFY(!pane->exportTable());
}

void TestTableExports::conflictsExportTheFilteredPairs()
{
    const DatabaseConfig config = emptyBook();
    {
        Database db(config);
        db.open();
        QCOMPARE(test::importReferenceScenario(db, m_clock), QString());
    }
    QString error;
    std::unique_ptr<Book> book = Book::open(config, m_clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    ConflictsPane pane(*book, dialogs);
    QSignalSpy loaded(&pane, &ConflictsPane::loaded);
    pane.resize(1280, 700);
    pane.show();
    QVERIFY(loaded.wait(60000));
    // The 941 pairs for the customer Hottechi (tests/deals/reference_figures.py), sorted by the later registration's
    // partner, without the Resolution column.
    pane.proxy()->setCustomerText(QStringLiteral("hotTECHI"));
    QTableView* view = pane.view();
    QCOMPARE(view->model()->rowCount(), 941);
    view->sortByColumn(ConflictListModel::LaterPartner, Qt::AscendingOrder);
    view->horizontalHeader()->setSectionHidden(ConflictListModel::Resolution, true);

    const QString out = m_dir.filePath(QStringLiteral("conflicts.csv"));
    QSignalSpy finished(pane.exporter(), &TableExportAction::finished);
    dialogs.setNextAnswer(out);
    QTest::mouseClick(pane.findChild<QPushButton*>(QStringLiteral("exportConflicts")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.at(0).at(2).toString(), QString());
    QCOMPARE(finished.at(0).at(1).toLongLong(), 941);
    const QStringList lines = QString::fromUtf8(readAll(out)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 941);
    QCOMPARE(lines.first(),
             QStringLiteral(
                 "Later registration,Later partner,Earlier registration,Earlier partner,Customer,Product,First by"));
    // Every line is the view's row, in the view's order.
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        QStringList fields;
        for (int c = 0; c < ConflictListModel::Resolution; ++c)
            fields << csvField(view->model()->index(r, c).data().toString());
        QCOMPARE(lines.at(1 + r), fields.join(QLatin1Char(',')));
    }
    QVERIFY(lines.at(1).contains(QStringLiteral("Hottechi")));
}

void TestTableExports::wizardExportsTheInvalidRows()
{
    const DatabaseConfig config = emptyBook();
    // An unknown partner type (row 3) and an empty name (row 4).
    const QString csv = m_dir.filePath(QStringLiteral("bad-partners.csv"));
    writeFile(csv, "key,name,type,territory\n"
                   "AAA,Alpha,VAR,EMEA\n"
                   "BBB,Beta,Wholesaler,EMEA\n"
                   "CCC,,SI,APAC\n");
    QString error;
    std::unique_ptr<Book> book = Book::open(config, m_clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    ImportWizard wizard(*book, dialogs);
    wizard.show();
    wizard.findChild<QLineEdit*>(QStringLiteral("importFile"))->setText(csv);
    wizard.next();
    wizard.next();
    wizard.next();
    QCOMPARE(wizard.currentId(), int(ImportWizard::PreviewPage));
    auto* exportButton = wizard.findChild<QPushButton*>(QStringLiteral("exportDryRunIssues"));
    QVERIFY(exportButton);
    QVERIFY(!exportButton->isEnabled()); // nothing to export before the dry run
    QSignalSpy dryRun(&wizard, &ImportWizard::dryRunFinished);
    QTest::mouseClick(wizard.findChild<QPushButton*>(QStringLiteral("dryRun")), Qt::LeftButton);
    QVERIFY(dryRun.wait(30000));
    QCOMPARE(wizard.lastReport().rejected, 2);
    QVERIFY(exportButton->isEnabled());

    const QString out = m_dir.filePath(QStringLiteral("invalid.csv"));
    QSignalSpy finished(wizard.exporter(), &TableExportAction::finished);
    dialogs.setNextAnswer(out);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(2).toString(), QString());
    QCOMPARE(readAll(out),
             QByteArray("Row,Column,Value,Reason\r\n"
                        "3,type,Wholesaler,\"unknown partner type 'Wholesaler' (expected one of VAR, Distributor, "
                        "SI, ISV, MSP, Referral, Technology)\"\r\n"
                        "4,name,,required field 'name' is empty\r\n"));
}

QTEST_MAIN(TestTableExports)
#include "tst_tableexports.moc"
