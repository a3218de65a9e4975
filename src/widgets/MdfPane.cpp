#include "widgets/MdfPane.h"

#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "models/BackgroundQuery.h"
#include "models/MdfApprovalQueueModel.h"
#include "models/MdfClaimTableModel.h"
#include "models/MdfDraftCommand.h"
#include "models/MdfFilterProxy.h"
#include "models/MdfPartnerFiguresModel.h"
#include "models/MdfRequestTableModel.h"
#include "models/MdfReturnModel.h"
#include "models/MdfSettingsCommand.h"
#include "storage/AttachmentRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/MdfAllocationDialog.h"
#include "widgets/MdfBudgetDialog.h"
#include "widgets/MdfClaimDialog.h"
#include "widgets/MdfFormFields.h"
#include "widgets/MdfPaymentDialog.h"
#include "widgets/MdfRequestDialog.h"
#include "widgets/MdfSettingsDialog.h"
#include "widgets/MdfUtilizationDelegate.h"
#include "widgets/TableExportAction.h"

#include "ui_MdfPane.h"

#include <QAction>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QTableView>

namespace pd {

namespace {
/// The most a proof file copied into the book may hold: the attachments' limit (AttachmentRepository).
qint64 proofLimit(Book& book)
{
    return book.attachments().maxStoredBytes();
}
} // namespace

MdfPane::MdfPane(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::MdfPane>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("mdfPane"));
    const auto make = [this](auto* model) {
        m_models << model;
        connect(model, &MdfLoadedModel::loaded, this, [this] {
            if (!isLoading())
                Q_EMIT loaded();
        });
        return model;
    };
    ChangeNotifier* notifier = &m_book.notifier();
    m_requests = make(new MdfRequestTableModel(m_book.config(), m_book.clock(), notifier, this, m_book.workers()));
    m_claims = make(new MdfClaimTableModel(m_book.config(), m_book.clock(), notifier, this, m_book.workers()));
    m_queue = make(new MdfApprovalQueueModel(m_book.config(), m_book.clock(), notifier, this, m_book.workers()));
    m_figures = make(new MdfPartnerFiguresModel(m_book.config(), m_book.clock(), notifier, this, m_book.workers()));
    m_return = make(new MdfReturnModel(m_book.config(), m_book.clock(), notifier, this, m_book.workers()));
    m_requestProxy = new MdfFilterProxy(this);
    m_claimProxy = new MdfFilterProxy(this);
    m_queueProxy = new MdfFilterProxy(this);
    m_figuresProxy = new MdfFilterProxy(this);
    m_returnProxy = new MdfFilterProxy(this);
    setUpTable(m_ui->requestsTable, m_requests, m_requestProxy, MdfRequestTableModel::Number, Qt::AscendingOrder);
    setUpTable(m_ui->claimsTable, m_claims, m_claimProxy, MdfClaimTableModel::SubmittedOn, Qt::AscendingOrder);
    setUpTable(m_ui->queueTable, m_queue, m_queueProxy, MdfApprovalQueueModel::Age, Qt::DescendingOrder);
    setUpTable(m_ui->partnersTable, m_figures, m_figuresProxy, MdfPartnerFiguresModel::Partner, Qt::AscendingOrder);
    setUpTable(m_ui->returnTable, m_return, m_returnProxy, MdfReturnModel::Group, Qt::AscendingOrder);
    m_ui->partnersTable->setItemDelegateForColumn(MdfPartnerFiguresModel::Utilization,
                                                  new MdfUtilizationDelegate(m_ui->partnersTable));

