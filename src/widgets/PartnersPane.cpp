#include "widgets/PartnersPane.h"

#include "models/PartnerCommands.h"
#include "models/PartnerFilterProxy.h"
#include "models/PartnerRosterSync.h"
#include "models/PartnerTableModel.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/PartnerDetailPanel.h"
#include "widgets/TableExportAction.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pd {

namespace {
const char* const kHiddenColumnsKey = "roster/hiddenColumns";
const char* const kHeaderStateKey = "roster/headerState";
const char* const kSplitterKey = "roster/splitterV";
/// Default widths in average character widths, so that typical values are not cut off.
constexpr int kColumnChars[PartnerTableModel::ColumnCount] = {30, 8, 11, 11, 10, 14, 18, 8, 16, 9, 11};
} // namespace

PartnersPane::PartnersPane(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_book(book), m_dialogs(dialogs), m_model(new PartnerTableModel(this)),
      m_proxy(new PartnerFilterProxy(this)),
      m_sync(new PartnerRosterSync(m_model, book.partners(), &book.notifier(), book.config(), book.clock(), this,
                                   book.workers()))
{
    m_proxy->setPartnerModel(m_model);
    buildUi();
    restoreColumns();
    // The partners show first (their counts blank, "Counting…" beside the filters), the counts follow (issue 7).
    connect(m_sync, &PartnerRosterSync::partnersLoaded, this, [this](int rows) {
        m_loadingLabel->setText(tr("Counting contacts and deals…"));
        refillTerritories();
        if (!m_columnsFitted && rows > 0) {
            fitColumns();
            m_columnsFitted = true;
        }
        if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_view->setCurrentIndex(m_proxy->index(0, 0));
        emitCounts();
        Q_EMIT partnersLoaded(rows);
    });
    connect(m_sync, &PartnerRosterSync::loaded, this, [this](int rows) {
        m_loadingLabel->setVisible(false);
        emitCounts();
        Q_EMIT loaded(rows);
    });
    connect(m_sync, &PartnerRosterSync::loadFailed, this, [this](const QString& message) {
        m_loadingLabel->setVisible(false);
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

void PartnersPane::buildUi()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("rosterSearch"));
    m_search->setPlaceholderText(tr("Search name, key or city"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &PartnersPane::onFiltersChanged);

    m_typeFilter = new QComboBox(this);
    m_typeFilter->setObjectName(QStringLiteral("typeFilter"));
    m_typeFilter->addItem(tr("All types"));
    m_typeFilter->addItems(partnerTypeNames());
    m_stageFilter = new QComboBox(this);
    m_stageFilter->setObjectName(QStringLiteral("stageFilter"));
    m_stageFilter->addItem(tr("All stages"));
    m_stageFilter->addItems(lifecycleStageNames());
    m_territoryFilter = new QComboBox(this);
    m_territoryFilter->setObjectName(QStringLiteral("territoryFilter"));
    m_territoryFilter->addItem(tr("All territories"));
    m_territoryFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (QComboBox* combo : {m_typeFilter, m_stageFilter, m_territoryFilter})
        connect(combo, &QComboBox::currentIndexChanged, this, &PartnersPane::onFiltersChanged);

    m_loadingLabel = new QLabel(tr("Loading partners…"), this);

    m_newAction = new QAction(tr("&New partner"), this);
    m_newAction->setObjectName(QStringLiteral("newPartnerAction"));
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_newAction, &QAction::triggered, this, [this] { m_detail->startNewPartner(); });
    m_archiveAction = new QAction(tr("&Archive partner"), this);
    m_archiveAction->setObjectName(QStringLiteral("archivePartnerAction"));
    m_archiveAction->setEnabled(false);
    connect(m_archiveAction, &QAction::triggered, this, &PartnersPane::archiveSelected);
    m_exporter = new TableExportAction(m_dialogs, tr("Export partners"), QStringLiteral("partners.csv"), this);
    m_exportAction = new QAction(tr("E&xport table…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportPartnersAction"));
    connect(m_exportAction, &QAction::triggered, this, &PartnersPane::exportTable);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_typeFilter);
    filters->addWidget(m_stageFilter);
    filters->addWidget(m_territoryFilter);
    filters->addWidget(m_loadingLabel);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("rosterView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PartnerTableModel::Name, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights and widths: nothing is measured per row, so 100,000 partners stay fast.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &PartnersPane::showHeaderMenu);
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c)
        header->resizeSection(c, kColumnChars[c] * charWidth + 16);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PartnersPane::onCurrentRowChanged);
    m_view->addAction(m_archiveAction);

    m_detail = new PartnerDetailPanel(m_book, m_dialogs, this);
    m_detail->setObjectName(QStringLiteral("partnerDetail"));
    connect(m_detail, &PartnerDetailPanel::partnerAdded, this, [this](const QString& id) {
        // The model gets the new row through the change notifier; select it once it is there.
        selectPartner(id);
    });

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_view, 1);
    m_emptyHint = new QLabel(tr("No partners yet. Import a CSV file with File → Import…, or explore with File → "
                                "Create demo book."),
                             this);
    m_emptyHint->setObjectName(QStringLiteral("emptyHint"));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setVisible(false);
    leftLayout->addWidget(m_emptyHint);

    // The roster on top, the detail panel below it: the roster gets the full width for its eleven columns.
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("rosterSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    m_detail->setMinimumHeight(220);
    splitter->setSizes({460, 300});
    m_splitter = splitter;

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
}

