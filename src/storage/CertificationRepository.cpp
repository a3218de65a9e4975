#include "storage/CertificationRepository.h"

#include "domain/Clock.h"
#include "domain/NameNormalizer.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <QUuid>
#include <functional>

namespace pd {

namespace {
const QString kTypes = QStringLiteral("certification_types");
const QString kCerts = QStringLiteral("certifications");
constexpr int kMaxValidityMonths = 600;

const QString kSelectCerts = QStringLiteral(
    "SELECT pd_uuid_text(c.id), c.version, pd_uuid_text(ct.id), ct.name, pd_uuid_text(p.id), pd_uuid_text(t.id), "
    "t.name, c.earned_on, c.expires_on FROM certifications c JOIN contacts ct ON ct.pk = c.contact_pk "
    "JOIN partners p ON p.pk = ct.partner_pk JOIN certification_types t ON t.pk = c.type_pk "
    "WHERE c.deleted_at IS NULL AND ct.deleted_at IS NULL");

/// The WHERE condition of a certification that counts on the date bound twice after it (certificationCounts()).
const QString kCountsOn = QStringLiteral("c.earned_on <= ? AND (c.expires_on IS NULL OR c.expires_on > ?)");

QString typeKey(const QString& name)
{
    return normalizeName(name, NameKind::Person);
}

void checkType(const CertificationType& type)
{
    if (type.name.trimmed().isEmpty())
        throw StorageError(QStringLiteral("A certification type needs a name"));
    if (type.validityMonths < 0 || type.validityMonths > kMaxValidityMonths)
        throw StorageError(
            QStringLiteral("The validity of certification type %1 must be 0 (never expires) to %2 months")
                .arg(type.name)
                .arg(kMaxValidityMonths));
}

/// Throws when a type other than `exceptId` (not archived) already has `name`'s key.
void checkUniqueName(const Database& db, const QString& name, const QString& exceptId)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pd_uuid_text(id) FROM certification_types WHERE name_key = ? "
                                            "AND deleted_at IS NULL"));
    q.addBindValue(typeKey(name));
    Database::exec(q, QStringLiteral("Checking certification type names"));
    while (q.next())
        if (q.value(0).toString().compare(exceptId, Qt::CaseInsensitive) != 0)
            throw StorageError(QStringLiteral("A certification type named %1 already exists").arg(name));
}

/// Archives (`deleted`) or restores the row `id` of `table` (certification_types or certifications) in the caller's
/// transaction and writes its change-log and audit entries (`details` for people). Returns the row's value of
/// `column`; throws StorageError kind NotFound (`missing` as its message) when no such row is archived or active.
QVariant setRowDeleted(Database& db, const QString& table, const QString& column, const QString& id, bool deleted,
                       const QString& at, const QString& missing,
                       const std::function<QString(const QVariant&)>& details)
{
    QSqlQuery q =
        db.prepare(deleted ? QStringLiteral("UPDATE %1 SET deleted_at = ?, updated_at = ?, version = version + 1 "
                                            "WHERE id = pd_uuid(?) AND deleted_at IS NULL RETURNING version, %2")
                                 .arg(table, column)
                           : QStringLiteral("UPDATE %1 SET deleted_at = NULL, updated_at = ?, version = version + 1 "
                                            "WHERE id = pd_uuid(?) AND deleted_at IS NOT NULL RETURNING version, %2")
                                 .arg(table, column));
    if (deleted)
        q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Archiving a row of %1").arg(table));
    if (!q.next())
        throw StorageError(missing, StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    const QVariant value = q.value(1);
    q.finish();
    ChangeRecorder rec(db);
    rec.logChange(table, id, deleted ? QStringLiteral("delete") : QStringLiteral("update"), version, at);
    rec.audit(deleted ? QStringLiteral("archive") : QStringLiteral("restore"), table, id, details(value), at);
    return value;
}
} // namespace

CertificationRepository::CertificationRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

