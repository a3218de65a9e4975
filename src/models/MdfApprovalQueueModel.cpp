#include "models/MdfApprovalQueueModel.h"

#include "domain/Money.h"
#include "storage/MdfRequestRepository.h"

#include <QHash>
#include <QLocale>
#include <algorithm>

namespace pd {

MdfLoadedModel::Query MdfApprovalQueueModel::query(const QString& budgetId) const
{
    return [budgetId](Database& db, const Clock& clock) -> std::any {
        const MdfRequestRepository repository(db, clock);
        MdfFilter filter;
        filter.budgetId = budgetId;
        filter.statuses = {toString(MdfRequestStatus::Submitted)};
        QList<MdfQueueItem> items;
        for (const MdfRequest& r : repository.requests(filter))
            items.append({false, r.id, r.number, r.partnerKey, r.activityType, r.description, r.requestedMinor,
                          r.currency, r.submittedAt.toUTC().date()});
        // A claim is filed against an approved request: read those once, not one query per claim.
        filter.statuses = {toString(MdfRequestStatus::Approved)};
        QHash<qint64, MdfRequest> approved;
        for (const MdfRequest& r : repository.requests(filter))
            approved.insert(r.number, r);
        filter.statuses = {toString(MdfClaimStatus::Submitted)};
        for (const MdfClaim& c : repository.claims(filter)) {
            const MdfRequest r = approved.value(c.requestNumber);
            items.append({true, c.id, c.requestNumber, c.partnerKey, r.activityType, r.description, c.claimedMinor,
                          c.currency, c.submittedOn});
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const MdfQueueItem& a, const MdfQueueItem& b) { return a.submittedOn < b.submittedOn; });
        return items;
    };
}

void MdfApprovalQueueModel::apply(std::any&& result)
{
    m_rows = std::any_cast<QList<MdfQueueItem>>(std::move(result));
}

int MdfApprovalQueueModel::ageDays(int row) const
{
    const QDate& since = m_rows.at(row).submittedOn;
    return since.isValid() ? int(since.daysTo(today())) : 0;
}

int MdfApprovalQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MdfApprovalQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MdfApprovalQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const MdfQueueItem& item = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return item.id;
    case StatusRole:
        return item.claim ? QStringLiteral("claim") : QStringLiteral("request");
    case SearchRole:
        return QStringList{QString::number(item.requestNumber), item.partnerKey, item.activityType, item.description}
            .join(QLatin1Char(' '))
            .toLower();
    case Qt::TextAlignmentRole:
        if (index.column() == RequestNumber || index.column() == Amount || index.column() == Age)
            return rightAligned();
        return {};
    case Qt::ToolTipRole:
        return index.column() == Activity ? item.description : QString();
    case SortRole:
        switch (index.column()) {
        case RequestNumber:
            return item.requestNumber;
        case Amount:
            return item.amountMinor;
        case SubmittedOn:
            return item.submittedOn.toJulianDay();
        case Age:
            return ageDays(index.row());
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Kind:
            return item.claim ? tr("Claim") : tr("Request");
        case RequestNumber:
            return item.requestNumber;
        case Partner:
            return item.partnerKey;
        case Activity:
            return item.description.isEmpty() ? item.activityType
                                              : tr("%1: %2").arg(item.activityType, item.description);
        case Amount:
            return formatMoney(Money{item.amountMinor, item.currency});
        case SubmittedOn:
            return QLocale().toString(item.submittedOn, QLocale::ShortFormat);
        case Age:
            return ageDays(index.row());
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant MdfApprovalQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Kind:
        return tr("Waiting");
    case RequestNumber:
        return tr("Request");
    case Partner:
        return tr("Partner");
    case Activity:
        return tr("Activity");
    case Amount:
        return tr("Amount");
    case SubmittedOn:
        return tr("Submitted");
    case Age:
        return tr("Age (days)");
    default:
        return {};
    }
}

} // namespace pd
