#include "storage/LifecycleRepository.h"

#include "domain/Clock.h"
#include "domain/LifecycleRules.h"
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
/// The partner's row as a move needs it.
struct PartnerState
{
    qint64 pk = 0;
    QString key;
    LifecycleStage stage = LifecycleStage::Prospect;
    QDate activationDate;
    QDate stageSince;
    int version = 0;
};

PartnerState readState(Database& db, const QString& partnerId)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pk, partner_key, stage, activation_date, stage_since, version "
                                            "FROM partners WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Reading a partner's stage"));
    if (!q.next())
        throw StorageError(QStringLiteral("The partner no longer exists or is archived"), StorageError::Kind::NotFound);
    PartnerState s;
    s.pk = q.value(0).toLongLong();
    s.key = q.value(1).toString();
    s.stage = lifecycleStageFromString(q.value(2).toString()).value_or(LifecycleStage::Prospect);
    s.activationDate = QDate::fromString(q.value(3).toString(), Qt::ISODate);
    s.stageSince = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    s.version = q.value(5).toInt();
    return s;
}

/// Why the partner may not be offboarded yet (its offboarding checklist), empty when it may.
QString offboardingRefusal(Database& db, const PartnerState& s)
{
    QSqlQuery q = db.prepare(QStringLiteral(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN required = 1 AND done_on IS NULL THEN 1 ELSE 0 END), 0) "
        "FROM partner_tasks WHERE partner_pk = ? AND kind = 'offboarding' AND deleted_at IS NULL"));
    q.addBindValue(s.pk);
    Database::exec(q, QStringLiteral("Reading the offboarding checklist of %1").arg(s.key));
    q.next();
    if (q.value(0).toLongLong() == 0)
        return QStringLiteral("%1 has no offboarding checklist: start offboarding first").arg(s.key);
    const qint64 open = q.value(1).toLongLong();
    if (open > 0)
        return QStringLiteral("%1 still has %2 required offboarding task(s) to do").arg(s.key).arg(open);
    return {};
}

/// An ISO date, or NULL for an invalid date.
QVariant dateValue(const QDate& date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate)) : QVariant();
}

/// Writes the partner's stage, stage_since and activation date if its row still has the version `s` read; bumps the
/// version. Kind::Conflict when someone else changed the row meanwhile.
void savePartnerStage(Database& db, const PartnerState& s, LifecycleStage stage, const QDate& since,
                      const QDate& activation, const QString& at)
{
    QSqlQuery u = db.prepare(QStringLiteral("UPDATE partners SET stage = ?, stage_since = ?, activation_date = ?, "
                                            "updated_at = ?, version = version + 1 WHERE pk = ? AND version = ?"));
    u.addBindValue(toString(stage));
    u.addBindValue(dateValue(since));
    u.addBindValue(dateValue(activation));
    u.addBindValue(at);
    u.addBindValue(s.pk);
    u.addBindValue(s.version);
    Database::exec(u, QStringLiteral("Saving the stage of %1").arg(s.key));
    if (u.numRowsAffected() != 1)
        throw StorageError(QStringLiteral("Partner %1 was changed by someone else; reload it and try again").arg(s.key),
                           StorageError::Kind::Conflict);
}

void logMove(Database& db, const PartnerState& s, const QString& partnerId, const QString& details, const QString& at)
{
    ChangeRecorder rec(db);
    rec.logChange(QStringLiteral("partners"), partnerId, QStringLiteral("update"), s.version + 1, at);
    rec.audit(QStringLiteral("stage"), QStringLiteral("partners"), partnerId, details, at);
}

QString describe(const StageChange& c)
{
    QString text = QStringLiteral("Partner %1: %2 → %3 on %4")
                       .arg(c.partnerKey, toString(c.from), toString(c.to), c.on.toString(Qt::ISODate));
    if (!c.reason.isEmpty())
        text += QStringLiteral(" (%1)").arg(c.reason);
    return text;
}
} // namespace

LifecycleRepository::LifecycleRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

StageChange LifecycleRepository::move(const QString& partnerId, LifecycleStage to, const QDate& on,
                                      const QString& reason)
{
    return write(partnerId, to, on.isValid() ? on : m_clock.todayUtc(), reason,
                 QUuid::createUuid().toString(QUuid::WithoutBraces), m_db.actor());
}

void LifecycleRepository::reapply(const StageChange& change)
{
    write(change.partnerId, change.to, change.on, change.reason, change.id, change.actor);
}

