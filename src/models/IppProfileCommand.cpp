#include "models/IppProfileCommand.h"

#include "storage/IppProfileRepository.h"

#include <QCoreApplication>

namespace pd {

IppProfileCommand::IppProfileCommand(IppProfileRepository& repository, IdealPartnerProfile before,
                                     IdealPartnerProfile after)
    : RepositoryCommand(QCoreApplication::translate("pd::IppProfileCommand", "Change the Ideal Partner Profile")),
      m_repository(repository), m_before(std::move(before)), m_after(std::move(after))
{
}

void IppProfileCommand::doRedo()
{
    m_repository.save(m_after);
}

void IppProfileCommand::doUndo()
{
    m_repository.save(m_before);
}

} // namespace pd
