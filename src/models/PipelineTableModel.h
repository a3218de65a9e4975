#pragma once

#include "models/BackgroundQuery.h"
#include "storage/PipelineRepository.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QTimer>

namespace pd {

class ChangeNotifier;

/// The pipeline table (issue 3, item 6): deals matching a DealFilter, loaded lazily in pages of pageSize() rows
/// through PipelineRepository::list (canFetchMore/fetchMore). Every query runs on a worker thread with its own
/// connection to the book (runInBackground), so the GUI never waits, even at 1,000,000 deals: the first page is
/// shown when it arrives (reloaded()), the number of matching deals follows separately (countChanged()), and a
/// further page is appended when it arrives. The filter and sort order are applied by re-querying (nothing is
/// filtered or sorted in memory). Reloads on ChangeNotifier::dealsChanged and bookReset, coalesced into one reload
/// per event-loop turn; results of a superseded query are dropped.
class PipelineTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Status, Partner, Customer, Product, Amount, ExpectedClose, Registered, ColumnCount };
    enum Role { DealIdRole = Qt::UserRole + 1, StatusRole, RegistrationNumberRole, OverdueRole };

    /// Starts loading the first page at once. `pool` runs its queries (nullptr: Qt's global pool; see workerPool()).
    PipelineTableModel(DatabaseConfig config, ChangeNotifier* notifier, QObject* parent = nullptr,
                       QThreadPool* pool = nullptr);
    ~PipelineTableModel() override;

    /// Rows fetched per page.
    static constexpr int pageSize() { return 500; }

    /// Re-queries with `filter` (its sort members give the order).
    void setFilter(const DealFilter& filter);
    const DealFilter& filter() const { return m_filter; }
    /// How many deals match the filter (all pages), or -1 while it is being counted.
    qint64 totalCount() const { return m_total; }
    /// True while the first page of a reload is being queried.
    bool isLoading() const { return m_loading; }
    /// True while a further page is being queried.
    bool isFetching() const { return m_fetching; }
    /// The deal at `row` (a loaded row).
    const DealListRow& row(int row) const { return m_rows.at(row); }
    /// Row of the deal `id` among the loaded rows, or -1.
    int rowOf(const QString& id) const;
    /// Re-queries the first pages (as many rows as are loaded, at least one page); reloaded() follows.
    void reload();
    /// The protection rules and the instant used to mark open registrations whose protection window has ended as
    /// overdue (Status column "Approved (overdue)", OverdueRole true).
    void setProtection(const ProgramRules& rules, const QDateTime& now);
    /// True when the Submitted or Approved registration `r` is past its protection window at the set instant.
    bool isOverdue(const DealListRow& r) const;
    /// The message of the last failed query, or empty.
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    /// Starts querying the next page; the rows are appended when it arrives (pageFetched()).
    void fetchMore(const QModelIndex& parent) override;
    /// Sorts by re-querying with the column's ORDER BY (DealSort); Number ascending is the default order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /// The first page(s) of a reload arrived (`rows` rows loaded).
    void reloaded(int rows);
    /// The number of deals matching the filter is known.
    void countChanged(qint64 total);
    /// A further page was appended.
    void pageFetched(int rows);

private:
    using Page = BackgroundResult<QList<DealListRow>>;
    using Count = BackgroundResult<qint64>;
    void scheduleReload();
    void onPage();
    void onMore();
    void onCount();
    DatabaseConfig m_config;
    QThreadPool* m_pool;
    DealFilter m_filter;
    QList<DealListRow> m_rows;
    qint64 m_total = -1;
    bool m_hasMore = false;
    bool m_loading = false;
    bool m_fetching = false;
    bool m_reloadQueued = false;
    bool m_countQueued = false;
    int m_wanted = pageSize();
    quint64 m_generation = 0; ///< bumped by every reload: late pages of an older query are dropped
    quint64 m_moreGeneration = 0;
    QString m_error;
    ProgramRules m_rules;
    QDateTime m_now; ///< invalid: nothing is marked overdue
    QTimer m_reloadTimer;
    QFutureWatcher<Page> m_pageWatcher;
    QFutureWatcher<Page> m_moreWatcher;
    QFutureWatcher<Count> m_countWatcher;
};

} // namespace pd
