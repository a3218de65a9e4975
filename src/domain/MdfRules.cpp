#include "domain/MdfRules.h"

#include "domain/Money.h"

#include <QRegularExpression>

namespace pd {

namespace {
__extension__ typedef __int128 Int128; // GCC and Clang; exact products of two 64-bit amounts
} // namespace

std::optional<MdfPeriod> parseMdfPeriod(const QString& text, QString* error)
{
    static const QRegularExpression quarter(QStringLiteral("^(\\d{4})[Qq]([1-4])$"));
    static const QRegularExpression year(QStringLiteral("^[Ff][Yy](\\d{4})$"));
    const QString t = text.trimmed();
    if (const auto m = quarter.match(t); m.hasMatch()) {
        const int y = m.captured(1).toInt();
        const int q = m.captured(2).toInt();
        const QDate start(y, (q - 1) * 3 + 1, 1);
        return MdfPeriod{QStringLiteral("%1Q%2").arg(y).arg(q), start, start.addMonths(3).addDays(-1)};
    }
    if (const auto m = year.match(t); m.hasMatch()) {
        const int y = m.captured(1).toInt();
        return MdfPeriod{QStringLiteral("FY%1").arg(y), QDate(y, 1, 1), QDate(y, 12, 31)};
    }
    if (error)
        *error = QStringLiteral("\"%1\" is not a period: write a quarter such as 2017Q4 or a fiscal year such as "
                                "FY2017")
                     .arg(t);
    return std::nullopt;
}

qint64 mdfRequestedAmount(qint64 totalCostMinor, int sharePercent)
{
    const Int128 v = Int128(totalCostMinor) * sharePercent;
    return qint64((v + 50) / 100);
}

qint64 mdfAccrualAmount(qint64 revenueMinor, int basisPoints)
{
    const Int128 v = Int128(revenueMinor) * basisPoints;
    return qint64(v >= 0 ? (v + 5000) / 10000 : -((-v + 5000) / 10000));
}

std::optional<int> parseBasisPoints(const QString& text, QString* error)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,3})(?:[.,](\\d{1,2}))?\\s*%?$"));
    const auto m = re.match(text.trimmed());
    if (m.hasMatch()) {
        const QString decimals = m.captured(2).leftJustified(2, QLatin1Char('0'));
        const int bp = m.captured(1).toInt() * 100 + decimals.toInt();
        if (bp <= 10000)
            return bp;
    }
    if (error)
        *error = QStringLiteral("\"%1\" is not a percentage from 0 to 100 with at most two decimals").arg(text);
    return std::nullopt;
}

QString formatBasisPoints(int basisPoints)
{
    QString s = QString::number(basisPoints / 100);
    if (const int rest = basisPoints % 100; rest != 0) {
        s += QLatin1Char('.') + QStringLiteral("%1").arg(rest, 2, 10, QLatin1Char('0'));
        if (s.endsWith(QLatin1Char('0')))
            s.chop(1);
    }
    return s + QLatin1Char('%');
}

QDate mdfClaimDueDate(const QDate& activityEndsOn, int claimDeadlineDays)
{
    return activityEndsOn.addDays(claimDeadlineDays);
}

bool mdfRequestTransitionAllowed(MdfRequestStatus from, MdfRequestStatus to)
{
    using S = MdfRequestStatus;
    switch (from) {
    case S::Draft:
        return to == S::Submitted || to == S::Cancelled;
    case S::Submitted:
        return to == S::Approved || to == S::Rejected || to == S::Cancelled;
    case S::Approved:
        return to == S::Cancelled;
    case S::Rejected:
    case S::Cancelled:
        return false;
    }
    return false;
}

