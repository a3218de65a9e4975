#pragma once

#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "storage/DatabaseConfig.h"

#include <QObject>
#include <atomic>

namespace pd {

/// Runs ImportEngine on a QThread of its own with a connection of its own (DESIGN.md section 1: long
/// work runs on a worker), reporting through queued signals. Start with start(); cancel() may be called
/// from any thread. The object deletes its thread when finished; the caller owns the worker.
class ImportWorker : public QObject
{
    Q_OBJECT
public:
    ImportWorker(DatabaseConfig config, QString csvPath, MappingProfile profile, ImportOptions options,
                 QObject* parent = nullptr);
    ~ImportWorker() override;

    /// The source of "now" for the rows' timestamps (DESIGN.md section 8: an injectable clock); it must outlive
    /// the worker (the destructor waits for the thread). Without one the worker uses its own system clock.
    void setClock(const Clock& clock) { m_clock = &clock; }

    /// Starts the import on a new thread; returns at once.
    void start();
    /// Asks the import to stop (also before start()); it rolls back and finished() reports cancelled.
    void cancel() { m_cancel = true; }

Q_SIGNALS:
    /// Progress in per mille (0–1000): reading the file takes 0–900, the write phase's steps 900–1000
    /// (ImportEngine::WriteProgress). Emitted from the worker thread.
    void progress(int perMille);
    void finished(const pd::ImportReport& report);

private:
    DatabaseConfig m_config;
    QString m_csvPath;
    MappingProfile m_profile;
    ImportOptions m_options;
    std::atomic_bool m_cancel{false};
    Clock m_systemClock;
    const Clock* m_clock = &m_systemClock;
    class QThread* m_thread = nullptr;
};

} // namespace pd

Q_DECLARE_METATYPE(pd::ImportReport)
