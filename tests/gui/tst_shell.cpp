// GUI test (issue 8, item 2 "The shell"): the main window opens at a sensible size on a first start, every shortcut
// is bound to one action only (walking every QAction of the window: menus, toolbar, panes), the toolbar reuses the
// window's actions, File → Open recent lists the last books in order and opens one, and the help dialogs open with
// content. Dialogs are answered through DialogService; nothing waits on a modal dialog or sleeps.
#include "support/FormChecks.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/HelpDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/PartnerDetailPanel.h"
#include "widgets/PartnersPane.h"
#include "widgets/RecentBooks.h"
#include "widgets/ShortcutsDialog.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
/// The books listed in File → Open recent, in menu order.
QStringList recentMenuBooks(const MainWindow& window)
{
    QStringList books;
    for (QAction* action : window.recentMenu()->actions()) {
        if (action->data().isValid())
            books << action->data().toString();
    }
    return books;
}

QAction* recentAction(const MainWindow& window, const QString& book)
{
    for (QAction* action : window.recentMenu()->actions()) {
        if (action->data().toString() == book)
            return action;
    }
    return nullptr;
}

void forgetWindowSettings()
{
    QSettings settings;
    settings.remove(QStringLiteral("mainWindow/geometry"));
    settings.remove(QStringLiteral("mainWindow/state"));
    settings.remove(QStringLiteral("book/recent"));
}
} // namespace

class TestShell : public QObject
{
    Q_OBJECT
public:
    TestShell()
    {
        initStorageResources();
        QCoreApplication::setOrganizationName(QStringLiteral("PartnerDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("partnerdesk-gui-test"));
    }

private Q_SLOTS:
    void init() { forgetWindowSettings(); }
    void cleanupTestCase() { forgetWindowSettings(); }
    void firstStartGeometryForTheScreen();
    void firstStartOpensAtASensibleSize();
    void everyShortcutHasOneAction();
    void toolbarReusesTheWindowsActions();
    void sidebarShowsIconAndNamePerPane();
    void recentBooksKeepsEightMostRecentFirst();
    void openRecentListsTheLastBooksAndOpensOne();
    void helpDialogsOpenWithContent();
    void windowAndPartnerPanelAreBuiltFromTheirForms();
    void everyPaneKeepsItsAcceleratorsApartFromTheMenus();

private:
    test::TestDatabases m_dbs;
};

void TestShell::firstStartGeometryForTheScreen()
{
    // 80% of a large screen, centred.
    QCOMPARE(MainWindow::firstStartGeometry(QRect(0, 0, 2560, 1440)), QRect(256, 144, 2048, 1152));
    // A second screen right of the first one.
    QCOMPARE(MainWindow::firstStartGeometry(QRect(1920, 0, 1920, 1080)), QRect(2112, 108, 1536, 864));
    // At least 1024×700 when the screen allows (80% of 800 is 640).
    QCOMPARE(MainWindow::firstStartGeometry(QRect(0, 0, 1280, 800)), QRect(128, 50, 1024, 700));
    // Never more than the screen.
    QCOMPARE(MainWindow::firstStartGeometry(QRect(0, 0, 800, 600)), QRect(0, 0, 800, 600));
    QCOMPARE(MainWindow::firstStartGeometry(QRect(0, 0, 1100, 650)), QRect(38, 0, 1024, 650));
}

void TestShell::firstStartOpensAtASensibleSize()
{
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    const QRect available = window.screen()->availableGeometry();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (available.width() >= 1024)
        QVERIFY2(window.width() >= 1024, qPrintable(QString::number(window.width())));
    else
        QCOMPARE(window.width(), available.width());
    if (available.height() >= 700)
        QVERIFY2(window.height() >= 700, qPrintable(QString::number(window.height())));
    else
        QCOMPARE(window.height(), available.height());
    qInfo("available %dx%d, window %dx%d", available.width(), available.height(), window.width(), window.height());
    QCOMPARE(window.size(), MainWindow::firstStartGeometry(available).size()); // 80% of a large screen
    // Centred: the same room left and right (the platform's frame aside).
    QVERIFY(qAbs(window.geometry().center().x() - available.center().x()) <= 8);
}

void TestShell::everyShortcutHasOneAction()
{
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite())); // the panes and their actions exist with a book
    window.show();
    QMap<QString, QStringList> owners; // key sequence → the actions bound to it
    int actionsWithShortcut = 0;
    for (QAction* action : window.findChildren<QAction*>()) {
        if (!action->shortcuts().isEmpty())
            ++actionsWithShortcut;
        for (const QKeySequence& key : action->shortcuts())
            owners[key.toString(QKeySequence::PortableText)]
                << action->objectName() + QLatin1Char(' ') + action->text();
    }
    QVERIFY2(actionsWithShortcut >= 10, qPrintable(QString::number(actionsWithShortcut)));
    for (auto it = owners.cbegin(); it != owners.cend(); ++it)
        QVERIFY2(it.value().size() == 1, qPrintable(it.key() + QStringLiteral(": ") + it.value().join(u", ")));

