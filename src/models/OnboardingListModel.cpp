#include "models/OnboardingListModel.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"

#include <QBrush>
#include <QPalette>

namespace pd {

OnboardingListModel::OnboardingListModel(DatabaseConfig config, const Clock& clock, ChangeNotifier* notifier,
                                         QObject* parent, QThreadPool* pool)
    : QAbstractTableModel(parent), m_config(std::move(config)), m_clock(clock), m_pool(pool)
{
    connect(&m_watcher, &QFutureWatcher<BackgroundResult<QList<OnboardingRow>>>::finished, this,
            &OnboardingListModel::onFinished);
    if (notifier) {
        connect(notifier, &ChangeNotifier::partnersChanged, this, [this] { m_gate.changed(); });
        connect(notifier, &ChangeNotifier::checklistsChanged, this, [this] { m_gate.changed(); });
        connect(notifier, &ChangeNotifier::bookReset, this, [this] { m_gate.changed(); });
    }
}

OnboardingListModel::~OnboardingListModel() = default; // never waits: the watcher drops a late result

void OnboardingListModel::setActive(bool active)
{
    m_gate.setActive(active);
}

void OnboardingListModel::setKind(ChecklistKind kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    beginResetModel(); // the other kind's rows are not shown meanwhile
    m_rows.clear();
    endResetModel();
    m_gate.changed();
}

void OnboardingListModel::reload()
{
    m_gate.request();
}

void OnboardingListModel::startLoad()
{
    const ChecklistKind kind = m_kind;
    m_watcher.setFuture(runInBackground<QList<OnboardingRow>>(
        m_config, m_clock.nowUtc(),
        [kind](Database& db, const Clock& clock) {
            const ChecklistRepository checklists(db, clock);
            return kind == ChecklistKind::Onboarding ? checklists.onboardingRows(clock.todayUtc())
                                                     : checklists.offboardingRows(clock.todayUtc());
        },
        m_pool));
}

void OnboardingListModel::onFinished()
{
    BackgroundResult<QList<OnboardingRow>> result = m_watcher.result();
    if (m_gate.finished())
        return; // the book changed meanwhile: a new load runs
    if (result.error.isEmpty()) {
        beginResetModel();
        m_rows = std::move(result.value);
        m_today = m_clock.todayUtc();
        endResetModel();
    }
    Q_EMIT loaded(result.error);
}

int OnboardingListModel::rowOf(const QString& partnerId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).partnerId == partnerId)
            return i;
    return -1;
}

int OnboardingListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OnboardingListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OnboardingListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const OnboardingRow& r = m_rows.at(index.row());
    const ChecklistProgress& p = r.progress;
    const QDate since = m_kind == ChecklistKind::Onboarding ? r.stageSince : r.progress.startedOn;
    const int days = since.isValid() ? int(since.daysTo(m_today)) : 0;
    switch (role) {
    case PartnerIdRole:
        return r.partnerId;
    case OverdueRole:
        return p.overdue > 0;
    case ChannelManagerRole:
        return r.channelManager;
    case TerritoryRole:
        return r.territory;
    case Qt::ForegroundRole:
        if (p.overdue > 0 && (index.column() == Overdue || index.column() == NextDue))
            return QBrush(QColor(0xc0, 0x1c, 0x28)); // a red readable on light and dark backgrounds
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DaysInOnboarding || index.column() == Overdue || index.column() == Progress)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Progress && r.started)
            return tr("%1 of %2 required tasks done; %3 of %4 tasks in all")
                .arg(p.requiredDone)
                .arg(p.required)
                .arg(p.done)
                .arg(p.tasks);
        if (index.column() == Progress)
            return tr("The onboarding checklist has not been started");
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Key:
            return r.key;
        case Name:
            return r.name;
        case Type:
            return r.partnerType;
        case ChannelManager:
            return r.channelManager;
        case Territory:
            return r.territory;
        case DaysInOnboarding:
            return days;
        case Progress:
            return r.started ? tr("%1/%2").arg(p.requiredDone).arg(p.required) : tr("not started");
        case NextTask:
            return p.nextTaskTitle;
        case NextDue:
            return p.nextDueOn.isValid() ? QLocale().toString(p.nextDueOn, QLocale::ShortFormat) : QString();
        case Overdue:
            return p.overdue;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant OnboardingListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case Name:
        return tr("Partner");
    case Type:
        return tr("Type");
    case ChannelManager:
        return tr("Channel manager");
    case Territory:
        return tr("Territory");
    case DaysInOnboarding:
        return tr("Days");
    case Progress:
        return tr("Progress");
    case NextTask:
        return tr("Next task");
    case NextDue:
        return tr("Due");
    case Overdue:
        return tr("Overdue");
    default:
        return {};
    }
}

} // namespace pd