    m_ui->requestStatus->addItem(tr("All"), QString());
    for (MdfRequestStatus s : {MdfRequestStatus::Draft, MdfRequestStatus::Submitted, MdfRequestStatus::Approved,
                               MdfRequestStatus::Rejected, MdfRequestStatus::Cancelled})
        m_ui->requestStatus->addItem(toString(s), toString(s));
    m_ui->claimStatus->addItem(tr("All"), QString());
    for (MdfClaimStatus s :
         {MdfClaimStatus::Submitted, MdfClaimStatus::Approved, MdfClaimStatus::Rejected, MdfClaimStatus::Paid})
        m_ui->claimStatus->addItem(toString(s), toString(s));
    m_ui->returnGrouping->addItems({tr("Partner"), tr("Activity type")});
    connect(m_ui->requestStatus, &QComboBox::currentIndexChanged, this,
            [this] { m_requestProxy->setStatus(m_ui->requestStatus->currentData().toString()); });
    connect(m_ui->claimStatus, &QComboBox::currentIndexChanged, this,
            [this] { m_claimProxy->setStatus(m_ui->claimStatus->currentData().toString()); });
    connect(m_ui->requestSearch, &QLineEdit::textChanged, m_requestProxy, &MdfFilterProxy::setSearchText);
    connect(m_ui->returnGrouping, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_return->setByActivityType(index == 1); });
    connect(m_ui->budgetChooser, &QComboBox::currentIndexChanged, this, &MdfPane::onBudgetChosen);
    connect(m_figures, &MdfLoadedModel::loaded, this, &MdfPane::showFigures);
    connect(&m_book.notifier(), &ChangeNotifier::mdfChanged, this, &MdfPane::refillBudgets);
    connect(&m_book.notifier(), &ChangeNotifier::bookReset, this, &MdfPane::refillBudgets);
    connect(m_queue, &QAbstractItemModel::modelReset, this, [this] {
        m_ui->queueSummary->setText(
            tr("%n item(s) waiting for a decision, longest waiting first", nullptr, m_queue->rowCount()));
    });
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, &MdfPane::updateActions);
    m_exporter = new TableExportAction(m_dialogs, tr("Export MDF table"), QStringLiteral("mdf.csv"), this);
    createActions();
    refillBudgets();
}

MdfPane::~MdfPane() = default;

void MdfPane::setUpTable(QTableView* view, MdfLoadedModel* model, MdfFilterProxy* proxy, int sortColumn,
                         Qt::SortOrder order)
{
    proxy->setSourceModel(model);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(sortColumn, order);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->hide();
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MdfPane::updateActions);
    connect(model, &QAbstractItemModel::modelReset, this, &MdfPane::updateActions);
    // Columns fit their first rows once (at most 1,000 rows are measured: QHeaderView's resize precision); a text
    // column stays at most 40 characters wide.
    connect(model, &MdfLoadedModel::loaded, view, [view] {
        if (view->model()->rowCount() == 0 || view->property("fitted").toBool())
            return;
        view->setProperty("fitted", true);
        view->resizeColumnsToContents();
        const int widest = 40 * view->fontMetrics().averageCharWidth();
        for (int column = 0; column < view->model()->columnCount(); ++column)
            view->setColumnWidth(column, std::min(view->columnWidth(column), widest));
    });
}

