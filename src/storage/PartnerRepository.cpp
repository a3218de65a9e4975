#include "storage/PartnerRepository.h"

#include "domain/Clock.h"
#include "domain/LifecycleRules.h"
#include "domain/NameNormalizer.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
const char* const kFields = "version, partner_key, name, partner_type, stage, tier, territory, channel_manager, "
                            "country, city, founded, website, activation_date, stage_since, industry, employees";
/// How many columns partnerColumns() reads: further columns of a query come after them.
constexpr int kPartnerColumns = 17;

/// The columns readPartner() reads, each prefixed with `alias` ("p." or empty).
QString partnerColumns(const QString& alias = {})
{
    QString fields = QString::fromLatin1(kFields);
    if (!alias.isEmpty())
        fields = alias + fields.replace(QLatin1String(", "), QLatin1String(", ") + alias);
    return QStringLiteral("pd_uuid_text(%1id), %2").arg(alias, fields);
}

Partner readPartner(const QSqlQuery& q)
{
    Partner p;
    p.id = q.value(0).toString();
    p.version = q.value(1).toInt();
    p.key = q.value(2).toString();
    p.name = q.value(3).toString();
    p.type = partnerTypeFromString(q.value(4).toString()).value_or(PartnerType::VAR);
    p.stage = lifecycleStageFromString(q.value(5).toString()).value_or(LifecycleStage::Prospect);
    p.tier = q.value(6).toString();
    p.territory = q.value(7).toString();
    p.channelManager = q.value(8).toString();
    p.country = q.value(9).toString();
    p.city = q.value(10).toString();
    p.founded = q.value(11).toInt();
    p.website = q.value(12).toString();
    p.activationDate = QDate::fromString(q.value(13).toString(), Qt::ISODate);
    p.stageSince = QDate::fromString(q.value(14).toString(), Qt::ISODate);
    p.industry = q.value(15).toString();
    p.employees = q.value(16).toInt();
    return p;
}

void bindFields(QSqlQuery& q, const Partner& p)
{
    q.addBindValue(Database::nonNull(p.key));
    q.addBindValue(Database::nonNull(p.name));
    q.addBindValue(normalizeName(p.name));
    q.addBindValue(toString(p.type));
    q.addBindValue(toString(p.stage));
    q.addBindValue(Database::nonNull(p.tier));
    q.addBindValue(Database::nonNull(p.territory));
    q.addBindValue(Database::nonNull(p.channelManager));
    q.addBindValue(Database::nonNull(p.country));
    q.addBindValue(Database::nonNull(p.city));
    q.addBindValue(p.founded);
    q.addBindValue(Database::nonNull(p.website));
    q.addBindValue(p.activationDate.isValid() ? QVariant(p.activationDate.toString(Qt::ISODate)) : QVariant());
    q.addBindValue(Database::nonNull(p.industry));
    q.addBindValue(p.employees > 0 ? QVariant(p.employees) : QVariant(QMetaType(QMetaType::Int)));
}

const QString kInsertSql = QStringLiteral(
    "INSERT INTO partners (partner_key, name, name_key, partner_type, stage, tier, territory, channel_manager, "
    "country, city, founded, website, activation_date, industry, employees, id, created_at, updated_at, stage_since, "
    "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, pd_uuid(?), ?, ?, ?, 1)");
const QString kUpdateSql = QStringLiteral(
    "UPDATE partners SET partner_key = ?, name = ?, name_key = ?, partner_type = ?, stage = ?, tier = ?, "
    "territory = ?, channel_manager = ?, country = ?, city = ?, founded = ?, website = ?, activation_date = ?, "
    "industry = ?, employees = ?, stage_since = CASE WHEN stage = ? THEN stage_since ELSE ? END, "
    "updated_at = ?, version = version + 1 WHERE id = pd_uuid(?) AND version = ? AND deleted_at IS NULL");
} // namespace

PartnerRepository::PartnerRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

