#include "storage/MdfOperations.h"

#include "domain/Clock.h"
#include "domain/Mdf.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/MdfLedgerWriter.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"
#include "storage/Transaction.h"

#include <QSqlQuery>

namespace pd {

namespace {
/// The tables an operation's entity may be in (a fixed list: the name is put into SQL).
bool isEntityTable(const QString& table)
{
    return table == QLatin1String("mdf_budgets") || table == QLatin1String("mdf_requests") ||
           table == QLatin1String("mdf_claims");
}

struct Operation
{
    qint64 pk = 0;
    QString action;
    QString entity;
    qint64 entityPk = 0;
    qint64 budgetPk = 0;
    QString before;
    QString after;
    int afterVersion = 0;
    bool undone = false;
};

Operation readOperation(const Database& db, const QString& id)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pk, action, entity, entity_pk, budget_pk, before_status, "
                                            "after_status, after_version, undone FROM mdf_operations WHERE id = "
                                            "pd_uuid(?)"));
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Reading an MDF operation"));
    if (!q.next())
        throw StorageError(QStringLiteral("The MDF action to undo is not in this book"), StorageError::Kind::NotFound);
    return {q.value(0).toLongLong(), q.value(1).toString(),   q.value(2).toString(),
            q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toString(),
            q.value(6).toString(),   q.value(7).toInt(),      q.value(8).toInt() != 0};
}

/// Puts the operation's entity from `from` into `status` ('' archives a row the operation created, and `from` ''
/// means it is archived now); returns its new version. Kind::Conflict when it is no longer in `from` (someone
/// changed it since).
int setEntityStatus(Database& db, const Operation& op, const QString& from, const QString& status, const QString& at)
{
    if (!isEntityTable(op.entity))
        throw StorageError(QStringLiteral("Unknown MDF entity %1").arg(op.entity));
    const QString current =
        from.isEmpty() ? QStringLiteral("deleted_at IS NOT NULL") : QStringLiteral("deleted_at IS NULL AND status = ?");
    QSqlQuery q = db.prepare(
        status.isEmpty()
            ? QStringLiteral("UPDATE %1 SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE pk = ? AND %2 "
                             "RETURNING version, pd_uuid_text(id)")
                  .arg(op.entity, current)
            : QStringLiteral("UPDATE %1 SET deleted_at = NULL, status = ?, updated_at = ?, version = version + 1 WHERE "
                             "pk = ? AND %2 RETURNING version, pd_uuid_text(id)")
                  .arg(op.entity, current));
    q.addBindValue(status.isEmpty() ? QVariant(at) : QVariant(status));
    q.addBindValue(at);
    q.addBindValue(op.entityPk);
    if (!from.isEmpty())
        q.addBindValue(from);
    Database::exec(q, QStringLiteral("Restoring an MDF row"));
    if (!q.next())
        throw StorageError(QStringLiteral("This MDF %1 was changed since \"%2\"; undo the later change first")
                               .arg(op.entity.mid(4).chopped(1), op.action),
                           StorageError::Kind::Conflict);
    const int version = q.value(0).toInt();
    const QString id = q.value(1).toString();
    q.finish();
    ChangeRecorder(db).logChange(op.entity, id, status.isEmpty() ? QStringLiteral("delete") : QStringLiteral("update"),
                                 version, at);
    return version;
}
} // namespace

