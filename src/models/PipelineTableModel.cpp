#include "models/PipelineTableModel.h"

#include "domain/DealWorkflow.h"
#include "domain/Money.h"
#include "storage/ChangeNotifier.h"
#include "storage/StorageError.h"
#include <QColor>

namespace pd {

PipelineTableModel::PipelineTableModel(DatabaseConfig config, ChangeNotifier* notifier, QObject* parent,
                                       QThreadPool* pool)
    : QAbstractTableModel(parent), m_config(std::move(config)), m_pool(pool)
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(0);
    connect(&m_reloadTimer, &QTimer::timeout, this, &PipelineTableModel::reload);
    connect(&m_pageWatcher, &QFutureWatcher<Page>::finished, this, &PipelineTableModel::onPage);
    connect(&m_moreWatcher, &QFutureWatcher<Page>::finished, this, &PipelineTableModel::onMore);
    connect(&m_countWatcher, &QFutureWatcher<Count>::finished, this, &PipelineTableModel::onCount);
    if (notifier) {
        connect(notifier, &ChangeNotifier::dealsChanged, this, &PipelineTableModel::scheduleReload);
        connect(notifier, &ChangeNotifier::bookReset, this, &PipelineTableModel::scheduleReload);
        connect(notifier, &ChangeNotifier::partnersChanged, this, &PipelineTableModel::scheduleReload);
    }
    reload();
}

// Never waits for a running query: it ends on its own connection and the watchers' destruction drops its result.
PipelineTableModel::~PipelineTableModel() = default;

void PipelineTableModel::setProtection(const ProgramRules& rules, const QDateTime& now)
{
    m_rules = rules;
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

bool PipelineTableModel::isOverdue(const DealListRow& r) const
{
    const DealStatus s = r.deal.status;
    if (!m_now.isValid() || !r.deal.registeredAt.isValid() || !protectedStatuses().contains(s))
        return false;
    const int days = protectionWindowDays(m_rules, r.extended);
    return r.deal.registeredAt.addDays(days) <= m_now;
}

void PipelineTableModel::scheduleReload()
{
    m_reloadTimer.start();
}

void PipelineTableModel::setFilter(const DealFilter& filter)
{
    m_filter = filter;
    m_wanted = pageSize(); // a new filter or order starts from the first page
    reload();
}

int PipelineTableModel::rowOf(const QString& id) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].deal.id == id)
            return r;
    return -1;
}

void PipelineTableModel::reload()
{
    m_reloadTimer.stop();
    ++m_generation;
    if (m_loading) {
        m_reloadQueued = true; // started again when the running query ends
        return;
    }
    m_loading = true;
    const DealFilter filter = m_filter;
    const int wanted = std::max<int>(m_wanted, pageSize());
    m_pageWatcher.setFuture(runInBackground<QList<DealListRow>>(
        m_config, [filter, wanted](Database& db) { return PipelineRepository(db).list(filter, wanted, 0); }, m_pool));
    m_total = -1;
    if (m_countWatcher.isRunning()) {
        m_countQueued = true;
    } else {
        m_countWatcher.setFuture(runInBackground<qint64>(
            m_config, [filter](Database& db) { return PipelineRepository(db).count(filter); }, m_pool));
    }
}

void PipelineTableModel::onPage()
{
    Page page = m_pageWatcher.result();
    if (m_reloadQueued) {
        m_loading = false;
        m_reloadQueued = false;
        reload();
        return;
    }
    const int wanted = std::max<int>(m_wanted, pageSize());
    beginResetModel(); // still "loading" during the reset signals: nothing is fetched from them
    m_error = page.error;
    m_rows = std::move(page.value);
    m_hasMore = page.error.isEmpty() && m_rows.size() >= wanted;
    endResetModel();
    m_loading = false;
    Q_EMIT reloaded(int(m_rows.size()));
}

