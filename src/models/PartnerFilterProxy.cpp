#include "models/PartnerFilterProxy.h"

#include "models/PartnerTableModel.h"

namespace pd {

PartnerFilterProxy::PartnerFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(PartnerTableModel::SortRole);
}

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
    invalidateFilter();
}

void PartnerFilterProxy::setTypeFilter(std::optional<PartnerType> type)
{
    if (type == m_type)
        return;
    m_type = type;
    invalidateFilter();
}

void PartnerFilterProxy::setStageFilter(std::optional<LifecycleStage> stage)
{
    if (stage == m_stage)
        return;
    m_stage = stage;
    invalidateFilter();
}

void PartnerFilterProxy::setTerritoryFilter(const QString& territory)
{
    if (territory == m_territory)
        return;
    m_territory = territory;
    invalidateFilter();
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

bool PartnerFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    const PartnerRow& a = m_model->rowAt(left.row());
    const PartnerRow& b = m_model->rowAt(right.row());
    auto text = [](const QString& x, const QString& y) { return x.compare(y, Qt::CaseInsensitive) < 0; };
    switch (left.column()) {
    case PartnerTableModel::Name:
        return text(a.partner.name, b.partner.name);
    case PartnerTableModel::Key:
        return text(a.partner.key, b.partner.key);
    case PartnerTableModel::Type:
        return a.partner.type < b.partner.type;
    case PartnerTableModel::Stage:
        return a.partner.stage < b.partner.stage;
    case PartnerTableModel::Tier:
        return text(a.partner.tier, b.partner.tier);
    case PartnerTableModel::Territory:
        return text(a.partner.territory, b.partner.territory);
    case PartnerTableModel::ChannelManager:
        return text(a.partner.channelManager, b.partner.channelManager);
    case PartnerTableModel::Country:
        return text(a.partner.country, b.partner.country);
    case PartnerTableModel::City:
        return text(a.partner.city, b.partner.city);
    case PartnerTableModel::Contacts:
        return a.contactCount < b.contactCount;
    case PartnerTableModel::OpenDeals:
        return a.openDealCount < b.openDealCount;
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace pd
