#pragma once

#include "domain/Enums.h"

#include <QDate>
#include <QDateTime>
#include <QString>

namespace pd {

/// A deal registration (DESIGN.md section 3): a partner's claim on an opportunity.
struct Deal
{
    QString id;                    ///< UUID text; empty before insertion
    QString externalId;            ///< id in the CRM or the imported file, or empty
    qint64 registrationNumber = 0; ///< order of submission (import: file row order); 0 before submission
    QString partnerId;             ///< sourcing partner (the one that registered)
    QString contactId;             ///< registering contact, or empty
    QString accountId;             ///< end customer, or empty when not known yet
    QString productId;
    DealStatus status = DealStatus::Draft;
    QDateTime registeredAt; ///< UTC; invalid for a Draft never submitted
    QDate expectedClose;
    QDate closedOn;          ///< close date of a Won or Lost deal
    qint64 amountMinor = -1; ///< minor units of `currency`; -1 when no amount
    QString currency = QStringLiteral("USD");
    QString notes;
    int version = 0;
};

} // namespace pd
