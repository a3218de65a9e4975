#include "widgets/OnboardingPane.h"

#include "models/BackgroundQuery.h"
#include "models/ChangeStageCommand.h"
#include "models/ChecklistCommands.h"
#include "models/ChecklistTableModel.h"
#include "models/OnboardingFilterProxy.h"
#include "models/OnboardingListModel.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/ChecklistTemplatesDialog.h"
#include "widgets/DialogService.h"

#include "ui_OnboardingPane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <algorithm>

namespace pd {

namespace {
/// The handler of a failed undo or redo: a warning over `owner` (while it exists).
RepositoryCommand::ErrorHandler undoErrorHandler(DialogService& dialogs, QWidget* owner)
{
    DialogService* service = &dialogs;
    const QPointer<QWidget> guard(owner);
    return [service, guard](const QString& message) {
        service->warning(guard.data(), OnboardingPane::tr("Undo"), message);
    };
}
} // namespace

OnboardingPane::OnboardingPane(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::OnboardingPane>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("onboardingPane"));
    m_model = new OnboardingListModel(m_book.config(), m_book.clock(), &m_book.notifier(), this, m_book.workers());
    m_proxy = new OnboardingFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    QTableView* view = m_ui->onboardingTable;
    view->setModel(m_proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(OnboardingListModel::NextDue, Qt::AscendingOrder); // what needs doing first
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Fixed row heights: nothing is measured per row, so 10,000 partners stay fast.
    for (QTableView* table : {view, m_ui->checklistTable}) {
        table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    }

    m_checklist = new ChecklistTableModel(m_book.checklists(), m_book.clock(), &m_book.notifier(), this);
    m_ui->checklistTable->setModel(m_checklist);
    QHeaderView* tasksHeader = m_ui->checklistTable->horizontalHeader();
    const int charWidth = m_ui->checklistTable->fontMetrics().averageCharWidth();
    tasksHeader->resizeSection(ChecklistTableModel::Done, 8 * charWidth);
    tasksHeader->resizeSection(ChecklistTableModel::Task, 44 * charWidth);
    m_ui->onboardingSplitter->setStretchFactor(0, 3);
    m_ui->onboardingSplitter->setStretchFactor(1, 2);
    m_ui->onboardingSplitter->setSizes({420, 300});

    m_ui->channelManagerFilter->addItem(tr("All"), QString());
    m_ui->territoryFilter->addItem(tr("All"), QString());
    connect(m_ui->onboardingSearch, &QLineEdit::textChanged, m_proxy, &OnboardingFilterProxy::setSearchText);
    connect(m_ui->channelManagerFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setChannelManager(m_ui->channelManagerFilter->currentData().toString()); });
    connect(m_ui->territoryFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setTerritory(m_ui->territoryFilter->currentData().toString()); });
    connect(m_ui->overdueOnly, &QCheckBox::toggled, m_proxy, &OnboardingFilterProxy::setOverdueOnly);
    connect(m_ui->checklistKind, &QComboBox::currentIndexChanged, this,
            [this](int index) { setKind(index == 1 ? ChecklistKind::Offboarding : ChecklistKind::Onboarding); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &OnboardingPane::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &OnboardingPane::updateSummary);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &OnboardingPane::updateSummary);
    connect(m_model, &OnboardingListModel::loaded, this, &OnboardingPane::onLoaded);
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OnboardingPane::onCurrentRowChanged);

    connect(m_checklist, &ChecklistTableModel::tickRequested, this, &OnboardingPane::setTaskDone);
    connect(m_checklist, &QAbstractItemModel::modelReset, this, [this] {
        updateChecklistTitle();
        updateButtons();
        showAttachments();
    });
    connect(m_ui->checklistTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        showAttachments();
    });
    connect(m_ui->checklistTable, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() == ChecklistTableModel::Notes)
            editNotes(index.row());
    });
    connect(m_ui->markDone, &QPushButton::clicked, this, [this] {
        const int row = currentTaskRow();
        if (row >= 0)
            setTaskDone(row, !m_checklist->taskAt(row).doneOn.isValid());
    });
    connect(m_ui->editNotes, &QPushButton::clicked, this, [this] { editNotes(currentTaskRow()); });
    connect(m_ui->attachFile, &QPushButton::clicked, this, [this] { attachFile(currentTaskRow()); });
    connect(m_ui->saveAttachment, &QPushButton::clicked, this, [this] { saveAttachmentCopy(currentTaskRow()); });
    connect(m_ui->activatePartner, &QPushButton::clicked, this, [this] {
        if (kind() == ChecklistKind::Onboarding)
            activatePartner();
        else
            offboardPartner();
    });
    connect(m_ui->startOnboarding, &QPushButton::clicked, this, [this] {
        if (kind() == ChecklistKind::Onboarding)
            startOnboarding();
        else
            startOffboarding();
    });
    connect(m_ui->editTemplates, &QPushButton::clicked, this, &OnboardingPane::openTemplates);
    updateButtons();
}

