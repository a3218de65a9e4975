#include "models/PipelineTableModel.h"

#include "domain/Money.h"
#include "storage/ChangeNotifier.h"
#include "storage/StorageError.h"

namespace pd {

PipelineTableModel::PipelineTableModel(PipelineRepository& repository, ChangeNotifier* notifier, QObject* parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(0);
    connect(&m_reloadTimer, &QTimer::timeout, this, &PipelineTableModel::reload);
    if (notifier) {
        connect(notifier, &ChangeNotifier::dealsChanged, this, &PipelineTableModel::scheduleReload);
        connect(notifier, &ChangeNotifier::bookReset, this, &PipelineTableModel::scheduleReload);
        connect(notifier, &ChangeNotifier::partnersChanged, this, &PipelineTableModel::scheduleReload);
    }
    reload();
}

void PipelineTableModel::scheduleReload()
{
    m_reloadTimer.start();
}

void PipelineTableModel::setFilter(const DealFilter& filter)
{
    m_filter = filter;
    m_rows.clear(); // a new filter starts from the first page
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
    const int wanted = std::max<int>(pageSize(), int(m_rows.size()));
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    m_error.clear();
    try {
        m_total = m_repository.count(m_filter);
        m_rows = m_repository.list(m_filter, wanted, 0);
    } catch (const StorageError& e) {
        m_error = e.message();
        m_rows.clear();
        m_total = 0;
    }
    endResetModel();
    Q_EMIT reloaded(m_total);
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
    return !parent.isValid() && m_rows.size() < m_total;
}

void PipelineTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    QList<DealListRow> page;
    try {
        page = m_repository.list(m_filter, pageSize(), int(m_rows.size()));
    } catch (const StorageError& e) {
        m_error = e.message();
        return;
    }
    if (page.isEmpty()) { // deleted meanwhile: stop asking
        m_total = m_rows.size();
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows.append(page);
    endInsertRows();
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
    m_filter.sort = sorts[column];
    m_filter.descending = order == Qt::DescendingOrder;
    m_rows.clear();
    reload();
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
            return toString(d.status);
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