    // The two that used to share Ctrl+Shift+N.
    auto* newPartner = window.findChild<QAction*>(QStringLiteral("newPartnerAction"));
    auto* registerDeal = window.findChild<QAction*>(QStringLiteral("registerDealAction"));
    QVERIFY(newPartner && registerDeal);
    QCOMPARE(newPartner->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+N")));
    QCOMPARE(registerDeal->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+R")));
}

void TestShell::toolbarReusesTheWindowsActions()
{
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    QToolBar* toolBar = window.mainToolBar();
    QVERIFY(toolBar);
    QCOMPARE(toolBar->objectName(), QStringLiteral("mainToolBar")); // saveState() needs the name
    QStringList names;
    for (QAction* action : toolBar->actions()) {
        if (action->isSeparator())
            continue;
        names << action->objectName();
        QVERIFY2(!action->icon().isNull(), qPrintable(action->objectName()));
    }
    QCOMPARE(names, (QStringList{QStringLiteral("newPartnerAction"), QStringLiteral("registerDealAction"),
                                 QStringLiteral("importAction"), QStringLiteral("undoAction"),
                                 QStringLiteral("redoAction"), QStringLiteral("findAction")}));
    // The same objects as in the menus, not copies.
    QCOMPARE(window.findChildren<QAction*>(QStringLiteral("newPartnerAction")).size(), 1);
    QCOMPARE(window.findChildren<QAction*>(QStringLiteral("registerDealAction")).size(), 1);
    // A second book replaces the pane actions on the toolbar.
    QVERIFY(window.openBook(m_dbs.sqlite()));
    QCOMPARE(toolBar->actions().first(), window.findChild<QAction*>(QStringLiteral("newPartnerAction")));

    // The toolbar's visibility persists with the window state.
    window.show();
    toolBar->toggleViewAction()->trigger();
    QVERIFY(toolBar->isHidden());
    window.close();
    MainWindow again(dialogs, MainWindow::Options{false});
    again.show();
    QVERIFY(again.mainToolBar()->isHidden());
    again.mainToolBar()->toggleViewAction()->trigger();
    QVERIFY(!again.mainToolBar()->isHidden());
}

void TestShell::sidebarShowsIconAndNamePerPane()
{
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    auto* sidebar = window.findChild<QListWidget*>(QStringLiteral("sidebar"));
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), 5);
    const QStringList names{QStringLiteral("Partners"), QStringLiteral("Onboarding"), QStringLiteral("Pipeline"),
                            QStringLiteral("Conflicts"), QStringLiteral("MDF")};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(sidebar->item(i)->text(), names[i]);
        QVERIFY2(!sidebar->item(i)->icon().isNull(), qPrintable(names[i]));
        QVERIFY(!sidebar->item(i)->icon().pixmap(22, 22).isNull());
    }
}

void TestShell::recentBooksKeepsEightMostRecentFirst()
{
    RecentBooks recent(false);
    for (int i = 1; i <= 10; ++i)
        recent.add(QStringLiteral("/books/%1.partnerdesk").arg(i));
    QCOMPARE(recent.books().size(), 8);
    QCOMPARE(recent.books().first(), QStringLiteral("/books/10.partnerdesk"));
    QCOMPARE(recent.books().last(), QStringLiteral("/books/3.partnerdesk"));
    recent.add(QStringLiteral("/books/5.partnerdesk")); // listed already: moves to the top
    QCOMPARE(recent.books().size(), 8);
    QCOMPARE(recent.books().mid(0, 3),
             (QStringList{QStringLiteral("/books/5.partnerdesk"), QStringLiteral("/books/10.partnerdesk"),
                          QStringLiteral("/books/9.partnerdesk")}));
    QVERIFY(QSettings().value(QStringLiteral("book/recent")).toStringList().isEmpty()); // not persisted
}

