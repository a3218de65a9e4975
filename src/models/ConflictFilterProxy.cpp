#include "models/ConflictFilterProxy.h"

#include "domain/Enums.h"
#include "models/ConflictListModel.h"

namespace pd {

void ConflictFilterProxy::setUnresolvedOnly(bool on)
{
    m_unresolvedOnly = on;
    invalidateFilter();
}

void ConflictFilterProxy::setOpenOnly(bool on)
{
    m_openOnly = on;
    invalidateFilter();
}

void ConflictFilterProxy::setPartnerKey(const QString& key)
{
    m_partnerKey = key;
    invalidateFilter();
}

void ConflictFilterProxy::setCustomerText(const QString& text)
{
    m_customerText = text.trimmed();
    invalidateFilter();
}

bool ConflictFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const auto* model = qobject_cast<const ConflictListModel*>(sourceModel());
    if (!model || sourceParent.isValid())
        return true;
    const ConflictInfo& c = model->conflict(sourceRow);
    if (m_unresolvedOnly && !c.resolution.isEmpty())
        return false;
    if (m_openOnly) {
        const auto status = dealStatusFromString(c.later.status);
        if (!status || !isOpen(*status))
            return false;
    }
    if (!m_partnerKey.isEmpty() && c.later.partnerKey != m_partnerKey && c.earlier.partnerKey != m_partnerKey)
        return false;
    if (!m_customerText.isEmpty() && !c.customer.contains(m_customerText, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace pd