void MdfPane::createActions()
{
    const auto add = [this](QAction** slot, const QString& text, auto method, const QKeySequence& key = {}) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, method);
        addAction(action);
        m_actions << action;
        *slot = action;
        return action;
    };
    add(&m_newBudget, tr("New &budget…"), &MdfPane::newBudget);
    add(&m_allocate, tr("&Allocate…"), &MdfPane::allocate);
    add(&m_newRequest, tr("&New request…"), &MdfPane::newRequest, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    add(&m_editDraft, tr("&Edit draft…"), &MdfPane::editDraft);
    add(&m_submit, tr("&Submit request"), &MdfPane::submitRequest);
    add(&m_approve, tr("A&pprove request…"), &MdfPane::approveRequest);
    add(&m_reject, tr("&Reject request…"), &MdfPane::rejectRequest);
    add(&m_cancel, tr("&Cancel request…"), &MdfPane::cancelRequest);
    add(&m_fileClaim, tr("&File claim…"), &MdfPane::fileClaim);
    add(&m_approveClaim, tr("Appro&ve claim"), &MdfPane::approveClaim);
    add(&m_rejectClaim, tr("Re&ject claim…"), &MdfPane::rejectClaim);
    add(&m_pay, tr("Pa&y claim…"), &MdfPane::payClaim);
    add(&m_saveProof, tr("Save pr&oof copy…"), &MdfPane::saveProofCopy, QKeySequence::SaveAs);
    add(&m_closePeriod, tr("Close pe&riod…"), &MdfPane::closePeriod);
    add(&m_settings, tr("MDF se&ttings…"), &MdfPane::editSettings);
    add(&m_export, tr("&Export table…"), &MdfPane::exportCurrentTable);
    auto* menu = new QMenu(this);
    menu->addActions(m_actions);
    m_ui->actionsButton->setMenu(menu);
    const QList<QAction*> requestActions = {m_editDraft, m_submit,    m_approve, m_reject,
                                            m_cancel,    m_fileClaim, m_export};
    const QList<QAction*> claimActions = {m_approveClaim, m_rejectClaim, m_pay, m_saveProof, m_export};
    m_ui->requestsTable->addActions(requestActions);
    m_ui->claimsTable->addActions(claimActions);
    m_ui->queueTable->addActions({m_approve, m_reject, m_approveClaim, m_rejectClaim, m_export});
    m_ui->partnersTable->addActions({m_allocate, m_export});
    m_ui->returnTable->addAction(m_export);
    updateActions();
}

QList<QAction*> MdfPane::paneActions() const
{
    return m_actions;
}

QTableView* MdfPane::requestsView() const
{
    return m_ui->requestsTable;
}

QTableView* MdfPane::claimsView() const
{
    return m_ui->claimsTable;
}

QTableView* MdfPane::queueView() const
{
    return m_ui->queueTable;
}

bool MdfPane::isLoading() const
{
    return std::any_of(m_models.cbegin(), m_models.cend(),
                       [](const MdfLoadedModel* m) { return m->isLoading() || m->isStale(); });
}

void MdfPane::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    for (MdfLoadedModel* model : std::as_const(m_models))
        model->setActive(true);
}

void MdfPane::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    for (MdfLoadedModel* model : std::as_const(m_models))
        model->setActive(false);
}

QString MdfPane::budgetId() const
{
    return m_ui->budgetChooser->currentData().toString();
}

void MdfPane::selectBudget(const QString& budgetId)
{
    const int index = m_ui->budgetChooser->findData(budgetId);
    if (index >= 0)
        m_ui->budgetChooser->setCurrentIndex(index);
}

void MdfPane::refillBudgets()
{
    const QString current = budgetId();
    QList<MdfBudget> budgets;
    try {
        budgets = m_book.mdfBudgets().budgets();
    } catch (const StorageError&) {
        // the list stays empty; the models report the error when they load
    }
    QSignalBlocker blocker(m_ui->budgetChooser);
    m_ui->budgetChooser->clear();
    for (const MdfBudget& b : std::as_const(budgets))
        m_ui->budgetChooser->addItem(
            b.closed ? tr("%1 (%2, closed)").arg(b.name, b.period) : tr("%1 (%2)").arg(b.name, b.period), b.id);
    const int index = m_ui->budgetChooser->findData(current);
    m_ui->budgetChooser->setCurrentIndex(index >= 0 ? index : int(budgets.size()) - 1); // the newest by default
    blocker.unblock();
    onBudgetChosen();
}

void MdfPane::onBudgetChosen()
{
    const QString id = budgetId();
    for (MdfLoadedModel* model : std::as_const(m_models))
        model->setBudgetId(id);
    updateActions();
}

