#pragma once

#include <QHash>
#include <QString>

namespace pd {

/// Resolves free-text country names and codes to ISO 3166-1 alpha-2 codes, using Qt's own territory
/// data (QLocale::territoryToString / territoryToCode) plus an alias table of common variants
/// ("United States", "USA", "Korea", "Philipines", …). Unresolved text yields an empty string: the
/// resolver never guesses.
class CountryResolver
{
public:
    CountryResolver();

    /// The alpha-2 code (upper case) for `text` — a territory name in English, an alpha-2
    /// code, or an alias such as "USA" — or an empty string when `text` is not recognised (never a guess).
    QString resolve(const QString& text) const;

    /// True when `text` is the name or USPS code of a US state or of the District of Columbia.
    bool isUsState(const QString& text) const;

    /// Splits a headquarters text "City, Region" (US: "City, State"; elsewhere "City, Country") into
    /// the city and the alpha-2 country; a US state means US. The country is empty when unresolved.
    struct Location
    {
        QString city;
        QString country;
        QString regionText; ///< the text after the last comma, as written (for error messages)
    };
    Location splitLocation(const QString& text) const;

private:
    static QString key(const QString& text);
    QHash<QString, QString> m_byName; // normalized name/code → alpha-2
    QHash<QString, bool> m_usStates;
};

} // namespace pd
