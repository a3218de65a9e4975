#pragma once

#include "io/ExportTable.h"

#include <QString>
#include <atomic>

namespace pd {

/// Writes an ExportTable as CSV (RFC 4180): UTF-8 without a byte-order mark, comma separated, CRLF line ends, a
/// field quoted with '"' when it holds a comma, a quote, CR or LF (quotes doubled). Numbers use a decimal point and
/// no thousands separators; money is written in major units with the currency's minor digits ("1054.00"); dates
/// are ISO dates ("2017-03-01"), instants ISO 8601 UTC with milliseconds ("2017-03-01T00:00:00.000Z", the
/// storage format, which the importer reads back).
class CsvExporter
{
public:
    /// Writes `table` to `path` through QSaveFile: the file appears (or is replaced) only when everything was
    /// written, so a failed or cancelled export leaves the previous file, or none. Returns false with `error`
    /// naming the file and the reason; when `cancel` becomes true the export stops, writes nothing and says so.
    static bool write(const ExportTable& table, const QString& path, QString* error,
                      const std::atomic_bool* cancel = nullptr);

    /// The CSV text of one field: `cell` formatted as above, quoted when needed.
    static QString field(const ExportCell& cell);
};

} // namespace pd
