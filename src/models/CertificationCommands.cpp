#include "models/CertificationCommands.h"

#include "storage/CertificationRepository.h"
#include "storage/StorageError.h"

#include <QCoreApplication>

namespace pd {

AddCertificationCommand::AddCertificationCommand(CertificationRepository& repository, Certification certification)
    : RepositoryCommand(QCoreApplication::translate("pd::CertificationCommands", "Add certification %1 of %2")
                            .arg(certification.typeName, certification.contactName)),
      m_repository(repository), m_certification(std::move(certification))
{
}

void AddCertificationCommand::doRedo()
{
    if (m_certification.id.isEmpty())
        m_repository.add(m_certification);
    else
        m_repository.restore(m_certification.id);
}

void AddCertificationCommand::doUndo()
{
    m_repository.archive(m_certification.id);
}

ArchiveCertificationCommand::ArchiveCertificationCommand(CertificationRepository& repository,
                                                         const Certification& certification)
    : RepositoryCommand(QCoreApplication::translate("pd::CertificationCommands", "Remove certification %1 of %2")
                            .arg(certification.typeName, certification.contactName)),
      m_repository(repository), m_id(certification.id)
{
}

void ArchiveCertificationCommand::doRedo()
{
    m_repository.archive(m_id);
}

void ArchiveCertificationCommand::doUndo()
{
    m_repository.restore(m_id);
}

AddCertificationTypeCommand::AddCertificationTypeCommand(CertificationRepository& repository, CertificationType type)
    : RepositoryCommand(
          QCoreApplication::translate("pd::CertificationCommands", "Add certification type %1").arg(type.name)),
      m_repository(repository), m_type(std::move(type))
{
}

void AddCertificationTypeCommand::doRedo()
{
    if (m_type.id.isEmpty())
        m_repository.addType(m_type);
    else
        m_repository.restoreType(m_type.id);
}

void AddCertificationTypeCommand::doUndo()
{
    m_repository.archiveType(m_type.id);
}

EditCertificationTypeCommand::EditCertificationTypeCommand(CertificationRepository& repository,
                                                           CertificationType before, CertificationType after)
    : RepositoryCommand(
          QCoreApplication::translate("pd::CertificationCommands", "Edit certification type %1").arg(before.name)),
      m_repository(repository), m_before(std::move(before)), m_after(std::move(after)), m_lastWritten(m_before)
{
}

void EditCertificationTypeCommand::write(const CertificationType& target)
{
    // Removing and restoring the type in between (ArchiveCertificationTypeCommand and its undo) bump the version
    // without changing its fields: accept the current version as long as the fields are still the ones this command
    // last wrote (or started from), as EditPartnerCommand does.
    std::optional<CertificationType> current;
    for (const CertificationType& type : m_repository.listTypes(true))
        if (type.id == target.id)
            current = type;
    if (!current)
        throw StorageError(
            QCoreApplication::translate("pd::CertificationCommands", "The certification type no longer exists"),
            StorageError::Kind::NotFound);
    CertificationType seen = *current;
    seen.version = m_lastWritten.version;
    if (current->version != m_lastWritten.version && seen != m_lastWritten)
        throw StorageError(QCoreApplication::translate("pd::CertificationCommands",
                                                       "Certification type %1 was changed by someone else meanwhile")
                               .arg(target.name),
                           StorageError::Kind::Conflict);
    CertificationType t = target;
    t.version = current->version;
    m_repository.updateType(t);
    m_lastWritten = t;
}

void EditCertificationTypeCommand::doRedo()
{
    write(m_after);
}

void EditCertificationTypeCommand::doUndo()
{
    write(m_before);
}

ArchiveCertificationTypeCommand::ArchiveCertificationTypeCommand(CertificationRepository& repository,
                                                                 const CertificationType& type)
    : RepositoryCommand(
          QCoreApplication::translate("pd::CertificationCommands", "Remove certification type %1").arg(type.name)),
      m_repository(repository), m_id(type.id)
{
}

void ArchiveCertificationTypeCommand::doRedo()
{
    m_repository.archiveType(m_id);
}

void ArchiveCertificationTypeCommand::doUndo()
{
    m_repository.restoreType(m_id);
}

} // namespace pd
