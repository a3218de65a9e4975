#pragma once

// Internal to pd_io: what ImportEngine's bulk path (DESIGN.md section 2, bulk loads) holds while it runs: SQLite's
// foreign-key enforcement turned off, the cancel flag given to the database, and the queue of batches from the
// reading thread to the writing one.

#include "io/EntityImporter.h"
#include "storage/Database.h"
#include "storage/StorageError.h"

#include <atomic>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace pd::importing {

/// Gives the heap's free memory back to the operating system (glibc's malloc_trim; nothing elsewhere). The bulk path
/// calls it every 4 batches: the batches' rows are allocated on the reading thread and freed on the writing one,
/// and glibc would otherwise keep the freed pages of the reading thread's arena for the rest of the import (a 1M-deal
/// import peaked at 366 MB without, 340 MB with).
inline void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/// Full batches of the bulk path on their way from the reading thread to the writing one: at most two wait, so
/// memory stays bounded when writing is the slower side.
class BatchQueue
{
public:
    /// Adds a batch, waiting while two wait already; false (and the batch dropped) once closed.
    bool push(std::unique_ptr<StagedBatch> batch)
    {
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_closed || m_batches.size() < 2; });
        if (m_closed)
            return false;
        m_batches.push_back(std::move(batch));
        m_ready.notify_one();
        return true;
    }
    /// The next batch, waiting for one; nullptr once closed and empty.
    std::unique_ptr<StagedBatch> pop()
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return m_closed || !m_batches.empty(); });
        if (m_batches.empty())
            return nullptr;
        std::unique_ptr<StagedBatch> batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_space.notify_one();
        return batch;
    }
    /// No more batches: the reader has finished, or the writer has stopped.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
        m_space.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<std::unique_ptr<StagedBatch>> m_batches;
    bool m_closed = false;
};

/// SQLite's foreign-key enforcement off for a bulk load, on again when this goes out of scope (after the
/// transaction has ended).
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(Database& db) : m_db(db) { m_db.setForeignKeyEnforcement(false); }
    ~ForeignKeysOff()
    {
        try {
            m_db.setForeignKeyEnforcement(true);
        } catch (const StorageError&) {
            // The connection is gone or broken: the next open turns enforcement on again (Database::open).
        }
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

private:
    Database& m_db;
};

/// The cancel flag seen by the database's long writes (Database::setInterruptFlag) while this lives.
class InterruptOn
{
public:
    InterruptOn(Database& db, const std::atomic_bool* flag) : m_db(db) { m_db.setInterruptFlag(flag); }
    ~InterruptOn() { m_db.setInterruptFlag(nullptr); }
    InterruptOn(const InterruptOn&) = delete;
    InterruptOn& operator=(const InterruptOn&) = delete;

private:
    Database& m_db;
};

} // namespace pd::importing
