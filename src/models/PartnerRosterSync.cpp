#include "models/PartnerRosterSync.h"

#include "domain/Clock.h"
#include "models/BackgroundQuery.h"
#include "models/PartnerTableModel.h"
#include "storage/CertificationRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/Database.h"
#include "storage/IppProfileRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace pd {

PartnerRosterSync::PartnerRosterSync(PartnerTableModel* model, const PartnerRepository& repository,
                                     ChangeNotifier* notifier, DatabaseConfig config, const Clock& clock,
                                     QObject* parent, QThreadPool* pool)
    : QObject(parent), m_model(model), m_repository(repository), m_config(std::move(config)), m_clock(clock),
      m_pool(pool)
{
    connect(notifier, &ChangeNotifier::partnersChanged, this, &PartnerRosterSync::onPartnersChanged);
    connect(notifier, &ChangeNotifier::bookReset, this, &PartnerRosterSync::reload);
    // A registration, a status change or an undo changes its partner's open-deal count (issue 8, item 6).
    connect(notifier, &ChangeNotifier::dealsChanged, this, &PartnerRosterSync::onDealsChanged);
    // The reporting currency of the revenue columns is a program setting.
    connect(notifier, &ChangeNotifier::programSettingsChanged, this, &PartnerRosterSync::reload);
    // The IPP column scores with the saved profile.
    connect(notifier, &ChangeNotifier::ippProfileChanged, this, &PartnerRosterSync::reload);
    connect(&m_watcher, &QFutureWatcher<Step>::resultReadyAt, this, &PartnerRosterSync::onStep);
    connect(&m_watcher, &QFutureWatcher<Step>::finished, this, &PartnerRosterSync::onLoadFinished);
}

PartnerRosterSync::~PartnerRosterSync()
{
    m_watcher.future().cancel(); // a load still running skips its counts; the watcher's destruction drops its rows
}

void PartnerRosterSync::reload()
{
    if (m_loading) {
        m_reloadQueued = true;
        return;
    }
    m_loading = true;
    m_countsApplied = false;
    m_failed = false;
    m_pendingIds.clear();
    const DatabaseConfig config = m_config;
    const int column = m_model->sortColumn();
    const Qt::SortOrder order = m_model->sortOrder();
    const QDateTime now = m_clock.nowUtc();
    const bool archived = m_includeArchived;
    m_watcher.setFuture(QtConcurrent::run(workerPool(m_pool), [config, column, order, now,
                                                               archived](QPromise<Step>& promise) {
        try {
            Database db(config);
            db.open(Database::OpenMode::MustExist); // a worker reads or writes the open book; it never creates one
            const FixedClock clock(now);
            const PartnerRepository repository(db, clock);
            // Read, sort and index off the GUI thread; the model only swaps the prepared rows in. The partners
            // first: the counts take a pass over every deal (most of the time at 1,000,000 deals).
            Step partners;
            partners.prepared = PartnerTableModel::prepare(repository.listRowsWithoutCounts(archived), column, order);
            partners.prepared.countsKnown = false;
            promise.addResult(std::move(partners));
            if (promise.isCanceled())
                return;
            Step counts;
            counts.isCounts = true;
            counts.counts = repository.rosterCounts();
            promise.addResult(std::move(counts));
            if (promise.isCanceled())
                return;
            Step revenue;
            revenue.isRevenue = true;
            revenue.revenue = repository.rosterRevenue(clock.todayUtc());
            promise.addResult(std::move(revenue));
            if (promise.isCanceled())
                return;
            Step ipp;
            ipp.isIpp = true;
            ipp.ipp = IppProfileRepository(db, clock).load();
            ipp.certified = CertificationRepository(db, clock).certifiedContactCounts(clock.todayUtc());
            promise.addResult(std::move(ipp));
        } catch (const StorageError& e) {
            Step failed;
            failed.error = e.message();
            promise.addResult(std::move(failed));
        }
    }));
}

void PartnerRosterSync::onStep(int index)
{
    if (m_reloadQueued || m_failed)
        return; // a newer load replaces this one when it finishes
    Step step = m_watcher.resultAt(index);
    if (!step.error.isEmpty()) {
        m_failed = true;
        Q_EMIT loadFailed(step.error);
    } else if (step.isRevenue) {
        m_model->setRevenue(step.revenue);
    } else if (step.isIpp) {
        m_model->setIpp(step.ipp, step.certified);
    } else if (!step.isCounts) {
        m_model->setRows(std::move(step.prepared));
        Q_EMIT partnersLoaded(m_model->rowCount());
    } else {
        m_model->setCounts(step.counts);
        m_countsApplied = true;
    }
}

void PartnerRosterSync::onLoadFinished()
{
    m_loading = false;
    if (m_reloadQueued) {
        m_reloadQueued = false;
        reload();
        return;
    }
    if (!m_countsApplied)
        return; // failed (loadFailed() was emitted) or cancelled
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

void PartnerRosterSync::setIncludeArchived(bool include)
{
    if (include == m_includeArchived)
        return;
    m_includeArchived = include;
    reload();
}

void PartnerRosterSync::refresh(const QStringList& ids)
{
    try {
        QList<PartnerRow> rows = m_repository.listRowsByIds(ids, m_includeArchived);
        if (m_model->revenueKnown() && !rows.isEmpty()) {
            const PartnerRevenue revenue = m_repository.rosterRevenue(m_clock.todayUtc(), ids);
            for (PartnerRow& row : rows) {
                const PartnerMoney money = revenue.byId.value(row.partner.id);
                row.wonT12MMinor = money.wonT12MMinor;
                row.openPipelineMinor = money.openPipelineMinor;
            }
        }
        if (m_model->ippKnown())
            for (PartnerRow& row : rows)
                row.ippScore = m_model->ippProfile().scoreValue(
                    row.partner,
                    m_certifications ? m_certifications->certifiedContactCount(row.partner.id, m_clock.todayUtc()) : 0);
        m_model->applyChanges(ids, rows);
    } catch (const StorageError& e) {
        Q_EMIT loadFailed(e.message());
    }
}

} // namespace pd