OnboardingPane::~OnboardingPane() = default;

QTableView* OnboardingPane::view() const
{
    return m_ui->onboardingTable;
}

QTableView* OnboardingPane::checklistView() const
{
    return m_ui->checklistTable;
}

void OnboardingPane::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Checked once the event loop settles: while the window is first shown every page of the stack is shown briefly.
    QTimer::singleShot(0, this, [this] {
        if (isVisible())
            m_model->setActive(true);
    });
}

void OnboardingPane::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_model->setActive(false);
}

void OnboardingPane::onLoaded(const QString& error)
{
    if (!error.isEmpty()) {
        m_ui->onboardingSummary->setText(tr("The partners in onboarding could not be read: %1").arg(error));
        Q_EMIT loaded(error);
        return;
    }
    refillFilters();
    if (!m_shownPartnerId.isEmpty())
        selectPartner(m_shownPartnerId);
    else if (m_proxy->rowCount() > 0) // the first partner's checklist rather than an empty one
        m_ui->onboardingTable->setCurrentIndex(m_proxy->index(0, OnboardingListModel::Key));
    updateSummary();
    QHeaderView* header = m_ui->onboardingTable->horizontalHeader();
    if (!m_columnsFitted && m_model->rowCount() > 0) {
        m_columnsFitted = true;
        m_ui->onboardingTable->resizeColumnsToContents(); // the rows in view only: fast at 10,000 rows
        for (int c = 0; c < OnboardingListModel::ColumnCount; ++c)
            header->resizeSection(c, std::min(header->sectionSize(c), 220));
    }
    updateChecklistTitle(); // the title names the partner from the list's rows
    updateButtons();
    Q_EMIT loaded(QString());
}

void OnboardingPane::refillFilters()
{
    QStringList managers;
    QStringList territories;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        managers << m_model->rowAt(row).channelManager;
        territories << m_model->rowAt(row).territory;
    }
    for (auto [combo, values] :
         {std::pair{m_ui->channelManagerFilter, &managers}, std::pair{m_ui->territoryFilter, &territories}}) {
        values->removeAll(QString());
        values->removeDuplicates();
        values->sort(Qt::CaseInsensitive);
        const QString current = combo->currentData().toString();
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(tr("All"), QString());
        for (const QString& v : std::as_const(*values))
            combo->addItem(v, v);
        const int index = combo->findData(current);
        combo->setCurrentIndex(index < 0 ? 0 : index);
    }
    // A chosen value that no partner in onboarding has any more falls back to "All".
    m_proxy->setChannelManager(m_ui->channelManagerFilter->currentData().toString());
    m_proxy->setTerritory(m_ui->territoryFilter->currentData().toString());
}

void OnboardingPane::updateSummary()
{
    if (m_model->isLoading() && m_model->rowCount() == 0)
        return;
    int overdue = 0;
    int notStarted = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const OnboardingRow& r = m_model->rowAt(row);
        overdue += r.progress.overdue > 0 ? 1 : 0;
        notStarted += r.started ? 0 : 1;
    }
    QString text = kind() == ChecklistKind::Onboarding
                       ? tr("%Ln partner(s) in onboarding", nullptr, m_model->rowCount())
                       : tr("%Ln partner(s) being offboarded", nullptr, m_model->rowCount());
    text += QStringLiteral("; ") + tr("%Ln with overdue tasks", nullptr, overdue);
    if (notStarted > 0)
        text += QStringLiteral("; ") + tr("%Ln without a checklist", nullptr, notStarted);
    if (m_proxy->rowCount() != m_model->rowCount())
        text += QStringLiteral(". ") + tr("%Ln shown", nullptr, m_proxy->rowCount());
    m_ui->onboardingSummary->setText(text + QLatin1Char('.'));
}

