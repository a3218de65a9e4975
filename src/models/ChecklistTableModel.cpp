#include "models/ChecklistTableModel.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"
#include "storage/StorageError.h"

#include <QBrush>
#include <QLocale>

namespace pd {

ChecklistTableModel::ChecklistTableModel(ChecklistRepository& repository, const Clock& clock, ChangeNotifier* notifier,
                                         QObject* parent)
    : QAbstractTableModel(parent), m_repository(repository), m_clock(clock)
{
    if (notifier) {
        connect(notifier, &ChangeNotifier::checklistsChanged, this, &ChecklistTableModel::onChecklistsChanged);
        connect(notifier, &ChangeNotifier::bookReset, this, &ChecklistTableModel::reload);
    }
}

void ChecklistTableModel::setPartner(const QString& partnerId, ChecklistKind kind)
{
    m_partnerId = partnerId;
    m_kind = kind;
    reload();
}

void ChecklistTableModel::reload()
{
    QList<PartnerTask> tasks;
    m_error.clear();
    if (!m_partnerId.isEmpty()) {
        try {
            tasks = m_repository.tasks(m_partnerId, m_kind);
        } catch (const StorageError& e) {
            m_error = e.message();
        }
    }
    beginResetModel();
    m_tasks = std::move(tasks);
    endResetModel();
}

void ChecklistTableModel::onChecklistsChanged(const QStringList& partnerIds)
{
    if (!m_partnerId.isEmpty() && partnerIds.contains(m_partnerId))
        reload();
}

int ChecklistTableModel::requiredCount() const
{
    return int(std::count_if(m_tasks.cbegin(), m_tasks.cend(), [](const PartnerTask& t) { return t.required; }));
}

int ChecklistTableModel::requiredDoneCount() const
{
    return int(std::count_if(m_tasks.cbegin(), m_tasks.cend(),
                             [](const PartnerTask& t) { return t.required && t.doneOn.isValid(); }));
}

int ChecklistTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int ChecklistTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChecklistTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_tasks.size())
        return {};
    const PartnerTask& t = m_tasks.at(index.row());
    const bool overdue = t.isOverdue(m_clock.todayUtc());
    switch (role) {
    case TaskIdRole:
        return t.id;
    case OverdueRole:
        return overdue;
    case Qt::CheckStateRole:
        if (index.column() == Done)
            return t.doneOn.isValid() ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ForegroundRole:
        if (overdue && (index.column() == Task || index.column() == Due))
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Task && !t.document.isEmpty())
            return tr("Document to attach: %1").arg(t.document);
        if (index.column() == Completed && t.doneOn.isValid())
            return tr("Done by %1").arg(t.doneBy);
        if (index.column() == Due && overdue)
            return tr("Overdue since %1").arg(QLocale().toString(t.dueOn, QLocale::ShortFormat));
        if (index.column() == Notes)
            return t.notes;
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == Done)
            return t.doneOn.isValid() ? tr("done") : tr("open");
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Task:
            return t.title;
        case Owner:
            return t.owner == TaskOwner::Vendor ? tr("Vendor") : tr("Partner");
        case Required:
            return t.required ? tr("Required") : tr("Optional");
        case Due:
            return QLocale().toString(t.dueOn, QLocale::ShortFormat);
        case Completed:
            return t.doneOn.isValid() ? QLocale().toString(t.doneOn, QLocale::ShortFormat) : QString();
        case Notes:
            return t.notes.section(QLatin1Char('\n'), 0, 0);
        case Attachments:
            return t.attachmentCount > 0 ? QVariant(t.attachmentCount) : QVariant();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ChecklistTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Done:
        return tr("Done");
    case Task:
        return tr("Task");
    case Owner:
        return tr("Owner");
    case Required:
        return tr("Required");
    case Due:
        return tr("Due");
    case Completed:
        return tr("Completed");
    case Notes:
        return tr("Notes");
    case Attachments:
        return tr("Files");
    default:
        return {};
    }
}

Qt::ItemFlags ChecklistTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Done)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool ChecklistTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.row() >= m_tasks.size() || index.column() != Done || role != Qt::CheckStateRole)
        return false;
    const bool done = value.toInt() == Qt::Checked;
    if (done != m_tasks.at(index.row()).doneOn.isValid())
        Q_EMIT tickRequested(index.row(), done);
    return false;
}

} // namespace pd
