#pragma once

#include "domain/Checklist.h"

#include <QAbstractTableModel>
#include <QList>

namespace pd {

class ChangeNotifier;
class ChecklistRepository;
class Clock;

/// One partner's checklist (issue 9, item 4): its tasks by position with a tick box, title, owner, required, due
/// date, completion date, notes and attachment count; overdue tasks (open, due before the clock's today) in red.
/// The model reads through the GUI thread's ChecklistRepository (a checklist has a handful of rows, read by an index)
/// and reloads itself when the partner's checklists change (ChangeNotifier::checklistsChanged). Ticking a box does
/// not write: it emits tickRequested(), and the owner pushes the undoable command.
class ChecklistTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Done, Task, Owner, Required, Due, Completed, Notes, Attachments, ColumnCount };
    enum Role {
        TaskIdRole = Qt::UserRole + 1, ///< the task's UUID text
        OverdueRole                    ///< bool
    };

    ChecklistTableModel(ChecklistRepository& repository, const Clock& clock, ChangeNotifier* notifier,
                        QObject* parent = nullptr);

    /// Shows the checklist of `kind` of partner `partnerId` (empty: nothing). Throws nothing: a storage error
    /// leaves the model empty and is returned by lastError().
    void setPartner(const QString& partnerId, ChecklistKind kind = ChecklistKind::Onboarding);
    QString partnerId() const { return m_partnerId; }
    ChecklistKind kind() const { return m_kind; }
    /// Reads the tasks again.
    void reload();
    QString lastError() const { return m_error; }
    const PartnerTask& taskAt(int row) const { return m_tasks.at(row); }
    /// The required tasks and how many of them are done.
    int requiredCount() const;
    int requiredDoneCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    /// A tick (CheckStateRole on Done) emits tickRequested() and returns false: nothing is written here.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

Q_SIGNALS:
    /// The user ticked (`done`) or unticked the task at `row`.
    void tickRequested(int row, bool done);

private:
    void onChecklistsChanged(const QStringList& partnerIds);
    ChecklistRepository& m_repository;
    const Clock& m_clock;
    QString m_partnerId;
    ChecklistKind m_kind = ChecklistKind::Onboarding;
    QList<PartnerTask> m_tasks;
    QString m_error;
};

} // namespace pd
