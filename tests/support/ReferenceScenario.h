#pragma once

// The reference scenario imported in-process through ImportEngine (for tests that link pd_io).

#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"
#include "support/TestDatabases.h"

namespace pd::test {

/// Imports the reference scenario's six steps (five without `withDeals`) into the migrated book `db`, stamped by
/// `clock`. Returns empty, or the profile and reason of the first step that failed or rejected a row.
inline QString importReferenceScenario(Database& db, const Clock& clock, bool withDeals = true)
{
    ImportEngine engine(db, clock);
    for (const ScenarioStep& step : referenceScenarioSteps(withDeals)) {
        QString error;
        const auto profile = MappingProfile::load(testData(QStringLiteral("profiles/") + step.profile), &error);
        if (!profile)
            return step.profile + QLatin1Char(' ') + error;
        const ImportReport r = engine.run(sharedData(step.file), *profile, {});
        if (!r.committed || r.rejected != 0)
            return QStringLiteral("%1: committed %2, %3 rejected %4")
                .arg(step.profile)
                .arg(r.committed)
                .arg(r.rejected)
                .arg(r.fatalError);
    }
    return {};
}

} // namespace pd::test
