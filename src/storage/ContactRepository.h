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
