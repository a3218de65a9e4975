#pragma once

#include "domain/Mdf.h"

#include <QByteArray>
#include <optional>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// A proof-of-performance file read for MdfRequestRepository::fileClaim(): its type and bytes (see
/// AttachmentRepository::prepareFile(), which reads and hashes a file off the GUI thread).
struct MdfProofFile
{
    QString proofType; ///< one of mdfProofTypes()
    QString fileName;  ///< without its folder
    QByteArray bytes;
    QString sha256; ///< of bytes, 64 lower-case hex digits; computed when empty
};

/// Filter of MdfRequestRepository::requests() and claims(); empty fields match everything.
struct MdfFilter
{
    QString budgetId;
    QString partnerId;
    QStringList statuses; ///< status names (toString())
};

/// MDF return per partner or per activity type (MdfRequestRepository::mdfReturn()).
struct MdfReturnRow
{
    QString group; ///< partner key, or activity type
    QString currency;
    qint64 spentMinor = 0;    ///< approved claims (paid or not)
    int leads = 0;            ///< leads generated, from claims not rejected
    qint64 pipelineMinor = 0; ///< open deals linked to the group's requests (amount, else list price)
    qint64 wonMinor = 0;      ///< won deals linked to them
    int deals = 0;            ///< linked deals
    /// spent / leads in minor units; nullopt without leads.
    std::optional<qint64> costPerLeadMinor() const;
    /// won / spent; nullopt without spend.
    std::optional<double> revenuePerMdfDollar() const;
};

/// MDF requests and claims with their proof of performance, and the deals linked to requests (issue 10, items 3, 4, 7;
/// schema v8). Moves money in the fund ledger through the same operations as MdfBudgetRepository: approve commits
/// (available → committed), cancel of an approved request releases, claim approval moves committed → payable and
/// releases the rest of the commitment, payment payable → paid. Each write is one transaction with change-log and
/// audit entries, then ChangeNotifier::mdfChanged; writes that change a status return the operation id for
/// MdfOperations::undo()/redo(). Throws StorageError like MdfBudgetRepository (the message names the rule and amount).
class MdfRequestRepository
{
public:
    MdfRequestRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// Creates a request in `request.budgetId` for `request.partnerId` (Draft, or Submitted when `submit`), checked by
    /// checkMdfRequest(); currency is the budget's. Sets id, number, version, status. Returns the operation id.
    QString createRequest(MdfRequest& request, bool submit);
    /// Saves a Draft's fields (optimistic by version; not a ledger operation). Kind::Conflict when stale.
    void updateDraft(MdfRequest& request);
    /// Draft → Submitted. Returns the operation id.
    QString submit(const QString& requestId);
    /// Submitted → Approved with `approvedMinor` (1 … requested): commits the funds from the partner's available
    /// allocation; refused when that is short, naming by how much. Returns the operation id.
    QString approve(const QString& requestId, qint64 approvedMinor);
    /// Submitted → Rejected; `reason` required. Returns the operation id.
    QString reject(const QString& requestId, const QString& reason);
    /// Draft, Submitted or Approved (without a claim that is not rejected) → Cancelled; releases an approved
    /// request's commitment. Returns the operation id.
    QString cancel(const QString& requestId, const QString& reason);

    MdfRequest request(const QString& id) const;
    std::optional<MdfRequest> requestByNumber(qint64 number) const;
    /// Requests matching `filter`, by number.
    QList<MdfRequest> requests(const MdfFilter& filter = {}) const;

    /// Files a claim against an approved request with its proof files (stored in the book with their SHA-256; each
    /// at most AttachmentRepository::DefaultMaxStoredBytes, 100 MB);
    /// checked by checkMdfClaim() on the clock's date, and refused while another claim of the request is not rejected.
    /// Sets id, version, status Submitted, submittedOn, proofs. Returns the operation id.
    QString fileClaim(MdfClaim& claim, const QList<MdfProofFile>& proofs);
    /// Submitted → Approved: the claimed amount moves committed → payable; the rest of the commitment is released.
    QString approveClaim(const QString& claimId);
    /// Submitted → Rejected; `reason` required. The commitment stays until the request is cancelled or expires.
    QString rejectClaim(const QString& claimId, const QString& reason);
    /// Approved → Paid on `paidOn` (not after today) with a payment reference (required).
    QString payClaim(const QString& claimId, const QDate& paidOn, const QString& reference);

    MdfClaim claim(const QString& id) const;
    /// Claims matching `filter` (budget, partner, claim statuses), oldest first, with their proofs.
    QList<MdfClaim> claims(const MdfFilter& filter = {}) const;
    /// Writes a proof's bytes to `targetPath` after checking their SHA-256 (Kind::Corrupt when they differ; nothing
    /// written). Returns `targetPath`.
    QString saveProofCopy(const QString& proofId, const QString& targetPath) const;

    /// Links deal `dealId` to request `requestId` (the activity that produced it), or unlinks it with an empty id.
    /// Audited and logged as a change of the deal.
    void linkDeal(const QString& dealId, const QString& requestId);
    /// MDF return by partner key (`byActivityType` false) or by activity type, over the requests of `budgetId`
    /// (every budget when empty) in one currency each.
    QList<MdfReturnRow> mdfReturn(const QString& budgetId, bool byActivityType) const;

private:
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