QList<CertificationType> CertificationRepository::listTypes(bool includeArchived) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT pd_uuid_text(id), name, validity_months, version FROM certification_types %1 "
                       "ORDER BY name_key, name")
            .arg(includeArchived ? QString() : QStringLiteral("WHERE deleted_at IS NULL")));
    Database::exec(q, QStringLiteral("Listing certification types"));
    QList<CertificationType> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toInt()});
    return out;
}

std::optional<CertificationType> CertificationRepository::findTypeByName(const QString& name) const
{
    const QString key = typeKey(name);
    for (const CertificationType& t : listTypes())
        if (typeKey(t.name) == key)
            return t;
    return std::nullopt;
}

void CertificationRepository::addType(CertificationType& type)
{
    checkType(type);
    const QString at = toIsoUtc(m_clock.nowUtc());
    CertificationType t = type;
    t.name = t.name.trimmed();
    t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Transaction tx(m_db);
    checkUniqueName(m_db, t.name, QString());
    QSqlQuery q =
        m_db.prepare(QStringLiteral("INSERT INTO certification_types (id, created_at, updated_at, version, "
                                    "name, name_key, validity_months) VALUES (pd_uuid(?), ?, ?, 1, ?, ?, ?)"));
    q.addBindValue(t.id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(t.name);
    q.addBindValue(typeKey(t.name));
    q.addBindValue(t.validityMonths);
    Database::exec(q, QStringLiteral("Saving certification type %1").arg(t.name));
    ChangeRecorder rec(m_db);
    rec.logChange(kTypes, t.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), kTypes, t.id,
              QStringLiteral("Certification type %1 created (valid %2 months)").arg(t.name).arg(t.validityMonths), at);
    tx.commit();
    t.version = 1;
    type = t;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::certificationsChanged, QStringList{t.id});
}

void CertificationRepository::updateType(CertificationType& type)
{
    checkType(type);
    const QString at = toIsoUtc(m_clock.nowUtc());
    const QString name = type.name.trimmed();
    Transaction tx(m_db);
    checkUniqueName(m_db, name, type.id);
    QSqlQuery q = m_db.prepare(
        QStringLiteral("UPDATE certification_types SET name = ?, name_key = ?, validity_months = ?, updated_at = ?, "
                       "version = version + 1 WHERE id = pd_uuid(?) AND version = ? AND deleted_at IS NULL"));
    q.addBindValue(name);
    q.addBindValue(typeKey(name));
    q.addBindValue(type.validityMonths);
    q.addBindValue(at);
    q.addBindValue(type.id);
    q.addBindValue(type.version);
    Database::exec(q, QStringLiteral("Saving certification type %1").arg(name));
    if (q.numRowsAffected() != 1)
        throw StorageError(
            QStringLiteral("Certification type %1 was changed by someone else; reload it and try again").arg(name),
            StorageError::Kind::Conflict);
    ChangeRecorder rec(m_db);
    rec.logChange(kTypes, type.id, QStringLiteral("update"), type.version + 1, at);
    rec.audit(QStringLiteral("update"), kTypes, type.id,
              QStringLiteral("Certification type %1 (valid %2 months)").arg(name).arg(type.validityMonths), at);
    tx.commit();
    type.name = name;
    ++type.version;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::certificationsChanged, QStringList{type.id});
}

void CertificationRepository::setTypeDeleted(const QString& id, bool deleted)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    if (deleted) {
        QSqlQuery held = m_db.prepare(
            QStringLiteral("SELECT COUNT(*) FROM certifications c JOIN contacts ct ON ct.pk = c.contact_pk "
                           "WHERE c.type_pk = %1 AND c.deleted_at IS NULL AND ct.deleted_at IS NULL")
                .arg(pkOfId("certification_types")));
        held.addBindValue(id);
        Database::exec(held, QStringLiteral("Counting certifications of a type"));
        const qint64 count = held.next() ? held.value(0).toLongLong() : 0;
        if (count > 0)
            throw StorageError(
                QStringLiteral("This certification type is held by %1 certification(s); remove them first").arg(count));
    }
    const QString state = deleted ? QStringLiteral("archived") : QStringLiteral("restored");
    const QString name = setRowDeleted(m_db, kTypes, QStringLiteral("name"), id, deleted, at,
                                       QStringLiteral("The certification type no longer exists"),
                                       [&](const QVariant& v) {
                                           return QStringLiteral("Certification type %1 %2").arg(v.toString(), state);
                                       })
                             .toString();
    if (!deleted)
        checkUniqueName(m_db, name, id);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::certificationsChanged, QStringList{id});
}

