#include "storage/DealWorkflowRepository.h"

#include "domain/Clock.h"
#include "domain/Money.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/ConflictRepository.h"
#include "storage/Database.h"
#include "storage/DealRepository.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QHash>
#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
QVariant nullText()
{
    return QVariant(QMetaType(QMetaType::QString));
}
} // namespace

DealWorkflowRepository::DealWorkflowRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

void DealWorkflowRepository::createDraft(Deal& deal)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Deal d = deal;
    d.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d.status = DealStatus::Draft;
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO deals (id, created_at, updated_at, version, external_id, registration_number, "
                       "partner_pk, contact_pk, account_pk, product_pk, status, expected_close, amount_minor, "
                       "currency, notes) VALUES (pd_uuid(?), ?, ?, 1, ?, 0, %1, %2, %3, %4, 'Draft', ?, ?, ?, ?)")
            .arg(pkOfId("partners"), pkOfId("contacts"), pkOfId("accounts"), pkOfId("products")));
    q.addBindValue(d.id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(d.externalId.isEmpty() ? nullText() : QVariant(d.externalId));
    q.addBindValue(d.partnerId);
    q.addBindValue(d.contactId.isEmpty() ? nullText() : QVariant(d.contactId));
    q.addBindValue(d.accountId.isEmpty() ? nullText() : QVariant(d.accountId));
    q.addBindValue(d.productId);
    q.addBindValue(d.expectedClose.isValid() ? QVariant(d.expectedClose.toString(Qt::ISODate)) : nullText());
    q.addBindValue(d.amountMinor < 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(d.amountMinor));
    q.addBindValue(Database::nonNull(d.currency));
    q.addBindValue(Database::nonNull(d.notes));
    Database::exec(q, QStringLiteral("Saving the deal registration"));
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("deals"), d.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), QStringLiteral("deals"), d.id, QStringLiteral("Draft registration created"),
              at);
    tx.commit();
    d.version = 1;
    deal = d;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{d.id});
}

void DealWorkflowRepository::discardDraft(const QString& dealId)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        QStringLiteral("UPDATE deals SET deleted_at = ?, updated_at = ?, version = version + 1 "
                       "WHERE id = pd_uuid(?) AND status = 'Draft' AND deleted_at IS NULL RETURNING version"));
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(dealId);
    Database::exec(q, QStringLiteral("Discarding the draft registration"));
    if (!q.next())
        throw StorageError(QStringLiteral("The draft registration no longer exists"), StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("deals"), dealId, QStringLiteral("delete"), version, at);
    rec.audit(QStringLiteral("discard"), QStringLiteral("deals"), dealId,
              QStringLiteral("Draft registration discarded"), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
}

void DealWorkflowRepository::discard(const QString& dealId)
{
    setDiscarded(dealId, true);
}

void DealWorkflowRepository::restoreDiscarded(const QString& dealId)
{
    setDiscarded(dealId, false);
}

void DealWorkflowRepository::setDiscarded(const QString& dealId, bool discarded)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "UPDATE deals SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = pd_uuid(?) AND "
            "deleted_at IS %1 RETURNING version, registration_number")
            .arg(discarded ? QStringLiteral("NULL") : QStringLiteral("NOT NULL")));
    q.addBindValue(discarded ? QVariant(at) : nullText());
    q.addBindValue(at);
    q.addBindValue(dealId);
    Database::exec(q, discarded ? QStringLiteral("Removing the registration")
                                : QStringLiteral("Restoring the registration"));
    if (!q.next())
        throw StorageError(discarded ? QStringLiteral("The deal registration no longer exists")
                                     : QStringLiteral("The removed registration cannot be found"),
                           StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    const qint64 number = q.value(1).toLongLong();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("deals"), dealId, discarded ? QStringLiteral("delete") : QStringLiteral("update"),
                  version, at);
    rec.audit(discarded ? QStringLiteral("discard") : QStringLiteral("restore"), QStringLiteral("deals"), dealId,
              (discarded ? QStringLiteral("Registration #%1 removed") : QStringLiteral("Registration #%1 restored"))
                  .arg(number),
              at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
}

