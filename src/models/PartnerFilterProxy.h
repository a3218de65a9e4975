#pragma once

#include "domain/Enums.h"

#include <QSortFilterProxyModel>
#include <optional>

namespace pd {

class PartnerTableModel;

/// Filters and sorts the partner roster (issue 2, item 3): search-as-you-type across name, key and city
/// (case-insensitive substring, matched against the model's precomputed case-folded haystack so that a keystroke
/// filters 100,000 partners within a frame), plus exact filters by partner type, lifecycle stage and territory.
/// Sorting is delegated to the model (see sort()): counts numerically, type and stage in their declared order, text
/// case-insensitively.
///
/// The source model must be a PartnerTableModel (setPartnerModel()).
class PartnerFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit PartnerFilterProxy(QObject* parent = nullptr);

    /// Sets the source model; use this instead of setSourceModel().
    void setPartnerModel(PartnerTableModel* model);

    /// Shows only rows whose name, key or city contains `text` (ignoring case); empty shows all.
    void setSearchText(const QString& text);
    QString searchText() const { return m_search; }
    /// Restricts to one partner type; nullopt shows every type.
    void setTypeFilter(std::optional<PartnerType> type);
    /// Restricts to one lifecycle stage; nullopt shows every stage.
    void setStageFilter(std::optional<LifecycleStage> stage);
    /// Restricts to one territory (exact text); empty shows every territory.
    void setTerritoryFilter(const QString& territory);

    /// Sorts by asking the PartnerTableModel to keep its rows in that order (PartnerTableModel::sortBy), so that the
    /// proxy itself only filters: a keystroke is one linear pass over the rows, with no comparisons.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    PartnerTableModel* m_model = nullptr;
    QString m_search; ///< as typed
    QString m_needle; ///< case-folded, trimmed
    std::optional<PartnerType> m_type;
    std::optional<LifecycleStage> m_stage;
    QString m_territory;
};

} // namespace pd
