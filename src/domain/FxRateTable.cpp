#include "domain/FxRateTable.h"

#include "domain/FxConversion.h"

namespace pd {

void FxRateTable::insert(const FxRate& rate)
{
    m_rates[rate.currency].insert(rate.month, rate);
}

std::optional<FxRate> FxRateTable::rateFor(const QString& currency, const QString& month) const
{
    if (currency == QLatin1String("USD"))
        return FxRate{currency, month, kFxRateScale, QString()};
    const auto byMonth = m_rates.constFind(currency);
    if (byMonth == m_rates.constEnd())
        return std::nullopt;
    // upperBound: the first month after `month`; the one before it is the latest at or before `month`.
    auto it = byMonth->upperBound(month);
    if (it == byMonth->constBegin())
        return std::nullopt;
    return *std::prev(it);
}

std::optional<qint64> FxRateTable::convert(qint64 amountMinor, const QString& currency, const QString& month,
                                           const QString& reportingCurrency, FxRatesUsed* used, qint64 deals) const
{
    if (currency == reportingCurrency)
        return amountMinor;
    const auto from = rateFor(currency, month);
    const auto to = rateFor(reportingCurrency, month);
    std::optional<qint64> result;
    if (from && to)
        result = convertMinorUnits(amountMinor, currency, from->unitsPerUsdE8, reportingCurrency, to->unitsPerUsdE8);
    if (used) {
        if (!result) {
            used->addMissing(currency, month, deals);
        } else {
            if (currency != QLatin1String("USD"))
                used->addUsed(currency, from->month, from->source);
            if (reportingCurrency != QLatin1String("USD"))
                used->addUsed(reportingCurrency, to->month, to->source);
        }
    }
    return result;
}

} // namespace pd