QList<PartnerRow> PartnerRepository::listRows() const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT %1, COALESCE(c.n, 0), COALESCE(d.n, 0) FROM partners p "
                       "LEFT JOIN (SELECT partner_pk, COUNT(*) AS n FROM contacts WHERE deleted_at IS NULL "
                       "GROUP BY partner_pk) c ON c.partner_pk = p.pk "
                       "LEFT JOIN (SELECT partner_pk, COUNT(*) AS n FROM deals WHERE deleted_at IS NULL AND status "
                       "IN ('Draft', 'Submitted', 'Approved') GROUP BY partner_pk) d ON d.partner_pk = p.pk "
                       "WHERE p.deleted_at IS NULL ORDER BY p.name_key, p.partner_key")
            .arg(partnerColumns(QStringLiteral("p."))));
    Database::exec(q, QStringLiteral("Listing partners"));
    QList<PartnerRow> rows;
    while (q.next()) {
        PartnerRow row;
        row.partner = readPartner(q);
        row.contactCount = q.value(kPartnerColumns).toInt();
        row.openDealCount = q.value(kPartnerColumns + 1).toInt();
        rows.append(std::move(row));
    }
    return rows;
}

QList<PartnerRow> PartnerRepository::listRowsWithoutCounts(bool includeArchived) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT %1, deleted_at FROM partners %2"
                       "ORDER BY name_key, partner_key")
            .arg(partnerColumns(), includeArchived ? QString() : QStringLiteral("WHERE deleted_at IS NULL ")));
    Database::exec(q, QStringLiteral("Listing partners"));
    QList<PartnerRow> rows;
    while (q.next()) {
        PartnerRow row;
        row.partner = readPartner(q);
        row.archived = !q.value(kPartnerColumns).isNull();
        rows.append(std::move(row));
    }
    return rows;
}

QHash<QString, PartnerCounts> PartnerRepository::rosterCounts() const
{
    QHash<QString, PartnerCounts> counts;
    QSqlQuery contacts = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(p.id), c.n FROM (SELECT partner_pk, COUNT(*) AS n FROM contacts WHERE deleted_at IS NULL "
        "GROUP BY partner_pk) c JOIN partners p ON p.pk = c.partner_pk"));
    Database::exec(contacts, QStringLiteral("Counting contacts"));
    while (contacts.next())
        counts[contacts.value(0).toString()].contacts = contacts.value(1).toInt();
    QSqlQuery deals = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(p.id), d.n FROM (SELECT partner_pk, COUNT(*) AS n FROM deals WHERE deleted_at IS NULL "
        "AND status IN ('Draft', 'Submitted', 'Approved') GROUP BY partner_pk) d JOIN partners p ON "
        "p.pk = d.partner_pk"));
    Database::exec(deals, QStringLiteral("Counting open deals"));
    while (deals.next())
        counts[deals.value(0).toString()].openDeals = deals.value(1).toInt();
    return counts;
}

QList<PartnerRow> PartnerRepository::listRowsByIds(const QStringList& ids, bool includeArchived) const
{
    QList<PartnerRow> rows;
    constexpr qsizetype kChunk = 500;
    for (qsizetype start = 0; start < ids.size(); start += kChunk) {
        const QStringList chunk = ids.mid(start, kChunk);
        QStringList marks;
        marks.fill(QStringLiteral("pd_uuid(?)"), chunk.size());
        QSqlQuery q = m_db.prepare(
            QStringLiteral("SELECT %1, (SELECT COUNT(*) FROM contacts c WHERE c.partner_pk = p.pk AND "
                           "c.deleted_at IS NULL), (SELECT COUNT(*) FROM deals d WHERE d.partner_pk = p.pk AND "
                           "d.deleted_at IS NULL AND d.status IN ('Draft', 'Submitted', 'Approved')), p.deleted_at "
                           "FROM partners p WHERE %3p.id IN (%2)")
                .arg(partnerColumns(QStringLiteral("p.")), marks.join(QLatin1String(", ")),
                     includeArchived ? QString() : QStringLiteral("p.deleted_at IS NULL AND ")));
        for (const QString& id : chunk)
            q.addBindValue(id);
        Database::exec(q, QStringLiteral("Listing partners"));
        while (q.next()) {
            PartnerRow row;
            row.partner = readPartner(q);
            row.contactCount = q.value(kPartnerColumns).toInt();
            row.openDealCount = q.value(kPartnerColumns + 1).toInt();
            row.archived = !q.value(kPartnerColumns + 2).isNull();
            rows.append(std::move(row));
        }
    }
    return rows;
}

