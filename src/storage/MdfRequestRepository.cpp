#pragma GCC diagnostic ignored "-Wunused-parameter" // skeleton, replaced by the implementation
#include "storage/MdfRequestRepository.h"

#include "storage/StorageError.h"

namespace pd {
std::optional<qint64> MdfReturnRow::costPerLeadMinor() const { return std::nullopt; }
std::optional<double> MdfReturnRow::revenuePerMdfDollar() const { return std::nullopt; }
}

namespace pd {

MdfRequestRepository::MdfRequestRepository(Database& db, const Clock& clock, ChangeNotifier* notifier) : m_db(db), m_clock(clock), m_notifier(notifier) {}

QString MdfRequestRepository::createRequest(MdfRequest& request, bool submit) 
{
    throw StorageError(QStringLiteral("createRequest: not implemented yet"));
}

void MdfRequestRepository::updateDraft(MdfRequest& request) 
{
    throw StorageError(QStringLiteral("updateDraft: not implemented yet"));
}

QString MdfRequestRepository::submit(const QString& requestId) 
{
    throw StorageError(QStringLiteral("submit: not implemented yet"));
}

QString MdfRequestRepository::approve(const QString& requestId, qint64 approvedMinor) 
{
    throw StorageError(QStringLiteral("approve: not implemented yet"));
}

QString MdfRequestRepository::reject(const QString& requestId, const QString& reason) 
{
    throw StorageError(QStringLiteral("reject: not implemented yet"));
}

QString MdfRequestRepository::cancel(const QString& requestId, const QString& reason) 
{
    throw StorageError(QStringLiteral("cancel: not implemented yet"));
}

MdfRequest MdfRequestRepository::request(const QString& id) const
{
    throw StorageError(QStringLiteral("request: not implemented yet"));
}

std::optional<MdfRequest> MdfRequestRepository::requestByNumber(qint64 number) const
{
    throw StorageError(QStringLiteral("requestByNumber: not implemented yet"));
}

QList<MdfRequest> MdfRequestRepository::requests(const MdfFilter& filter) const
{
    throw StorageError(QStringLiteral("requests: not implemented yet"));
}

QString MdfRequestRepository::fileClaim(MdfClaim& claim, const QList<MdfProofFile>& proofs) 
{
    throw StorageError(QStringLiteral("fileClaim: not implemented yet"));
}

QString MdfRequestRepository::approveClaim(const QString& claimId) 
{
    throw StorageError(QStringLiteral("approveClaim: not implemented yet"));
}

QString MdfRequestRepository::rejectClaim(const QString& claimId, const QString& reason) 
{
    throw StorageError(QStringLiteral("rejectClaim: not implemented yet"));
}

QString MdfRequestRepository::payClaim(const QString& claimId, const QDate& paidOn, const QString& reference) 
{
    throw StorageError(QStringLiteral("payClaim: not implemented yet"));
}

MdfClaim MdfRequestRepository::claim(const QString& id) const
{
    throw StorageError(QStringLiteral("claim: not implemented yet"));
}

QList<MdfClaim> MdfRequestRepository::claims(const MdfFilter& filter) const
{
    throw StorageError(QStringLiteral("claims: not implemented yet"));
}

QString MdfRequestRepository::saveProofCopy(const QString& proofId, const QString& targetPath) const
{
    throw StorageError(QStringLiteral("saveProofCopy: not implemented yet"));
}

void MdfRequestRepository::linkDeal(const QString& dealId, const QString& requestId) 
{
    throw StorageError(QStringLiteral("linkDeal: not implemented yet"));
}

QList<MdfReturnRow> MdfRequestRepository::mdfReturn(const QString& budgetId, bool byActivityType) const
{
    throw StorageError(QStringLiteral("mdfReturn: not implemented yet"));
}

} // namespace pd
