#pragma once

#include "domain/Clock.h"
#include "storage/DatabaseConfig.h"
#include "widgets/RecentBooks.h"
#include "widgets/ShortcutsDialog.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>
#include <QThreadPool>
#include <memory>

class QProgressDialog;
class QToolBar;

namespace Ui {
class MainWindow;
}

namespace pd {

class Book;
class DemoBookCreator;
class DialogService;
class HelpDialog;
class ConflictsPane;
class OnboardingPane;
class MdfPane;
class ImportWizard;
class PartnersPane;
class PipelinePane;

/// The main window: a thin shell (DESIGN.md sections 1 and 7) that assembles panes — a sidebar lists them with an
/// icon and a name (Partners, Onboarding, Pipeline, Conflicts) — plus the menu bar (File: new/open database, open
/// recent, connect to a shared PostgreSQL database, import, create demo book, quit; Edit: undo/redo from the book's
/// QUndoStack, find; View; Help: user guide, keyboard shortcuts, about), a main toolbar with the everyday actions, a
/// status bar (book name, partner counts) and persisted geometry and state (QSettings "mainWindow/…"; the last opened
/// database under "book/last" and the recent ones under "book/recent", never a password). Icons come from the
/// desktop theme with the SVGs in resources/icons/ as the fallback. Every shortcut is bound to one action only
/// (issue 8). Every dialog that asks something goes through DialogService. The static layout (central area, status bar
/// labels, menus with their static actions, toolbar) is ui/MainWindow.ui; recent books and the panes' actions are
/// added at run time.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    struct Options
    {
        bool offerDemoBook = true;   ///< offer "Create demo book" when an opened book has no partners
        bool persistSettings = true; ///< remember geometry, state and the last book (off for --screenshot)
        /// The source of "now" for every book, pane and worker (DESIGN.md section 8); must outlive the window.
        /// nullptr: the window's own system clock.
        const Clock* clock = nullptr;
    };