PartnerRevenue PartnerRepository::rosterRevenue(const QDate& today, const QStringList& partnerIds) const
{
    PartnerRevenue out;
    out.currency = ProgramSettingsRepository(m_db, m_clock).load().reportingCurrency;
    // One pass over the deals in the reporting currency, grouped by their integer partner key; the partner's id is
    // joined per partner, not per deal. SUM of a bigint is numeric on PostgreSQL: cast back.
    QStringList marks;
    marks.fill(QStringLiteral("pd_uuid(?)"), partnerIds.size());
    const QString only = partnerIds.isEmpty()
                             ? QString()
                             : QStringLiteral("AND d.partner_pk IN (SELECT pk FROM partners WHERE id IN (%1)) ")
                                   .arg(marks.join(QLatin1String(", ")));
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT pd_uuid_text(p.id), g.won, g.pipeline FROM (SELECT d.partner_pk, "
                       "CAST(COALESCE(SUM(CASE WHEN d.status = 'Won' AND d.closed_on > ? AND d.closed_on <= ? "
                       "THEN COALESCE(d.amount_minor, 0) ELSE 0 END), 0) AS BIGINT) AS won, "
                       "CAST(COALESCE(SUM(CASE WHEN d.status IN ('Draft', 'Submitted', 'Approved') "
                       "THEN COALESCE(d.amount_minor, pr.list_price_minor, 0) ELSE 0 END), 0) AS BIGINT) AS pipeline "
                       "FROM deals d LEFT JOIN products pr ON pr.pk = d.product_pk "
                       "WHERE d.deleted_at IS NULL AND d.currency = ? "
                       "AND d.status IN ('Won', 'Draft', 'Submitted', 'Approved') %1"
                       "GROUP BY d.partner_pk) g JOIN partners p ON p.pk = g.partner_pk")
            .arg(only));
    q.addBindValue(today.addYears(-1).toString(Qt::ISODate));
    q.addBindValue(today.toString(Qt::ISODate));
    q.addBindValue(out.currency);
    for (const QString& id : partnerIds)
        q.addBindValue(id);
    Database::exec(q, QStringLiteral("Summing revenue per partner"));
    while (q.next()) {
        const qint64 won = q.value(1).toLongLong();
        const qint64 pipeline = q.value(2).toLongLong();
        if (won != 0 || pipeline != 0)
            out.byId.insert(q.value(0).toString(), PartnerMoney{won, pipeline});
    }
    return out;
}

QList<PartnerRef> PartnerRepository::listRefs(std::optional<LifecycleStage> stage) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT pd_uuid_text(id), partner_key, name, territory FROM partners "
                                              "WHERE deleted_at IS NULL%1 ORDER BY partner_key")
                                   .arg(stage ? QStringLiteral(" AND stage = ?") : QString()));
    if (stage)
        q.addBindValue(toString(*stage));
    Database::exec(q, QStringLiteral("Listing partners"));
    QList<PartnerRef> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    return out;
}

std::optional<Partner> PartnerRepository::findById(const QString& id) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT %1 FROM partners WHERE id = pd_uuid(?) AND deleted_at IS NULL").arg(partnerColumns()));
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Reading a partner"));
    if (!q.next())
        return std::nullopt;
    return readPartner(q);
}

QHash<QString, QString> PartnerRepository::idsByKey() const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT partner_key, pd_uuid_text(id) FROM partners"));
    Database::exec(q, QStringLiteral("Reading partner keys"));
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

QStringList PartnerRepository::partnerIdsOfDeals(const QStringList& dealIds) const
{
    QStringList out;
    if (dealIds.isEmpty())
        return out;
    QStringList marks;
    for (qsizetype i = 0; i < dealIds.size(); ++i)
        marks << QStringLiteral("pd_uuid(?)");
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "SELECT DISTINCT pd_uuid_text(p.id) FROM deals d JOIN partners p ON p.pk = d.partner_pk WHERE d.id IN (%1)")
            .arg(marks.join(QLatin1Char(','))));
    for (const QString& id : dealIds)
        q.addBindValue(id);
    Database::exec(q, QStringLiteral("Finding the partners of changed deals"));
    while (q.next())
        out << q.value(0).toString();
    return out;
}

std::optional<Partner> PartnerRepository::findByKey(const QString& key) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT %1 FROM partners WHERE partner_key = ?").arg(partnerColumns()));
    q.addBindValue(key);
    Database::exec(q, QStringLiteral("Reading a partner"));
    if (!q.next())
        return std::nullopt;
    return readPartner(q);
}

