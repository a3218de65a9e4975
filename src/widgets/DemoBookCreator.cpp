#include "widgets/DemoBookCreator.h"

#include "io/CsvReader.h"
#include "io/ImportWorker.h"
#include "io/MappingProfile.h"

#include <QtConcurrent/QtConcurrentRun>

namespace pd {

namespace {
const ImportEntity kOrder[] = {ImportEntity::Products, ImportEntity::Partners, ImportEntity::Contacts,
                               ImportEntity::Accounts, ImportEntity::Deals};
constexpr int kSteps = 6; // generation + five imports
} // namespace

DemoBookCreator::DemoBookCreator(DatabaseConfig config, BookGenerator::Options options, const Clock& clock,
                                 QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_options(options), m_clock(clock)
{
    connect(&m_generate, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_generate.result();
        if (m_cancelled)
            return fail(tr("Cancelled."));
        if (!error.isEmpty())
            return fail(tr("The demo book could not be written: %1").arg(error));
        m_step = 0;
        importNext();
    });
}

DemoBookCreator::~DemoBookCreator()
{
    m_generate.waitForFinished();
    if (m_worker)
        m_worker->cancel();
    delete m_worker;
}

void DemoBookCreator::start()
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return fail(tr("No temporary directory for the demo book: %1").arg(m_dir->errorString()));
    Q_EMIT progress(0, tr("Generating the demo book…"));
    const QString dir = m_dir->path();
    const BookGenerator::Options options = m_options;
    m_generate.setFuture(QtConcurrent::run([dir, options]() {
        QString error;
        if (!BookGenerator::write(dir, options, &error))
            return error.isEmpty() ? QStringLiteral("unknown error") : error;
        return QString();
    }));
}

void DemoBookCreator::cancel()
{
    m_cancelled = true;
    if (m_worker)
        m_worker->cancel();
}

void DemoBookCreator::importNext()
{
    if (m_step >= int(std::size(kOrder))) {
        Q_EMIT progress(1000, tr("Done"));
        Q_EMIT finished(true,
                        tr("The demo book is ready: %1 partners, %2 deal registrations.").arg(m_partners).arg(m_deals));
        return;
    }
    const ImportEntity entity = kOrder[m_step];
    const QString path = m_dir->filePath(toString(entity) + QStringLiteral(".csv"));
    CsvReader reader;
    if (!reader.open(path))
        return fail(reader.error());
    const MappingProfile profile = MappingProfile::autoMatch(entity, reader.header());
    m_worker = new ImportWorker(m_config, path, profile, ImportOptions{}, this);
    m_worker->setClock(m_clock);
    const int step = m_step + 1;
    const QString what = tr("Importing %1…").arg(toString(entity));
    connect(m_worker, &ImportWorker::progress, this,
            [this, step, what](int perMille) { Q_EMIT progress((step * 1000 + perMille) / kSteps, what); });
    connect(m_worker, &ImportWorker::finished, this, &DemoBookCreator::onImportFinished);
    Q_EMIT progress(step * 1000 / kSteps, what);
    m_worker->start();
}

void DemoBookCreator::onImportFinished(const ImportReport& report)
{
    m_worker->deleteLater();
    m_worker = nullptr;
    if (report.cancelled || m_cancelled)
        return fail(tr("Cancelled."));
    if (!report.committed) {
        QString reason = report.fatalError;
        if (reason.isEmpty() && !report.issues.isEmpty())
            reason = tr("row %1: %2").arg(report.issues.first().row).arg(report.issues.first().reason);
        return fail(tr("Importing %1 failed: %2").arg(toString(kOrder[m_step]), reason));
    }
    if (kOrder[m_step] == ImportEntity::Partners)
        m_partners = report.inserted;
    if (kOrder[m_step] == ImportEntity::Deals)
        m_deals = report.inserted;
    ++m_step;
    importNext();
}

void DemoBookCreator::fail(const QString& message)
{
    Q_EMIT finished(false, message);
}

} // namespace pd
