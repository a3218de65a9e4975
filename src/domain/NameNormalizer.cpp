#include "domain/NameNormalizer.h"

#include <QStringList>
#include <algorithm>
#include <vector>

namespace pd {

namespace {
bool isLegalSuffix(QStringView word)
{
    static const char* const suffixes[] = {
        "inc", "incorporated", "corp", "corporation", "co",  "company", "llc", "ltd", "limited", "plc", "gmbh", "ag",
        "sa",  "sas",          "bv",   "nv",          "srl", "spa",     "pty", "kk",  "oy",      "ab",  "as"};
    for (const char* s : suffixes)
        if (word == QLatin1String(s))
            return true;
    return false;
}
} // namespace

QString normalizeName(const QString& name, NameKind kind)
{
    QString s = name.normalized(QString::NormalizationForm_KC).toCaseFolded();
    s.replace(QLatin1Char('&'), QLatin1String(" and "));
    for (QChar& c : s)
        if (!c.isLetterOrNumber())
            c = QLatin1Char(' ');
    QStringList words = s.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (kind != NameKind::Person)
        while (words.size() > 1 && isLegalSuffix(words.last()))
            words.removeLast();
    return words.join(kind == NameKind::Product ? QString() : QStringLiteral(" "));
}

double jaroWinkler(const QString& a, const QString& b)
{
    const qsizetype la = a.size(), lb = b.size();
    if (la == 0 && lb == 0)
        return 1.0;
    if (la == 0 || lb == 0)
        return 0.0;
    const qsizetype window = std::max<qsizetype>(0, std::max(la, lb) / 2 - 1);
    std::vector<bool> ma(la, false), mb(lb, false);
    qsizetype matches = 0;
    for (qsizetype i = 0; i < la; ++i) {
        const qsizetype lo = std::max<qsizetype>(0, i - window), hi = std::min(lb - 1, i + window);
        for (qsizetype j = lo; j <= hi; ++j) {
            if (!mb[j] && a[i] == b[j]) {
                ma[i] = mb[j] = true;
                ++matches;
                break;
            }
        }
    }
    if (matches == 0)
        return 0.0;
    qsizetype t = 0, k = 0;
    for (qsizetype i = 0; i < la; ++i) {
        if (!ma[i])
            continue;
        while (!mb[k])
            ++k;
        if (a[i] != b[k])
            ++t;
        ++k;
    }
    const double m = double(matches);
    const double jaro = (m / la + m / lb + (m - t / 2.0) / m) / 3.0;
    int prefix = 0;
    while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
        ++prefix;
    return jaro + prefix * 0.1 * (1.0 - jaro);
}

} // namespace pd
