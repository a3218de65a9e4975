#include "models/OnboardingFilterProxy.h"

#include "models/OnboardingListModel.h"

namespace pd {

OnboardingFilterProxy::OnboardingFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {}

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

namespace {
/// -1, 0 or 1 as `a` sorts before, with or after `b`.
template <typename T> int order(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareText(const QString& a, const QString& b)
{
    return QString::compare(a, b, Qt::CaseInsensitive);
}
} // namespace

bool OnboardingFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const auto* model = qobject_cast<const OnboardingListModel*>(sourceModel());
    if (!model)
        return QSortFilterProxyModel::lessThan(left, right);
    const OnboardingRow& a = model->rowAt(left.row());
    const OnboardingRow& b = model->rowAt(right.row());
    const ChecklistProgress& pa = a.progress;
    const ChecklistProgress& pb = b.progress;
    int c = 0;
    switch (left.column()) {
    case OnboardingListModel::Key:
        c = compareText(a.key, b.key);
        break;
    case OnboardingListModel::Name:
        c = compareText(a.name, b.name);
        break;
    case OnboardingListModel::Type:
        c = compareText(a.partnerType, b.partnerType);
        break;
    case OnboardingListModel::ChannelManager:
        c = compareText(a.channelManager, b.channelManager);
        break;
    case OnboardingListModel::Territory:
        c = compareText(a.territory, b.territory);
        break;
    case OnboardingListModel::DaysInOnboarding:
        c = model->kind() == ChecklistKind::Onboarding ? order(b.stageSince, a.stageSince) // earlier: more days
                                                       : order(pb.startedOn, pa.startedOn);
        break;
    case OnboardingListModel::Progress: {
        // Share of required tasks done; not started before every started checklist.
        const double ra = !a.started ? -1.0 : pa.required > 0 ? double(pa.requiredDone) / pa.required : 1.0;
        const double rb = !b.started ? -1.0 : pb.required > 0 ? double(pb.requiredDone) / pb.required : 1.0;
        c = order(ra, rb);
        break;
    }
    case OnboardingListModel::NextTask:
        c = compareText(pa.nextTaskTitle, pb.nextTaskTitle);
        break;
    case OnboardingListModel::NextDue:
        // Without a next task (all done, or not started): last.
        c = pa.nextDueOn.isValid() != pb.nextDueOn.isValid() ? (pa.nextDueOn.isValid() ? -1 : 1)
                                                             : order(pa.nextDueOn, pb.nextDueOn);
        break;
    case OnboardingListModel::Overdue:
        c = order(pa.overdue, pb.overdue);
        break;
    default:
        break;
    }
    if (c == 0)
        c = compareText(a.name, b.name);
    return c != 0 ? c < 0 : left.row() < right.row();
}

} // namespace pd