MdfBudget MdfPane::currentBudget() const
{
    const QString id = budgetId();
    if (id.isEmpty())
        return {};
    try {
        return m_book.mdfBudgets().budget(id);
    } catch (const StorageError&) {
        return {};
    }
}

void MdfPane::showFigures()
{
    const MdfBudgetStatus& status = m_figures->budgetStatus();
    const qint64 amount = status.budget.amountMinor;
    const QString& currency = status.budget.currency;
    m_ui->budgetSummary->setText(status.budget.id.isEmpty()
                                     ? tr("No budget yet: create one with New budget….")
                                     : tr("%1 from %2 to %3; %4 not allocated%5")
                                           .arg(formatMoney(Money{amount, currency}),
                                                status.budget.startsOn.toString(Qt::ISODate),
                                                status.budget.endsOn.toString(Qt::ISODate),
                                                formatMoney(Money{status.unallocatedMinor, currency}),
                                                status.balanced ? QString() : tr("; the ledger does not balance")));
    const QList<QPair<QProgressBar*, qint64>> bars = {
        {m_ui->allocatedBar, status.total.allocated}, {m_ui->committedBar, status.total.committed},
        {m_ui->claimedBar, status.total.claimed},     {m_ui->paidBar, status.total.paid},
        {m_ui->availableBar, status.total.available}, {m_ui->expiredBar, status.total.expired}};
    for (const auto& [bar, value] : bars) {
        const int perMille = amount > 0 ? int(std::min<qint64>(1000, value * 1000 / amount)) : 0;
        bar->setValue(perMille);
        bar->setFormat(amount > 0
                           ? tr("%1 (%2%)").arg(formatMoney(Money{value, currency})).arg(perMille / 10.0, 0, 'f', 1)
                           : QString());
        bar->setToolTip(bar->format());
    }
}

std::optional<MdfRequest> MdfPane::currentRequest() const
{
    QString id;
    if (m_ui->tabs->currentWidget() == m_ui->queueTab) {
        const QModelIndex index = m_queueProxy->mapToSource(m_ui->queueTable->currentIndex());
        if (index.isValid() && !m_queue->itemAt(index.row()).claim)
            id = m_queue->itemAt(index.row()).id;
    } else {
        const QModelIndex index = m_requestProxy->mapToSource(m_ui->requestsTable->currentIndex());
        if (index.isValid())
            id = m_requests->requestAt(index.row()).id;
    }
    if (id.isEmpty())
        return std::nullopt;
    const int row = m_requests->rowOf(id);
    return row >= 0 ? std::optional<MdfRequest>(m_requests->requestAt(row)) : std::nullopt;
}

std::optional<MdfClaim> MdfPane::currentClaim() const
{
    QString id;
    if (m_ui->tabs->currentWidget() == m_ui->queueTab) {
        const QModelIndex index = m_queueProxy->mapToSource(m_ui->queueTable->currentIndex());
        if (index.isValid() && m_queue->itemAt(index.row()).claim)
            id = m_queue->itemAt(index.row()).id;
    } else {
        const QModelIndex index = m_claimProxy->mapToSource(m_ui->claimsTable->currentIndex());
        if (index.isValid())
            id = m_claims->claimAt(index.row()).id;
    }
    if (id.isEmpty())
        return std::nullopt;
    const int row = m_claims->rowOf(id);
    return row >= 0 ? std::optional<MdfClaim>(m_claims->claimAt(row)) : std::nullopt;
}

void MdfPane::selectRequest(const QString& requestId)
{
    const int row = m_requests->rowOf(requestId);
    if (row < 0)
        return;
    m_ui->tabs->setCurrentWidget(m_ui->requestsTab);
    m_ui->requestsTable->setCurrentIndex(m_requestProxy->mapFromSource(m_requests->index(row, 0)));
}

void MdfPane::selectClaim(const QString& claimId)
{
    const int row = m_claims->rowOf(claimId);
    if (row < 0)
        return;
    m_ui->tabs->setCurrentWidget(m_ui->claimsTab);
    m_ui->claimsTable->setCurrentIndex(m_claimProxy->mapFromSource(m_claims->index(row, 0)));
}

