#include "models/MdfSettingsCommand.h"

#include "storage/MdfBudgetRepository.h"

#include <QCoreApplication>

namespace pd {

MdfSettingsCommand::MdfSettingsCommand(MdfBudgetRepository& repository, MdfSettings before, MdfSettings after)
    : RepositoryCommand(QCoreApplication::translate("pd::MdfSettingsCommand", "Change MDF settings")),
      m_repository(repository), m_before(std::move(before)), m_after(std::move(after))
{
}

void MdfSettingsCommand::doRedo()
{
    m_repository.saveSettings(m_after);
}

void MdfSettingsCommand::doUndo()
{
    m_repository.saveSettings(m_before);
}

} // namespace pd
