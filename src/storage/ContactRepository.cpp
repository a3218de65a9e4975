#include "storage/ContactRepository.h"

#include "domain/Clock.h"
#include "domain/NameNormalizer.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
const QString kSelect =
    QStringLiteral("SELECT pd_uuid_text(contacts.id), version, %1, name, email, phone, role FROM contacts ")
        .arg(idOfPk("partners", QStringLiteral("contacts.partner_pk")));
const QString kInsertSql =
    QStringLiteral("INSERT INTO contacts (partner_pk, name, name_key, email, phone, role, id, created_at, updated_at, "
                   "version) VALUES (%1, ?, ?, ?, ?, ?, pd_uuid(?), ?, ?, 1)")
        .arg(pkOfId("partners"));
const QString kUpdateSql =
    QStringLiteral("UPDATE contacts SET partner_pk = %1, name = ?, name_key = ?, email = ?, phone = ?, role = ?, "
                   "updated_at = ?, version = version + 1 WHERE id = pd_uuid(?) AND version = ? AND deleted_at IS NULL")
        .arg(pkOfId("partners"));

QList<Contact> readAll(QSqlQuery& q)
{
    QList<Contact> out;
    while (q.next()) {
        Contact c;
        c.id = q.value(0).toString();
        c.version = q.value(1).toInt();
        c.partnerId = q.value(2).toString();
        c.name = q.value(3).toString();
        c.email = q.value(4).toString();
        c.phone = q.value(5).toString();
        c.role = q.value(6).toString();
        out.append(c);
    }
    return out;
}

void bindFields(QSqlQuery& q, const Contact& c)
{
    q.addBindValue(c.partnerId);
    q.addBindValue(Database::nonNull(c.name));
    q.addBindValue(normalizeName(c.name, NameKind::Person));
    q.addBindValue(Database::nonNull(c.email));
    q.addBindValue(Database::nonNull(c.phone));
    q.addBindValue(Database::nonNull(c.role));
}
} // namespace

ContactRepository::ContactRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

QList<Contact> ContactRepository::listForPartner(const QString& partnerId) const
{
    QSqlQuery q = m_db.prepare(
        kSelect + QStringLiteral("WHERE partner_pk = %1 AND deleted_at IS NULL ORDER BY name").arg(pkOfId("partners")));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Listing contacts"));
    return readAll(q);
}

QList<Contact> ContactRepository::listAll() const
{
    QSqlQuery q = m_db.prepare(kSelect + QStringLiteral("WHERE deleted_at IS NULL ORDER BY name"));
    Database::exec(q, QStringLiteral("Listing contacts"));
    return readAll(q);
}

QList<ContactRepository::NamedContact> ContactRepository::listNamed() const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT c.name_key, pd_uuid_text(c.id), pd_uuid_text(p.id) FROM contacts c "
                                    "JOIN partners p ON p.pk = c.partner_pk WHERE c.deleted_at IS NULL "
                                    "ORDER BY c.name"));
    Database::exec(q, QStringLiteral("Listing contacts"));
    QList<NamedContact> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    return out;
}

void ContactRepository::insert(Contact& contact)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Contact c = contact;
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(kInsertSql);
    bindFields(q, c);
    q.addBindValue(c.id);
    q.addBindValue(at);
    q.addBindValue(at);
    Database::exec(q, QStringLiteral("Saving contact %1").arg(c.name));
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("contacts"), c.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), QStringLiteral("contacts"), c.id,
              QStringLiteral("Contact %1 created").arg(c.name), at);
    tx.commit();
    c.version = 1;
    contact = c;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::contactsChanged, QStringList{c.id});
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{c.partnerId});
}

void ContactRepository::update(Contact& contact)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(kUpdateSql);
    bindFields(q, contact);
    q.addBindValue(at);
    q.addBindValue(contact.id);
    q.addBindValue(contact.version);
    Database::exec(q, QStringLiteral("Saving contact %1").arg(contact.name));
    if (q.numRowsAffected() != 1)
        throw StorageError(
            QStringLiteral("Contact %1 was changed by someone else; reload it and try again").arg(contact.name),
            StorageError::Kind::Conflict);
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("contacts"), contact.id, QStringLiteral("update"), contact.version + 1, at);
    rec.audit(QStringLiteral("update"), QStringLiteral("contacts"), contact.id,
              QStringLiteral("Contact %1 updated").arg(contact.name), at);
    tx.commit();
    ++contact.version;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::contactsChanged, QStringList{contact.id});
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{contact.partnerId});
}

void ContactRepository::setDeleted(const QString& id, bool deleted)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        deleted
            ? QStringLiteral("UPDATE contacts SET deleted_at = ?, updated_at = ?, version = version + 1 "
                             "WHERE id = pd_uuid(?) AND deleted_at IS NULL RETURNING version, partner_pk, name")
            : QStringLiteral("UPDATE contacts SET deleted_at = NULL, updated_at = ?, version = version + 1 "
                             "WHERE id = pd_uuid(?) AND deleted_at IS NOT NULL RETURNING version, partner_pk, name"));
    if (deleted)
        q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Archiving a contact"));
    if (!q.next())
        throw StorageError(QStringLiteral("The contact no longer exists"), StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    const qint64 partnerPk = q.value(1).toLongLong();
    const QString name = q.value(2).toString();
    q.finish();
    const QString partnerId = idForPk(m_db, "partners", partnerPk);
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("contacts"), id, deleted ? QStringLiteral("delete") : QStringLiteral("update"),
                  version, at);
    rec.audit(
        deleted ? QStringLiteral("archive") : QStringLiteral("restore"), QStringLiteral("contacts"), id,
        QStringLiteral("Contact %1 %2").arg(name, deleted ? QStringLiteral("archived") : QStringLiteral("restored")),
        at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::contactsChanged, QStringList{id});
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{partnerId});
}

void ContactRepository::archive(const QString& id)
{
    setDeleted(id, true);
}

void ContactRepository::restore(const QString& id)
{
    setDeleted(id, false);
}

void ContactRepository::insertMany(QList<Contact>& contacts, const QString& at)
{
    QSqlQuery q = m_db.prepare(kInsertSql);
    for (Contact& c : contacts) {
        c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        bindFields(q, c);
        q.addBindValue(c.id);
        q.addBindValue(at);
        q.addBindValue(at);
        Database::exec(q, QStringLiteral("Saving contact %1").arg(c.name));
        c.version = 1;
    }
}

void ContactRepository::updateMany(const QList<Contact>& contacts, const QString& at)
{
    QSqlQuery q = m_db.prepare(kUpdateSql);
    for (const Contact& c : contacts) {
        bindFields(q, c);
        q.addBindValue(at);
        q.addBindValue(c.id);
        q.addBindValue(c.version);
        Database::exec(q, QStringLiteral("Saving contact %1").arg(c.name));
    }
}

} // namespace pd
