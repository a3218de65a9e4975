#include "models/PartnerRosterSync.h"

#include "domain/Clock.h"
#include "models/PartnerTableModel.h"
#include "storage/ChangeNotifier.h"
#include "storage/Database.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"

#include <QtConcurrent/QtConcurrentRun>

namespace pd {

PartnerRosterSync::PartnerRosterSync(PartnerTableModel* model, const PartnerRepository& repository,
                                     ChangeNotifier* notifier, DatabaseConfig config, const Clock& clock,
                                     QObject* parent)
    : QObject(parent), m_model(model), m_repository(repository), m_config(std::move(config)), m_clock(clock)
{
    connect(notifier, &ChangeNotifier::partnersChanged, this, &PartnerRosterSync::onPartnersChanged);
    connect(notifier, &ChangeNotifier::bookReset, this, &PartnerRosterSync::reload);
    // A registration, a status change or an undo changes its partner's open-deal count (issue 8, item 6).
    connect(notifier, &ChangeNotifier::dealsChanged, this, &PartnerRosterSync::onDealsChanged);
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &PartnerRosterSync::onLoadFinished);
}

PartnerRosterSync::~PartnerRosterSync() = default; // the watcher's destruction drops a running load's rows

void PartnerRosterSync::reload()
{
    if (m_loading) {
        m_reloadQueued = true;
        return;
    }
    m_loading = true;
    m_pendingIds.clear();
    const DatabaseConfig config = m_config;
    const int column = m_model->sortColumn();
    const Qt::SortOrder order = m_model->sortOrder();
    const QDateTime now = m_clock.nowUtc();
    m_watcher.setFuture(QtConcurrent::run([config, column, order, now]() {
        Result result;
        try {
            Database db(config);
            db.open(Database::OpenMode::MustExist); // a worker reads or writes the open book; it never creates one
            const FixedClock clock(now);
            // Read, sort and index off the GUI thread; the model only swaps the prepared rows in.
            result.prepared = PartnerTableModel::prepare(PartnerRepository(db, clock).listRows(), column, order);
        } catch (const StorageError& e) {
            result.error = e.message();
        }
        return result;
    }));
}

void PartnerRosterSync::onLoadFinished()
{
    Result result = m_watcher.result();
    m_loading = false;
    if (m_reloadQueued) {
        m_reloadQueued = false;
        reload();
        return;
    }
    if (!result.error.isEmpty()) {
        Q_EMIT loadFailed(result.error);
        return;
    }
    m_model->setRows(std::move(result.prepared));
    if (!m_pendingIds.isEmpty()) {
        const QStringList ids = std::exchange(m_pendingIds, {});
        refresh(ids);
    }
    Q_EMIT loaded(m_model->rowCount());
}

void PartnerRosterSync::onDealsChanged(const QStringList& dealIds)
{
    // Many deals at once (a bulk expiry) or "everything" (empty: settings changed what is shown): reload in the
    // background; a few: refresh their partners' rows here.
    if (dealIds.isEmpty() || dealIds.size() > kMaxDealsRefreshedInPlace) {
        reload();
        return;
    }
    try {
        onPartnersChanged(m_repository.partnerIdsOfDeals(dealIds));
    } catch (const StorageError& e) {
        Q_EMIT loadFailed(e.message());
    }
}

void PartnerRosterSync::onPartnersChanged(const QStringList& ids)
{
    if (m_loading) {
        m_pendingIds.append(ids);
        return;
    }
    refresh(ids);
}

void PartnerRosterSync::refresh(const QStringList& ids)
{
    try {
        m_model->applyChanges(ids, m_repository.listRowsByIds(ids));
    } catch (const StorageError& e) {
        Q_EMIT loadFailed(e.message());
    }
}

} // namespace pd
