#include "io/ImportWorker.h"

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/StorageError.h"

#include <QThread>
#include <QUuid>

namespace pd {

namespace {
/// The share of the progress bar (per mille) that reading the file takes; writing takes the rest.
constexpr int kReadPerMille = 900;
} // namespace

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
        ImportReport result;
        try {
            Database db(m_config, QStringLiteral("pd-import-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
            db.open(Database::OpenMode::MustExist); // a worker reads or writes the open book; it never creates one
            ImportEngine engine(db, *m_clock);
            int last = -1;
            auto emitProgress = [this, &last](int perMille) {
                if (perMille != last) {
                    last = perMille;
                    Q_EMIT progress(perMille);
                }
            };
            engine.setWriteProgress([&emitProgress](int done, int total) {
                emitProgress(kReadPerMille + (1000 - kReadPerMille) * done / qMax(1, total));
            });
            result = engine.run(
                m_csvPath, m_profile, m_options,
                [&emitProgress](qint64 done, qint64 total) {
                    emitProgress(total > 0 ? int(done * kReadPerMille / total) : kReadPerMille);
                },
                &m_cancel);
            if (!result.cancelled)
                emitProgress(1000); // a dry run or a refused import has no write phase
        } catch (const StorageError& e) {
            result.fatalError = e.message();
            result.databaseError = true;
        }
        Q_EMIT finished(result);
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
