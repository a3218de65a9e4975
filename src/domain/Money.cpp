#include "domain/Money.h"

#include <QLocale>

namespace pd {

namespace {
__extension__ typedef __int128 Int128; // exact intermediate arithmetic for scaled decimals
}

int currencyMinorDigits(const QString& currency)
{
    // ISO 4217 currencies whose minor unit is not 2 (still in use).
    static const char* const zero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                       "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
    static const char* const three[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
    for (const char* c : zero)
        if (currency == QLatin1String(c))
            return 0;
    for (const char* c : three)
        if (currency == QLatin1String(c))
            return 3;
    return 2;
}

bool isCurrencyCode(const QString& code)
{
    if (code.size() != 3)
        return false;
    for (QChar c : code)
        if (c < QLatin1Char('A') || c > QLatin1Char('Z'))
            return false;
    return true;
}

std::optional<qint64> parseMinorUnits(QStringView text, const QString& currency, qint64 scale)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool negative = false;
    if (text.front() == QLatin1Char('-')) {
        negative = true;
        text = text.mid(1);
    } else if (text.front() == QLatin1Char('+')) {
        text = text.mid(1);
    }
    Int128 intPart = 0;
    Int128 frac = 0;
    int fracDigits = 0;
    bool seenDigit = false, seenPoint = false;
    for (QChar c : text) {
        if (c.isDigit() && c.unicode() < 128) {
            seenDigit = true;
            if (seenPoint) {
                frac = frac * 10 + (c.unicode() - '0');
                if (++fracDigits > 18)
                    return std::nullopt;
            } else {
                intPart = intPart * 10 + (c.unicode() - '0');
                if (intPart > (Int128(1) << 80))
                    return std::nullopt;
            }
        } else if (c == QLatin1Char('.') && !seenPoint) {
            seenPoint = true;
        } else if ((c == QLatin1Char(',') || c == QLatin1Char(' ')) && !seenPoint && seenDigit) {
            continue;
        } else {
            return std::nullopt;
        }
    }
    if (!seenDigit)
        return std::nullopt;
    const int digits = currencyMinorDigits(currency);
    Int128 pow10 = 1;
    for (int i = 0; i < digits; ++i)
        pow10 *= 10;
    Int128 fracPow = 1;
    for (int i = 0; i < fracDigits; ++i)
        fracPow *= 10;
    // value = (intPart + frac / fracPow) * scale * pow10; must be an integer.
    const Int128 numerator = (intPart * fracPow + frac) * scale * pow10;
    if (numerator % fracPow != 0)
        return std::nullopt;
    Int128 value = numerator / fracPow;
    if (value > std::numeric_limits<qint64>::max())
        return std::nullopt;
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
