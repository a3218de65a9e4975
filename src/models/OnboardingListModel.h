#pragma once

#include "domain/Checklist.h"
#include "models/BackgroundQuery.h"
#include "models/ReloadGate.h"
#include "storage/DatabaseConfig.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QList>

namespace pd {

class ChangeNotifier;
class Clock;

/// The partners in onboarding (issue 9, item 4): one row per partner whose stage is Onboarding, with its onboarding
/// checklist's progress (ChecklistRepository::onboardingRows) — or, with setKind(Offboarding), every partner being
/// offboarded with its offboarding checklist's progress (ChecklistRepository::offboardingRows; item 6) — loaded on a
/// worker thread with its own connection and reloaded when partners or checklists change (ChangeNotifier). Columns:
/// partner key, name, type, channel manager, territory, days in onboarding (offboarding: since its checklist started),
/// progress (required tasks done / required), next task, its due date, overdue tasks. Rows with overdue tasks are
/// highlighted (OverdueRole, red text in the overdue columns); OnboardingFilterProxy sorts them by value.
class OnboardingListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Key,
        Name,
        Type,
        ChannelManager,
        Territory,
        DaysInOnboarding,
        Progress,
        NextTask,
        NextDue,
        Overdue,
        ColumnCount
    };
    enum Role {
        PartnerIdRole = Qt::UserRole + 1, ///< the partner's UUID text
        OverdueRole,                      ///< bool: the partner has overdue tasks
        ChannelManagerRole,               ///< the row's channel manager (for the filter)
        TerritoryRole                     ///< the row's territory (for the filter)
    };

    /// `clock` gives "today" (days in onboarding, overdue); `notifier` (may be null) triggers reloads; `pool` runs
    /// the loads (nullptr: Qt's global pool).
    OnboardingListModel(DatabaseConfig config, const Clock& clock, ChangeNotifier* notifier, QObject* parent = nullptr,
                        QThreadPool* pool = nullptr);
    ~OnboardingListModel() override;

    /// Which checklists the rows show (a new model: Onboarding); reloads when it changes.
    void setKind(ChecklistKind kind);
    ChecklistKind kind() const { return m_kind; }
    /// Starts a background reload; loaded() follows. A reload asked for while one runs runs after it.
    void reload();
    /// While inactive (its pane is hidden) a change in the book only marks the rows stale; becoming active reloads
    /// stale rows. A new model is inactive and stale.
    void setActive(bool active);
    bool isLoading() const { return m_gate.isLoading(); }
    /// True when the book changed since the last load (a reload is due once the model is active).
    bool isStale() const { return m_gate.isStale(); }
    const OnboardingRow& rowAt(int row) const { return m_rows.at(row); }
    /// The row of partner `partnerId`, or -1.
    int rowOf(const QString& partnerId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// A load finished; `error` is empty or the storage message (the rows then stay as they were).
    void loaded(const QString& error);

private:
    void startLoad();
    void onFinished();
    DatabaseConfig m_config;
    const Clock& m_clock;
    QThreadPool* m_pool;
    QFutureWatcher<BackgroundResult<QList<OnboardingRow>>> m_watcher;
    QList<OnboardingRow> m_rows;
    QDate m_today; ///< the date the rows were computed for
    ChecklistKind m_kind = ChecklistKind::Onboarding;
    ReloadGate m_gate{[this] { startLoad(); }, /*active=*/false};
};

} // namespace pd
