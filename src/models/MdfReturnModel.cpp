#include "models/MdfReturnModel.h"

#include "domain/Money.h"

#include <QLocale>

namespace pd {

void MdfReturnModel::setByActivityType(bool byActivityType)
{
    if (byActivityType == m_byActivityType)
        return;
    m_byActivityType = byActivityType;
    beginResetModel(); // the other grouping's rows are not shown meanwhile
    m_rows.clear();
    endResetModel();
    reload();
}

MdfLoadedModel::Query MdfReturnModel::query(const QString& budgetId) const
{
    const bool byType = m_byActivityType;
    return [budgetId, byType](Database& db, const Clock& clock) -> std::any {
        return MdfRequestRepository(db, clock).mdfReturn(budgetId, byType);
    };
}

void MdfReturnModel::apply(std::any&& result)
{
    m_rows = std::any_cast<QList<MdfReturnRow>>(std::move(result));
}

int MdfReturnModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MdfReturnModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MdfReturnModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const MdfReturnRow& r = m_rows.at(index.row());
    const std::optional<qint64> perLead = r.costPerLeadMinor();
    const std::optional<double> perDollar = r.revenuePerMdfDollar();
    const auto money = [&r](qint64 minor) { return formatMoney(Money{minor, r.currency}); };
    switch (role) {
    case IdRole:
    case SearchRole:
        return r.group;
    case Qt::TextAlignmentRole:
        return index.column() == Group ? QVariant() : rightAligned();
    case SortRole:
        switch (index.column()) {
        case Spend:
            return r.spentMinor;
        case Leads:
            return r.leads;
        case CostPerLead:
            return perLead ? *perLead : -1;
        case Pipeline:
            return r.pipelineMinor;
        case Won:
            return r.wonMinor;
        case Deals:
            return r.deals;
        case RevenuePerDollar:
            return perDollar ? *perDollar : -1.0;
        default:
            return r.group;
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Group:
            return r.group;
        case Spend:
            return money(r.spentMinor);
        case Leads:
            return r.leads;
        case CostPerLead:
            return perLead ? money(*perLead) : QStringLiteral("—");
        case Pipeline:
            return money(r.pipelineMinor);
        case Won:
            return money(r.wonMinor);
        case Deals:
            return r.deals;
        case RevenuePerDollar:
            return perDollar ? QLocale().toString(*perDollar, 'f', 2) : QStringLiteral("—");
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant MdfReturnModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Group:
        return m_byActivityType ? tr("Activity type") : tr("Partner");
    case Spend:
        return tr("MDF spend");
    case Leads:
        return tr("Leads");
    case CostPerLead:
        return tr("Cost per lead");
    case Pipeline:
        return tr("Pipeline");
    case Won:
        return tr("Won revenue");
    case Deals:
        return tr("Deals");
    case RevenuePerDollar:
        return tr("Revenue per MDF dollar");
    default:
        return {};
    }
}

} // namespace pd
