#pragma once

#include "domain/Certification.h"

#include <QHash>
#include <QList>
#include <optional>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// Reads and writes certification types and the certifications contacts hold (issue 9, item 5; schema v7 tables
/// certification_types and certifications). Every write is one transaction with its change-log entry (entity
/// "certification_types" or "certifications"), its audit entry and, after commit, certificationsChanged(ids) (and
/// partnersChanged of the contact's partner for a certification: the roster shows certified-contact counts).
/// Throws StorageError: Kind::Conflict for a stale version, Kind::NotFound for an unknown id, plain errors (with a
/// message for people) for invalid input.
class CertificationRepository
{
public:
    CertificationRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// Certification types by name; archived ones only with `includeArchived`.
    QList<CertificationType> listTypes(bool includeArchived = false) const;
    /// The type (not archived) whose name matches `name` case-insensitively.
    std::optional<CertificationType> findTypeByName(const QString& name) const;
    /// Adds a type (assigns id and version 1). The name must be non-empty and unique (case-insensitive) among the
    /// types not archived; validityMonths 0–600.
    void addType(CertificationType& type);
    /// Renames a type or changes its validity (optimistic by version). Certifications already held keep their
    /// stored expiry date: a new validity applies to certifications added afterwards.
    void updateType(CertificationType& type);
    /// Archives a type (it is no longer offered). Refused while a certification of the type is held (not
    /// archived), naming how many.
    void archiveType(const QString& id);
    void restoreType(const QString& id);

    /// Adds a certification for `certification.contactId` of type `typeId` earned on `earnedOn` (valid date, not
    /// archived contact and type). Sets id, version 1, expiresOn (certificationExpiry() with the type's validity),
    /// contactName, partnerId and typeName.
    void add(Certification& certification);
    void archive(const QString& id);
    void restore(const QString& id);

    /// Certifications (not archived) of the contacts (not archived) of one partner, by contact name, then earned date.
    QList<Certification> listForPartner(const QString& partnerId) const;
    /// Certifications (not archived) of one contact, by earned date.
    QList<Certification> listForContact(const QString& contactId) const;
    /// Every certification (not archived) of contacts not archived, by partner key, contact name and earned date.
    QList<Certification> listAll() const;
    /// Certifications (not archived) that expire between `from` and `to`, both inclusive, by expiry date.
    QList<Certification> listExpiring(const QDate& from, const QDate& to) const;

    /// For every partner with at least one: how many distinct contacts (not archived) hold a certification (not
    /// archived) that counts on `on` (certificationCounts()); keyed by partner id. One GROUP BY over the
    /// certifications, joined by integer key to contacts and partners.
    QHash<QString, int> certifiedContactCounts(const QDate& on) const;
    /// certifiedContactCounts() of one partner (0 when it has none).
    int certifiedContactCount(const QString& partnerId, const QDate& on) const;

private:
    void setTypeDeleted(const QString& id, bool deleted);
    void setDeleted(const QString& id, bool deleted);
    QList<Certification> list(const QString& where, const QVariantList& values, const QString& order) const;

    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
