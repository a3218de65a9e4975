#pragma once

#include "domain/Contact.h"
#include "models/RepositoryCommand.h"

namespace pd {

class ContactRepository;

/// Adds a contact to a partner. Undo archives it, redo restores it.
class AddContactCommand : public RepositoryCommand
{
public:
    AddContactCommand(ContactRepository& repository, Contact contact);
    const Contact& contact() const { return m_contact; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    ContactRepository& m_repository;
    Contact m_contact;
};

/// Changes a contact from `before` to `after`; undo writes `before` back (optimistic, by version).
class EditContactCommand : public RepositoryCommand
{
public:
    EditContactCommand(ContactRepository& repository, Contact before, Contact after);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    void write(const Contact& target);
    ContactRepository& m_repository;
    Contact m_before;
    Contact m_after;
    int m_version; ///< the row's version as last written by this command
};

/// Archives (soft-deletes) a contact; undo restores it.
class ArchiveContactCommand : public RepositoryCommand
{
public:
    ArchiveContactCommand(ContactRepository& repository, const Contact& contact);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    ContactRepository& m_repository;
    QString m_id;
};

} // namespace pd
