#pragma once

#include <QString>
#include <optional>

namespace pd {

/// An amount of money: an integer count of the currency's minor units plus its ISO 4217 code
/// (DESIGN.md section 2: money is never a double).
struct Money
{
    qint64 minor = 0; ///< amount in minor units (cents for USD, yen for JPY)
    QString currency; ///< ISO 4217 alphabetic code, upper case, e.g. "USD"

    bool operator==(const Money&) const = default;
};

/// Number of minor-unit digits of an ISO 4217 currency (ISO 4217 List One): 2 for USD, 0 for JPY, 3 for BHD. Taken
/// from ICU (`ucurr_getDefaultFractionDigitsForUsage(…, UCURR_USAGE_STANDARD)`), except for the codes where ICU's
/// CLDR data gives the decimals used in practice instead (IQD 3 and RSD 2 in ISO, 0 in CLDR) or does not know the
/// code yet (ZWG, XCG, XAD): those follow ISO, so that stored minor units never change meaning. tests/unit/
/// tst_money.cpp compares every current code with the ISO list. 2 for a code that is not a currency.
int currencyMinorDigits(const QString& currency);

/// True when `code` is an ISO 4217 alphabetic code (current, or historical as ICU knows it, e.g. "USD", "DEM"),
/// written in upper case. "XYZ", "usd" and "US" are not.
bool isCurrencyCode(const QString& code);

/// Parses a decimal text ("1054", "1,100.04", "-3.5") into minor units of `currency`, multiplied by
/// `scale` (e.g. 1,000,000 for "USD millions"). Accepts an optional leading sign, thousands separators
/// (',' or ' ', before the point, in groups of three: "1000,50" is refused, not read as 100,050) and '.' as decimal
/// point; import profiles state their own format and pass
/// canonical text (see io/NumberFormat.h). Returns nullopt when the text is not a number, has more decimals
/// than the currency's minor units allow after scaling, or is out of range (amounts are qint64 minor units:
/// at most 92,233,720,368,547,758.07 USD); then `reason`, when given, says which, stating the limit.
std::optional<qint64> parseMinorUnits(QStringView text, const QString& currency, qint64 scale = 1,
                                      QString* reason = nullptr);

/// The largest amount of `currency` that fits in qint64 minor units, for people ("92,233,720,368,547,758.07 USD").
QString maxAmountText(const QString& currency);

/// Formats minor units as a plain decimal ("1054.00") with the currency's number of decimals.
QString formatMinorUnits(qint64 minor, const QString& currency);

/// Formats an amount for people: thousands separators and the currency code ("10,005,534.00 USD").
QString formatMoney(const Money& money);

} // namespace pd
