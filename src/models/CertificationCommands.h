#pragma once

#include "domain/Certification.h"
#include "models/RepositoryCommand.h"

namespace pd {

class CertificationRepository;

/// Adds a certification for a contact (issue 9, item 9: certifications are undoable edits). Undo archives it, redo
/// restores it.
class AddCertificationCommand : public RepositoryCommand
{
public:
    AddCertificationCommand(CertificationRepository& repository, Certification certification);
    /// The certification as added (id, expiry) once executed.
    const Certification& certification() const { return m_certification; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    CertificationRepository& m_repository;
    Certification m_certification;
};

/// Archives (removes) a certification; undo restores it.
class ArchiveCertificationCommand : public RepositoryCommand
{
public:
    ArchiveCertificationCommand(CertificationRepository& repository, const Certification& certification);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    CertificationRepository& m_repository;
    QString m_id;
};

/// Adds a certification type. Undo archives it, redo restores it.
class AddCertificationTypeCommand : public RepositoryCommand
{
public:
    AddCertificationTypeCommand(CertificationRepository& repository, CertificationType type);
    const CertificationType& type() const { return m_type; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    CertificationRepository& m_repository;
    CertificationType m_type;
};

/// Changes a certification type (name, validity) from `before` to `after`; undo writes `before` back (optimistic:
/// refused with Kind::Conflict when someone else changed the name or validity meanwhile; a removal and restore in
/// between is fine). Certifications already held keep their expiry dates either way.
class EditCertificationTypeCommand : public RepositoryCommand
{
public:
    EditCertificationTypeCommand(CertificationRepository& repository, CertificationType before,
                                 CertificationType after);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    void write(const CertificationType& target);
    CertificationRepository& m_repository;
    CertificationType m_before;
    CertificationType m_after;
    CertificationType m_lastWritten; ///< the row as last written by this command (or `before`)
};

/// Archives (removes) a certification type that no certification holds; undo restores it.
class ArchiveCertificationTypeCommand : public RepositoryCommand
{
public:
    ArchiveCertificationTypeCommand(CertificationRepository& repository, const CertificationType& type);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    CertificationRepository& m_repository;
    QString m_id;
};

} // namespace pd
