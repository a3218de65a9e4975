#pragma once

#include "domain/Partner.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <optional>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// The two counts a roster row shows beside its partner (PartnerRow::contactCount and openDealCount).
struct PartnerCounts
{
    int contacts = 0;  ///< contacts that are not archived
    int openDeals = 0; ///< deals that are not archived in Draft, Submitted or Approved (DESIGN.md section 3)
};

/// Money per roster row (issue 8, item 6), in one currency (PartnerRevenue::currency), minor units.
struct PartnerMoney
{
    qint64 wonT12MMinor = 0;      ///< Won deals closed in the last 12 months: closed_on in (today − 1 year, today]
    qint64 openPipelineMinor = 0; ///< open deals (Draft, Submitted, Approved); no amount: the product's list price
};

/// PartnerRepository::rosterRevenue(): the sums per partner id and the currency they are in.
struct PartnerRevenue
{
    QString currency;                  ///< the reporting currency of the program settings (ISO 4217)
    QHash<QString, PartnerMoney> byId; ///< partners without such deals are absent
};

/// Reads and writes partners and their lifecycle history. Every write runs in a transaction with its
/// change-log and audit entries, then emits ChangeNotifier::partnersChanged. Throws StorageError.
class PartnerRepository
{
public:
    PartnerRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// Every partner that is not archived, with contact and open-deal counts, ordered by name.
    QList<PartnerRow> listRows() const;
    /// listRows() in two steps, so that a roster can show its partners before the counts over every deal are known
    /// (issue 7): the same rows in the same order, with contactCount and openDealCount 0. With `includeArchived`, the
    /// archived partners too (PartnerRow::archived set; issue 8, item 6).
    QList<PartnerRow> listRowsWithoutCounts(bool includeArchived = false) const;

    /// The counts listRows() gives, keyed by partner id; partners without contacts and open deals are absent.
    QHash<QString, PartnerCounts> rosterCounts() const;
    /// Won revenue of the last 12 months up to `today` and open pipeline per partner (issue 8, item 6), summed in SQL
    /// over deals that are not archived, in the reporting currency of the program settings only: amounts in other
    /// currencies are left out, never added unconverted (DESIGN.md sections 2 and 3). `partnerIds` empty: every
    /// partner (for a worker; one pass over the deals); else only those (at most a few hundred, one bound value each).
    PartnerRevenue rosterRevenue(const QDate& today, const QStringList& partnerIds = {}) const;
    /// The roster rows (with counts) of the given partners that are not archived, in no particular order;
    /// ids that are archived or unknown are simply absent. Used by the roster model to refresh changed rows.
    /// With `includeArchived`, archived partners are listed too (PartnerRow::archived set).
    QList<PartnerRow> listRowsByIds(const QStringList& ids, bool includeArchived = false) const;

    /// Id, key, name and territory of every partner that is not archived (with `stage`: in that lifecycle stage only),
    /// ordered by key: for choice lists, without the counts listRows() computes over every deal.
    QList<PartnerRef> listRefs(std::optional<LifecycleStage> stage = std::nullopt) const;
    std::optional<Partner> findById(const QString& id) const;
    /// key → id of every partner, archived ones included (keys are unique for ever); a light query for
    /// import resolution.
    QHash<QString, QString> idsByKey() const;
    /// The sourcing partners of the given deals (ids), without repeats: whose roster rows (open-deal counts) a change
    /// of those deals touches. At most a few hundred ids at a time (one bound value each).
    QStringList partnerIdsOfDeals(const QStringList& dealIds) const;
    /// Finds by key, archived partners included (keys are unique for ever).
    std::optional<Partner> findByKey(const QString& key) const;

    /// Inserts `partner` (assigns id and version 1) and records its first lifecycle stage, dated today.
    void insert(Partner& partner);
    /// Updates every field of `partner` if its version still matches; bumps the version. A stage change must be a move
    /// LifecycleRules allows (never to Offboarded, which goes through LifecycleRepository) and is kept in the lifecycle
    /// history dated today; becoming Active sets the activation date (once). Throws StorageError Kind::Conflict when
    /// the row changed meanwhile, Kind::NotFound when it is gone, Kind::NotAllowed for a refused stage move or an
    /// offboarded (read-only) partner. LifecycleRepository::move() is the way to move a stage with a date and reason.
    void update(Partner& partner);
    /// Soft-deletes (archives) a partner: sets deleted_at, keeps the row as a tombstone for sync.
    void archive(const QString& id);
    /// Undoes archive().
    void restore(const QString& id);

    /// Bulk insert for imports, inside the caller's transaction, every row stamped `at`. No notification,
    /// no per-row log: the caller writes ChangeRecorder::logInserts or logUpdates and one audit entry.
    void insertMany(QList<Partner>& partners, const QString& at);
    /// Bulk update (mapped fields already merged into each partner) for imports; same contract. A changed stage gets
    /// a lifecycle history row (reason "import") and stage_since; becoming Active sets the activation date (the day of
    /// `at`) when the partner has none.
    void updateMany(const QList<Partner>& partners, const QString& at);

private:
    void recordStage(const QString& partnerId, std::optional<LifecycleStage> from, LifecycleStage stage,
                     const QString& at);
    void setDeleted(const QString& id, bool deleted);
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
