#pragma once

#include "models/MdfLoadedModel.h"

#include <QList>

namespace pd {

/// One item waiting for a decision in the MDF approval queue.
struct MdfQueueItem
{
    bool claim = false; ///< a claim (else a request)
    QString id;         ///< the request's or claim's UUID text
    qint64 requestNumber = 0;
    QString partnerKey;
    QString activityType;
    QString description;
    qint64 amountMinor = 0; ///< requested (request) or claimed (claim) amount
    QString currency;
    QDate submittedOn;
};

/// The approval queue (issue 10, item 6): Submitted requests and Submitted claims of a budget together, oldest first
/// (sorted by waiting time), with their age in days since submission (the clock's today). Loaded on a worker.
class MdfApprovalQueueModel : public MdfLoadedModel
{
    Q_OBJECT
public:
    enum Column { Kind, RequestNumber, Partner, Activity, Amount, SubmittedOn, Age, ColumnCount };

    using MdfLoadedModel::MdfLoadedModel;

    const MdfQueueItem& itemAt(int row) const { return m_rows.at(row); }
    /// Days item `row` has waited.
    int ageDays(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    Query query(const QString& budgetId) const override;
    void apply(std::any&& result) override;

private:
    QList<MdfQueueItem> m_rows;
};

} // namespace pd
