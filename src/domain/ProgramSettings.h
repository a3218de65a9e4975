#pragma once

#include "domain/DealWorkflow.h"
#include "domain/ProgramRules.h"

namespace pd {

/// Every setting of the deal-registration program, kept in the book (table program_settings) so a team
/// shares them: protection and probabilities, automatic approval, daily expiry, reporting currency.
struct ProgramSettings
{
    ProgramRules rules;
    AutoApprovalRules autoApproval;
    bool dailyExpiry = false;                          ///< expire overdue registrations once a day (off by default)
    QString reportingCurrency = QStringLiteral("USD"); ///< currency of pipeline totals
};

} // namespace pd
