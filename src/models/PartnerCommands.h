#pragma once

#include "domain/Partner.h"
#include "models/RepositoryCommand.h"

namespace pd {

class PartnerRepository;

/// Adds a partner. Undo archives it (soft delete; keys stay unique for ever), redo restores it.
class AddPartnerCommand : public RepositoryCommand
{
public:
    AddPartnerCommand(PartnerRepository& repository, Partner partner);
    /// The partner as inserted (id and version set after execute()).
    const Partner& partner() const { return m_partner; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    PartnerRepository& m_repository;
    Partner m_partner;
};

/// Changes a partner's fields from `before` to `after` (both full values; `before.version` is the version the
/// edit was made on). Undo writes `before` back. Each step checks that the row still holds what this command last
/// wrote, so a row changed by someone else meanwhile gives StorageError Kind::Conflict instead of silently
/// overwriting their change.
class EditPartnerCommand : public RepositoryCommand
{
public:
    EditPartnerCommand(PartnerRepository& repository, Partner before, Partner after);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    void write(const Partner& target);
    PartnerRepository& m_repository;
    Partner m_before;
    Partner m_after;
    Partner m_lastWritten; ///< the row as this command last wrote it (initially `before`)
};

/// Archives (soft-deletes) a partner; undo restores it.
class ArchivePartnerCommand : public RepositoryCommand
{
public:
    ArchivePartnerCommand(PartnerRepository& repository, const Partner& partner);

protected:
    /// For RestorePartnerCommand: the undo stack's text, and which way redo goes (`archive` false: redo restores).
    ArchivePartnerCommand(PartnerRepository& repository, const Partner& partner, const QString& text, bool archive);
    void doRedo() override;
    void doUndo() override;

private:
    void setArchived(bool archived);
    PartnerRepository& m_repository;
    QString m_id;
    bool m_archive = true;
};

/// Restores an archived partner (issue 8, item 6; the CLI's `partners restore`); undo archives it again.
class RestorePartnerCommand : public ArchivePartnerCommand
{
public:
    RestorePartnerCommand(PartnerRepository& repository, const Partner& partner);
};

} // namespace pd
