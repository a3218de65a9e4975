#pragma once

#include "models/MdfLoadedModel.h"
#include "storage/MdfRequestRepository.h"

namespace pd {

/// MDF return (issue 10, item 7) per partner or per activity type (MdfRequestRepository::mdfReturn()): MDF spend,
/// leads, cost per lead, pipeline and won revenue of the deals linked to the requests, deals, and revenue per MDF
/// dollar (won / spend). Money right-aligned with formatMoney; "—" where a ratio has no denominator. Loaded on a
/// worker.
class MdfReturnModel : public MdfLoadedModel
{
    Q_OBJECT
public:
    enum Column { Group, Spend, Leads, CostPerLead, Pipeline, Won, Deals, RevenuePerDollar, ColumnCount };

    using MdfLoadedModel::MdfLoadedModel;

    /// Groups rows by activity type (`true`) or by partner (a new model) and reloads.
    void setByActivityType(bool byActivityType);
    bool byActivityType() const { return m_byActivityType; }
    const MdfReturnRow& rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    Query query(const QString& budgetId) const override;
    void apply(std::any&& result) override;

private:
    QList<MdfReturnRow> m_rows;
    bool m_byActivityType = false;
};

} // namespace pd
