#pragma once

#include <QDate>
#include <QString>

namespace pd {

/// A kind of certification a partner's contacts can earn (issue 9, item 5). `validityMonths` is how long a
/// certification of this type stays valid after it was earned, in months (0 = it never expires, 0–600).
struct CertificationType
{
    QString id;   ///< UUID text; empty before insertion
    QString name; ///< non-empty, unique in a book (case-insensitive)
    int validityMonths = 0;
    int version = 0;

    bool operator==(const CertificationType&) const = default;
};

/// A certification held by one contact of a partner. `expiresOn` is computed when it is added
/// (certificationExpiry()) and kept: changing the type's validity later does not rewrite it.
struct Certification
{
    QString id;          ///< UUID text; empty before insertion
    QString contactId;   ///< the contact who earned it
    QString contactName; ///< read from the contact (ignored when written)
    QString partnerId;   ///< the contact's partner (read only)
    QString typeId;      ///< the certification type
    QString typeName;    ///< read from the type (ignored when written)
    QDate earnedOn;
    QDate expiresOn; ///< invalid: never expires
    int version = 0;

    bool operator==(const Certification&) const = default;
};

/// Where a certification stands on a date (certificationStatus()).
enum class CertificationStatus {
    NotYetEarned, ///< earned after the date
    Valid,        ///< counts, and does not expire within the warning period
    Expiring,     ///< counts, and expires within the warning period
    Expired       ///< no longer counts
};

/// Days ahead of its expiry that a certification is flagged as expiring (issue 9, item 5: "expiry warnings 60 days
/// ahead").
inline constexpr int kCertificationWarningDays = 60;

/// The expiry date of a certification earned on `earnedOn` of a type valid for `validityMonths` months: earnedOn +
/// validityMonths months (QDate::addMonths, so 2024-01-31 + 1 month = 2024-02-29); invalid when validityMonths is 0
/// (never expires) or `earnedOn` is invalid.
QDate certificationExpiry(const QDate& earnedOn, int validityMonths);

/// True when the certification counts on `on`: earnedOn <= on and (no expiry or on < expiresOn) (DESIGN.md section
/// 3, tier program: "A certification counts while it is unexpired on the evaluation date").
bool certificationCounts(const Certification& certification, const QDate& on);

/// The certification's status on `on`; Expiring when it counts and expires within `warningDays` days (on <
/// expiresOn <= on + warningDays).
CertificationStatus certificationStatus(const Certification& certification, const QDate& on,
                                        int warningDays = kCertificationWarningDays);

/// "valid", "expiring", "expired" or "not-yet-earned" (the CLI's JSON status).
QString toString(CertificationStatus status);

} // namespace pd
