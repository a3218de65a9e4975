#pragma once

#include "domain/ProgramSettings.h"
#include "models/RepositoryCommand.h"

#include <functional>

namespace pd {

class ProgramSettingsRepository;

/// Saves the program settings as one undo step (DESIGN.md section 8): execute() reads the settings in force, then
/// saves `settings` (ProgramSettingsRepository::save: validated, one transaction, audit entry); undo saves the
/// settings read before, redo saves `settings` again. `applied` (optional) runs after each successful save with the
/// settings now in force, so the views that depend on them refresh. Throws StorageError from execute() (a setting
/// out of range; nothing is saved then).
class ProgramSettingsCommand : public RepositoryCommand
{
public:
    using Applied = std::function<void(const ProgramSettings& settings)>;

    ProgramSettingsCommand(ProgramSettingsRepository& repository, ProgramSettings settings, Applied applied = {});
    /// The settings in force before execute().
    const ProgramSettings& before() const { return m_before; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    void save(const ProgramSettings& settings);
    ProgramSettingsRepository& m_repository;
    ProgramSettings m_settings;
    ProgramSettings m_before;
    Applied m_applied;
    bool m_done = false;
};

} // namespace pd
