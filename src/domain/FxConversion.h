#pragma once

#include <QString>
#include <QStringView>
#include <optional>

namespace pd {

/// Scale of stored FX rates: a rate is units of a currency per 1 USD × 10^8, an exact integer (schema v9, fx_rates:
/// 0.8394 EUR per USD is 83940000).
inline constexpr qint64 kFxRateScale = 100000000;

/// Parses a rate written as a plain decimal ("0.8394", "110.776", "1131.5990") into units per USD × 10^8, exactly
/// (digit by digit, never through double). Returns nullopt when the text is not a positive decimal with at most 8
/// decimals or is out of range (above 10^10 units per USD); then `reason`, when given, says which.
std::optional<qint64> parseUnitsPerUsdE8(QStringView text, QString* reason = nullptr);

/// Formats a rate × 10^8 as a plain decimal without trailing zeros beyond 4 decimals ("0.8394", "110.7760").
QString formatUnitsPerUsdE8(qint64 e8);

/// Converts `amountMinor` (minor units of `from`) into minor units of `to`, through USD: amount × (to per USD) /
/// (from per USD), both rates × 10^8 (kFxRateScale). Exact integer arithmetic; rounded half up (half away from zero
/// for negative amounts) to the minor units of `to` (currencyMinorDigits: 0 for JPY, 3 for BHD). Returns nullopt on
/// a rate that is not positive or when the result does not fit in qint64. The conversion rule of the book (which
/// month's rate) is FxRateTable's (DESIGN.md section 2, issue 11 item 6).
std::optional<qint64> convertMinorUnits(qint64 amountMinor, const QString& from, qint64 fromPerUsdE8, const QString& to,
                                        qint64 toPerUsdE8);

} // namespace pd
