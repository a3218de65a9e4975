#pragma once

namespace pd {

class Database;

/// RAII transaction scope: begins in the constructor, rolls back in the destructor unless commit() was
/// called. Nested scopes join the outermost transaction; an inner rollback dooms the outer one, so a
/// write is all-or-nothing (DESIGN.md section 2).
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// Commits (the outermost scope writes to the database). Throws StorageError on failure.
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

} // namespace pd
