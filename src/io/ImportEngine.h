#pragma once

#include "io/MappingProfile.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>

namespace pd {

namespace importing {
class Importer;
}
class Database;
class Clock;

/// One problem with one row of an import file.
struct ImportIssue
{
    qint64 row = 0; ///< file row number (the header is row 1)
    QString column; ///< CSV column header (or the field name when no column applies)
    QString value;  ///< the offending text
    QString reason; ///< for people: "not a date (expected YYYY-MM-DD)"
};

/// What an import did (or, for a dry run, would do).
struct ImportReport
{
    qint64 rowsRead = 0;    ///< data rows in the file
    qint64 filteredOut = 0; ///< rows skipped by the profile's row filter
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 rejected = 0; ///< invalid rows (not written)
    QList<ImportIssue> issues;
    bool committed = false; ///< true when the rows were written
    bool dryRun = false;
    bool cancelled = false;
    bool bulkPath = false;      ///< the rows took the bulk path (ImportOptions::WritePath)
    QString fatalError;         ///< the file could not be read at all, or the database failed
    bool databaseError = false; ///< fatalError comes from the database (not from the file)
    QString encoding;           ///< the text encoding the file was read in ("UTF-8", "Windows-1252", "UTF-16LE"…)
    QString encodingNote;       ///< why a detected encoding is not plain UTF-8 (CsvReader::encodingNote()); or empty
    double seconds = 0;
};

struct ImportOptions
{
    /// How new rows reach the book (DESIGN.md section 2, bulk loads). Both give the same book, ids aside.
    enum class WritePath {
        Auto, ///< the bulk path for a large file (ImportEngine::kBulkFileBytes) or a book without rows of that kind
        Rows, ///< every row validated first, then written in one go through the repository
        Bulk, ///< rows written in batches while the file is read, in bounded memory (where the entity supports it)
    };
    bool dryRun = false;      ///< validate and count, write nothing
    bool skipInvalid = false; ///< write the valid rows and report the invalid ones (else: nothing on any invalid row)
    WritePath path = WritePath::Auto;
};

/// Imports one CSV file into one entity of a book (DESIGN.md section 2: an import is all-or-nothing, one
/// transaction). Resolves countries to ISO 3166 alpha-2 (CountryResolver), products by normalized name, a deal's
/// partner through its registering contact. Deals get registration numbers in file row order after the book's
/// highest. Two write paths give the same book (ImportOptions::WritePath): the row path validates every row and
/// then writes them all; the bulk path (new deals: a large file, or a book without deals) holds the book's write
/// lock from the first row, writes valid rows in batches as it reads (bounded memory), drops and rebuilds the
/// deals' secondary indexes when that is cheaper, checks foreign keys once at the end, and rolls everything back
/// on an invalid row (unless skipInvalid), a cancel or an error. Runs on the thread that owns `db`.
class ImportEngine
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>; ///< bytes read of the file's size
    /// Steps of the write phase done of `total` (1 ≤ done ≤ total): the rows, their change-log entries (inserts,
    /// updates) and the audit entry, each written inside the import's one transaction. Called on the thread
    /// that runs the import, after each step; the cancel flag is checked right after it returns.
    using WriteProgress = std::function<void(int done, int total)>;

    /// Files at least this long (about 60,000 deals) take the bulk path under WritePath::Auto.
    static constexpr qint64 kBulkFileBytes = 8 * 1024 * 1024;
    /// Rows staged before a batch is written on the bulk path.
    static constexpr qsizetype kBulkBatchRows = 4096;

    ImportEngine(Database& db, const Clock& clock);

    /// Reports the write phase's steps to `progress` (none by default).
    void setWriteProgress(WriteProgress progress) { m_writeProgress = std::move(progress); }

    /// Runs the import. Never throws: errors land in the report. When `cancel` becomes true the import
    /// stops, rolls back and reports cancelled: it is checked every 1024 rows while reading and after every step
    /// of the write phase, where the whole transaction rolls back (DESIGN.md section 2: all-or-nothing).
    ImportReport run(const QString& csvPath, const MappingProfile& profile, const ImportOptions& options,
                     const Progress& progress = {}, const std::atomic_bool* cancel = nullptr);

private:
    /// The bulk path's write phase after the last row: writes what is staged, rebuilds indexes, checks foreign keys,
    /// logs and audits. `largestKeyBefore` is the table's largest row key when the transaction began (the change
    /// log's range starts above it). False when cancelled (the caller's transaction rolls back).
    bool writeBulk(importing::Importer& importer, const QString& at, qint64 largestKeyBefore, const QString& csvPath,
                   const std::atomic_bool* cancel, ImportReport& report);

    Database& m_db;
    const Clock& m_clock;
    WriteProgress m_writeProgress;
};

} // namespace pd
