#include "domain/Checklist.h"

namespace pd {

QString toString(ChecklistKind kind)
{
    return kind == ChecklistKind::Onboarding ? QStringLiteral("onboarding") : QStringLiteral("offboarding");
}

QString toString(TaskOwner owner)
{
    return owner == TaskOwner::Vendor ? QStringLiteral("vendor") : QStringLiteral("partner");
}

std::optional<ChecklistKind> checklistKindFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("onboarding"))
        return ChecklistKind::Onboarding;
    if (t == QLatin1String("offboarding"))
        return ChecklistKind::Offboarding;
    return std::nullopt;
}

std::optional<TaskOwner> taskOwnerFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("vendor"))
        return TaskOwner::Vendor;
    if (t == QLatin1String("partner"))
        return TaskOwner::Partner;
    return std::nullopt;
}

} // namespace pd