void MdfPane::updateActions()
{
    const bool writable = !m_book.isReadOnly();
    const bool budget = !budgetId().isEmpty();
    const std::optional<MdfRequest> r = currentRequest();
    const std::optional<MdfClaim> c = currentClaim();
    const auto is = [&r](MdfRequestStatus s) { return r && r->status == s; };
    const auto claimIs = [&c](MdfClaimStatus s) { return c && c->status == s; };
    m_newBudget->setEnabled(writable);
    m_settings->setEnabled(writable);
    for (QAction* a : {m_allocate, m_newRequest, m_closePeriod})
        a->setEnabled(writable && budget);
    m_submit->setEnabled(writable && is(MdfRequestStatus::Draft));
    m_editDraft->setEnabled(writable && is(MdfRequestStatus::Draft));
    m_approve->setEnabled(writable && is(MdfRequestStatus::Submitted));
    m_reject->setEnabled(writable && is(MdfRequestStatus::Submitted));
    m_cancel->setEnabled(
        writable && r &&
        (is(MdfRequestStatus::Draft) || is(MdfRequestStatus::Submitted) || is(MdfRequestStatus::Approved)));
    m_fileClaim->setEnabled(writable && is(MdfRequestStatus::Approved) && !m_readingProofs);
    m_approveClaim->setEnabled(writable && claimIs(MdfClaimStatus::Submitted));
    m_rejectClaim->setEnabled(writable && claimIs(MdfClaimStatus::Submitted));
    m_pay->setEnabled(writable && claimIs(MdfClaimStatus::Approved));
    m_saveProof->setEnabled(c && !c->proofs.isEmpty());
}

bool MdfPane::run(const QString& title, const QString& undoText, MdfOperationCommand::Action action)
{
    return push(std::make_unique<MdfOperationCommand>(m_book.mdfOperations(), undoText, std::move(action)), title);
}

bool MdfPane::push(std::unique_ptr<RepositoryCommand> command, const QString& title)
{
    QString error;
    DialogService* dialogs = &m_dialogs;
    const QPointer<QWidget> guard(this);
    const bool ok =
        pushCommand(m_book.undoStack(), std::move(command), &error, [dialogs, guard](const QString& message) {
            dialogs->warning(guard.data(), MdfPane::tr("Undo"), message);
        });
    if (!ok)
        m_dialogs.warning(this, title, error);
    Q_EMIT actionFinished(ok);
    return ok;
}

namespace {
/// Opens `dialog` window-modal without blocking; `onAccepted` runs when it is accepted. The dialog deletes itself.
template <typename Dialog, typename F> void openDialog(Dialog* dialog, F onAccepted)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, dialog, [dialog, onAccepted] { onAccepted(*dialog); });
    dialog->open();
}
} // namespace

bool MdfPane::newBudget()
{
    openDialog(new MdfBudgetDialog(m_dialogs, this), [this](MdfBudgetDialog& d) {
        MdfBudget budget = d.budget();
        MdfBudgetRepository* repository = &m_book.mdfBudgets();
        auto created = std::make_shared<QString>();
        if (run(d.windowTitle(), tr("New MDF budget %1").arg(budget.name), [repository, budget, created]() mutable {
                const QString op = repository->createBudget(budget);
                *created = budget.id;
                return op;
            }))
            selectBudget(*created);
    });
    return true;
}