DealState DealWorkflowRepository::state(const QString& dealId) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT status, registered_at, registration_number, extended, closed_on, amount_minor, currency, decided_by, "
        "reject_reason, version FROM deals WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    q.addBindValue(dealId);
    Database::exec(q, QStringLiteral("Reading the deal registration"));
    if (!q.next())
        throw StorageError(QStringLiteral("The deal registration no longer exists"), StorageError::Kind::NotFound);
    DealState s;
    s.status = dealStatusFromString(q.value(0).toString()).value_or(DealStatus::Draft);
    s.registeredAt = q.value(1).isNull() ? QDateTime() : fromIsoUtc(q.value(1).toString());
    s.registrationNumber = q.value(2).toLongLong();
    s.extended = q.value(3).toInt() != 0;
    s.closedOn = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    s.amountMinor = q.value(5).isNull() ? -1 : q.value(5).toLongLong();
    s.currency = q.value(6).toString();
    s.decidedBy = q.value(7).toString();
    s.rejectReason = q.value(8).toString();
    s.version = q.value(9).toInt();
    return s;
}

void DealWorkflowRepository::writeState(const QString& dealId, const DealState& from, const DealState& to,
                                        const QString& action, const QString& details)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE deals SET status = ?, registered_at = ?, registration_number = ?, extended = ?, closed_on = ?, "
        "amount_minor = ?, decided_by = ?, reject_reason = ?, updated_at = ?, version = version + 1 "
        "WHERE id = pd_uuid(?) AND version = ? AND deleted_at IS NULL"));
    q.addBindValue(toString(to.status));
    q.addBindValue(to.registeredAt.isValid() ? QVariant(toIsoUtc(to.registeredAt)) : nullText());
    q.addBindValue(to.registrationNumber);
    q.addBindValue(to.extended ? 1 : 0);
    q.addBindValue(to.closedOn.isValid() ? QVariant(to.closedOn.toString(Qt::ISODate)) : nullText());
    q.addBindValue(to.amountMinor < 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(to.amountMinor));
    q.addBindValue(Database::nonNull(to.decidedBy));
    q.addBindValue(Database::nonNull(to.rejectReason));
    q.addBindValue(at);
    q.addBindValue(dealId);
    q.addBindValue(from.version);
    Database::exec(q, QStringLiteral("Saving the deal registration"));
    if (q.numRowsAffected() != 1)
        throw StorageError(QStringLiteral("The deal registration was changed by someone else; reload it and try again"),
                           StorageError::Kind::Conflict);
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("deals"), dealId, QStringLiteral("update"), from.version + 1, at);
    rec.audit(action, QStringLiteral("deals"), dealId, details, at);
}

