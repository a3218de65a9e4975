#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

namespace pd {

/// One typed cell of an exported table (issue 8, item 7). The type decides how CsvExporter and XlsxExporter write
/// it: text as text, integers and money as numbers, dates and instants as dates. An Empty cell is an empty CSV field
/// and a blank XLSX cell.
struct ExportCell
{
    enum class Type { Empty, Text, Integer, Money, Date, Instant };
    Type type = Type::Empty;
    QString text;      ///< Text: the value; Money: the ISO 4217 currency (written in its own column by the caller)
    qint64 value = 0;  ///< Integer: the value; Money: the amount in minor units of `text`
    QDate date;        ///< Date: an ISO date
    QDateTime instant; ///< Instant: UTC

    /// A text cell; an empty `s` is still a (blank) text cell.
    static ExportCell ofText(const QString& s) { return {Type::Text, s, 0, {}, {}}; }
    static ExportCell ofInteger(qint64 v) { return {Type::Integer, {}, v, {}, {}}; }
    /// Money in minor units of `currency` (DESIGN.md section 2), written in major units with the currency's minor
    /// digits (pd::currencyMinorDigits). A negative `minor` is written as is; pass Empty for "no amount".
    static ExportCell ofMoney(qint64 minor, const QString& currency) { return {Type::Money, currency, minor, {}, {}}; }
    /// A date; an invalid date gives an Empty cell.
    static ExportCell ofDate(const QDate& d)
    {
        return d.isValid() ? ExportCell{Type::Date, {}, 0, d, {}} : ExportCell{};
    }
    /// An instant (UTC); an invalid one gives an Empty cell.
    static ExportCell ofInstant(const QDateTime& t)
    {
        return t.isValid() ? ExportCell{Type::Instant, {}, 0, {}, t.toUTC()} : ExportCell{};
    }
};

} // namespace pd
