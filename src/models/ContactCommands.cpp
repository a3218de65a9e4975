#include "models/ContactCommands.h"

#include "storage/ContactRepository.h"

#include <QCoreApplication>

namespace pd {

namespace {
/// The contact with every optional text field non-null (see nonNull()).
Contact sanitized(Contact c)
{
    for (QString* field : {&c.name, &c.email, &c.phone, &c.role})
        *field = nonNull(*field);
    return c;
}
} // namespace

AddContactCommand::AddContactCommand(ContactRepository& repository, Contact contact)
    : RepositoryCommand(QCoreApplication::translate("pd::ContactCommands", "Add contact %1").arg(contact.name)),
      m_repository(repository), m_contact(sanitized(std::move(contact)))
{
}

void AddContactCommand::doRedo()
{
    if (m_contact.id.isEmpty())
        m_repository.insert(m_contact);
    else
        m_repository.restore(m_contact.id);
}

void AddContactCommand::doUndo()
{
    m_repository.archive(m_contact.id);
}

EditContactCommand::EditContactCommand(ContactRepository& repository, Contact before, Contact after)
    : RepositoryCommand(QCoreApplication::translate("pd::ContactCommands", "Edit contact %1").arg(before.name)),
      m_repository(repository), m_before(sanitized(std::move(before))), m_after(sanitized(std::move(after))),
      m_version(m_before.version)
{
}

void EditContactCommand::write(const Contact& target)
{
    Contact c = target;
    c.version = m_version;
    m_repository.update(c);
    m_version = c.version;
}

void EditContactCommand::doRedo()
{
    write(m_after);
}

void EditContactCommand::doUndo()
{
    write(m_before);
}

ArchiveContactCommand::ArchiveContactCommand(ContactRepository& repository, const Contact& contact)
    : RepositoryCommand(QCoreApplication::translate("pd::ContactCommands", "Archive contact %1").arg(contact.name)),
      m_repository(repository), m_id(contact.id)
{
}

void ArchiveContactCommand::doRedo()
{
    m_repository.archive(m_id);
}

void ArchiveContactCommand::doUndo()
{
    m_repository.restore(m_id);
}

} // namespace pd