namespace {
const QString kStageSql =
    QStringLiteral(
        "INSERT INTO partner_stage_history (id, partner_pk, from_stage, stage, changed_on, created_at, actor, "
        "reason) VALUES (pd_uuid(?), %1, ?, ?, ?, ?, ?, '')")
        .arg(pkOfId("partners"));

/// Binds one lifecycle history row: `from` nullopt for a partner's first stage (from_stage '').
void bindStage(QSqlQuery& q, const QString& partnerId, std::optional<LifecycleStage> from, LifecycleStage stage,
               const QString& at, const QString& actor)
{
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(partnerId);
    q.addBindValue(from ? toString(*from) : QStringLiteral(""));
    q.addBindValue(toString(stage));
    q.addBindValue(at.left(10));
    q.addBindValue(at);
    q.addBindValue(Database::nonNull(actor));
}
} // namespace

void PartnerRepository::recordStage(const QString& partnerId, std::optional<LifecycleStage> from, LifecycleStage stage,
                                    const QString& at)
{
    QSqlQuery q = m_db.prepare(kStageSql);
    bindStage(q, partnerId, from, stage, at, m_db.actor());
    Database::exec(q, QStringLiteral("Recording a lifecycle stage"));
}

void PartnerRepository::insert(Partner& partner)
{
    const QDateTime now = m_clock.nowUtc();
    const QString at = toIsoUtc(now);
    Partner p = partner;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (p.stage == LifecycleStage::Active && !p.activationDate.isValid())
        p.activationDate = now.date();
    p.stageSince = now.date();
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(kInsertSql);
    bindFields(q, p);
    q.addBindValue(p.id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(at.left(10));
    Database::exec(q, QStringLiteral("Saving partner %1").arg(p.key));
    recordStage(p.id, std::nullopt, p.stage, at);
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("partners"), p.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), QStringLiteral("partners"), p.id,
              QStringLiteral("Partner %1 (%2) created").arg(p.key, p.name), at);
    tx.commit();
    p.version = 1;
    partner = p;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{partner.id});
}

void PartnerRepository::update(Partner& partner)
{
    const QDateTime now = m_clock.nowUtc();
    const QString at = toIsoUtc(now);
    Transaction tx(m_db);
    QSqlQuery cur = m_db.prepare(
        QStringLiteral("SELECT stage, version FROM partners WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    cur.addBindValue(partner.id);
    Database::exec(cur, QStringLiteral("Reading partner %1").arg(partner.key));
    if (!cur.next())
        throw StorageError(QStringLiteral("Partner %1 no longer exists").arg(partner.key),
                           StorageError::Kind::NotFound);
    const QString oldStage = cur.value(0).toString();
    const LifecycleStage from = lifecycleStageFromString(oldStage).value_or(LifecycleStage::Prospect);
    if (from == LifecycleStage::Offboarded)
        throw StorageError(QStringLiteral("Partner %1 is offboarded and read-only").arg(partner.key),
                           StorageError::Kind::NotAllowed);
    if (from != partner.stage) {
        const QString refusal = LifecycleRules::refusal(from, partner.stage);
        if (!refusal.isEmpty())
            throw StorageError(QStringLiteral("%1: %2").arg(partner.key, refusal), StorageError::Kind::NotAllowed);
        if (partner.stage == LifecycleStage::Offboarded)
            throw StorageError(
                QStringLiteral("%1: offboard a partner through its offboarding checklist").arg(partner.key),
                StorageError::Kind::NotAllowed);
    }
    Partner p = partner;
    if (p.stage == LifecycleStage::Active && !p.activationDate.isValid())
        p.activationDate = now.date();
    QSqlQuery q = m_db.prepare(kUpdateSql);
    bindFields(q, p);
    q.addBindValue(toString(p.stage));
    q.addBindValue(at.left(10));
    q.addBindValue(at);
    q.addBindValue(p.id);
    q.addBindValue(p.version);
    Database::exec(q, QStringLiteral("Saving partner %1").arg(p.key));
    if (q.numRowsAffected() != 1)
        throw StorageError(QStringLiteral("Partner %1 was changed by someone else; reload it and try again").arg(p.key),
                           StorageError::Kind::Conflict);
    if (from != p.stage) {
        recordStage(p.id, from, p.stage, at);
        p.stageSince = now.date();
    }
    ++p.version;
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("partners"), p.id, QStringLiteral("update"), p.version, at);
    rec.audit(QStringLiteral("update"), QStringLiteral("partners"), p.id,
              QStringLiteral("Partner %1 (%2) updated").arg(p.key, p.name), at);
    tx.commit();
    partner = p;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{partner.id});
}

