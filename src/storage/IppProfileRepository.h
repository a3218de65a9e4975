#pragma once

#include "domain/IdealPartnerProfile.h"

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// Loads and saves the Ideal Partner Profile (issue 9, item 2), kept as JSON (IdealPartnerProfile::toJson) in the
/// program_settings table under the key "ipp_profile". A book that never saved one has
/// IdealPartnerProfile::defaults(). Saving writes an audit entry and, after commit, ippProfileChanged(). Like the other
/// program settings it is book configuration, not synced (no change-log entry). Throws StorageError.
class IppProfileRepository
{
public:
    /// The program_settings key of the profile.
    static constexpr const char* kKey = "ipp_profile";

    IppProfileRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr)
        : m_db(db), m_clock(clock), m_notifier(notifier)
    {
    }

    /// The saved profile, or the defaults when none was saved. Throws StorageError naming the bad criterion when the
    /// stored JSON is not a valid profile.
    IdealPartnerProfile load() const;
    /// Saves `profile` in one transaction after validating it (IdealPartnerProfile::validate(); StorageError with
    /// that message otherwise).
    void save(const IdealPartnerProfile& profile);

private:
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier = nullptr;
};

} // namespace pd