void OnboardingPane::selectPartner(const QString& partnerId)
{
    const int row = m_model->rowOf(partnerId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, OnboardingListModel::Key));
    if (index.isValid())
        m_ui->onboardingTable->setCurrentIndex(index);
}

QString OnboardingPane::currentPartnerId() const
{
    return m_checklist->partnerId();
}

void OnboardingPane::onCurrentRowChanged()
{
    const QModelIndex current = m_ui->onboardingTable->currentIndex();
    const QString id = current.isValid() ? current.data(OnboardingListModel::PartnerIdRole).toString() : QString();
    if (id.isEmpty() && !m_shownPartnerId.isEmpty() && m_model->isLoading())
        return; // the list is being replaced: keep the checklist shown until the new rows arrive
    m_shownPartnerId = id;
    if (id != m_checklist->partnerId() || m_checklist->kind() != kind())
        m_checklist->setPartner(id, kind());
}

void OnboardingPane::updateChecklistTitle()
{
    const QString id = m_checklist->partnerId();
    const int row = m_model->rowOf(id);
    const bool onboarding = kind() == ChecklistKind::Onboarding;
    if (id.isEmpty() || row < 0) {
        m_ui->checklistTitle->setText(onboarding ? tr("Select a partner to see its onboarding checklist.")
                                                 : tr("Select a partner to see its offboarding checklist."));
        return;
    }
    const OnboardingRow& r = m_model->rowAt(row);
    if (!m_checklist->lastError().isEmpty()) {
        m_ui->checklistTitle->setText(m_checklist->lastError());
        return;
    }
    if (m_checklist->rowCount() == 0) {
        m_ui->checklistTitle->setText(
            tr("%1 (%2) has no onboarding checklist yet: Start onboarding creates it from the template of its type.")
                .arg(r.name, r.key));
        return;
    }
    const int required = m_checklist->requiredCount();
    const int done = m_checklist->requiredDoneCount();
    QString text = (onboarding ? tr("%1 (%2), %3: %4 of %5 required tasks done; onboarding started %6.")
                               : tr("%1 (%2), %3: %4 of %5 required tasks done; offboarding started %6."))
                       .arg(r.name, r.key, r.partnerType)
                       .arg(done)
                       .arg(required)
                       .arg(QLocale().toString(m_checklist->taskAt(0).startedOn, QLocale::ShortFormat));
    if (required > 0 && done == required)
        text += QLatin1Char(' ') + (onboarding ? tr("Every required task is done: the partner can be activated.")
                                               : tr("Every required task is done: the partner can be offboarded."));
    m_ui->checklistTitle->setText(text);
}

