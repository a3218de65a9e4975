#include "domain/FxRateFiles.h"

#include "domain/CountryResolver.h"

#include "domain/FxConversion.h"
#include "domain/Money.h"

#include <QDate>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace pd {

namespace {

/// The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, CRLF or LF).
QList<QStringList> csvRecords(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false, any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            if (any || !field.isEmpty()) {
                record << field;
                records << record;
            }
            record.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        record << field;
        records << record;
    }
    return records;
}

/// Column index of each wanted name in `header` (case-insensitive, trimmed; a BOM is dropped); -1 when absent.
QHash<QString, int> columns(const QStringList& header, const QStringList& wanted)
{
    QHash<QString, int> out;
    for (const QString& w : wanted) {
        out.insert(w, -1);
        for (int i = 0; i < header.size(); ++i) {
            QString h = header.at(i).trimmed();
            if (h.startsWith(QChar(0xFEFF)))
                h.remove(0, 1);
            if (h.compare(w, Qt::CaseInsensitive) == 0)
                out[w] = i;
        }
    }
    return out;
}

QString cell(const QStringList& record, int column)
{
    return column >= 0 && column < record.size() ? record.at(column).trimmed() : QString();
}

bool isMonth(const QString& text)
{
    static const QRegularExpression month(QStringLiteral("^[0-9]{4}-(0[1-9]|1[0-2])$"));
    return month.match(text).hasMatch();
}

/// Header problems: every wanted column must be there.
bool checkHeader(const QHash<QString, int>& cols, const QStringList& wanted, const QString& fileName,
                 FxParsedRates& out)
{
    bool ok = true;
    for (const QString& w : wanted)
        if (cols.value(w) < 0) {
            out.problems << FxFileProblem{fileName, 1, w, QStringLiteral("column missing")};
            ok = false;
        }
    return ok;
}

/// Adds a rate unless (currency, month) was already read (then a problem of row `row`).
void addRate(FxParsedRates& out, QHash<QString, int>& seen, const FxRate& rate, const QString& fileName, int row,
             const QString& field)
{
    const QString key = rate.currency + QLatin1Char('|') + rate.month;
    if (seen.contains(key)) {
        out.problems << FxFileProblem{
            fileName, row, field,
            QStringLiteral("%1 %2 given twice (row %3)").arg(rate.currency, rate.month).arg(seen.value(key))};
        return;
    }
    seen.insert(key, row);
    out.rates << rate;
}

/// The rate of `text` (units per USD × 10^8), or nullopt with a problem of `row` and `field` added to `out`.
std::optional<qint64> rateOrProblem(FxParsedRates& out, const QString& fileName, int row, const QString& field,
                                    const QString& text)
{
    QString reason;
    const auto e8 = parseUnitsPerUsdE8(text, &reason);
    if (!e8)
        out.problems << FxFileProblem{fileName, row, field, QStringLiteral("'%1': %2").arg(text, reason)};
    return e8;
}

} // namespace

FxParsedRates parseFxRatesCsv(const QString& text, const QString& fileName)
{
    FxParsedRates out;
    const QList<QStringList> records = csvRecords(text);
    const QStringList wanted = {QStringLiteral("currency"), QStringLiteral("month"), QStringLiteral("units_per_usd")};
    if (records.isEmpty()) {
        out.problems << FxFileProblem{fileName, 1, QString(), QStringLiteral("no header row")};
        return out;
    }
    const auto cols = columns(records.first(), wanted);
    if (!checkHeader(cols, wanted, fileName, out))
        return out;
    QHash<QString, int> seen;
    for (int i = 1; i < records.size(); ++i) {
        const QStringList& r = records.at(i);
        const int row = i + 1;
        const QString currency = cell(r, cols.value(wanted[0])), month = cell(r, cols.value(wanted[1])),
                      rate = cell(r, cols.value(wanted[2]));
        bool ok = true;
        if (!isCurrencyCode(currency)) {
            out.problems << FxFileProblem{fileName, row, wanted[0],
                                          QStringLiteral("'%1' is not an ISO 4217 currency code").arg(currency)};
            ok = false;
        }
        if (!isMonth(month)) {
            out.problems << FxFileProblem{fileName, row, wanted[1],
                                          QStringLiteral("'%1' is not a month (YYYY-MM)").arg(month)};
            ok = false;
        }
        const auto e8 = rateOrProblem(out, fileName, row, wanted[2], rate);
        if (ok && e8)
            addRate(out, seen, FxRate{currency, month, *e8, QStringLiteral("csv")}, fileName, row, wanted[1]);
    }
    return out;
}

