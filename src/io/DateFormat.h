#pragma once

#include <QDate>
#include <QString>
#include <optional>

namespace pd {

/// How dates are written in an import file, as a Qt-style pattern stated by the mapping profile (DESIGN.md
/// section 2): "yyyy-MM-dd" (ISO 8601, the default), "MM/dd/yyyy", "dd.MM.yyyy", "dd/MM/yyyy"… Parsing is strict:
/// yyyy is four digits, MM and dd two, M and d one or two; every other character of the pattern must be there as
/// written; the date must exist (31.02.2017 does not). Two-digit years (yy) are refused: they are a guess.
class DateFormat
{
public:
    /// ISO 8601, "yyyy-MM-dd".
    DateFormat();
    /// A format from a pattern with exactly one year (yyyy), one month (MM or M) and one day (dd or d); any
    /// other letter is refused. Returns nullopt and sets `error` for an invalid pattern.
    static std::optional<DateFormat> fromPattern(const QString& pattern, QString* error);
    /// The common patterns, for choosers: yyyy-MM-dd, MM/dd/yyyy, dd/MM/yyyy, dd.MM.yyyy, yyyy/MM/dd, d.M.yyyy.
    static QStringList presets();

    QString pattern() const { return m_pattern; }
    bool isIso() const { return m_pattern == QLatin1String("yyyy-MM-dd"); }
    /// The pattern as people read it in messages: "YYYY-MM-DD" for ISO, else the pattern ("MM/dd/yyyy").
    QString expected() const;
    /// The date `text` stands for; an invalid QDate when it does not match the pattern or names no real day.
    QDate parse(QStringView text) const;

    bool operator==(const DateFormat& other) const { return m_pattern == other.m_pattern; }

private:
    enum class Kind { Year, Month, Day, Literal };
    struct Token
    {
        Kind kind = Kind::Literal;
        int minDigits = 0;
        int maxDigits = 0;
        QChar literal;
    };
    QString m_pattern;
    QList<Token> m_tokens;
};

} // namespace pd