int OnboardingPane::currentTaskRow() const
{
    const QModelIndex current = m_ui->checklistTable->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void OnboardingPane::updateButtons()
{
    const bool writable = !m_book.isReadOnly();
    const bool task = currentTaskRow() >= 0;
    m_ui->markDone->setEnabled(writable && task);
    if (task)
        m_ui->markDone->setText(m_checklist->taskAt(currentTaskRow()).doneOn.isValid() ? tr("Mar&k not done")
                                                                                       : tr("Mar&k done"));
    m_ui->editNotes->setEnabled(writable && task);
    m_ui->attachFile->setEnabled(writable && task && !m_attaching);
    m_ui->saveAttachment->setEnabled(task && m_checklist->taskAt(currentTaskRow()).attachmentCount > 0);
    const int required = m_checklist->requiredCount();
    m_ui->activatePartner->setEnabled(writable && m_checklist->rowCount() > 0 &&
                                      m_checklist->requiredDoneCount() == required);
    m_ui->startOnboarding->setEnabled(writable);
}

void OnboardingPane::showAttachments()
{
    const int row = currentTaskRow();
    if (row < 0 || m_checklist->taskAt(row).attachmentCount == 0) {
        m_ui->attachmentsLabel->clear();
        return;
    }
    QStringList lines;
    try {
        for (const Attachment& a : m_book.attachments().ofTask(m_checklist->taskAt(row).id))
            lines << (a.storedInBook ? tr("%1 (in the book, %2, SHA-256 %3…)")
                                           .arg(a.fileName, QLocale().formattedDataSize(a.sizeBytes), a.sha256.left(12))
                                     : tr("%1 (linked: %2, SHA-256 %3…)").arg(a.fileName, a.path, a.sha256.left(12)));
    } catch (const StorageError& e) {
        lines << e.message();
    }
    m_ui->attachmentsLabel->setText(tr("Files: %1").arg(lines.join(QLatin1String("; "))));
}

ChecklistKind OnboardingPane::kind() const
{
    return m_model->kind();
}

void OnboardingPane::setKind(ChecklistKind kind)
{
    const bool onboarding = kind == ChecklistKind::Onboarding;
    if (m_ui->checklistKind->currentIndex() != (onboarding ? 0 : 1)) {
        m_ui->checklistKind->setCurrentIndex(onboarding ? 0 : 1); // comes back here through the signal
        return;
    }
    m_ui->startOnboarding->setText(onboarding ? tr("Start onboardin&g…") : tr("Start offboardin&g…"));
    m_ui->startOnboarding->setToolTip(
        onboarding
            ? tr("Move a partner in Applied to Onboarding and create its checklist from the template of its type")
            : tr("Create a partner's offboarding checklist; once its required tasks are done the partner can "
                 "be offboarded"));
    m_ui->activatePartner->setText(onboarding ? tr("Activate pa&rtner…") : tr("Offboard pa&rtner…"));
    m_ui->activatePartner->setToolTip(onboarding ? tr("Move the partner to Active once every required task is done")
                                                 : tr("Move the partner to Offboarded (read-only) once every required "
                                                      "offboarding task is done"));
    m_shownPartnerId.clear();
    m_checklist->setPartner(QString(), kind);
    m_model->setKind(kind);
    updateSummary();
}

bool OnboardingPane::startOnboarding()
{
    const QString title = tr("Start onboarding");
    QList<PartnerRef> applied;
    try {
        applied = m_book.partners().listRefs(LifecycleStage::Applied);
    } catch (const StorageError& e) {
        m_dialogs.warning(this, title, e.message());
        return false;
    }
    if (applied.isEmpty()) {
        m_dialogs.information(this, title,
                              tr("No partner is in Applied. A partner's application is accepted by moving it from "
                                 "Prospect to Applied on the Partners pane (Change stage)."));
        return false;
    }
    QStringList items;
    for (const PartnerRef& p : std::as_const(applied))
        items << tr("%1 — %2").arg(p.key, p.name);
    const std::optional<int> chosen = m_dialogs.choice(
        this, title, tr("Partner to onboard (its checklist comes from the template of its type):"), items);
    if (!chosen)
        return false;
    const PartnerRef& partner = applied.at(*chosen);
    QString error;
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<StartChecklistCommand>(m_book.lifecycle(), m_book.checklists(), partner.id,
                                                             ChecklistKind::Onboarding, m_book.clock().todayUtc(),
                                                             partner.key),
                     &error, undoErrorHandler(m_dialogs, this))) {
        m_dialogs.warning(this, title, error);
        return false;
    }
    m_shownPartnerId = partner.id; // selected when the list has reloaded
    m_checklist->setPartner(partner.id, ChecklistKind::Onboarding);
    return true;
}

bool OnboardingPane::setTaskDone(int row, bool done)
{
    if (row < 0 || row >= m_checklist->rowCount())
        return false;
    const PartnerTask task = m_checklist->taskAt(row);
    const QString title = done ? tr("Mark task done") : tr("Mark task not done");
    QString error;
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<TickTaskCommand>(m_book.checklists(), task, done, m_book.clock().todayUtc()),
                     &error, undoErrorHandler(m_dialogs, this))) {
        m_dialogs.warning(this, title, error);
        return false;
    }
    // The checklist has reloaded already: the repository's checklistsChanged arrives when the command commits.
    m_ui->checklistTable->setCurrentIndex(m_checklist->index(row, ChecklistTableModel::Task));
    const int required = m_checklist->requiredCount();
    if (done && task.required && task.kind == ChecklistKind::Onboarding && required > 0 &&
        m_checklist->requiredDoneCount() == required) {
        const int listRow = m_model->rowOf(task.partnerId);
        const QString key = listRow >= 0 ? m_model->rowAt(listRow).key : QString();
        if (m_dialogs.question(this, tr("Onboarding complete"),
                               tr("Every required onboarding task of %1 is done. Activate %1 now (move it to "
                                  "Active, dated today)?")
                                   .arg(key)))
            activatePartner();
    }
    if (done && task.required && task.kind == ChecklistKind::Offboarding && required > 0 &&
        m_checklist->requiredDoneCount() == required) {
        const int listRow = m_model->rowOf(task.partnerId);
        const QString key = listRow >= 0 ? m_model->rowAt(listRow).key : QString();
        if (m_dialogs.question(this, tr("Offboarding complete"),
                               tr("Every required offboarding task of %1 is done. Offboard %1 now (move it to "
                                  "Offboarded, dated today)? It becomes read-only; its history stays.")
                                   .arg(key)))
            offboardPartner();
    }
    return true;
}

