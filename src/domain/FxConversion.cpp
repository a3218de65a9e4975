#include "domain/FxConversion.h"

#include "domain/Money.h"

#include <limits>

namespace pd {

namespace {
__extension__ typedef __int128 Int128; // exact intermediate arithmetic

constexpr int kRateDecimals = 8;
constexpr qint64 kMaxUnitsPerUsd = 10000000000LL; // 10^10: far above any real rate

Int128 pow10(int n)
{
    Int128 p = 1;
    for (int i = 0; i < n; ++i)
        p *= 10;
    return p;
}
} // namespace

std::optional<qint64> parseUnitsPerUsdE8(QStringView text, QString* reason)
{
    auto fail = [&](const QString& why) -> std::optional<qint64> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    text = text.trimmed();
    qint64 intPart = 0, fracPart = 0;
    int fracDigits = 0, intDigits = 0;
    bool seenPoint = false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '.' && !seenPoint) {
            seenPoint = true;
        } else if (u >= '0' && u <= '9') {
            const int d = int(u - '0');
            if (seenPoint) {
                if (++fracDigits > kRateDecimals) {
                    if (d != 0)
                        return fail(QStringLiteral("more than %1 decimals").arg(kRateDecimals));
                    continue;
                }
                fracPart = fracPart * 10 + d;
            } else {
                if (intPart > kMaxUnitsPerUsd)
                    return fail(QStringLiteral("out of range (at most %1 units per USD)").arg(kMaxUnitsPerUsd));
                intPart = intPart * 10 + d;
                ++intDigits;
            }
        } else {
            return fail(QStringLiteral("not a decimal number (expected a rate like 0.8394)"));
        }
    }
    if (intDigits == 0 && (fracDigits == 0))
        return fail(QStringLiteral("not a decimal number (expected a rate like 0.8394)"));
    if (intPart > kMaxUnitsPerUsd)
        return fail(QStringLiteral("out of range (at most %1 units per USD)").arg(kMaxUnitsPerUsd));
    for (int i = std::min(fracDigits, kRateDecimals); i < kRateDecimals; ++i)
        fracPart *= 10;
    const qint64 value = intPart * kFxRateScale + fracPart;
    if (value <= 0)
        return fail(QStringLiteral("not a positive rate"));
    return value;
}

QString formatUnitsPerUsdE8(qint64 e8)
{
    QString frac = QString::number(e8 % kFxRateScale).rightJustified(kRateDecimals, QLatin1Char('0'));
    while (frac.size() > 4 && frac.endsWith(QLatin1Char('0')))
        frac.chop(1);
    return QString::number(e8 / kFxRateScale) + QLatin1Char('.') + frac;
}

std::optional<qint64> convertMinorUnits(qint64 amountMinor, const QString& from, qint64 fromPerUsdE8, const QString& to,
                                        qint64 toPerUsdE8)
{
    if (fromPerUsdE8 <= 0 || toPerUsdE8 <= 0)
        return std::nullopt;
    const int fromDigits = currencyMinorDigits(from), toDigits = currencyMinorDigits(to);
    // result = amount / 10^fromDigits / fromRate × toRate × 10^toDigits, as one fraction num / den.
    const bool negative = amountMinor < 0;
    const Int128 amount = negative ? -Int128(amountMinor) : Int128(amountMinor);
    const Int128 factor = Int128(toPerUsdE8) * pow10(toDigits);
    if (amount > std::numeric_limits<Int128>::max() / factor)
        return std::nullopt;
    const Int128 num = amount * factor;
    const Int128 den = Int128(fromPerUsdE8) * pow10(fromDigits);
    Int128 q = num / den;
    if ((num % den) * 2 >= den) // half up
        ++q;
    if (q > Int128(std::numeric_limits<qint64>::max()))
        return std::nullopt;
    return negative ? -qint64(q) : qint64(q);
}

} // namespace pd
