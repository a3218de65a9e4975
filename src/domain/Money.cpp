#include "domain/Money.h"

#include <limits>
#include <unicode/ucurr.h>

namespace pd {

namespace {
__extension__ typedef __int128 Int128; // exact intermediate arithmetic for scaled decimals

constexpr qint64 kMaxMinor = std::numeric_limits<qint64>::max();

/// `code` as ICU wants it (three UTF-16 units and a terminating zero); false when it is not three letters A–Z.
bool toIcuCode(const QString& code, UChar (&out)[4])
{
    if (code.size() != 3)
        return false;
    for (int i = 0; i < 3; ++i) {
        const QChar c = code.at(i);
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            return false;
        out[i] = UChar(c.unicode());
    }
    out[3] = 0;
    return true;
}

/// Where ICU's data (CLDR 42, Debian 12's ICU 72) is not ISO 4217: CLDR gives the decimals used in practice for
/// currencies whose minor unit circulates no more (its supplementalData "digits": 0 for IQD, RSD, …), and it does
/// not know codes ISO added after it (ZWG 2024, XCG and XAD 2025). Amounts are stored in ISO minor units (DESIGN.md
/// section 2), so these follow ISO 4217 (List One), checked against the ISO list by tests/unit/tst_money.cpp.
struct IsoException
{
    const char* code;
    int minorDigits;
};
constexpr IsoException kIsoWhereIcuDiffers[] = {
    {"AFN", 2}, {"ALL", 2}, {"IQD", 3}, {"IRR", 2}, {"KPW", 2}, {"LAK", 2}, {"LBP", 2}, {"MGA", 2},
    {"MMK", 2}, {"RSD", 2}, {"SOS", 2}, {"SYP", 2}, {"YER", 2}, {"XAD", 2}, {"XCG", 2}, {"ZWG", 2},
};

const IsoException* isoException(const QString& code)
{
    for (const IsoException& e : kIsoWhereIcuDiffers)
        if (code == QLatin1String(e.code))
            return &e;
    return nullptr;
}

Int128 pow10(int n)
{
    Int128 p = 1;
    for (int i = 0; i < n; ++i)
        p *= 10;
    return p;
}
} // namespace

int currencyMinorDigits(const QString& currency)
{
    if (const IsoException* e = isoException(currency))
        return e->minorDigits;
    UChar code[4];
    if (!toIcuCode(currency, code))
        return 2;
    UErrorCode status = U_ZERO_ERROR;
    const int32_t digits = ucurr_getDefaultFractionDigitsForUsage(code, UCURR_USAGE_STANDARD, &status);
    return U_SUCCESS(status) && digits >= 0 ? int(digits) : 2;
}

bool isCurrencyCode(const QString& code)
{
    UChar icu[4];
    if (!toIcuCode(code, icu))
        return false;
    if (isoException(code))
        return true;
    UErrorCode status = U_ZERO_ERROR;
    // Any date: historical ISO 4217 codes (DEM, FRF) are still codes of real money in old records.
    const UBool known = ucurr_isAvailable(icu, U_DATE_MIN, U_DATE_MAX, &status);
    return U_SUCCESS(status) && known;
}

QString maxAmountText(const QString& currency)
{
    return formatMoney(Money{kMaxMinor, currency});
}

std::optional<qint64> parseMinorUnits(QStringView text, const QString& currency, qint64 scale, QString* reason)
{
    auto fail = [&](const QString& why) -> std::optional<qint64> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    const QString notANumber = QStringLiteral("not a number (expected a decimal like 1234.56)");
    text = text.trimmed();
    if (text.isEmpty())
        return fail(notANumber);
    if (scale < 1)
        return fail(QStringLiteral("the scale %1 is not a positive whole number").arg(scale));
    bool negative = false;
    if (text.front() == QLatin1Char('-')) {
        negative = true;
        text = text.mid(1);
    } else if (text.front() == QLatin1Char('+')) {
        text = text.mid(1);
    }
    // The digits before and after the point (thousands separators dropped), without leading zeros of the integer
    // part and trailing zeros of the fraction; counted, and accumulated while they fit.
    quint64 intValue = 0;
    int intCount = 0;
    quint64 fracValue = 0; // the fraction's digits up to its last non-zero one
    int fracCount = 0;
    int pendingZeros = 0; // zeros after the last non-zero digit of the fraction
    bool seenDigit = false, seenPoint = false;
    int separators = 0;  // thousands separators seen
    int groupDigits = 0; // integer digits since the last one
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= '0' && u <= '9') {
            seenDigit = true;
            const int d = int(u - '0');
            if (!seenPoint) {
                ++groupDigits;
                if (intCount > 0 || d != 0) {
                    if (++intCount <= 19)
                        intValue = intValue * 10 + quint64(d);
                }
            } else if (d == 0) {
                ++pendingZeros;
            } else {
                fracCount += pendingZeros + 1;
                for (int z = 0; z < pendingZeros && fracCount <= 18; ++z)
                    fracValue *= 10;
                if (fracCount <= 18)
                    fracValue = fracValue * 10 + quint64(d);
                pendingZeros = 0;
            }
        } else if (c == QLatin1Char('.') && !seenPoint) {
            if (separators > 0 && groupDigits != 3)
                return fail(notANumber);
            seenPoint = true;
        } else if ((c == QLatin1Char(',') || c == QLatin1Char(' ')) && !seenPoint && seenDigit) {
            // A thousands separator: the first group has 1–3 digits, every later one exactly 3 ("1000,50" is not
            // 100,050: it is refused).
            if (separators == 0 ? groupDigits > 3 : groupDigits != 3)
                return fail(notANumber);
            ++separators;
            groupDigits = 0;
            continue;
        } else {
            return fail(notANumber);
        }
    }
    if (!seenDigit || (separators > 0 && !seenPoint && groupDigits != 3))
        return fail(notANumber);
    const auto outOfRange = [&]() {
        return QStringLiteral("out of range: the largest amount is %1").arg(maxAmountText(currency));
    };
    // An integer part of 20 digits or more is at least 10^19 > qint64 max, whatever the scale and currency.
    if (intCount > 19)
        return fail(outOfRange());
    const int digits = currencyMinorDigits(currency);
    const auto tooManyDecimals = [&]() {
        return scale == 1 ? QStringLiteral("more decimals than %1 has (%2)").arg(currency).arg(digits)
                          : QStringLiteral("more decimals than %1 has (%2) after scaling by %3")
                                .arg(currency)
                                .arg(digits)
                                .arg(scale);
    };
    // A qint64 scale times 10^4 never absorbs more than 22 decimals; 18 is far beyond any real amount.
    if (fracCount > 18)
        return fail(tooManyDecimals());
    const Int128 intPart = Int128(intValue);           // < 10^19
    const Int128 unit = Int128(scale) * pow10(digits); // minor units per unit of the file, < 10^23
    // Fraction part: frac / 10^f × unit must be a whole number of minor units. Reduced by their greatest common divisor
    // first, so nothing overflows: frac < 10^18 and unit < 10^23.
    Int128 fracMinor = 0;
    if (fracCount > 0) {
        Int128 num = Int128(fracValue);
        Int128 den = pow10(fracCount);
        Int128 a = unit, b = den; // gcd(unit, den)
        while (b != 0) {
            const Int128 t = a % b;
            a = b;
            b = t;
        }
        const Int128 u = unit / a;
        den /= a;
        if (num % den != 0)
            return fail(tooManyDecimals());
        num /= den;
        if (num > Int128(kMaxMinor) / u)
            return fail(outOfRange());
        fracMinor = num * u;
    }
    if (intPart > Int128(kMaxMinor) / unit)
        return fail(outOfRange());
    const Int128 value = intPart * unit + fracMinor;
    if (value > Int128(kMaxMinor))
        return fail(outOfRange());
    return negative ? -qint64(value) : qint64(value);
}