bool OnboardingPane::activatePartner()
{
    return finishChecklist(LifecycleStage::Active, tr("Activate partner"), tr("Onboarding checklist complete"));
}

bool OnboardingPane::offboardPartner()
{
    return finishChecklist(LifecycleStage::Offboarded, tr("Offboard partner"), tr("Offboarding checklist complete"));
}

bool OnboardingPane::finishChecklist(LifecycleStage to, const QString& title, const QString& reason)
{
    const QString id = m_checklist->partnerId();
    if (id.isEmpty())
        return false;
    const int listRow = m_model->rowOf(id);
    const QString key = listRow >= 0 ? m_model->rowAt(listRow).key : QString();
    if (m_checklist->requiredDoneCount() < m_checklist->requiredCount()) {
        m_dialogs.warning(this, title,
                          tr("%1 still has %2 required task(s) to do.")
                              .arg(key)
                              .arg(m_checklist->requiredCount() - m_checklist->requiredDoneCount()));
        return false;
    }
    QString error;
    if (!pushCommand(
            m_book.undoStack(),
            std::make_unique<ChangeStageCommand>(m_book.lifecycle(), id, key, to, m_book.clock().todayUtc(), reason),
            &error, undoErrorHandler(m_dialogs, this))) {
        m_dialogs.warning(this, title, error);
        return false;
    }
    return true;
}

bool OnboardingPane::startOffboarding()
{
    const QString title = tr("Start offboarding");
    const std::optional<QString> key =
        m_dialogs.text(this, title, tr("Key of the partner to offboard (an offboarding checklist is created):"));
    if (!key || key->trimmed().isEmpty())
        return false;
    std::optional<Partner> partner;
    try {
        partner = m_book.partners().findByKey(key->trimmed());
    } catch (const StorageError& e) {
        m_dialogs.warning(this, title, e.message());
        return false;
    }
    if (!partner) {
        m_dialogs.warning(this, title, tr("No partner has the key %1.").arg(key->trimmed()));
        return false;
    }
    QString error;
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<StartChecklistCommand>(m_book.lifecycle(), m_book.checklists(), partner->id,
                                                             ChecklistKind::Offboarding, m_book.clock().todayUtc(),
                                                             partner->key),
                     &error, undoErrorHandler(m_dialogs, this))) {
        m_dialogs.warning(this, title, error);
        return false;
    }
    m_shownPartnerId = partner->id; // selected when the list has reloaded
    m_checklist->setPartner(partner->id, ChecklistKind::Offboarding);
    return true;
}

bool OnboardingPane::editNotes(int row)
{
    if (row < 0 || row >= m_checklist->rowCount())
        return false;
    const PartnerTask task = m_checklist->taskAt(row);
    const std::optional<QString> notes = m_dialogs.text(this, tr("Task notes"), tr("Notes on “%1”:").arg(task.title));
    if (!notes || *notes == task.notes)
        return false;
    QString error;
    if (!pushCommand(m_book.undoStack(), std::make_unique<TaskNotesCommand>(m_book.checklists(), task, *notes), &error,
                     undoErrorHandler(m_dialogs, this))) {
        m_dialogs.warning(this, tr("Task notes"), error);
        return false;
    }
    return true;
}