void TestShell::openRecentListsTheLastBooksAndOpensOne()
{
    const DatabaseConfig a = m_dbs.sqlite();
    const DatabaseConfig b = m_dbs.sqlite();
    const DatabaseConfig c = m_dbs.sqlite();
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    {
        MainWindow window(dialogs, MainWindow::Options{false});
        for (const DatabaseConfig& config : {a, b, c})
            QVERIFY(window.openBook(config));
        QCOMPARE(window.recentBooks(), (QStringList{c.path, b.path, a.path}));
        QCOMPARE(recentMenuBooks(window), (QStringList{c.path, b.path, a.path}));
    }
    // The list persists, and choosing a book opens it in the background as File → Open does.
    MainWindow window(dialogs, MainWindow::Options{false});
    window.show();
    QCOMPARE(recentMenuBooks(window), (QStringList{c.path, b.path, a.path}));
    QVERIFY(!window.book());
    recentAction(window, a.path)->trigger();
    QVERIFY(window.isOpeningBook());
    QTRY_VERIFY(window.book() != nullptr);
    QCOMPARE(window.book()->config().path, a.path);
    QCOMPARE(recentMenuBooks(window), (QStringList{a.path, c.path, b.path}));
    QCOMPARE(QSettings().value(QStringLiteral("book/recent")).toStringList(), (QStringList{a.path, c.path, b.path}));

    // A book deleted since: reported by name, removed from the list, nothing created, the open book stays.
    QVERIFY(QFile::remove(b.path));
    QFile::remove(b.path + QStringLiteral("-wal"));
    QFile::remove(b.path + QStringLiteral("-shm"));
    const qsizetype before = dialogs.messages().size();
    recentAction(window, b.path)->trigger();
    QVERIFY(!window.isOpeningBook());
    QCOMPARE(dialogs.messages().size(), before + 1);
    QVERIFY2(dialogs.messages().last().startsWith(QStringLiteral("Open recent: ")),
             qPrintable(dialogs.messages().last()));
    QVERIFY(dialogs.messages().last().contains(b.path));
    QVERIFY(dialogs.messages().last().contains(QStringLiteral("no longer exists")));
    QVERIFY(!QFile::exists(b.path));
    QCOMPARE(recentMenuBooks(window), (QStringList{a.path, c.path}));
    QCOMPARE(window.book()->config().path, a.path);

    // Clear list.
    auto clearAction = [&window]() -> QAction* {
        for (QAction* action : window.recentMenu()->actions()) {
            if (action->objectName() == QLatin1String("clearRecentAction"))
                return action;
        }
        return nullptr;
    };
    QVERIFY(clearAction() && clearAction()->isEnabled());
    clearAction()->trigger();
    QVERIFY(recentMenuBooks(window).isEmpty());
    QVERIFY(QSettings().value(QStringLiteral("book/recent")).toStringList().isEmpty());
    QVERIFY(clearAction() && !clearAction()->isEnabled());
}

