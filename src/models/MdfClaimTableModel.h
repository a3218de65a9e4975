#pragma once

#include "domain/Mdf.h"
#include "models/MdfLoadedModel.h"

#include <QList>

namespace pd {

/// The MDF claims of a budget (issue 10, items 4 and 6), oldest first: request number, partner, actual cost, claimed
/// amount (formatMoney, right-aligned), leads, proof count (the proof files and their types as a tooltip), status,
/// submitted on, age in days (Submitted claims: since submission), paid on and payment reference. Loaded on a worker
/// (MdfLoadedModel).
class MdfClaimTableModel : public MdfLoadedModel
{
    Q_OBJECT
public:
    enum Column {
        RequestNumber,
        Partner,
        ActualCost,
        Claimed,
        Leads,
        Proofs,
        Status,
        SubmittedOn,
        Age,
        PaidOn,
        Reference,
        ColumnCount
    };

    using MdfLoadedModel::MdfLoadedModel;

    const MdfClaim& claimAt(int row) const { return m_rows.at(row); }
    /// The row of claim `id`, or -1.
    int rowOf(const QString& id) const;
    /// Days a Submitted claim has waited since it was submitted, or -1 for other statuses.
    int ageDays(const MdfClaim& claim) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    Query query(const QString& budgetId) const override;
    void apply(std::any&& result) override;

private:
    QList<MdfClaim> m_rows;
};

} // namespace pd