bool OnboardingPane::attachFile(int row)
{
    if (row < 0 || row >= m_checklist->rowCount() || m_attaching)
        return false;
    const PartnerTask task = m_checklist->taskAt(row);
    const QString title = tr("Attach file");
    const QString path = m_dialogs.openFileName(this, title, tr("All files (*)"));
    if (path.isEmpty())
        return false;
    const QStringList ways = {tr("Copy the file into the book (with its SHA-256 checksum)"),
                              tr("Keep only its path (the file stays where it is)")};
    const std::optional<int> way =
        m_dialogs.choice(this, title, tr("How should %1 be kept?").arg(QFileInfo(path).fileName()), ways);
    if (!way)
        return false;
    // Reading and hashing the file (a linked file may be large: 1 GB takes seconds) runs on a worker; the command
    // that writes the attachment runs here once it is done.
    m_attaching = true;
    updateButtons();
    const bool copy = *way == 0;
    const qint64 limit = m_book.attachments().maxStoredBytes();
    const CancelFlag cancel = makeCancelFlag();
    auto* progress = new QProgressDialog(
        tr("Reading %1 and computing its SHA-256 checksum…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 0, this);
    progress->setWindowTitle(title);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500); // shown only when it takes a while
    connect(progress, &QProgressDialog::canceled, this, [cancel] { *cancel = true; });
    auto* watcher = new QFutureWatcher<BackgroundResult<PreparedFile>>(this);
    connect(watcher, &QFutureWatcher<BackgroundResult<PreparedFile>>::finished, this,
            [this, watcher, progress, cancel, title, taskId = task.id, row] {
                BackgroundResult<PreparedFile> result = watcher->result();
                watcher->deleteLater();
                progress->reset();
                progress->deleteLater();
                m_attaching = false;
                bool ok = false;
                QString error = result.error;
                if (error.isEmpty()) {
                    ok = pushCommand(
                        m_book.undoStack(),
                        std::make_unique<AttachFileCommand>(m_book.attachments(), taskId, std::move(result.value)),
                        &error, undoErrorHandler(m_dialogs, this));
                }
                if (!ok && !*cancel)
                    m_dialogs.warning(this, title, error);
                if (row < m_checklist->rowCount())
                    m_ui->checklistTable->setCurrentIndex(m_checklist->index(row, ChecklistTableModel::Task));
                updateButtons();
                Q_EMIT attachFinished(ok);
            });
    watcher->setFuture(QtConcurrent::run(workerPool(m_book.workers()), [path, copy, limit, cancel] {
        BackgroundResult<PreparedFile> result;
        try {
            result.value = AttachmentRepository::prepareFile(path, copy, limit, cancel.get());
        } catch (const StorageError& e) {
            result.error = e.message();
        }
        return result;
    }));
    return true;
}

bool OnboardingPane::saveAttachmentCopy(int row)
{
    if (row < 0 || row >= m_checklist->rowCount())
        return false;
    const QString title = tr("Save a copy");
    QList<Attachment> files;
    try {
        files = m_book.attachments().ofTask(m_checklist->taskAt(row).id);
    } catch (const StorageError& e) {
        m_dialogs.warning(this, title, e.message());
        return false;
    }
    if (files.isEmpty())
        return false;
    QStringList names;
    for (const Attachment& a : std::as_const(files))
        names << a.fileName;
    const std::optional<int> chosen =
        files.size() == 1 ? std::optional<int>(0) : m_dialogs.choice(this, title, tr("Attachment:"), names);
    if (!chosen)
        return false;
    const Attachment& a = files.at(*chosen);
    if (!a.storedInBook) {
        QString problem;
        const bool sound = m_book.attachments().verify(a.id, &problem);
        m_dialogs.information(
            this, title,
            sound ? tr("%1 is kept as a path only: %2 (unchanged since it was attached).").arg(a.fileName, a.path)
                  : problem);
        return false;
    }
    const QString target = m_dialogs.saveFileName(this, title, tr("All files (*)"), a.fileName);
    if (target.isEmpty())
        return false;
    try {
        m_book.attachments().saveCopy(a.id, target);
    } catch (const StorageError& e) {
        m_dialogs.warning(this, title, e.message());
        return false;
    }
    return true;
}

void OnboardingPane::openTemplates()
{
    auto* dialog = new ChecklistTemplatesDialog(m_book, m_dialogs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace pd
