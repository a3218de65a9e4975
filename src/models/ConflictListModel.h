#pragma once

#include "models/BackgroundQuery.h"
#include "models/ReloadGate.h"
#include "storage/ConflictRepository.h"
#include "storage/DatabaseConfig.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>

namespace pd {

class ChangeNotifier;
class Clock;

/// The conflict list (issue 3, item 4): every registration that conflicts with an earlier one under the
/// DESIGN.md section 3 rule, with both registrations and partners, the customer and product, who was first and by
/// how much, and the recorded resolution. The full scan (ConflictRepository::allConflicts with the book's program
/// rules) runs on a worker thread with its own connection to `config`, never on the GUI thread; reloads on
/// ChangeNotifier::dealsChanged/bookReset (a reload requested while one runs is queued, not lost). While
/// inactive (its pane is hidden) a change only marks the list stale: a full scan of a million deals costs
/// seconds of CPU, so it runs when someone looks. Destroying the model never waits for a running scan: the scan is
/// told to stop (a shared cancel flag checked in its loops) and its result, if any, is dropped.
class ConflictListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Later, LaterPartner, Earlier, EarlierPartner, Customer, Product, FirstBy, Resolution, ColumnCount };
    enum Role { LaterIdRole = Qt::UserRole + 1, EarlierIdRole, OpenRole };

    /// `clock` (the book's) must outlive the model; a scan reads it on the GUI thread when it starts.
    /// `pool` runs its scans (nullptr: Qt's global pool; see workerPool()).
    ConflictListModel(DatabaseConfig config, const Clock& clock, ChangeNotifier* notifier, QObject* parent = nullptr,
                      QThreadPool* pool = nullptr);
    ~ConflictListModel() override;

    /// Starts a reload on the worker thread; loaded() follows.
    void reload();
    /// Something the list shows may have changed (e.g. a conflict resolution recorded or undone): reloads when
    /// active, else marks the list stale.
    void bookChanged();
    /// Active (the default): changes reload at once. Inactive: changes mark the list stale; activating
    /// reloads a stale list.
    void setActive(bool active);
    bool isStale() const { return m_gate.isStale(); }
    bool isLoading() const { return m_gate.isLoading(); }
    const ConflictInfo& conflict(int row) const { return m_rows.at(row); }
    /// Registrations that conflict with at least one earlier one, and conflicting pairs (rows).
    int conflictedRegistrations() const;
    int pairs() const { return int(m_rows.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "12 days", "3 hours", "40 minutes": how long the earlier registration came first.
    static QString durationText(qint64 seconds);

Q_SIGNALS:
    /// A reload finished; `error` is empty on success.
    void loaded(const QString& error);

private:
    struct Result
    {
        QList<ConflictInfo> rows;
        QString error;
    };
    void onFinished();
    void startScan();
    DatabaseConfig m_config;
    QThreadPool* m_pool;
    const Clock& m_clock;
    CancelFlag m_cancel; ///< of the running scan
    QList<ConflictInfo> m_rows;
    QFutureWatcher<Result> m_watcher;
    ReloadGate m_gate{[this] { startScan(); }, /*active=*/true};
};

} // namespace pd
