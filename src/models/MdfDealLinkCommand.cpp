#include "models/MdfDealLinkCommand.h"

#include "storage/MdfRequestRepository.h"

namespace pd {

MdfDealLinkCommand::MdfDealLinkCommand(MdfRequestRepository& repository, QString dealId, QString fromRequestId,
                                       QString toRequestId, const QString& text)
    : RepositoryCommand(text), m_repository(repository), m_dealId(std::move(dealId)), m_from(std::move(fromRequestId)),
      m_to(std::move(toRequestId))
{
}

void MdfDealLinkCommand::doRedo()
{
    m_repository.linkDeal(m_dealId, m_to);
}

void MdfDealLinkCommand::doUndo()
{
    m_repository.linkDeal(m_dealId, m_from);
}

} // namespace pd
