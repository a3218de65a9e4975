#include "io/ImportEngine.h"

#include "io/BulkLoad.h"
#include "io/CsvReader.h"
#include "io/EntityImporter.h"
#include "storage/ChangeRecorder.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QScopeGuard>
#include <QSqlQuery>
#include <algorithm>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <thread>

namespace pd {

namespace {

using namespace importing;

/// The reader's error as an issue: "row 5: unbalanced quote …" → row 5, reason "unbalanced quote …".
ImportIssue readerIssue(const CsvReader& reader)
{
    QString reason = reader.error();
    const QString prefix = QStringLiteral("row %1: ").arg(reader.row());
    if (reason.startsWith(prefix))
        reason = reason.mid(prefix.size());
    return ImportIssue{reader.row(), QString(), QString(), reason};
}

/// The header for a message: at most 30 columns, each shown safely (CsvReader::shown).
QString shownColumns(const QStringList& header)
{
    QStringList shown;
    for (qsizetype i = 0; i < header.size() && i < 30; ++i)
        shown.append(CsvReader::shown(header.at(i), 60));
    if (header.size() > 30)
        shown.append(QStringLiteral("… (%1 columns)").arg(header.size()));
    return shown.join(QLatin1String(", "));
}

/// Why an import cannot start: every required field that has no column (deals: "contact" only when partner_key
/// has none either), the file's columns, and the fields that are mapped (field ← column), so that a profile can
/// be written from it.
QString unmappedMessage(const QString& fileName, const MappingProfile& profile, const QHash<QString, Source>& sources,
                        const QStringList& missing, const QStringList& header)
{
    QStringList named = missing;
    if (profile.entity == ImportEntity::Deals && missing.contains(QLatin1String("contact")))
        named.replace(named.indexOf(QLatin1String("contact")), QStringLiteral("contact (or partner_key)"));
    QStringList matched;
    for (const ImportField& field : importFields(profile.entity)) {
        const Source s = sources.value(field.name);
        if (s.index >= 0)
            matched.append(QStringLiteral("%1 ← %2").arg(field.name, CsvReader::shown(s.column, 60)));
        else if (s.hasConstant)
            matched.append(QStringLiteral("%1 = '%2'").arg(field.name, CsvReader::shown(s.constant, 60)));
    }
    return QStringLiteral("%1: %2 no column: %3. The file's columns are: %4. Matched: %5. Map them in a profile "
                          "(--profile, a JSON file with \"columns\": {field: column}; see \"Import\" in README.md)")
        .arg(CsvReader::shown(fileName, 120),
             missing.size() == 1 ? QStringLiteral("this required field has")
                                 : QStringLiteral("these required fields have"),
             named.join(QLatin1String(", ")), shownColumns(header),
             matched.isEmpty() ? QStringLiteral("none") : matched.join(QLatin1String(", ")));
}

/// About how many bytes a row of an import file takes (a generated deal: 135): estimates the rows to come.
constexpr qint64 kBytesPerRowEstimate = 128;

/// The largest integer key of `table`: about its row count, read from the end of its primary key; 0 when the table has
/// no row.
} // namespace

ImportEngine::ImportEngine(Database& db, const Clock& clock) : m_db(db), m_clock(clock) {}

bool ImportEngine::writeBulk(importing::Importer& importer, const QString& at, qint64 largestKeyBefore,
                             const QString& csvPath, const std::atomic_bool* cancel, ImportReport& report)
{
    // The rest of the write phase in steps, like the row path's: the last rows with the indexes and the foreign-key
    // check, the change-log entries, the audit entry; the cancel flag is looked at after each.
    const int steps = 3;
    int done = 0;
    auto stepDone = [&]() {
        ++done;
        if (m_writeProgress)
            m_writeProgress(done, steps);
        if (cancel && cancel->load()) {
            report.cancelled = true;
            return false;
        }
        return true;
    };
    importer.finishBulk();
    if (!stepDone())
        return false;
    ChangeRecorder recorder(m_db);
    const qint64 inserted = importer.insertCount();
    if (inserted > 0)
        recorder.logInserts(importer.table(), at, largestKeyBefore);
    if (!stepDone())
        return false;
    recorder.audit(
        QStringLiteral("import"), importer.table(), QStringLiteral(""),
        QStringLiteral("%1: %2 inserted, %3 updated").arg(QFileInfo(csvPath).fileName()).arg(inserted).arg(0), at);
    if (!stepDone())
        return false;
    report.inserted = inserted;
    report.updated = 0;
    return true;
}

ImportReport ImportEngine::run(const QString& csvPath, const MappingProfile& profile, const ImportOptions& options,
                               const Progress& progress, const std::atomic_bool* cancel)
{
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    report.dryRun = options.dryRun;
    auto finish = [&]() -> ImportReport {
        report.seconds = double(timer.nsecsElapsed()) / 1e9;
        return report;
    };
    auto cancelled = [&]() { return cancel && cancel->load(); };
    auto cancelledWrite = [&]() {
        report.cancelled = true;
        return finish(); // the caller's transaction rolls back as it goes out of scope
    };

    CsvReader reader;
    std::optional<QChar> delimiter;
    if (profile.delimiter != QLatin1String("auto") && profile.delimiter.size() == 1)
        delimiter = profile.delimiter.at(0);
    const bool opened = reader.open(csvPath, CsvFormat::encodingFromName(profile.encoding), delimiter);
    report.encoding = CsvFormat::encodingName(reader.format().encoding);
    if (!opened) {
        if (reader.row() > 0) {
            report.issues.append(readerIssue(reader));
            report.rejected = 1;
        }
        report.fatalError = reader.error();
        return finish();
    }
    const QStringList& header = reader.header();
    auto columnIndex = [&](const QString& column) -> int {
        int i = int(header.indexOf(column.trimmed()));
        if (i < 0) {
            for (int j = 0; j < header.size(); ++j)
                if (header.at(j).compare(column.trimmed(), Qt::CaseInsensitive) == 0)
                    return j;
        }
        return i;
    };

    QHash<QString, Source> sources;
    QStringList missing; // required fields with neither a column nor a constant, in display order
    for (const ImportField& field : importFields(profile.entity)) {
        Source s;
        s.field = field.name;
        if (profile.columns.contains(field.name) && !profile.columns.value(field.name).isEmpty()) {
            s.column = profile.columns.value(field.name);
            s.index = columnIndex(s.column);
            if (s.index < 0) {
                report.fatalError = QStringLiteral("The column '%1' (for the field %2) is not in the file; its columns "
                                                   "are: %3")
                                        .arg(CsvReader::shown(s.column), field.name, shownColumns(header));
                return finish();
            }
        }
        if (profile.constants.contains(field.name)) {
            s.hasConstant = true;
            s.constant = profile.constants.value(field.name);
        }
        const auto map = profile.valueMaps.constFind(field.name);
        if (map != profile.valueMaps.constEnd()) {
            s.map = &map.value();
            const auto otherwise = s.map->constFind(QStringLiteral("*"));
            s.hasOtherwise = otherwise != s.map->constEnd();
            if (s.hasOtherwise)
                s.otherwise = otherwise.value();
        }
        sources.insert(field.name, s);
    }
    if (profile.mode == MappingProfile::Mode::InsertOnly)
        missing = unmappedRequiredFields(profile.entity,
                                         [&sources](const QString& name) { return sources.value(name).mapped(); });
    if (!missing.isEmpty()) {
        report.fatalError = unmappedMessage(QFileInfo(csvPath).fileName(), profile, sources, missing, header);
        return finish();
    }
    int filterIndex = -1;
    if (!profile.filterColumn.isEmpty()) {
        filterIndex = columnIndex(profile.filterColumn);
        if (filterIndex < 0) {
            report.fatalError =
                QStringLiteral("The filter column '%1' is not in the file").arg(CsvReader::shown(profile.filterColumn));
            return finish();
        }
    }

    // The bulk path's state, declared in this order so that the transaction ends (rolls back or has committed)
    // before SQLite's foreign-key enforcement is turned back on, and the interrupt flag is cleared last.
    std::optional<ForeignKeysOff> foreignKeysOff;
    std::optional<InterruptOn> interruptOn;
    std::optional<Transaction> bulkTx;
    try {
        std::unique_ptr<Importer> importer = makeImporter(m_db, m_clock, profile);
        importer->setSources(sources);
        importer->setScales(profile.scales);

        // About the rows already in the table (its largest key), for the choice of path and of dropping indexes.
        const qint64 rowsInTable = importer->supportsBulk() ? ChangeRecorder(m_db).largestKey(importer->table()) : 0;
        // The bulk path runs its own transaction (SQLite's foreign-key enforcement only changes outside one).
        const bool bulk =
            !options.dryRun && importer->supportsBulk() && m_db.transactionDepth() == 0 &&
            (options.path == ImportOptions::WritePath::Bulk ||
             (options.path == ImportOptions::WritePath::Auto && (reader.size() >= kBulkFileBytes || rowsInTable == 0)));
        if (bulk) {
            m_db.tuneForBulkWrite(); // before load(): the book's lookups are read without the memory map too
            importer->planBulk();
        }
        importer->load();
        QString bulkAt;
        qint64 bulkKeysBefore = 0;
        // A dry run of an import that could take the bulk path (insert-only deals) only counts its valid rows.
        const bool countOnly = options.dryRun && importer->supportsBulk();
        report.bulkPath = bulk;
        if (bulk) {
            // Foreign keys are checked once at the end (DealBulkWriter::finish); SQLite only changes that outside a
            // transaction. The indexes are dropped when the file likely holds more rows than the table.
            foreignKeysOff.emplace(m_db);
            interruptOn.emplace(m_db, cancel);
            bulkTx.emplace(m_db);
            bulkAt = ChangeRecorder(m_db).freshInstant(importer->table(), m_clock.nowUtc());
            bulkKeysBefore = ChangeRecorder(m_db).largestKey(importer->table()); // inside the write transaction
            importer->beginBulk(bulkAt, reader.size() / kBytesPerRowEstimate > rowsInTable);
        }

        // Reading: every row validated and staged. On the bulk path the reading runs on a second thread and hands
        // full batches to this one, which writes them: parsing and writing overlap (the machines have two cores).
        // Only this thread reports progress and touches the database.
        std::atomic<qint64> bytesRead{0};
        std::atomic_bool stopReading{false};
        bool readingCancelled = false;
        BatchQueue batches;
        auto readRows = [&]() {
            QStringList fields;
            RowIssues rowIssues;
            while (!stopReading.load(std::memory_order_relaxed) && reader.next(fields)) {
                ++report.rowsRead;
                if ((report.rowsRead & 1023) == 0) {
                    bytesRead.store(reader.bytesRead(), std::memory_order_relaxed);
                    if (progress && !bulk)
                        progress(reader.bytesRead(), reader.size());
                    if (cancelled()) {
                        readingCancelled = true;
                        return;
                    }
                }
                if (filterIndex >= 0 && fields.value(filterIndex).trimmed() != profile.filterValue) {
                    ++report.filteredOut;
                    continue;
                }
                rowIssues.row = reader.row();
                rowIssues.list.clear();
                importer->row(fields, rowIssues);
                if (!rowIssues.ok()) {
                    ++report.rejected;
                    report.issues.append(rowIssues.list);
                }
                if (countOnly && importer->stagedCount() >= kBulkBatchRows)
                    importer->countStaged(); // a dry run keeps one batch of rows at a time
                if (bulk && importer->stagedCount() >= kBulkBatchRows) {
                    if (report.rejected > 0 && !options.skipInvalid && !importer->checksWhenWriting())
                        importer->discardStaged(); // nothing will be written: only the report is still to complete
                    else if (!batches.push(importer->takeStaged()))
                        return; // the writer stopped (a cancel or an error)
                }
            }
        };
        if (bulk) {
            std::exception_ptr readFailure;
            std::thread reading([&]() {
                try {
                    readRows();
                } catch (...) {
                    readFailure = std::current_exception();
                }
                batches.close();
            });
            // Whatever happens here (a cancel, an error), the reading thread stops and is joined before the
            // transaction and the importer go.
            auto joinReading = qScopeGuard([&]() {
                stopReading = true;
                batches.close();
                reading.join();
            });
            qint64 written = 0;
            while (std::unique_ptr<StagedBatch> batch = batches.pop()) {
                importer->writeStaged(*batch);
                batch.reset();
                if ((++written & 3) == 0)
                    releaseFreedMemory();
                if (progress)
                    progress(bytesRead.load(std::memory_order_relaxed), reader.size());
                if (cancelled()) {
                    report.cancelled = true;
                    return finish();
                }
            }
            joinReading.dismiss();
            reading.join();
            if (readFailure)
                std::rethrow_exception(readFailure);
        } else {
            readRows();
        }
        if (readingCancelled) {
            report.cancelled = true;
            return finish();
        }
        report.encoding = CsvFormat::encodingName(reader.format().encoding);
        report.encodingNote = reader.encodingNote();
        if (!reader.error().isEmpty()) {
            report.issues.append(readerIssue(reader));
            ++report.rejected;
            report.fatalError = reader.error();
            return finish();
        }
        const QList<ImportIssue> late = importer->finish();
        if (!late.isEmpty()) {
            report.rejected += late.size();
            report.issues.append(late);
            std::stable_sort(report.issues.begin(), report.issues.end(),
                             [](const ImportIssue& a, const ImportIssue& b) { return a.row < b.row; });
        }
        if (progress)
            progress(reader.size(), reader.size());
        if (options.dryRun) {
            report.inserted = importer->insertCount();
            report.updated = importer->updateCount();
            return finish();
        }
        if (report.rejected > 0 && !options.skipInvalid)
            return finish(); // the bulk path's transaction rolls back
        if (cancelled()) {
            report.cancelled = true;
            return finish();
        }
        if (bulk) {
            if (!writeBulk(*importer, bulkAt, bulkKeysBefore, csvPath, cancel, report))
                return finish();
            bulkTx->commit();
            report.committed = true;
            return finish();
        }
        const qint64 inserted = importer->insertCount();
        const qint64 updated = importer->updateCount();
        if (inserted + updated > 10000)
            m_db.tuneForBulkWrite();
        // A cancel also stops the rows' write between batches (StorageError kind Cancelled, caught below).
        m_db.setInterruptFlag(cancel);
        const auto noInterrupt = qScopeGuard([this] { m_db.setInterruptFlag(nullptr); });
        Transaction tx(m_db);
        ChangeRecorder recorder(m_db);
        const QString at = recorder.freshInstant(importer->table(), m_clock.nowUtc());
        const qint64 keysBefore = recorder.largestKey(importer->table());
        // The write phase in steps, each reported and followed by a look at the cancel flag; a cancel leaves
        // through the transaction's destructor, which rolls every step back.
        const int steps = 2 + (inserted > 0 ? 1 : 0) + (updated > 0 ? 1 : 0);
        int done = 0;
        auto stepDone = [&]() {
            ++done;
            if (m_writeProgress)
                m_writeProgress(done, steps);
            return !cancelled();
        };
        importer->write(at);
        if (!stepDone())
            return cancelledWrite();
        if (inserted > 0) {
            recorder.logInserts(importer->table(), at, keysBefore);
            if (!stepDone())
                return cancelledWrite();
        }
        if (updated > 0) {
            recorder.logUpdates(importer->table(), at);
            if (!stepDone())
                return cancelledWrite();
        }
        recorder.audit(
            QStringLiteral("import"), importer->table(), QStringLiteral(""),
            QStringLiteral("%1: %2 inserted, %3 updated").arg(QFileInfo(csvPath).fileName()).arg(inserted).arg(updated),
            at);
        if (!stepDone())
            return cancelledWrite();
        tx.commit();
        report.inserted = inserted;
        report.updated = updated;
        report.committed = true;
    } catch (const StorageError& e) {
        if (e.kind() == StorageError::Kind::Cancelled) {
            report.cancelled = true;
            report.inserted = 0;
            report.updated = 0;
            return finish();
        }
        report.fatalError = e.message();
        report.databaseError = true;
        report.inserted = 0;
        report.updated = 0;
        report.committed = false;
    }
    return finish();
}

} // namespace pd
