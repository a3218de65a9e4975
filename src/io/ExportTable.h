#pragma once

#include "io/ExportCell.h"

#include <QList>
#include <QStringList>

namespace pd {

/// A table to export (issue 8, item 7): a header row and rows of typed cells, each row as long as the header.
/// Filled by BookTables from the repositories, written by CsvExporter or XlsxExporter.
struct ExportTable
{
    QString name;        ///< sheet name in XLSX ("deals"); at most 31 characters, no []:*?/\ characters
    QStringList headers; ///< column names, written as the first row
    QList<QList<ExportCell>> rows;
};

} // namespace pd
