#include "storage/DealPartnerRepository.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <QUuid>
#include <algorithm>

namespace pd {

DealPartnerRepository::DealPartnerRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

QStringList DealPartnerRepository::roles()
{
    return {QStringLiteral("influencer"), QStringLiteral("fulfilling reseller"), QStringLiteral("referral")};
}

QStringList DealPartnerRepository::touchTypes()
{
    return {QStringLiteral("registration"), QStringLiteral("co-sell meeting"), QStringLiteral("MDF campaign response"),
            QStringLiteral("referral")};
}

QString DealPartnerRepository::addPartner(const QString& dealId, const QString& partnerId, const QString& role)
{
    if (!roles().contains(role))
        throw StorageError(QStringLiteral("Unknown partner role '%1' (expected one of: %2)")
                               .arg(role, roles().join(QStringLiteral(", "))));
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery src = m_db.prepare(QStringLiteral("SELECT %1 FROM deals WHERE id = pd_uuid(?) AND deleted_at IS NULL")
                                     .arg(idOfPk("partners", QStringLiteral("deals.partner_pk"))));
    src.addBindValue(dealId);
    Database::exec(src, QStringLiteral("Reading the deal"));
    if (!src.next())
        throw StorageError(QStringLiteral("The deal registration no longer exists"), StorageError::Kind::NotFound);
    if (src.value(0).toString() == partnerId)
        throw StorageError(QStringLiteral("The sourcing partner is already on the deal"));
    src.finish();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery q =
        m_db.prepare(QStringLiteral("INSERT INTO deal_partners (id, created_at, updated_at, version, deal_pk, "
                                    "partner_pk, role) VALUES (pd_uuid(?), ?, ?, 1, %1, %2, ?)")
                         .arg(pkOfId("deals"), pkOfId("partners")));
    q.addBindValue(id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(dealId);
    q.addBindValue(partnerId);
    q.addBindValue(role);
    Database::exec(q, QStringLiteral("Adding a partner to the deal"));
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("deal_partners"), id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("add partner"), QStringLiteral("deals"), dealId,
              QStringLiteral("Partner added as %1").arg(role), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
    return id;
}

void DealPartnerRepository::removePartner(const QString& dealPartnerId)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE deal_partners SET deleted_at = ?, updated_at = ?, version = version + 1 "
                                    "WHERE id = pd_uuid(?) AND deleted_at IS NULL RETURNING deal_pk, version"));
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(dealPartnerId);
    Database::exec(q, QStringLiteral("Removing a partner from the deal"));
    if (!q.next())
        throw StorageError(QStringLiteral("That partner is no longer on the deal"), StorageError::Kind::NotFound);
    const qint64 dealPk = q.value(0).toLongLong();
    const int version = q.value(1).toInt();
    q.finish();
    const QString dealId = idForPk(m_db, "deals", dealPk);
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("deal_partners"), dealPartnerId, QStringLiteral("delete"), version, at);
    rec.audit(QStringLiteral("remove partner"), QStringLiteral("deals"), dealId, QStringLiteral("Partner removed"), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
}

void DealPartnerRepository::restoreRow(const QString& table, const QString& id, const QString& action,
                                       const QString& details)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    // `table` is one of two literals of this class, never user text.
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE %1 SET deleted_at = NULL, updated_at = ?, version = version + 1 "
                                    "WHERE id = pd_uuid(?) AND deleted_at IS NOT NULL RETURNING deal_pk, version")
                         .arg(table));
    q.addBindValue(at);
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Restoring %1").arg(details));
    if (!q.next())
        throw StorageError(QStringLiteral("The removed %1 cannot be found").arg(details), StorageError::Kind::NotFound);
    const qint64 dealPk = q.value(0).toLongLong();
    const int version = q.value(1).toInt();
    q.finish();
    const QString dealId = idForPk(m_db, "deals", dealPk);
    ChangeRecorder rec(m_db);
    rec.logChange(table, id, QStringLiteral("update"), version, at);
    rec.audit(action, QStringLiteral("deals"), dealId, QStringLiteral("%1 restored").arg(details), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
}

void DealPartnerRepository::restorePartner(const QString& dealPartnerId)
{
    restoreRow(QStringLiteral("deal_partners"), dealPartnerId, QStringLiteral("restore partner"),
               QStringLiteral("partner on the deal"));
}

void DealPartnerRepository::restoreTouch(const QString& touchId)
{
    restoreRow(QStringLiteral("partner_touches"), touchId, QStringLiteral("restore touch"),
               QStringLiteral("partner touch"));
}

QList<DealPartner> DealPartnerRepository::partners(const QString& dealId) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(dp.id), pd_uuid_text(d.id), pd_uuid_text(p.id), p.partner_key, dp.role FROM deal_partners "
        "dp JOIN deals d ON d.pk = "
        "dp.deal_pk JOIN partners p ON p.pk = dp.partner_pk WHERE d.id = pd_uuid(?) AND dp.deleted_at IS NULL "
        "ORDER BY dp.created_at, p.partner_key"));
    q.addBindValue(dealId);
    Database::exec(q, QStringLiteral("Reading the deal's partners"));
    QList<DealPartner> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString()});
    return out;
}

