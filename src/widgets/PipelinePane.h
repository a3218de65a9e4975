#pragma once

#include "domain/DealWorkflow.h"
#include "domain/Product.h"
#include "models/BackgroundQuery.h"
#include "storage/PipelineRepository.h"

#include <QDate>
#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <memory>

class QAction;
class QTableView;

namespace Ui {
class PipelinePane;
}

namespace pd {

class Book;
class DealBoardModel;
class DealBoardView;
class DealDetailPanel;
class DialogService;
class PipelineTableModel;
class RegisterDealDialog;

/// The pipeline pane (issue 3, item 6): totals at the top as of a date the user picks (default today from the book's
/// clock: open count and amount, weighted pipeline, won amount for the as-of date's quarter, win rate —
/// PipelineRepository::summary, aggregated in SQL), filters (search, status, partner,
/// territory, product, quarter, amount range), and a table (PipelineTableModel, lazily paged, sorted by re-query)
/// or a board by status (DealBoardModel + DealBoardView, cards dragged between columns). The pane owns the deal
/// actions (register, approve, reject, extend, mark won or lost, expire overdue, program settings); each status
/// change is a DealActionCommand on the book's undo stack, Expire overdue an ExpireOverdueCommand and Program settings
/// a ProgramSettingsCommand. The optional daily expiry runs on a worker. Destroying the pane never waits for its
/// background reads. Questions and inputs go through DialogService. The static layout is ui/PipelinePane.ui.
class PipelinePane : public QWidget
{
    Q_OBJECT
public:
    PipelinePane(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~PipelinePane() override;

    /// The actions of the Deals menu.
    QList<QAction*> paneActions() const;
    PipelineTableModel* tableModel() const { return m_tableModel; }
    DealBoardModel* boardModel() const { return m_boardModel; }
    DealBoardView* board() const { return m_board; }
    QTableView* table() const;
    DealDetailPanel* detailPanel() const { return m_detail; }
    /// Shows the table (0) or the board (1).
    void showView(int which);
    /// True once ready() was emitted.
    bool isReady() const { return m_readyParts == 7; }
    /// The totals line as shown.
    QString totalsText() const;
    /// The date the totals are evaluated as of (end of that day, UTC); today by the book's clock until changed.
    QDate asOfDate() const;
    /// Sets the as-of date of the totals and recomputes them (totalsUpdated() follows).
    void setAsOfDate(const QDate& date);

    /// Opens the "Register deal" form (non-modal) and returns it.
    RegisterDealDialog* showRegisterDialog();
    /// Runs `action` on the deal `dealId` as an undoable command, asking for a reason (reject) or amount and close
    /// date (won, lost) through DialogService. Returns false when refused or cancelled; a refusal is shown.
    bool applyAction(const QString& dealId, DealAction action);
    /// What a card dropped on the column of `to` does: the action between the deal's status and `to`
    /// (actionBetween), or a message saying why the move is refused. Returns true when the status changed.
    bool dropCard(const QString& dealId, DealStatus to);
    /// Expire overdue registrations (as of today by the book's clock, UTC) after a question, as one undoable
    /// command; returns how many were expired, -1 when cancelled or refused.
    int expireOverdue();
    /// The id of the selected deal (table or board), or empty.
    QString currentDealId() const { return m_currentDeal; }
    /// Selects the deal `id` (table row if loaded, detail panel).
    void selectDeal(const QString& id);
    /// Opens Program settings (modal unless `modal` is false, for tests) and returns the dialog.
    QDialog* showProgramSettings(bool modal = true);
    /// Export… (issue 8, item 7): asks for a file through DialogService::saveFileName and exports the deals the table
    /// shows (its filters and sort order; BookTables::dealsMatching) as XLSX when the name ends in ".xlsx", else as
    /// CSV, on a worker with its own connection; exportFinished() follows. Returns false when no file was chosen or an
    /// export is still running.
    bool exportTable();
    /// The optional daily expiry (program setting, off by default): on a worker, once a day; it runs at start, every
    /// hour, and when the window says that the book passed its integrity check (nothing is written before that).
    void runDailyExpiry();

Q_SIGNALS:
    /// A deal was registered through the form (decision = the automatic-approval rule that decided).
    void dealRegistered(const QString& dealId, qint64 number, const QString& decision);
    /// The totals were recomputed.
    void totalsUpdated();
    /// The filter choices (partners, territories, products) were loaded.
    void choicesLoaded();
    /// The first table page, the board and the totals have all arrived once (for screenshots).
    void ready();
    /// A status bar message for people.
    void statusMessage(const QString& text);
    /// The daily expiry ran on its worker and expired `count` registrations.
    void dailyExpiryFinished(int count);
    /// An export started by exportTable() ended: `rows` deals written to `path`, or `error` (naming the file and the
    /// reason; also shown as a warning) and no file written.
    void exportFinished(const QString& path, qint64 rows, const QString& error);

private:
    /// What the filter combos offer, loaded on a worker thread.
    struct Choices
    {
        QList<QPair<QString, QString>> partners; ///< key, "KEY — Name"
        QStringList territories;
        QList<Product> products;
    };
    struct Totals
    {
        PipelineSummary summary;
        QString currency;
    };
    void loadChoices();
    void onChoices();
    void onTotals();
    void buildActions();
    void buildFilters();
    void applyFilters();
    void refreshTotals();
    void updateActions();
    void onDailyExpiry();
    void onSettingsApplied();
    void setCurrentDeal(const QString& id);

    std::unique_ptr<Ui::PipelinePane> m_ui; ///< the static layout (ui/PipelinePane.ui)
    Book& m_book;
    DialogService& m_dialogs;
    PipelineTableModel* m_tableModel = nullptr;
    DealBoardModel* m_boardModel = nullptr;
    DealBoardView* m_board = nullptr;
    DealDetailPanel* m_detail = nullptr;
    bool m_asOfFollowsToday = true; ///< the as-of date is "today" and moves with the clock
    QFutureWatcher<BackgroundResult<Choices>> m_choicesWatcher;
    QFutureWatcher<BackgroundResult<Totals>> m_totalsWatcher;
    /// What the daily expiry did on its worker.
    struct DailyExpiry
    {
        bool ran = false; ///< daily expiry is on and ran
        QStringList ids;  ///< the registrations it expired
    };
    QFutureWatcher<BackgroundResult<DailyExpiry>> m_dailyWatcher;
    QDate m_dailyDate; ///< the day the running daily expiry is for
    /// Export table… (asks for the file, writes on a worker, reports; cancelled when the pane goes away).
    class TableExportAction* m_exporter = nullptr;
    bool m_totalsQueued = false;
    int m_readyParts = 0; ///< bits: 1 table, 2 board, 4 totals
    void markReady(int part);
    void updateProtection();
    QTimer m_filterTimer;
    QTimer m_totalsTimer;
    QTimer m_dailyTimer;
    QDate m_lastDailyExpiry;
    QString m_currentDeal;
    RegisterDealDialog* m_register = nullptr;
    QAction* m_registerAction = nullptr;
    QAction* m_approveAction = nullptr;
    QAction* m_rejectAction = nullptr;
    QAction* m_extendAction = nullptr;
    QAction* m_wonAction = nullptr;
    QAction* m_lostAction = nullptr;
    QAction* m_expireAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_exportAction = nullptr;
};

} // namespace pd
