#include "storage/ConflictRepository.h"
#include "storage/ChangeNotifier.h"

#include "domain/Clock.h"
#include "domain/DealWorkflow.h"
#include "domain/NameNormalizer.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

namespace pd {

// Accounts are unique by normalized name and products by normalized product name (unique indexes), so within
// the book "same normalized customer name" is "same account id" and "same product" is "same product id": the
// facts below use the ids as keys, which saves joins on a million rows.

namespace {
// Columns 0–8 read by readFacts, with the partner, account and product as UUIDs (a few rows: the live check).
const QString kFactsColumns =
    QStringLiteral("pd_uuid_text(d.id), d.registration_number, %1, %2, %3, d.status, d.registered_at, "
                   "d.closed_on, d.extended")
        .arg(idOfPk("partners", QStringLiteral("d.partner_pk")), idOfPk("accounts", QStringLiteral("d.account_pk")),
             idOfPk("products", QStringLiteral("d.product_pk")));
// The same columns with the partner, account and product as their integer keys (in text): the full scan reads a
// million rows and looks names up once per key.
const QString kScanColumns =
    QStringLiteral("pd_uuid_text(d.id), d.registration_number, d.partner_pk, d.account_pk, d.product_pk, "
                   "d.status, d.registered_at, d.closed_on, d.extended");

QDateTime instant(const QVariant& v)
{
    if (v.isNull())
        return {};
    const auto ms = isoUtcToMSecs(v.toString());
    return ms ? QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC) : QDateTime();
}

RegistrationFacts readFacts(const QSqlQuery& q, int index, const QString& domain)
{
    RegistrationFacts f;
    f.index = index;
    f.number = q.value(1).toLongLong();
    f.partnerId = q.value(2).toString();
    f.customerKey = q.value(3).toString();
    f.customerDomain = domain;
    f.productKey = q.value(4).toString();
    f.status = dealStatusFromString(q.value(5).toString()).value_or(DealStatus::Draft);
    f.registeredAt = instant(q.value(6));
    f.closedOn = QDate::fromString(q.value(7).toString(), Qt::ISODate);
    f.extended = q.value(8).toInt() != 0;
    return f;
}

struct AccountInfo
{
    QString name;
    QString domain;
};

struct PartnerInfo
{
    QString key;
    QString name;
};
} // namespace