void CertificationRepository::archiveType(const QString& id)
{
    setTypeDeleted(id, true);
}

void CertificationRepository::restoreType(const QString& id)
{
    setTypeDeleted(id, false);
}

void CertificationRepository::add(Certification& certification)
{
    if (!certification.earnedOn.isValid())
        throw StorageError(QStringLiteral("A certification needs the date it was earned"));
    const QString at = toIsoUtc(m_clock.nowUtc());
    Certification c = certification;
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Transaction tx(m_db);
    QSqlQuery contact =
        m_db.prepare(QStringLiteral("SELECT ct.pk, ct.name, pd_uuid_text(p.id) FROM contacts ct JOIN partners p "
                                    "ON p.pk = ct.partner_pk WHERE ct.id = pd_uuid(?) AND ct.deleted_at IS NULL"));
    contact.addBindValue(c.contactId);
    Database::exec(contact, QStringLiteral("Reading a contact"));
    if (!contact.next())
        throw StorageError(QStringLiteral("The contact no longer exists"), StorageError::Kind::NotFound);
    const qint64 contactPk = contact.value(0).toLongLong();
    c.contactName = contact.value(1).toString();
    c.partnerId = contact.value(2).toString();
    contact.finish();
    QSqlQuery type = m_db.prepare(QStringLiteral("SELECT pk, name, validity_months FROM certification_types "
                                                 "WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    type.addBindValue(c.typeId);
    Database::exec(type, QStringLiteral("Reading a certification type"));
    if (!type.next())
        throw StorageError(QStringLiteral("The certification type no longer exists"), StorageError::Kind::NotFound);
    const qint64 typePk = type.value(0).toLongLong();
    c.typeName = type.value(1).toString();
    c.expiresOn = certificationExpiry(c.earnedOn, type.value(2).toInt());
    type.finish();
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO certifications (id, created_at, updated_at, version, contact_pk, type_pk, "
                       "earned_on, expires_on) VALUES (pd_uuid(?), ?, ?, 1, ?, ?, ?, ?)"));
    q.addBindValue(c.id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(contactPk);
    q.addBindValue(typePk);
    q.addBindValue(isoDate(c.earnedOn));
    q.addBindValue(c.expiresOn.isValid() ? QVariant(isoDate(c.expiresOn)) : QVariant(QMetaType(QMetaType::QString)));
    Database::exec(q, QStringLiteral("Saving a certification of %1").arg(c.contactName));
    ChangeRecorder rec(m_db);
    rec.logChange(kCerts, c.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), kCerts, c.id,
              QStringLiteral("Certification %1 of %2 earned %3")
                  .arg(c.typeName, c.contactName, c.earnedOn.toString(Qt::ISODate)),
              at);
    tx.commit();
    c.version = 1;
    certification = c;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::certificationsChanged, QStringList{c.id});
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{c.partnerId});
}

void CertificationRepository::setDeleted(const QString& id, bool deleted)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QString contactName;
    QString partnerId;
    setRowDeleted(m_db, kCerts, QStringLiteral("contact_pk"), id, deleted, at,
                  QStringLiteral("The certification no longer exists"), [&](const QVariant& contactPk) {
                      QSqlQuery owner =
                          m_db.prepare(QStringLiteral("SELECT ct.name, pd_uuid_text(p.id) FROM contacts ct JOIN "
                                                      "partners p ON p.pk = ct.partner_pk WHERE ct.pk = ?"));
                      owner.addBindValue(contactPk.toLongLong());
                      Database::exec(owner, QStringLiteral("Reading a contact"));
                      if (owner.next()) {
                          contactName = owner.value(0).toString();
                          partnerId = owner.value(1).toString();
                      }
                      return QStringLiteral("Certification of %1 %2")
                          .arg(contactName, deleted ? QStringLiteral("archived") : QStringLiteral("restored"));
                  });
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::certificationsChanged, QStringList{id});
    if (!partnerId.isEmpty())
        notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{partnerId});
}

