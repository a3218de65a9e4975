#include "widgets/MainWindow.h"

#include "models/PartnerTableModel.h"
#include "widgets/Book.h"
#include "widgets/ConflictsPane.h"
#include "widgets/DemoBookCreator.h"
#include "widgets/DialogService.h"
#include "widgets/HelpDialog.h"
#include "widgets/ImportWizard.h"
#include "widgets/MdfPane.h"
#include "widgets/OnboardingPane.h"
#include "widgets/PartnersPane.h"
#include "widgets/PipelinePane.h"
#include "widgets/TierEvaluationDialog.h"
#include "widgets/TierProgramDialog.h"

#include "ui_MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
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
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_dialogs(dialogs), m_options(options),
      m_recent(options.persistSettings)
{
    initShellResources();
    if (m_options.clock)
        m_clock = m_options.clock;
    m_ui->setupUi(this);
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

    // Sidebar row i shows the stack's page i + 1 (page 0 is the placeholder shown without a book).
    connect(m_ui->sidebar, &QListWidget::currentRowChanged, m_ui->paneStack, [this](int row) {
        if (row >= 0 && row + 1 < m_ui->paneStack->count())
            m_ui->paneStack->setCurrentIndex(row + 1);
    });
    statusBar()->addWidget(m_ui->bookLabel, 1); // a form cannot place widgets in a status bar
    statusBar()->addPermanentWidget(m_ui->countsLabel);
    connectActions();

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
    delete m_onboarding;
    m_onboarding = nullptr;
    delete m_mdf;
    m_mdf = nullptr;
    // Panes and models never wait for their background reads (switching books must not freeze the window). The
    // window is off the screen by now: let the reads still running end (a cancelled scan stops at its next check)
    // before the application object goes, so that none of them opens a database connection during shutdown.
    m_workers.waitForDone();
    QThreadPool::globalInstance()->waitForDone();
}

