#pragma once

#include <QString>

namespace pd {

class Database;

/// Writes a synthetic, deterministic partner book as CSV files in the import formats (headers are the
/// canonical field names of ImportEntity, so they auto-match without a profile): products.csv,
/// partners.csv, contacts.csv, accounts.csv, deals.csv. Realistic names, all partner types and stages,
/// territories, dates, amounts in several currencies. The same seed gives byte-identical files.
class BookGenerator
{
public:
    struct Options
    {
        int partners = 200;
        int deals = 2000;
        quint32 seed = 1;
    };

    /// Writes the five files into `dir` (created when missing). Returns false and sets `error` when a
    /// file cannot be written.
    static bool write(const QString& dir, const Options& options, QString* error);

    /// What generateMdf() wrote.
    struct MdfCounts
    {
        int budgets = 0;
        qint64 allocations = 0;
        qint64 requests = 0;
        qint64 claims = 0;
        qint64 ledgerEntries = 0;
    };

    /// Adds synthetic MDF data (issue 10) to the book `db` for every partner not archived, deterministically from
    /// `seed`, in one transaction with bulk SQL: two USD budgets, "Generated 2017Q3" (closed on 2018-01-01: every
    /// partner's allocation, an approved request, an approved and paid claim, the rest of the allocation and the
    /// unallocated pool expired) and "Generated 2017Q4" (open: allocations; requests Submitted, Approved, or with a
    /// claim Approved or Paid). About 11 ledger entries per partner (1,1 million for 100,000 partners), their balances
    /// computed from the entries (INSERT … SELECT … GROUP BY), change-log entries for every row and one audit entry;
    /// MdfBudgetRepository::verifyLedger() holds. `at` is the instant written (ISO 8601 UTC). Throws StorageError
    /// (nothing written), also when the book already has the generated budgets.
    static MdfCounts generateMdf(Database& db, quint32 seed, const QString& at);
};

} // namespace pd