void CertificationRepository::archive(const QString& id)
{
    setDeleted(id, true);
}

void CertificationRepository::restore(const QString& id)
{
    setDeleted(id, false);
}

QList<Certification> CertificationRepository::list(const QString& where, const QVariantList& values,
                                                   const QString& order) const
{
    QSqlQuery q = m_db.prepare(kSelectCerts + where + QStringLiteral(" ORDER BY ") + order);
    for (const QVariant& v : values)
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Listing certifications"));
    QList<Certification> out;
    while (q.next()) {
        Certification c;
        c.id = q.value(0).toString();
        c.version = q.value(1).toInt();
        c.contactId = q.value(2).toString();
        c.contactName = q.value(3).toString();
        c.partnerId = q.value(4).toString();
        c.typeId = q.value(5).toString();
        c.typeName = q.value(6).toString();
        c.earnedOn = QDate::fromString(q.value(7).toString(), Qt::ISODate);
        if (!q.value(8).isNull())
            c.expiresOn = QDate::fromString(q.value(8).toString(), Qt::ISODate);
        out.append(c);
    }
    return out;
}

QList<Certification> CertificationRepository::listForPartner(const QString& partnerId) const
{
    return list(QStringLiteral(" AND ct.partner_pk = %1").arg(pkOfId("partners")), {partnerId},
                QStringLiteral("ct.name, c.earned_on, t.name"));
}

QList<Certification> CertificationRepository::listForContact(const QString& contactId) const
{
    return list(QStringLiteral(" AND c.contact_pk = %1").arg(pkOfId("contacts")), {contactId},
                QStringLiteral("c.earned_on, t.name"));
}

QList<Certification> CertificationRepository::listAll() const
{
    return list(QString(), {}, QStringLiteral("p.partner_key, ct.name, c.earned_on, t.name"));
}

QList<Certification> CertificationRepository::listExpiring(const QDate& from, const QDate& to) const
{
    return list(QStringLiteral(" AND c.expires_on >= ? AND c.expires_on <= ?"), {isoDate(from), isoDate(to)},
                QStringLiteral("c.expires_on, p.partner_key, ct.name"));
}

QHash<QString, int> CertificationRepository::certifiedContactCounts(const QDate& on) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "SELECT pd_uuid_text(p.id), x.n FROM (SELECT ct.partner_pk AS partner_pk, "
            "COUNT(DISTINCT c.contact_pk) AS n FROM certifications c JOIN contacts ct ON ct.pk = c.contact_pk "
            "WHERE c.deleted_at IS NULL AND ct.deleted_at IS NULL AND %1 GROUP BY ct.partner_pk) x "
            "JOIN partners p ON p.pk = x.partner_pk")
            .arg(kCountsOn));
    q.addBindValue(isoDate(on));
    q.addBindValue(isoDate(on));
    Database::exec(q, QStringLiteral("Counting certified contacts"));
    QHash<QString, int> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toInt());
    return out;
}

int CertificationRepository::certifiedContactCount(const QString& partnerId, const QDate& on) const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT COUNT(DISTINCT c.contact_pk) FROM certifications c JOIN contacts ct "
                                    "ON ct.pk = c.contact_pk WHERE ct.partner_pk = %1 AND c.deleted_at IS NULL "
                                    "AND ct.deleted_at IS NULL AND %2")
                         .arg(pkOfId("partners"), kCountsOn));
    q.addBindValue(partnerId);
    q.addBindValue(isoDate(on));
    q.addBindValue(isoDate(on));
    Database::exec(q, QStringLiteral("Counting certified contacts"));
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace pd
