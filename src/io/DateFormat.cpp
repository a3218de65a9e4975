#include "io/DateFormat.h"

#include <QStringList>

namespace pd {

DateFormat::DateFormat()
{
    m_pattern = QStringLiteral("yyyy-MM-dd");
    m_tokens = {{Kind::Year, 4, 4, {}},
                {Kind::Literal, 0, 0, QLatin1Char('-')},
                {Kind::Month, 2, 2, {}},
                {Kind::Literal, 0, 0, QLatin1Char('-')},
                {Kind::Day, 2, 2, {}}};
}

QStringList DateFormat::presets()
{
    return {QStringLiteral("yyyy-MM-dd"), QStringLiteral("MM/dd/yyyy"), QStringLiteral("dd/MM/yyyy"),
            QStringLiteral("dd.MM.yyyy"), QStringLiteral("yyyy/MM/dd"), QStringLiteral("d.M.yyyy")};
}

std::optional<DateFormat> DateFormat::fromPattern(const QString& pattern, QString* error)
{
    auto fail = [&](const QString& what) -> std::optional<DateFormat> {
        if (error)
            *error = QStringLiteral("the date format \"%1\" %2").arg(pattern, what);
        return std::nullopt;
    };
    DateFormat f;
    f.m_pattern = pattern;
    f.m_tokens.clear();
    int years = 0, months = 0, days = 0;
    for (qsizetype i = 0; i < pattern.size();) {
        const QChar c = pattern.at(i);
        qsizetype run = 1;
        while (i + run < pattern.size() && pattern.at(i + run) == c)
            ++run;
        if (c == QLatin1Char('y')) {
            if (run != 4)
                return fail(QStringLiteral("needs a four-digit year (yyyy): two-digit years are a guess"));
            f.m_tokens.append({Kind::Year, 4, 4, {}});
            ++years;
        } else if (c == QLatin1Char('M') || c == QLatin1Char('d')) {
            if (run > 2)
                return fail(QStringLiteral("names the month or day by name (MMM, ddd): use MM, M, dd or d"));
            f.m_tokens.append({c == QLatin1Char('M') ? Kind::Month : Kind::Day, run == 2 ? 2 : 1, 2, {}});
            ++(c == QLatin1Char('M') ? months : days);
        } else if (c.isLetter()) {
            return fail(QStringLiteral("may hold only yyyy, MM, M, dd, d and separators, not '%1'").arg(c));
        } else {
            for (qsizetype k = 0; k < run; ++k)
                f.m_tokens.append({Kind::Literal, 0, 0, c});
        }
        i += run;
    }
    if (years != 1 || months != 1 || days != 1)
        return fail(QStringLiteral("needs exactly one year (yyyy), one month (MM or M) and one day (dd or d)"));
    // Two adjacent variable-width numbers (e.g. "dM") cannot be split without guessing.
    for (qsizetype i = 1; i < f.m_tokens.size(); ++i) {
        const Token& a = f.m_tokens.at(i - 1);
        const Token& b = f.m_tokens.at(i);
        if (a.kind != Kind::Literal && b.kind != Kind::Literal && (a.minDigits != a.maxDigits))
            return fail(QStringLiteral("puts a one-or-two-digit number right before another number"));
    }
    return f;
}

QString DateFormat::expected() const
{
    return isIso() ? QStringLiteral("YYYY-MM-DD") : m_pattern;
}

QDate DateFormat::parse(QStringView text) const
{
    int year = 0, month = 0, day = 0;
    qsizetype pos = 0;
    for (const Token& t : m_tokens) {
        if (t.kind == Kind::Literal) {
            if (pos >= text.size() || text.at(pos) != t.literal)
                return {};
            ++pos;
            continue;
        }
        int value = 0;
        int n = 0;
        while (n < t.maxDigits && pos < text.size() && text.at(pos).unicode() >= '0' && text.at(pos).unicode() <= '9') {
            value = value * 10 + (text.at(pos).unicode() - '0');
            ++pos;
            ++n;
        }
        if (n < t.minDigits)
            return {};
        (t.kind == Kind::Year ? year : t.kind == Kind::Month ? month : day) = value;
    }
    if (pos != text.size() || year < 1 || month < 1 || month > 12 || day < 1)
        return {};
    return QDate(year, month, day); // invalid for a day the month does not have
}

} // namespace pd
