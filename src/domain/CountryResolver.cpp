#include "domain/CountryResolver.h"

#include "domain/NameNormalizer.h"

#include <QLocale>

namespace pd {

namespace {
// Common variants that are not Qt's English territory names. Alias → ISO 3166-1 alpha-2.
struct Alias
{
    const char* text;
    const char* code;
};
const Alias kAliases[] = {
    {"usa", "US"},
    {"u s", "US"},
    {"u s a", "US"},
    {"united states of america", "US"},
    {"america", "US"},
    {"us", "US"},
    {"uk", "GB"},
    {"u k", "GB"},
    {"great britain", "GB"},
    {"britain", "GB"},
    {"england", "GB"},
    {"scotland", "GB"},
    {"wales", "GB"},
    {"korea", "KR"},
    {"republic of korea", "KR"},
    {"korea republic of", "KR"},
    {"philipines", "PH"},
    {"phillipines", "PH"},
    {"phillippines", "PH"},
    {"holland", "NL"},
    {"the netherlands", "NL"},
    {"czech republic", "CZ"},
    {"russian federation", "RU"},
    {"viet nam", "VN"},
    {"turkiye", "TR"},
    {"türkiye", "TR"},
    {"ivory coast", "CI"},
    {"cote d ivoire", "CI"},
    {"uae", "AE"},
    {"emirates", "AE"},
    {"hong kong sar", "HK"},
    {"macao", "MO"},
    {"prc", "CN"},
    {"mainland china", "CN"},
    {"deutschland", "DE"},
    {"espana", "ES"},
    {"swaziland", "SZ"},
    {"burma", "MM"},
    {"cape verde", "CV"},
    {"macedonia", "MK"},
};

const char* const kUsStates[][2] = {{"Alabama", "AL"},
                                    {"Alaska", "AK"},
                                    {"Arizona", "AZ"},
                                    {"Arkansas", "AR"},
                                    {"California", "CA"},
                                    {"Colorado", "CO"},
                                    {"Connecticut", "CT"},
                                    {"Delaware", "DE"},
                                    {"District of Columbia", "DC"},
                                    {"Florida", "FL"},
                                    {"Georgia", "GA"},
                                    {"Hawaii", "HI"},
                                    {"Idaho", "ID"},
                                    {"Illinois", "IL"},
                                    {"Indiana", "IN"},
                                    {"Iowa", "IA"},
                                    {"Kansas", "KS"},
                                    {"Kentucky", "KY"},
                                    {"Louisiana", "LA"},
                                    {"Maine", "ME"},
                                    {"Maryland", "MD"},
                                    {"Massachusetts", "MA"},
                                    {"Michigan", "MI"},
                                    {"Minnesota", "MN"},
                                    {"Mississippi", "MS"},
                                    {"Missouri", "MO"},
                                    {"Montana", "MT"},
                                    {"Nebraska", "NE"},
                                    {"Nevada", "NV"},
                                    {"New Hampshire", "NH"},
                                    {"New Jersey", "NJ"},
                                    {"New Mexico", "NM"},
                                    {"New York", "NY"},
                                    {"North Carolina", "NC"},
                                    {"North Dakota", "ND"},
                                    {"Ohio", "OH"},
                                    {"Oklahoma", "OK"},
                                    {"Oregon", "OR"},
                                    {"Pennsylvania", "PA"},
                                    {"Rhode Island", "RI"},
                                    {"South Carolina", "SC"},
                                    {"South Dakota", "SD"},
                                    {"Tennessee", "TN"},
                                    {"Texas", "TX"},
                                    {"Utah", "UT"},
                                    {"Vermont", "VT"},
                                    {"Virginia", "VA"},
                                    {"Washington", "WA"},
                                    {"West Virginia", "WV"},
                                    {"Wisconsin", "WI"},
                                    {"Wyoming", "WY"},
                                    {"Washington, D.C.", "DC"},
                                    {"Washington DC", "DC"}};
} // namespace

QString CountryResolver::key(const QString& text)
{
    return normalizeName(text, NameKind::Person);
}

CountryResolver::CountryResolver()
{
    for (int t = 1; t <= int(QLocale::LastTerritory); ++t) {
        const auto territory = QLocale::Territory(t);
        const QString code = QLocale::territoryToCode(territory);
        if (code.size() != 2 || !code.at(0).isLetter())
            continue;
        m_byName.insert(key(QLocale::territoryToString(territory)), code);
        m_byName.insert(key(code), code);
    }
    for (const Alias& a : kAliases)
        m_byName.insert(key(QString::fromUtf8(a.text)), QString::fromLatin1(a.code));
    for (const auto& s : kUsStates) {
        m_usStates.insert(key(QString::fromLatin1(s[0])), true);
        m_usStates.insert(key(QString::fromLatin1(s[1])), true);
    }
}

QString CountryResolver::resolve(const QString& text) const
{
    const QString k = key(text);
    if (k.isEmpty())
        return {};
    return m_byName.value(k);
}

bool CountryResolver::isUsState(const QString& text) const
{
    return m_usStates.contains(key(text));
}

CountryResolver::Location CountryResolver::splitLocation(const QString& text) const
{
    Location loc;
    const qsizetype comma = text.lastIndexOf(QLatin1Char(','));
    if (comma < 0) {
        loc.regionText = text.trimmed();
        loc.country = isUsState(loc.regionText) ? QStringLiteral("US") : resolve(loc.regionText);
        return loc;
    }
    loc.city = text.left(text.indexOf(QLatin1Char(','))).trimmed();
    loc.regionText = text.mid(comma + 1).trimmed();
    loc.country = isUsState(loc.regionText) ? QStringLiteral("US") : resolve(loc.regionText);
    return loc;
}

} // namespace pd
