#include "models/ConflictListModel.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/Database.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"

#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace pd {

ConflictListModel::ConflictListModel(DatabaseConfig config, const Clock& clock, ChangeNotifier* notifier,
                                     QObject* parent, QThreadPool* pool)
    : QAbstractTableModel(parent), m_config(std::move(config)), m_pool(pool), m_clock(clock)
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &ConflictListModel::onFinished);
    if (notifier) {
        connect(notifier, &ChangeNotifier::dealsChanged, this, &ConflictListModel::bookChanged);
        connect(notifier, &ChangeNotifier::bookReset, this, &ConflictListModel::bookChanged);
    }
}

ConflictListModel::~ConflictListModel()
{
    // Never wait here (a scan of a million deals takes seconds): the scan stops at its next check, on its own
    // connection, and the watcher's destruction drops its result.
    if (m_cancel)
        *m_cancel = true;
}

void ConflictListModel::bookChanged()
{
    m_gate.changed();
}

void ConflictListModel::setActive(bool active)
{
    m_gate.setActive(active);
}

void ConflictListModel::reload()
{
    m_gate.request();
}

void ConflictListModel::startScan()
{
    const DatabaseConfig config = m_config;
    const QDateTime now = m_clock.nowUtc();
    m_cancel = makeCancelFlag();
    m_watcher.setFuture(QtConcurrent::run(workerPool(m_pool), [config, now, cancel = m_cancel]() {
        Result result;
        try {
            Database db(config);
            db.open(Database::OpenMode::MustExist); // a worker reads or writes the open book; it never creates one
            const FixedClock clock(now);
            const ProgramSettings settings = ProgramSettingsRepository(db, clock).load();
            result.rows = ConflictRepository(db).allConflicts(settings.rules, cancel.get());
        } catch (const StorageError& e) {
            result.error = e.message();
        }
        return result;
    }));
}

void ConflictListModel::onFinished()
{
    Result result = m_watcher.result();
    if (m_gate.finished())
        return; // the book changed meanwhile: a new scan runs

    if (result.error.isEmpty()) {
        beginResetModel();
        m_rows = std::move(result.rows);
        endResetModel();
    }
    Q_EMIT loaded(result.error);
}

int ConflictListModel::conflictedRegistrations() const
{
    QSet<QString> ids;
    for (const ConflictInfo& c : m_rows)
        ids.insert(c.later.dealId);
    return int(ids.size());
}

int ConflictListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConflictListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConflictListModel::durationText(qint64 seconds)
{
    return firstByText(seconds);
}

QVariant ConflictListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ConflictInfo& c = m_rows[index.row()];
    switch (role) {
    case LaterIdRole:
        return c.later.dealId;
    case EarlierIdRole:
        return c.earlier.dealId;
    case OpenRole:
        return c.resolution.isEmpty();
    case Qt::ToolTipRole:
        if (index.column() == Resolution && !c.reason.isEmpty())
            return c.reason;
        if (index.column() == LaterPartner)
            return c.later.partnerName;
        if (index.column() == EarlierPartner)
            return c.earlier.partnerName;
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Later:
            return QStringLiteral("#%1 (%2)").arg(c.later.registrationNumber).arg(c.later.status);
        case LaterPartner:
            return c.later.partnerKey;
        case Earlier:
            return QStringLiteral("#%1 (%2)").arg(c.earlier.registrationNumber).arg(c.earlier.status);
        case EarlierPartner:
            return c.earlier.partnerKey;
        case Customer:
            return c.customer;
        case Product:
            return c.product;
        case FirstBy:
            return durationText(c.secondsFirst);
        case Resolution:
            return c.resolution.isEmpty() ? tr("Unresolved") : c.resolution;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ConflictListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Later:
        return tr("Later registration");
    case LaterPartner:
        return tr("Later partner");
    case Earlier:
        return tr("Earlier registration");
    case EarlierPartner:
        return tr("Earlier partner");
    case Customer:
        return tr("Customer");
    case Product:
        return tr("Product");
    case FirstBy:
        return tr("First by");
    case Resolution:
        return tr("Resolution");
    default:
        return {};
    }
}

} // namespace pd