DealState DealWorkflowRepository::apply(const QString& dealId, DealAction action, const DealActionInput& input,
                                        const ProgramSettings& settings)
{
    Transaction tx(m_db);
    const DealState before = state(dealId);
    const auto next = transition(before.status, action, before.extended);
    if (!next)
        throw StorageError(actionRefusal(action, before.status, before.registrationNumber, before.extended),
                           StorageError::Kind::NotAllowed);
    DealState after = before;
    after.status = *next;
    QString details = QStringLiteral("%1 → %2").arg(toString(before.status), toString(after.status));
    const QDate today = m_clock.todayUtc();
    switch (action) {
    case DealAction::Submit: {
        after.registeredAt = m_clock.nowUtc();
        after.registrationNumber = DealRepository(m_db).allocateRegistrationNumbers(1);
        const ConflictRepository conflicts(m_db);
        const int conflictCount =
            int(conflicts.conflictsOf(dealId, after.registeredAt, after.registrationNumber, settings.rules).size());
        const auto decision =
            evaluateAutoApproval(settings.autoApproval, conflictCount, conflicts.partnerTierRank(dealId),
                                 before.amountMinor, before.currency);
        if (decision.approved)
            after.status = DealStatus::Approved;
        after.decidedBy = decision.rule;
        details += QStringLiteral(" (registration #%1; %2)").arg(after.registrationNumber).arg(decision.rule);
        if (decision.approved)
            details.replace(QStringLiteral("→ Submitted"), QStringLiteral("→ Approved"));
        break;
    }
    case DealAction::Approve:
        after.decidedBy = QStringLiteral("approved by %1").arg(m_db.actor());
        break;
    case DealAction::Reject:
        if (input.reason.trimmed().isEmpty())
            throw StorageError(QStringLiteral("A rejection needs a reason"));
        after.rejectReason = input.reason.trimmed();
        after.decidedBy = QStringLiteral("rejected by %1").arg(m_db.actor());
        after.closedOn = today;
        details += QStringLiteral(": ") + after.rejectReason;
        break;
    case DealAction::Extend:
        after.extended = true;
        details = QStringLiteral("protection extended by %1 days").arg(settings.rules.extensionDays);
        break;
    case DealAction::MarkWon:
        if (input.amountMinor >= 0)
            after.amountMinor = input.amountMinor;
        if (after.amountMinor < 0)
            throw StorageError(QStringLiteral("A won registration needs an amount"));
        after.closedOn = input.closeDate.isValid() ? input.closeDate : today;
        details += QStringLiteral(", %1 %2 on %3")
                       .arg(formatMinorUnits(after.amountMinor, after.currency), after.currency,
                            after.closedOn.toString(Qt::ISODate));
        break;
    case DealAction::MarkLost:
        after.closedOn = input.closeDate.isValid() ? input.closeDate : today;
        details += QStringLiteral(" on %1").arg(after.closedOn.toString(Qt::ISODate));
        break;
    case DealAction::Expire:
        break;
    }
    writeState(dealId, before, after, toString(action), details);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
    return before;
}

void DealWorkflowRepository::restore(const QString& dealId, const DealState& before)
{
    Transaction tx(m_db);
    const DealState current = state(dealId);
    writeState(dealId, current, before, QStringLiteral("undo"),
               QStringLiteral("%1 → %2 (undo)").arg(toString(current.status), toString(before.status)));
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
}

namespace {
/// "?, ?" for `n` bound values.
QString marks(qsizetype n)
{
    QStringList m;
    m.fill(QStringLiteral("?"), n);
    return m.join(QStringLiteral(", "));
}

const QString kExpiredDecision = QStringLiteral("expired: protection window ended");
} // namespace

