#pragma once

#include <QString>

namespace pd {

/// An end-customer account: the company a deal is registered for.
struct Account
{
    QString id;        ///< UUID text; empty before insertion
    QString name;      ///< non-empty
    QString webDomain; ///< e.g. "acme.com", or empty
    QString country;   ///< ISO 3166-1 alpha-2, or empty
    QString industry;
    qint64 annualRevenueMinor = -1; ///< minor units of `revenueCurrency`; -1 when unknown
    QString revenueCurrency = QStringLiteral("USD");
    int employees = -1;      ///< -1 when unknown
    int yearEstablished = 0; ///< 0 when unknown
    QString parentId;        ///< parent account's id, or empty
    int version = 0;
};

} // namespace pd
