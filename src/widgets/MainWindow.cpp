#include "widgets/MainWindow.h"

#include "models/PartnerTableModel.h"
#include "widgets/Book.h"
#include "widgets/ConflictsPane.h"
#include "widgets/DemoBookCreator.h"
#include "widgets/DialogService.h"
#include "widgets/HelpDialog.h"
#include "widgets/ImportWizard.h"
#include "widgets/PartnersPane.h"
#include "widgets/PipelinePane.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QThreadPool>
#include <QToolBar>
#include <QtConcurrent/QtConcurrentRun>
#include <QtConcurrent/qtconcurrenttask.h>
#include <functional>

static void initShellResources()
{
    Q_INIT_RESOURCE(shell); // resources/shell.qrc, in pd_widgets (a static library)
}

namespace pd {

namespace {
const char* const kGeometryKey = "mainWindow/geometry";
const char* const kStateKey = "mainWindow/state";
const char* const kLastBookKey = "book/last";

/// The desktop theme's icon `themeName`, else resources/icons/`fallback`.svg (a plain session has no theme).
QIcon themedIcon(const char* themeName, const char* fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(themeName),
                            QIcon(QStringLiteral(":/shell/icons/%1.svg").arg(QLatin1String(fallback))));
}
} // namespace

MainWindow::MainWindow(DialogService& dialogs, Options options, QWidget* parent)
    : QMainWindow(parent), m_dialogs(dialogs), m_options(options), m_recent(options.persistSettings)
{
    initShellResources();
    if (m_options.clock)
        m_clock = m_options.clock;
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PartnerDesk"));
    m_workers.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
    connect(&m_opening, &QFutureWatcher<Prepared>::finished, this, [this] {
        const Prepared p = m_opening.result();
        statusBar()->clearMessage();
        if (Book::OpenError(p.kind) != Book::OpenError::None)
            showOpenError(p.kind, p.error);
        else
            showBook(m_openingConfig, p.checkLater); // up to date now: connecting is all that is left
    });
    connect(&m_checking, &QFutureWatcher<QString>::finished, this, &MainWindow::onIntegrityChecked);

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setFixedWidth(140);
    m_sidebar->setSpacing(2);
    m_sidebar->setIconSize(QSize(22, 22));
    m_stack = new QStackedWidget(this);
    auto* placeholder = new QLabel(tr("Open or create a database with the File menu."), m_stack);
    placeholder->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(placeholder);
    // Sidebar row i shows the stack's page i + 1 (page 0 is the placeholder shown without a book).
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, [this](int row) {
        if (row >= 0 && row + 1 < m_stack->count())
            m_stack->setCurrentIndex(row + 1);
    });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_bookLabel = new QLabel(this);
    m_bookLabel->setObjectName(QStringLiteral("bookLabel"));
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    statusBar()->addWidget(m_bookLabel, 1);
    statusBar()->addPermanentWidget(m_countsLabel);

    buildMenus();

    QSettings settings;
    if (!m_options.persistSettings || !restoreGeometry(settings.value(QLatin1String(kGeometryKey)).toByteArray()))
        setGeometry(firstStartGeometry(screen()->availableGeometry()));
    if (m_options.persistSettings)
        restoreState(settings.value(QLatin1String(kStateKey)).toByteArray());
}

QRect MainWindow::firstStartGeometry(const QRect& available)
{
    const int width = std::min(available.width(), std::max(available.width() * 4 / 5, 1024));
    const int height = std::min(available.height(), std::max(available.height() * 4 / 5, 700));
    QRect geometry(0, 0, width, height);
    geometry.moveCenter(available.center());
    return geometry;
}

