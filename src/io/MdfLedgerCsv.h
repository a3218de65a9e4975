#pragma once

#include "domain/Mdf.h"
#include "io/ExportTable.h"

#include <QByteArray>

namespace pd {

/// The fund ledger as CSV for finance (issue 10, item 5; `partnerdesk-cli mdf ledger`): one row per entry with the
/// columns entry, posted_on (ISO date), budget, period, partner (key; empty for the budget's own accounts), kind,
/// debit_account (the account the amount moves to), credit_account (the account it moves from), amount (major units,
/// '.' decimal point, no grouping), currency, request (number; empty when none), claim (id), reverses (entry number;
/// empty when none), actor, memo. RFC 4180 as CsvExporter writes it (UTF-8, CRLF, quoted when needed).
class MdfLedgerCsv
{
public:
    /// The column names, in order.
    static QStringList headers();
    /// The entries as an export table (one row per entry, in the given order).
    static ExportTable table(const QList<MdfLedgerEntry>& entries);
    /// The whole CSV text (header row and one row per entry), for printing.
    static QByteArray text(const QList<MdfLedgerEntry>& entries);
    /// Writes the CSV to `path` through a temporary file renamed into place (QSaveFile): a failure leaves the
    /// previous file, or none. Returns false with `error` naming the file and the reason.
    static bool write(const QList<MdfLedgerEntry>& entries, const QString& path, QString* error);
};

} // namespace pd
