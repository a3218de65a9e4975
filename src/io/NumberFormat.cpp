#include "io/NumberFormat.h"

#include <QLocale>

#include <limits>

namespace pd {

namespace {
constexpr char16_t kNoBreakSpace = 0x00A0;
constexpr char16_t kNarrowNoBreakSpace = 0x202F;

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}
} // namespace

QStringList NumberFormat::presets()
{
    return {QStringLiteral("1,234.56"), QStringLiteral("1.234,56"), QStringLiteral("1 234,56"),
            QStringLiteral("1'234.56"), QStringLiteral("1234.56"),  QStringLiteral("1234,56")};
}

std::optional<NumberFormat> NumberFormat::fromExample(const QString& example)
{
    if (!presets().contains(example))
        return std::nullopt;
    NumberFormat f;
    f.decimal = example.at(example.size() - 3);
    f.grouping = example.size() == 8 ? example.at(1) : QChar();
    return f;
}

NumberFormat NumberFormat::fromLocale(const QLocale& locale)
{
    NumberFormat f;
    const QString decimal = locale.decimalPoint();
    const QString group = locale.groupSeparator();
    f.decimal = decimal.size() == 1 ? decimal.at(0) : QLatin1Char('.');
    f.grouping = group.size() == 1 ? group.at(0) : QChar();
    if (f.grouping == QChar(kNoBreakSpace) || f.grouping == QChar(kNarrowNoBreakSpace))
        f.grouping = QLatin1Char(' ');
    if (f.grouping == f.decimal)
        f.grouping = QChar();
    f.locale = locale.name();
    return f;
}

std::optional<NumberFormat> NumberFormat::fromSeparators(const QString& decimal, const QString& grouping,
                                                         QString* error)
{
    NumberFormat f;
    if (decimal != QLatin1String(".") && decimal != QLatin1String(",")) {
        if (error)
            *error = QStringLiteral("the decimal separator must be \".\" or \",\", not \"%1\"").arg(decimal);
        return std::nullopt;
    }
    f.decimal = decimal.at(0);
    static const QStringList groupings = {QStringLiteral(","), QStringLiteral("."), QStringLiteral("'"),
                                          QStringLiteral(" "), QString()};
    if (!groupings.contains(grouping) || grouping == decimal) {
        if (error)
            *error =
                QStringLiteral("the grouping separator must be \",\", \".\", \"'\", \" \" or empty, and differ from "
                               "the decimal separator; not \"%1\"")
                    .arg(grouping);
        return std::nullopt;
    }
    f.grouping = grouping.isEmpty() ? QChar() : grouping.at(0);
    return f;
}

QString NumberFormat::example() const
{
    QString s = QStringLiteral("1");
    if (!grouping.isNull())
        s += grouping;
    return s + QStringLiteral("234") + decimal + QStringLiteral("56");
}

