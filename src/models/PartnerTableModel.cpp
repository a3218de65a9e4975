#include "models/PartnerTableModel.h"

#include <QSet>

namespace pd {

PartnerTableModel::PartnerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int PartnerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PartnerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PartnerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PartnerRow& row = m_rows.at(index.row());
    const Partner& p = row.partner;
    if (role == PartnerIdRole)
        return p.id;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == Contacts || index.column() == OpenDeals)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Contacts:
            return row.contactCount;
        case OpenDeals:
            return row.openDealCount;
        case Type:
            return int(p.type);
        case Stage:
            return int(p.stage);
        default:
            return fold(data(index, Qt::DisplayRole).toString());
        }
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Name:
        return p.name;
    case Key:
        return p.key;
    case Type:
        return toString(p.type);
    case Stage:
        return toString(p.stage);
    case Tier:
        return p.tier;
    case Territory:
        return p.territory;
    case ChannelManager:
        return p.channelManager;
    case Country:
        return p.country;
    case City:
        return p.city;
    case Contacts:
        return row.contactCount;
    case OpenDeals:
        return row.openDealCount;
    default:
        return {};
    }
}

QVariant PartnerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Key:
        return tr("Key");
    case Type:
        return tr("Type");
    case Stage:
        return tr("Stage");
    case Tier:
        return tr("Tier");
    case Territory:
        return tr("Territory");
    case ChannelManager:
        return tr("Channel manager");
    case Country:
        return tr("Country");
    case City:
        return tr("City");
    case Contacts:
        return tr("Contacts");
    case OpenDeals:
        return tr("Open deals");
    default:
        return {};
    }
}

void PartnerTableModel::setRows(QList<PartnerRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_haystacks.clear();
    m_haystacks.reserve(m_rows.size());
    for (const PartnerRow& r : std::as_const(m_rows))
        m_haystacks.append(makeHaystack(r));
    reindex();
    endResetModel();
}

void PartnerTableModel::applyChanges(const QStringList& ids, const QList<PartnerRow>& fresh)
{
    QHash<QString, const PartnerRow*> byId;
    for (const PartnerRow& r : fresh)
        byId.insert(r.partner.id, &r);
    // Removals first, from the bottom up so that row numbers stay valid.
    QList<int> removed;
    for (const QString& id : ids) {
        const int row = rowOfId(id);
        if (row >= 0 && !byId.contains(id))
            removed.append(row);
    }
    std::sort(removed.begin(), removed.end(), std::greater<int>());
    for (int row : std::as_const(removed)) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        m_haystacks.removeAt(row);
        endRemoveRows();
    }
    if (!removed.isEmpty())
        reindex();
    for (const PartnerRow& r : fresh) {
        const int row = rowOfId(r.partner.id);
        if (row >= 0) {
            m_rows[row] = r;
            m_haystacks[row] = makeHaystack(r);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            const int at = int(m_rows.size());
            beginInsertRows({}, at, at);
            m_rows.append(r);
            m_haystacks.append(makeHaystack(r));
            m_rowById.insert(r.partner.id, at);
            endInsertRows();
        }
    }
}

QStringList PartnerTableModel::territories() const
{
    QSet<QString> seen;
    for (const PartnerRow& r : m_rows)
        if (!r.partner.territory.isEmpty())
            seen.insert(r.partner.territory);
    QStringList list(seen.begin(), seen.end());
    list.sort(Qt::CaseInsensitive);
    return list;
}

QString PartnerTableModel::makeHaystack(const PartnerRow& row)
{
    const Partner& p = row.partner;
    return fold(p.name + QLatin1Char('\n') + p.key + QLatin1Char('\n') + p.city);
}

void PartnerTableModel::reindex()
{
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows.at(i).partner.id, i);
}

} // namespace pd
