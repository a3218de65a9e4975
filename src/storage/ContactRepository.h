#pragma once

#include "domain/Contact.h"

#include <QList>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// Reads and writes partner contacts. Single-row writes log, audit and notify (contactsChanged and the
/// owning partner's partnersChanged, since the roster shows a contact count). Throws StorageError.
class ContactRepository
{
public:
    ContactRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// Contacts of one partner (not archived), ordered by name.
    QList<Contact> listForPartner(const QString& partnerId) const;
    /// Every contact that is not archived (for import resolution).
    QList<Contact> listAll() const;
    /// A contact as an import resolves it by name: its name key (normalizeName(name, NameKind::Person), as stored),
    /// its UUID and its partner's UUID.
    struct NamedContact
    {
        QString nameKey;
        QString id;
        QString partnerId;
    };
    /// Every contact that is not archived, ordered by name, with only what resolving a name needs: a third of the
    /// memory of listAll() and no name to normalize again (100,000 partners' 180,000 contacts: the deals import's
    /// lookups load in a fraction of the time).
    QList<NamedContact> listNamed() const;

    void insert(Contact& contact);
    /// Optimistic update by version; Kind::Conflict when it changed meanwhile.
    void update(Contact& contact);
    void archive(const QString& id);
    void restore(const QString& id);

    /// Bulk insert/update for imports, in the caller's transaction, rows stamped `at`; no log, no notify.
    void insertMany(QList<Contact>& contacts, const QString& at);
    void updateMany(const QList<Contact>& contacts, const QString& at);

private:
    void setDeleted(const QString& id, bool deleted);
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
