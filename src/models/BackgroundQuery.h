#pragma once

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/DatabaseConfig.h"
#include "storage/StorageError.h"

#include <QFuture>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>

namespace pd {

/// The outcome of a query run off the GUI thread: the value, or the storage error's message.
template <typename T> struct BackgroundResult
{
    T value{};
    QString error; ///< empty on success
};

/// A flag shared between the GUI thread and a worker: the owner sets it when it no longer wants the result (it is
/// being destroyed, or a newer request replaces the work); the worker checks it in its loops and stops early. Shared
/// ownership, so a worker that outlives its owner still reads valid memory.
using CancelFlag = std::shared_ptr<std::atomic_bool>;

/// A new, unset CancelFlag.
inline CancelFlag makeCancelFlag()
{
    return std::make_shared<std::atomic_bool>(false);
}

/// The pool that database work runs on: `pool`, or Qt's global pool when null. The window gives its book a pool of
/// its own (Book::workers()): Qt 6.4's raster paint engine splits large fills into tasks on the global pool and the
/// GUI thread waits for them while it paints, so queries that fill the global pool would freeze painting (measured:
/// 6.5 s on a 1,000,000-deal book, issue 7).
inline QThreadPool* workerPool(QThreadPool* pool)
{
    return pool ? pool : QThreadPool::globalInstance();
}

/// Runs `query` on a pool thread with its own connection to `config` (DESIGN.md section 1: the GUI thread never
/// waits on the database for reads that can be slow at 1,000,000 deals). The connection is opened and closed per
/// call; a StorageError becomes BackgroundResult::error. `query` must capture values only (never `this`): its owner
/// may be destroyed while it runs, without waiting for it (the future's result is then simply dropped). It runs on
/// `pool` (nullptr: Qt's global pool; see workerPool()).
template <typename T>
QFuture<BackgroundResult<T>> runInBackground(const DatabaseConfig& config, std::function<T(Database&)> query,
                                             QThreadPool* pool = nullptr)
{
    return QtConcurrent::run(workerPool(pool), [config, query = std::move(query)]() {
        BackgroundResult<T> result;
        try {
            Database db(config);
            db.open(Database::OpenMode::MustExist); // a worker reads or writes the open book; it never creates one
            result.value = query(db);
        } catch (const StorageError& e) {
            result.error = e.message();
        }
        return result;
    });
}

/// As above, for a query that needs "now": it gets a clock fixed at `now`, the instant the GUI thread asked for the
/// work (read from the book's injected clock there, so tests that fix the clock fix the worker's "now" too).
template <typename T>
QFuture<BackgroundResult<T>> runInBackground(const DatabaseConfig& config, const QDateTime& now,
                                             std::function<T(Database&, const Clock&)> query,
                                             QThreadPool* pool = nullptr)
{
    return runInBackground<T>(config, std::function<T(Database&)>([now, query = std::move(query)](Database& db) {
                                  const FixedClock clock(now);
                                  return query(db, clock);
                              }),
                              pool);
}

} // namespace pd