const MdfActivityType* findMdfActivityType(const MdfSettings& settings, const QString& name)
{
    for (const MdfActivityType& t : settings.activityTypes)
        if (t.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return &t;
    return nullptr;
}

QString checkMdfRequest(const MdfRequest& r, const MdfSettings& settings)
{
    const MdfActivityType* type = findMdfActivityType(settings, r.activityType);
    if (!type || !type->allowed) {
        QStringList allowed;
        for (const MdfActivityType& t : settings.activityTypes)
            if (t.allowed)
                allowed << t.name;
        return QStringLiteral("Activity type: \"%1\" is not allowed; choose one of %2")
            .arg(r.activityType, allowed.join(QStringLiteral(", ")));
    }
    if (r.description.trimmed().isEmpty())
        return QStringLiteral("Description: describe the activity");
    if (!r.startsOn.isValid() || !r.endsOn.isValid())
        return QStringLiteral("Planned dates: both the start and the end date are needed");
    if (r.endsOn < r.startsOn)
        return QStringLiteral("Planned dates: the activity ends (%1) before it starts (%2)")
            .arg(r.endsOn.toString(Qt::ISODate), r.startsOn.toString(Qt::ISODate));
    if (r.totalCostMinor <= 0)
        return QStringLiteral("Total cost: must be more than 0");
    const qint64 most = mdfRequestedAmount(r.totalCostMinor, settings.vendorSharePercent);
    if (r.requestedMinor <= 0)
        return QStringLiteral("Requested amount: must be more than 0");
    if (r.requestedMinor > most)
        return QStringLiteral("Requested amount: %1 is more than the vendor's share (%2%) of the total cost, %3")
            .arg(formatMoney({r.requestedMinor, r.currency}))
            .arg(settings.vendorSharePercent)
            .arg(formatMoney({most, r.currency}));
    if (r.expectedLeads < 0)
        return QStringLiteral("Expected leads: must not be negative");
    if (r.expectedPipelineMinor < 0)
        return QStringLiteral("Expected pipeline: must not be negative");
    return {};
}

QString checkMdfClaim(const MdfClaim& claim, const MdfRequest& request, const MdfSettings& settings, const QDate& today)
{
    if (request.status != MdfRequestStatus::Approved)
        return QStringLiteral("MDF request %1 is %2; only an approved request can be claimed")
            .arg(request.number)
            .arg(toString(request.status));
    if (today < request.endsOn)
        return QStringLiteral("This claim is early: the activity ends on %1; file the claim once it has taken place")
            .arg(request.endsOn.toString(Qt::ISODate));
    const QDate due = mdfClaimDueDate(request.endsOn, settings.claimDeadlineDays);
    if (today > due)
        return QStringLiteral("This claim is late: it was due on %1 (%2 days after the activity ended on %3)")
            .arg(due.toString(Qt::ISODate))
            .arg(settings.claimDeadlineDays)
            .arg(request.endsOn.toString(Qt::ISODate));
    if (claim.actualCostMinor <= 0)
        return QStringLiteral("Actual cost: must be more than 0");
    if (claim.claimedMinor <= 0)
        return QStringLiteral("Claimed amount: must be more than 0");
    if (claim.claimedMinor > request.approvedMinor)
        return QStringLiteral("Claimed amount: %1 is %2 more than the approved amount, %3")
            .arg(formatMoney({claim.claimedMinor, request.currency}),
                 formatMoney({claim.claimedMinor - request.approvedMinor, request.currency}),
                 formatMoney({request.approvedMinor, request.currency}));
    if (claim.claimedMinor > claim.actualCostMinor)
        return QStringLiteral("Claimed amount: %1 is more than the actual cost, %2")
            .arg(formatMoney({claim.claimedMinor, request.currency}),
                 formatMoney({claim.actualCostMinor, request.currency}));
    if (claim.leads < 0)
        return QStringLiteral("Leads generated: must not be negative");
    if (const MdfActivityType* type = findMdfActivityType(settings, request.activityType)) {
        QStringList missing;
        for (const QString& needed : type->requiredProofs) {
            bool found = false;
            for (const MdfProof& p : claim.proofs)
                found = found || p.proofType.compare(needed, Qt::CaseInsensitive) == 0;
            if (!found)
                missing << needed;
        }
        if (!missing.isEmpty())
            return QStringLiteral("Proof of performance: a claim for a %1 needs proof of type %2; missing: %3")
                .arg(type->name, type->requiredProofs.join(QStringLiteral(", ")), missing.join(QStringLiteral(", ")));
    }
    return {};
}

} // namespace pd
