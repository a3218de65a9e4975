#include "storage/ChecklistRepository.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
const QString kTemplateColumns =
    QStringLiteral("SELECT pk, kind, partner_type, tier, position, title, due_offset_days, owner, required, document "
                   "FROM checklist_template_tasks ");

const QString kTaskColumns =
    QStringLiteral("SELECT pd_uuid_text(t.id), pd_uuid_text(p.id), t.kind, t.position, t.title, t.owner, t.required, "
                   "t.document, t.started_on, t.due_on, t.done_on, t.done_by, t.notes, t.version, "
                   "(SELECT COUNT(*) FROM attachments a WHERE a.task_pk = t.pk AND a.deleted_at IS NULL) "
                   "FROM partner_tasks t JOIN partners p ON p.pk = t.partner_pk ");

QDate dateOf(const QVariant& v)
{
    return v.isNull() ? QDate() : QDate::fromString(v.toString(), Qt::ISODate);
}

QVariant dateValue(const QDate& d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

QList<TemplateTask> readTemplates(QSqlQuery& q)
{
    QList<TemplateTask> out;
    while (q.next()) {
        TemplateTask t;
        t.pk = q.value(0).toLongLong();
        t.kind = checklistKindFromString(q.value(1).toString()).value_or(ChecklistKind::Onboarding);
        t.partnerType = q.value(2).toString();
        t.tier = q.value(3).toString();
        t.position = q.value(4).toInt();
        t.title = q.value(5).toString();
        t.dueOffsetDays = q.value(6).toInt();
        t.owner = taskOwnerFromString(q.value(7).toString()).value_or(TaskOwner::Vendor);
        t.required = q.value(8).toInt() != 0;
        t.document = q.value(9).toString();
        out.append(t);
    }
    return out;
}

QList<PartnerTask> readTasks(QSqlQuery& q)
{
    QList<PartnerTask> out;
    while (q.next()) {
        PartnerTask t;
        t.id = q.value(0).toString();
        t.partnerId = q.value(1).toString();
        t.kind = checklistKindFromString(q.value(2).toString()).value_or(ChecklistKind::Onboarding);
        t.position = q.value(3).toInt();
        t.title = q.value(4).toString();
        t.owner = taskOwnerFromString(q.value(5).toString()).value_or(TaskOwner::Vendor);
        t.required = q.value(6).toInt() != 0;
        t.document = q.value(7).toString();
        t.startedOn = dateOf(q.value(8));
        t.dueOn = dateOf(q.value(9));
        t.doneOn = dateOf(q.value(10));
        t.doneBy = q.value(11).toString();
        t.notes = q.value(12).toString();
        t.version = q.value(13).toInt();
        t.attachmentCount = q.value(14).toInt();
        out.append(t);
    }
    return out;
}

/// The partner a checklist is started for.
struct PartnerInfo
{
    qint64 pk = 0;
    QString key;
    PartnerType type = PartnerType::VAR;
    QString tier;
    LifecycleStage stage = LifecycleStage::Prospect;
};

PartnerInfo readPartner(const Database& db, const QString& partnerId)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pk, partner_key, partner_type, tier, stage FROM partners "
                                            "WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Reading a partner"));
    if (!q.next())
        throw StorageError(QStringLiteral("The partner no longer exists or is archived"), StorageError::Kind::NotFound);
    PartnerInfo p;
    p.pk = q.value(0).toLongLong();
    p.key = q.value(1).toString();
    p.type = partnerTypeFromString(q.value(2).toString()).value_or(PartnerType::VAR);
    p.tier = q.value(3).toString();
    p.stage = lifecycleStageFromString(q.value(4).toString()).value_or(LifecycleStage::Prospect);
    return p;
}

qint64 openTaskCount(const Database& db, qint64 partnerPk, ChecklistKind kind)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT COUNT(*) FROM partner_tasks WHERE partner_pk = ? AND kind = ? "
                                            "AND deleted_at IS NULL"));
    q.addBindValue(partnerPk);
    q.addBindValue(toString(kind));
    Database::exec(q, QStringLiteral("Reading a checklist"));
    q.next();
    return q.value(0).toLongLong();
}

