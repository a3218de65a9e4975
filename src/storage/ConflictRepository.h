#pragma once

#include "domain/ProgramRules.h"
#include "domain/RegistrationConflicts.h"
#include "storage/DealWorkflowRepository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <atomic>
#include <optional>

namespace pd {

class Database;
class Clock;
class ChangeNotifier;

/// One side of a conflict, as shown to people.
struct ConflictSide
{
    QString dealId;
    qint64 registrationNumber = 0;
    QString partnerKey;
    QString partnerName;
    QString status;
    QDateTime registeredAt;
};

/// A registration that conflicts with an earlier one (DESIGN.md section 3), with its resolution if any.
struct ConflictInfo
{
    ConflictSide later;
    ConflictSide earlier;
    QString customer;        ///< end customer's name
    QString product;         ///< product name
    qint64 secondsFirst = 0; ///< how long earlier came first
    QString resolution;      ///< "" (open), "rejected later", "accepted both"
    QString reason;
};

/// A recorded resolution of a conflicting pair.
struct ConflictResolution
{
    QString resolution; ///< "rejected later" or "accepted both"
    QString reason;
};

/// A registration the form should warn about: a conflict, or a possible duplicate (fuzzy name match).
struct LiveWarning
{
    enum class Kind { Conflict, PossibleDuplicate };
    Kind kind = Kind::Conflict;
    ConflictSide other;
    QString customer;
    QString product;
    double similarity = 1.0; ///< Jaro–Winkler similarity of customer names (1 for conflicts)
};

/// Finds registration conflicts in the book and records their resolution. Reads deals joined with their
/// accounts (normalized name, web domain) and products (normalized name). Throws StorageError.
class ConflictRepository
{
public:
    /// `notifier` (optional) hears of every resolution once it has committed.
    explicit ConflictRepository(Database& db, ChangeNotifier* notifier = nullptr) : m_db(db), m_notifier(notifier) {}

    /// Every conflicting pair in the book (full scan: loads the facts of submitted registrations that have an
    /// end customer and runs findConflicts), ordered by the later registration. When `cancel` is given and becomes
    /// true (from any thread) the scan stops at its next check and returns an empty list.
    QList<ConflictInfo> allConflicts(const ProgramRules& rules, const std::atomic_bool* cancel = nullptr) const;

    /// The earlier registrations that the deal `dealId`, registered at `registeredAt` with `number`, would
    /// conflict with (indexed lookup of the same product and customer).
    QList<ConflictSide> conflictsOf(const QString& dealId, const QDateTime& registeredAt, qint64 number,
                                    const ProgramRules& rules) const;

    /// What a registration being typed would run into, if submitted at `at`: conflicts with protected
    /// registrations of other partners for the same product and customer (the account `accountId`, or any
    /// account with the same normalized name or web domain), and possible duplicates (other partners'
    /// protected registrations for the product whose customer name is similar, Jaro–Winkler ≥ 0.92, but not
    /// the same). Indexed lookups only: meant to answer within 50 ms at 1,000,000 deals. Ordered conflicts
    /// first, then by registration number.
    QList<LiveWarning> liveCheck(const QString& partnerId, const QString& customerName, const QString& webDomain,
                                 const QString& productId, const QDateTime& at, const ProgramRules& rules,
                                 const QString& accountId = QString()) const;

    /// Tier rank (0 Registered … 3 Platinum) of the partner that registered `dealId`.
    int partnerTierRank(const QString& dealId) const;

    /// Records how a conflict was resolved ("rejected later" or "accepted both") with a reason, with an audit
    /// entry, in one transaction (joining the caller's: ResolveConflictCommand and `deals resolve` reject the later
    /// registration in the same one). Rejecting the later registration itself is DealWorkflowRepository's job.
    void resolve(const QString& laterDealId, const QString& earlierDealId, const QString& resolution,
                 const QString& reason, const Clock& clock);
    /// Resolves the conflict between `laterDealId` and `earlierDealId` in one transaction (joining the caller's): with
    /// `rejectLater` the later registration is first rejected with `reason` through `workflow`
    /// (DealWorkflowRepository::apply), then the resolution "rejected later" is recorded; otherwise "accepted both"
    /// is recorded. Both or nothing. Returns the later registration's state before. The conflicts pane's undo
    /// command and the CLI's `deals resolve` both use this.
    DealState resolveConflict(DealWorkflowRepository& workflow, const QString& laterDealId,
                              const QString& earlierDealId, bool rejectLater, const QString& reason,
                              const ProgramSettings& settings, const Clock& clock);
    /// The resolution recorded for the pair, or nullopt when there is none.
    std::optional<ConflictResolution> resolution(const QString& laterDealId, const QString& earlierDealId) const;
    /// Puts the pair's recorded resolution back to `previous` (the undo of resolve): the recorded one is
    /// soft-deleted when `previous` is nullopt, else overwritten with it. One transaction, with audit entries.
    void restoreResolution(const QString& laterDealId, const QString& earlierDealId,
                           const std::optional<ConflictResolution>& previous, const Clock& clock);

private:
    Database& m_db;
    ChangeNotifier* m_notifier = nullptr;
};

} // namespace pd
