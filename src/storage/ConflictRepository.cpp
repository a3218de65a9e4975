#include "storage/ConflictRepository.h"

#include "domain/Clock.h"
#include "domain/NameNormalizer.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QHash>
#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
// Columns 0–9 read by readFacts; 10–14 for people.
const QString kFactsSelect =
    QStringLiteral("SELECT d.id, d.registration_number, d.partner_id, a.name_key, a.web_domain, p.name_key, d.status, "
                   "d.registered_at, d.closed_on, d.extended, pa.partner_key, pa.name, a.name, p.name, d.account_id "
                   "FROM deals d JOIN products p ON p.id = d.product_id JOIN accounts a ON a.id = d.account_id "
                   "JOIN partners pa ON pa.id = d.partner_id ");

RegistrationFacts readFacts(const QSqlQuery& q, int index)
{
    RegistrationFacts f;
    f.index = index;
    f.number = q.value(1).toLongLong();
    f.partnerId = q.value(2).toString();
    f.customerKey = q.value(3).toString();
    f.customerDomain = q.value(4).toString().toLower();
    f.productKey = q.value(5).toString();
    f.status = dealStatusFromString(q.value(6).toString()).value_or(DealStatus::Draft);
    f.registeredAt = q.value(7).isNull() ? QDateTime() : fromIsoUtc(q.value(7).toString());
    f.closedOn = QDate::fromString(q.value(8).toString(), Qt::ISODate);
    f.extended = q.value(9).toInt() != 0;
    return f;
}

ConflictSide readSide(const QSqlQuery& q, const RegistrationFacts& f)
{
    return {q.value(0).toString(), f.number,      q.value(10).toString(), q.value(11).toString(),
            q.value(6).toString(), f.registeredAt};
}
} // namespace

QList<ConflictInfo> ConflictRepository::allConflicts(const ProgramRules& rules) const
{
    QSqlQuery q = m_db.prepare(
        kFactsSelect +
        QStringLiteral("WHERE d.deleted_at IS NULL AND d.status <> 'Draft' AND d.registered_at IS NOT NULL"));
    Database::exec(q, QStringLiteral("Reading registrations"));
    QList<RegistrationFacts> facts;
    QList<ConflictSide> sides;
    QStringList customers, products;
    while (q.next()) {
        facts.append(readFacts(q, int(facts.size())));
        sides.append(readSide(q, facts.last()));
        customers.append(q.value(12).toString());
        products.append(q.value(13).toString());
    }
    q.finish();
    const QList<ConflictPair> pairs = findConflicts(facts, rules);
    QHash<QPair<QString, QString>, QPair<QString, QString>> resolutions;
    QSqlQuery r = m_db.prepare(QStringLiteral("SELECT later_deal_id, earlier_deal_id, resolution, reason FROM "
                                              "conflict_resolutions WHERE deleted_at IS NULL"));
    Database::exec(r, QStringLiteral("Reading conflict resolutions"));
    while (r.next())
        resolutions.insert({r.value(0).toString(), r.value(1).toString()},
                           {r.value(2).toString(), r.value(3).toString()});
    QList<ConflictInfo> out;
    out.reserve(pairs.size());
    for (const ConflictPair& p : pairs) {
        ConflictInfo c;
        c.later = sides[p.later];
        c.earlier = sides[p.earlier];
        c.customer = customers[p.later];
        c.product = products[p.later];
        c.secondsFirst = p.secondsFirst;
        const auto res = resolutions.value({c.later.dealId, c.earlier.dealId});
        c.resolution = res.first;
        c.reason = res.second;
        out.append(c);
    }
    return out;
}

QList<ConflictSide> ConflictRepository::conflictsOf(const QString& dealId, const QDateTime& registeredAt, qint64 number,
                                                    const ProgramRules& rules) const
{
    QSqlQuery me = m_db.prepare(kFactsSelect + QStringLiteral("WHERE d.id = ?"));
    me.addBindValue(dealId);
    Database::exec(me, QStringLiteral("Reading the registration"));
    if (!me.next())
        return {}; // no end customer yet: nothing to conflict with
    RegistrationFacts later = readFacts(me, -1);
    later.registeredAt = registeredAt;
    later.number = number;
    if (later.status == DealStatus::Draft)
        later.status = DealStatus::Submitted;
    const QString accountId = me.value(14).toString();
    const QString domain = later.customerDomain;
    me.finish();
    QSqlQuery q = m_db.prepare(
        kFactsSelect +
        QStringLiteral(
            "WHERE d.deleted_at IS NULL AND d.id <> ? AND d.product_id = (SELECT product_id FROM deals WHERE id = ?) "
            "AND (d.account_id = ? OR (a.web_domain <> '' AND lower(a.web_domain) = ?)) AND d.registered_at IS NOT "
            "NULL"));
    q.addBindValue(dealId);
    q.addBindValue(dealId);
    q.addBindValue(accountId);
    q.addBindValue(domain.isEmpty() ? QStringLiteral("\x01") : domain);
    Database::exec(q, QStringLiteral("Looking for conflicting registrations"));
    QList<ConflictSide> out;
    while (q.next()) {
        const RegistrationFacts earlier = readFacts(q, 0);
        if (conflicts(later, earlier, rules))
            out.append(readSide(q, earlier));
    }
    return out;
}