/// An offboarded partner is read-only (issue 9, item 6): its checklists keep their history and change no more.
void refuseOffboarded(const QString& key, LifecycleStage stage)
{
    if (stage == LifecycleStage::Offboarded)
        throw StorageError(QStringLiteral("%1 is offboarded and read-only: its checklists cannot change").arg(key),
                           StorageError::Kind::NotAllowed);
}

QString kindText(ChecklistKind kind)
{
    return kind == ChecklistKind::Onboarding ? QStringLiteral("onboarding") : QStringLiteral("offboarding");
}
} // namespace

ChecklistRepository::ChecklistRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

QList<TemplateTask> ChecklistRepository::templateFor(ChecklistKind kind, PartnerType type, const QString& tier) const
{
    // The most specific template that has tasks: rank 0 (type, tier), 1 (type, ''), 2 ('', '').
    QSqlQuery q = m_db.prepare(
        kTemplateColumns +
        QStringLiteral("WHERE kind = ? AND ((partner_type = ? AND tier = ?) OR (partner_type = ? AND tier = '') OR "
                       "(partner_type = '' AND tier = '')) ORDER BY partner_type = '', tier = '', position"));
    q.addBindValue(toString(kind));
    q.addBindValue(toString(type));
    q.addBindValue(Database::nonNull(tier));
    q.addBindValue(toString(type));
    Database::exec(q, QStringLiteral("Reading the checklist template"));
    QList<TemplateTask> all = readTemplates(q);
    QList<TemplateTask> out;
    for (const TemplateTask& t : all) {
        if (!out.isEmpty() && (t.partnerType != out.first().partnerType || t.tier != out.first().tier))
            break;
        out.append(t);
    }
    return out;
}

QList<TemplateTask> ChecklistRepository::templates(ChecklistKind kind) const
{
    QSqlQuery q =
        m_db.prepare(kTemplateColumns + QStringLiteral("WHERE kind = ? ORDER BY partner_type, tier, position"));
    q.addBindValue(toString(kind));
    Database::exec(q, QStringLiteral("Reading the checklist templates"));
    return readTemplates(q);
}

