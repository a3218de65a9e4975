#include "io/ImportWorker.h"

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/StorageError.h"

#include <QThread>
#include <QUuid>

namespace pd {

ImportWorker::ImportWorker(DatabaseConfig config, QString csvPath, MappingProfile profile, ImportOptions options,
                           QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_csvPath(std::move(csvPath)), m_profile(std::move(profile)),
      m_options(options)
{
    qRegisterMetaType<pd::ImportReport>();
}

ImportWorker::~ImportWorker()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
}

void ImportWorker::start()
{
    if (m_thread)
        return;
    // The lambda runs on the new thread: it opens its own connection there (DESIGN.md section 8) and emits
    // the signals from there, so they reach receivers in other threads queued.
    m_thread = QThread::create([this]() {
        ImportReport report;
        try {
            Database db(m_config, QStringLiteral("pd-import-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
            db.open();
            ImportEngine engine(db, *m_clock);
            int last = -1;
            report = engine.run(
                m_csvPath, m_profile, m_options,
                [this, &last](qint64 done, qint64 total) {
                    const int perMille = total > 0 ? int(done * 1000 / total) : 1000;
                    if (perMille != last) {
                        last = perMille;
                        Q_EMIT progress(perMille);
                    }
                },
                &m_cancel);
        } catch (const StorageError& e) {
            report.fatalError = e.message();
            report.databaseError = true;
        }
        Q_EMIT finished(report);
    });
    m_thread->setObjectName(QStringLiteral("ImportWorker"));
    QThread* thread = m_thread;
    connect(thread, &QThread::finished, this, [this, thread]() {
        if (m_thread == thread) {
            m_thread = nullptr;
            thread->deleteLater();
        }
    });
    m_thread->start();
}

} // namespace pd
