// GUI test (issue 2, "Tests that must exist"; DESIGN.md section 6): drives the real main window offscreen. Imports a
// CSV of partners through the wizard, filters the roster by typing, edits a partner in the detail panel, undoes the
// edit. Dialogs are answered through DialogService; workers are awaited with signal spies, never with sleeps.
#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "models/PartnerFilterProxy.h"
#include "models/PartnerTableModel.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/FormChecks.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/ImportFilePage.h"
#include "widgets/ImportFormatPage.h"
#include "widgets/ImportMappingPage.h"
#include "widgets/ImportPreviewPage.h"
#include "widgets/ImportRunPage.h"
#include "widgets/ImportWizard.h"
#include "widgets/MainWindow.h"
#include "widgets/PartnerDetailPanel.h"
#include "widgets/PartnersPane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
/// Six partners in the canonical import format (headers auto-match the partner fields).
const char* const kPartnersCsv =
    "key,name,type,stage,tier,territory,channel_manager,city,country\r\n"
    "ACN,Accenture,SI,Active,Gold,EMEA,Ana Lima,Dublin,IE\r\n"
    "ARW,Arrow Electronics,Distributor,Active,Platinum,North America,Ben Ode,Centennial,US\r\n"
    "CDW,CDW Corporation,VAR,At risk,Silver,North America,Ben Ode,Lincolnshire,US\r\n"
    "LDN,London Cloud Partners,MSP,Onboarding,Registered,EMEA,Ana Lima,London,GB\r\n"
    "LON,Longview Systems,ISV,Prospect,Registered,North America,Cy Park,Toronto,CA\r\n"
    "SAP,\"Systems, Apps & Products\",Technology,Active,Gold,EMEA,Ana Lima,Walldorf,DE\r\n";