void ChecklistRepository::saveTemplate(ChecklistKind kind, const QString& partnerType, const QString& tier,
                                       const QList<TemplateTask>& tasks)
{
    for (const TemplateTask& t : tasks) {
        if (t.title.trimmed().isEmpty())
            throw StorageError(QStringLiteral("Every checklist task needs a title"), StorageError::Kind::NotAllowed);
        if (t.dueOffsetDays < 0)
            throw StorageError(QStringLiteral("Task \"%1\": the due offset cannot be negative").arg(t.title),
                               StorageError::Kind::NotAllowed);
    }
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery d = m_db.prepare(
        QStringLiteral("DELETE FROM checklist_template_tasks WHERE kind = ? AND partner_type = ? AND tier = ?"));
    d.addBindValue(toString(kind));
    d.addBindValue(Database::nonNull(partnerType));
    d.addBindValue(Database::nonNull(tier));
    Database::exec(d, QStringLiteral("Replacing a checklist template"));
    QSqlQuery ins =
        m_db.prepare(QStringLiteral("INSERT INTO checklist_template_tasks (kind, partner_type, tier, position, title, "
                                    "due_offset_days, owner, required, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    int position = 0;
    for (const TemplateTask& t : tasks) {
        ins.addBindValue(toString(kind));
        ins.addBindValue(Database::nonNull(partnerType));
        ins.addBindValue(Database::nonNull(tier));
        ins.addBindValue(++position);
        ins.addBindValue(t.title.trimmed());
        ins.addBindValue(t.dueOffsetDays);
        ins.addBindValue(toString(t.owner));
        ins.addBindValue(t.required ? 1 : 0);
        ins.addBindValue(Database::nonNull(t.document));
        Database::exec(ins, QStringLiteral("Saving a checklist template"));
    }
    const QString name = QStringLiteral("%1/%2/%3")
                             .arg(kindText(kind), partnerType.isEmpty() ? QStringLiteral("any type") : partnerType,
                                  tier.isEmpty() ? QStringLiteral("any tier") : tier);
    ChangeRecorder(m_db).audit(
        QStringLiteral("update"), QStringLiteral("checklist_template_tasks"), name,
        QStringLiteral("Checklist template %1 saved with %2 task(s)").arg(name).arg(tasks.size()), at);
    tx.commit();
}

QList<PartnerTask> ChecklistRepository::start(const QString& partnerId, ChecklistKind kind, const QDate& startedOn,
                                              const QStringList& taskIds)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    const QDate start = startedOn.isValid() ? startedOn : m_clock.todayUtc();
    Transaction tx(m_db);
    const PartnerInfo p = readPartner(m_db, partnerId);
    refuseOffboarded(p.key, p.stage);
    if (openTaskCount(m_db, p.pk, kind) > 0)
        throw StorageError(QStringLiteral("%1 already has an %2 checklist").arg(p.key, kindText(kind)),
                           StorageError::Kind::NotAllowed);
    const QList<TemplateTask> tmpl = templateFor(kind, p.type, p.tier);
    if (tmpl.isEmpty())
        throw StorageError(QStringLiteral("There is no %1 checklist template for %2 partners (%3)")
                               .arg(kindText(kind), toString(p.type), p.key),
                           StorageError::Kind::NotAllowed);
    if (!taskIds.isEmpty() && taskIds.size() != tmpl.size())
        throw StorageError(QStringLiteral("The %1 checklist template of %2 changed; the checklist cannot be redone")
                               .arg(kindText(kind), p.key),
                           StorageError::Kind::Conflict);
    QSqlQuery ins = m_db.prepare(
        QStringLiteral("INSERT INTO partner_tasks (id, created_at, updated_at, version, partner_pk, kind, position, "
                       "title, owner, required, document, started_on, due_on) "
                       "VALUES (pd_uuid(?), ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    ChangeRecorder rec(m_db);
    for (qsizetype i = 0; i < tmpl.size(); ++i) {
        const TemplateTask& t = tmpl.at(i);
        const QString id = taskIds.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : taskIds.at(i);
        ins.addBindValue(id);
        ins.addBindValue(at);
        ins.addBindValue(at);
        ins.addBindValue(p.pk);
        ins.addBindValue(toString(kind));
        ins.addBindValue(t.position);
        ins.addBindValue(t.title);
        ins.addBindValue(toString(t.owner));
        ins.addBindValue(t.required ? 1 : 0);
        ins.addBindValue(Database::nonNull(t.document));
        ins.addBindValue(start.toString(Qt::ISODate));
        ins.addBindValue(start.addDays(t.dueOffsetDays).toString(Qt::ISODate));
        Database::exec(ins, QStringLiteral("Creating the %1 checklist of %2").arg(kindText(kind), p.key));
        rec.logChange(QStringLiteral("partner_tasks"), id, QStringLiteral("insert"), 1, at);
    }
    rec.audit(QStringLiteral("start checklist"), QStringLiteral("partners"), partnerId,
              QStringLiteral("Partner %1: %2 checklist started on %3 with %4 task(s)")
                  .arg(p.key, kindText(kind), start.toString(Qt::ISODate))
                  .arg(tmpl.size()),
              at);
    const QList<PartnerTask> created = tasks(partnerId, kind);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::checklistsChanged, QStringList{partnerId});
    return created;
}

QString ChecklistRepository::remove(const QString& partnerId, ChecklistKind kind)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const PartnerInfo p = readPartner(m_db, partnerId);
    QSqlQuery u = m_db.prepare(QStringLiteral("UPDATE partner_tasks SET deleted_at = ?, updated_at = ?, "
                                              "version = version + 1 WHERE partner_pk = ? AND kind = ? AND "
                                              "deleted_at IS NULL RETURNING pd_uuid_text(id), version"));
    u.addBindValue(at);
    u.addBindValue(at);
    u.addBindValue(p.pk);
    u.addBindValue(toString(kind));
    Database::exec(u, QStringLiteral("Removing the %1 checklist of %2").arg(kindText(kind), p.key));
    QList<std::pair<QString, int>> removed;
    while (u.next())
        removed.append({u.value(0).toString(), u.value(1).toInt()});
    u.finish();
    if (removed.isEmpty())
        return {};
    ChangeRecorder rec(m_db);
    for (const auto& [id, version] : removed)
        rec.logChange(QStringLiteral("partner_tasks"), id, QStringLiteral("delete"), version, at);
    rec.audit(
        QStringLiteral("remove checklist"), QStringLiteral("partners"), partnerId,
        QStringLiteral("Partner %1: %2 checklist removed (%3 task(s))").arg(p.key, kindText(kind)).arg(removed.size()),
        at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::checklistsChanged, QStringList{partnerId});
    return at;
}

void ChecklistRepository::restore(const QString& partnerId, ChecklistKind kind, const QString& removedAt)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const PartnerInfo p = readPartner(m_db, partnerId);
    if (openTaskCount(m_db, p.pk, kind) > 0)
        throw StorageError(QStringLiteral("%1 already has an %2 checklist").arg(p.key, kindText(kind)),
                           StorageError::Kind::NotAllowed);
    QSqlQuery u = m_db.prepare(QStringLiteral("UPDATE partner_tasks SET deleted_at = NULL, updated_at = ?, "
                                              "version = version + 1 WHERE partner_pk = ? AND kind = ? AND "
                                              "deleted_at = ? RETURNING pd_uuid_text(id), version"));
    u.addBindValue(at);
    u.addBindValue(p.pk);
    u.addBindValue(toString(kind));
    u.addBindValue(removedAt);
    Database::exec(u, QStringLiteral("Restoring the %1 checklist of %2").arg(kindText(kind), p.key));
    QList<std::pair<QString, int>> restored;
    while (u.next())
        restored.append({u.value(0).toString(), u.value(1).toInt()});
    u.finish();
    if (restored.isEmpty())
        throw StorageError(
            QStringLiteral("The %1 checklist of %2 can no longer be restored").arg(kindText(kind), p.key),
            StorageError::Kind::NotFound);
    ChangeRecorder rec(m_db);
    for (const auto& [id, version] : restored)
        rec.logChange(QStringLiteral("partner_tasks"), id, QStringLiteral("update"), version, at);
    rec.audit(QStringLiteral("restore checklist"), QStringLiteral("partners"), partnerId,
              QStringLiteral("Partner %1: %2 checklist restored (%3 task(s))")
                  .arg(p.key, kindText(kind))
                  .arg(restored.size()),
              at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::checklistsChanged, QStringList{partnerId});
}

