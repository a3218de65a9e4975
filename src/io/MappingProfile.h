#pragma once

#include "io/DateFormat.h"
#include "io/ImportEntity.h"
#include "io/NumberFormat.h"

#include <QMap>
#include <QString>

namespace pd {

/// How the columns of a CSV file become fields of an entity: a named, reusable import setting kept as a
/// JSON file (see tests/data/profiles/ for examples). Keys of the JSON object:
///   name, entity ("products"…), mode ("insert" | "upsert"), encoding ("auto" | "UTF-8" | "UTF-8 with BOM" |
///   "Windows-1252" | "UTF-16LE" | "UTF-16BE"), delimiter ("auto" | "," | ";" | "\t"),
///   number_format (how amounts are written, see NumberFormat: an example name "1.234,56", or
///   {"decimal": ",", "grouping": "."} with grouping "" for none, or {"locale": "de_DE"} for the file's locale;
///   default "1,234.56"), date_format (a pattern, see DateFormat: "dd.MM.yyyy"; default "yyyy-MM-dd"),
///   columns {field: column header}, constants {field: value},
///   valueMaps {field: {file value: field value}} where the key "*" is "everything else": any non-empty value
///   the map does not list becomes its value (e.g. {"Won": "Won", "*": "Lost"}; an empty cell stays empty, the "*"
///   entry does not apply to it, and a cell holding "*" itself maps as listed), valueMapFiles {field: path of a
///   two-column CSV, relative to the profile file}, scales {field: integer multiplier for amounts, e.g. 1000000 for
///   "USD millions"}, filter {column, equals}.
struct MappingProfile
{
    enum class Mode { InsertOnly, Upsert };

    QString name;
    ImportEntity entity = ImportEntity::Partners;
    Mode mode = Mode::InsertOnly;
    QString encoding = QStringLiteral("auto");
    QString delimiter = QStringLiteral("auto");
    NumberFormat numberFormat;                       ///< how amounts are written (default "1,234.56")
    DateFormat dateFormat;                           ///< how dates are written (default ISO "yyyy-MM-dd")
    QMap<QString, QString> columns;                  ///< field → CSV column header
    QMap<QString, QString> constants;                ///< field → fixed value for every row
    QMap<QString, QMap<QString, QString>> valueMaps; ///< field → (value in file → value for the field)
    QMap<QString, qint64> scales;                    ///< field → multiplier
    QString filterColumn;                            ///< only rows whose filterColumn equals filterValue
    QString filterValue;

    /// Loads a profile; value-map files are read and merged into valueMaps. Returns nullopt and sets
    /// `error` (with the file name and what is wrong) when the file cannot be read or is invalid.
    static std::optional<MappingProfile> load(const QString& path, QString* error);
    /// Saves as JSON (value maps inline). Returns false and sets `error` on failure.
    bool save(const QString& path, QString* error) const;

    /// A profile whose columns are auto-matched to `header`: a column matches a field when their names
    /// are equal ignoring case, spaces, '_' and '-', or the column equals the field's label.
    static MappingProfile autoMatch(ImportEntity entity, const QStringList& header);
};

} // namespace pd
