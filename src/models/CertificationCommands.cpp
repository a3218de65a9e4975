#include "models/CertificationCommands.h"

#include "storage/CertificationRepository.h"

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
      m_repository(repository), m_before(std::move(before)), m_after(std::move(after)), m_version(m_before.version)
{
}

void EditCertificationTypeCommand::write(const CertificationType& target)
{
    CertificationType t = target;
    t.version = m_version;
    m_repository.updateType(t);
    m_version = t.version;
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