MdfOperations::MdfOperations(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

void MdfOperations::undo(const QString& operationId)
{
    apply(operationId, true);
}

void MdfOperations::redo(const QString& operationId)
{
    apply(operationId, false);
}

void MdfOperations::apply(const QString& operationId, bool undo)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const Operation op = readOperation(m_db, operationId);
    if (op.undone != !undo)
        throw StorageError(undo ? QStringLiteral("\"%1\" is already undone").arg(op.action)
                                : QStringLiteral("\"%1\" is not undone; there is nothing to redo").arg(op.action),
                           StorageError::Kind::Conflict);
    MdfLedgerWriter writer(m_db, at, m_clock.todayUtc());
    const MdfLockedBudget budget = writer.lockBudgetByPk(op.budgetPk);
    // The entity first: a redo of a created budget must bring the budget back before its entries are posted again.
    int version = op.afterVersion;
    if (op.before != op.after || op.before.isEmpty()) {
        version = undo ? setEntityStatus(m_db, op, op.after, op.before, at)
                       : setEntityStatus(m_db, op, op.before, op.after, at);
    }
    QSqlQuery mark =
        m_db.prepare(QStringLiteral("UPDATE mdf_operations SET undone = ?, after_version = ? WHERE pk = ?"));
    mark.addBindValue(undo ? 1 : 0);
    mark.addBindValue(version);
    mark.addBindValue(op.pk);
    Database::exec(mark, QStringLiteral("Recording an MDF undo"));
    // The entries: an undo reverses every entry of the operation still in effect (not a reversal, not reversed); a
    // redo posts again every reversed entry not re-posted yet.
    QSqlQuery entries = m_db.prepare(
        QStringLiteral(
            "SELECT e.pk, e.partner_pk, e.kind, e.from_account, e.to_account, e.amount_minor, e.request_pk, "
            "e.claim_pk, "
            "e.memo FROM mdf_ledger e WHERE e.operation_pk = ? AND e.reverses_pk IS NULL AND %1 EXISTS (SELECT 1 FROM "
            "mdf_ledger r WHERE r.reverses_pk = e.pk) %2 ORDER BY e.pk %3")
            .arg(undo ? QStringLiteral("NOT") : QString(),
                 undo ? QString()
                      : QStringLiteral("AND NOT EXISTS (SELECT 1 FROM mdf_ledger x "
                                       "WHERE x.redoes_pk = e.pk)"),
                 undo ? QStringLiteral("DESC") : QString()));
    entries.addBindValue(op.pk);
    Database::exec(entries, QStringLiteral("Reading the entries of an MDF operation"));
    QList<MdfPosting> postings;
    while (entries.next()) {
        MdfPosting p;
        p.budgetPk = op.budgetPk;
        p.partnerPk = entries.value(1).toLongLong();
        p.kind = undo ? QStringLiteral("reversal") : entries.value(2).toString();
        p.from = entries.value(undo ? 4 : 3).toString();
        p.to = entries.value(undo ? 3 : 4).toString();
        p.amountMinor = entries.value(5).toLongLong();
        p.requestPk = entries.value(6).toLongLong();
        p.claimPk = entries.value(7).toLongLong();
        (undo ? p.reversesPk : p.redoesPk) = entries.value(0).toLongLong();
        p.memo = (undo ? QStringLiteral("undo of %1: %2") : QStringLiteral("redo of %1: %2"))
                     .arg(op.action, entries.value(8).toString());
        postings.append(p);
    }
    entries.finish();
    // Reversing entries re-attach to this operation, so a later redo finds them.
    writer.attachToOperation(op.pk);
    for (const MdfPosting& p : std::as_const(postings))
        writer.post(p, budget.currency,
                    undo ? QStringLiteral("\"%1\" cannot be undone: the %2 funds it would take back were used since "
                                          "(%3 short)")
                               .arg(op.action, p.from, QStringLiteral("%1"))
                         : QStringLiteral("\"%1\" cannot be redone: the %2 funds it needs were used since (%3 short)")
                               .arg(op.action, p.from, QStringLiteral("%1")));
    // Allocations made by the operation leave or come back with it.
    QSqlQuery alloc = m_db.prepare(
        QStringLiteral("UPDATE mdf_allocations SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE "
                       "operation_pk = ?"));
    alloc.addBindValue(undo ? QVariant(at) : QVariant(QMetaType::fromType<QString>()));
    alloc.addBindValue(at);
    alloc.addBindValue(op.pk);
    Database::exec(alloc, QStringLiteral("Restoring MDF allocations"));
    if (op.entity == QLatin1String("mdf_budgets")) {
        // The budget's amount is what its funding account gave.
        QSqlQuery amount = m_db.prepare(QStringLiteral(
            "UPDATE mdf_budgets SET amount_minor = -(SELECT COALESCE(SUM(amount_minor), 0) FROM mdf_balances WHERE "
            "budget_pk = ? AND partner_pk = 0 AND account = 'funding') WHERE pk = ?"));
        amount.addBindValue(op.budgetPk);
        amount.addBindValue(op.budgetPk);
        Database::exec(amount, QStringLiteral("Restoring an MDF budget's amount"));
        if (op.action == QLatin1String("close period")) {
            QSqlQuery closed = m_db.prepare(QStringLiteral("UPDATE mdf_budgets SET closed_on = ? WHERE pk = ?"));
            closed.addBindValue(undo ? QVariant(QMetaType::fromType<QString>())
                                     : QVariant(isoDate(m_clock.todayUtc())));
            closed.addBindValue(op.budgetPk);
            Database::exec(closed, QStringLiteral("Reopening an MDF budget"));
        }
    }
    ChangeRecorder(m_db).audit(undo ? QStringLiteral("undo") : QStringLiteral("redo"), op.entity,
                               idForPk(m_db, op.entity.toLatin1().constData(), op.entityPk),
                               QStringLiteral("%1 of \"%2\" in MDF budget %3 (%4 ledger entries)")
                                   .arg(undo ? QStringLiteral("Undo") : QStringLiteral("Redo"), op.action, budget.name)
                                   .arg(postings.size()),
                               at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{budget.id});
}

} // namespace pd
