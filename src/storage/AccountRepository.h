#pragma once

#include "domain/Account.h"

#include <QList>
#include <optional>

namespace pd {

class Database;
class ChangeNotifier;

/// Reads and writes end-customer accounts. Throws StorageError.
class AccountRepository
{
public:
    /// `notifier` (optional) hears of every write once it has committed.
    explicit AccountRepository(Database& db, ChangeNotifier* notifier = nullptr) : m_db(db), m_notifier(notifier) {}

    /// Every account that is not archived, ordered by name.
    QList<Account> list() const;
    /// The UUID of every account that is not archived by its name key (normalizeName(name), as stored), for an
    /// import's resolution by name; of accounts that share a key, the one whose name sorts last (list()'s order).
    QHash<QString, QString> idsByNameKey() const;
    /// Bulk insert for imports (caller's transaction, rows stamped `at`); assigns ids. Parents must be set
    /// afterwards with setParents() when they are in the same batch.
    void insertMany(QList<Account>& accounts, const QString& at);
    /// Inserts one account (e.g. a new end customer typed into a registration) with its change-log and
    /// audit entries, in one transaction; assigns id and version. `at` is the write instant (ISO UTC).
    void insert(Account& account, const QString& at);
    /// Soft-deletes the account `id` (the undo of creating it with a registration) unless a registration that is not
    /// deleted still refers to it, with change-log and audit entries, in one transaction (joining the caller's).
    /// Returns whether it was removed. Throws NotFound when it is already gone.
    bool removeUnlessUsed(const QString& id, const QString& at);
    /// Brings back an account removed by remove() (same row). Throws NotFound when it is not a removed account;
    /// StorageError when another account with its name was created meanwhile.
    void restore(const QString& id, const QString& at);
    /// Finds an account by normalized name (NameNormalizer), archived ones excluded.
    std::optional<Account> findByName(const QString& name) const;
    /// Bulk update for imports, by id and version.
    void updateMany(const QList<Account>& accounts, const QString& at);
    /// Sets parent_id of each account in `accounts` (id → parentId; empty clears it).
    void setParents(const QList<Account>& accounts);

private:
    void setRemoved(const QString& id, const QString& at, bool removed);
    Database& m_db;
    ChangeNotifier* m_notifier = nullptr;
};

} // namespace pd
