#pragma once

#include "domain/Mdf.h"
#include "models/MdfLoadedModel.h"

namespace pd {

/// Allocation versus spend per partner in a budget (issue 10, items 5 and 6), from MdfBudgetRepository::status():
/// allocated, committed, claimed, paid, available and expired (formatMoney, right-aligned) and the utilization
/// (claimed + committed) / allocated as a percentage (UtilizationRole: 0–1 for a bar delegate). The budget's own
/// figures are budgetStatus(). No budget: no rows. Loaded on a worker.
class MdfPartnerFiguresModel : public MdfLoadedModel
{
    Q_OBJECT
public:
    enum Column { Partner, Allocated, Committed, Claimed, Paid, Available, Expired, Utilization, ColumnCount };
    enum FiguresRole {
        UtilizationRole = SearchRole + 1 ///< double 0–1: (claimed + committed) / allocated; 0 without allocation
    };

    using MdfLoadedModel::MdfLoadedModel;

    /// The budget's status at the last load (empty budget id when none is shown).
    const MdfBudgetStatus& budgetStatus() const { return m_status; }
    /// (claimed + committed) / allocated, 0 when nothing is allocated.
    static double utilization(const MdfFigures& figures);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    Query query(const QString& budgetId) const override;
    void apply(std::any&& result) override;

private:
    MdfBudgetStatus m_status;
};

} // namespace pd