QDate ChecklistRepository::today() const
{
    return m_clock.todayUtc();
}

LifecycleStage ChecklistRepository::partnerStage(const QString& partnerId) const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT stage FROM partners WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Reading a partner's stage"));
    if (!q.next())
        throw StorageError(QStringLiteral("The partner no longer exists or is archived"), StorageError::Kind::NotFound);
    return lifecycleStageFromString(q.value(0).toString()).value_or(LifecycleStage::Prospect);
}

QList<PartnerTask> ChecklistRepository::tasks(const QString& partnerId, ChecklistKind kind) const
{
    QSqlQuery q = m_db.prepare(kTaskColumns + QStringLiteral("WHERE t.partner_pk = %1 AND t.kind = ? AND "
                                                             "t.deleted_at IS NULL ORDER BY t.position, t.pk")
                                                  .arg(pkOfId("partners")));
    q.addBindValue(partnerId);
    q.addBindValue(toString(kind));
    Database::exec(q, QStringLiteral("Reading a checklist"));
    return readTasks(q);
}

PartnerTask ChecklistRepository::task(const QString& taskId) const
{
    QSqlQuery q = m_db.prepare(kTaskColumns + QStringLiteral("WHERE t.id = pd_uuid(?)"));
    q.addBindValue(taskId);
    Database::exec(q, QStringLiteral("Reading a checklist task"));
    const QList<PartnerTask> list = readTasks(q);
    if (list.isEmpty())
        throw StorageError(QStringLiteral("The checklist task no longer exists"), StorageError::Kind::NotFound);
    return list.first();
}

