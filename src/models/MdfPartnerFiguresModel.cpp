#include "models/MdfPartnerFiguresModel.h"

#include "domain/Money.h"
#include "storage/MdfBudgetRepository.h"

namespace pd {

MdfLoadedModel::Query MdfPartnerFiguresModel::query(const QString& budgetId) const
{
    return [budgetId](Database& db, const Clock& clock) -> std::any {
        if (budgetId.isEmpty())
            return MdfBudgetStatus{};
        return MdfBudgetRepository(db, clock).status(budgetId);
    };
}

void MdfPartnerFiguresModel::apply(std::any&& result)
{
    m_status = std::any_cast<MdfBudgetStatus>(std::move(result));
}

double MdfPartnerFiguresModel::utilization(const MdfFigures& figures)
{
    return figures.allocated > 0 ? double(figures.claimed + figures.committed) / double(figures.allocated) : 0.0;
}

int MdfPartnerFiguresModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_status.partners.size());
}

int MdfPartnerFiguresModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MdfPartnerFiguresModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_status.partners.size())
        return {};
    const QString& key = m_status.partners.at(index.row()).first;
    const MdfFigures& f = m_status.partners.at(index.row()).second;
    const double used = utilization(f);
    qint64 amount = 0;
    switch (index.column()) {
    case Allocated:
        amount = f.allocated;
        break;
    case Committed:
        amount = f.committed;
        break;
    case Claimed:
        amount = f.claimed;
        break;
    case Paid:
        amount = f.paid;
        break;
    case Available:
        amount = f.available;
        break;
    case Expired:
        amount = f.expired;
        break;
    default:
        break;
    }
    switch (role) {
    case IdRole:
    case SearchRole:
        return key;
    case UtilizationRole:
        return used;
    case Qt::TextAlignmentRole:
        return index.column() == Partner ? QVariant() : rightAligned();
    case SortRole:
        if (index.column() == Partner)
            return key;
        return index.column() == Utilization ? QVariant(used) : QVariant(amount);
    case Qt::DisplayRole:
        if (index.column() == Partner)
            return key;
        if (index.column() == Utilization)
            return QStringLiteral("%1%").arg(qRound(used * 100));
        return formatMoney(Money{amount, m_status.budget.currency});
    default:
        return {};
    }
}

QVariant MdfPartnerFiguresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Partner:
        return tr("Partner");
    case Allocated:
        return tr("Allocated");
    case Committed:
        return tr("Committed");
    case Claimed:
        return tr("Claimed");
    case Paid:
        return tr("Paid");
    case Available:
        return tr("Available");
    case Expired:
        return tr("Expired");
    case Utilization:
        return tr("Utilization");
    default:
        return {};
    }
}

} // namespace pd
