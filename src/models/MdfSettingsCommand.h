#pragma once

#include "domain/Mdf.h"
#include "models/RepositoryCommand.h"

namespace pd {

class MdfBudgetRepository;

/// Saves the MDF program settings (vendor share, claim deadline, activity types and their required proof types;
/// issue 10, item 1). Not a ledger operation: undo saves the settings before, redo those after.
class MdfSettingsCommand : public RepositoryCommand
{
public:
    MdfSettingsCommand(MdfBudgetRepository& repository, MdfSettings before, MdfSettings after);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    MdfBudgetRepository& m_repository;
    MdfSettings m_before;
    MdfSettings m_after;
};

} // namespace pd