QString formatMinorUnits(qint64 minor, const QString& currency)
{
    const int digits = currencyMinorDigits(currency);
    const bool negative = minor < 0;
    quint64 abs = negative ? quint64(-(minor + 1)) + 1 : quint64(minor);
    quint64 pow10 = 1;
    for (int i = 0; i < digits; ++i)
        pow10 *= 10;
    QString s = QString::number(abs / pow10);
    if (digits > 0)
        s += QLatin1Char('.') + QString::number(abs % pow10).rightJustified(digits, QLatin1Char('0'));
    return negative ? QLatin1Char('-') + s : s;
}

QString formatMoney(const Money& money)
{
    const int digits = currencyMinorDigits(money.currency);
    const QString plain = formatMinorUnits(money.minor, money.currency);
    const qsizetype point = digits > 0 ? plain.indexOf(QLatin1Char('.')) : plain.size();
    QString intPart = plain.left(point);
    const bool negative = intPart.startsWith(QLatin1Char('-'));
    if (negative)
        intPart.remove(0, 1);
    for (qsizetype i = intPart.size() - 3; i > 0; i -= 3)
        intPart.insert(i, QLatin1Char(','));
    return (negative ? QStringLiteral("-") : QString()) + intPart + plain.mid(point) + QLatin1Char(' ') +
           money.currency;
}

} // namespace pd
