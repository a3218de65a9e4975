#include "models/PartnerTableModel.h"

#include "domain/Money.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include <algorithm>
#include <limits>
#include <numeric>

namespace pd {

namespace {
/// A key that orders rows by days in stage without knowing today: the longer in stage, the earlier stage_since. Rows
/// without a stage_since sort as fewest days.
qint64 daysInStageKey(const PartnerRow& row)
{
    const QDate& since = row.partner.stageSince;
    return since.isValid() ? -since.toJulianDay() : std::numeric_limits<qint64>::min();
}
} // namespace

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
    const bool isMoney = index.column() == WonT12M || index.column() == OpenPipeline;
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == Contacts || index.column() == OpenDeals || index.column() == DaysInStage || isMoney ||
            index.column() == IppScore)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    // Archived rows in grey italics; fonts and palettes exist only in a GUI application (not in a headless export).
    if (row.archived && (role == Qt::FontRole || role == Qt::ForegroundRole) &&
        qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        if (role == Qt::ForegroundRole)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        QFont font;
        font.setItalic(true);
        return font;
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Contacts:
            return row.contactCount;
        case OpenDeals:
            return row.openDealCount;
        case WonT12M:
            return row.wonT12MMinor;
        case OpenPipeline:
            return row.openPipelineMinor;
        case DaysInStage:
            return daysInStageKey(row);
        case IppScore:
            return row.ippScore;
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
    if (!m_countsKnown && (index.column() == Contacts || index.column() == OpenDeals))
        return {}; // not counted yet: blank rather than a wrong 0
    if (isMoney && (!m_revenueKnown || m_currency.isEmpty()))
        return {};
    if (index.column() == IppScore && !m_ippKnown)
        return {};
    switch (index.column()) {
    case Name:
        return row.archived && role != Qt::EditRole ? tr("%1 (archived)").arg(p.name) : p.name;
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
    case WonT12M:
        return formatMoney({row.wonT12MMinor, m_currency});
    case OpenPipeline:
        return formatMoney({row.openPipelineMinor, m_currency});
    case DaysInStage:
        if (!m_today.isValid() || !p.stageSince.isValid() || p.stageSince > m_today)
            return {}; // unknown, or a stage_since after today (a clock set back): no count
        return int(p.stageSince.daysTo(m_today));
    case IppScore:
        return QString::number(row.ippScore, 'f', 1);
    default:
        return {};
    }
}

void PartnerTableModel::setToday(const QDate& today)
{
    if (today == m_today)
        return;
    m_today = today;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, DaysInStage), index(int(m_rows.size()) - 1, DaysInStage));
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
    case WonT12M:
        return tr("Won, 12 months");
    case OpenPipeline:
        return tr("Open pipeline");
    case DaysInStage:
        return tr("Days in stage");
    case IppScore:
        return tr("IPP score");
    default:
        return {};
    }
}

void PartnerTableModel::setRows(QList<PartnerRow> rows)
{
    resetRows(std::move(rows), true);
}

void PartnerTableModel::resetRows(QList<PartnerRow> rows, bool countsKnown)
{
    beginResetModel();
    m_countsKnown = countsKnown;
    m_revenueKnown = false;
    m_ippKnown = false;
    m_rows = std::move(rows);
    sortRows();
    m_haystacks.clear();
    m_haystacks.reserve(m_rows.size());
    for (const PartnerRow& r : std::as_const(m_rows))
        m_haystacks.append(makeHaystack(r));
    reindex();
    endResetModel();
}

PartnerTableModel::Prepared PartnerTableModel::prepare(QList<PartnerRow> rows, int column, Qt::SortOrder order)
{
    Prepared p;
    p.sortColumn = column >= 0 && column < ColumnCount ? column : -1;
    p.sortOrder = order;
    sortRows(rows, p.sortColumn, order);
    p.haystacks.reserve(rows.size());
    for (const PartnerRow& r : std::as_const(rows))
        p.haystacks.append(makeHaystack(r));
    p.rowById.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i)
        p.rowById.insert(rows.at(i).partner.id, i);
    p.territories = collectTerritories(rows);
    p.rows = std::move(rows);
    return p;
}

