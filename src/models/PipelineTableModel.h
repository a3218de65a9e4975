#pragma once

#include "storage/PipelineRepository.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace pd {

class ChangeNotifier;

/// The pipeline table (issue 3, item 6): deals matching a DealFilter, loaded lazily in pages of pageSize() rows
/// through PipelineRepository::list (canFetchMore/fetchMore), so a book with 1,000,000 deals opens at once. The
/// filter and sort order are applied by re-querying (nothing is filtered or sorted in memory). Reloads on
/// ChangeNotifier::dealsChanged and bookReset, coalesced into one reload per event-loop turn (nothing polls).
class PipelineTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Status, Partner, Customer, Product, Amount, ExpectedClose, Registered, ColumnCount };
    enum Role { DealIdRole = Qt::UserRole + 1, StatusRole, RegistrationNumberRole };

    PipelineTableModel(PipelineRepository& repository, ChangeNotifier* notifier, QObject* parent = nullptr);

    /// Rows fetched per page.
    static constexpr int pageSize() { return 500; }

    void setFilter(const DealFilter& filter);
    const DealFilter& filter() const { return m_filter; }
    /// How many deals match the filter (all pages, loaded or not).
    qint64 totalCount() const { return m_total; }
    /// The deal at `row` (a loaded row).
    const DealListRow& row(int row) const { return m_rows.at(row); }
    /// Row of the deal `id` among the loaded rows, or -1.
    int rowOf(const QString& id) const;
    /// Re-queries the first pages now (as many rows as were loaded, at least one page).
    void reload();
    /// The message of the last failed query, or empty.
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    /// Sorts by re-querying with the column's ORDER BY (DealSort); Number ascending is the default order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /// A reload finished (`total` deals match the filter).
    void reloaded(qint64 total);

private:
    void scheduleReload();
    PipelineRepository& m_repository;
    DealFilter m_filter;
    QList<DealListRow> m_rows;
    qint64 m_total = 0;
    QString m_error;
    QTimer m_reloadTimer;
};

} // namespace pd
