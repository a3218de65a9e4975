#include "storage/MdfLedgerWriter.h"

#include "domain/Mdf.h"
#include "domain/Money.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"

#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
QVariant keyOrNull(qint64 pk)
{
    return pk > 0 ? QVariant(pk) : QVariant(QMetaType::fromType<qint64>());
}

/// Whose account `account` of an entry of partner `partnerPk` is: the budget's own (0) for funding and the pool.
qint64 accountHolder(const QString& account, qint64 partnerPk)
{
    return account == QLatin1String(mdf_account::Funding) || account == QLatin1String(mdf_account::Pool) ? 0
                                                                                                         : partnerPk;
}

MdfLockedBudget lockWhere(const Database& db, const QString& where, const QVariant& value)
{
    // A no-op update takes PostgreSQL's row lock until the transaction ends; MDF writes to one budget queue up on it.
    QSqlQuery q =
        db.prepare(QStringLiteral("UPDATE mdf_budgets SET version = version WHERE %1 AND deleted_at IS NULL "
                                  "RETURNING pk, pd_uuid_text(id), name, currency, starts_on, ends_on, status")
                       .arg(where));
    q.addBindValue(value);
    Database::exec(q, QStringLiteral("Locking an MDF budget"));
    if (!q.next())
        throw StorageError(QStringLiteral("The MDF budget no longer exists"), StorageError::Kind::NotFound);
    MdfLockedBudget b{q.value(0).toLongLong(),
                      q.value(1).toString(),
                      q.value(2).toString(),
                      q.value(3).toString(),
                      QDate::fromString(q.value(4).toString(), Qt::ISODate),
                      QDate::fromString(q.value(5).toString(), Qt::ISODate),
                      q.value(6).toString() == QLatin1String("closed")};
    q.finish();
    return b;
}
} // namespace

MdfLedgerWriter::MdfLedgerWriter(Database& db, QString at, QDate postedOn)
    : m_db(db), m_at(std::move(at)), m_postedOn(postedOn)
{
}

MdfLockedBudget MdfLedgerWriter::lockBudget(const QString& budgetId) const
{
    return lockWhere(m_db, QStringLiteral("id = pd_uuid(?)"), budgetId);
}

MdfLockedBudget MdfLedgerWriter::lockBudgetByPk(qint64 budgetPk) const
{
    return lockWhere(m_db, QStringLiteral("pk = ?"), budgetPk);
}

qint64 MdfLedgerWriter::beginOperation(const QString& action, const QString& entity, qint64 entityPk, qint64 budgetPk,
                                       const QString& beforeStatus, const QString& afterStatus, int afterVersion)
{
    m_operationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO mdf_operations (id, created_at, actor, action, entity, entity_pk, budget_pk, "
                       "before_status, after_status, after_version) VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING pk"));
    for (const QVariant& v : {QVariant(m_operationId), QVariant(m_at), Database::nonNull(m_db.actor()),
                              QVariant(action), QVariant(entity), QVariant(entityPk), QVariant(budgetPk),
                              Database::nonNull(beforeStatus), Database::nonNull(afterStatus), QVariant(afterVersion)})
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Recording an MDF operation"));
    q.next();
    m_operationPk = q.value(0).toLongLong();
    return m_operationPk;
}

qint64 MdfLedgerWriter::post(const MdfPosting& p, const QString& currency, const QString& shortMessage)
{
    if (p.amountMinor <= 0)
        throw StorageError(QStringLiteral("A ledger entry moves a positive amount, not %1").arg(p.amountMinor),
                           StorageError::Kind::NotAllowed);
    addToBalance(p.budgetPk, accountHolder(p.from, p.partnerPk), p.from, -p.amountMinor, currency, shortMessage);
    addToBalance(p.budgetPk, accountHolder(p.to, p.partnerPk), p.to, p.amountMinor, currency, shortMessage);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO mdf_ledger (id, created_at, posted_on, operation_pk, budget_pk, partner_pk, kind, from_account, "
        "to_account, amount_minor, request_pk, claim_pk, reverses_pk, redoes_pk, actor, memo) VALUES (pd_uuid(?), ?, "
        "?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk"));
    for (const QVariant& v :
         {QVariant(id), QVariant(m_at), QVariant(isoDate(m_postedOn)), QVariant(m_operationPk), QVariant(p.budgetPk),
          keyOrNull(p.partnerPk), QVariant(p.kind), QVariant(p.from), QVariant(p.to), QVariant(p.amountMinor),
          keyOrNull(p.requestPk), keyOrNull(p.claimPk), keyOrNull(p.reversesPk), keyOrNull(p.redoesPk),
          Database::nonNull(m_db.actor()), Database::nonNull(p.memo)})
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Posting an MDF ledger entry"));
    q.next();
    const qint64 pk = q.value(0).toLongLong();
    q.finish();
    if (m_perEntryChangeLog)
        ChangeRecorder(m_db).logChange(QStringLiteral("mdf_ledger"), id, QStringLiteral("insert"), 1, m_at);
    return pk;
}

qint64 MdfLedgerWriter::balance(qint64 budgetPk, qint64 partnerPk, const char* account) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT amount_minor FROM mdf_balances WHERE budget_pk = ? AND partner_pk = ? AND account = ?"));
    q.addBindValue(budgetPk);
    q.addBindValue(partnerPk);
    q.addBindValue(QString::fromLatin1(account));
    Database::exec(q, QStringLiteral("Reading an MDF balance"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

void MdfLedgerWriter::addToBalance(qint64 budgetPk, qint64 partnerPk, const QString& account, qint64 delta,
                                   const QString& currency, const QString& shortMessage) const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE mdf_balances SET amount_minor = amount_minor + ? WHERE "
                                    "budget_pk = ? AND partner_pk = ? AND account = ? RETURNING amount_minor"));
    q.addBindValue(delta);
    q.addBindValue(budgetPk);
    q.addBindValue(partnerPk);
    q.addBindValue(account);
    Database::exec(q, QStringLiteral("Updating an MDF balance"));
    qint64 after = delta;
    if (q.next()) {
        after = q.value(0).toLongLong();
        q.finish();
    } else {
        q.finish();
        if (!m_insertBalance)
            m_insertBalance = m_db.prepare(QStringLiteral(
                "INSERT INTO mdf_balances (budget_pk, partner_pk, account, amount_minor) VALUES (?, ?, ?, ?)"));
        QSqlQuery& insert = *m_insertBalance;
        insert.addBindValue(budgetPk);
        insert.addBindValue(partnerPk);
        insert.addBindValue(account);
        insert.addBindValue(delta);
        Database::exec(insert, QStringLiteral("Opening an MDF balance"));
    }
    if (after < 0 && account != QLatin1String(mdf_account::Funding)) {
        const QString shortfall = formatMoney({-after, currency});
        throw StorageError(shortMessage.isEmpty()
                               ? QStringLiteral("The %1 funds would go below zero by %2").arg(account, shortfall)
                               : shortMessage.arg(shortfall),
                           StorageError::Kind::NotAllowed);
    }
}

} // namespace pd