FxParsedRates parseFrbMonthlyCsv(const QString& text, const QString& fileName, const QString& countriesText,
                                 const QString& countriesFileName)
{
    FxParsedRates out;
    // Country name → currency codes (a set: one name may appear in several rows and columns).
    const QStringList nameColumns = {QStringLiteral("CLDR display name"), QStringLiteral("official_name_en"),
                                     QStringLiteral("UNTERM English Short")};
    const QString currencyName = QStringLiteral("ISO4217-currency_name");
    const QString currencyCode = QStringLiteral("ISO4217-currency_alphabetic_code");
    const QString alpha2 = QStringLiteral("ISO3166-1-Alpha-2");
    const QList<QStringList> countries = csvRecords(countriesText);
    if (countries.isEmpty()) {
        out.problems << FxFileProblem{countriesFileName, 1, QString(), QStringLiteral("no header row")};
        return out;
    }
    const auto ccols = columns(countries.first(), nameColumns + QStringList{currencyName, currencyCode, alpha2});
    if (!checkHeader(ccols, nameColumns + QStringList{currencyName, currencyCode, alpha2}, countriesFileName, out))
        return out;
    QHash<QString, QSet<QString>> byName, byCurrencyName, byAlpha2;
    for (int i = 1; i < countries.size(); ++i) {
        const QStringList& r = countries.at(i);
        const QString code = cell(r, ccols.value(currencyCode));
        for (const QString& c : nameColumns) {
            const QString name = cell(r, ccols.value(c));
            if (!name.isEmpty())
                byName[name].insert(code);
        }
        const QString cname = cell(r, ccols.value(currencyName));
        if (!cname.isEmpty())
            byCurrencyName[cname].insert(code);
        if (const QString a2 = cell(r, ccols.value(alpha2)); !a2.isEmpty())
            byAlpha2[a2].insert(code);
    }
    // A country the codes file does not name as the Federal Reserve does ("United Kingdom"; the file says "UK" and
    // "United Kingdom of Great Britain and Northern Ireland") is found through its ISO 3166 code, from Qt's territory
    // names and the aliases of CountryResolver (never a guess: unknown text stays unresolved).
    const CountryResolver resolver;

    const QList<QStringList> records = csvRecords(text);
    const QStringList wanted = {QStringLiteral("Date"), QStringLiteral("Country"), QStringLiteral("Exchange rate")};
    if (records.isEmpty()) {
        out.problems << FxFileProblem{fileName, 1, QString(), QStringLiteral("no header row")};
        return out;
    }
    const auto cols = columns(records.first(), wanted);
    if (!checkHeader(cols, wanted, fileName, out))
        return out;
    // First pass: which currency each country stands for, and which currencies have a dedicated row (a row named by
    // the currency, not by a country: "Euro").
    QHash<QString, QString> currencyOf; // country → code, only for countries that resolve to one code
    QHash<QString, QString> dedicated;  // code → the name of its dedicated row
    QStringList order;                  // countries in file order
    QHash<QString, QString> why;        // country → why it is not imported
    for (int i = 1; i < records.size(); ++i) {
        const QString country = cell(records.at(i), cols.value(wanted[1]));
        if (currencyOf.contains(country) || why.contains(country))
            continue;
        order << country;
        QSet<QString> codes;
        bool isCurrencyRow = false;
        if (byName.contains(country)) {
            codes = byName.value(country);
        } else if (byCurrencyName.contains(country)) {
            codes = byCurrencyName.value(country);
            isCurrencyRow = true;
        }
        codes.remove(QString());
        if (codes.isEmpty())
            if (const QString code = resolver.resolve(country); !code.isEmpty())
                codes = byAlpha2.value(code);
        codes.remove(QString());
        if (codes.isEmpty()) {
            why.insert(country, QStringLiteral("not in %1").arg(countriesFileName));
        } else if (codes.size() > 1 || !isCurrencyCode(*codes.begin())) {
            QStringList list(codes.begin(), codes.end());
            list.sort();
            why.insert(country, QStringLiteral("no single currency code in %1 (%2)")
                                    .arg(countriesFileName, list.join(QStringLiteral(", "))));
        } else {
            currencyOf.insert(country, *codes.begin());
            if (isCurrencyRow)
                dedicated.insert(*codes.begin(), country);
        }
    }
    for (auto it = currencyOf.begin(); it != currencyOf.end();) {
        const QString row = dedicated.value(it.value());
        if (!row.isEmpty() && row != it.key()) {
            why.insert(it.key(), QStringLiteral("%1 has its own row (%2)").arg(it.value(), row));
            it = currencyOf.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString& country : std::as_const(order))
        if (why.contains(country))
            out.notImported << QStringLiteral("%1: %2").arg(country, why.value(country));

    QHash<QString, int> seen;
    for (int i = 1; i < records.size(); ++i) {
        const QStringList& r = records.at(i);
        const int row = i + 1;
        const QString country = cell(r, cols.value(wanted[1]));
        if (!currencyOf.contains(country))
            continue;
        const QString date = cell(r, cols.value(wanted[0]));
        const QString rate = cell(r, cols.value(wanted[2]));
        bool ok = true;
        const QDate day = QDate::fromString(date, Qt::ISODate);
        if (!day.isValid() || date.size() != 10) {
            out.problems << FxFileProblem{fileName, row, wanted[0],
                                          QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(date)};
            ok = false;
        }
        const auto e8 = rateOrProblem(out, fileName, row, wanted[2], rate);
        if (ok && e8)
            addRate(out, seen, FxRate{currencyOf.value(country), date.left(7), *e8, QStringLiteral("FRB")}, fileName,
                    row, wanted[0]);
    }
    return out;
}

} // namespace pd
