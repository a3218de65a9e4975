#include "domain/Enums.h"

namespace pd {

namespace {
QString squash(const QString& s)
{
    QString out;
    out.reserve(s.size());
    for (QChar c : s)
        if (c.isLetterOrNumber())
            out += c.toCaseFolded();
    return out;
}

template <typename E> std::optional<E> fromNames(const QStringList& names, const QString& text)
{
    const QString k = squash(text);
    for (int i = 0; i < names.size(); ++i)
        if (squash(names.at(i)) == k)
            return E(i);
    return std::nullopt;
}
} // namespace

QStringList partnerTypeNames()
{
    return {QStringLiteral("VAR"), QStringLiteral("Distributor"), QStringLiteral("SI"),        QStringLiteral("ISV"),
            QStringLiteral("MSP"), QStringLiteral("Referral"),    QStringLiteral("Technology")};
}
QStringList lifecycleStageNames()
{
    return {QStringLiteral("Prospect"), QStringLiteral("Applied"), QStringLiteral("Onboarding"),
            QStringLiteral("Active"),   QStringLiteral("At risk"), QStringLiteral("Offboarded")};
}
QStringList dealStatusNames()
{
    return {QStringLiteral("Draft"),    QStringLiteral("Submitted"), QStringLiteral("Approved"),
            QStringLiteral("Rejected"), QStringLiteral("Won"),       QStringLiteral("Lost"),
            QStringLiteral("Expired")};
}
QStringList defaultTierNames()
{
    return {QStringLiteral("Registered"), QStringLiteral("Silver"), QStringLiteral("Gold"), QStringLiteral("Platinum")};
}

QString toString(PartnerType v)
{
    return partnerTypeNames().at(int(v));
}
QString toString(LifecycleStage v)
{
    return lifecycleStageNames().at(int(v));
}
QString toString(DealStatus v)
{
    return dealStatusNames().at(int(v));
}

std::optional<PartnerType> partnerTypeFromString(const QString& t)
{
    return fromNames<PartnerType>(partnerTypeNames(), t);
}
std::optional<LifecycleStage> lifecycleStageFromString(const QString& t)
{
    return fromNames<LifecycleStage>(lifecycleStageNames(), t);
}
std::optional<DealStatus> dealStatusFromString(const QString& t)
{
    return fromNames<DealStatus>(dealStatusNames(), t);
}

bool isOpen(DealStatus s)
{
    return s == DealStatus::Draft || s == DealStatus::Submitted || s == DealStatus::Approved;
}

} // namespace pd