PartnerTask ChecklistRepository::setDone(const QString& taskId, const QDate& doneOn, int expectedVersion)
{
    if (doneOn.isValid() && doneOn > m_clock.todayUtc())
        throw StorageError(QStringLiteral("A task cannot be done after today (%1 is after %2)")
                               .arg(doneOn.toString(Qt::ISODate), m_clock.todayUtc().toString(Qt::ISODate)),
                           StorageError::Kind::NotAllowed);
    const QString details =
        doneOn.isValid() ? QStringLiteral("done on %1").arg(doneOn.toString(Qt::ISODate)) : QStringLiteral("not done");
    return updateTask(taskId, expectedVersion, QStringLiteral("done_on = ?, done_by = ?"),
                      {dateValue(doneOn), doneOn.isValid() ? Database::nonNull(m_db.actor()) : QVariant(QString(""))},
                      details);
}

PartnerTask ChecklistRepository::setNotes(const QString& taskId, const QString& notes, int expectedVersion)
{
    return updateTask(taskId, expectedVersion, QStringLiteral("notes = ?"), {Database::nonNull(notes)},
                      QStringLiteral("notes changed"));
}

PartnerTask ChecklistRepository::updateTask(const QString& taskId, int expectedVersion, const QString& setSql,
                                            const QVariantList& values, const QString& details)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const PartnerTask before = task(taskId);
    {
        QSqlQuery p = m_db.prepare(
            QStringLiteral("SELECT partner_key, stage FROM partners WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
        p.addBindValue(before.partnerId);
        Database::exec(p, QStringLiteral("Reading a partner's stage"));
        if (!p.next())
            throw StorageError(QStringLiteral("The partner no longer exists or is archived"),
                               StorageError::Kind::NotFound);
        refuseOffboarded(p.value(0).toString(),
                         lifecycleStageFromString(p.value(1).toString()).value_or(LifecycleStage::Prospect));
    }
    // setSql comes from this file, never from a user.
    QSqlQuery u = m_db.prepare(QStringLiteral("UPDATE partner_tasks SET %1, updated_at = ?, version = version + 1 "
                                              "WHERE id = pd_uuid(?) AND deleted_at IS NULL AND version = ?")
                                   .arg(setSql));
    for (const QVariant& v : values)
        u.addBindValue(v);
    u.addBindValue(at);
    u.addBindValue(taskId);
    u.addBindValue(expectedVersion);
    Database::exec(u, QStringLiteral("Saving the task \"%1\"").arg(before.title));
    if (u.numRowsAffected() != 1) {
        QSqlQuery alive = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM partner_tasks WHERE id = pd_uuid(?) AND "
                                                      "deleted_at IS NULL"));
        alive.addBindValue(taskId);
        Database::exec(alive, QStringLiteral("Reading a checklist task"));
        alive.next();
        if (alive.value(0).toLongLong() == 0)
            throw StorageError(QStringLiteral("The task \"%1\" was removed").arg(before.title),
                               StorageError::Kind::NotFound);
        throw StorageError(
            QStringLiteral("The task \"%1\" was changed by someone else; reload it and try again").arg(before.title),
            StorageError::Kind::Conflict);
    }
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("partner_tasks"), taskId, QStringLiteral("update"), expectedVersion + 1, at);
    rec.audit(QStringLiteral("update"), QStringLiteral("partner_tasks"), taskId,
              QStringLiteral("Task \"%1\": %2").arg(before.title, details), at);
    const PartnerTask after = task(taskId);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::checklistsChanged, QStringList{after.partnerId});
    return after;
}

QList<OnboardingRow> ChecklistRepository::onboardingRows(const QDate& today) const
{
    return readRows(ChecklistKind::Onboarding, nullptr, today);
}

QList<OnboardingRow> ChecklistRepository::offboardingRows(const QDate& today) const
{
    return readRows(ChecklistKind::Offboarding, nullptr, today);
}

QList<OnboardingRow> ChecklistRepository::onboardingRowsOf(const QStringList& partnerIds, const QDate& today) const
{
    if (partnerIds.isEmpty())
        return {};
    return readRows(ChecklistKind::Onboarding, &partnerIds, today);
}

