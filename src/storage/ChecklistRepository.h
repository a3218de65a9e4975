#pragma once

#include "domain/Checklist.h"
#include "domain/Enums.h"

#include <QDate>
#include <QList>
#include <QStringList>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// Onboarding and offboarding checklists (issue 9, items 3, 4 and 6): the templates per partner type (and optionally
/// tier) in checklist_template_tasks, and each partner's tasks in partner_tasks (schema v7). Every write runs in one
/// transaction (joining the caller's) with its change-log entries (entity "partner_tasks") and an audit entry, then
/// emits ChangeNotifier::checklistsChanged with the partner ids after commit. Throws StorageError.
class ChecklistRepository
{
public:
    ChecklistRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// The tasks of the most specific template of `kind` for a partner of `type` and `tier`: (type, tier), else
    /// (type, ''), else ('', ''); ordered by position. Empty when none of them has a task.
    QList<TemplateTask> templateFor(ChecklistKind kind, PartnerType type, const QString& tier) const;
    /// Every template task of `kind`, ordered by partner type, tier and position.
    QList<TemplateTask> templates(ChecklistKind kind) const;
    /// Replaces the template (kind, partnerType, tier) by `tasks` (their kind, partnerType, tier and pk are ignored;
    /// positions are renumbered 1…n in list order). An empty list deletes the template. Refused (Kind::NotAllowed)
    /// when a title is empty or an offset is negative. Writes one audit entry (templates are book configuration,
    /// not synced: no change-log entry).
    void saveTemplate(ChecklistKind kind, const QString& partnerType, const QString& tier,
                      const QList<TemplateTask>& tasks);

    /// Creates the partner's checklist of `kind` from templateFor(kind, its type, its tier): one task per template
    /// task, startedOn = `startedOn` (invalid: the clock's today), dueOn = startedOn + dueOffsetDays. Refused
    /// (Kind::NotAllowed, nothing written) when the partner already has a checklist of that kind that is not removed,
    /// its template is empty, or the partner is offboarded (read-only); Kind::NotFound when the partner does not exist
    /// or is archived. `taskIds`, when given, are the ids to use (redo of an undone start; as many as the template's
    /// tasks). One change-log entry per task (op insert) and one audit entry. Returns the tasks by position.
    QList<PartnerTask> start(const QString& partnerId, ChecklistKind kind, const QDate& startedOn,
                             const QStringList& taskIds = {});
    /// Removes the partner's checklist of `kind` (soft delete: deleted_at on every task not already removed; for
    /// undo). One change-log entry per task (op delete), one audit entry. Returns the deletion stamp, which
    /// restore() takes; empty when there was nothing to remove.
    QString remove(const QString& partnerId, ChecklistKind kind);
    /// Brings back the tasks that remove() removed with stamp `removedAt` (redo). Refused (Kind::NotAllowed) when
    /// the partner meanwhile has another checklist of that kind. Change-log entries (op update) and one audit entry.
    void restore(const QString& partnerId, ChecklistKind kind, const QString& removedAt);

    /// The partner's lifecycle stage (for commands that start onboarding). Kind::NotFound when the partner does not
    /// exist or is archived.
    LifecycleStage partnerStage(const QString& partnerId) const;
    /// The book this repository writes to (for commands that join several writes in one Transaction).
    Database& database() const { return m_db; }
    /// Today by the repository's clock (UTC).
    QDate today() const;

    /// The partner's tasks of `kind` that are not removed, by position (empty when not started).
    QList<PartnerTask> tasks(const QString& partnerId, ChecklistKind kind) const;
    /// One task by id (even when removed). Kind::NotFound when there is none.
    PartnerTask task(const QString& taskId) const;

    /// Ticks (valid `doneOn`) or unticks (invalid `doneOn`) a task; done_by is Database::actor() (empty when unticked).
    /// `doneOn` after the clock's today, and any change to a task of an offboarded partner (read-only), are refused
    /// (Kind::NotAllowed). Kind::Conflict when the task's version is not `expectedVersion`; Kind::NotFound when it does
    /// not exist or is removed. Returns the task after.
    PartnerTask setDone(const QString& taskId, const QDate& doneOn, int expectedVersion);
    /// Replaces a task's notes; same version check as setDone(). Returns the task after.
    PartnerTask setNotes(const QString& taskId, const QString& notes, int expectedVersion);

    /// Every partner that is not archived and whose stage is Onboarding, with its onboarding checklist's progress as
    /// of `today` (started false and zeros when it has none), ordered by name then key. One query that aggregates
    /// partner_tasks per partner (index partner_tasks_partner).
    QList<OnboardingRow> onboardingRows(const QDate& today) const;
    /// Every partner that is not archived or offboarded yet and has an offboarding checklist (issue 9, item 6), with
    /// its progress as of `today`, ordered by name then key; stageSince is the date of its current stage.
    QList<OnboardingRow> offboardingRows(const QDate& today) const;
    /// onboardingRows() for the given partners only (a refresh; at most a few hundred ids); partners that are no
    /// longer in Onboarding, archived or unknown are absent.
    QList<OnboardingRow> onboardingRowsOf(const QStringList& partnerIds, const QDate& today) const;

private:
    QList<OnboardingRow> readRows(ChecklistKind kind, const QStringList* partnerIds, const QDate& today) const;
    PartnerTask updateTask(const QString& taskId, int expectedVersion, const QString& setSql,
                           const QVariantList& values, const QString& details);

    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