void MainWindow::connectActions()
{
    // The platform's standard keys (a form holds fixed key sequences only).
    m_ui->newDatabaseAction->setShortcut(QKeySequence::New);
    m_ui->openDatabaseAction->setShortcut(QKeySequence::Open);
    m_ui->findAction->setShortcut(QKeySequence::Find);
    m_ui->reloadAction->setShortcut(QKeySequence::Refresh);
    m_ui->userGuideAction->setShortcut(QKeySequence::HelpContents);

    connect(m_ui->newDatabaseAction, &QAction::triggered, this, &MainWindow::newDatabase);
    connect(m_ui->openDatabaseAction, &QAction::triggered, this, &MainWindow::openDatabase);
    rebuildRecentMenu();
    connect(m_ui->connectAction, &QAction::triggered, this, &MainWindow::connectShared);
    connect(m_ui->importAction, &QAction::triggered, this, [this] { showImportWizard(); });
    connect(m_ui->demoBookAction, &QAction::triggered, this, &MainWindow::createDemoBook);
    connect(m_ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->findAction, &QAction::triggered, this, [this] {
        if (m_partners) {
            m_ui->sidebar->setCurrentRow(0);
            m_partners->focusSearch();
        }
    });

    populateToolBar();
    QAction* toolBarAction = m_ui->mainToolBar->toggleViewAction();
    toolBarAction->setText(tr("&Toolbar"));
    m_ui->viewMenu->insertAction(m_ui->sidebarAction, toolBarAction);
    connect(m_ui->sidebarAction, &QAction::toggled, m_ui->sidebar, &QWidget::setVisible);
    connect(m_ui->reloadAction, &QAction::triggered, this, [this] {
        if (m_partners)
            m_partners->reload();
    });

    connect(m_ui->userGuideAction, &QAction::triggered, this, [this] { showUserGuide(); });
    connect(m_ui->shortcutsAction, &QAction::triggered, this, [this] { showShortcuts(); });
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

QToolBar* MainWindow::mainToolBar() const
{
    return m_ui->mainToolBar;
}

QMenu* MainWindow::recentMenu() const
{
    return m_ui->recentMenu;
}

void MainWindow::populateToolBar()
{
    m_ui->mainToolBar->clear();
    // The panes' own actions (reused, never duplicated): they exist once a book is open.
    QAction* newPartner =
        m_partners ? m_partners->findChild<QAction*>(QStringLiteral("newPartnerAction"), Qt::FindDirectChildrenOnly)
                   : nullptr;
    QAction* registerDeal =
        m_pipeline ? m_pipeline->findChild<QAction*>(QStringLiteral("registerDealAction"), Qt::FindDirectChildrenOnly)
                   : nullptr;
    if (newPartner) {
        newPartner->setIcon(themedIcon("contact-new", "partner-new"));
        m_ui->mainToolBar->addAction(newPartner);
    }
    if (registerDeal) {
        registerDeal->setIcon(themedIcon("document-new", "deal-register"));
        m_ui->mainToolBar->addAction(registerDeal);
    }
    if (newPartner || registerDeal)
        m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addAction(m_ui->importAction);
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addAction(m_ui->undoAction);
    m_ui->mainToolBar->addAction(m_ui->redoAction);
    m_ui->mainToolBar->addSeparator();
    m_ui->mainToolBar->addAction(m_ui->findAction);
}

void MainWindow::rebuildRecentMenu()
{
    // Not clear(): this runs from the triggered() of one of these actions, which must outlive its own signal.
    for (QAction* old : m_ui->recentMenu->actions()) {
        m_ui->recentMenu->removeAction(old);
        old->deleteLater();
    }
    const QStringList books = m_recent.books();
    for (int i = 0; i < books.size(); ++i) {
        QString label = books[i];
        label.replace(QLatin1Char('&'), QStringLiteral("&&")); // a literal "&" in a path, not a mnemonic
        QAction* action = m_ui->recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(label));
        action->setData(books[i]);
        action->setToolTip(books[i]);
        const QString name = books[i];
        connect(action, &QAction::triggered, this, [this, name] { openRecent(name); });
    }
    if (!books.isEmpty())
        m_ui->recentMenu->addSeparator();
    QAction* clear = m_ui->recentMenu->addAction(tr("&Clear list"), this, [this] {
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
         {static_cast<QWidget*>(m_partners), static_cast<QWidget*>(m_onboarding), static_cast<QWidget*>(m_pipeline),
          static_cast<QWidget*>(m_conflicts), static_cast<QWidget*>(m_mdf)}) {
        if (pane) {
            m_ui->paneStack->removeWidget(pane);
            delete pane;
        }
    }
    m_partners = nullptr;
    m_onboarding = nullptr;
    m_pipeline = nullptr;
    m_conflicts = nullptr;
    m_mdf = nullptr;
    if (m_mdfMenu)
        m_mdfMenu->clear();
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
    m_ui->sidebar->clear();
    m_ui->paneStack->setCurrentIndex(0); // the placeholder
    m_ui->partnersMenu->clear();
    m_ui->dealsMenu->clear();
    populateToolBar();
    for (QAction* a : {m_ui->importAction, m_ui->demoBookAction, m_ui->undoAction, m_ui->redoAction, m_ui->findAction})
        a->setEnabled(false);
    m_ui->bookLabel->clear();
    m_ui->countsLabel->clear();
    setWindowTitle(tr("PartnerDesk"));
}

void MainWindow::updateBookLabels()
{
    for (QAction* a : {m_ui->importAction, m_ui->demoBookAction})
        a->setEnabled(!m_book->isReadOnly() && m_bookChecked); // a read-only or unchecked book refuses every write
    if (m_book->isReadOnly())
        m_ui->bookLabel->setText(tr("%1 (read-only)").arg(m_book->displayName()));
    else if (!m_bookChecked)
        m_ui->bookLabel->setText(tr("%1 (checking for damage; read-only until done)").arg(m_book->displayName()));
    else
        m_ui->bookLabel->setText(m_book->displayName());
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

    m_partners = new PartnersPane(*m_book, m_dialogs, m_ui->paneStack);
    m_partners->setObjectName(QStringLiteral("partnersPane"));
    m_ui->paneStack->addWidget(m_partners);
    m_ui->sidebar->clear();
    m_onboarding = new OnboardingPane(*m_book, m_dialogs, m_ui->paneStack);
    m_ui->paneStack->addWidget(m_onboarding);
    m_pipeline = new PipelinePane(*m_book, m_dialogs, m_ui->paneStack);
    m_ui->paneStack->addWidget(m_pipeline);
    m_conflicts = new ConflictsPane(*m_book, m_dialogs, m_ui->paneStack);
    m_ui->paneStack->addWidget(m_conflicts);
    m_mdf = new MdfPane(*m_book, m_dialogs, m_ui->paneStack);
    m_ui->paneStack->addWidget(m_mdf);
    connect(m_pipeline, &PipelinePane::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    m_ui->sidebar->addItem(new QListWidgetItem(themedIcon("system-users", "partners"), tr("Partners")));
    m_ui->sidebar->addItem(new QListWidgetItem(themedIcon("checkbox", "onboarding"), tr("Onboarding")));
    m_ui->sidebar->addItem(new QListWidgetItem(themedIcon("view-list-details", "pipeline"), tr("Pipeline")));
    m_ui->sidebar->addItem(new QListWidgetItem(themedIcon("dialog-warning", "conflicts"), tr("Conflicts")));
    m_ui->sidebar->addItem(new QListWidgetItem(themedIcon("wallet-open", "pipeline"), tr("MDF")));
    m_ui->sidebar->setCurrentRow(0);
    m_ui->paneStack->setCurrentWidget(m_partners);
    connect(m_partners, &PartnersPane::countsChanged, this, &MainWindow::updateStatus);
    connect(m_partners, &PartnersPane::loaded, this, &MainWindow::onRosterLoaded);
    connect(m_partners, &PartnersPane::partnersLoaded, this, &MainWindow::rosterShown);
    m_ui->partnersMenu->clear();
    m_ui->partnersMenu->addActions(m_partners->paneActions());
    addTierActions();
    m_ui->dealsMenu->clear();
    m_ui->dealsMenu->addActions(m_pipeline->paneActions());
    if (!m_mdfMenu) {
        m_mdfMenu = new QMenu(tr("MDF"), this); // Alt+M, D and F are taken (Partners pane, Deals, File)
        m_mdfMenu->setObjectName(QStringLiteral("mdfMenu"));
        menuBar()->insertMenu(m_ui->viewMenu->menuAction(), m_mdfMenu);
    }
    m_mdfMenu->addActions(m_mdf->paneActions());
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

    m_ui->findAction->setEnabled(true);
    updateBookLabels();
    m_ui->countsLabel->setText(tr("Loading…"));
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
    else if (n == QLatin1String("onboarding"))
        pane = m_onboarding;
    else if (n == QLatin1String("mdf"))
        pane = m_mdf;
    if (!pane)
        return false;
    if (m_pipeline && pane == m_pipeline)
        m_pipeline->showView(n == QLatin1String("board") ? 1 : 0);
    m_ui->sidebar->setCurrentRow(m_ui->paneStack->indexOf(pane) - 1); // sidebar row i is stack page i + 1
    return true;
}

void MainWindow::bindUndoStack()
{
    for (const QMetaObject::Connection& c : std::as_const(m_undoConnections))
        disconnect(c);
    m_undoConnections.clear();
    QUndoStack* stack = &m_book->undoStack();
    m_undoConnections << connect(m_ui->undoAction, &QAction::triggered, stack, &QUndoStack::undo)
                      << connect(m_ui->redoAction, &QAction::triggered, stack, &QUndoStack::redo)
                      << connect(stack, &QUndoStack::canUndoChanged, m_ui->undoAction, &QAction::setEnabled)
                      << connect(stack, &QUndoStack::canRedoChanged, m_ui->redoAction, &QAction::setEnabled)
                      << connect(stack, &QUndoStack::undoTextChanged, this,
                                 [this](const QString& text) {
                                     m_ui->undoAction->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(text));
                                 })
                      << connect(stack, &QUndoStack::redoTextChanged, this, [this](const QString& text) {
                             m_ui->redoAction->setText(text.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(text));
                         });
    m_ui->undoAction->setEnabled(stack->canUndo());
    m_ui->redoAction->setEnabled(stack->canRedo());
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
        m_ui->countsLabel->setText(partners);
    else
        m_ui->countsLabel->setText(tr("%1 shown of %2").arg(locale.toString(visible), partners));
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

void MainWindow::addTierActions()
{
    if (!m_tierProgramAction) {
        m_tierProgramAction = new QAction(tr("&Tier program…"), this);
        m_tierProgramAction->setObjectName(QStringLiteral("tierProgramAction"));
        connect(m_tierProgramAction, &QAction::triggered, this, [this] {
            if (!m_book)
                return;
            auto* dialog = new TierProgramDialog(*m_book, m_dialogs, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
        m_evaluateTiersAction = new QAction(tr("E&valuate tiers…"), this);
        m_evaluateTiersAction->setObjectName(QStringLiteral("evaluateTiersAction"));
        connect(m_evaluateTiersAction, &QAction::triggered, this, [this] {
            if (!m_book)
                return;
            auto* dialog = new TierEvaluationDialog(*m_book, m_dialogs, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        });
    }
    m_ui->partnersMenu->addSeparator();
    m_ui->partnersMenu->addActions({m_tierProgramAction, m_evaluateTiersAction});
}

} // namespace pd
