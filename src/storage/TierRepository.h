#pragma once

#include "domain/TierProgram.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QStringList>

namespace pd {

struct FxRatesUsed;

class Database;
class ChangeNotifier;
class Clock;

/// One partner's figures and recommendation on an evaluation date (TierRepository::evaluate()).
struct PartnerTierEvaluation
{
    PartnerTierMetrics metrics;
    TierEvaluation evaluation;
};

/// One applied tier change (schema v9 table partner_tier_history): who moved the partner from which tier to which,
/// effective when.
struct TierHistoryEntry
{
    QString id;        ///< UUID text
    QString partnerId; ///< UUID text
    QString partnerKey;
    QString fromTier;
    QString toTier;
    QDate effectiveOn;
    QString actor; ///< Database::actor() of the write
    QString reason;
    QString createdAt; ///< ISO 8601 UTC instant of the write
};

/// T12M sourced won figures of one partner (TierRepository::sourcedWonT12M()).
struct SourcedWonFigures
{
    qint64 revenueMinor = 0; ///< minor units of the requested currency
    int wonDeals = 0;        ///< in every currency
};

/// The tier program, partners' tier metrics, evaluation and applied tier changes (issue 11, items 1–2; DESIGN.md
/// section 3, tier program; schema v9 tables tiers and partner_tier_history). Every write is one transaction with its
/// change-log entries (entity "tiers", or "partners" and "partner_tier_history"), its audit entries and, after
/// commit, ChangeNotifier::tiersChanged() (and partnersChanged(ids) when partners' tiers change). Throws StorageError:
/// Kind::Conflict for a stale version, Kind::NotFound for an unknown id, plain errors (with a message for people) for
/// invalid input.
class TierRepository
{
public:
    TierRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// The tiers of the program (not removed) by ascending rank.
    QList<Tier> listTiers() const;
    /// Adds a tier (sets id and version 1). Name non-empty and unique (case-insensitive), rank ≥ 0 and unique,
    /// thresholds ≥ 0, PSAT 0–100, a revenue currency that is an ISO 4217 code and the same as the other tiers'.
    void addTier(Tier& tier);
    /// Saves a tier's name, rank, criteria and benefits (optimistic by version; bumps tier.version).
    void updateTier(Tier& tier);
    /// Removes a tier from the program (soft delete). The entry tier (lowest rank) cannot be removed.
    void removeTier(const QString& id);
    /// Brings back a removed tier (undo of removeTier); refused when its rank or name is taken meanwhile.
    void restoreTier(const QString& id);

    /// The currency revenue thresholds are stated in: that of the lowest-ranked tier with a revenue threshold; "USD"
    /// when none has one.
    static QString revenueCurrency(const QList<Tier>& program);

    /// T12M partner-sourced won figures of every partner with a won deal in the window: deals not archived, status
    /// Won, partner_pk the partner, closed_on in (asOf − 12 months, asOf]. One GROUP BY per (partner, currency, close
    /// month); keyed by partner id. Revenue is in `currency`: amounts in other currencies convert at the rate of their
    /// close month (FxRepository's rule, README "FX rates"); a deal without a rate at or before its close month counts
    /// in wonDeals but not in revenueMinor, and `used` (may be null) records the rates used and the deals left out.
    QHash<QString, SourcedWonFigures> sourcedWonT12M(const QDate& asOf, const QString& currency,
                                                     FxRatesUsed* used = nullptr) const;

    /// The metrics of every partner not archived on `asOf`, by partner key, in four set-based queries: partners with
    /// their onboarding state, sourcedWonT12M(), CertificationRepository::certifiedContactCounts(). Onboarding is
    /// complete when every required onboarding task is done on or before asOf, or the partner is Active and has no
    /// onboarding checklist. PSAT is not recorded in the book: it is unknown.
    /// `used` (may be null) receives the FX rates the revenue used (sourcedWonT12M()).
    QList<PartnerTierMetrics> metrics(const QDate& asOf, FxRatesUsed* used = nullptr) const;
    /// metrics() evaluated with the stored program (evaluateTier()), by partner key.
    QList<PartnerTierEvaluation> evaluate(const QDate& asOf, FxRatesUsed* used = nullptr) const;

    /// Moves one partner (not archived) to `tier` (a tier of the program; not its current one) effective on
    /// `effectiveOn`: partners.tier (version + 1) and a history row with Database::actor(), in one transaction.
    TierHistoryEntry apply(const QString& partnerId, const QString& tier, const QDate& effectiveOn,
                           const QString& reason);
    /// Applies every promote and demote of evaluate(asOf), effective on asOf, in one transaction; returns the
    /// history entries written (none when every partner keeps its tier).
    QList<TierHistoryEntry> applyAll(const QDate& asOf, const QString& reason);
    /// Applies several changes (partnerId, toTier, effectiveOn, reason of each; the rest is ignored) in one
    /// transaction, e.g. to redo an applyAll(); returns the entries written.
    QList<TierHistoryEntry> applyEach(const QList<TierHistoryEntry>& changes);
    /// Undoes applied changes (undo of apply and applyAll): each partner goes back to the entry's from-tier and the
    /// history row is deleted, last entry first, in one transaction. Kind::Conflict when a partner's tier has
    /// changed since.
    void revert(const QList<TierHistoryEntry>& entries);
    /// The tier history of one partner, newest effective date first.
    QList<TierHistoryEntry> history(const QString& partnerId) const;

private:
    void checkTier(const Tier& tier) const;
    void setTierDeleted(const QString& id, bool deleted);
    TierHistoryEntry applyInTransaction(const QString& partnerId, const QString& tier, const QDate& effectiveOn,
                                        const QString& reason, const QString& at);

    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
