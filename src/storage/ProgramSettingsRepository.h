#pragma once

#include "domain/ProgramSettings.h"

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// Loads and saves the deal-registration program settings (a key/value table, defaults for missing
/// keys). Saving writes an audit entry. Throws StorageError.
class ProgramSettingsRepository
{
public:
    /// `notifier` (optional) hears of every save once it has committed.
    ProgramSettingsRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr)
        : m_db(db), m_clock(clock), m_notifier(notifier)
    {
    }

    ProgramSettings load() const;
    /// Saves every setting in one transaction; validates ranges first (protection and extension days 0–3650,
    /// probabilities 0–100, tier rank 0–3, 3-letter currencies) and throws StorageError naming the setting.
    void save(const ProgramSettings& settings);

private:
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier = nullptr;
};

} // namespace pd
