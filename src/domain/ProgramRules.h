#pragma once

#include "domain/Enums.h"

#include <array>

namespace pd {

/// The deal-registration program's settings (DESIGN.md section 3): protection window, extension and the
/// status probabilities of the weighted pipeline, in percent (0–100).
struct ProgramRules
{
    int protectionDays = 90;       ///< days a Submitted or Approved registration is protected from registered_at
    int extensionDays = 90;        ///< days added by the one extension that may be granted
    int draftProbability = 0;      ///< percent
    int submittedProbability = 10; ///< percent
    int approvedProbability = 30;  ///< percent

    /// Probability in percent of an open status; 0 for closed statuses.
    int probability(DealStatus s) const
    {
        switch (s) {
        case DealStatus::Draft:
            return draftProbability;
        case DealStatus::Submitted:
            return submittedProbability;
        case DealStatus::Approved:
            return approvedProbability;
        default:
            return 0;
        }
    }
};

} // namespace pd
