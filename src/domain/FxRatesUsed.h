#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace pd {

/// Which FX rates a converted figure used and what it left out (issue 11 item 6: "every figure says which rates it
/// used"). Every converted figure (deals summary, pipeline totals, stats) carries one.
struct FxRatesUsed
{
    QString reportingCurrency;
    /// Currency → the months ("YYYY-MM") whose rates were used, ascending. The reporting currency is absent: it needs
    /// no rate.
    QMap<QString, QStringList> used;
    /// Currency → number of deals left out of the figure: no rate at or before the month they convert at.
    QMap<QString, qint64> leftOutDeals;
    /// Currency → the months that had no rate at or before them, ascending.
    QMap<QString, QStringList> missing;
    /// Where the used rates came from ("FRB", "csv", …), distinct, ascending.
    QStringList sources;

    /// Records that `currency`'s rate of `month` converted an amount (keeps the lists sorted and distinct).
    void addUsed(const QString& currency, const QString& month, const QString& source);
    /// Records `deals` deals in `currency` left out because `month` has no rate at or before it.
    void addMissing(const QString& currency, const QString& month, qint64 deals);
    /// Adds everything `other` records.
    void merge(const FxRatesUsed& other);
    /// Total number of deals left out.
    qint64 leftOutCount() const;
    /// True when nothing was converted and nothing left out (every amount was in the reporting currency).
    bool isEmpty() const { return used.isEmpty() && leftOutDeals.isEmpty(); }
    /// A short note for people: "converted at FRB rates of 2017-09" (a range "2017-01…2017-12" for several months),
    /// and "2 deals in XYZ left out: no rate"; lines joined by "; ". Empty when isEmpty().
    QString note() const;
};

} // namespace pd
