#pragma once

#include "domain/Checklist.h"
#include "models/RepositoryCommand.h"
#include "storage/AttachmentRepository.h"
#include "storage/LifecycleRepository.h"

#include <QDate>
#include <QStringList>
#include <optional>

namespace pd {

class ChecklistRepository;

/// Starts a partner's checklist (issue 9, items 3 and 6). Onboarding: moves the partner to Onboarding
/// (LifecycleRepository::move, reason "Onboarding started", dated `on`) unless it is already there, and creates the
/// checklist from its template, both in one transaction. Offboarding: creates the offboarding checklist only (the move
/// to Offboarded comes later and is refused until its required tasks are done). `on` invalid: the clock's today.
/// Undo removes the checklist and reverts the move; redo brings back the same tasks (same ids) and the same move.
class StartChecklistCommand : public RepositoryCommand
{
public:
    StartChecklistCommand(LifecycleRepository& lifecycle, ChecklistRepository& checklists, QString partnerId,
                          ChecklistKind kind, QDate on, const QString& partnerKey = {});
    /// The tasks as created (after execute()).
    const QList<PartnerTask>& tasks() const { return m_tasks; }
    /// True when the command moved the partner to Onboarding.
    bool moved() const { return m_moved; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    LifecycleRepository& m_lifecycle;
    ChecklistRepository& m_checklists;
    QString m_partnerId;
    ChecklistKind m_kind;
    QDate m_on;
    bool m_started = false;
    bool m_moved = false;
    StageChange m_change;
    QString m_removedAt;
    QList<PartnerTask> m_tasks;
};

/// Ticks (`done`, dated `on`; invalid: the clock's today) or unticks a checklist task; undo restores its previous
/// completion date.
class TickTaskCommand : public RepositoryCommand
{
public:
    TickTaskCommand(ChecklistRepository& checklists, PartnerTask task, bool done, QDate on);
    /// The task as last written.
    const PartnerTask& task() const { return m_task; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    ChecklistRepository& m_checklists;
    PartnerTask m_task;
    QDate m_before;
    QDate m_after;
};

/// Replaces a checklist task's notes; undo writes the previous notes back.
class TaskNotesCommand : public RepositoryCommand
{
public:
    TaskNotesCommand(ChecklistRepository& checklists, PartnerTask task, QString notes);
    const PartnerTask& task() const { return m_task; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    ChecklistRepository& m_checklists;
    PartnerTask m_task;
    QString m_before;
    QString m_after;
};

/// Attaches a file to a checklist task, copied into the book or linked (`copyIntoBook`; the caller's explicit
/// choice). Undo removes the attachment; redo brings the same one back.
class AttachFileCommand : public RepositoryCommand
{
public:
    AttachFileCommand(AttachmentRepository& attachments, QString taskId, QString filePath, bool copyIntoBook);
    /// Attaches a file already read and hashed (AttachmentRepository::prepareFile, e.g. on a worker thread).
    AttachFileCommand(AttachmentRepository& attachments, QString taskId, PreparedFile file);
    /// The attachment as made (after execute()).
    const Attachment& attachment() const { return m_attachment; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    AttachmentRepository& m_attachments;
    QString m_taskId;
    QString m_filePath;
    bool m_copy = true;
    std::optional<PreparedFile> m_prepared; ///< the file as read beforehand, when given
    Attachment m_attachment;
};

/// Replaces the checklist template (kind, partnerType, tier) by `tasks` (ChecklistRepository::saveTemplate: validated,
/// one transaction, audit entry); undo writes back the tasks that template had before execute() (none: deleted again).
class SaveChecklistTemplateCommand : public RepositoryCommand
{
public:
    SaveChecklistTemplateCommand(ChecklistRepository& checklists, ChecklistKind kind, QString partnerType, QString tier,
                                 QList<TemplateTask> tasks);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    ChecklistRepository& m_checklists;
    ChecklistKind m_kind;
    QString m_partnerType;
    QString m_tier;
    QList<TemplateTask> m_tasks;
    QList<TemplateTask> m_before;
    bool m_readBefore = false;
};

} // namespace pd
