#pragma once

#include "domain/Deal.h"
#include "domain/FxRatesUsed.h"
#include "domain/ProgramRules.h"

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace pd {

class Database;

/// Pipeline totals (DESIGN.md section 3), aggregated in SQL. Amounts are minor units of `currency`; deals in other
/// currencies are converted with the book's FX rates under the rule of FxRepository (a won or lost deal at its close
/// month's rate, an open deal at the rate of the as-of month, else the latest earlier month's); those without a rate
/// are left out of the amounts and counted in `otherCurrencyDeals` (and `fx`), so nobody mistakes the totals for
/// complete. Counts include every deal, with or without a rate.
struct PipelineSummary
{
    QString partnerId; ///< set for per-partner rows
    QString partnerKey;
    QString currency;
    qint64 openCount = 0;       ///< deals open as of periodEnd (pd::openStatusAsOf)
    qint64 openAmountMinor = 0; ///< of those; an open deal without an amount counts at its product's list price
    qint64 weightedX100 = 0;    ///< Σ value × probability percent of the status as of periodEnd (÷ 100: minor units)
    qint64 wonPeriodMinor = 0;  ///< won amount with close date in [periodStart, periodEnd]
    qint64 wonCount = 0;        ///< won with close date ≤ periodEnd (all time)
    qint64 lostCount = 0;
    qint64 wonAmountMinor = 0; ///< all time up to periodEnd
    qint64 lostAmountMinor = 0;
    qint64 otherCurrencyDeals = 0; ///< deals in other currencies left out of the amounts: no rate for their month
    FxRatesUsed fx;                ///< the rates the amounts used and what was left out
    QDate periodStart;             ///< first day of the as-of date's quarter
    QDate periodEnd;               ///< the as-of date

    /// Win rate by count, won / (won + lost); nullopt when nothing closed.
    std::optional<double> winRate() const;
    /// Win rate by amount.
    std::optional<double> winRateByAmount() const;
};

/// Sort orders of PipelineRepository::list (the pipeline table's columns); ties broken by registration number.
enum class DealSort { Number, Status, Partner, Customer, Product, Amount, ExpectedClose, Registered };

/// Filters of the pipeline table and `deals list`. Empty members do not filter.
struct DealFilter
{
    QString status; ///< canonical status text
    QString partnerId;
    QString partnerKey;
    QString territory;
    QString productId;
    QDate closeFrom, closeTo;           ///< on expected close (open deals) or close date (closed)
    QDate registeredFrom, registeredTo; ///< on the day (UTC) of registered_at, both ends included; Drafts never match
    qint64 minAmountMinor = -1, maxAmountMinor = -1;
    QString search; ///< substring of external id, customer, partner or product name (case-insensitive)
    QString dealId; ///< one deal by id (the detail panel)
    DealSort sort = DealSort::Number; ///< order of list() (not a filter)
    bool descending = false;          ///< reverse the sort order
};

/// A deal as listed in the pipeline: the registration and the names of what it points to.
struct DealListRow
{
    Deal deal;
    QString partnerKey, partnerName, accountName, productName, territory;
    bool extended = false; ///< the one extension was granted (for the protection end)
};

/// Read-only queries over the pipeline: totals, filtered lists (paged, for lazy loading). Throws StorageError.
class PipelineRepository
{
public:
    explicit PipelineRepository(Database& db) : m_db(db) {}

    /// Totals for the book (one row) or per partner (ordered by partner key), as of the end of day `asOf` (UTC), in
    /// `currency`. Open count, open amount and weighted pipeline count the deals open as of `asOf` under the rule of
    /// pd::openStatusAsOf (entered the book by `asOf` and not closed on or before it; weighted with the probability
    /// of the status it had then); the SQL is built from the domain's definitions (openStatuses,
    /// statusBeforeClosing, overdueRegisteredBy, ProgramRules::probability) with bound values. Won in the period:
    /// Won deals closed from quarterStart(asOf) to `asOf`; win counts and amounts: closed on or before `asOf`.
    QList<PipelineSummary> summary(const QDate& asOf, const ProgramRules& rules, const QString& currency,
                                   bool byPartner) const;
    /// Deals matching `filter`, ordered by `filter.sort` (default: registration number), `limit` from `offset`.
    QList<DealListRow> list(const DealFilter& filter, int limit, int offset = 0) const;
    /// The id of the deal named by `text`: a deal id, an external id, or a registration number ("#12" or
    /// "12"), in that order of preference; empty when none matches.
    QString findDealId(const QString& text) const;
    /// How many deals match `filter`.
    qint64 count(const DealFilter& filter) const;

private:
    QString where(const DealFilter& filter, QVariantList& binds) const;
    Database& m_db;
};

} // namespace pd