int DealWorkflowRepository::expireOverdue(const QDate& asOf, const ProgramRules& rules,
                                          QList<ExpiredRegistration>* expired)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    // pd::isOverdue in SQL: registered_at <= overdueRegisteredBy(asOf) (ISO text compares in time order), for the
    // statuses the domain protects.
    const QList<DealStatus> statuses = protectedStatuses();
    const QString overdue =
        QStringLiteral("deleted_at IS NULL AND status IN (%1) AND registered_at IS NOT NULL AND "
                       "((extended = 0 AND registered_at <= ?) OR (extended <> 0 AND registered_at <= ?))")
            .arg(marks(statuses.size()));
    auto bindOverdue = [&](QSqlQuery& q) {
        for (DealStatus s : statuses)
            q.addBindValue(toString(s));
        q.addBindValue(toIsoUtc(overdueRegisteredBy(asOf, rules, false)));
        q.addBindValue(toIsoUtc(overdueRegisteredBy(asOf, rules, true)));
    };
    // What each one was before (undo writes it back); read under the same transaction as the update.
    QHash<QString, QPair<DealStatus, QString>> before;
    if (expired) {
        QSqlQuery b =
            m_db.prepare(QStringLiteral("SELECT pd_uuid_text(id), status, decided_by FROM deals WHERE ") + overdue);
        bindOverdue(b);
        Database::exec(b, QStringLiteral("Reading overdue registrations"));
        while (b.next())
            before.insert(
                b.value(0).toString(),
                {dealStatusFromString(b.value(1).toString()).value_or(DealStatus::Submitted), b.value(2).toString()});
    }
    QSqlQuery q = m_db.prepare(QStringLiteral("UPDATE deals SET status = ?, decided_by = ?, updated_at = ?, "
                                              "version = version + 1 WHERE ") +
                               overdue + QStringLiteral(" RETURNING pd_uuid_text(id), version, registration_number"));
    q.addBindValue(toString(DealStatus::Expired));
    q.addBindValue(kExpiredDecision);
    q.addBindValue(at);
    bindOverdue(q);
    Database::exec(q, QStringLiteral("Expiring overdue registrations"));
    QStringList ids;
    QList<QPair<int, qint64>> rows;
    while (q.next()) {
        ids << q.value(0).toString();
        rows.append({q.value(1).toInt(), q.value(2).toLongLong()});
    }
    q.finish();
    ChangeRecorder rec(m_db);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        rec.logChange(QStringLiteral("deals"), ids[i], QStringLiteral("update"), rows[i].first, at);
        rec.audit(QStringLiteral("expire"), QStringLiteral("deals"), ids[i],
                  QStringLiteral("Registration #%1 expired: protection window ended before %2")
                      .arg(rows[i].second)
                      .arg(asOf.toString(Qt::ISODate)),
                  at);
        if (expired) {
            const auto b = before.value(ids[i], {*statusBeforeClosing(DealStatus::Expired), QString()});
            expired->append({ids[i], rows[i].second, b.first, b.second});
        }
    }
    tx.commit();
    if (!ids.isEmpty())
        notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, ids);
    return int(ids.size());
}

void DealWorkflowRepository::revertExpiry(const QList<ExpiredRegistration>& expired)
{
    setStatuses(expired, true);
}

void DealWorkflowRepository::reapplyExpiry(const QList<ExpiredRegistration>& expired)
{
    setStatuses(expired, false);
}

void DealWorkflowRepository::setStatuses(const QList<ExpiredRegistration>& expired, bool revert)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE deals SET status = ?, decided_by = ?, updated_at = ?, "
                                    "version = version + 1 WHERE id = pd_uuid(?) AND status = ? AND deleted_at IS "
                                    "NULL RETURNING version"));
    ChangeRecorder rec(m_db);
    QStringList ids;
    for (const ExpiredRegistration& e : expired) {
        const DealStatus from = revert ? DealStatus::Expired : e.before;
        const DealStatus to = revert ? e.before : DealStatus::Expired;
        q.addBindValue(toString(to));
        q.addBindValue(revert ? e.decidedByBefore : kExpiredDecision);
        q.addBindValue(at);
        q.addBindValue(e.dealId);
        q.addBindValue(toString(from));
        Database::exec(q, QStringLiteral("Saving registration #%1").arg(e.registrationNumber));
        if (!q.next())
            throw StorageError(QStringLiteral("Registration #%1 is no longer %2; reload it and try again")
                                   .arg(e.registrationNumber)
                                   .arg(toString(from)),
                               StorageError::Kind::Conflict);
        const int version = q.value(0).toInt();
        q.finish();
        rec.logChange(QStringLiteral("deals"), e.dealId, QStringLiteral("update"), version, at);
        rec.audit(revert ? QStringLiteral("undo") : QStringLiteral("expire"), QStringLiteral("deals"), e.dealId,
                  QStringLiteral("Registration #%1: %2 → %3%4")
                      .arg(e.registrationNumber)
                      .arg(toString(from), toString(to), revert ? QStringLiteral(" (undo)") : QString()),
                  at);
        ids << e.dealId;
    }
    tx.commit();
    if (!ids.isEmpty())
        notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, ids);
}

} // namespace pd
