#include "models/OnboardingFilterProxy.h"

#include "models/OnboardingListModel.h"

namespace pd {

OnboardingFilterProxy::OnboardingFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(OnboardingListModel::SortRole);
}

void OnboardingFilterProxy::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void OnboardingFilterProxy::setChannelManager(const QString& name)
{
    if (name == m_channelManager)
        return;
    m_channelManager = name;
    invalidateRowsFilter();
}

void OnboardingFilterProxy::setTerritory(const QString& territory)
{
    if (territory == m_territory)
        return;
    m_territory = territory;
    invalidateRowsFilter();
}

void OnboardingFilterProxy::setOverdueOnly(bool on)
{
    if (on == m_overdueOnly)
        return;
    m_overdueOnly = on;
    invalidateRowsFilter();
}

bool OnboardingFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* model = qobject_cast<const OnboardingListModel*>(sourceModel());
    if (!model || sourceParent.isValid())
        return false;
    const OnboardingRow& r = model->rowAt(sourceRow);
    if (m_overdueOnly && r.progress.overdue == 0)
        return false;
    if (!m_channelManager.isEmpty() && r.channelManager != m_channelManager)
        return false;
    if (!m_territory.isEmpty() && r.territory != m_territory)
        return false;
    if (!m_text.isEmpty() && !r.key.contains(m_text, Qt::CaseInsensitive) &&
        !r.name.contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace pd