std::optional<QString> NumberFormat::canonical(QStringView text, QString* reason) const
{
    // The reasons are built only when a value fails (this runs once per amount of a file of a million rows).
    auto fail = [&](const QString& detail) -> std::optional<QString> {
        if (reason) {
            const QString plainExample = QStringLiteral("1234") + decimal + QStringLiteral("56");
            const QString notANumber = QStringLiteral("not a number (expected a decimal like %1)").arg(plainExample);
            *reason = detail.isEmpty()
                          ? notANumber
                          : QStringLiteral("%1 under the number format %2: %3")
                                .arg(notANumber.left(notANumber.indexOf(QLatin1String(" ("))), example(), detail);
        }
        return std::nullopt;
    };
    auto isGrouping = [&](QChar c) {
        if (grouping.isNull())
            return false;
        if (grouping == QLatin1Char(' '))
            return c == QLatin1Char(' ') || c == QChar(kNoBreakSpace) || c == QChar(kNarrowNoBreakSpace);
        return c == grouping;
    };

    text = text.trimmed();
    QString out;
    out.reserve(text.size());
    if (!text.isEmpty() && (text.front() == QLatin1Char('-') || text.front() == QLatin1Char('+'))) {
        if (text.front() == QLatin1Char('-'))
            out.append(QLatin1Char('-'));
        text = text.mid(1);
    }
    qsizetype digits = 0;      // digits so far
    qsizetype groupDigits = 0; // digits since the last grouping separator (or the start)
    int groupSeparators = 0;   // grouping separators seen
    bool seenDecimal = false;
    bool badGroups = false;
    for (QChar c : text) {
        if (isAsciiDigit(c)) {
            out.append(c);
            ++digits;
            if (!seenDecimal)
                ++groupDigits;
        } else if (c == decimal) {
            if (seenDecimal)
                return fail(QStringLiteral("two decimal separators"));
            seenDecimal = true;
            if (groupSeparators > 0 && groupDigits != 3)
                badGroups = true;
            out.append(QLatin1Char('.'));
        } else if (isGrouping(c)) {
            if (seenDecimal)
                return fail(QStringLiteral("a grouping separator after the decimal separator"));
            // The first group has 1–3 digits, every later one exactly 3.
            if (groupSeparators == 0 ? (groupDigits < 1 || groupDigits > 3) : groupDigits != 3)
                badGroups = true;
            ++groupSeparators;
            groupDigits = 0;
        } else if (c == QLatin1Char('.') || c == QLatin1Char(',') || c == QLatin1Char(' ') || c == QLatin1Char('\'') ||
                   c == QChar(kNoBreakSpace) || c == QChar(kNarrowNoBreakSpace)) {
            return fail(QStringLiteral("'%1' is not a separator of this format")
                            .arg(c.isSpace() ? QStringLiteral("space") : QString(c)));
        } else {
            return fail(QString());
        }
    }
    if (digits == 0)
        return fail(QString());
    if (groupSeparators > 0 && !seenDecimal && groupDigits != 3)
        badGroups = true;
    if (badGroups) {
        QString detail =
            QStringLiteral("grouping separators in the wrong places (groups of three digits, as in %1)").arg(example());
        // "1000,50" under "1,234.56": most likely a decimal comma; say which format would read it.
        if (groupSeparators == 1 && !seenDecimal && groupDigits >= 1 && groupDigits <= 2 &&
            (grouping == QLatin1Char(',') || grouping == QLatin1Char('.')))
            detail +=
                grouping == QLatin1Char(',')
                    ? QStringLiteral("; if the file writes decimal commas, its number format is 1.234,56 or 1234,56")
                    : QStringLiteral("; if the file writes decimal points, its number format is 1,234.56 or 1234.56");
        return fail(detail);
    }
    if (groupSeparators == 1 && !seenDecimal && (grouping == QLatin1Char('.') || grouping == QLatin1Char(','))) {
        if (reason) {
            const QString written = text.toString();
            const QString whole = out.startsWith(QLatin1Char('-')) ? out.mid(1) : out;
            *reason = QStringLiteral("ambiguous under the number format %1: %2 means %3 here but is a decimal in files "
                                     "with a decimal %4; write %3 or %5")
                          .arg(example(), written, whole,
                               grouping == QLatin1Char('.') ? QStringLiteral("point") : QStringLiteral("comma"),
                               written + decimal + QStringLiteral("00"));
        }
        return std::nullopt;
    }
    return out;
}

std::optional<qint64> NumberFormat::simpleMinorUnits(QStringView text, int minorDigits, qint64 scale) const
{
    // Limits that keep every product below in range of a 128-bit integer (and far beyond any real amount).
    if (minorDigits < 0 || minorDigits > 6 || scale < 1 || scale > 1000000000)
        return std::nullopt;
    const qsizetype n = text.size();
    qsizetype i = 0;
    quint64 whole = 0;
    for (; i < n; ++i) {
        const char16_t u = text[i].unicode();
        if (u < '0' || u > '9')
            break;
        whole = whole * 10 + quint64(u - '0');
    }
    if (i == 0 || i > 18)
        return std::nullopt; // no digit before the separator, or a long number: the slow path decides
    quint64 fraction = 0;
    int fractionDigits = 0;
    if (i < n) {
        if (text[i] != decimal)
            return std::nullopt;
        for (++i; i < n; ++i) {
            const char16_t u = text[i].unicode();
            if (u < '0' || u > '9' || ++fractionDigits > minorDigits)
                return std::nullopt;
            fraction = fraction * 10 + quint64(u - '0');
        }
        if (fractionDigits == 0)
            return std::nullopt;
    }
    __extension__ typedef __int128 Int128;
    Int128 unit = scale; // minor units per unit of the file
    for (int k = 0; k < minorDigits; ++k)
        unit *= 10;
    Int128 fractionUnit = scale; // minor units per unit of the fraction's last digit
    for (int k = fractionDigits; k < minorDigits; ++k)
        fractionUnit *= 10;
    const Int128 value = Int128(whole) * unit + Int128(fraction) * fractionUnit;
    if (value > Int128(std::numeric_limits<qint64>::max()))
        return std::nullopt;
    return qint64(value);
}

} // namespace pd