QStringList visibleNames(QTableView* view)
{
    QStringList names;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        names << view->model()->index(r, PartnerTableModel::Name).data().toString();
    return names;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
public:
    TestMainWindow()
    {
        initStorageResources();
        QCoreApplication::setOrganizationName(QStringLiteral("PartnerDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("partnerdesk-gui-test"));
    }

private Q_SLOTS:
    void importFilterEditUndo();
    void refusesNewerBook();
    void openFromTheMenuRunsInTheBackground();
    void validationAtTheField();
    void createDemoBookOnFirstStart();
    void wizardListsInvalidRowsAndSavesProfile();
    void settingsPersist();
    void connectToSharedDatabase();
    void referenceScenarioThroughWizard();
    void importWizardPagesAreBuiltFromTheirForms();

private:
    test::TestDatabases m_dbs;
    QTemporaryDir m_dir;
};

void TestMainWindow::importFilterEditUndo()
{
    const QString csv = m_dir.filePath(QStringLiteral("partners.csv"));
    {
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kPartnersCsv);
    }
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    dialogs.setNextAnswer(false); // "Create demo book?" on the empty book: no
    MainWindow window(dialogs, MainWindow::Options{});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.isRosterLoaded());
    QCOMPARE(dialogs.queuedAnswers(), 0);
    QVERIFY(dialogs.messages().join(QLatin1Char('\n')).contains(QStringLiteral("Create demo book")));
    PartnersPane* pane = window.partnersPane();
    QVERIFY(pane);
    QCOMPARE(pane->model()->rowCount(), 0);

    // File → Import… through the wizard.
    QAction* importAction = window.findChild<QAction*>(QStringLiteral("importAction"));
    QVERIFY(importAction && importAction->isEnabled());
    importAction->trigger();
    auto* wizard = window.findChild<ImportWizard*>(QStringLiteral("importWizard"));
    QVERIFY(wizard);
    QVERIFY(wizard->isVisible());
    auto* file = wizard->findChild<QLineEdit*>(QStringLiteral("importFile"));
    QVERIFY(file);
    QTest::keyClicks(file, csv);
    auto* entity = wizard->findChild<QComboBox*>(QStringLiteral("importEntity"));
    QCOMPARE(entity->currentText(), QStringLiteral("Partners"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ImportWizard::FormatPage));
    QCOMPARE(wizard->findChild<QLabel*>(QStringLiteral("detectedFormat"))->text(), QStringLiteral("UTF-8, comma"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPage));
    // Auto-matched by header name.
    QCOMPARE(wizard->findChild<QComboBox*>(QStringLiteral("map_key"))->currentText(), QStringLiteral("key"));
    QCOMPARE(wizard->findChild<QComboBox*>(QStringLiteral("map_channel_manager"))->currentText(),
             QStringLiteral("channel_manager"));
    QCOMPARE(wizard->profile().columns.size(), 9);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));

    // Dry run: every row valid, nothing written.
    QSignalSpy dryRun(wizard, &ImportWizard::dryRunFinished);
    QTest::mouseClick(wizard->findChild<QPushButton*>(QStringLiteral("dryRun")), Qt::LeftButton);
    QVERIFY(dryRun.wait(30000));
    QCOMPARE(wizard->lastReport().rowsRead, 6);
    QCOMPARE(wizard->lastReport().rejected, 0);
    QVERIFY(!wizard->lastReport().committed);
    QCOMPARE(pane->model()->rowCount(), 0);

    // The import itself, then the roster reloads (bookReset).
    QSignalSpy imported(wizard, &ImportWizard::importFinished);
    QSignalSpy loaded(pane, &PartnersPane::loaded);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ImportWizard::RunPage));
    QVERIFY(imported.count() == 1 || imported.wait(30000));
    const ImportReport report = wizard->lastReport();
    QVERIFY2(report.committed, qPrintable(report.fatalError));
    QCOMPARE(report.inserted, 6);
    QVERIFY(loaded.count() > 0 || loaded.wait(30000));
    QCOMPARE(pane->model()->rowCount(), 6);
    wizard->accept();

    // Search as you type: name, key or city.
    QTableView* view = pane->view();
    QCOMPARE(view->model()->rowCount(), 6);
    QTest::keyClicks(pane->searchField(), QStringLiteral("lon"));
    // "lon": London Cloud Partners (name, city London), Longview Systems (name, key LON).
    QCOMPARE(visibleNames(view),
             (QStringList{QStringLiteral("London Cloud Partners"), QStringLiteral("Longview Systems")}));
    QTest::keyClicks(pane->searchField(), QStringLiteral("g"));
    QCOMPARE(visibleNames(view), QStringList{QStringLiteral("Longview Systems")});
    pane->searchField()->clear();
    QCOMPARE(view->model()->rowCount(), 6);
    QTest::keyClicks(pane->searchField(), QStringLiteral("WALLDORF"));
    QCOMPARE(visibleNames(view), QStringList{QStringLiteral("Systems, Apps & Products")});
    pane->searchField()->clear();
    // Type filter: two SI/Technology? One SI (Accenture).
    auto* typeFilter = pane->findChild<QComboBox*>(QStringLiteral("typeFilter"));
    typeFilter->setCurrentText(QStringLiteral("SI"));
    QCOMPARE(visibleNames(view), QStringList{QStringLiteral("Accenture")});
    typeFilter->setCurrentIndex(0);
    QCOMPARE(view->model()->rowCount(), 6);

    // Select Arrow, edit its city in the detail panel, save.
    QTest::keyClicks(pane->searchField(), QStringLiteral("arw"));
    QCOMPARE(view->model()->rowCount(), 1);
    view->setCurrentIndex(view->model()->index(0, 0));
    PartnerDetailPanel* detail = pane->detailPanel();
    auto* city = detail->findChild<QLineEdit*>(QStringLiteral("partnerCity"));
    QCOMPARE(city->text(), QStringLiteral("Centennial"));
    city->selectAll();
    QTest::keyClicks(city, QStringLiteral("Denver"));
    QVERIFY(detail->isDirty());
    QTest::mouseClick(detail->findChild<QPushButton*>(QStringLiteral("savePartner")), Qt::LeftButton);
    QVERIFY(!detail->isDirty());
    const QModelIndex arrowCity = view->model()->index(0, PartnerTableModel::City);
    QCOMPARE(arrowCity.data().toString(), QStringLiteral("Denver"));
    QCOMPARE(window.book()->partners().findByKey(QStringLiteral("ARW"))->city, QStringLiteral("Denver"));

    // Ctrl+Z (the Edit → Undo shortcut) brings the old value back in the roster, the panel and the book.
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QVERIFY(undo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("&Undo Edit partner ARW"));
    view->setFocus();
    QApplication::setActiveWindow(&window);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(view->model()->index(0, PartnerTableModel::City).data().toString(), QStringLiteral("Centennial"));
    QCOMPARE(city->text(), QStringLiteral("Centennial"));
    QCOMPARE(window.book()->partners().findByKey(QStringLiteral("ARW"))->city, QStringLiteral("Centennial"));
    // Redo (Ctrl+Shift+Z) and undo again through the action.
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(view->model()->index(0, PartnerTableModel::City).data().toString(), QStringLiteral("Denver"));
    undo->trigger();
    QCOMPARE(view->model()->index(0, PartnerTableModel::City).data().toString(), QStringLiteral("Centennial"));

    // Unsaved edits survive a search that hides the partner; choosing another partner offers to save them.
    city->selectAll();
    QTest::keyClicks(city, QStringLiteral("Boulder"));
    pane->searchField()->clear();
    QTest::keyClicks(pane->searchField(), QStringLiteral("zzz"));
    QCOMPARE(view->model()->rowCount(), 0);
    QCOMPARE(city->text(), QStringLiteral("Boulder"));
    pane->searchField()->clear();
    dialogs.setNextAnswer(true); // "Save the changes…?": yes
    pane->selectPartner(window.book()->partners().findByKey(QStringLiteral("ACN"))->id);
    QCOMPARE(dialogs.queuedAnswers(), 0);
    QCOMPARE(window.book()->partners().findByKey(QStringLiteral("ARW"))->city, QStringLiteral("Boulder"));
    QCOMPARE(city->text(), QStringLiteral("Dublin"));
    undo->trigger();
    QCOMPARE(window.book()->partners().findByKey(QStringLiteral("ARW"))->city, QStringLiteral("Centennial"));

    // Archive from the pane's action; undo restores the row.
    pane->searchField()->clear();
    QCOMPARE(view->model()->rowCount(), 6);
    pane->selectPartner(window.book()->partners().findByKey(QStringLiteral("CDW"))->id);
    QAction* archive = window.findChild<QAction*>(QStringLiteral("archivePartnerAction"));
    QVERIFY(archive->isEnabled());
    archive->trigger();
    QCOMPARE(view->model()->rowCount(), 5);
    QVERIFY(!window.book()->partners().findByKey(QStringLiteral("CDW")) ||
            !window.book()->partners().findById(window.book()->partners().findByKey(QStringLiteral("CDW"))->id));
    undo->trigger();
    QCOMPARE(view->model()->rowCount(), 6);
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("countsLabel"))->text().contains(QStringLiteral("6 partners")));
}

