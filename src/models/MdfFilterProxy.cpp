#include "models/MdfFilterProxy.h"

#include "models/MdfLoadedModel.h"

namespace pd {

MdfFilterProxy::MdfFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(MdfLoadedModel::SortRole);
}

void MdfFilterProxy::setStatus(const QString& status)
{
    m_status = status;
    invalidateFilter();
}

void MdfFilterProxy::setSearchText(const QString& text)
{
    m_words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool MdfFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_status.isEmpty() && index.data(MdfLoadedModel::StatusRole).toString() != m_status)
        return false;
    const QString haystack = index.data(MdfLoadedModel::SearchRole).toString();
    for (const QString& word : m_words)
        if (!haystack.contains(word))
            return false;
    return true;
}

} // namespace pd