QList<LiveWarning> ConflictRepository::liveCheck(const QString& partnerId, const QString& customerName,
                                                 const QString& webDomain, const QString& productId,
                                                 const QDateTime& at, const ProgramRules& rules) const
{
    const QString key = normalizeName(customerName);
    const QString domain = webDomain.trimmed().toLower();
    if ((key.isEmpty() && domain.isEmpty()) || productId.isEmpty())
        return {};
    RegistrationFacts candidate;
    candidate.index = -1;
    candidate.number = std::numeric_limits<qint64>::max();
    candidate.partnerId = partnerId;
    candidate.customerKey = key;
    candidate.customerDomain = domain;
    candidate.status = DealStatus::Submitted;
    candidate.registeredAt = at;
    // Registrations of other partners for this product that could still be protected at `at`.
    const QString oldest = toIsoUtc(at.addDays(-(rules.protectionDays + rules.extensionDays)));
    QSqlQuery q = m_db.prepare(
        kFactsSelect +
        QStringLiteral(
            "WHERE d.deleted_at IS NULL AND d.product_id = ? AND d.partner_id <> ? AND d.registered_at IS NOT NULL "
            "AND d.registered_at >= ? AND d.registered_at <= ? AND d.status NOT IN ('Draft', 'Rejected')"));
    q.addBindValue(productId);
    q.addBindValue(partnerId);
    q.addBindValue(oldest);
    q.addBindValue(toIsoUtc(at));
    Database::exec(q, QStringLiteral("Checking the registration"));
    QList<LiveWarning> out;
    while (q.next()) {
        RegistrationFacts earlier = readFacts(q, 0);
        candidate.productKey = earlier.productKey;
        LiveWarning w;
        w.other = readSide(q, earlier);
        w.customer = q.value(12).toString();
        w.product = q.value(13).toString();
        if (conflicts(candidate, earlier, rules)) {
            w.kind = LiveWarning::Kind::Conflict;
            out.append(w);
        } else if (!key.isEmpty() && earlier.customerKey != key && protectionEnd(earlier, rules) > at) {
            const double similarity = jaroWinkler(key, earlier.customerKey);
            if (similarity >= 0.92) {
                w.kind = LiveWarning::Kind::PossibleDuplicate;
                w.similarity = similarity;
                out.append(w);
            }
        }
    }
    return out;
}

int ConflictRepository::partnerTierRank(const QString& dealId) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT p.tier FROM deals d JOIN partners p ON p.id = d.partner_id WHERE d.id = ?"));
    q.addBindValue(dealId);
    Database::exec(q, QStringLiteral("Reading the partner's tier"));
    if (!q.next())
        return 0;
    return std::max<int>(0, int(defaultTierNames().indexOf(q.value(0).toString())));
}

void ConflictRepository::resolve(const QString& laterDealId, const QString& earlierDealId, const QString& resolution,
                                 const QString& reason, const Clock& clock)
{
    if (resolution != QLatin1String("rejected later") && resolution != QLatin1String("accepted both"))
        throw StorageError(QStringLiteral("Unknown conflict resolution '%1'").arg(resolution));
    if (reason.trimmed().isEmpty())
        throw StorageError(QStringLiteral("Resolving a conflict needs a reason"));
    const QString at = toIsoUtc(clock.nowUtc());
    Transaction tx(m_db);
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO conflict_resolutions (id, created_at, updated_at, version, later_deal_id, earlier_deal_id, "
        "resolution, reason) VALUES (?, ?, ?, 1, ?, ?, ?, ?) ON CONFLICT (later_deal_id, earlier_deal_id) "
        "WHERE deleted_at IS NULL DO UPDATE SET resolution = excluded.resolution, reason = excluded.reason, "
        "updated_at = excluded.updated_at, version = conflict_resolutions.version + 1 RETURNING id, version"));
    q.addBindValue(id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(laterDealId);
    q.addBindValue(earlierDealId);
    q.addBindValue(resolution);
    q.addBindValue(reason.trimmed());
    Database::exec(q, QStringLiteral("Recording the conflict resolution"));
    q.next();
    const QString rowId = q.value(0).toString();
    const int version = q.value(1).toInt();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("conflict_resolutions"), rowId,
                  version == 1 ? QStringLiteral("insert") : QStringLiteral("update"), version, at);
    rec.audit(QStringLiteral("resolve conflict"), QStringLiteral("deals"), laterDealId,
              QStringLiteral("%1: %2").arg(resolution, reason.trimmed()), at);
    tx.commit();
}

} // namespace pd