    MainWindow(DialogService& dialogs, Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens (creating and migrating when needed) the book at `config` and shows it. On failure shows the reason
    /// (a book written by a newer PartnerDesk gets its own clear message; nothing is written) and returns false; the
    /// previous book, if any, stays open.
    bool openBook(const DatabaseConfig& config);
    /// Opens `config` without blocking the window: connecting and migrating (which copies a large file book
    /// first) run on a worker thread, then the up-to-date book is shown as openBook() does; bookOpened() follows, or
    /// the reason is shown. The File menu's New, Open and Connect use this. A file book that needed no migration is
    /// shown at once and checked for damage meanwhile on a worker (issue 7): until the check passes every change is
    /// refused with a message saying so (bookChecked() follows); a damaged book is then closed with the same message
    /// as before.
    void openBookInBackground(const DatabaseConfig& config);
    /// True while openBookInBackground() is connecting or migrating.
    bool isOpeningBook() const;
    /// The source of "now" that the window hands to its books.
    const Clock& clock() const { return *m_clock; }
    /// The open book, or nullptr.
    Book* book() const { return m_book.get(); }
    PartnersPane* partnersPane() const { return m_partners; }
    /// The pipeline pane (issue 3), or nullptr without a book.
    PipelinePane* pipelinePane() const { return m_pipeline; }
    /// The conflicts pane (issue 3), or nullptr without a book.
    ConflictsPane* conflictsPane() const { return m_conflicts; }
    /// The onboarding pane (issue 9), or nullptr without a book.
    OnboardingPane* onboardingPane() const { return m_onboarding; }
    /// The MDF pane (issue 10), or nullptr without a book.
    MdfPane* mdfPane() const { return m_mdf; }
    /// Shows the pane named `name` ("partners", "onboarding", "pipeline", "board", "conflicts", "mdf";
    /// case-insensitive);
    /// false when there is no such pane.
    bool showPane(const QString& name);
    /// Opens File → Import… (non-modal) and returns the wizard; nullptr without a book.
    ImportWizard* showImportWizard();
    /// Starts "Create demo book" on the open book.
    void createDemoBook();
    /// True once the roster of the open book has been loaded.
    bool isRosterLoaded() const { return m_rosterLoaded; }
    /// True once the open book may be changed: it passed its integrity check (bookChecked()), or openBook() opened
    /// it (the caller vouches for it).
    bool isBookChecked() const { return m_bookChecked; }

    /// The window's geometry on a first start (no saved geometry) on a screen whose available area is `available`:
    /// 80% of it, at least 1024×700 when the screen allows, never more than `available`, centred in it.
    static QRect firstStartGeometry(const QRect& available);
    /// The main toolbar (new partner, register deal, import, undo, redo, find).
    QToolBar* mainToolBar() const;
    /// File → Open recent.
    QMenu* recentMenu() const;
    /// The books of File → Open recent (display names, most recent first).
    QStringList recentBooks() const { return m_recent.books(); }
    /// Opens the recent book `displayName` as File → Open database does (openBookInBackground()); a shared book
    /// asks for its password. A file book that no longer exists is reported and removed from the list.
    void openRecent(const QString& displayName);
    /// Help → User guide (non-modal); the dialog stays until closed and is reused.
    HelpDialog* showUserGuide();
    /// Help → Keyboard shortcuts (non-modal): every action of the window that has a shortcut.
    ShortcutsDialog* showShortcuts();

Q_SIGNALS:
    void bookOpened();
    /// The open book passed its integrity check (right after bookOpened() when it needed none): changes are allowed.
    void bookChecked();
    /// The roster finished loading (`rows` partners).
    void rosterLoaded(int rows);
    /// The roster shows the book's `rows` partners; their contact and open-deal counts follow (rosterLoaded()).
    void rosterShown(int rows);
    /// Create demo book finished.
    void demoBookFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void connectActions();
    void populateToolBar();
    void rebuildRecentMenu();
    bool askPassword(DatabaseConfig& config);
    QList<ShortcutsDialog::Entry> shortcutEntries() const;
    void saveSettings() const;
    void newDatabase();
    void openDatabase();
    void connectShared();
    void showAbout();
    void updateStatus(int total, int visible);
    void bindUndoStack();
    void onRosterLoaded(int rows);
    void offerDemoBook();
    void showOpenError(int kind, const QString& error);
    bool showBook(const DatabaseConfig& config, bool checkLater);
    void removePanes();
    void closeBook();
    void updateBookLabels();
    void onIntegrityChecked();
    void addTierActions(); ///< Partners → Tier program…, Evaluate tiers… (issue 11)
    struct Prepared
    {
        int kind = 0; ///< Book::OpenError
        QString error;
        bool checkLater = false; ///< the integrity check is still to run (Book::prepare)
    };
    /// Runs the open books' background work (Book::workers()); outlives every book.
    QThreadPool m_workers;
    QFutureWatcher<Prepared> m_opening;
    QFutureWatcher<QString> m_checking; ///< the integrity check of the open book (Book::checkIntegrity)
    quint64 m_bookGeneration = 0;       ///< bumped per book shown or closed
    quint64 m_checkingGeneration = 0;   ///< the book m_checking checks
    DatabaseConfig m_openingConfig;

    std::unique_ptr<Ui::MainWindow> m_ui;
    DialogService& m_dialogs;
    Options m_options;
    Clock m_systemClock;
    const Clock* m_clock = &m_systemClock;
    std::unique_ptr<Book> m_book;
    PartnersPane* m_partners = nullptr;
    RecentBooks m_recent;
    QPointer<HelpDialog> m_guide;
    QPointer<ShortcutsDialog> m_shortcuts;
    PipelinePane* m_pipeline = nullptr;
    ConflictsPane* m_conflicts = nullptr;
    OnboardingPane* m_onboarding = nullptr;
    MdfPane* m_mdf = nullptr;
    QMenu* m_mdfMenu = nullptr; ///< the MDF pane's actions (issue 10)
    // Partners → Tier program… and Evaluate tiers… (issue 11).
    QAction* m_tierProgramAction = nullptr;
    QAction* m_evaluateTiersAction = nullptr;
    QList<QMetaObject::Connection> m_undoConnections;
    ImportWizard* m_wizard = nullptr;
    DemoBookCreator* m_demo = nullptr;
    QProgressDialog* m_demoProgress = nullptr;
    bool m_rosterLoaded = false;
    int m_rosterRows = 0;
    bool m_bookChecked = false;
    bool m_demoOffered = false;
};

} // namespace pd
