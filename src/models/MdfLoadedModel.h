#pragma once

#include "models/BackgroundQuery.h"
#include "models/ReloadGate.h"
#include "storage/DatabaseConfig.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QFutureWatcher>
#include <any>

namespace pd {

class ChangeNotifier;
class Clock;

/// Base of the MDF pane's table models (issue 10, item 6): rows of one budget (or every budget when the budget id is
/// empty) read on a worker thread with its own connection (runInBackground), reloaded on ChangeNotifier::mdfChanged
/// and bookReset while active and when it becomes active again after a change (ReloadGate). A subclass gives the
/// query (query()) and takes its result on the GUI thread (apply(), inside a model reset). Money cells are
/// right-aligned; SortRole gives numbers and dates as numbers so that a QSortFilterProxyModel sorts them as such.
class MdfLoadedModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the row's UUID text (request, claim, …)
        SortRole,                  ///< the value to sort by (a number for numbers, money, dates and ages)
        StatusRole,                ///< the row's status name (MdfRequestStatus / MdfClaimStatus toString()), if any
        SearchRole                 ///< text a search matches (lower case)
    };

    /// `clock` gives "today" (ages); `notifier` (may be null) triggers reloads; `pool` runs the loads (nullptr: Qt's
    /// global pool).
    MdfLoadedModel(DatabaseConfig config, const Clock& clock, ChangeNotifier* notifier, QObject* parent = nullptr,
                   QThreadPool* pool = nullptr);
    ~MdfLoadedModel() override;

    /// Shows the rows of budget `budgetId` (UUID text; empty: every budget) and reloads.
    void setBudgetId(const QString& budgetId);
    QString budgetId() const { return m_budgetId; }
    /// Starts a background reload; loaded() follows.
    void reload();
    /// While inactive a change in the book only marks the rows stale; becoming active reloads stale rows. A new
    /// model is inactive and stale.
    void setActive(bool active);
    bool isLoading() const { return m_gate.isLoading(); }
    bool isStale() const { return m_gate.isStale(); }
    /// The date ages were computed for (the clock's today at the last load).
    QDate today() const { return m_today; }

Q_SIGNALS:
    /// A load finished; `error` is empty or the storage message (the rows then stay as they were).
    void loaded(const QString& error);

protected:
    /// The work done on the worker: reads the rows of `budgetId` with `db` (a connection of the worker) at `clock`'s
    /// now. Must capture values only.
    using Query = std::function<std::any(Database& db, const Clock& clock)>;
    virtual Query query(const QString& budgetId) const = 0;
    /// Takes the query's result (called between beginResetModel() and endResetModel()).
    virtual void apply(std::any&& result) = 0;

    /// Right-aligned for money and counts.
    static QVariant rightAligned();

private:
    void startLoad();
    void onFinished();
    DatabaseConfig m_config;
    const Clock& m_clock;
    QThreadPool* m_pool;
    QString m_budgetId;
    QDate m_today;
    QFutureWatcher<BackgroundResult<std::any>> m_watcher;
    ReloadGate m_gate{[this] { startLoad(); }, /*active=*/false};
};

} // namespace pd