void TestShell::helpDialogsOpenWithContent()
{
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    window.show();

    auto* guideAction = window.findChild<QAction*>(QStringLiteral("userGuideAction"));
    QVERIFY(guideAction);
    QCOMPARE(guideAction->shortcut(), QKeySequence(QKeySequence::HelpContents));
    guideAction->trigger();
    auto* guide = window.findChild<HelpDialog*>();
    QVERIFY(guide);
    QVERIFY(guide->isVisible());
    QVERIFY(!guide->isModal());
    const QString text = guide->browser()->toPlainText();
    // Rendered from Markdown: headings without their "#" markers.
    QVERIFY2(text.startsWith(QStringLiteral("PartnerDesk user guide")), qPrintable(text.left(80)));
    for (const char* topic : {"The roster", "Import", "Deal registration", "Pipeline", "Conflicts", "Command line",
                              "Open recent", "partnerdesk-cli"})
        QVERIFY2(text.contains(QLatin1String(topic)), topic);
    QVERIFY(!text.contains(QStringLiteral("## ")));

    window.findChild<QAction*>(QStringLiteral("shortcutsAction"))->trigger();
    auto* list = window.findChild<ShortcutsDialog*>();
    QVERIFY(list);
    QVERIFY(list->isVisible());
    QTableWidget* table = list->table();
    int shortcuts = 0;
    for (QAction* action : window.findChildren<QAction*>())
        shortcuts += int(action->shortcuts().size());
    QCOMPARE(table->rowCount(), shortcuts); // every shortcut of the window, once
    QMap<QString, QString> keyByAction;
    for (int row = 0; row < table->rowCount(); ++row)
        keyByAction.insert(table->item(row, 1)->text(), table->item(row, 2)->text());
    QCOMPARE(keyByAction.value(QStringLiteral("New partner")), QStringLiteral("Ctrl+Shift+N"));
    QCOMPARE(keyByAction.value(QStringLiteral("Register deal")), QStringLiteral("Ctrl+Shift+R"));
    QCOMPARE(keyByAction.value(QStringLiteral("Import")), QStringLiteral("Ctrl+I"));
    QCOMPARE(keyByAction.value(QStringLiteral("User guide")), QStringLiteral("F1"));
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("File")); // grouped by menu, in menu order
}

void TestShell::everyPaneKeepsItsAcceleratorsApartFromTheMenus()
{
    // Alt+letter on a pane's label, button or check box must not also open a menu (the roster's "Show archived" once
    // took Alt+H from Help), nor be used twice in the pane.
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QVERIFY(window.openBook(m_dbs.sqlite()));
    QStringList menuTitles;
    for (QAction* top : window.menuBar()->actions())
        menuTitles << top->text();
    auto* stack = window.centralWidget()->findChild<QStackedWidget*>(QStringLiteral("paneStack"));
    QVERIFY(stack);
    QStringList panes;
    for (int i = 0; i < stack->count(); ++i) {
        const QWidget* pane = stack->widget(i);
        if (pane->objectName() == QLatin1String("noBookPlaceholder"))
            continue;
        panes << pane->objectName();
        const QStringList duplicates = test::duplicateAccelerators(pane, menuTitles);
        QVERIFY2(duplicates.isEmpty(), qPrintable(pane->objectName() + QStringLiteral(": ") + duplicates.join(u", ")));
    }
    QCOMPARE(panes.size(), 5); // partners, onboarding, pipeline, conflicts, mdf
}

