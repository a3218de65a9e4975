#pragma once

#include "domain/Mdf.h"

#include <optional>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// One partner's line of an accrual allocation (MdfBudgetRepository::accrualPreview()).
struct MdfAccrualLine
{
    QString partnerId;
    QString partnerKey;
    QString partnerName;
    qint64 revenueMinor = 0;      ///< won revenue (sourced, status Won, closed in the accrual period), budget currency
    qint64 amountMinor = 0;       ///< mdfAccrualAmount(revenueMinor, basis points)
    int skippedOtherCurrency = 0; ///< won deals in another currency, not counted (FX conversion comes with issue 11)
};

/// Fund budgets, the MDF program settings, allocations, period close, the ledger and its figures (issue 10; DESIGN.md
/// section 3, MDF; schema v8). Every write is one transaction holding its rows, its ledger entries (each a double
/// entry between two accounts, mdf_account), the balances, an operation record for undo (MdfOperations), change-log
/// and audit entries; then ChangeNotifier::mdfChanged. Writes that move money return the operation's id (UUID text),
/// which MdfOperations::undo()/redo() take. Throws StorageError: Kind::NotFound for an unknown id, Kind::Conflict
/// for a stale version, a plain error with a message for people (what, by how much) for a refused rule; nothing is
/// written then.
class MdfBudgetRepository
{
public:
    MdfBudgetRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// The MDF program settings: vendor share, claim deadline, activity types and their required proof types.
    MdfSettings settings() const;
    /// Saves the settings (share 0–100, deadline 0–3650 days, at least one allowed activity type, proof types from
    /// mdfProofTypes()).
    void saveSettings(const MdfSettings& settings);

    /// Budgets not archived, by period start then name.
    QList<MdfBudget> budgets() const;
    MdfBudget budget(const QString& id) const;
    /// The budget whose name matches (case-insensitive) or whose id is `nameOrId`.
    std::optional<MdfBudget> findBudget(const QString& nameOrId) const;
    /// Creates a budget (name unique, period parseMdfPeriod(), amount > 0, ISO 4217 currency); its amount enters the
    /// pool as a "funding" entry. Sets id, version, dates. Returns the operation id.
    QString createBudget(MdfBudget& budget);
    /// Changes a budget's amount (an "adjustment" entry between funding and pool); refused when lowering it below
    /// what is already allocated, naming by how much. Returns the operation id.
    QString changeBudgetAmount(const QString& budgetId, qint64 amountMinor);

    /// Allocates a fixed amount to a partner; refused when it exceeds what is left in the budget ("… is 1,000.00 USD
    /// more than the 4,000.00 USD left in budget Q4 Fund"), or the budget is closed. Returns the operation id.
    QString allocateFixed(const QString& budgetId, const QString& partnerId, qint64 amountMinor,
                          const QString& note = {});
    /// The accrual allocations `basisPoints` of won revenue in `accrualPeriod` would give: one line per partner of
    /// `partnerIds` (every partner not archived when empty) with revenue, in partner key order; lines of 0 included.
    QList<MdfAccrualLine> accrualPreview(const QString& budgetId, int basisPoints, const QString& accrualPeriod,
                                         const QStringList& partnerIds = {}) const;
    /// Allocates accrualPreview()'s non-zero lines as one operation; refused as a whole when their total exceeds what
    /// is left. Returns the operation id.
    QString allocateAccrual(const QString& budgetId, int basisPoints, const QString& accrualPeriod,
                            const QStringList& partnerIds = {});
    /// Allocations of a budget (not undone), oldest first.
    QList<MdfAllocation> allocations(const QString& budgetId) const;

    /// Closes a budget's period: what is left available to partners and in the pool, and commitments whose claim
    /// deadline has passed without a claim, expire ("expiry" entries). Refused before the period's last day is over
    /// (naming it) or when already closed. Afterwards released commitments expire instead of returning to the
    /// partner. Returns the operation id.
    QString closePeriod(const QString& budgetId);

    /// The budget's figures, in total and per partner, from the balances; `balanced` from verifyLedger().
    MdfBudgetStatus status(const QString& budgetId) const;
    /// One partner's figures in every budget (budget name → figures), for the partner's detail.
    QList<QPair<MdfBudget, MdfFigures>> partnerFigures(const QString& partnerId) const;
    /// The ledger entries of the budgets of `period` ("2017Q4"; every budget when empty), in posting order.
    QList<MdfLedgerEntry> ledger(const QString& period = {}) const;
    /// Checks the ledger of `budgetId`: every balance equals the sum of its entries, no account but funding is
    /// negative, the funding equals minus the budget's amount, and the accounts sum to zero. False with `problem`
    /// (for people) naming the first broken rule.
    bool verifyLedger(const QString& budgetId, QString* problem = nullptr) const;

private:
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