bool MdfPane::allocate()
{
    const MdfBudget budget = currentBudget();
    if (budget.id.isEmpty())
        return false;
    openDialog(
        new MdfAllocationDialog(m_dialogs, m_book.partners(), m_book.config(), m_book.workers(), budget, this),
        [this, budget](MdfAllocationDialog& d) {
            const MdfAllocationInput in = d.input();
            MdfBudgetRepository* repository = &m_book.mdfBudgets();
            const QString text =
                in.accrual
                    ? tr("Accrual allocation of %1 from %2").arg(formatBasisPoints(in.basisPoints), budget.name)
                    : tr("Allocate %1 from %2").arg(formatMoney(Money{in.amountMinor, budget.currency}), budget.name);
            run(d.windowTitle(), text, [repository, in, id = budget.id] {
                return in.accrual ? repository->allocateAccrual(id, in.basisPoints, in.accrualPeriod,
                                                                in.partnerId.isEmpty() ? QStringList()
                                                                                       : QStringList{in.partnerId})
                                  : repository->allocateFixed(id, in.partnerId, in.amountMinor, in.note);
            });
        });
    return true;
}

bool MdfPane::newRequest()
{
    const MdfBudget budget = currentBudget();
    if (budget.id.isEmpty())
        return false;
    MdfSettings settings;
    try {
        settings = m_book.mdfBudgets().settings();
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("New MDF request"), e.message());
        return false;
    }
    openDialog(new MdfRequestDialog(m_dialogs, m_book.partners(), budget, settings, this), [this](MdfRequestDialog& d) {
        MdfRequest request = d.request();
        const bool submit = d.submitNow();
        MdfRequestRepository* repository = &m_book.mdfRequests();
        auto created = std::make_shared<QString>();
        if (run(d.windowTitle(), tr("New MDF request for %1").arg(request.partnerKey),
                [repository, request, submit, created]() mutable {
                    const QString op = repository->createRequest(request, submit);
                    *created = request.id;
                    return op;
                })) {
            const QString id = *created;
            connect(
                m_requests, &MdfLoadedModel::loaded, this, [this, id] { selectRequest(id); }, Qt::SingleShotConnection);
        }
    });
    return true;
}

bool MdfPane::editDraft()
{
    const std::optional<MdfRequest> draft = currentRequest();
    const MdfBudget budget = currentBudget();
    if (!draft || draft->status != MdfRequestStatus::Draft || budget.id.isEmpty())
        return false;
    MdfSettings settings;
    try {
        settings = m_book.mdfBudgets().settings();
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("Edit MDF request"), e.message());
        return false;
    }
    auto* dialog = new MdfRequestDialog(m_dialogs, m_book.partners(), budget, settings, this);
    dialog->editDraft(*draft);
    openDialog(dialog, [this, before = *draft](MdfRequestDialog& d) {
        push(std::make_unique<MdfDraftCommand>(m_book.mdfRequests(), before, d.request()), d.windowTitle());
    });
    return true;
}

bool MdfPane::submitRequest()
{
    const std::optional<MdfRequest> r = currentRequest();
    if (!r)
        return false;
    MdfRequestRepository* repository = &m_book.mdfRequests();
    return run(tr("Submit MDF request"), tr("Submit MDF request %1").arg(r->number),
               [repository, id = r->id] { return repository->submit(id); });
}

bool MdfPane::approveRequest()
{
    const std::optional<MdfRequest> r = currentRequest();
    if (!r)
        return false;
    const QString title = tr("Approve MDF request %1").arg(r->number);
    const QString requested = formatMoney(Money{r->requestedMinor, r->currency});
    const std::optional<QString> typed =
        m_dialogs.text(this, title, tr("Approved amount (empty: the requested %1):").arg(requested));
    if (!typed)
        return false;
    qint64 approved = r->requestedMinor;
    if (!typed->trimmed().isEmpty()) {
        QLineEdit field(*typed);
        QString error;
        const std::optional<qint64> amount = readMdfAmount(&field, r->currency, tr("approved amount"), &error);
        if (!amount) {
            m_dialogs.warning(this, title, error);
            return false;
        }
        approved = *amount;
    }
    MdfRequestRepository* repository = &m_book.mdfRequests();
    return run(title, title, [repository, id = r->id, approved] { return repository->approve(id, approved); });
}

