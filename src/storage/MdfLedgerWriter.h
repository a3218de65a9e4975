#pragma once

#include <QDate>
#include <QSqlQuery>
#include <QString>
#include <optional>

namespace pd {

class Database;

/// A budget row as an MDF write sees it after locking it (MdfLedgerWriter::lockBudget()).
struct MdfLockedBudget
{
    qint64 pk = 0;
    QString id;
    QString name;
    QString currency;
    QDate startsOn;
    QDate endsOn;
    bool closed = false;
};

/// One movement to post: `amountMinor` (> 0) from account `from` to account `to` (mdf_account) of a budget;
/// partnerPk 0 for the budget's own accounts.
struct MdfPosting
{
    qint64 budgetPk = 0;
    qint64 partnerPk = 0;
    QString kind;
    QString from;
    QString to;
    qint64 amountMinor = 0;
    qint64 requestPk = 0;
    qint64 claimPk = 0;
    qint64 reversesPk = 0;
    qint64 redoesPk = 0;
    QString memo;
};

/// The fund ledger's writer, for the MDF repositories inside their transactions (storage-internal): locks a budget,
/// records an operation, posts double entries and keeps mdf_balances equal to the sums of the entries, refusing any
/// posting that would take an account other than funding below zero. Each entry gets its change-log entry
/// (entity "mdf_ledger"). Throws StorageError.
class MdfLedgerWriter
{
public:
    /// `at`: the instant written (ISO 8601 UTC); `postedOn`: the date the movements take effect.
    MdfLedgerWriter(Database& db, QString at, QDate postedOn);

    /// Takes the budget's row lock (PostgreSQL; SQLite's write transaction already holds the book) so that two
    /// writers to one budget follow each other, and reads it. Kind::NotFound when no such budget exists.
    MdfLockedBudget lockBudget(const QString& budgetId) const;
    MdfLockedBudget lockBudgetByPk(qint64 budgetPk) const;

    /// Records an operation and returns its key; its UUID is in lastOperationId().
    qint64 beginOperation(const QString& action, const QString& entity, qint64 entityPk, qint64 budgetPk,
                          const QString& beforeStatus, const QString& afterStatus, int afterVersion);
    QString lastOperationId() const { return m_operationId; }
    /// Posts the next entries as part of an operation recorded earlier (an undo or redo joins the operation it
    /// reverses, so that a later redo or undo finds its entries).
    void attachToOperation(qint64 operationPk) { m_operationPk = operationPk; }

    /// Posts one entry of the current operation; returns its key. Refuses (plain StorageError, `shortMessage` with
    /// %1 = the shortfall formatted, or a generic message when empty) when `from` would go below zero.
    qint64 post(const MdfPosting& posting, const QString& currency, const QString& shortMessage = {});

    /// Whether post() writes one change-log entry per ledger entry (the default). A bulk operation (an accrual over
    /// 100,000 partners) turns it off and logs its entries at the end with ChangeRecorder::logInserts().
    void setPerEntryChangeLog(bool on) { m_perEntryChangeLog = on; }

    /// The balance of one account (0 when it never moved).
    qint64 balance(qint64 budgetPk, qint64 partnerPk, const char* account) const;

private:
    void addToBalance(qint64 budgetPk, qint64 partnerPk, const QString& account, qint64 delta, const QString& currency,
                      const QString& shortMessage) const;

    Database& m_db;
    QString m_at;
    QDate m_postedOn;
    qint64 m_operationPk = 0;
    QString m_operationId;
    bool m_perEntryChangeLog = true;
    // Statements prepared once per writer: an operation may post hundreds of thousands of entries.
    mutable std::optional<QSqlQuery> m_insertEntry;
    mutable std::optional<QSqlQuery> m_updateBalance;
    mutable std::optional<QSqlQuery> m_insertBalance;
};

} // namespace pd