void PartnerTableModel::setRows(Prepared prepared)
{
    if (prepared.sortColumn != m_sortColumn || (m_sortColumn >= 0 && prepared.sortOrder != m_sortOrder))
        return resetRows(std::move(prepared.rows), prepared.countsKnown);
    beginResetModel();
    m_countsKnown = prepared.countsKnown;
    m_revenueKnown = false;
    m_ippKnown = false;
    m_rows = std::move(prepared.rows);
    m_haystacks = std::move(prepared.haystacks);
    m_rowById = std::move(prepared.rowById);
    m_territories = std::move(prepared.territories);
    m_territoriesValid = true;
    endResetModel();
}

void PartnerTableModel::applyChanges(const QStringList& ids, const QList<PartnerRow>& fresh)
{
    m_territoriesValid = false;
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
    removed.erase(std::unique(removed.begin(), removed.end()), removed.end());
    for (int row : std::as_const(removed)) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        m_haystacks.removeAt(row);
        endRemoveRows();
    }
    if (!removed.isEmpty())
        reindex();
    for (const PartnerRow& r : fresh) {
        int row = rowOfId(r.partner.id);
        if (row >= 0) {
            m_rows[row] = r;
            m_haystacks[row] = makeHaystack(r);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            const int to = sortedPosition(r, row); // its index once moved
            if (to != row) {
                // Qt's move semantics: the destination is given as a row index before the move.
                beginMoveRows({}, row, row, {}, to > row ? to + 1 : to);
                m_rows.move(row, to);
                m_haystacks.move(row, to);
                endMoveRows();
                reindex();
            }
        } else {
            const int at = sortedPosition(r, -1);
            beginInsertRows({}, at, at);
            m_rows.insert(at, r);
            m_haystacks.insert(at, makeHaystack(r));
            reindex();
            endInsertRows();
        }
    }
}

void PartnerTableModel::setCounts(const QHash<QString, PartnerCounts>& counts)
{
    for (PartnerRow& r : m_rows) {
        const PartnerCounts c = counts.value(r.partner.id);
        r.contactCount = c.contacts;
        r.openDealCount = c.openDeals;
    }
    m_countsKnown = true;
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, Contacts), index(int(m_rows.size()) - 1, OpenDeals));
    if (m_sortColumn == Contacts || m_sortColumn == OpenDeals)
        resort();
}

void PartnerTableModel::setRevenue(const PartnerRevenue& revenue)
{
    for (PartnerRow& r : m_rows) {
        const PartnerMoney m = revenue.byId.value(r.partner.id);
        r.wonT12MMinor = m.wonT12MMinor;
        r.openPipelineMinor = m.openPipelineMinor;
    }
    m_currency = revenue.currency;
    m_revenueKnown = true;
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, WonT12M), index(int(m_rows.size()) - 1, OpenPipeline));
    if (m_sortColumn == WonT12M || m_sortColumn == OpenPipeline)
        resort();
}

void PartnerTableModel::setIpp(const IdealPartnerProfile& profile, const QHash<QString, int>& certifiedContacts)
{
    for (PartnerRow& r : m_rows)
        r.ippScore = profile.scoreValue(r.partner, certifiedContacts.value(r.partner.id));
    m_ippProfile = profile;
    m_ippKnown = true;
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, IppScore), index(int(m_rows.size()) - 1, IppScore));
    if (m_sortColumn == IppScore)
        resort();
}

void PartnerTableModel::sortBy(int column, Qt::SortOrder order)
{
    if (column >= ColumnCount)
        column = -1;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (column < 0)
        return; // keep the current order
    resort();
}

void PartnerTableModel::resort()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<QString> ids;
    ids.reserve(persistent.size());
    for (const QModelIndex& i : persistent)
        ids.append(m_rows.at(i.row()).partner.id);
    sortRows();
    m_haystacks.clear();
    for (const PartnerRow& r : std::as_const(m_rows))
        m_haystacks.append(makeHaystack(r));
    reindex();
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (int i = 0; i < persistent.size(); ++i)
        moved.append(index(rowOfId(ids.at(i)), persistent.at(i).column()));
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void PartnerTableModel::sortRows()
{
    sortRows(m_rows, m_sortColumn, m_sortOrder);
}

