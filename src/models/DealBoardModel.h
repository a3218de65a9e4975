#pragma once

#include "domain/Enums.h"
#include "models/BackgroundQuery.h"
#include "storage/PipelineRepository.h"

#include <QAbstractItemModel>
#include <QFutureWatcher>
#include <QTimer>

namespace pd {

class ChangeNotifier;

/// The pipeline board (issue 3, item 6) as a two-level model: one top-level row per status column, in board order
/// (Draft, Submitted, Approved, Won, Lost, Rejected, Expired), with the count of deals of that status under the
/// current filter; under each, cards for the first cardLimit() deals (registration #, partner, customer, product,
/// amount). Everything comes from PipelineRepository (counts and pages in SQL), queried on a worker thread with its
/// own connection (runInBackground) so the GUI never waits; reloaded() says when a reload arrived. Cards drag as
/// mimeType() data (deal id and status); the drop is handled by the view, which runs the undoable action.
/// Reloads on ChangeNotifier::dealsChanged/bookReset, coalesced per event-loop turn.
class DealBoardModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role { DealIdRole = Qt::UserRole + 1, StatusRole, CountRole, RegistrationNumberRole };

    /// Starts loading at once.
    /// `pool` runs its queries (nullptr: Qt's global pool; see workerPool()).
    DealBoardModel(DatabaseConfig config, ChangeNotifier* notifier, QObject* parent = nullptr,
                   QThreadPool* pool = nullptr);
    ~DealBoardModel() override;

    /// Cards loaded per column.
    static constexpr int cardLimit() { return 200; }
    /// The statuses in board order.
    static QList<DealStatus> columns();
    /// The MIME type of a dragged card: "<deal id>\n<status text>" in UTF-8.
    static QString mimeType() { return QStringLiteral("application/x-partnerdesk-deal"); }
    /// Decodes a dragged card; false when `mime` carries none.
    static bool decodeCard(const QMimeData* mime, QString* dealId, DealStatus* status);

    /// The filter (its status member is ignored: every column has its own status).
    void setFilter(const DealFilter& filter);
    /// Top-level index of the column of `status`.
    QModelIndex columnIndex(DealStatus status) const;
    /// Number of deals of `status` under the filter (all of them, not only the loaded cards).
    qint64 count(DealStatus status) const;
    /// Index of the card of deal `id`, or invalid when it is not loaded.
    QModelIndex cardIndex(const QString& id) const;
    /// Re-queries every column; reloaded() follows.
    void reload();
    bool isLoading() const { return m_loading; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }

Q_SIGNALS:
    void reloaded();

private:
    struct Column
    {
        DealStatus status = DealStatus::Draft;
        qint64 count = 0;
        QList<DealListRow> cards;
    };
    using Columns = BackgroundResult<QList<Column>>;
    void onLoaded();
    static constexpr quintptr kTop = 0; ///< internal id of top-level rows; cards use column + 1
    QList<Column> m_columns;
    DatabaseConfig m_config;
    QThreadPool* m_pool;
    DealFilter m_filter;
    QTimer m_reloadTimer;
    QFutureWatcher<Columns> m_watcher;
    bool m_loading = false;
    bool m_reloadQueued = false;
};

} // namespace pd