QString DealPartnerRepository::addTouch(const QString& dealId, const QString& partnerId, const QString& type,
                                        const QDate& date)
{
    if (!touchTypes().contains(type))
        throw StorageError(QStringLiteral("Unknown touch type '%1' (expected one of: %2)")
                               .arg(type, touchTypes().join(QStringLiteral(", "))));
    if (!date.isValid())
        throw StorageError(QStringLiteral("A partner touch needs a date"));
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery q =
        m_db.prepare(QStringLiteral("INSERT INTO partner_touches (id, created_at, updated_at, version, deal_pk, "
                                    "partner_pk, touch_type, touched_on) VALUES (pd_uuid(?), ?, ?, 1, %1, %2, ?, ?)")
                         .arg(pkOfId("deals"), pkOfId("partners")));
    q.addBindValue(id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(dealId);
    q.addBindValue(partnerId);
    q.addBindValue(type);
    q.addBindValue(date.toString(Qt::ISODate));
    Database::exec(q, QStringLiteral("Recording a partner touch"));
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("partner_touches"), id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("add touch"), QStringLiteral("deals"), dealId,
              QStringLiteral("%1 on %2").arg(type, date.toString(Qt::ISODate)), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
    return id;
}

void DealPartnerRepository::removeTouch(const QString& touchId)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE partner_touches SET deleted_at = ?, updated_at = ?, version = version + 1 "
                                    "WHERE id = pd_uuid(?) AND deleted_at IS NULL RETURNING deal_pk, version"));
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(touchId);
    Database::exec(q, QStringLiteral("Removing a partner touch"));
    if (!q.next())
        throw StorageError(QStringLiteral("The partner touch no longer exists"), StorageError::Kind::NotFound);
    const qint64 dealPk = q.value(0).toLongLong();
    const int version = q.value(1).toInt();
    q.finish();
    const QString dealId = idForPk(m_db, "deals", dealPk);
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("partner_touches"), touchId, QStringLiteral("delete"), version, at);
    rec.audit(QStringLiteral("remove touch"), QStringLiteral("deals"), dealId, QStringLiteral("Partner touch removed"),
              at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
}

QList<StoredTouch> DealPartnerRepository::touches(const QString& dealId) const
{
    QList<StoredTouch> out;
    QSqlQuery reg =
        m_db.prepare(QStringLiteral("SELECT pd_uuid_text(p.id), p.partner_key, d.registered_at FROM deals d "
                                    "JOIN partners p ON p.pk = d.partner_pk WHERE d.id = pd_uuid(?)"));
    reg.addBindValue(dealId);
    Database::exec(reg, QStringLiteral("Reading the deal"));
    if (reg.next() && !reg.value(2).isNull())
        out.append({QString(), dealId, reg.value(0).toString(), reg.value(1).toString(), QStringLiteral("registration"),
                    fromIsoUtc(reg.value(2).toString()).date()});
    reg.finish();
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(t.id), pd_uuid_text(p.id), p.partner_key, t.touch_type, t.touched_on FROM partner_touches "
        "t "
        "JOIN partners p ON p.pk = t.partner_pk WHERE t.deal_pk = (SELECT pk FROM deals WHERE id = pd_uuid(?)) "
        "AND t.deleted_at IS NULL ORDER BY t.touched_on, t.created_at"));
    q.addBindValue(dealId);
    Database::exec(q, QStringLiteral("Reading partner touches"));
    while (q.next())
        out.append({q.value(0).toString(), dealId, q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    QDate::fromString(q.value(4).toString(), Qt::ISODate)});
    std::stable_sort(out.begin(), out.end(),
                     [](const StoredTouch& a, const StoredTouch& b) { return a.date < b.date; });
    return out;
}

QList<AttributedCredit> DealPartnerRepository::attribution(const QString& dealId, AttributionModel model,
                                                           double halfLifeDays) const
{
    QSqlQuery d =
        m_db.prepare(QStringLiteral("SELECT status, amount_minor, closed_on, %1 FROM deals WHERE id = pd_uuid(?) "
                                    "AND deleted_at IS NULL")
                         .arg(idOfPk("partners", QStringLiteral("deals.partner_pk"))));
    d.addBindValue(dealId);
    Database::exec(d, QStringLiteral("Reading the deal"));
    if (!d.next())
        throw StorageError(QStringLiteral("The deal registration no longer exists"), StorageError::Kind::NotFound);
    if (d.value(0).toString() != QLatin1String("Won"))
        throw StorageError(QStringLiteral("Only a won deal's amount is attributed (this one is %1)")
                               .arg(d.value(0).toString().toLower()));
    const qint64 amount = d.value(1).isNull() ? 0 : d.value(1).toLongLong();
    const QDate closed = QDate::fromString(d.value(2).toString(), Qt::ISODate);
    const QString sourcing = d.value(3).toString();
    d.finish();
    const QList<StoredTouch> stored = touches(dealId);
    QList<PartnerTouch> input;
    QHash<QString, QString> keys;
    for (const StoredTouch& t : stored) {
        input.append({t.partnerId, t.date, t.type == QLatin1String("registration") && t.partnerId == sourcing});
        keys.insert(t.partnerId, t.partnerKey);
    }
    QList<AttributedCredit> out;
    for (const PartnerCredit& c : attribute(model, input, amount, closed, halfLifeDays))
        out.append({c.partnerId, keys.value(c.partnerId), c.amountMinor, c.share, c.partnerId == sourcing});
    return out;
}

} // namespace pd
