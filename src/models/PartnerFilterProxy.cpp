#include "models/PartnerFilterProxy.h"

#include "models/PartnerTableModel.h"

namespace pd {

PartnerFilterProxy::PartnerFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {}

void PartnerFilterProxy::setPartnerModel(PartnerTableModel* model)
{
    m_model = model;
    setSourceModel(model);
}

void PartnerFilterProxy::setSearchText(const QString& text)
{
    if (text == m_search)
        return;
    m_search = text;
    m_needle = PartnerTableModel::fold(text.trimmed());
    invalidate();
}

void PartnerFilterProxy::setTypeFilter(std::optional<PartnerType> type)
{
    if (type == m_type)
        return;
    m_type = type;
    invalidate();
}

void PartnerFilterProxy::setStageFilter(std::optional<LifecycleStage> stage)
{
    if (stage == m_stage)
        return;
    m_stage = stage;
    invalidate();
}

void PartnerFilterProxy::setTerritoryFilter(const QString& territory)
{
    if (territory == m_territory)
        return;
    m_territory = territory;
    invalidate();
}

bool PartnerFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return true;
    const Partner& p = m_model->rowAt(sourceRow).partner;
    if (m_type && p.type != *m_type)
        return false;
    if (m_stage && p.stage != *m_stage)
        return false;
    if (!m_territory.isEmpty() && p.territory != m_territory)
        return false;
    return m_needle.isEmpty() || m_model->haystack(sourceRow).contains(m_needle);
}

void PartnerFilterProxy::sort(int column, Qt::SortOrder order)
{
    if (m_model)
        m_model->sortBy(column, order);
    else
        QSortFilterProxyModel::sort(column, order);
}

} // namespace pd
