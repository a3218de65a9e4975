#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace pd {

/// Partner types (DESIGN.md section 3).
enum class PartnerType { VAR, Distributor, SI, ISV, MSP, Referral, Technology };
/// Partner lifecycle stages, in order (DESIGN.md section 3).
enum class LifecycleStage { Prospect, Applied, Onboarding, Active, AtRisk, Offboarded };
/// Deal registration statuses (DESIGN.md section 3).
enum class DealStatus { Draft, Submitted, Approved, Rejected, Won, Lost, Expired };

/// Canonical text of each value, as stored and shown: "VAR", "At risk", "Approved", …
QString toString(PartnerType v);
QString toString(LifecycleStage v);
QString toString(DealStatus v);

/// Parses the canonical text (case-insensitive, spaces, '-' and '_' ignored); nullopt when unknown.
std::optional<PartnerType> partnerTypeFromString(const QString& text);
std::optional<LifecycleStage> lifecycleStageFromString(const QString& text);
std::optional<DealStatus> dealStatusFromString(const QString& text);

/// Every canonical text of the enum, in declaration order (for combo boxes and validation messages).
QStringList partnerTypeNames();
QStringList lifecycleStageNames();
QStringList dealStatusNames();

/// Default tier names by rank (DESIGN.md section 3, tier program): Registered, Silver, Gold, Platinum.
QStringList defaultTierNames();

/// True for the open statuses Draft, Submitted and Approved (DESIGN.md section 3, "Open deals").
bool isOpen(DealStatus s);

} // namespace pd
