#pragma once

#include "models/PartnerTableModel.h"
#include "storage/DatabaseConfig.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

namespace pd {

class ChangeNotifier;
class Clock;
class PartnerRepository;
class CertificationRepository;

/// Keeps a PartnerTableModel in step with a book (DESIGN.md section 1: models refresh from the change notifier;
/// nothing polls). reload() reads every roster row OFF the GUI thread, on a connection of its own opened in the
/// worker with the book's DatabaseConfig, in steps (issue 7): the partners first, which the model shows at once
/// with blank counts (partnersLoaded()), then the contact and open-deal counts over every deal, which fill them in
/// (loaded()), then the won revenue of the last 12 months and the open pipeline per partner (issue 8, item 6), which
/// fill in those columns. With setIncludeArchived(true) the archived partners are listed too. partnersChanged(ids)
/// refreshes just those rows through `repository` (on the GUI thread: a few rows); bookReset() and
/// programSettingsChanged() (the reporting currency of the revenue) reload everything.
class PartnerRosterSync : public QObject
{
    Q_OBJECT
public:
    /// `repository` (the GUI thread's), `clock` and `notifier` must outlive this object; `pool` runs the loads
    /// (nullptr: Qt's global pool; see workerPool()). Destroying it never waits for a running load: the load finishes
    /// on its own connection (skipping the counts when they are still to come) and its rows are dropped.
    PartnerRosterSync(PartnerTableModel* model, const PartnerRepository& repository, ChangeNotifier* notifier,
                      DatabaseConfig config, const Clock& clock, QObject* parent = nullptr,
                      QThreadPool* pool = nullptr);
    ~PartnerRosterSync() override;

    /// Starts reading all rows in the background; returns at once. A reload asked for while one runs is queued.
    void reload();
    /// True while a background load runs (until its counts are in).
    bool isLoading() const { return m_loading; }
    /// Lists archived partners too (true) or not (false, the default); a change reloads in the background.
    void setIncludeArchived(bool include);
    bool includesArchived() const { return m_includeArchived; }
    /// The GUI thread's certifications, for the IPP scores of refreshed rows (their certified-contact counts; issue 9,
    /// item 2); must outlive this object. Without it refreshed rows score with 0 certified contacts. A load reads the
    /// profile and the counts on its own connection and fills the IPP column last (PartnerTableModel::setIpp()); a
    /// saved profile (ippProfileChanged) reloads.
    void setCertifications(const CertificationRepository* certifications) { m_certifications = certifications; }

Q_SIGNALS:
    /// The model now holds the partners of a load; their counts are blank until loaded() follows.
    void partnersLoaded(int rowCount);
    /// The model now holds the rows of a completed load, counts included.
    void loaded(int rowCount);
    /// The background load failed (the model keeps its previous rows); `message` is for people.
    void loadFailed(const QString& message);

private:
    /// One step of a load: the partners, or their counts, or the error that ended the load.
    struct Step
    {
        PartnerTableModel::Prepared prepared;
        QHash<QString, PartnerCounts> counts;
        PartnerRevenue revenue;
        IdealPartnerProfile ipp;
        QHash<QString, int> certified;
        bool isCounts = false;
        bool isRevenue = false;
        bool isIpp = false;
        QString error;
    };
    void onPartnersChanged(const QStringList& ids);
    void onDealsChanged(const QStringList& dealIds);
    /// Changed deals up to this many refresh their partners' rows on the GUI thread; more reload in the background.
    static constexpr qsizetype kMaxDealsRefreshedInPlace = 200;
    void onStep(int index);
    void onLoadFinished();
    void refresh(const QStringList& ids);

    PartnerTableModel* m_model;
    const PartnerRepository& m_repository;
    const CertificationRepository* m_certifications = nullptr;
    DatabaseConfig m_config;
    const Clock& m_clock;
    QThreadPool* m_pool;
    QFutureWatcher<Step> m_watcher;
    bool m_loading = false;
    bool m_countsApplied = false; ///< the running load's counts are in the model
    bool m_failed = false;        ///< the running load failed (loadFailed() was emitted)
    bool m_reloadQueued = false;
    bool m_includeArchived = false;
    QStringList m_pendingIds; ///< changes seen while a load ran, applied after it
};

} // namespace pd
