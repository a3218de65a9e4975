#pragma once

#include "domain/FxRatesUsed.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <optional>

namespace pd {

/// One stored rate: units of `currency` per 1 USD in `month` ("YYYY-MM"), × 10^8 (kFxRateScale).
struct FxRate
{
    QString currency;
    QString month;
    qint64 unitsPerUsdE8 = 0;
    QString source; ///< where it came from: "FRB" (Federal Reserve file) or "csv"
};

/// The FX rates of a book, in memory (a few thousand rows), and the book's conversion rule (DESIGN.md section 2;
/// issue 11 item 6): an amount converts to the reporting currency at the rate of its month (a won or lost deal's
/// close month, an open deal's evaluation month); when that month has no rate, the latest earlier month's rate is
/// used; with no rate at or before that month the amount is not converted and is reported as left out. Conversion goes
/// through USD (convertMinorUnits: rounded half up to the reporting currency's minor units). USD needs no rate.
class FxRateTable
{
public:
    /// Adds or replaces the rate of (currency, month).
    void insert(const FxRate& rate);
    /// The rate that applies to `currency` in `month`: that month's, else the latest earlier one; nullopt when none.
    /// USD is always 1 (month as asked, source empty).
    std::optional<FxRate> rateFor(const QString& currency, const QString& month) const;
    /// Converts `amountMinor` of `currency` at `month` into `reportingCurrency`, recording in `used` (may be null)
    /// which rates it used or that `deals` deals were left out. nullopt when left out (no rate, or out of range).
    std::optional<qint64> convert(qint64 amountMinor, const QString& currency, const QString& month,
                                  const QString& reportingCurrency, FxRatesUsed* used, qint64 deals = 1) const;
    bool isEmpty() const { return m_rates.isEmpty(); }

private:
    QHash<QString, QMap<QString, FxRate>> m_rates; ///< currency → month → rate
};

} // namespace pd
