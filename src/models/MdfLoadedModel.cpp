#include "models/MdfLoadedModel.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"

namespace pd {

MdfLoadedModel::MdfLoadedModel(DatabaseConfig config, const Clock& clock, ChangeNotifier* notifier, QObject* parent,
                               QThreadPool* pool)
    : QAbstractTableModel(parent), m_config(std::move(config)), m_clock(clock), m_pool(pool), m_today(clock.todayUtc())
{
    connect(&m_watcher, &QFutureWatcher<BackgroundResult<std::any>>::finished, this, &MdfLoadedModel::onFinished);
    if (notifier) {
        connect(notifier, &ChangeNotifier::mdfChanged, this, [this] { m_gate.changed(); });
        connect(notifier, &ChangeNotifier::bookReset, this, [this] { m_gate.changed(); });
    }
}

MdfLoadedModel::~MdfLoadedModel() = default; // never waits: the watcher drops a late result

void MdfLoadedModel::setBudgetId(const QString& budgetId)
{
    if (budgetId == m_budgetId && !m_gate.isStale())
        return;
    m_budgetId = budgetId;
    m_gate.changed();
}

void MdfLoadedModel::reload()
{
    m_gate.request();
}

void MdfLoadedModel::setActive(bool active)
{
    m_gate.setActive(active);
}

QVariant MdfLoadedModel::rightAligned()
{
    return int(Qt::AlignRight | Qt::AlignVCenter);
}

void MdfLoadedModel::startLoad()
{
    Query work = query(m_budgetId);
    m_watcher.setFuture(runInBackground<std::any>(m_config, m_clock.nowUtc(), std::move(work), m_pool));
}

void MdfLoadedModel::onFinished()
{
    BackgroundResult<std::any> result = m_watcher.result();
    if (m_gate.finished())
        return; // the book changed meanwhile: a new load runs
    if (result.error.isEmpty()) {
        beginResetModel();
        m_today = m_clock.todayUtc();
        apply(std::move(result.value));
        endResetModel();
    }
    Q_EMIT loaded(result.error);
}

} // namespace pd