void TestShell::windowAndPartnerPanelAreBuiltFromTheirForms()
{
    // Issue 8, item 1: ui/MainWindow.ui gives the window's static layout (the central area with the sidebar and the
    // panes' stack, the status bar's labels, the menus and their static actions, the toolbar) and
    // ui/PartnerDetailPanel.ui the partner detail panel: labels with accelerators that focus their fields, none used
    // twice in the panel nor taken by the window's menus.
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false});
    QCOMPARE(window.objectName(), QStringLiteral("mainWindow"));
    QCOMPARE(window.windowTitle(), QStringLiteral("PartnerDesk"));
    QCOMPARE(window.centralWidget()->objectName(), QStringLiteral("centralArea"));
    auto* stack = window.centralWidget()->findChild<QStackedWidget*>(QStringLiteral("paneStack"));
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("noBookPlaceholder"));
    QCOMPARE(qobject_cast<QLabel*>(stack->currentWidget())->text(),
             QStringLiteral("Open or create a database with the File menu."));
    QCOMPARE(window.findChild<QListWidget*>(QStringLiteral("sidebar"))->parentWidget(), window.centralWidget());
    QVERIFY(window.statusBar()->findChild<QLabel*>(QStringLiteral("bookLabel")));
    QVERIFY(window.statusBar()->findChild<QLabel*>(QStringLiteral("countsLabel")));

    QStringList menus, menuTitles;
    for (QAction* top : window.menuBar()->actions()) {
        QVERIFY(top->menu());
        menus << top->menu()->objectName();
        menuTitles << top->text();
    }
    QCOMPARE(menus, (QStringList{QStringLiteral("fileMenu"), QStringLiteral("editMenu"), QStringLiteral("partnersMenu"),
                                 QStringLiteral("dealsMenu"), QStringLiteral("viewMenu"), QStringLiteral("helpMenu")}));
    QCOMPARE(menuTitles, (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&Partners"),
                                      QStringLiteral("&Deals"), QStringLiteral("&View"), QStringLiteral("&Help")}));
    // The static actions with their shortcuts, owned by the window; the View menu starts with the toolbar's toggle.
    const QList<std::pair<const char*, QKeySequence>> shortcuts = {
        {"importAction", QKeySequence(QStringLiteral("Ctrl+I"))},
        {"quitAction", QKeySequence(QStringLiteral("Ctrl+Q"))},
        {"undoAction", QKeySequence(QStringLiteral("Ctrl+Z"))},
        {"redoAction", QKeySequence(QStringLiteral("Ctrl+Shift+Z"))},
        {"newDatabaseAction", QKeySequence(QKeySequence::New)},
        {"openDatabaseAction", QKeySequence(QKeySequence::Open)},
        {"findAction", QKeySequence(QKeySequence::Find)},
        {"reloadAction", QKeySequence(QKeySequence::Refresh)},
        {"userGuideAction", QKeySequence(QKeySequence::HelpContents)},
    };
    for (const auto& [name, key] : shortcuts) {
        auto* action = window.findChild<QAction*>(QLatin1String(name), Qt::FindDirectChildrenOnly);
        QVERIFY2(action, name);
        QCOMPARE(action->shortcut(), key);
    }
    for (const char* name : {"connectAction", "demoBookAction", "sidebarAction", "shortcutsAction", "aboutAction"})
        QVERIFY2(window.findChild<QAction*>(QLatin1String(name), Qt::FindDirectChildrenOnly), name);
    auto* viewMenu = window.menuBar()->findChild<QMenu*>(QStringLiteral("viewMenu"));
    QCOMPARE(viewMenu->actions().first(), window.mainToolBar()->toggleViewAction());
    QCOMPARE(viewMenu->actions().first()->text(), QStringLiteral("&Toolbar"));
    QCOMPARE(window.mainToolBar()->windowTitle(), QStringLiteral("Main toolbar"));

    QVERIFY(window.openBook(m_dbs.sqlite()));
    PartnerDetailPanel* detail = window.partnersPane()->detailPanel();
    QVERIFY(detail->findChild<QWidget*>(QStringLiteral("partnerForm")));
    const QList<std::pair<const char*, const char*>> buddies = {
        {"partnerNameLabel", "partnerName"},
        {"partnerKeyLabel", "partnerKey"},
        {"partnerTypeLabel", "partnerType"},
        {"partnerStageLabel", "partnerStage"},
        {"partnerTierLabel", "partnerTier"},
        {"partnerTerritoryLabel", "partnerTerritory"},
        {"partnerChannelManagerLabel", "partnerChannelManager"},
        {"partnerCountryLabel", "partnerCountry"},
        {"partnerCityLabel", "partnerCity"},
        {"partnerFoundedLabel", "partnerFounded"},
        {"partnerWebsiteLabel", "partnerWebsite"},
    };
    for (const auto& [label, field] : buddies) {
        auto* l = detail->findChild<QLabel*>(QLatin1String(label));
        QVERIFY2(l, label);
        QVERIFY2(!test::accelerator(l->text()).isEmpty(), label);
        QVERIFY2(l->buddy() && l->buddy() == detail->findChild<QWidget*>(QLatin1String(field)), label);
    }
    QCOMPARE(detail->findChild<QLabel*>(QStringLiteral("partnerFoundedLabel"))->text(), QStringLiteral("Fo&unded"));
    QCOMPARE(test::labelsWithoutBuddy(detail), QStringList());
    QCOMPARE(test::duplicateAccelerators(detail, menuTitles), QStringList());

    // The accelerator focuses its field.
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    detail->startNewPartner();
    QTRY_COMPARE(QApplication::focusWidget(), detail->findChild<QWidget*>(QStringLiteral("partnerName")));
    QTest::keyClick(&window, Qt::Key_U, Qt::AltModifier);
    QTRY_COMPARE(QApplication::focusWidget(), detail->findChild<QWidget*>(QStringLiteral("partnerFounded")));
}

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
