#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace pd {

/// Attribution models over a won deal's ordered partner touches (DESIGN.md section 3).
enum class AttributionModel { FirstTouch, LastTouch, Linear, UShaped, WShaped, TimeDecay };

/// "first", "last", "linear", "u-shaped", "w-shaped", "time-decay" (the CLI's --model values).
QString toString(AttributionModel m);
std::optional<AttributionModel> attributionModelFromString(const QString& text);
QList<AttributionModel> allAttributionModels();

/// One partner touch on a deal: registration, co-sell meeting, MDF campaign response or referral.
struct PartnerTouch
{
    QString partnerId;
    QDate date;
    bool isRegistration = false; ///< the touch that registered the deal (used by W-shaped)
};

/// Weights (summing to 1) of each touch under `model`, in touch order. Touches must be ordered
/// (t1 first). Rules (DESIGN.md section 3): first-touch 100% t1; last-touch 100% tn; linear 1/n;
/// U-shaped n=1 100%, n=2 50/50, n≥3 40% t1, 40% tn, 20% shared by the middle; W-shaped n≤3 equal, n≥4 30% t1,
/// 30% the registration touch (t2 when that is t1 or tn, or there is none), 30% tn, 10% shared by the rest;
/// time-decay weight 2^(−days before close / half-life), normalized. Empty for no touches.
QList<double> attributionWeights(AttributionModel model, const QList<PartnerTouch>& touches, const QDate& closeDate,
                                 double halfLifeDays = 7.0);

/// Splits `amountMinor` (minor units) over the touches by weight with the largest-remainder method, so
/// the parts are whole minor units and always sum to the amount exactly (ties go to the earlier touch).
QList<qint64> allocateMinorUnits(qint64 amountMinor, const QList<double>& weights);

/// One partner's credit for a deal under a model: the sum over its touches, in minor units.
struct PartnerCredit
{
    QString partnerId;
    qint64 amountMinor = 0;
    double share = 0; ///< 0–1
};

/// Credits per partner (in order of first touch) for a won deal of `amountMinor`.
QList<PartnerCredit> attribute(AttributionModel model, const QList<PartnerTouch>& touches, qint64 amountMinor,
                               const QDate& closeDate, double halfLifeDays = 7.0);

} // namespace pd
