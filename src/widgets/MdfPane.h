#pragma once

#include "domain/Mdf.h"
#include "models/MdfOperationCommand.h"

#include <QWidget>
#include <memory>

class QAction;
class QTableView;

namespace Ui {
class MdfPane;
}

namespace pd {

class Book;
class DialogService;
class MdfApprovalQueueModel;
class MdfClaimTableModel;
class MdfFilterProxy;
class MdfLoadedModel;
class MdfPartnerFiguresModel;
class MdfRequestTableModel;
class MdfReturnModel;
class TableExportAction;
struct MdfProofChoice;

/// The MDF requests pane (issue 10, item 6; DESIGN.md section 3, MDF): a budget chooser, the budget's utilization
/// bars (allocated, committed, claimed, paid, available, expired of its amount), and tabs: Requests (status filter
/// and search), Claims (status filter), Approval queue (Submitted requests and claims, longest waiting first, age
/// shown), Partners (allocation vs spend with a utilization bar) and Return (per partner or activity type). Every
/// table sorts by value and exports. Its actions (paneActions(); toolbar menu and context menus) create budgets,
/// allocate, file and decide requests and claims, pay, save proof copies, close the period and edit the settings;
/// each MDF action is one MdfOperationCommand on the book's undo stack, and a refused rule is shown with the
/// repository's message. Dialogs open window-modal without blocking (open()): the action runs when they are accepted.
/// Models load on a worker while the pane is shown. The static layout is ui/MdfPane.ui.
class MdfPane : public QWidget
{
    Q_OBJECT
public:
    MdfPane(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~MdfPane() override;

    /// The pane's actions, for the window's MDF menu.
    QList<QAction*> paneActions() const;
    MdfRequestTableModel* requests() const { return m_requests; }
    MdfClaimTableModel* claims() const { return m_claims; }
    MdfApprovalQueueModel* queue() const { return m_queue; }
    MdfPartnerFiguresModel* figures() const { return m_figures; }
    MdfReturnModel* returns() const { return m_return; }
    QTableView* requestsView() const;
    QTableView* claimsView() const;
    QTableView* queueView() const;
    /// The budget shown (UUID text; empty when the book has none).
    QString budgetId() const;
    /// Shows budget `budgetId`.
    void selectBudget(const QString& budgetId);
    /// Makes request `requestId` / claim `claimId` the current one (shows its tab).
    void selectRequest(const QString& requestId);
    void selectClaim(const QString& claimId);
    /// True while a model is loading or stale.
    bool isLoading() const;

    // The actions. The ones with a dialog open it (a child of the pane, window-modal) and return at once; the
    // action follows its OK. Others ask through DialogService. Each returns false when nothing was started.
    bool newBudget();
    bool allocate();
    bool newRequest();
    bool editDraft(); ///< the selected Draft request's fields, in the request dialog; an MdfDraftCommand
    bool submitRequest();
    bool approveRequest(); ///< asks for the approved amount (default: the requested)
    bool rejectRequest();  ///< asks for the reason
    bool cancelRequest();  ///< asks for the reason
    bool fileClaim();      ///< proof files are read and hashed on a worker with a progress dialog; claimFiled() follows
    bool approveClaim();
    bool rejectClaim();
    bool payClaim();
    bool saveProofCopy();
    bool closePeriod();
    bool editSettings();

Q_SIGNALS:
    /// Every model finished loading.
    void loaded();
    /// A fileClaim() whose dialog was accepted has ended: filed (`ok`), or refused or cancelled.
    void claimFiled(bool ok);
    /// A MDF action ran: done (`ok`) or refused (the reason was shown).
    void actionFinished(bool ok);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void createActions();
    void setUpTable(QTableView* view, MdfLoadedModel* model, MdfFilterProxy* proxy, int sortColumn,
                    Qt::SortOrder order);
    void refillBudgets();
    void onBudgetChosen();
    void showFigures();
    void updateActions();
    MdfBudget currentBudget() const;
    /// The current request: the Approval queue's current item when it is a request and that tab is shown, else the
    /// Requests table's current row. nullopt when none.
    std::optional<MdfRequest> currentRequest() const;
    std::optional<MdfClaim> currentClaim() const;
    /// Pushes an MdfOperationCommand running `action`; shows a refusal under `title`. Emits actionFinished().
    bool run(const QString& title, const QString& undoText, MdfOperationCommand::Action action);
    /// Executes and pushes `command`; a refusal is shown under `title`. Emits actionFinished().
    bool push(std::unique_ptr<RepositoryCommand> command, const QString& title);
    /// Reads and hashes `proofs` on a worker, then files `claim` with them.
    void readProofsAndFile(const MdfClaim& claim, const QList<MdfProofChoice>& proofs);
    bool exportCurrentTable();

    std::unique_ptr<Ui::MdfPane> m_ui; ///< the static layout (ui/MdfPane.ui)
    Book& m_book;
    DialogService& m_dialogs;
    MdfRequestTableModel* m_requests = nullptr;
    MdfClaimTableModel* m_claims = nullptr;
    MdfApprovalQueueModel* m_queue = nullptr;
    MdfPartnerFiguresModel* m_figures = nullptr;
    MdfReturnModel* m_return = nullptr;
    MdfFilterProxy* m_requestProxy = nullptr;
    MdfFilterProxy* m_claimProxy = nullptr;
    MdfFilterProxy* m_queueProxy = nullptr;
    MdfFilterProxy* m_figuresProxy = nullptr;
    MdfFilterProxy* m_returnProxy = nullptr;
    TableExportAction* m_exporter = nullptr;
    QList<MdfLoadedModel*> m_models;
    QList<QAction*> m_actions;
    QAction* m_newBudget = nullptr;
    QAction* m_allocate = nullptr;
    QAction* m_newRequest = nullptr;
    QAction* m_editDraft = nullptr;
    QAction* m_submit = nullptr;
    QAction* m_approve = nullptr;
    QAction* m_reject = nullptr;
    QAction* m_cancel = nullptr;
    QAction* m_fileClaim = nullptr;
    QAction* m_approveClaim = nullptr;
    QAction* m_rejectClaim = nullptr;
    QAction* m_pay = nullptr;
    QAction* m_saveProof = nullptr;
    QAction* m_closePeriod = nullptr;
    QAction* m_settings = nullptr;
    QAction* m_export = nullptr;
    bool m_readingProofs = false;
};

} // namespace pd
