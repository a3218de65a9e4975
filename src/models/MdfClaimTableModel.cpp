#include "models/MdfClaimTableModel.h"

#include "domain/Money.h"
#include "storage/MdfRequestRepository.h"

#include <QLocale>

namespace pd {

MdfLoadedModel::Query MdfClaimTableModel::query(const QString& budgetId) const
{
    return [budgetId](Database& db, const Clock& clock) -> std::any {
        MdfFilter filter;
        filter.budgetId = budgetId;
        return MdfRequestRepository(db, clock).claims(filter);
    };
}

void MdfClaimTableModel::apply(std::any&& result)
{
    m_rows = std::any_cast<QList<MdfClaim>>(std::move(result));
}

int MdfClaimTableModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

int MdfClaimTableModel::ageDays(const MdfClaim& claim) const
{
    if (claim.status != MdfClaimStatus::Submitted || !claim.submittedOn.isValid())
        return -1;
    return int(claim.submittedOn.daysTo(today()));
}

int MdfClaimTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MdfClaimTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MdfClaimTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const MdfClaim& c = m_rows.at(index.row());
    const int age = ageDays(c);
    const auto date = [](const QDate& d) {
        return d.isValid() ? QLocale().toString(d, QLocale::ShortFormat) : QString();
    };
    switch (role) {
    case IdRole:
        return c.id;
    case StatusRole:
        return toString(c.status);
    case SearchRole:
        return QStringList{QString::number(c.requestNumber), c.partnerKey, c.paymentReference}
            .join(QLatin1Char(' '))
            .toLower();
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case RequestNumber:
        case ActualCost:
        case Claimed:
        case Leads:
        case Proofs:
        case Age:
            return rightAligned();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Proofs) {
            QStringList lines;
            for (const MdfProof& p : c.proofs)
                lines << tr("%1 (%2), SHA-256 %3").arg(p.fileName, p.proofType, p.sha256);
            return lines.join(QLatin1Char('\n'));
        }
        if (index.column() == Status && !c.reason.isEmpty())
            return c.reason;
        return {};
    case SortRole:
        switch (index.column()) {
        case RequestNumber:
            return c.requestNumber;
        case ActualCost:
            return c.actualCostMinor;
        case Claimed:
            return c.claimedMinor;
        case Leads:
            return c.leads;
        case Proofs:
            return int(c.proofs.size());
        case SubmittedOn:
            return c.submittedOn.toJulianDay();
        case Age:
            return age;
        case PaidOn:
            return c.paidOn.isValid() ? c.paidOn.toJulianDay() : 0;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case RequestNumber:
            return c.requestNumber;
        case Partner:
            return c.partnerKey;
        case ActualCost:
            return formatMoney(Money{c.actualCostMinor, c.currency});
        case Claimed:
            return formatMoney(Money{c.claimedMinor, c.currency});
        case Leads:
            return c.leads;
        case Proofs:
            return int(c.proofs.size());
        case Status:
            return toString(c.status);
        case SubmittedOn:
            return date(c.submittedOn);
        case Age:
            return age >= 0 ? QVariant(age) : QVariant();
        case PaidOn:
            return date(c.paidOn);
        case Reference:
            return c.paymentReference;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant MdfClaimTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RequestNumber:
        return tr("Request");
    case Partner:
        return tr("Partner");
    case ActualCost:
        return tr("Actual cost");
    case Claimed:
        return tr("Claimed");
    case Leads:
        return tr("Leads");
    case Proofs:
        return tr("Proofs");
    case Status:
        return tr("Status");
    case SubmittedOn:
        return tr("Submitted");
    case Age:
        return tr("Age (days)");
    case PaidOn:
        return tr("Paid on");
    case Reference:
        return tr("Reference");
    default:
        return {};
    }
}

} // namespace pd
