#pragma once

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/DatabaseConfig.h"
#include "storage/StorageError.h"

#include <QFuture>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <functional>

namespace pd {

/// The outcome of a query run off the GUI thread: the value, or the storage error's message.
template <typename T> struct BackgroundResult
{
    T value{};
    QString error; ///< empty on success
};

/// Runs `query` on a pool thread with its own connection to `config` (DESIGN.md section 1: the GUI thread never
/// waits on the database for reads that can be slow at 1,000,000 deals). The connection is opened and closed per
/// call; a StorageError becomes BackgroundResult::error.
template <typename T>
QFuture<BackgroundResult<T>> runInBackground(const DatabaseConfig& config, std::function<T(Database&)> query)
{
    return QtConcurrent::run([config, query = std::move(query)]() {
        BackgroundResult<T> result;
        try {
            Database db(config);
            db.open();
            result.value = query(db);
        } catch (const StorageError& e) {
            result.error = e.message();
        }
        return result;
    });
}

} // namespace pd
