#include "models/MdfDraftCommand.h"

#include "storage/MdfRequestRepository.h"

#include <QCoreApplication>

namespace pd {

MdfDraftCommand::MdfDraftCommand(MdfRequestRepository& repository, MdfRequest before, MdfRequest after)
    : RepositoryCommand(QCoreApplication::translate("pd::MdfDraftCommand", "Edit MDF request %1").arg(before.number)),
      m_repository(repository), m_before(std::move(before)), m_after(std::move(after)), m_version(m_before.version)
{
}

void MdfDraftCommand::doRedo()
{
    write(m_after);
}

void MdfDraftCommand::doUndo()
{
    write(m_before);
}

void MdfDraftCommand::write(MdfRequest request)
{
    request.version = m_version;
    m_repository.updateDraft(request);
    m_version = request.version;
}

} // namespace pd
