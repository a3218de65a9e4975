#pragma once

#include "domain/Mdf.h"
#include "models/MdfLoadedModel.h"

#include <QList>

namespace pd {

/// The MDF requests of a budget (issue 10, items 3 and 6), by number: number, partner, activity type, description,
/// planned dates, total cost, requested and approved amounts (formatMoney, right-aligned), status, and for Submitted
/// requests their age in days since submission (the clock's today). Loaded on a worker (MdfLoadedModel).
class MdfRequestTableModel : public MdfLoadedModel
{
    Q_OBJECT
public:
    enum Column {
        Number,
        Partner,
        ActivityType,
        Description,
        StartsOn,
        EndsOn,
        TotalCost,
        Requested,
        Approved,
        Status,
        Age,
        ColumnCount
    };

    using MdfLoadedModel::MdfLoadedModel;

    const MdfRequest& requestAt(int row) const { return m_rows.at(row); }
    /// The row of request `id`, or -1.
    int rowOf(const QString& id) const;
    /// Days a Submitted request has waited (since submittedAt), or -1 for other statuses.
    int ageDays(const MdfRequest& request) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    Query query(const QString& budgetId) const override;
    void apply(std::any&& result) override;

private:
    QList<MdfRequest> m_rows;
};

} // namespace pd
