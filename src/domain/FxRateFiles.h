#pragma once

#include "domain/FxRateTable.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pd {

/// One bad value of an FX rate file: the file's name, the row (the header is row 1, so the first rate is row 2),
/// the field (column name) and why.
struct FxFileProblem
{
    QString file;
    int row = 0;
    QString field;
    QString message;
};

/// What an FX rate file holds: the rates read, the bad values (when any, nothing may be written), and, for the
/// Federal Reserve file, the countries it did not import and why ("Austria: EUR has its own row (Euro)").
struct FxParsedRates
{
    QList<FxRate> rates;
    QList<FxFileProblem> problems;
    QStringList notImported;
};

/// Reads a CSV of rates (issue 11 item 6): a header row with the columns currency, month, units_per_usd (any order,
/// matched by name, case-insensitive), then one rate per row: an ISO 4217 code, a month "YYYY-MM" and the units of
/// that currency per 1 USD as a plain decimal (at most 8 decimals, read exactly). Source "csv". A currency and month
/// given twice is a problem.
FxParsedRates parseFxRatesCsv(const QString& text, const QString& fileName);

/// Reads the Federal Reserve monthly file (`Date,Country,Exchange rate`: units of the country's currency per 1 USD,
/// keyed by country name; "Euro" is a row of its own) through a countries file with the columns "CLDR display name",
/// "official_name_en", "UNTERM English Short", "ISO4217-currency_name" and "ISO4217-currency_alphabetic_code" (read by
/// name: `country-codes.csv` of ../shared/data/reference). A country name is looked up in the three name columns,
/// then, for rows such as "Euro", in the currency name column. Not guessed but reported in notImported: a country not
/// in the codes file, one whose entry has no single currency code, and one whose currency has a dedicated row of
/// its own (the euro-area countries: their pre-euro rates are not euro rates). Source "FRB".
FxParsedRates parseFrbMonthlyCsv(const QString& text, const QString& fileName, const QString& countriesText,
                                 const QString& countriesFileName);

} // namespace pd
