#pragma once

#include "domain/Mdf.h"

#include <optional>

namespace pd {

// The MDF program's rules as pure functions (issue 10; DESIGN.md section 3, MDF). No storage: MdfRepository applies
// them inside its transactions, the dialogs to explain a refusal before anything is written.

/// A fund period: a quarter "YYYYQn" (n 1–4) or a fiscal year "FYYYYY" (the calendar year: January to December).
struct MdfPeriod
{
    QString text; ///< canonical form: "2017Q4", "FY2017"
    QDate startsOn;
    QDate endsOn;
};

/// Parses a period ("2017Q4", "2017q4", "FY2017", "fy2017"); nullopt with `error` (for people) when it is neither.
std::optional<MdfPeriod> parseMdfPeriod(const QString& text, QString* error = nullptr);

/// The requested amount of an activity: its total cost × the vendor's share, in minor units, rounded half up
/// (DESIGN.md: requested amount = cost × vendor share). `sharePercent` 0–100.
qint64 mdfRequestedAmount(qint64 totalCostMinor, int sharePercent);

/// An accrual allocation: `revenueMinor` × basisPoints / 10,000, rounded half up (200 basis points = 2%: 59,645.10 USD
/// of 2,982,255.00 USD). Exact integer arithmetic for any qint64 revenue.
qint64 mdfAccrualAmount(qint64 revenueMinor, int basisPoints);

/// Parses a percentage as a user types it ("2", "2.5", "0.25", "2%") into basis points (2 → 200); at most two
/// decimals, 0–100%. nullopt with `error` otherwise.
std::optional<int> parseBasisPoints(const QString& text, QString* error = nullptr);

/// "2%", "2.5%", "0.25%" for basis points.
QString formatBasisPoints(int basisPoints);

/// The last day a claim may be submitted: the activity's end plus the claim deadline in days.
QDate mdfClaimDueDate(const QDate& activityEndsOn, int claimDeadlineDays);

/// True when a request may move from `from` to `to` (Draft → Submitted | Cancelled; Submitted → Approved | Rejected |
/// Cancelled; Approved → Cancelled).
bool mdfRequestTransitionAllowed(MdfRequestStatus from, MdfRequestStatus to);

/// Checks a request before it is saved or submitted: an allowed activity type, a description, planned dates in order,
/// a positive total cost, a requested amount from 1 minor unit up to the cost × vendor share, non-negative expected
/// leads and pipeline. Returns the first problem for people (naming the field), or an empty string.
QString checkMdfRequest(const MdfRequest& request, const MdfSettings& settings);

/// Checks a claim before it is submitted against its request (which must be Approved): the activity has ended
/// (`today` ≥ its end date: proof of performance comes after the activity), the claim deadline (`today` ≤
/// mdfClaimDueDate(); a late claim is refused with the date it was due), a claimed amount of at least 1
/// minor unit and never more than the approved amount or the actual cost, non-negative leads, and a proof of every
/// type the activity type requires. Returns the first problem for people, or an empty string.
QString checkMdfClaim(const MdfClaim& claim, const MdfRequest& request, const MdfSettings& settings,
                      const QDate& today);

/// The activity type called `name` in `settings` (case-insensitive), or nullptr.
const MdfActivityType* findMdfActivityType(const MdfSettings& settings, const QString& name);

} // namespace pd
