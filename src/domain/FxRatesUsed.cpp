#include "domain/FxRatesUsed.h"

#include <QCoreApplication>
#include <algorithm>

namespace pd {

namespace {
void insertSorted(QStringList& list, const QString& value)
{
    const auto it = std::lower_bound(list.begin(), list.end(), value);
    if (it == list.end() || *it != value)
        list.insert(it, value);
}

QString span(const QStringList& months)
{
    if (months.isEmpty())
        return QString();
    return months.size() == 1 ? months.first() : months.first() + QStringLiteral("…") + months.last();
}
} // namespace

void FxRatesUsed::addUsed(const QString& currency, const QString& month, const QString& source)
{
    insertSorted(used[currency], month);
    if (!source.isEmpty())
        insertSorted(sources, source);
}

void FxRatesUsed::addMissing(const QString& currency, const QString& month, qint64 deals)
{
    leftOutDeals[currency] += deals;
    insertSorted(missing[currency], month);
}

void FxRatesUsed::merge(const FxRatesUsed& other)
{
    for (auto it = other.used.begin(); it != other.used.end(); ++it)
        for (const QString& m : it.value())
            insertSorted(used[it.key()], m);
    for (auto it = other.leftOutDeals.begin(); it != other.leftOutDeals.end(); ++it)
        leftOutDeals[it.key()] += it.value();
    for (auto it = other.missing.begin(); it != other.missing.end(); ++it)
        for (const QString& m : it.value())
            insertSorted(missing[it.key()], m);
    for (const QString& s : other.sources)
        insertSorted(sources, s);
}

qint64 FxRatesUsed::leftOutCount() const
{
    qint64 n = 0;
    for (qint64 v : leftOutDeals)
        n += v;
    return n;
}

QString FxRatesUsed::note() const
{
    QStringList parts;
    if (!used.isEmpty()) {
        QStringList months;
        for (const QStringList& m : used)
            for (const QString& month : m)
                insertSorted(months, month);
        const QString source = sources.isEmpty() ? QStringLiteral("FX") : sources.join(QLatin1Char('/'));
        parts
            << QCoreApplication::translate("pd::FxRatesUsed", "converted at %1 rates of %2").arg(source, span(months));
    }
    for (auto it = leftOutDeals.begin(); it != leftOutDeals.end(); ++it)
        parts << (it.value() == 1
                      ? QCoreApplication::translate("pd::FxRatesUsed", "1 deal in %1 left out: no rate").arg(it.key())
                      : QCoreApplication::translate("pd::FxRatesUsed", "%1 deals in %2 left out: no rate")
                            .arg(it.value())
                            .arg(it.key()));
    return parts.join(QStringLiteral("; "));
}

} // namespace pd
