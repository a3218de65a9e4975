#include "models/MdfRequestTableModel.h"

#include "domain/Money.h"
#include "storage/MdfRequestRepository.h"

#include <QLocale>

namespace pd {

MdfLoadedModel::Query MdfRequestTableModel::query(const QString& budgetId) const
{
    return [budgetId](Database& db, const Clock& clock) -> std::any {
        MdfFilter filter;
        filter.budgetId = budgetId;
        return MdfRequestRepository(db, clock).requests(filter);
    };
}

void MdfRequestTableModel::apply(std::any&& result)
{
    m_rows = std::any_cast<QList<MdfRequest>>(std::move(result));
}

int MdfRequestTableModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

int MdfRequestTableModel::ageDays(const MdfRequest& request) const
{
    if (request.status != MdfRequestStatus::Submitted || !request.submittedAt.isValid())
        return -1;
    return int(request.submittedAt.toUTC().date().daysTo(today()));
}

int MdfRequestTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MdfRequestTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MdfRequestTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const MdfRequest& r = m_rows.at(index.row());
    const int age = ageDays(r);
    const auto money = [&r](qint64 minor) { return formatMoney(Money{minor, r.currency}); };
    switch (role) {
    case IdRole:
        return r.id;
    case StatusRole:
        return toString(r.status);
    case SearchRole:
        return QStringList{QString::number(r.number), r.partnerKey, r.partnerName, r.activityType, r.description}
            .join(QLatin1Char(' '))
            .toLower();
    case Qt::TextAlignmentRole:
        if (index.column() == Number || (index.column() >= TotalCost && index.column() <= Approved) ||
            index.column() == Age)
            return rightAligned();
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Status && !r.reason.isEmpty())
            return r.reason;
        if (index.column() == Partner)
            return r.partnerName;
        return {};
    case SortRole:
        switch (index.column()) {
        case Number:
            return r.number;
        case StartsOn:
            return r.startsOn.toJulianDay();
        case EndsOn:
            return r.endsOn.toJulianDay();
        case TotalCost:
            return r.totalCostMinor;
        case Requested:
            return r.requestedMinor;
        case Approved:
            return r.approvedMinor;
        case Age:
            return age;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return r.number;
        case Partner:
            return r.partnerKey;
        case ActivityType:
            return r.activityType;
        case Description:
            return r.description;
        case StartsOn:
            return QLocale().toString(r.startsOn, QLocale::ShortFormat);
        case EndsOn:
            return QLocale().toString(r.endsOn, QLocale::ShortFormat);
        case TotalCost:
            return money(r.totalCostMinor);
        case Requested:
            return money(r.requestedMinor);
        case Approved:
            return r.status == MdfRequestStatus::Approved || r.approvedMinor > 0 ? money(r.approvedMinor) : QString();
        case Status:
            return toString(r.status);
        case Age:
            return age >= 0 ? QVariant(age) : QVariant();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant MdfRequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("No.");
    case Partner:
        return tr("Partner");
    case ActivityType:
        return tr("Activity");
    case Description:
        return tr("Description");
    case StartsOn:
        return tr("Starts");
    case EndsOn:
        return tr("Ends");
    case TotalCost:
        return tr("Total cost");
    case Requested:
        return tr("Requested");
    case Approved:
        return tr("Approved");
    case Status:
        return tr("Status");
    case Age:
        return tr("Age (days)");
    default:
        return {};
    }
}

} // namespace pd