MainWindow::~MainWindow()
{
    m_opening.waitForFinished();
    saveSettings();
    delete m_wizard;
    delete m_demo;
    delete m_partners; // panes refer to the book: delete them first
    m_partners = nullptr;
    delete m_pipeline;
    m_pipeline = nullptr;
    delete m_conflicts;
    m_conflicts = nullptr;
    // Panes and models never wait for their background reads (switching books must not freeze the window). The
    // window is off the screen by now: let the reads still running end (a cancelled scan stops at its next check)
    // before the application object goes, so that none of them opens a database connection during shutdown.
    m_workers.waitForDone();
    QThreadPool::globalInstance()->waitForDone();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newDb =
        file->addAction(themedIcon("document-new", "book-new"), tr("&New database…"), this, &MainWindow::newDatabase);
    newDb->setObjectName(QStringLiteral("newDatabaseAction"));
    newDb->setShortcut(QKeySequence::New);
    QAction* openDb =
        file->addAction(themedIcon("document-open", "open"), tr("&Open database…"), this, &MainWindow::openDatabase);
    openDb->setObjectName(QStringLiteral("openDatabaseAction"));
    openDb->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(themedIcon("document-open-recent", "recent"), tr("Open &recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();
    QAction* connectDb = file->addAction(tr("&Connect to shared database…"), this, &MainWindow::connectShared);
    connectDb->setObjectName(QStringLiteral("connectAction"));
    file->addSeparator();
    m_importAction =
        file->addAction(themedIcon("document-import", "import"), tr("&Import…"), this, [this] { showImportWizard(); });
    m_importAction->setObjectName(QStringLiteral("importAction"));
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_demoAction = file->addAction(tr("Create &demo book"), this, &MainWindow::createDemoBook);
    m_demoAction->setObjectName(QStringLiteral("demoBookAction"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_undoAction = edit->addAction(themedIcon("edit-undo", "undo"), tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setIconText(tr("Undo")); // the toolbar keeps a short label while the menu names the edit
    m_undoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redoAction = edit->addAction(themedIcon("edit-redo", "redo"), tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_redoAction->setIconText(tr("Redo"));
    m_redoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    edit->addSeparator();
    m_findAction = edit->addAction(themedIcon("edit-find", "find"), tr("&Find"), this, [this] {
        if (m_partners) {
            m_sidebar->setCurrentRow(0);
            m_partners->focusSearch();
        }
    });
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);

    m_partnersMenu = menuBar()->addMenu(tr("&Partners"));
    m_dealsMenu = menuBar()->addMenu(tr("&Deals"));
    m_dealsMenu->setObjectName(QStringLiteral("dealsMenu"));

    m_toolBar = new QToolBar(tr("Main toolbar"), this);
    m_toolBar->setObjectName(QStringLiteral("mainToolBar")); // the name saveState()/restoreState() use
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(22, 22));
    addToolBar(Qt::TopToolBarArea, m_toolBar);
    populateToolBar();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* toolBarAction = m_toolBar->toggleViewAction();
    toolBarAction->setText(tr("&Toolbar"));
    view->addAction(toolBarAction);
    QAction* sidebar = view->addAction(tr("&Sidebar"));
    sidebar->setCheckable(true);
    sidebar->setChecked(true);
    connect(sidebar, &QAction::toggled, m_sidebar, &QWidget::setVisible);
    QAction* reload = view->addAction(tr("&Reload"), this, [this] {
        if (m_partners)
            m_partners->reload();
    });
    reload->setShortcut(QKeySequence::Refresh);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide =
        help->addAction(themedIcon("help-contents", "help"), tr("&User guide"), this, [this] { showUserGuide(); });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    QAction* shortcuts = help->addAction(themedIcon("preferences-desktop-keyboard", "keyboard"),
                                         tr("&Keyboard shortcuts"), this, [this] { showShortcuts(); });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    help->addSeparator();
    help->addAction(tr("&About PartnerDesk"), this, &MainWindow::showAbout);

    for (QAction* a : {m_importAction, m_demoAction, m_undoAction, m_redoAction, m_findAction})
        a->setEnabled(false);
}

void MainWindow::populateToolBar()
{
    m_toolBar->clear();
    // The panes' own actions (reused, never duplicated): they exist once a book is open.
    QAction* newPartner =
        m_partners ? m_partners->findChild<QAction*>(QStringLiteral("newPartnerAction"), Qt::FindDirectChildrenOnly)
                   : nullptr;
    QAction* registerDeal =
        m_pipeline ? m_pipeline->findChild<QAction*>(QStringLiteral("registerDealAction"), Qt::FindDirectChildrenOnly)
                   : nullptr;
    if (newPartner) {
        newPartner->setIcon(themedIcon("contact-new", "partner-new"));
        m_toolBar->addAction(newPartner);
    }
    if (registerDeal) {
        registerDeal->setIcon(themedIcon("document-new", "deal-register"));
        m_toolBar->addAction(registerDeal);
    }
    if (newPartner || registerDeal)
        m_toolBar->addSeparator();
    m_toolBar->addAction(m_importAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_undoAction);
    m_toolBar->addAction(m_redoAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_findAction);
}

void MainWindow::rebuildRecentMenu()
{
    // Not clear(): this runs from the triggered() of one of these actions, which must outlive its own signal.
    for (QAction* old : m_recentMenu->actions()) {
        m_recentMenu->removeAction(old);
        old->deleteLater();
    }
    const QStringList books = m_recent.books();
    for (int i = 0; i < books.size(); ++i) {
        QString label = books[i];
        label.replace(QLatin1Char('&'), QStringLiteral("&&")); // a literal "&" in a path, not a mnemonic
        QAction* action = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(label));
        action->setData(books[i]);
        action->setToolTip(books[i]);
        const QString name = books[i];
        connect(action, &QAction::triggered, this, [this, name] { openRecent(name); });
    }
    if (!books.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear list"), this, [this] {
        m_recent.clear();
        rebuildRecentMenu();
    });
    clear->setObjectName(QStringLiteral("clearRecentAction"));
    clear->setEnabled(!books.isEmpty());
}

void MainWindow::openRecent(const QString& displayName)
{
    QString error;
    std::optional<DatabaseConfig> config = DatabaseConfig::fromString(displayName, &error);
    if (config && config->isFile() && !QFileInfo::exists(config->path))
        error = tr("The book %1 no longer exists: it was moved, renamed or deleted.").arg(displayName);
    if (!error.isEmpty() || !config) {
        m_recent.remove(displayName);
        rebuildRecentMenu();
        m_dialogs.warning(
            this, tr("Open recent"),
            tr("%1\n\nIt has been removed from the list of recent books.").arg(error.isEmpty() ? displayName : error));
        return;
    }
    if (!config->isFile() && !askPassword(*config))
        return;
    openBookInBackground(*config);
}

HelpDialog* MainWindow::showUserGuide()
{
    if (!m_guide) {
        m_guide = new HelpDialog(this);
        m_guide->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_guide->show();
    m_guide->raise();
    return m_guide;
}

QList<ShortcutsDialog::Entry> MainWindow::shortcutEntries() const
{
    QList<ShortcutsDialog::Entry> entries;
    QList<const QAction*> listed;
    // The menus first, in their order (a pane's actions are in its menu), then any other action with a shortcut.
    std::function<void(const QMenu*)> walk = [&](const QMenu* menu) {
        for (QAction* action : menu->actions()) {
            if (action->menu())
                walk(action->menu());
            else if (!action->shortcuts().isEmpty() && !listed.contains(action)) {
                listed << action;
                entries.append({menu->title(), action});
            }
        }
    };
    for (QAction* top : menuBar()->actions()) {
        if (top->menu())
            walk(top->menu());
    }
    for (QAction* action : findChildren<QAction*>()) {
        if (!action->shortcuts().isEmpty() && !listed.contains(action)) {
            listed << action;
            entries.append({QString(), action});
        }
    }
    return entries;
}

ShortcutsDialog* MainWindow::showShortcuts()
{
    delete m_shortcuts; // the actions may have changed with the book: list them afresh
    m_shortcuts = new ShortcutsDialog(shortcutEntries(), this);
    m_shortcuts->setAttribute(Qt::WA_DeleteOnClose);
    m_shortcuts->show();
    return m_shortcuts;
}

void MainWindow::showOpenError(int kind, const QString& error)
{
    if (Book::OpenError(kind) == Book::OpenError::NewerSchema)
        m_dialogs.warning(this, tr("Newer database"),
                          tr("This database was written by a newer version of PartnerDesk and cannot be opened "
                             "by this one.\n\n%1")
                              .arg(error));
    else
        m_dialogs.warning(this, tr("Open database"), error);
}

void MainWindow::openBookInBackground(const DatabaseConfig& config)
{
    if (m_opening.isRunning())
        return;
    m_openingConfig = config;
    statusBar()->showMessage(tr("Opening %1…").arg(config.displayName()));
    m_opening.setFuture(QtConcurrent::run(&m_workers, [config]() {
        Prepared p;
        p.kind = int(Book::prepare(config, &p.error, &p.checkLater));
        return p;
    }));
}

bool MainWindow::isOpeningBook() const
{
    return m_opening.isRunning();
}

bool MainWindow::openBook(const DatabaseConfig& config)
{
    return showBook(config, false);
}

void MainWindow::removePanes()
{
    delete m_wizard;
    m_wizard = nullptr;
    delete m_demo;
    m_demo = nullptr;
    for (QWidget* pane :
         {static_cast<QWidget*>(m_partners), static_cast<QWidget*>(m_pipeline), static_cast<QWidget*>(m_conflicts)}) {
        if (pane) {
            m_stack->removeWidget(pane);
            delete pane;
        }
    }
    m_partners = nullptr;
    m_pipeline = nullptr;
    m_conflicts = nullptr;
}

void MainWindow::closeBook()
{
    removePanes();
    for (const QMetaObject::Connection& c : std::as_const(m_undoConnections))
        disconnect(c);
    m_undoConnections.clear();
    m_book.reset();
    ++m_bookGeneration;
    m_rosterLoaded = false;
    m_bookChecked = false;
    m_sidebar->clear();
    m_stack->setCurrentIndex(0); // the placeholder
    m_partnersMenu->clear();
    m_dealsMenu->clear();
    populateToolBar();
    for (QAction* a : {m_importAction, m_demoAction, m_undoAction, m_redoAction, m_findAction})
        a->setEnabled(false);
    m_bookLabel->clear();
    m_countsLabel->clear();
    setWindowTitle(tr("PartnerDesk"));
}

void MainWindow::updateBookLabels()
{
    for (QAction* a : {m_importAction, m_demoAction})
        a->setEnabled(!m_book->isReadOnly() && m_bookChecked); // a read-only or unchecked book refuses every write
    if (m_book->isReadOnly())
        m_bookLabel->setText(tr("%1 (read-only)").arg(m_book->displayName()));
    else if (!m_bookChecked)
        m_bookLabel->setText(tr("%1 (checking for damage; read-only until done)").arg(m_book->displayName()));
    else
        m_bookLabel->setText(m_book->displayName());
    setWindowTitle(m_book->isReadOnly() ? tr("%1 [read-only] — PartnerDesk").arg(m_book->displayName())
                                        : tr("%1 — PartnerDesk").arg(m_book->displayName()));
}

void MainWindow::onIntegrityChecked()
{
    if (!m_book || m_checkingGeneration != m_bookGeneration || !m_checking.isFinished())
        return; // the book it checked is no longer shown
    const QString error = m_checking.result();
    if (!error.isEmpty()) {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            // Closing the book deletes the panes: not while a dialog (perhaps a pane's, reporting a damaged page)
            // runs its own event loop. Writes stay refused meanwhile.
            connect(modal, &QObject::destroyed, this, &MainWindow::onIntegrityChecked,
                    Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
            return;
        }
        // Nothing was written into it (every write was refused meanwhile): refuse it as before the check moved here.
        closeBook();
        showOpenError(int(Book::OpenError::Failed), error);
        return;
    }
    m_book->database().refuseWrites({});
    m_bookChecked = true;
    updateBookLabels();
    m_pipeline->runDailyExpiry();
    Q_EMIT bookChecked();
    offerDemoBook();
}

bool MainWindow::showBook(const DatabaseConfig& config, bool checkLater)
{
    QString error;
    Book::OpenError kind = Book::OpenError::None;
    std::unique_ptr<Book> book = Book::open(config, *m_clock, &error, &kind);
    if (!book) {
        showOpenError(int(kind), error);
        return false;
    }
    removePanes();
    m_book = std::move(book);
    ++m_bookGeneration;
    m_book->setWorkers(&m_workers);
    m_rosterLoaded = false;
    m_demoOffered = false;
    m_bookChecked = !checkLater;
    if (checkLater)
        m_book->database().refuseWrites(
            tr("%1 is still being checked for damage: nothing can be changed until the check has finished (about a "
               "second per GB). Try again in a moment.")
                .arg(m_book->displayName()));

    m_partners = new PartnersPane(*m_book, m_dialogs, m_stack);
    m_partners->setObjectName(QStringLiteral("partnersPane"));
    m_stack->addWidget(m_partners);
    m_sidebar->clear();
    m_pipeline = new PipelinePane(*m_book, m_dialogs, m_stack);
    m_stack->addWidget(m_pipeline);
    m_conflicts = new ConflictsPane(*m_book, m_dialogs, m_stack);
    m_stack->addWidget(m_conflicts);
    connect(m_pipeline, &PipelinePane::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    m_sidebar->addItem(new QListWidgetItem(themedIcon("system-users", "partners"), tr("Partners")));
    m_sidebar->addItem(new QListWidgetItem(themedIcon("view-list-details", "pipeline"), tr("Pipeline")));
    m_sidebar->addItem(new QListWidgetItem(themedIcon("dialog-warning", "conflicts"), tr("Conflicts")));
    m_sidebar->setCurrentRow(0);
    m_stack->setCurrentWidget(m_partners);
    connect(m_partners, &PartnersPane::countsChanged, this, &MainWindow::updateStatus);
    connect(m_partners, &PartnersPane::loaded, this, &MainWindow::onRosterLoaded);
    connect(m_partners, &PartnersPane::partnersLoaded, this, &MainWindow::rosterShown);
    m_partnersMenu->clear();
    m_partnersMenu->addActions(m_partners->paneActions());
    m_dealsMenu->clear();
    m_dealsMenu->addActions(m_pipeline->paneActions());
    populateToolBar();
    bindUndoStack();
    // A save waits while another program writes to the book (DESIGN.md section 2); say so rather than look frozen.
    m_book->database().setBusyObserver([this](bool waiting, qint64 waitedMs) {
        if (waiting) {
            QGuiApplication::setOverrideCursor(Qt::WaitCursor);
            statusBar()->showMessage(tr("Waiting for another program to finish writing to the book…"));
        } else {
            QGuiApplication::restoreOverrideCursor();
            statusBar()->showMessage(
                tr("Waited %1 s for another program that was writing to the book").arg(waitedMs / 1000.0, 0, 'f', 1),
                10000);
        }
    });

    m_findAction->setEnabled(true);
    updateBookLabels();
    m_countsLabel->setText(tr("Loading…"));
    if (m_options.persistSettings)
        QSettings().setValue(QLatin1String(kLastBookKey), m_book->displayName()); // never the password
    m_recent.add(m_book->displayName()); // kept only when settings persist (RecentBooks)
    rebuildRecentMenu();
    Q_EMIT bookOpened();
    if (m_bookChecked) {
        Q_EMIT bookChecked();
    } else {
        // Read on a connection of its own, after the first loads (lowest priority in the pool), while the window
        // already shows the book.
        const DatabaseConfig checked = m_book->config();
        m_checkingGeneration = m_bookGeneration;
        m_checking.setFuture(QtConcurrent::task([checked] { return Book::checkIntegrity(checked); })
                                 .withPriority(-1)
                                 .onThreadPool(m_workers)
                                 .spawn());
    }
    return true;
}

bool MainWindow::showPane(const QString& name)
{
    const QString n = name.trimmed().toLower();
    QWidget* pane = nullptr;
    if (n == QLatin1String("partners"))
        pane = m_partners;
    else if (n == QLatin1String("pipeline") || n == QLatin1String("board"))
        pane = m_pipeline;
    else if (n == QLatin1String("conflicts"))
        pane = m_conflicts;
    if (!pane)
        return false;
    if (m_pipeline && pane == m_pipeline)
        m_pipeline->showView(n == QLatin1String("board") ? 1 : 0);
    m_sidebar->setCurrentRow(m_stack->indexOf(pane) - 1); // sidebar row i is stack page i + 1
    return true;
}

void MainWindow::bindUndoStack()
{
    for (const QMetaObject::Connection& c : std::as_const(m_undoConnections))
        disconnect(c);
    m_undoConnections.clear();
    QUndoStack* stack = &m_book->undoStack();
    m_undoConnections << connect(m_undoAction, &QAction::triggered, stack, &QUndoStack::undo)
                      << connect(m_redoAction, &QAction::triggered, stack, &QUndoStack::redo)
                      << connect(stack, &QUndoStack::canUndoChanged, m_undoAction, &QAction::setEnabled)
                      << connect(stack, &QUndoStack::canRedoChanged, m_redoAction, &QAction::setEnabled)
                      << connect(stack, &QUndoStack::undoTextChanged, this,
                                 [this](const QString& text) {
                                     m_undoAction->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(text));
                                 })
                      << connect(stack, &QUndoStack::redoTextChanged, this, [this](const QString& text) {
                             m_redoAction->setText(text.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(text));
                         });
    m_undoAction->setEnabled(stack->canUndo());
    m_redoAction->setEnabled(stack->canRedo());
}

void MainWindow::onRosterLoaded(int rows)
{
    m_rosterLoaded = true;
    m_rosterRows = rows;
    Q_EMIT rosterLoaded(rows);
    offerDemoBook();
}

void MainWindow::offerDemoBook()
{
    // Once the roster is known to be empty and the book may be written.
    if (m_rosterLoaded && m_bookChecked && m_rosterRows == 0 && m_options.offerDemoBook && !m_demoOffered && !m_demo) {
        m_demoOffered = true;
        if (m_dialogs.question(this, tr("Create demo book"),
                               tr("This book has no partners yet. Create a demo book with 200 partners and 2,000 "
                                  "deal registrations to explore PartnerDesk? You can also import your own CSV "
                                  "files with File → Import.")))
            createDemoBook();
    }
}

void MainWindow::updateStatus(int total, int visible)
{
    const QLocale locale;
    const QString partners = total == 1 ? tr("1 partner") : tr("%1 partners").arg(locale.toString(total));
    if (total == visible)
        m_countsLabel->setText(partners);
    else
        m_countsLabel->setText(tr("%1 shown of %2").arg(locale.toString(visible), partners));
}

ImportWizard* MainWindow::showImportWizard()
{
    if (!m_book)
        return nullptr;
    if (!m_wizard) {
        m_wizard = new ImportWizard(*m_book, m_dialogs, this);
        m_wizard->setWindowModality(Qt::WindowModal);
        connect(m_wizard, &QDialog::finished, this, [this] {
            m_wizard->deleteLater();
            m_wizard = nullptr;
        });
    }
    m_wizard->show();
    m_wizard->raise();
    return m_wizard;
}

void MainWindow::createDemoBook()
{
    if (!m_book || m_demo)
        return;
    m_demo = new DemoBookCreator(m_book->config(), BookGenerator::Options{}, *m_clock, this);
    m_demoProgress = new QProgressDialog(tr("Creating the demo book…"), tr("Cancel"), 0, 1000, this);
    m_demoProgress->setWindowTitle(tr("Create demo book"));
    m_demoProgress->setMinimumDuration(0);
    m_demoProgress->setAutoClose(false);
    m_demoProgress->setAutoReset(false);
    connect(m_demoProgress, &QProgressDialog::canceled, m_demo, &DemoBookCreator::cancel);
    connect(m_demo, &DemoBookCreator::progress, this, [this](int perMille, const QString& step) {
        if (m_demoProgress) {
            m_demoProgress->setValue(perMille);
            m_demoProgress->setLabelText(step);
        }
    });
    connect(m_demo, &DemoBookCreator::finished, this, [this](bool ok, const QString& message) {
        if (m_demoProgress) {
            m_demoProgress->hide();
            m_demoProgress->deleteLater();
            m_demoProgress = nullptr;
        }
        m_demo->deleteLater();
        m_demo = nullptr;
        if (m_book)
            Q_EMIT m_book->notifier().bookReset(); // also after a failure: earlier files may have been imported
        if (ok)
            statusBar()->showMessage(message, 10000);
        else
            m_dialogs.warning(this, tr("Create demo book"), message);
        Q_EMIT demoBookFinished(ok);
    });
    m_demoProgress->show();
    m_demo->start();
}

void MainWindow::newDatabase()
{
    QString path = m_dialogs.saveFileName(this, tr("New database"), tr("PartnerDesk books (*.partnerdesk)"),
                                          QStringLiteral("book.partnerdesk"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".partnerdesk")))
        path += QStringLiteral(".partnerdesk");
    DatabaseConfig config;
    config.path = path;
    openBookInBackground(config);
}

void MainWindow::openDatabase()
{
    const QString path =
        m_dialogs.openFileName(this, tr("Open database"), tr("PartnerDesk books (*.partnerdesk);;All files (*)"));
    if (path.isEmpty())
        return;
    DatabaseConfig config;
    config.path = path;
    openBookInBackground(config);
}

void MainWindow::connectShared()
{
    const std::optional<QString> url = m_dialogs.text(this, tr("Connect to shared database"),
                                                      tr("PostgreSQL URL (postgresql://user@host:port/database):"));
    if (!url || url->trimmed().isEmpty())
        return;
    QString error;
    std::optional<DatabaseConfig> config = DatabaseConfig::fromString(url->trimmed(), &error);
    if (!config || config->isFile()) {
        m_dialogs.warning(this, tr("Connect to shared database"),
                          error.isEmpty() ? tr("Enter a postgresql:// URL.") : error);
        return;
    }
    if (!askPassword(*config))
        return;
    openBookInBackground(*config);
}

bool MainWindow::askPassword(DatabaseConfig& config)
{
    if (!config.password.isEmpty())
        return true;
    const std::optional<QString> password =
        m_dialogs.text(this, tr("Connect to shared database"),
                       tr("Password for %1 (leave empty for none):").arg(config.displayName()), true);
    if (!password)
        return false;
    config.password = *password; // kept in memory only
    return true;
}

void MainWindow::showAbout()
{
    m_dialogs.information(
        this, tr("About PartnerDesk"),
        tr("PartnerDesk %1\nOffline-first channel partner management.").arg(QStringLiteral(PD_VERSION)));
}

void MainWindow::saveSettings() const
{
    if (!m_options.persistSettings)
        return;
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kStateKey), saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    if (m_wizard && m_wizard->isRunning())
        m_wizard->reject();
    if (m_demo)
        m_demo->cancel();
    event->accept();
}

} // namespace pd