void TestMainWindow::validationAtTheField()
{
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    window.show();
    QTRY_VERIFY(window.isRosterLoaded());
    PartnersPane* pane = window.partnersPane();
    PartnerDetailPanel* detail = pane->detailPanel();
    window.findChild<QAction*>(QStringLiteral("newPartnerAction"))->trigger();
    auto* name = detail->findChild<QLineEdit*>(QStringLiteral("partnerName"));
    auto* key = detail->findChild<QLineEdit*>(QStringLiteral("partnerKey"));
    auto* country = detail->findChild<QLineEdit*>(QStringLiteral("partnerCountry"));
    auto* save = detail->findChild<QPushButton*>(QStringLiteral("savePartner"));
    // Empty name and key, unknown country: three messages at their fields, nothing written.
    QTest::keyClicks(country, QStringLiteral("Atlantis"));
    QVERIFY(!detail->save());
    auto* nameError = detail->findChild<QLabel*>(QStringLiteral("partnerNameError"));
    auto* keyError = detail->findChild<QLabel*>(QStringLiteral("partnerKeyError"));
    auto* countryError = detail->findChild<QLabel*>(QStringLiteral("partnerCountryError"));
    QVERIFY(!nameError->isHidden());
    QCOMPARE(nameError->text(), QStringLiteral("Enter the partner's name."));
    QVERIFY(!keyError->isHidden());
    QVERIFY(!countryError->isHidden());
    QVERIFY(countryError->text().contains(QStringLiteral("Atlantis")));
    QCOMPARE(window.book()->partners().listRows().size(), 0);

    // Fixed: a country name resolves to its ISO code; the partner is added and selected.
    QTest::keyClicks(name, QStringLiteral("Contoso"));
    QTest::keyClicks(key, QStringLiteral("CTS"));
    country->clear();
    QTest::keyClicks(country, QStringLiteral("Germany"));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(nameError->isHidden());
    QVERIFY(countryError->isHidden());
    QCOMPARE(window.book()->partners().findByKey(QStringLiteral("CTS"))->country, QStringLiteral("DE"));
    QCOMPARE(pane->model()->rowCount(), 1);
    QCOMPARE(country->text(), QStringLiteral("DE"));

    // A second partner with the same key: the duplicate is reported at the key field.
    window.findChild<QAction*>(QStringLiteral("newPartnerAction"))->trigger();
    QTest::keyClicks(name, QStringLiteral("Other"));
    QTest::keyClicks(key, QStringLiteral("CTS"));
    QVERIFY(!detail->save());
    QCOMPARE(keyError->text(), QStringLiteral("The key CTS is already used by Contoso."));
    QCOMPARE(pane->model()->rowCount(), 1);
}