StageChange LifecycleRepository::write(const QString& partnerId, LifecycleStage to, const QDate& on,
                                       const QString& reason, const QString& historyId, const QString& actor)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const PartnerState s = readState(m_db, partnerId);
    if (s.stage == LifecycleStage::Offboarded)
        throw StorageError(QStringLiteral("%1 is offboarded and read-only: its stage cannot change").arg(s.key),
                           StorageError::Kind::NotAllowed);
    const QString refusal = LifecycleRules::refusal(s.stage, to);
    if (!refusal.isEmpty())
        throw StorageError(QStringLiteral("%1: %2").arg(s.key, refusal), StorageError::Kind::NotAllowed);
    if (on > m_clock.todayUtc())
        throw StorageError(QStringLiteral("%1: the date of a stage change (%2) cannot be after today (%3)")
                               .arg(s.key, on.toString(Qt::ISODate), m_clock.todayUtc().toString(Qt::ISODate)),
                           StorageError::Kind::NotAllowed);
    if (to == LifecycleStage::Offboarded) {
        const QString notYet = offboardingRefusal(m_db, s);
        if (!notYet.isEmpty())
            throw StorageError(notYet, StorageError::Kind::NotAllowed);
    }
    StageChange c;
    c.id = historyId;
    c.partnerId = partnerId;
    c.partnerKey = s.key;
    c.from = s.stage;
    c.to = to;
    c.on = on;
    c.actor = actor;
    c.reason = reason;
    c.recordedAt = at;
    c.activated = to == LifecycleStage::Active && !s.activationDate.isValid();
    c.stageSinceBefore = s.stageSince;
    QSqlQuery h = m_db.prepare(QStringLiteral("INSERT INTO partner_stage_history (id, partner_pk, from_stage, stage, "
                                              "changed_on, created_at, actor, reason) "
                                              "VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, ?)"));
    h.addBindValue(c.id);
    h.addBindValue(s.pk);
    h.addBindValue(toString(c.from));
    h.addBindValue(toString(c.to));
    h.addBindValue(on.toString(Qt::ISODate));
    h.addBindValue(at);
    h.addBindValue(Database::nonNull(actor));
    h.addBindValue(Database::nonNull(reason));
    Database::exec(h, QStringLiteral("Recording the stage change of %1").arg(s.key));
    savePartnerStage(m_db, s, to, on, c.activated ? on : s.activationDate, at);
    logMove(m_db, s, partnerId, describe(c), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{partnerId});
    return c;
}

void LifecycleRepository::revert(const StageChange& change)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const PartnerState s = readState(m_db, change.partnerId);
    QSqlQuery latest = m_db.prepare(QStringLiteral("SELECT pd_uuid_text(id) FROM partner_stage_history WHERE "
                                                   "partner_pk = ? ORDER BY pk DESC LIMIT 1"));
    latest.addBindValue(s.pk);
    Database::exec(latest, QStringLiteral("Reading the stage history of %1").arg(s.key));
    if (s.stage != change.to || !latest.next() || latest.value(0).toString() != change.id)
        throw StorageError(QStringLiteral("%1 changed stage again since; its move to %2 cannot be undone")
                               .arg(s.key, toString(change.to)),
                           StorageError::Kind::Conflict);
    QSqlQuery d = m_db.prepare(QStringLiteral("DELETE FROM partner_stage_history WHERE id = pd_uuid(?)"));
    d.addBindValue(change.id);
    Database::exec(d, QStringLiteral("Undoing the stage change of %1").arg(s.key));
    savePartnerStage(m_db, s, change.from, change.stageSinceBefore, change.activated ? QDate() : s.activationDate, at);
    logMove(m_db, s, change.partnerId, QStringLiteral("Undone: %1").arg(describe(change)), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{change.partnerId});
}

QList<StageChange> LifecycleRepository::history(const QString& partnerId) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT pd_uuid_text(h.id), p.partner_key, h.from_stage, h.stage, "
                                              "h.changed_on, h.actor, h.reason, h.created_at FROM "
                                              "partner_stage_history h JOIN partners p ON p.pk = h.partner_pk "
                                              "WHERE p.id = pd_uuid(?) ORDER BY h.pk"));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Reading a partner's stage history"));
    QList<StageChange> list;
    while (q.next()) {
        StageChange c;
        c.id = q.value(0).toString();
        c.partnerId = partnerId;
        c.partnerKey = q.value(1).toString();
        const std::optional<LifecycleStage> from = lifecycleStageFromString(q.value(2).toString());
        c.first = !from.has_value();
        c.from = from.value_or(LifecycleStage::Prospect);
        c.to = lifecycleStageFromString(q.value(3).toString()).value_or(LifecycleStage::Prospect);
        c.on = QDate::fromString(q.value(4).toString(), Qt::ISODate);
        c.actor = q.value(5).toString();
        c.reason = q.value(6).toString();
        c.recordedAt = q.value(7).toString();
        list.append(c);
    }
    return list;
}

} // namespace pd
