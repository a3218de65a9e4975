#include "models/ChecklistCommands.h"

#include "storage/ChecklistRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace pd {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("pd::ChecklistCommands", text);
}
} // namespace

StartChecklistCommand::StartChecklistCommand(LifecycleRepository& lifecycle, ChecklistRepository& checklists,
                                             QString partnerId, ChecklistKind kind, QDate on, const QString& partnerKey)
    : RepositoryCommand((kind == ChecklistKind::Onboarding ? tr("Start onboarding %1") : tr("Start offboarding %1"))
                            .arg(partnerKey)
                            .trimmed()),
      m_lifecycle(lifecycle), m_checklists(checklists), m_partnerId(std::move(partnerId)), m_kind(kind), m_on(on)
{
}

void StartChecklistCommand::doRedo()
{
    Transaction tx(m_checklists.database());
    if (!m_started) {
        if (m_kind == ChecklistKind::Onboarding &&
            m_checklists.partnerStage(m_partnerId) != LifecycleStage::Onboarding) {
            m_change =
                m_lifecycle.move(m_partnerId, LifecycleStage::Onboarding, m_on, QStringLiteral("Onboarding started"));
            m_moved = true;
        }
        m_tasks = m_checklists.start(m_partnerId, m_kind, m_on);
    } else {
        if (m_moved)
            m_lifecycle.reapply(m_change);
        m_checklists.restore(m_partnerId, m_kind, m_removedAt);
        m_tasks = m_checklists.tasks(m_partnerId, m_kind);
    }
    tx.commit();
    m_started = true;
}

void StartChecklistCommand::doUndo()
{
    Transaction tx(m_checklists.database());
    const QString removedAt = m_checklists.remove(m_partnerId, m_kind);
    if (m_moved)
        m_lifecycle.revert(m_change);
    tx.commit();
    m_removedAt = removedAt;
}

TickTaskCommand::TickTaskCommand(ChecklistRepository& checklists, PartnerTask task, bool done, QDate on)
    : RepositoryCommand((done ? tr("Tick \"%1\"") : tr("Untick \"%1\"")).arg(task.title)), m_checklists(checklists),
      m_task(std::move(task)), m_before(m_task.doneOn),
      m_after(done ? (on.isValid() ? on : checklists.today()) : QDate())
{
}

void TickTaskCommand::doRedo()
{
    m_task = m_checklists.setDone(m_task.id, m_after, m_task.version);
}

void TickTaskCommand::doUndo()
{
    m_task = m_checklists.setDone(m_task.id, m_before, m_task.version);
}

TaskNotesCommand::TaskNotesCommand(ChecklistRepository& checklists, PartnerTask task, QString notes)
    : RepositoryCommand(tr("Edit the notes of \"%1\"").arg(task.title)), m_checklists(checklists),
      m_task(std::move(task)), m_before(m_task.notes), m_after(nonNull(notes))
{
}

void TaskNotesCommand::doRedo()
{
    m_task = m_checklists.setNotes(m_task.id, m_after, m_task.version);
}

void TaskNotesCommand::doUndo()
{
    m_task = m_checklists.setNotes(m_task.id, nonNull(m_before), m_task.version);
}

AttachFileCommand::AttachFileCommand(AttachmentRepository& attachments, QString taskId, QString filePath,
                                     bool copyIntoBook)
    : RepositoryCommand(tr("Attach %1").arg(QFileInfo(filePath).fileName())), m_attachments(attachments),
      m_taskId(std::move(taskId)), m_filePath(std::move(filePath)), m_copy(copyIntoBook)
{
}

AttachFileCommand::AttachFileCommand(AttachmentRepository& attachments, QString taskId, PreparedFile file)
    : RepositoryCommand(tr("Attach %1").arg(file.fileName)), m_attachments(attachments), m_taskId(std::move(taskId)),
      m_filePath(file.path), m_copy(file.storedInBook), m_prepared(std::move(file))
{
}

void AttachFileCommand::doRedo()
{
    if (m_attachment.id.isEmpty()) {
        m_attachment = m_prepared ? m_attachments.attach(m_taskId, *m_prepared)
                                  : m_attachments.attach(m_taskId, m_filePath, m_copy);
        m_prepared.reset(); // the bytes are in the book now; redo restores the row
    } else
        m_attachments.restore(m_attachment.id);
}

void AttachFileCommand::doUndo()
{
    m_attachments.remove(m_attachment.id);
}

SaveChecklistTemplateCommand::SaveChecklistTemplateCommand(ChecklistRepository& checklists, ChecklistKind kind,
                                                           QString partnerType, QString tier, QList<TemplateTask> tasks)
    : RepositoryCommand(tr("Save checklist template")), m_checklists(checklists), m_kind(kind),
      m_partnerType(nonNull(partnerType)), m_tier(nonNull(tier)), m_tasks(std::move(tasks))
{
}

void SaveChecklistTemplateCommand::doRedo()
{
    if (!m_readBefore) {
        // Exactly this template's own tasks (not the fallback templateFor() would give).
        for (const TemplateTask& t : m_checklists.templates(m_kind))
            if (t.partnerType == m_partnerType && t.tier == m_tier)
                m_before.append(t);
        m_readBefore = true;
    }
    m_checklists.saveTemplate(m_kind, m_partnerType, m_tier, m_tasks);
}

void SaveChecklistTemplateCommand::doUndo()
{
    m_checklists.saveTemplate(m_kind, m_partnerType, m_tier, m_before);
}

} // namespace pd