QList<ConflictInfo> ConflictRepository::allConflicts(const ProgramRules& rules, const std::atomic_bool* cancel) const
{
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };
    QHash<QString, AccountInfo> accounts;
    {
        QSqlQuery a = m_db.prepare(QStringLiteral("SELECT pk, name, lower(web_domain) FROM accounts"));
        Database::exec(a, QStringLiteral("Reading accounts"));
        while (a.next())
            accounts.insert(a.value(0).toString(), {a.value(1).toString(), a.value(2).toString()});
    }
    QList<RegistrationFacts> facts;
    QStringList ids;
    {
        // A Draft never conflicts (DESIGN.md section 3); the status text is the domain's, bound.
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT %1 FROM deals d WHERE d.deleted_at IS NULL AND "
                                                  "d.status <> ? AND d.registered_at IS NOT NULL AND "
                                                  "d.account_pk IS NOT NULL")
                                       .arg(kScanColumns));
        q.addBindValue(toString(DealStatus::Draft));
        Database::exec(q, QStringLiteral("Reading registrations"));
        while (q.next()) {
            if ((facts.size() & 1023) == 0 && cancelled())
                return {};
            facts.append(readFacts(q, int(facts.size()), accounts.value(q.value(3).toString()).domain));
            ids.append(q.value(0).toString());
        }
    }
    if (cancelled())
        return {};
    const QList<ConflictPair> pairs = findConflicts(facts, rules);
    if (pairs.isEmpty() || cancelled())
        return {};

    QHash<QString, QString> products;
    QHash<QString, PartnerInfo> partners;
    {
        QSqlQuery p = m_db.prepare(QStringLiteral("SELECT pk, name FROM products"));
        Database::exec(p, QStringLiteral("Reading products"));
        while (p.next())
            products.insert(p.value(0).toString(), p.value(1).toString());
        QSqlQuery pa = m_db.prepare(QStringLiteral("SELECT pk, partner_key, name FROM partners"));
        Database::exec(pa, QStringLiteral("Reading partners"));
        while (pa.next())
            partners.insert(pa.value(0).toString(), {pa.value(1).toString(), pa.value(2).toString()});
    }
    QHash<QPair<QString, QString>, QPair<QString, QString>> resolutions;
    QSqlQuery r = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(l.id), pd_uuid_text(e.id), r.resolution, r.reason FROM conflict_resolutions r "
        "JOIN deals l ON l.pk = r.later_deal_pk JOIN deals e ON e.pk = "
        "r.earlier_deal_pk WHERE r.deleted_at IS NULL"));
    Database::exec(r, QStringLiteral("Reading conflict resolutions"));
    while (r.next())
        resolutions.insert({r.value(0).toString(), r.value(1).toString()},
                           {r.value(2).toString(), r.value(3).toString()});

    auto side = [&](int i) {
        const RegistrationFacts& f = facts[i];
        const PartnerInfo& p = partners[f.partnerId];
        return ConflictSide{ids[i], f.number, p.key, p.name, toString(f.status), f.registeredAt};
    };
    QList<ConflictInfo> out;
    out.reserve(pairs.size());
    for (const ConflictPair& p : pairs) {
        ConflictInfo c;
        c.later = side(p.later);
        c.earlier = side(p.earlier);
        c.customer = accounts.value(facts[p.later].customerKey).name;
        c.product = products.value(facts[p.later].productKey);
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
    QSqlQuery me = m_db.prepare(QStringLiteral("SELECT %1, lower(a.web_domain) FROM deals d JOIN accounts a ON "
                                               "a.pk = d.account_pk WHERE d.id = pd_uuid(?)")
                                    .arg(kFactsColumns));
    me.addBindValue(dealId);
    Database::exec(me, QStringLiteral("Reading the registration"));
    if (!me.next())
        return {}; // no end customer yet: nothing to conflict with
    RegistrationFacts later = readFacts(me, -1, me.value(9).toString());
    me.finish();
    later.registeredAt = registeredAt;
    later.number = number;
    if (later.status == DealStatus::Draft)
        later.status = DealStatus::Submitted;
    QList<ConflictSide> out;
    for (const LiveWarning& w : liveCheck(later.partnerId, QString(), later.customerDomain, later.productKey,
                                          registeredAt, rules, later.customerKey))
        if (w.kind == LiveWarning::Kind::Conflict && w.other.dealId != dealId &&
            (w.other.registeredAt < registeredAt || w.other.registrationNumber < number))
            out.append(w.other);
    return out;
}