bool MdfPane::rejectRequest()
{
    const std::optional<MdfRequest> r = currentRequest();
    if (!r)
        return false;
    const QString title = tr("Reject MDF request %1").arg(r->number);
    const std::optional<QString> reason = m_dialogs.text(this, title, tr("Reason:"));
    if (!reason)
        return false;
    MdfRequestRepository* repository = &m_book.mdfRequests();
    return run(title, title,
               [repository, id = r->id, reason = reason->trimmed()] { return repository->reject(id, reason); });
}

bool MdfPane::cancelRequest()
{
    const std::optional<MdfRequest> r = currentRequest();
    if (!r)
        return false;
    const QString title = tr("Cancel MDF request %1").arg(r->number);
    const std::optional<QString> reason = m_dialogs.text(this, title, tr("Reason:"));
    if (!reason)
        return false;
    MdfRequestRepository* repository = &m_book.mdfRequests();
    return run(title, title, [repository, id = r->id, reason = reason->trimmed()] {
        return repository->cancel(id, nonNull(reason));
    });
}

bool MdfPane::fileClaim()
{
    const std::optional<MdfRequest> r = currentRequest();
    if (!r || r->status != MdfRequestStatus::Approved || m_readingProofs)
        return false;
    MdfSettings settings;
    try {
        settings = m_book.mdfBudgets().settings();
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("File MDF claim"), e.message());
        return false;
    }
    openDialog(new MdfClaimDialog(m_dialogs, *r, settings, this),
               [this](MdfClaimDialog& d) { readProofsAndFile(d.claim(), d.proofs()); });
    return true;
}

void MdfPane::readProofsAndFile(const MdfClaim& claim, const QList<MdfProofChoice>& proofs)
{
    // Reading and hashing the files runs on a worker (like OnboardingPane's attach); the command that files the claim
    // runs here once they are read.
    m_readingProofs = true;
    updateActions();
    const QString title = tr("File MDF claim");
    const qint64 limit = proofLimit(m_book);
    const CancelFlag cancel = makeCancelFlag();
    auto* progress = new QProgressDialog(
        tr("Reading %n proof file(s) and computing their SHA-256 checksums…", nullptr, int(proofs.size())),
        tr("Cancel"), 0, 0, this);
    progress->setWindowTitle(title);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500); // shown only when it takes a while
    connect(progress, &QProgressDialog::canceled, this, [cancel] { *cancel = true; });
    using Result = BackgroundResult<QList<MdfProofFile>>;
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, progress, cancel, title, claim] {
        Result result = watcher->result();
        watcher->deleteLater();
        progress->reset();
        progress->deleteLater();
        m_readingProofs = false;
        bool ok = false;
        if (!result.error.isEmpty()) {
            if (!*cancel)
                m_dialogs.warning(this, title, result.error);
        } else {
            MdfRequestRepository* repository = &m_book.mdfRequests();
            ok = run(title, tr("File MDF claim on request %1").arg(claim.requestNumber),
                     [repository, c = MdfClaim(claim), files = std::move(result.value)]() mutable {
                         return repository->fileClaim(c, files);
                     });
        }
        updateActions();
        Q_EMIT claimFiled(ok);
    });
    watcher->setFuture(QtConcurrent::run(workerPool(m_book.workers()), [proofs, limit, cancel] {
        Result result;
        try {
            for (const MdfProofChoice& p : proofs) {
                PreparedFile file = AttachmentRepository::prepareFile(p.path, true, limit, cancel.get());
                result.value.append({p.proofType, file.fileName, std::move(file.bytes), file.sha256});
            }
        } catch (const StorageError& e) {
            result.error = e.message();
        }
        return result;
    }));
}

