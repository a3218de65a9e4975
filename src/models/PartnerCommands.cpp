#include "models/PartnerCommands.h"

#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"

#include <QCoreApplication>

namespace pd {

namespace {
/// The partner with every optional text field non-null (see nonNull()).
Partner sanitized(Partner p)
{
    for (QString* field : {&p.key, &p.name, &p.tier, &p.territory, &p.channelManager, &p.country, &p.city, &p.website})
        *field = nonNull(*field);
    return p;
}
} // namespace

AddPartnerCommand::AddPartnerCommand(PartnerRepository& repository, Partner partner)
    : RepositoryCommand(QCoreApplication::translate("pd::PartnerCommands", "Add partner %1").arg(partner.key)),
      m_repository(repository), m_partner(sanitized(std::move(partner)))
{
}

void AddPartnerCommand::doRedo()
{
    if (m_partner.id.isEmpty())
        m_repository.insert(m_partner);
    else
        m_repository.restore(m_partner.id);
}

void AddPartnerCommand::doUndo()
{
    m_repository.archive(m_partner.id);
}

EditPartnerCommand::EditPartnerCommand(PartnerRepository& repository, Partner before, Partner after)
    : RepositoryCommand(QCoreApplication::translate("pd::PartnerCommands", "Edit partner %1").arg(before.key)),
      m_repository(repository), m_before(sanitized(std::move(before))), m_after(sanitized(std::move(after))),
      m_lastWritten(m_before)
{
}

void EditPartnerCommand::write(const Partner& target)
{
    // Archive/restore in between bump the version without changing fields: accept the current version as long as
    // the fields are still the ones this command last wrote (or started from).
    const std::optional<Partner> current = m_repository.findById(target.id);
    if (!current)
        throw StorageError(
            QCoreApplication::translate("pd::PartnerCommands", "Partner %1 no longer exists").arg(target.key),
            StorageError::Kind::NotFound);
    Partner seen = *current;
    seen.version = m_lastWritten.version;
    if (current->version != m_lastWritten.version && seen != m_lastWritten)
        throw StorageError(
            QCoreApplication::translate("pd::PartnerCommands", "Partner %1 was changed by someone else meanwhile")
                .arg(target.key),
            StorageError::Kind::Conflict);
    Partner p = target;
    p.version = current->version;
    m_repository.update(p);
    m_lastWritten = p;
}

void EditPartnerCommand::doRedo()
{
    write(m_after);
}

void EditPartnerCommand::doUndo()
{
    write(m_before);
}

ArchivePartnerCommand::ArchivePartnerCommand(PartnerRepository& repository, const Partner& partner)
    : ArchivePartnerCommand(repository, partner,
                            QCoreApplication::translate("pd::PartnerCommands", "Archive partner %1").arg(partner.key),
                            true)
{
}

ArchivePartnerCommand::ArchivePartnerCommand(PartnerRepository& repository, const Partner& partner, const QString& text,
                                             bool archive)
    : RepositoryCommand(text), m_repository(repository), m_id(partner.id), m_archive(archive)
{
}

void ArchivePartnerCommand::setArchived(bool archived)
{
    if (archived)
        m_repository.archive(m_id);
    else
        m_repository.restore(m_id);
}

void ArchivePartnerCommand::doRedo()
{
    setArchived(m_archive);
}

void ArchivePartnerCommand::doUndo()
{
    setArchived(!m_archive);
}

RestorePartnerCommand::RestorePartnerCommand(PartnerRepository& repository, const Partner& partner)
    : ArchivePartnerCommand(repository, partner,
                            QCoreApplication::translate("pd::PartnerCommands", "Restore partner %1").arg(partner.key),
                            false)
{
}

} // namespace pd