QList<QAction*> PartnersPane::paneActions() const
{
    return {m_newAction, m_archiveAction, m_exportAction};
}

bool PartnersPane::exportTable()
{
    return m_exporter->exportTable(TableExportAction::fromView(m_view, QStringLiteral("partners")));
}

void PartnersPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void PartnersPane::reload()
{
    m_loadingLabel->setText(tr("Loading partners…"));
    m_loadingLabel->setVisible(true);
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
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void PartnersPane::onFiltersChanged()
{
    m_proxy->setSearchText(m_search->text());
    const int type = m_typeFilter->currentIndex();
    m_proxy->setTypeFilter(type > 0 ? partnerTypeFromString(m_typeFilter->currentText()) : std::nullopt);
    const int stage = m_stageFilter->currentIndex();
    m_proxy->setStageFilter(stage > 0 ? lifecycleStageFromString(m_stageFilter->currentText()) : std::nullopt);
    m_proxy->setTerritoryFilter(m_territoryFilter->currentIndex() > 0 ? m_territoryFilter->currentText() : QString());
    emitCounts();
}

void PartnersPane::onCurrentRowChanged()
{
    const QModelIndex current = m_view->currentIndex();
    const QString id = current.isValid() ? current.data(PartnerTableModel::PartnerIdRole).toString() : QString();
    m_archiveAction->setEnabled(!id.isEmpty());
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

void PartnersPane::refillTerritories()
{
    const QString current = m_territoryFilter->currentIndex() > 0 ? m_territoryFilter->currentText() : QString();
    const QSignalBlocker blocker(m_territoryFilter);
    while (m_territoryFilter->count() > 1)
        m_territoryFilter->removeItem(1);
    m_territoryFilter->addItems(m_model->territories());
    const int index = current.isEmpty() ? 0 : m_territoryFilter->findText(current);
    m_territoryFilter->setCurrentIndex(std::max(index, 0));
    if (index < 0)
        onFiltersChanged();
}

void PartnersPane::archiveSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_proxy->mapToSource(current).row();
    const Partner partner = m_model->rowAt(row).partner;
    QString error;
    if (!pushCommand(m_book.undoStack(), std::make_unique<ArchivePartnerCommand>(m_book.partners(), partner), &error,
                     [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); }))
        m_dialogs.warning(this, tr("Archive partner"), error);
}

void PartnersPane::emitCounts()
{
    m_emptyHint->setVisible(!m_sync->isLoading() && m_model->rowCount() == 0);
    Q_EMIT countsChanged(m_model->rowCount(), m_proxy->rowCount());
}

void PartnersPane::showHeaderMenu(const QPoint& pos)
{
    QHeaderView* header = m_view->horizontalHeader();
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
    QHeaderView* header = m_view->horizontalHeader();
    const QByteArray state = settings.value(QLatin1String(kHeaderStateKey)).toByteArray();
    if (!state.isEmpty())
        m_columnsFitted = header->restoreState(state); // the user's widths win over fitting
    const QByteArray splitter = settings.value(QLatin1String(kSplitterKey)).toByteArray();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    const QStringList hidden = settings.value(QLatin1String(kHiddenColumnsKey)).toStringList();
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c)
        header->setSectionHidden(c, hidden.contains(QString::number(c)));
}

void PartnersPane::fitColumns()
{
    // Measure the header and a sample of rows (not all: 100,000 rows would take long) and size each column to fit.
    constexpr int kSampleRows = 500;
    constexpr int kMaxWidth = 240;
    const QFontMetrics metrics = m_view->fontMetrics();
    QFont bold = m_view->horizontalHeader()->font();
    const QFontMetrics headerMetrics(bold);
    const int rows = std::min(m_model->rowCount(), kSampleRows);
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c) {
        int width = headerMetrics.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + 22;
        for (int r = 0; r < rows; ++r)
            width = std::max(width, metrics.horizontalAdvance(m_model->index(r, c).data().toString()) + 12);
        m_view->horizontalHeader()->resizeSection(c, std::min(width, kMaxWidth));
    }
}

void PartnersPane::saveColumns() const
{
    QSettings settings;
    QHeaderView* header = m_view->horizontalHeader();
    QStringList hidden;
    for (int c = 0; c < PartnerTableModel::ColumnCount; ++c)
        if (header->isSectionHidden(c))
            hidden << QString::number(c);
    settings.setValue(QLatin1String(kHiddenColumnsKey), hidden);
    settings.setValue(QLatin1String(kHeaderStateKey), header->saveState());
    settings.setValue(QLatin1String(kSplitterKey), m_splitter->saveState());
}

} // namespace pd
