#pragma once

#include <QString>

namespace pd {

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
};

} // namespace pd
