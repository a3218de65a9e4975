#pragma once

#include "domain/Clock.h"
#include "io/BookGenerator.h"
#include "io/ImportEngine.h"
#include "storage/DatabaseConfig.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTemporaryDir>
#include <memory>

namespace pd {

class ImportWorker;

/// "Create demo book" (issue 2, item 8): writes a synthetic book with BookGenerator into a temporary directory (on a
/// worker thread), then imports its five files in order — products, partners, contacts, accounts, deals — each with
/// an ImportWorker (its own thread and connection) and a profile auto-matched from the file's header. Reports
/// overall progress; cancel() stops after rolling back the running import (earlier files stay imported).
class DemoBookCreator : public QObject
{
    Q_OBJECT
public:
    /// `clock` stamps the imported rows; it must outlive the creator.
    DemoBookCreator(DatabaseConfig config, BookGenerator::Options options, const Clock& clock,
                    QObject* parent = nullptr);
    ~DemoBookCreator() override;

    /// Starts; returns at once.
    void start();
    void cancel();

Q_SIGNALS:
    /// Overall progress in per mille, and what runs now (for people).
    void progress(int perMille, const QString& step);
    /// Done: `ok` when all five files were imported; `message` says what happened (for people).
    void finished(bool ok, const QString& message);

private:
    void importNext();
    void onImportFinished(const ImportReport& report);
    void fail(const QString& message);

    DatabaseConfig m_config;
    BookGenerator::Options m_options;
    const Clock& m_clock;
    std::unique_ptr<QTemporaryDir> m_dir;
    QFutureWatcher<QString> m_generate;
    ImportWorker* m_worker = nullptr;
    int m_step = 0; ///< index of the file being imported
    bool m_cancelled = false;
    qint64 m_partners = 0;
    qint64 m_deals = 0;
};

} // namespace pd
