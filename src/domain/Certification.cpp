#include "domain/Certification.h"

namespace pd {

QDate certificationExpiry(const QDate& earnedOn, int validityMonths)
{
    if (validityMonths <= 0 || !earnedOn.isValid())
        return {};
    return earnedOn.addMonths(validityMonths);
}

bool certificationCounts(const Certification& certification, const QDate& on)
{
    return certification.earnedOn.isValid() && certification.earnedOn <= on &&
           (!certification.expiresOn.isValid() || on < certification.expiresOn);
}

CertificationStatus certificationStatus(const Certification& certification, const QDate& on, int warningDays)
{
    if (certification.earnedOn.isValid() && on < certification.earnedOn)
        return CertificationStatus::NotYetEarned;
    if (!certificationCounts(certification, on))
        return CertificationStatus::Expired;
    if (certification.expiresOn.isValid() && certification.expiresOn <= on.addDays(warningDays))
        return CertificationStatus::Expiring;
    return CertificationStatus::Valid;
}

QString toString(CertificationStatus status)
{
    switch (status) {
    case CertificationStatus::NotYetEarned:
        return QStringLiteral("not-yet-earned");
    case CertificationStatus::Valid:
        return QStringLiteral("valid");
    case CertificationStatus::Expiring:
        return QStringLiteral("expiring");
    case CertificationStatus::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

} // namespace pd