void PipelineTableModel::onCount()
{
    const Count count = m_countWatcher.result();
    if (m_countQueued) {
        m_countQueued = false;
        const DealFilter filter = m_filter;
        m_countWatcher.setFuture(runInBackground<qint64>(
            m_config, [filter](Database& db) { return PipelineRepository(db).count(filter); }, m_pool));
        return;
    }
    m_total = count.error.isEmpty() ? count.value : -1;
    if (!count.error.isEmpty())
        m_error = count.error;
    Q_EMIT countChanged(m_total);
}

int PipelineTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PipelineTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool PipelineTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading && !m_fetching;
}

void PipelineTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    m_moreGeneration = m_generation;
    const DealFilter filter = m_filter;
    const int offset = int(m_rows.size());
    m_moreWatcher.setFuture(runInBackground<QList<DealListRow>>(
        m_config,
        [filter, offset](Database& db) {
            return PipelineRepository(db).list(filter, PipelineTableModel::pageSize(), offset);
        },
        m_pool));
}

void PipelineTableModel::onMore()
{
    Page page = m_moreWatcher.result();
    if (m_moreGeneration != m_generation || m_loading) {
        m_fetching = false;
        return; // a reload superseded this page
    }
    if (!page.error.isEmpty()) {
        m_fetching = false;
        m_error = page.error;
        return;
    }
    // Still "fetching" while the rows go in: views and testers ask for more from the insert signals.
    const bool more = page.value.size() >= pageSize();
    if (!page.value.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.value.size() - 1));
        m_rows.append(page.value);
        endInsertRows();
    }
    m_wanted = int(m_rows.size());
    m_hasMore = more;
    m_fetching = false;
    Q_EMIT pageFetched(int(m_rows.size()));
}

void PipelineTableModel::sort(int column, Qt::SortOrder order)
{
    static const DealSort sorts[ColumnCount] = {DealSort::Number,        DealSort::Status,    DealSort::Partner,
                                                DealSort::Customer,      DealSort::Product,   DealSort::Amount,
                                                DealSort::ExpectedClose, DealSort::Registered};
    if (column < 0 || column >= ColumnCount)
        return;
    if (m_filter.sort == sorts[column] && m_filter.descending == (order == Qt::DescendingOrder))
        return;
    DealFilter f = m_filter;
    f.sort = sorts[column];
    f.descending = order == Qt::DescendingOrder;
    setFilter(f);
}

QVariant PipelineTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const DealListRow& r = m_rows[index.row()];
    const Deal& d = r.deal;
    switch (role) {
    case DealIdRole:
        return d.id;
    case StatusRole:
        return int(d.status);
    case RegistrationNumberRole:
        return d.registrationNumber;
    case OverdueRole:
        return isOverdue(r);
    case Qt::ForegroundRole:
        if (index.column() == Status && isOverdue(r))
            return QColor(0xb0, 0x00, 0x20);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Amount || index.column() == Number)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Customer || index.column() == Partner)
            return index.column() == Customer ? r.accountName : tr("%1 (%2)").arg(r.partnerName, r.partnerKey);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return d.registrationNumber > 0 ? QStringLiteral("#%1").arg(d.registrationNumber) : QString();
        case Status:
            return isOverdue(r) ? tr("%1 (overdue)").arg(toString(d.status)) : toString(d.status);
        case Partner:
            return r.partnerKey;
        case Customer:
            return r.accountName;
        case Product:
            return r.productName;
        case Amount:
            return d.amountMinor < 0 ? QString() : formatMoney(Money{d.amountMinor, d.currency});
        case ExpectedClose:
            return (d.closedOn.isValid() ? d.closedOn : d.expectedClose).toString(Qt::ISODate);
        case Registered:
            return d.registeredAt.isValid() ? d.registeredAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant PipelineTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("Number");
    case Status:
        return tr("Status");
    case Partner:
        return tr("Partner");
    case Customer:
        return tr("Customer");
    case Product:
        return tr("Product");
    case Amount:
        return tr("Amount");
    case ExpectedClose:
        return tr("Close date");
    case Registered:
        return tr("Registered (UTC)");
    default:
        return {};
    }
}

} // namespace pd
