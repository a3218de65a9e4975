#include "domain/Attribution.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace pd {

QString toString(AttributionModel m)
{
    switch (m) {
    case AttributionModel::FirstTouch:
        return QStringLiteral("first");
    case AttributionModel::LastTouch:
        return QStringLiteral("last");
    case AttributionModel::Linear:
        return QStringLiteral("linear");
    case AttributionModel::UShaped:
        return QStringLiteral("u-shaped");
    case AttributionModel::WShaped:
        return QStringLiteral("w-shaped");
    case AttributionModel::TimeDecay:
        return QStringLiteral("time-decay");
    }
    return {};
}

QList<AttributionModel> allAttributionModels()
{
    return {AttributionModel::FirstTouch, AttributionModel::LastTouch, AttributionModel::Linear,
            AttributionModel::UShaped,    AttributionModel::WShaped,   AttributionModel::TimeDecay};
}

std::optional<AttributionModel> attributionModelFromString(const QString& text)
{
    const QString t = text.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    for (AttributionModel m : allAttributionModels())
        if (toString(m) == t || toString(m) + QStringLiteral("-touch") == t)
            return m;
    return std::nullopt;
}

QList<double> attributionWeights(AttributionModel model, const QList<PartnerTouch>& touches, const QDate& closeDate,
                                 double halfLifeDays)
{
    const qsizetype n = touches.size();
    QList<double> w(n, 0.0);
    if (n == 0)
        return w;
    switch (model) {
    case AttributionModel::FirstTouch:
        w[0] = 1.0;
        break;
    case AttributionModel::LastTouch:
        w[n - 1] = 1.0;
        break;
    case AttributionModel::Linear:
        std::fill(w.begin(), w.end(), 1.0 / double(n));
        break;
    case AttributionModel::UShaped:
        if (n == 1) {
            w[0] = 1.0;
        } else if (n == 2) {
            w[0] = w[1] = 0.5;
        } else {
            w[0] = w[n - 1] = 0.4;
            for (qsizetype i = 1; i < n - 1; ++i)
                w[i] = 0.2 / double(n - 2);
        }
        break;
    case AttributionModel::WShaped:
        if (n <= 3) {
            std::fill(w.begin(), w.end(), 1.0 / double(n));
        } else {
            qsizetype reg = 1;
            for (qsizetype i = 1; i < n - 1; ++i)
                if (touches[i].isRegistration) {
                    reg = i;
                    break;
                }
            w[0] = w[n - 1] = w[reg] = 0.3;
            for (qsizetype i = 1; i < n - 1; ++i)
                if (i != reg)
                    w[i] = 0.1 / double(n - 3);
        }
        break;
    case AttributionModel::TimeDecay: {
        double sum = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const double days = closeDate.isValid() && touches[i].date.isValid()
                                    ? double(std::max<qint64>(0, touches[i].date.daysTo(closeDate)))
                                    : 0.0;
            w[i] = std::exp2(-days / halfLifeDays);
            sum += w[i];
        }
        for (double& x : w)
            x /= sum;
        break;
    }
    }
    return w;
}

QList<qint64> allocateMinorUnits(qint64 amountMinor, const QList<double>& weights)
{
    const qsizetype n = weights.size();
    QList<qint64> parts(n, 0);
    if (n == 0)
        return parts;
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    const bool negative = amountMinor < 0;
    const qint64 amount = negative ? -amountMinor : amountMinor;
    std::vector<double> remainder(n);
    qint64 allocated = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const long double exact = (long double)amount * weights[i] / total;
        parts[i] = qint64(std::floor(exact));
        remainder[i] = double(exact - (long double)parts[i]);
        allocated += parts[i];
    }
    std::vector<qsizetype> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return remainder[a] > remainder[b]; });
    for (qsizetype k = 0; allocated < amount; k = (k + 1) % n) {
        ++parts[order[k]];
        ++allocated;
    }
    if (negative)
        for (qint64& p : parts)
            p = -p;
    return parts;
}

QList<PartnerCredit> attribute(AttributionModel model, const QList<PartnerTouch>& touches, qint64 amountMinor,
                               const QDate& closeDate, double halfLifeDays)
{
    const QList<double> weights = attributionWeights(model, touches, closeDate, halfLifeDays);
    const QList<qint64> parts = allocateMinorUnits(amountMinor, weights);
    QList<PartnerCredit> out;
    for (qsizetype i = 0; i < touches.size(); ++i) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const PartnerCredit& c) { return c.partnerId == touches[i].partnerId; });
        if (it == out.end()) {
            out.append({touches[i].partnerId, 0, 0.0});
            it = out.end() - 1;
        }
        it->amountMinor += parts[i];
        it->share += weights[i];
    }
    return out;
}

} // namespace pd