QList<LiveWarning> ConflictRepository::liveCheck(const QString& partnerId, const QString& customerName,
                                                 const QString& webDomain, const QString& productId,
                                                 const QDateTime& at, const ProgramRules& rules,
                                                 const QString& accountId) const
{
    const QString key = normalizeName(customerName);
    const QString domain = webDomain.trimmed().toLower();
    if ((key.isEmpty() && domain.isEmpty() && accountId.isEmpty()) || productId.isEmpty() || !at.isValid())
        return {};
    // 1. Candidate customers: the same account, the same normalized name, the same web domain, and — for
    //    possible duplicates — names starting with the same two characters (Jaro–Winkler ≥ 0.92 almost always
    //    shares them), through the name_key and web_domain indexes.
    QHash<QString, AccountInfo> accounts;
    QSet<QString> same;
    QVariantList accountKeys;
    {
        const QString prefix = key.left(2);
        QString upper = prefix;
        if (!upper.isEmpty())
            upper[upper.size() - 1] = QChar(upper.back().unicode() + 1);
        // A UNION of four indexed lookups (an OR over them would scan the table).
        const QString select = QStringLiteral(
            "SELECT pd_uuid_text(id), name, name_key, web_domain, pk FROM accounts WHERE deleted_at IS NULL AND ");
        QSqlQuery a = m_db.prepare(select + QStringLiteral("id = pd_uuid(?) UNION ") + select +
                                   QStringLiteral("name_key = ? UNION ") + select +
                                   QStringLiteral("web_domain = ? AND web_domain <> '' UNION ") + select +
                                   QStringLiteral("name_key >= ? AND name_key < ?"));
        a.addBindValue(accountId.isEmpty() ? QStringLiteral("\x01") : accountId);
        a.addBindValue(key.isEmpty() ? QStringLiteral("\x01") : key);
        a.addBindValue(domain.isEmpty() ? QStringLiteral("\x01") : domain);
        a.addBindValue(prefix.isEmpty() ? QStringLiteral("\x02") : prefix);
        a.addBindValue(prefix.isEmpty() ? QStringLiteral("\x01") : upper);
        Database::exec(a, QStringLiteral("Looking up the customer"));
        while (a.next()) {
            const QString id = a.value(0).toString();
            const QString nameKey = a.value(2).toString();
            const QString accountDomain = a.value(3).toString();
            const bool isSame =
                id == accountId || (!key.isEmpty() && nameKey == key) || (!domain.isEmpty() && accountDomain == domain);
            if (isSame)
                same.insert(id);
            else if (key.isEmpty() || jaroWinkler(key, nameKey) < 0.92)
                continue;
            accounts.insert(id, {a.value(1).toString(), accountDomain});
            accountKeys.append(a.value(4));
        }
    }
    if (accounts.isEmpty())
        return {};
    QString productName;
    {
        QSqlQuery p = m_db.prepare(QStringLiteral("SELECT name FROM products WHERE id = pd_uuid(?)"));
        p.addBindValue(productId);
        Database::exec(p, QStringLiteral("Reading the product"));
        productName = p.next() ? p.value(0).toString() : QString();
    }
    // 2. Their registrations of this product by other partners that could still be protected at `at`.
    QStringList marks;
    marks.fill(QStringLiteral("?"), accounts.size());
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT %1, pa.partner_key, pa.name FROM deals d JOIN partners pa ON pa.pk = d.partner_pk "
                       "WHERE d.account_pk IN (%2) AND d.product_pk = %3 AND d.partner_pk <> COALESCE(%4, -1) "
                       "AND d.deleted_at IS NULL "
                       "AND d.registered_at IS NOT NULL AND d.registered_at >= ? AND d.registered_at <= ? "
                       "AND d.status NOT IN (?, ?)")
            .arg(kFactsColumns, marks.join(QLatin1Char(',')), pkOfId("products"), pkOfId("partners")));
    for (const QVariant& accountKey : std::as_const(accountKeys))
        q.addBindValue(accountKey);
    q.addBindValue(productId);
    q.addBindValue(partnerId);
    q.addBindValue(toIsoUtc(at.addDays(-protectionWindowDays(rules, true))));
    q.addBindValue(toIsoUtc(at));
    // An earlier registration protects only once submitted and while not Rejected (DESIGN.md section 3).
    q.addBindValue(toString(DealStatus::Draft));
    q.addBindValue(toString(DealStatus::Rejected));
    Database::exec(q, QStringLiteral("Checking the registration"));
    QList<LiveWarning> out;
    while (q.next()) {
        const QString account = q.value(3).toString();
        const RegistrationFacts earlier = readFacts(q, 0, accounts.value(account).domain);
        RegistrationFacts candidate;
        candidate.number = std::numeric_limits<qint64>::max();
        candidate.partnerId = partnerId;
        candidate.status = DealStatus::Submitted;
        candidate.registeredAt = at;
        candidate.productKey = productId;
        // Same customer (by any route) → the candidate carries the earlier one's account key.
        candidate.customerKey = same.contains(account) ? account : QString();
        LiveWarning w;
        w.other = {q.value(0).toString(),  earlier.number,           q.value(9).toString(),
                   q.value(10).toString(), toString(earlier.status), earlier.registeredAt};
        w.customer = accounts.value(account).name;
        w.product = productName;
        if (!candidate.customerKey.isEmpty()) {
            if (conflicts(candidate, earlier, rules)) {
                w.kind = LiveWarning::Kind::Conflict;
                out.append(w);
            }
        } else if (protectionEnd(earlier, rules) > at) {
            w.kind = LiveWarning::Kind::PossibleDuplicate;
            w.similarity = jaroWinkler(key, normalizeName(w.customer));
            out.append(w);
        }
    }
    std::sort(out.begin(), out.end(), [](const LiveWarning& a, const LiveWarning& b) {
        return std::pair(int(a.kind), a.other.registrationNumber) < std::pair(int(b.kind), b.other.registrationNumber);
    });
    return out;
}