QList<OnboardingRow> ChecklistRepository::readRows(ChecklistKind kind, const QStringList* partnerIds,
                                                   const QDate& today) const
{
    // One pass: the tasks of partners in Onboarding aggregated per partner (index partner_tasks_partner), joined to
    // the partners; the next open task is read through the same index per partner. Offboarding: the partners not yet
    // offboarded that have an offboarding checklist.
    const bool onboarding = kind == ChecklistKind::Onboarding;
    const QString stage =
        onboarding ? QStringLiteral("p.stage = 'Onboarding'") : QStringLiteral("p.stage <> 'Offboarded'");
    QString only;
    if (partnerIds) {
        QStringList marks;
        marks.fill(QStringLiteral("pd_uuid(?)"), partnerIds->size());
        only = QStringLiteral(" AND p.id IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    const QString sql =
        QStringLiteral(
            "WITH agg AS (SELECT t.partner_pk, COUNT(*) AS tasks, "
            "SUM(CASE WHEN t.done_on IS NOT NULL THEN 1 ELSE 0 END) AS done, "
            "SUM(CASE WHEN t.required = 1 THEN 1 ELSE 0 END) AS req, "
            "SUM(CASE WHEN t.required = 1 AND t.done_on IS NOT NULL THEN 1 ELSE 0 END) AS req_done, "
            "SUM(CASE WHEN t.done_on IS NULL AND t.due_on < ? THEN 1 ELSE 0 END) AS overdue, "
            "MIN(t.started_on) AS started_on, MIN(CASE WHEN t.done_on IS NULL THEN t.due_on END) AS next_due "
            "FROM partner_tasks t JOIN partners p ON p.pk = t.partner_pk "
            "WHERE t.kind = '%2' AND t.deleted_at IS NULL AND %3 "
            "AND p.deleted_at IS NULL%1 GROUP BY t.partner_pk) "
            "SELECT pd_uuid_text(p.id), p.partner_key, p.name, p.partner_type, p.channel_manager, p.territory, "
            "p.stage_since, agg.tasks, agg.done, agg.req, agg.req_done, agg.overdue, agg.started_on, agg.next_due, "
            "(SELECT n.title FROM partner_tasks n WHERE n.partner_pk = p.pk AND n.kind = '%2' AND "
            "n.deleted_at IS NULL AND n.done_on IS NULL ORDER BY n.due_on, n.position LIMIT 1) "
            "FROM partners p %4 JOIN agg ON agg.partner_pk = p.pk "
            "WHERE %3 AND p.deleted_at IS NULL%1 ORDER BY p.name, p.partner_key")
            .arg(only, toString(kind), stage, onboarding ? QStringLiteral("LEFT") : QStringLiteral("INNER"));
    QSqlQuery q = m_db.prepare(sql);
    q.addBindValue(today.toString(Qt::ISODate));
    for (int pass = 0; pass < 2 && partnerIds; ++pass)
        for (const QString& id : *partnerIds)
            q.addBindValue(id);
    Database::exec(q, onboarding ? QStringLiteral("Listing the partners in onboarding")
                                 : QStringLiteral("Listing the partners in offboarding"));
    QList<OnboardingRow> out;
    while (q.next()) {
        OnboardingRow r;
        r.partnerId = q.value(0).toString();
        r.key = q.value(1).toString();
        r.name = q.value(2).toString();
        r.partnerType = q.value(3).toString();
        r.channelManager = q.value(4).toString();
        r.territory = q.value(5).toString();
        r.stageSince = dateOf(q.value(6));
        ChecklistProgress& g = r.progress;
        g.tasks = q.value(7).toInt();
        r.started = g.tasks > 0;
        g.done = q.value(8).toInt();
        g.required = q.value(9).toInt();
        g.requiredDone = q.value(10).toInt();
        g.overdue = q.value(11).toInt();
        g.startedOn = dateOf(q.value(12));
        g.nextDueOn = dateOf(q.value(13));
        g.nextTaskTitle = q.value(14).toString();
        out.append(r);
    }
    return out;
}

} // namespace pd
