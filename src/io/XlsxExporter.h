#pragma once

#include "io/ExportTable.h"

#include <QString>
#include <atomic>

namespace pd {

/// Writes an ExportTable as an XLSX workbook of one sheet through libxlsxwriter: a bold header row, frozen panes
/// below it, column widths from the longest value (capped at 60 characters), integers and money as numbers (money
/// in major units with a number format of the currency's minor digits, e.g. "0.00"), dates and instants as Excel
/// date serials (days since 1899-12-30, ECMA-376 Part 1, 18.17.4) with a date ("yyyy-mm-dd") or date-time
/// ("yyyy-mm-dd hh:mm:ss") format, text as shared strings.
class XlsxExporter
{
public:
    /// Writes `table` to a temporary file beside `path`, then renames it into place, so a failed or cancelled
    /// export never leaves a half file (an existing `path` is kept until the rename). Returns false with `error`
    /// naming the file and the reason; when `cancel` becomes true the export stops and the temporary file is
    /// removed.
    static bool write(const ExportTable& table, const QString& path, QString* error,
                      const std::atomic_bool* cancel = nullptr);

    /// The Excel serial of a date: days since 1899-12-30 (so 1900-03-01 is 61).
    static double serial(const QDate& date);
    /// The Excel serial of an instant (UTC): days and the fraction of the day.
    static double serial(const QDateTime& instant);
};

} // namespace pd