bool MdfPane::approveClaim()
{
    const std::optional<MdfClaim> c = currentClaim();
    if (!c)
        return false;
    MdfRequestRepository* repository = &m_book.mdfRequests();
    const QString title = tr("Approve MDF claim on request %1").arg(c->requestNumber);
    return run(title, title, [repository, id = c->id] { return repository->approveClaim(id); });
}

bool MdfPane::rejectClaim()
{
    const std::optional<MdfClaim> c = currentClaim();
    if (!c)
        return false;
    const QString title = tr("Reject MDF claim on request %1").arg(c->requestNumber);
    const std::optional<QString> reason = m_dialogs.text(this, title, tr("Reason:"));
    if (!reason)
        return false;
    MdfRequestRepository* repository = &m_book.mdfRequests();
    return run(title, title,
               [repository, id = c->id, reason = reason->trimmed()] { return repository->rejectClaim(id, reason); });
}

bool MdfPane::payClaim()
{
    const std::optional<MdfClaim> c = currentClaim();
    if (!c)
        return false;
    openDialog(new MdfPaymentDialog(m_dialogs, m_book.clock().todayUtc(), this),
               [this, claim = *c](MdfPaymentDialog& d) {
                   MdfRequestRepository* repository = &m_book.mdfRequests();
                   run(d.windowTitle(),
                       tr("Pay %1 on request %2")
                           .arg(formatMoney(Money{claim.claimedMinor, claim.currency}))
                           .arg(claim.requestNumber),
                       [repository, id = claim.id, on = d.paidOn(), reference = d.reference()] {
                           return repository->payClaim(id, on, reference);
                       });
               });
    return true;
}

bool MdfPane::saveProofCopy()
{
    const std::optional<MdfClaim> c = currentClaim();
    if (!c || c->proofs.isEmpty())
        return false;
    const QString title = tr("Save proof copy");
    QStringList names;
    for (const MdfProof& p : c->proofs)
        names << tr("%1 (%2)").arg(p.fileName, p.proofType);
    const std::optional<int> chosen =
        c->proofs.size() == 1 ? std::optional<int>(0) : m_dialogs.choice(this, title, tr("Proof file:"), names);
    if (!chosen)
        return false;
    const MdfProof& proof = c->proofs.at(*chosen);
    const QString target = m_dialogs.saveFileName(this, title, tr("All files (*)"), proof.fileName);
    if (target.isEmpty())
        return false;
    try {
        m_book.mdfRequests().saveProofCopy(proof.id, target);
    } catch (const StorageError& e) {
        m_dialogs.warning(this, title, e.message());
        return false;
    }
    return true;
}

bool MdfPane::closePeriod()
{
    const MdfBudget budget = currentBudget();
    if (budget.id.isEmpty())
        return false;
    const QString title = tr("Close period %1").arg(budget.period);
    if (!m_dialogs.question(this, title,
                            tr("Close %1? What is left available to partners and in the budget, and commitments whose "
                               "claim deadline has passed, expire.")
                                .arg(budget.name)))
        return false;
    MdfBudgetRepository* repository = &m_book.mdfBudgets();
    return run(title, tr("Close MDF period of %1").arg(budget.name),
               [repository, id = budget.id] { return repository->closePeriod(id); });
}

bool MdfPane::editSettings()
{
    MdfSettings settings;
    try {
        settings = m_book.mdfBudgets().settings();
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("MDF settings"), e.message());
        return false;
    }
    openDialog(new MdfSettingsDialog(m_dialogs, settings, this), [this, before = settings](MdfSettingsDialog& d) {
        push(std::make_unique<MdfSettingsCommand>(m_book.mdfBudgets(), before, d.settings()), d.windowTitle());
    });
    return true;
}

bool MdfPane::exportCurrentTable()
{
    auto* view = m_ui->tabs->currentWidget()->findChild<QTableView*>();
    if (!view)
        return false;
    return m_exporter->exportTable(TableExportAction::fromView(view, m_ui->tabs->tabText(m_ui->tabs->currentIndex())));
}

} // namespace pd
