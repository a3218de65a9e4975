#include "models/ProgramSettingsCommand.h"

#include "storage/ProgramSettingsRepository.h"

#include <QCoreApplication>

namespace pd {

ProgramSettingsCommand::ProgramSettingsCommand(ProgramSettingsRepository& repository, ProgramSettings settings,
                                               Applied applied)
    : RepositoryCommand(QCoreApplication::translate("pd::ProgramSettingsCommand", "Change program settings")),
      m_repository(repository), m_settings(std::move(settings)), m_applied(std::move(applied))
{
}

void ProgramSettingsCommand::save(const ProgramSettings& settings)
{
    m_repository.save(settings);
    if (m_applied)
        m_applied(settings);
}

void ProgramSettingsCommand::doRedo()
{
    if (!m_done) {
        m_before = m_repository.load();
        m_done = true;
    }
    save(m_settings);
}

void ProgramSettingsCommand::doUndo()
{
    save(m_before);
}

} // namespace pd