void TestMainWindow::refusesNewerBook()
{
    const DatabaseConfig config = m_dbs.sqlite();
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        db.execDirect(QStringLiteral("UPDATE schema_info SET value = '99' WHERE key = 'schema_version'"));
    }
    const QByteArray before = [&] {
        QFile f(config.path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(!window.openBook(config));
    QVERIFY(!window.book());
    QCOMPARE(dialogs.messages().size(), 1);
    QVERIFY(dialogs.messages().first().startsWith(QStringLiteral("Newer database: ")));
    QVERIFY(dialogs.messages().first().contains(QStringLiteral("Nothing was changed")));
    QFile f(config.path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void TestMainWindow::openFromTheMenuRunsInTheBackground()
{
    // A book at schema v1: opening it from File → Open migrates it (copying the file first) on a worker.
    const DatabaseConfig v1 = m_dbs.sqlite();
    {
        Database db(v1);
        db.open();
        Migrator(db).migrate(1);
    }
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    window.show();
    dialogs.setNextAnswer(v1.path);
    window.findChild<QAction*>(QStringLiteral("openDatabaseAction"))->trigger();
    QVERIFY(window.isOpeningBook()); // the action returned while the worker connects and migrates
    QVERIFY(!window.book());
    QTRY_VERIFY(window.book() != nullptr);
    QCOMPARE(window.book()->config().path, v1.path);
    QCOMPARE(Migrator(window.book()->database()).currentVersion(), Migrator::kLatestVersion);
    QVERIFY(QFile::exists(v1.path + QStringLiteral(".schema-v1.bak")));

    // A newer book through the menu: refused with the same message, the open book stays.
    const DatabaseConfig newer = m_dbs.sqlite();
    {
        Database db(newer);
        db.open();
        Migrator(db).migrate();
        db.execDirect(QStringLiteral("UPDATE schema_info SET value = '99' WHERE key = 'schema_version'"));
    }
    dialogs.setNextAnswer(newer.path);
    window.findChild<QAction*>(QStringLiteral("openDatabaseAction"))->trigger();
    QTRY_VERIFY(!window.isOpeningBook());
    QTRY_VERIFY(dialogs.messages().last().startsWith(QStringLiteral("Newer database: ")));
    QCOMPARE(window.book()->config().path, v1.path);
}

void TestMainWindow::createDemoBookOnFirstStart()
{
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    dialogs.setNextAnswer(true); // "Create demo book?": yes
    MainWindow window(dialogs, MainWindow::Options{});
    QSignalSpy done(&window, &MainWindow::demoBookFinished);
    QVERIFY(window.openBook(m_dbs.sqlite()));
    window.show();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.first().at(0).toBool(), true);
    // BookGenerator's default book: 200 partners, all imported; the roster reloads after bookReset.
    QTRY_COMPARE_WITH_TIMEOUT(window.partnersPane()->model()->rowCount(), 200, 30000);
    const BookStats stats = window.book()->stats().stats();
    QCOMPARE(stats.partners, 200);
    QCOMPARE(stats.deals, 2000);
    QVERIFY(stats.contacts > 0);
    QVERIFY(stats.products > 0);
}

void TestMainWindow::wizardListsInvalidRowsAndSavesProfile()
{
    // Semicolon-separated, one unknown partner type (row 3) and one empty name (row 4).
    const QString csv = m_dir.filePath(QStringLiteral("bad.csv"));
    {
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Key;Name;Kind;Region\n"
                "AAA;Alpha;VAR;EMEA\n"
                "BBB;Beta;Wholesaler;EMEA\n"
                "CCC;;SI;APAC\n"
                "DDD;Delta;Reseller;APAC\n");
    }
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    window.show();
    QTRY_VERIFY(window.isRosterLoaded());
    ImportWizard* wizard = window.showImportWizard();
    QVERIFY(wizard);
    // File chosen through the seam (Browse…).
    dialogs.setNextAnswer(csv);
    QTest::mouseClick(wizard->findChild<QPushButton*>(QStringLiteral("importBrowse")), Qt::LeftButton);
    QCOMPARE(wizard->findChild<QLineEdit*>(QStringLiteral("importFile"))->text(), csv);
    wizard->next();
    QCOMPARE(wizard->findChild<QLabel*>(QStringLiteral("detectedFormat"))->text(), QStringLiteral("UTF-8, semicolon"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ImportWizard::MappingPage));
    // "Kind" and "Region" do not auto-match: map them by hand, and map "Reseller" to VAR.
    auto* type = wizard->findChild<QComboBox*>(QStringLiteral("map_type"));
    QCOMPARE(type->currentIndex(), 0);
    type->setCurrentText(QStringLiteral("Kind"));
    wizard->findChild<QComboBox*>(QStringLiteral("map_territory"))->setCurrentText(QStringLiteral("Region"));
    auto* valueField = wizard->findChild<QComboBox*>(QStringLiteral("valueMapField"));
    valueField->setCurrentIndex(valueField->findData(QStringLiteral("type")));
    auto* valueMap = wizard->findChild<QTableWidget*>(QStringLiteral("valueMap"));
    valueMap->insertRow(0);
    valueMap->setItem(0, 0, new QTableWidgetItem(QStringLiteral("Reseller")));
    valueMap->setItem(0, 1, new QTableWidgetItem(QStringLiteral("VAR")));
    // Save the profile through the seam, and read it back.
    const QString profilePath = m_dir.filePath(QStringLiteral("bad-partners.json"));
    dialogs.setNextAnswer(profilePath);
    QTest::mouseClick(wizard->findChild<QPushButton*>(QStringLiteral("saveProfile")), Qt::LeftButton);
    QString error;
    const std::optional<MappingProfile> saved = MappingProfile::load(profilePath, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(toString(saved->entity), QStringLiteral("partners"));
    QCOMPARE(saved->columns.value(QStringLiteral("type")), QStringLiteral("Kind"));
    QCOMPARE(saved->valueMaps.value(QStringLiteral("type")).value(QStringLiteral("Reseller")), QStringLiteral("VAR"));
    QCOMPARE(saved->delimiter, QStringLiteral(";"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(ImportWizard::PreviewPage));

    // The dry run lists both invalid rows with row number and column; nothing is written.
    QSignalSpy dryRun(wizard, &ImportWizard::dryRunFinished);
    QTest::mouseClick(wizard->findChild<QPushButton*>(QStringLiteral("dryRun")), Qt::LeftButton);
    QVERIFY(dryRun.wait(30000));
    auto* issues = wizard->findChild<QTableWidget*>(QStringLiteral("dryRunIssues"));
    QCOMPARE(wizard->lastReport().rejected, 2);
    QVERIFY(issues->rowCount() >= 2);
    QStringList rows;
    for (int r = 0; r < issues->rowCount(); ++r)
        rows << issues->item(r, 0)->text();
    QVERIFY(rows.contains(QStringLiteral("3")));
    QVERIFY(rows.contains(QStringLiteral("4")));
    QCOMPARE(window.book()->partners().listRows().size(), 0);
    const int issueCount = issues->rowCount();

    // With "skip invalid rows" the import writes the two valid rows and lists the others.
    QSignalSpy imported(wizard, &ImportWizard::importFinished);
    wizard->back();
    wizard->findChild<QCheckBox*>(QStringLiteral("skipInvalid"))->setChecked(true);
    wizard->next();
    wizard->next();
    QVERIFY(imported.count() == 1 || imported.wait(30000));
    QVERIFY(wizard->lastReport().committed);
    QCOMPARE(wizard->lastReport().inserted, 2);
    QCOMPARE(wizard->findChild<QTableWidget*>(QStringLiteral("importIssues"))->rowCount(), issueCount);
    QTRY_COMPARE(window.partnersPane()->model()->rowCount(), 2);
    QCOMPARE(toString(window.book()->partners().findByKey(QStringLiteral("DDD"))->type), QStringLiteral("VAR"));
}

void TestMainWindow::settingsPersist()
{
    const DatabaseConfig config = m_dbs.sqlite();
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    {
        MainWindow window(dialogs, MainWindow::Options{false});
        QVERIFY(window.openBook(config));
        window.resize(1000, 700);
        window.show();
        QTRY_VERIFY(window.isRosterLoaded());
        // Edit → Find puts the cursor into the roster search.
        QApplication::setActiveWindow(&window);
        window.findChild<QAction*>(QStringLiteral("findAction"))->trigger();
        QTRY_VERIFY(window.partnersPane()->searchField()->hasFocus());
        // Hide the tier column (what the header's context menu does), then close.
        window.partnersPane()->view()->horizontalHeader()->setSectionHidden(PartnerTableModel::Tier, true);
        window.close();
    }
    MainWindow again(dialogs, MainWindow::Options{false});
    QVERIFY(again.openBook(config));
    QCOMPARE(again.size(), QSize(1000, 700));
    QVERIFY(again.partnersPane()->view()->horizontalHeader()->isSectionHidden(PartnerTableModel::Tier));
    QVERIFY(!again.partnersPane()->view()->horizontalHeader()->isSectionHidden(PartnerTableModel::Territory));
    QCOMPARE(QSettings().value(QStringLiteral("book/last")).toString(), config.path);
    again.partnersPane()->view()->horizontalHeader()->setSectionHidden(PartnerTableModel::Tier, false);
}

void TestMainWindow::connectToSharedDatabase()
{
    QString error;
    const std::optional<DatabaseConfig> pg = m_dbs.postgres(&error);
    if (!pg)
        QFAIL(qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    dialogs.setNextAnswer(pg->displayName());           // the URL, without a password
    dialogs.setNextAnswer(QStringLiteral("s3cret-pw")); // the password prompt (the test server trusts loopback)
    window.findChild<QAction*>(QStringLiteral("connectAction"))->trigger();
    QTRY_VERIFY2(window.book(), qPrintable(dialogs.messages().join(QLatin1Char('\n')))); // connects on a worker
    QVERIFY(window.book()->database().dialect() == Database::Dialect::Postgres);
    QVERIFY(dialogs.messages().last().contains(QStringLiteral("Password for")));
    QTRY_VERIFY(window.isRosterLoaded());
    // Remembered without the password.
    const QString last = QSettings().value(QStringLiteral("book/last")).toString();
    QCOMPARE(last, pg->displayName());
    QVERIFY(!last.contains(QStringLiteral("s3cret")));
}

/// Runs one import through File → Import… with a saved profile (loaded through the seam) and returns its report.
static ImportReport importWithProfile(MainWindow& window, DialogService& dialogs, const QString& profile,
                                      const QString& csv)
{
    ImportWizard* wizard = window.showImportWizard();
    if (!wizard)
        return {};
    dialogs.setNextAnswer(profile);
    QTest::mouseClick(wizard->findChild<QPushButton*>(QStringLiteral("loadProfile")), Qt::LeftButton);
    wizard->findChild<QLineEdit*>(QStringLiteral("importFile"))->setText(csv);
    QSignalSpy finished(wizard, &ImportWizard::importFinished);
    for (int page = ImportWizard::FilePage; page < ImportWizard::RunPage; ++page)
        wizard->next();
    if (wizard->currentId() != ImportWizard::RunPage || (finished.isEmpty() && !finished.wait(120000)))
        return {};
    const ImportReport report = wizard->lastReport();
    wizard->accept();
    return report;
}

void TestMainWindow::referenceScenarioThroughWizard()
{
    // The six steps of ../shared/data/README.md with the committed profiles, through the wizard (issue 2, item 6).
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    window.show();
    QTRY_VERIFY(window.isRosterLoaded());
    const struct
    {
        const char* profile;
        const char* file;
        qint64 inserted;
        qint64 updated;
    } steps[] = {
        {"profiles/1-products.json", "maven_crm/products.csv", 7, 0},
        {"profiles/2-partners.json", "reference/sp500_constituents.csv", 73, 0},
        {"profiles/3-partner-managers.json", "scenario/partner_reps.csv", 0, 35},
        {"profiles/4-contacts.json", "scenario/partner_reps.csv", 35, 0},
        {"profiles/5-accounts.json", "maven_crm/accounts.csv", 85, 0},
        {"profiles/6-deals.json", "maven_crm/sales_pipeline.csv", 8800, 0},
    };
    for (const auto& step : steps) {
        const ImportReport report = importWithProfile(window, dialogs, test::testData(QLatin1String(step.profile)),
                                                      test::sharedData(QLatin1String(step.file)));
        QVERIFY2(report.committed,
                 qPrintable(QStringLiteral("%1: %2 %3")
                                .arg(QLatin1String(step.profile), report.fatalError,
                                     report.issues.isEmpty() ? QString() : report.issues.first().reason)));
        QCOMPARE(report.inserted, step.inserted);
        QCOMPARE(report.updated, step.updated);
        QCOMPARE(report.rejected, 0);
    }
    const BookStats stats = window.book()->stats().stats();
    QCOMPARE(stats.partners, 73);
    QCOMPARE(stats.partnersByType.value(QStringLiteral("Technology")), 45);
    QCOMPARE(stats.partnersByType.value(QStringLiteral("ISV")), 20);
    QCOMPARE(stats.partnersByType.value(QStringLiteral("SI")), 4);
    QCOMPARE(stats.partnersByType.value(QStringLiteral("MSP")), 3);
    QCOMPARE(stats.partnersByType.value(QStringLiteral("Distributor")), 1);
    QCOMPARE(stats.contacts, 35);
    QCOMPARE(stats.accounts, 85);
    QCOMPARE(stats.accountsWithParent, 15);
    QCOMPARE(stats.products, 7);
    QCOMPARE(stats.deals, 8800);
    QCOMPARE(stats.dealsByStatus.value(QStringLiteral("Won")), 4238);
    QCOMPARE(stats.dealsByStatus.value(QStringLiteral("Lost")), 2473);
    QCOMPARE(stats.dealsByStatus.value(QStringLiteral("Approved")), 1589);
    QCOMPARE(stats.dealsByStatus.value(QStringLiteral("Draft")), 500);
    QCOMPARE(stats.dealsWithoutAccount, 1425);
    QCOMPARE(stats.partnersWithDeals, 30);
    QCOMPARE(stats.wonAmountMinor, Q_INT64_C(1000553400)); // 10,005,534 USD in cents
    // The roster shows the book: 73 partners; searching "Microsoft" leaves one.
    QTRY_COMPARE(window.partnersPane()->model()->rowCount(), 73);
    QTest::keyClicks(window.partnersPane()->searchField(), QStringLiteral("Microsoft"));
    QCOMPARE(window.partnersPane()->view()->model()->rowCount(), 1);
}

void TestMainWindow::importWizardPagesAreBuiltFromTheirForms()
{
    // Issue 8, item 1: each wizard page is a class with its Designer form (ui/Import*Page.ui): title, subtitle,
    // labels with accelerators that focus their fields, and accelerators unique on the page together with the
    // wizard's own buttons.
    const DatabaseConfig config = m_dbs.sqlite();
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
    }
    const FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
    QString error;
    std::unique_ptr<Book> book = Book::open(config, clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    ImportWizard wizard(*book, dialogs);
    // The window itself is ui/ImportWizard.ui.
    QCOMPARE(wizard.objectName(), QStringLiteral("importWizard"));
    QCOMPARE(wizard.windowTitle(), QStringLiteral("Import CSV"));
    QCOMPARE(wizard.wizardStyle(), QWizard::ClassicStyle);
    QVERIFY(wizard.testOption(QWizard::NoBackButtonOnLastPage));
    QCOMPARE(wizard.minimumSize(), QSize(940, 700));
    QCOMPARE(wizard.buttonText(QWizard::CommitButton), QStringLiteral("Import"));

    QVERIFY(qobject_cast<ImportFilePage*>(wizard.page(ImportWizard::FilePage)));
    QVERIFY(qobject_cast<ImportFormatPage*>(wizard.page(ImportWizard::FormatPage)));
    QVERIFY(qobject_cast<ImportMappingPage*>(wizard.page(ImportWizard::MappingPage)));
    QVERIFY(qobject_cast<ImportPreviewPage*>(wizard.page(ImportWizard::PreviewPage)));
    QVERIFY(qobject_cast<ImportRunPage*>(wizard.page(ImportWizard::RunPage)));
    const QStringList titles = {QStringLiteral("Choose a file"), QStringLiteral("Format"),
                                QStringLiteral("Map columns"), QStringLiteral("Preview"), QStringLiteral("Import")};
    const QStringList wizardButtons = {wizard.buttonText(QWizard::BackButton), wizard.buttonText(QWizard::NextButton),
                                       wizard.buttonText(QWizard::CommitButton),
                                       wizard.buttonText(QWizard::FinishButton),
                                       wizard.buttonText(QWizard::CancelButton)};
    for (int id = ImportWizard::FilePage; id <= ImportWizard::RunPage; ++id) {
        QWizardPage* page = wizard.page(id);
        QCOMPARE(page->title(), titles.at(id));
        QVERIFY(!page->subTitle().isEmpty());
        QCOMPARE(test::labelsWithoutBuddy(page), QStringList());
        QCOMPARE(test::duplicateAccelerators(page, wizardButtons), QStringList());
    }
    QWizardPage* file = wizard.page(ImportWizard::FilePage);
    QCOMPARE(file->findChild<QLabel*>(QStringLiteral("fileLabel"))->buddy(),
             file->findChild<QLineEdit*>(QStringLiteral("importFile")));
    QCOMPARE(file->findChild<QLabel*>(QStringLiteral("entityLabel"))->buddy(),
             file->findChild<QComboBox*>(QStringLiteral("importEntity")));
    QCOMPARE(file->findChild<QComboBox*>(QStringLiteral("importEntity"))->currentText(), QStringLiteral("Partners"));
    QWizardPage* format = wizard.page(ImportWizard::FormatPage);
    QCOMPARE(format->findChild<QLabel*>(QStringLiteral("datesLabel"))->buddy(),
             format->findChild<QComboBox*>(QStringLiteral("importDateFormat")));
    QWizardPage* mapping = wizard.page(ImportWizard::MappingPage);
    QCOMPARE(mapping->findChild<QLabel*>(QStringLiteral("modeLabel"))->buddy(),
             mapping->findChild<QComboBox*>(QStringLiteral("importMode")));
    QCOMPARE(mapping->findChild<QTableWidget*>(QStringLiteral("columnMapping"))->columnCount(), 3);
    QCOMPARE(mapping->findChild<QCheckBox*>(QStringLiteral("skipInvalid"))->text(),
             QStringLiteral("&Skip invalid rows (import the valid ones and list the others)"));
    QWizardPage* preview = wizard.page(ImportWizard::PreviewPage);
    QVERIFY(preview->isCommitPage());
    QVERIFY(!preview->findChild<QPushButton*>(QStringLiteral("exportDryRunIssues"))->isEnabled());
    QCOMPARE(wizard.page(ImportWizard::RunPage)->findChild<QProgressBar*>(QStringLiteral("importProgress"))->maximum(),
             1000);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
