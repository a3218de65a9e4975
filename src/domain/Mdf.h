#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace pd {

// Market development funds (issue 10; DESIGN.md section 3, MDF). Amounts are integer minor units of the budget's
// currency: a budget, its allocations, requests and claims share one currency.

/// A fund budget for a period: a quarter ("2017Q4") or a calendar fiscal year ("FY2017").
struct MdfBudget
{
    QString id; ///< UUID text
    int version = 0;
    QString name;
    QString period; ///< "2017Q4" or "FY2017" (MdfPeriod)
    QDate startsOn; ///< first day of the period
    QDate endsOn;   ///< last day of the period
    qint64 amountMinor = 0;
    QString currency; ///< ISO 4217
    bool closed = false;
    QDate closedOn; ///< when close-period expired what was left
};

/// Status of an MDF request (pre-approval): Draft → Submitted → Approved | Rejected | Cancelled; a Draft or an
/// Approved request may also be Cancelled.
enum class MdfRequestStatus { Draft, Submitted, Approved, Rejected, Cancelled };
/// Status of a claim: Submitted → Approved | Rejected; Approved → Paid.
enum class MdfClaimStatus { Submitted, Approved, Rejected, Paid };

QString toString(MdfRequestStatus status);
QString toString(MdfClaimStatus status);
/// Parses a status name as toString() writes it (case-insensitive); false when unknown.
bool parseMdfRequestStatus(const QString& text, MdfRequestStatus* out);
bool parseMdfClaimStatus(const QString& text, MdfClaimStatus* out);

/// A partner's allocation from a budget: a fixed amount, or an accrual computed from won revenue.
struct MdfAllocation
{
    QString id;
    QString budgetId;
    QString partnerId;
    QString partnerKey;
    QString partnerName;
    bool accrual = false;
    qint64 amountMinor = 0;
    int accrualBasisPoints = 0;     ///< accrual only: 200 = 2%
    QString accrualPeriod;          ///< accrual only: the period whose won revenue counted
    qint64 accrualRevenueMinor = 0; ///< accrual only: that won revenue, in the budget's currency
    QString note;
    QDateTime createdAt;
};

/// A request for funds for one activity.
struct MdfRequest
{
    QString id;
    int version = 0;
    qint64 number = 0; ///< MDF request number, unique in the book, given on creation
    QString budgetId;
    QString budgetName;
    QString currency; ///< the budget's
    QString partnerId;
    QString partnerKey;
    QString partnerName;
    QString activityType; ///< one of the allowed activity types (MdfActivityType::name)
    QString description;
    QDate startsOn;
    QDate endsOn;
    qint64 totalCostMinor = 0;
    qint64 requestedMinor = 0; ///< ≤ total cost × vendor share (requestedAmount())
    qint64 approvedMinor = 0;  ///< set when approved
    int expectedLeads = 0;
    qint64 expectedPipelineMinor = 0;
    MdfRequestStatus status = MdfRequestStatus::Draft;
    QDateTime createdAt;
    QDateTime submittedAt;
    QDateTime decidedAt;
    QString decidedBy;
    QString reason; ///< why it was rejected or cancelled
};

/// A proof-of-performance file of a claim (stored in the book with its SHA-256).
struct MdfProof
{
    QString id;
    QString claimId;
    QString proofType; ///< e.g. "invoice", "attendee list"
    QString fileName;
    qint64 sizeBytes = 0;
    QString sha256; ///< 64 lower-case hex digits (FIPS 180-4)
};

/// A claim against an approved request.
struct MdfClaim
{
    QString id;
    int version = 0;
    QString requestId;
    qint64 requestNumber = 0;
    QString partnerKey;
    QString currency;
    qint64 actualCostMinor = 0;
    qint64 claimedMinor = 0; ///< never more than the request's approved amount
    int leads = 0;           ///< leads the activity generated
    MdfClaimStatus status = MdfClaimStatus::Submitted;
    QDate submittedOn;
    QDateTime decidedAt;
    QString decidedBy;
    QString reason;
    QDate paidOn;
    QString paymentReference;
    QList<MdfProof> proofs;
};

/// An activity type a request may name and the proof types its claim must carry.
struct MdfActivityType
{
    QString name;
    bool allowed = true;
    QStringList requiredProofs;
};

/// The MDF program settings (kept in the book).
struct MdfSettings
{
    int vendorSharePercent = 50; ///< the vendor's share of an activity's cost, 0–100 (default 50)
    int claimDeadlineDays = 60;  ///< a claim is due within this many days after the activity ends (default 60)
    QList<MdfActivityType> activityTypes;
};

/// The proof-of-performance types a user can choose.
QStringList mdfProofTypes();
/// The default activity types and their required proof types.
QList<MdfActivityType> defaultMdfActivityTypes();

/// Accounts of the fund ledger (table mdf_ledger). Every entry moves an amount from one account to another.
namespace mdf_account {
inline constexpr const char* Funding = "funding";     ///< where a budget's money comes from (negative balance)
inline constexpr const char* Pool = "pool";           ///< the budget's money not yet allocated
inline constexpr const char* Available = "available"; ///< allocated to a partner, not committed
inline constexpr const char* Committed = "committed"; ///< committed to an approved request
inline constexpr const char* Payable = "payable";     ///< approved claims not yet paid
inline constexpr const char* Paid = "paid";
inline constexpr const char* Expired = "expired";
} // namespace mdf_account

/// One ledger entry.
struct MdfLedgerEntry
{
    qint64 number = 0; ///< the entry's key: entries in posting order
    QString id;
    QDateTime createdAt;
    QDate postedOn;
    QString budgetName;
    QString period;
    QString currency;
    QString partnerKey; ///< empty for the budget's own accounts
    QString kind; ///< funding, adjustment, allocation, commitment, release, claim approval, payment, expiry, reversal
    QString fromAccount;
    QString toAccount;
    qint64 amountMinor = 0;
    qint64 requestNumber = 0; ///< 0 when none
    QString claimId;
    qint64 reversesNumber = 0; ///< the entry a reversal undoes, 0 when none
    QString actor;
    QString memo;
};

/// Figures of one partner in a budget (or of the whole budget), in minor units, from the ledger's balances:
/// allocated = available + committed + claimed + expired, and paid ⊆ claimed.
struct MdfFigures
{
    qint64 allocated = 0; ///< net amount moved from the pool to the partner
    qint64 committed = 0; ///< committed to approved requests, not yet claimed
    qint64 claimed = 0;   ///< approved claims (paid or not)
    qint64 paid = 0;
    qint64 available = 0; ///< allocated and not committed, claimed or expired
    qint64 expired = 0;
};

/// A budget's state: its figures, what is left to allocate, and per partner.
struct MdfBudgetStatus
{
    MdfBudget budget;
    qint64 unallocatedMinor = 0;                ///< the pool
    qint64 poolExpiredMinor = 0;                ///< the pool's money that expired at period end
    MdfFigures total;                           ///< over every partner (expired includes the pool's)
    QList<QPair<QString, MdfFigures>> partners; ///< partner key → figures, by key
    bool balanced = true;                       ///< the ledger's invariants hold (MdfRepository::verifyLedger())
};

} // namespace pd
