#pragma once

#include "models/RepositoryCommand.h"

namespace pd {

class MdfRequestRepository;

/// Links a deal registration to the MDF request whose activity produced it, or unlinks it (an empty request id), as
/// one undo step (issue 10, item 7: MDF return). Undo puts back the link the deal had before. Throws StorageError
/// from execute().
class MdfDealLinkCommand : public RepositoryCommand
{
public:
    MdfDealLinkCommand(MdfRequestRepository& repository, QString dealId, QString fromRequestId, QString toRequestId,
                       const QString& text);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    MdfRequestRepository& m_repository;
    QString m_dealId, m_from, m_to;
};

} // namespace pd
