#pragma once

#include <QChar>
#include <QString>
#include <QStringList>
#include <optional>

class QLocale;

namespace pd {

/// How numbers are written in an import file: the decimal separator and the grouping (thousands) separator,
/// stated by the mapping profile (DESIGN.md section 2: parsing is explicit; an ambiguous or malformed value is an
/// invalid row, never a guess). The default is "1,234.56": decimal point, optional comma grouping.
///
/// A value may use grouping or not ("1234.56" and "1,234.56" are both valid under "1,234.56"); when it does,
/// every group after the first has exactly three digits and the first one to three (Western grouping; Indian
/// "1,00,000" is refused). A value whose only separator is one grouping separator before exactly three digits
/// ("1.000" under "1.234,56", "1,000" under "1,234.56") is ambiguous, because the same text in a file of the
/// other convention means one (1.000) — it is refused; "1000", "1.000,00" or "1.000.000" are not ambiguous.
struct NumberFormat
{
    QChar decimal = QLatin1Char('.');
    QChar grouping = QLatin1Char(','); ///< QChar() when the format has no grouping separator
    QString locale; ///< the locale it was taken from ("de_DE"), when chosen as "the file's locale"; else empty

    bool operator==(const NumberFormat&) const = default;

    /// The example names of the common formats: "1,234.56", "1.234,56", "1 234,56", "1'234.56", "1234.56", "1234,56".
    static QStringList presets();
    /// The format an example name stands for (one of presets()); nullopt for any other text.
    static std::optional<NumberFormat> fromExample(const QString& example);
    /// The format numbers are written in under `locale` (its decimal point and group separator; a no-break
    /// space groups like a space).
    static NumberFormat fromLocale(const QLocale& locale);
    /// A format from explicit separators: `decimal` one of ". ,", `grouping` one of ", . ' space" or empty for
    /// none, different from the decimal. Returns nullopt and sets `error` otherwise.
    static std::optional<NumberFormat> fromSeparators(const QString& decimal, const QString& grouping, QString* error);

    /// The example name of this format ("1.234,56"), as in presets().
    QString example() const;

    /// Rewrites `text` written in this format as canonical decimal text ("-1234.56": an optional minus, ASCII
    /// digits, at most one '.'), for parseMinorUnits(). Returns nullopt and sets `reason` (for people, naming
    /// the format) when the text is not a number in this format or is ambiguous.
    std::optional<QString> canonical(QStringView text, QString* reason) const;

    /// The fast path for the amounts most files hold: `text` made only of ASCII digits (at most 18), optionally
    /// followed by this format's decimal separator and 1 to `minorDigits` digits — no sign, grouping, spaces or
    /// other characters. Returns the amount in minor units, with `minorDigits` decimals per unit of the currency
    /// and `scale` units of the currency per unit of the file (1 … 10^9), when the text is in that form and the
    /// result fits in qint64; nullopt otherwise, and then canonical() and parseMinorUnits() decide (with their
    /// reasons). Whenever it returns a value, that value equals parseMinorUnits(*canonical(text), currency, scale)
    /// for a currency with `minorDigits` minor digits (tests/io/tst_parsefastpaths.cpp compares the two).
    std::optional<qint64> simpleMinorUnits(QStringView text, int minorDigits, qint64 scale) const;
};

} // namespace pd