int ConflictRepository::partnerTierRank(const QString& dealId) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT p.tier FROM deals d JOIN partners p ON p.pk = d.partner_pk WHERE d.id = pd_uuid(?)"));
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
    QSqlQuery q = m_db.prepare(
        QStringLiteral("INSERT INTO conflict_resolutions (id, created_at, updated_at, version, later_deal_pk, "
                       "earlier_deal_pk, resolution, reason) VALUES (pd_uuid(?), ?, ?, 1, %1, %1, ?, ?) ON CONFLICT "
                       "(later_deal_pk, earlier_deal_pk) WHERE deleted_at IS NULL DO UPDATE SET resolution = "
                       "excluded.resolution, reason = excluded.reason, updated_at = excluded.updated_at, version = "
                       "conflict_resolutions.version + 1 RETURNING pd_uuid_text(id), version")
            .arg(pkOfId("deals")));
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
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::conflictsChanged, QStringList{laterDealId});
}

DealState ConflictRepository::resolveConflict(DealWorkflowRepository& workflow, const QString& laterDealId,
                                              const QString& earlierDealId, bool rejectLater, const QString& reason,
                                              const ProgramSettings& settings, const Clock& clock)
{
    Transaction tx(m_db);
    DealState before = workflow.state(laterDealId);
    if (rejectLater) {
        DealActionInput input;
        input.reason = reason.trimmed();
        before = workflow.apply(laterDealId, DealAction::Reject, input, settings);
    }
    resolve(laterDealId, earlierDealId,
            rejectLater ? QStringLiteral("rejected later") : QStringLiteral("accepted both"), reason, clock);
    tx.commit();
    return before;
}

std::optional<ConflictResolution> ConflictRepository::resolution(const QString& laterDealId,
                                                                 const QString& earlierDealId) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT resolution, reason FROM conflict_resolutions WHERE "
                                              "later_deal_pk = %1 AND earlier_deal_pk = %1 AND deleted_at IS NULL")
                                   .arg(pkOfId("deals")));
    q.addBindValue(laterDealId);
    q.addBindValue(earlierDealId);
    Database::exec(q, QStringLiteral("Reading the conflict resolution"));
    if (!q.next())
        return std::nullopt;
    return ConflictResolution{q.value(0).toString(), q.value(1).toString()};
}

void ConflictRepository::restoreResolution(const QString& laterDealId, const QString& earlierDealId,
                                           const std::optional<ConflictResolution>& previous, const Clock& clock)
{
    Transaction tx(m_db);
    if (previous) {
        resolve(laterDealId, earlierDealId, previous->resolution, previous->reason, clock);
    } else {
        const QString at = toIsoUtc(clock.nowUtc());
        QSqlQuery q = m_db.prepare(
            QStringLiteral(
                "UPDATE conflict_resolutions SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE "
                "later_deal_pk = %1 AND earlier_deal_pk = %1 AND deleted_at IS NULL RETURNING pd_uuid_text(id), "
                "version")
                .arg(pkOfId("deals")));
        q.addBindValue(at);
        q.addBindValue(at);
        q.addBindValue(laterDealId);
        q.addBindValue(earlierDealId);
        Database::exec(q, QStringLiteral("Removing the conflict resolution"));
        if (q.next()) {
            const QString rowId = q.value(0).toString();
            const int version = q.value(1).toInt();
            q.finish();
            ChangeRecorder rec(m_db);
            rec.logChange(QStringLiteral("conflict_resolutions"), rowId, QStringLiteral("delete"), version, at);
            rec.audit(QStringLiteral("undo resolve conflict"), QStringLiteral("deals"), laterDealId,
                      QStringLiteral("Conflict resolution removed (undo)"), at);
        }
    }
    tx.commit();
}

} // namespace pd