void PartnerRepository::setDeleted(const QString& id, bool deleted)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        deleted ? QStringLiteral("UPDATE partners SET deleted_at = ?, updated_at = ?, version = version + 1 "
                                 "WHERE id = pd_uuid(?) AND deleted_at IS NULL RETURNING version, partner_key")
                : QStringLiteral("UPDATE partners SET deleted_at = NULL, updated_at = ?, version = version + 1 "
                                 "WHERE id = pd_uuid(?) AND deleted_at IS NOT NULL RETURNING version, partner_key"));
    if (deleted)
        q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(id);
    Database::exec(q, deleted ? QStringLiteral("Archiving a partner") : QStringLiteral("Restoring a partner"));
    if (!q.next())
        throw StorageError(QStringLiteral("The partner no longer exists"), StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    const QString key = q.value(1).toString();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("partners"), id, deleted ? QStringLiteral("delete") : QStringLiteral("update"),
                  version, at);
    rec.audit(
        deleted ? QStringLiteral("archive") : QStringLiteral("restore"), QStringLiteral("partners"), id,
        QStringLiteral("Partner %1 %2").arg(key, deleted ? QStringLiteral("archived") : QStringLiteral("restored")),
        at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{id});
}

void PartnerRepository::archive(const QString& id)
{
    setDeleted(id, true);
}

void PartnerRepository::restore(const QString& id)
{
    setDeleted(id, false);
}

void PartnerRepository::insertMany(QList<Partner>& partners, const QString& at)
{
    QSqlQuery q = m_db.prepare(kInsertSql);
    QSqlQuery stageQuery = m_db.prepare(kStageSql); // prepared once for the whole batch
    for (Partner& p : partners) {
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (p.stage == LifecycleStage::Active && !p.activationDate.isValid())
            p.activationDate = QDate::fromString(at.left(10), Qt::ISODate);
        p.stageSince = QDate::fromString(at.left(10), Qt::ISODate);
        bindFields(q, p);
        q.addBindValue(p.id);
        q.addBindValue(at);
        q.addBindValue(at);
        q.addBindValue(at.left(10));
        Database::exec(q, QStringLiteral("Saving partners"));
        bindStage(stageQuery, p.id, std::nullopt, p.stage, at, m_db.actor());
        Database::exec(stageQuery, QStringLiteral("Recording lifecycle stages"));
        p.version = 1;
    }
}

void PartnerRepository::updateMany(const QList<Partner>& partners, const QString& at)
{
    QSqlQuery q = m_db.prepare(kUpdateSql);
    // A stage the file changes is kept in the lifecycle history like any other move (from the stage the row has
    // before the update; reason "import"), before the row is updated. The file's stage is data, not a move the user
    // makes: it is not checked against LifecycleRules.
    QSqlQuery history = m_db.prepare(
        QStringLiteral("INSERT INTO partner_stage_history (id, partner_pk, from_stage, stage, changed_on, created_at, "
                       "actor, reason) SELECT pd_uuid(?), pk, stage, ?, ?, ?, ?, 'import' FROM partners "
                       "WHERE id = pd_uuid(?) AND stage <> ?"));
    const QDate day = QDate::fromString(at.left(10), Qt::ISODate);
    for (Partner p : partners) {
        if (p.stage == LifecycleStage::Active && !p.activationDate.isValid())
            p.activationDate = day; // becoming Active by import: activated on the import's day, as insertMany() does
        history.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        history.addBindValue(toString(p.stage));
        history.addBindValue(at.left(10));
        history.addBindValue(at);
        history.addBindValue(Database::nonNull(m_db.actor()));
        history.addBindValue(p.id);
        history.addBindValue(toString(p.stage));
        Database::exec(history, QStringLiteral("Recording the stage of partner %1").arg(p.key));
        bindFields(q, p);
        q.addBindValue(toString(p.stage));
        q.addBindValue(at.left(10));
        q.addBindValue(at);
        q.addBindValue(p.id);
        q.addBindValue(p.version);
        Database::exec(q, QStringLiteral("Saving partner %1").arg(p.key));
        if (q.numRowsAffected() != 1)
            throw StorageError(QStringLiteral("Partner %1 was changed by someone else during the import").arg(p.key),
                               StorageError::Kind::Conflict);
    }
}

} // namespace pd
