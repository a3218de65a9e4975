#pragma once

#include "domain/Mdf.h"
#include "models/RepositoryCommand.h"

namespace pd {

class MdfRequestRepository;

/// Saves the edited fields of a Draft MDF request (MdfRequestRepository::updateDraft: not a ledger operation, so not
/// an MdfOperationCommand). Keeps the request before and after; undo saves the fields before, redo those after, each
/// checked against the version the command last wrote (StorageError Kind::Conflict when the draft changed meanwhile).
class MdfDraftCommand : public RepositoryCommand
{
public:
    /// `before` is the draft as read (with its version), `after` the same draft with the new fields.
    MdfDraftCommand(MdfRequestRepository& repository, MdfRequest before, MdfRequest after);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    void write(MdfRequest request);
    MdfRequestRepository& m_repository;
    MdfRequest m_before;
    MdfRequest m_after;
    int m_version; ///< the draft's version after the last write
};

} // namespace pd
