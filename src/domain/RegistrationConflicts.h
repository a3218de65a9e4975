#pragma once

#include "domain/Enums.h"
#include "domain/ProgramRules.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace pd {

/// What the conflict rule needs to know of one registration (DESIGN.md section 3). Customer and product
/// keys are normalized names (normalizeName); `customerDomain` is a lower-case web domain or empty.
struct RegistrationFacts
{
    int index = 0;     ///< caller's handle (e.g. position in its list), reported back in conflicts
    qint64 number = 0; ///< registration number
    QString partnerId;
    QString customerKey; ///< empty when the end customer is not known (never conflicts)
    QString customerDomain;
    QString productKey;
    DealStatus status = DealStatus::Draft;
    QDateTime registeredAt; ///< UTC; invalid → never protected, never conflicts
    QDate closedOn;         ///< close date of a Won, Lost or Rejected registration
    bool extended = false;  ///< the one extension was granted
};

/// The instant a registration's protection ends: registered_at + protection days (+ extension days when
/// extended), or 00:00 UTC of its close date when it was Won, Lost or Rejected before that (DESIGN.md
/// section 3, "Protection window"). Invalid when the registration was never submitted.
QDateTime protectionEnd(const RegistrationFacts& r, const ProgramRules& rules);

/// How long the earlier registration of a conflict came first, in the words the window and the command line both use:
/// "9 days", "1 hour", "40 minutes", "less than a minute", and "same instant, lower number" for equal instants (the
/// registration number decides, DESIGN.md section 3). Translatable (context "RegistrationConflicts").
QString firstByText(qint64 seconds);

/// True when `later` conflicts with `earlier` under the DESIGN.md rule: later is not Draft; earlier comes
/// first (smaller registered_at, then smaller number); different partners; same customer (normalized name
/// or web domain) and same product; earlier is not Rejected or Draft; and earlier was protected at later's
/// registered_at (earlier.registered_at <= later.registered_at < protectionEnd(earlier)).
bool conflicts(const RegistrationFacts& later, const RegistrationFacts& earlier, const ProgramRules& rules);

/// One conflicting pair: `later` conflicts with `earlier` (indexes as given in RegistrationFacts::index).
struct ConflictPair
{
    int later = 0;
    int earlier = 0;
    qint64 secondsFirst = 0; ///< how long before `later` the `earlier` one was registered, in seconds
    bool operator==(const ConflictPair&) const = default;
};

/// Every conflicting pair among `registrations`, ordered by later then earlier registration order. A sweep
/// per (customer, product) group keeps only the registrations still protected, so the cost is
/// O(n log n + pairs). Pairs matched by both name and domain are reported once.
QList<ConflictPair> findConflicts(const QList<RegistrationFacts>& registrations, const ProgramRules& rules);

} // namespace pd
