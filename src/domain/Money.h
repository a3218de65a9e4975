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

/// Number of minor-unit digits of an ISO 4217 currency (0 for JPY, KRW…; 3 for BHD, KWD…; 2 otherwise).
/// Source: ISO 4217 list, MinorUnit column.
int currencyMinorDigits(const QString& currency);

/// True when `code` looks like an ISO 4217 alphabetic code (three letters A–Z).
bool isCurrencyCode(const QString& code);

/// Parses a decimal text ("1054", "1,100.04", "-3.5") into minor units of `currency`, multiplied by
/// `scale` (e.g. 1,000,000 for "USD millions"). Accepts an optional leading minus, thousands separators
/// (',' or ' ') and '.' as decimal point. Returns nullopt when the text is not a number or has more
/// decimals than the currency's minor units allow after scaling, or on overflow.
std::optional<qint64> parseMinorUnits(QStringView text, const QString& currency, qint64 scale = 1);

/// Formats minor units as a plain decimal ("1054.00") with the currency's number of decimals.
QString formatMinorUnits(qint64 minor, const QString& currency);

/// Formats an amount for people: thousands separators and the currency code ("10,005,534.00 USD").
QString formatMoney(const Money& money);

} // namespace pd
