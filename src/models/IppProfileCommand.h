#pragma once

#include "domain/IdealPartnerProfile.h"
#include "models/RepositoryCommand.h"

namespace pd {

class IppProfileRepository;

/// Saves the Ideal Partner Profile (issue 9, item 2: edited in a settings page); undo saves the previous profile back.
class IppProfileCommand : public RepositoryCommand
{
public:
    IppProfileCommand(IppProfileRepository& repository, IdealPartnerProfile before, IdealPartnerProfile after);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    IppProfileRepository& m_repository;
    IdealPartnerProfile m_before;
    IdealPartnerProfile m_after;
};

} // namespace pd
