#include "models/DealBoardModel.h"

#include "domain/Money.h"
#include "storage/ChangeNotifier.h"
#include "storage/StorageError.h"

#include <QMimeData>

namespace pd {

QList<DealStatus> DealBoardModel::columns()
{
    return {DealStatus::Draft, DealStatus::Submitted, DealStatus::Approved, DealStatus::Won,
            DealStatus::Lost,  DealStatus::Rejected,  DealStatus::Expired};
}

DealBoardModel::DealBoardModel(DatabaseConfig config, ChangeNotifier* notifier, QObject* parent, QThreadPool* pool)
    : QAbstractItemModel(parent), m_config(std::move(config)), m_pool(pool)
{
    connect(&m_watcher, &QFutureWatcher<Columns>::finished, this, &DealBoardModel::onLoaded);
    for (DealStatus s : columns())
        m_columns.append(Column{s, 0, {}});
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(0);
    connect(&m_reloadTimer, &QTimer::timeout, this, &DealBoardModel::reload);
    if (notifier) {
        connect(notifier, &ChangeNotifier::dealsChanged, &m_reloadTimer, qOverload<>(&QTimer::start));
        connect(notifier, &ChangeNotifier::bookReset, &m_reloadTimer, qOverload<>(&QTimer::start));
        connect(notifier, &ChangeNotifier::partnersChanged, &m_reloadTimer, qOverload<>(&QTimer::start));
    }
    reload();
}

bool DealBoardModel::decodeCard(const QMimeData* mime, QString* dealId, DealStatus* status)
{
    if (!mime || !mime->hasFormat(mimeType()))
        return false;
    const QStringList parts = QString::fromUtf8(mime->data(mimeType())).split(QLatin1Char('\n'));
    if (parts.size() != 2)
        return false;
    const std::optional<DealStatus> s = dealStatusFromString(parts[1]);
    if (parts[0].isEmpty() || !s)
        return false;
    *dealId = parts[0];
    *status = *s;
    return true;
}

void DealBoardModel::setFilter(const DealFilter& filter)
{
    m_filter = filter;
    reload();
}

// Never waits for a running query: it ends on its own connection and the watcher's destruction drops its result.
DealBoardModel::~DealBoardModel() = default;

void DealBoardModel::reload()
{
    m_reloadTimer.stop();
    if (m_loading) {
        m_reloadQueued = true;
        return;
    }
    m_loading = true;
    const DealFilter filter = m_filter;
    m_watcher.setFuture(runInBackground<QList<Column>>(
        m_config,
        [filter](Database& db) {
            PipelineRepository repository(db);
            QList<Column> columns;
            for (DealStatus s : DealBoardModel::columns()) {
                DealFilter f = filter;
                f.status = toString(s);
                Column c;
                c.status = s;
                c.cards = repository.list(f, cardLimit(), 0);
                c.count = c.cards.size() < cardLimit() ? c.cards.size() : repository.count(f);
                columns << c;
            }
            return columns;
        },
        m_pool));
}

void DealBoardModel::onLoaded()
{
    Columns result = m_watcher.result();
    m_loading = false;
    if (m_reloadQueued) {
        m_reloadQueued = false;
        reload();
        return;
    }
    if (result.error.isEmpty() && result.value.size() == m_columns.size()) {
        beginResetModel();
        m_columns = std::move(result.value);
        endResetModel();
    }
    Q_EMIT reloaded();
}

QModelIndex DealBoardModel::columnIndex(DealStatus status) const
{
    for (int i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].status == status)
            return createIndex(i, 0, kTop);
    return {};
}

qint64 DealBoardModel::count(DealStatus status) const
{
    for (const Column& c : m_columns)
        if (c.status == status)
            return c.count;
    return 0;
}

QModelIndex DealBoardModel::cardIndex(const QString& id) const
{
    for (int i = 0; i < m_columns.size(); ++i)
        for (int r = 0; r < m_columns[i].cards.size(); ++r)
            if (m_columns[i].cards[r].deal.id == id)
                return createIndex(r, 0, quintptr(i + 1));
    return {};
}

QModelIndex DealBoardModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kTop);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex DealBoardModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kTop)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTop);
}

int DealBoardModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_columns.size());
    if (parent.internalId() == kTop && parent.column() == 0)
        return int(m_columns[parent.row()].cards.size());
    return 0;
}

int DealBoardModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant DealBoardModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kTop) {
        const Column& c = m_columns[index.row()];
        switch (role) {
        case Qt::DisplayRole:
            return tr("%1 (%2)").arg(toString(c.status)).arg(c.count);
        case StatusRole:
            return int(c.status);
        case CountRole:
            return c.count;
        default:
            return {};
        }
    }
    const Column& c = m_columns[int(index.internalId() - 1)];
    const DealListRow& r = c.cards[index.row()];
    switch (role) {
    case Qt::DisplayRole: {
        const QString amount =
            r.deal.amountMinor < 0 ? tr("no amount") : formatMoney(Money{r.deal.amountMinor, r.deal.currency});
        const QString number =
            r.deal.registrationNumber > 0 ? QStringLiteral("#%1").arg(r.deal.registrationNumber) : tr("draft");
        return QStringLiteral("%1 · %2\n%3\n%4\n%5")
            .arg(number, r.partnerKey, r.accountName.isEmpty() ? tr("(no customer)") : r.accountName, r.productName,
                 amount);
    }
    case Qt::ToolTipRole:
        return tr("%1 (%2) for %3").arg(r.partnerName, r.partnerKey, r.accountName);
    case DealIdRole:
        return r.deal.id;
    case StatusRole:
        return int(c.status);
    case RegistrationNumberRole:
        return r.deal.registrationNumber;
    default:
        return {};
    }
}

Qt::ItemFlags DealBoardModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kTop)
        return Qt::ItemIsEnabled | Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

QStringList DealBoardModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData* DealBoardModel::mimeData(const QModelIndexList& indexes) const
{
    for (const QModelIndex& i : indexes) {
        if (!i.isValid() || i.internalId() == kTop)
            continue;
        auto* mime = new QMimeData;
        const QString text =
            i.data(DealIdRole).toString() + QLatin1Char('\n') + toString(DealStatus(i.data(StatusRole).toInt()));
        mime->setData(mimeType(), text.toUtf8());
        return mime;
    }
    return nullptr;
}

} // namespace pd
