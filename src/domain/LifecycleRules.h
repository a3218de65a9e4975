#pragma once

#include "domain/Enums.h"

#include <QList>
#include <QString>

namespace pd {

/// The moves a partner may make through the lifecycle (issue 9, item 1; DESIGN.md section 3, "Partner lifecycle":
/// Prospect → Applied → Onboarding → Active → At risk → Offboarded):
///
/// | from       | to                                  |
/// |------------|-------------------------------------|
/// | Prospect   | Applied                             |
/// | Applied    | Onboarding, Prospect (not accepted) |
/// | Onboarding | Active, Offboarded                  |
/// | Active     | At risk, Offboarded                 |
/// | At risk    | Active, Offboarded                  |
/// | Offboarded | — (read-only; its history stays)   |
///
/// Moving to Offboarded also needs a finished offboarding checklist, which the storage layer checks
/// (LifecycleRepository).
class LifecycleRules
{
public:
    /// The stages `from` may move to, in lifecycle order.
    static QList<LifecycleStage> allowedMoves(LifecycleStage from);
    /// True when `from` → `to` is one of allowedMoves(from).
    static bool isAllowed(LifecycleStage from, LifecycleStage to);
    /// Why `from` → `to` is refused, for people ("A partner in Prospect can move to Applied only, not to Active");
    /// empty when the move is allowed.
    static QString refusal(LifecycleStage from, LifecycleStage to);
};

} // namespace pd