void PartnerTableModel::sortRows(QList<PartnerRow>& rows, int column, Qt::SortOrder order)
{
    if (column < 0)
        return;
    // Fold each text key once, then sort indices: n log n cheap comparisons instead of n log n foldings.
    QList<QString> keys;
    keys.reserve(rows.size());
    for (const PartnerRow& r : std::as_const(rows))
        keys.append(textKey(r, column));
    QList<int> indices(rows.size());
    std::iota(indices.begin(), indices.end(), 0);
    std::stable_sort(indices.begin(), indices.end(), [&](int a, int b) {
        return before(rows.at(a), keys.at(a), rows.at(b), keys.at(b), column, order);
    });
    QList<PartnerRow> sorted;
    sorted.reserve(rows.size());
    for (int i : std::as_const(indices))
        sorted.append(std::move(rows[i]));
    rows = std::move(sorted);
}

QString PartnerTableModel::textKey(const PartnerRow& row) const
{
    return textKey(row, m_sortColumn);
}

QString PartnerTableModel::textKey(const PartnerRow& row, int column)
{
    const Partner& p = row.partner;
    switch (column) {
    case Name:
        return fold(p.name);
    case Key:
        return fold(p.key);
    case Tier:
        return fold(p.tier);
    case Territory:
        return fold(p.territory);
    case ChannelManager:
        return fold(p.channelManager);
    case Country:
        return fold(p.country);
    case City:
        return fold(p.city);
    default:
        return {};
    }
}

bool PartnerTableModel::before(const PartnerRow& a, const QString& ka, const PartnerRow& b, const QString& kb) const
{
    return before(a, ka, b, kb, m_sortColumn, m_sortOrder);
}

bool PartnerTableModel::before(const PartnerRow& a, const QString& ka, const PartnerRow& b, const QString& kb,
                               int column, Qt::SortOrder order)
{
    const bool desc = order == Qt::DescendingOrder;
    auto less = [desc](const auto& x, const auto& y) { return desc ? y < x : x < y; };
    switch (column) {
    case Type:
        return less(int(a.partner.type), int(b.partner.type));
    case Stage:
        return less(int(a.partner.stage), int(b.partner.stage));
    case Contacts:
        return less(a.contactCount, b.contactCount);
    case OpenDeals:
        return less(a.openDealCount, b.openDealCount);
    case WonT12M:
        return less(a.wonT12MMinor, b.wonT12MMinor);
    case OpenPipeline:
        return less(a.openPipelineMinor, b.openPipelineMinor);
    case DaysInStage:
        return less(daysInStageKey(a), daysInStageKey(b));
    case IppScore:
        return less(a.ippScore, b.ippScore);
    default:
        return desc ? QString::compare(kb, ka) < 0 : QString::compare(ka, kb) < 0;
    }
}

int PartnerTableModel::sortedPosition(const PartnerRow& row, int skip) const
{
    if (m_sortColumn < 0)
        return skip >= 0 ? skip : int(m_rows.size());
    // Binary search (upper bound) over the rows without the one at `skip`.
    const int n = int(m_rows.size()) - (skip >= 0 ? 1 : 0);
    auto at = [&](int i) -> const PartnerRow& { return m_rows.at(skip >= 0 && i >= skip ? i + 1 : i); };
    const QString key = textKey(row);
    int lo = 0, hi = n;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        const PartnerRow& other = at(mid);
        if (before(row, key, other, textKey(other)))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

QStringList PartnerTableModel::territories() const
{
    if (!m_territoriesValid) {
        m_territories = collectTerritories(m_rows);
        m_territoriesValid = true;
    }
    return m_territories;
}

QStringList PartnerTableModel::collectTerritories(const QList<PartnerRow>& rows)
{
    QSet<QString> seen;
    for (const PartnerRow& r : rows)
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
    m_territoriesValid = false; // every other change of the rows passes through here
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowById.insert(m_rows.at(i).partner.id, i);
}

} // namespace pd
