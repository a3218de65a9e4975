#include "widgets/PartnersPane.h"

#include "models/PartnerCommands.h"
#include "models/PartnerFilterProxy.h"
#include "models/PartnerRosterSync.h"
#include "models/PartnerTableModel.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/CertificationsDialog.h"
#include "widgets/ChangeStageDialog.h"
#include "widgets/DialogService.h"
#include "widgets/IppProfileDialog.h"
#include "widgets/PartnerDetailPanel.h"
#include "widgets/TableExportAction.h"

#include "ui_PartnersPane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTableView>

namespace pd {

namespace {
const char* const kHiddenColumnsKey = "roster/hiddenColumns";
/// How many columns the roster had when the choice of hidden ones was saved (absent: the eleven before the money
/// columns); later columns take their default.
const char* const kKnownColumnsKey = "roster/knownColumns";
const char* const kHeaderStateKey = "roster/headerState";
const char* const kSplitterKey = "roster/splitterV";
/// Default widths in average character widths, so that typical values are not cut off.
constexpr int kColumnChars[PartnerTableModel::ColumnCount] = {30, 8, 11, 11, 10, 14, 18, 8, 16, 9, 11, 18, 18, 12, 10};
} // namespace

PartnersPane::PartnersPane(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_book(book), m_dialogs(dialogs), m_model(new PartnerTableModel(this)),
      m_proxy(new PartnerFilterProxy(this)),
      m_sync(new PartnerRosterSync(m_model, book.partners(), &book.notifier(), book.config(), book.clock(), this,
                                   book.workers())),
      m_ui(std::make_unique<Ui::PartnersPane>())
{
    m_proxy->setPartnerModel(m_model);
    m_sync->setCertifications(&book.certifications());
    buildUi();
    restoreColumns();
    // The partners show first (their counts blank, "Counting…" beside the filters), the counts follow (issue 7).
    connect(m_sync, &PartnerRosterSync::partnersLoaded, this, [this](int rows) {
        m_ui->loadingLabel->setText(tr("Counting contacts and deals…"));
        refillTerritories();
        if (!m_columnsFitted && rows > 0) {
            fitColumns();
            m_columnsFitted = true;
        }
        if (!m_ui->rosterView->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_ui->rosterView->setCurrentIndex(m_proxy->index(0, 0));
        emitCounts();
        Q_EMIT partnersLoaded(rows);
    });
    connect(m_sync, &PartnerRosterSync::loaded, this, [this](int rows) {
        m_ui->loadingLabel->setVisible(false);
        emitCounts();
        Q_EMIT loaded(rows);
    });
    connect(m_sync, &PartnerRosterSync::loadFailed, this, [this](const QString& message) {
        m_ui->loadingLabel->setVisible(false);
        m_dialogs.warning(this, tr("Partners"), message);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &PartnersPane::emitCounts);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &PartnersPane::emitCounts);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &PartnersPane::emitCounts);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &PartnersPane::emitCounts);
    reload();
}

PartnersPane::~PartnersPane()
{
    saveColumns();
}

QLineEdit* PartnersPane::searchField() const
{
    return m_ui->rosterSearch;
}

QTableView* PartnersPane::view() const
{
    return m_ui->rosterView;
}

void PartnersPane::buildUi()
{
    m_ui->setupUi(this);
    m_ui->typeFilter->addItems(partnerTypeNames());
    m_ui->stageFilter->addItems(lifecycleStageNames());
    connect(m_ui->rosterSearch, &QLineEdit::textChanged, this, &PartnersPane::onFiltersChanged);
    for (QComboBox* combo : {m_ui->typeFilter, m_ui->stageFilter, m_ui->territoryFilter})
        connect(combo, &QComboBox::currentIndexChanged, this, &PartnersPane::onFiltersChanged);

    m_newAction = new QAction(tr("&New partner"), this);
    m_newAction->setObjectName(QStringLiteral("newPartnerAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_newAction, &QAction::triggered, this, [this] { m_detail->startNewPartner(); });
    m_archiveAction = new QAction(tr("&Archive partner"), this);
    m_archiveAction->setObjectName(QStringLiteral("archivePartnerAction"));
    m_archiveAction->setEnabled(false);
    connect(m_archiveAction, &QAction::triggered, this, &PartnersPane::archiveSelected);
    m_restoreAction = new QAction(tr("&Restore partner"), this);
    m_restoreAction->setObjectName(QStringLiteral("restorePartnerAction"));
    m_restoreAction->setEnabled(false);
    connect(m_restoreAction, &QAction::triggered, this, &PartnersPane::restoreSelected);
    connect(m_ui->showArchived, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->loadingLabel->setText(tr("Loading partners…"));
        m_ui->loadingLabel->setVisible(true);
        m_sync->setIncludeArchived(on);
    });
    m_changeStageAction = new QAction(tr("Change &stage…"), this);
    m_changeStageAction->setObjectName(QStringLiteral("changeStageAction"));
    m_changeStageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_changeStageAction->setEnabled(false);
    connect(m_changeStageAction, &QAction::triggered, this, &PartnersPane::changeStageOfSelected);
    m_exporter = new TableExportAction(m_dialogs, tr("Export partners"), QStringLiteral("partners.csv"), this);
    m_exportAction = new QAction(tr("E&xport table…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportPartnersAction"));
    connect(m_exportAction, &QAction::triggered, this, &PartnersPane::exportTable);
    m_certificationTypesAction = new QAction(tr("&Certification types…"), this);
    m_certificationTypesAction->setObjectName(QStringLiteral("certificationTypesAction"));
    connect(m_certificationTypesAction, &QAction::triggered, this, &PartnersPane::openCertificationTypes);
    m_ippProfileAction = new QAction(tr("Ideal partner &profile…"), this);
    m_ippProfileAction->setObjectName(QStringLiteral("ippProfileAction"));
    connect(m_ippProfileAction, &QAction::triggered, this, &PartnersPane::openIppProfile);

    QTableView* view = m_ui->rosterView;
    view->setModel(m_proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(PartnerTableModel::Name, Qt::AscendingOrder);
    // Fixed row heights and widths: nothing is measured per row, so 100,000 partners stay fast.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    QHeaderView* header = view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &PartnersPane::showHeaderMenu);
    const int charWidth = view->fontMetrics().averageCharWidth();
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c)
        header->resizeSection(c, kColumnChars[c] * charWidth + 16);
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PartnersPane::onCurrentRowChanged);
    view->addActions({m_changeStageAction, m_archiveAction, m_restoreAction});
    view->setContextMenuPolicy(Qt::ActionsContextMenu); // the row's actions on a right click
    // Archiving or restoring a listed row (also by undo/redo) changes which of the two applies.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &PartnersPane::updateRowActions);

    // The roster on top, the detail panel below it: the roster gets the full width for its columns.
    m_detail = new PartnerDetailPanel(m_book, m_dialogs, this);
    m_detail->setObjectName(QStringLiteral("partnerDetail"));
    m_detail->setMinimumHeight(220);
    connect(m_detail, &PartnerDetailPanel::partnerAdded, this, [this](const QString& id) {
        // The model gets the new row through the change notifier; select it once it is there.
        selectPartner(id);
    });
    QSplitter* splitter = m_ui->rosterSplitter;
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({460, 300});
}

QList<QAction*> PartnersPane::paneActions() const
{
    return {m_newAction,    m_changeStageAction,        m_archiveAction,   m_restoreAction,
            m_exportAction, m_certificationTypesAction, m_ippProfileAction};
}

bool PartnersPane::exportTable()
{
    return m_exporter->exportTable(TableExportAction::fromView(m_ui->rosterView, QStringLiteral("partners")));
}

void PartnersPane::focusSearch()
{
    m_ui->rosterSearch->setFocus(Qt::ShortcutFocusReason);
    m_ui->rosterSearch->selectAll();
}

void PartnersPane::reload()
{
    m_model->setToday(m_book.clock().todayUtc());
    m_ui->loadingLabel->setText(tr("Loading partners…"));
    m_ui->loadingLabel->setVisible(true);
    m_sync->reload();
}

bool PartnersPane::isLoading() const
{
    return m_sync->isLoading();
}

void PartnersPane::selectPartner(const QString& id)
{
    const int sourceRow = m_model->rowOfId(id);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return;
    m_ui->rosterView->setCurrentIndex(index);
    m_ui->rosterView->scrollTo(index);
}

void PartnersPane::onFiltersChanged()
{
    m_proxy->setSearchText(m_ui->rosterSearch->text());
    const int type = m_ui->typeFilter->currentIndex();
    m_proxy->setTypeFilter(type > 0 ? partnerTypeFromString(m_ui->typeFilter->currentText()) : std::nullopt);
    const int stage = m_ui->stageFilter->currentIndex();
    m_proxy->setStageFilter(stage > 0 ? lifecycleStageFromString(m_ui->stageFilter->currentText()) : std::nullopt);
    m_proxy->setTerritoryFilter(m_ui->territoryFilter->currentIndex() > 0 ? m_ui->territoryFilter->currentText()
                                                                          : QString());
    emitCounts();
}

void PartnersPane::onCurrentRowChanged()
{
    const QModelIndex current = m_ui->rosterView->currentIndex();
    const QString id = current.isValid() ? current.data(PartnerTableModel::PartnerIdRole).toString() : QString();
    updateRowActions();
    if (id == m_detail->partnerId())
        return;
    if (m_detail->isDirty()) {
        // A search that hides the partner being edited keeps the edits on screen.
        if (id.isEmpty())
            return;
        if (m_dialogs.question(this, tr("Unsaved changes"), tr("Save the changes to the partner you were editing?")))
            m_detail->save();
    }
    m_detail->showPartner(id);
}

void PartnersPane::updateRowActions()
{
    const QModelIndex current = m_ui->rosterView->currentIndex();
    const bool archived = current.isValid() && m_model->rowAt(m_proxy->mapToSource(current).row()).archived;
    m_archiveAction->setEnabled(current.isValid() && !archived);
    m_restoreAction->setEnabled(current.isValid() && archived);
    m_changeStageAction->setEnabled(current.isValid() && !archived);
}

ChangeStageDialog* PartnersPane::changeStageOfSelected()
{
    const QModelIndex current = m_ui->rosterView->currentIndex();
    if (!current.isValid())
        return nullptr;
    const PartnerRow& row = m_model->rowAt(m_proxy->mapToSource(current).row());
    if (row.archived)
        return nullptr;
    std::optional<Partner> partner;
    try {
        partner = m_book.partners().findById(row.partner.id); // the stored stage, not the roster's copy
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("Change stage"), e.message());
        return nullptr;
    }
    if (!partner)
        return nullptr;
    auto* dialog = new ChangeStageDialog(
        m_book, *partner, [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

CertificationsDialog* PartnersPane::openCertificationTypes()
{
    auto* dialog = new CertificationsDialog(m_book, m_dialogs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

IppProfileDialog* PartnersPane::openIppProfile()
{
    auto* dialog = new IppProfileDialog(m_book, m_dialogs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void PartnersPane::refillTerritories()
{
    const QString current =
        m_ui->territoryFilter->currentIndex() > 0 ? m_ui->territoryFilter->currentText() : QString();
    const QSignalBlocker blocker(m_ui->territoryFilter);
    while (m_ui->territoryFilter->count() > 1)
        m_ui->territoryFilter->removeItem(1);
    m_ui->territoryFilter->addItems(m_model->territories());
    const int index = current.isEmpty() ? 0 : m_ui->territoryFilter->findText(current);
    m_ui->territoryFilter->setCurrentIndex(std::max(index, 0));
    if (index < 0)
        onFiltersChanged();
}

void PartnersPane::archiveSelected()
{
    const QModelIndex current = m_ui->rosterView->currentIndex();
    if (!current.isValid())
        return;
    const Partner partner = m_model->rowAt(m_proxy->mapToSource(current).row()).partner;
    push(std::make_unique<ArchivePartnerCommand>(m_book.partners(), partner), tr("Archive partner"));
}

void PartnersPane::restoreSelected()
{
    const QModelIndex current = m_ui->rosterView->currentIndex();
    if (!current.isValid())
        return;
    const PartnerRow& row = m_model->rowAt(m_proxy->mapToSource(current).row());
    if (!row.archived)
        return;
    const QString id = row.partner.id;
    if (push(std::make_unique<RestorePartnerCommand>(m_book.partners(), row.partner), tr("Restore partner")) &&
        !m_detail->isDirty())
        m_detail->showPartner(id); // editable again
}

bool PartnersPane::push(std::unique_ptr<RepositoryCommand> command, const QString& title)
{
    QString error;
    if (pushCommand(m_book.undoStack(), std::move(command), &error,
                    [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); }))
        return true;
    m_dialogs.warning(this, title, error);
    return false;
}

void PartnersPane::emitCounts()
{
    m_ui->emptyHint->setVisible(!m_sync->isLoading() && m_model->rowCount() == 0);
    Q_EMIT countsChanged(m_model->rowCount(), m_proxy->rowCount());
}

void PartnersPane::showHeaderMenu(const QPoint& pos)
{
    QHeaderView* header = m_ui->rosterView->horizontalHeader();
    QMenu menu(this);
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c) {
        QAction* action = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(c));
        action->setEnabled(c != PartnerTableModel::Name); // the name always stays
        connect(action, &QAction::toggled, this, [this, header, c](bool on) {
            header->setSectionHidden(c, !on);
            saveColumns();
        });
    }
    menu.exec(header->mapToGlobal(pos));
}

void PartnersPane::restoreColumns()
{
    QSettings settings;
    QHeaderView* header = m_ui->rosterView->horizontalHeader();
    const QByteArray state = settings.value(QLatin1String(kHeaderStateKey)).toByteArray();
    if (!state.isEmpty())
        m_columnsFitted = header->restoreState(state); // the user's widths win over fitting
    else                                               // Days in stage (a later column of the model) beside Stage
        header->moveSection(header->visualIndex(PartnerTableModel::DaysInStage),
                            header->visualIndex(PartnerTableModel::Stage) + 1);
    const QByteArray splitter = settings.value(QLatin1String(kSplitterKey)).toByteArray();
    if (!splitter.isEmpty())
        m_ui->rosterSplitter->restoreState(splitter);
    // The two money columns are shown through the header's menu; by default the roster keeps to its eleven columns,
    // so that "Open deals" is not cut at 1280 px. A choice saved before a column existed says nothing about it: that
    // column takes its default.
    const QStringList defaults = {QString::number(PartnerTableModel::WonT12M),
                                  QString::number(PartnerTableModel::OpenPipeline),
                                  QString::number(PartnerTableModel::IppScore)};
    const bool saved = settings.contains(QLatin1String(kHiddenColumnsKey));
    const int known =
        saved ? settings.value(QLatin1String(kKnownColumnsKey), int(PartnerTableModel::WonT12M)).toInt() : 0;
    const QStringList hidden = settings.value(QLatin1String(kHiddenColumnsKey)).toStringList();
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c)
        header->setSectionHidden(c, (c < known ? hidden : defaults).contains(QString::number(c)));
}

void PartnersPane::fitColumns()
{
    // Measure the header and a sample of rows (not all: 100,000 rows would take long) and size each column to fit.
    constexpr int kSampleRows = 500;
    constexpr int kMaxWidth = 240;
    const QFontMetrics metrics = m_ui->rosterView->fontMetrics();
    QFont bold = m_ui->rosterView->horizontalHeader()->font();
    const QFontMetrics headerMetrics(bold);
    const int rows = std::min(m_model->rowCount(), kSampleRows);
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c) {
        int width = headerMetrics.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + 22;
        for (int r = 0; r < rows; ++r)
            width = std::max(width, metrics.horizontalAdvance(m_model->index(r, c).data().toString()) + 12);
        m_ui->rosterView->horizontalHeader()->resizeSection(c, std::min(width, kMaxWidth));
    }
}

void PartnersPane::saveColumns() const
{
    QSettings settings;
    QHeaderView* header = m_ui->rosterView->horizontalHeader();
    QStringList hidden;
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c)
        if (header->isSectionHidden(c))
            hidden << QString::number(c);
    settings.setValue(QLatin1String(kHiddenColumnsKey), hidden);
    settings.setValue(QLatin1String(kKnownColumnsKey), int(PartnerTableModel::ColumnCount));
    settings.setValue(QLatin1String(kHeaderStateKey), header->saveState());
    settings.setValue(QLatin1String(kSplitterKey), m_ui->rosterSplitter->saveState());
}

} // namespace pd
