#include "storage/TierRepository.h"

#include "domain/FxRateTable.h"
#include "domain/FxRatesUsed.h"
#include "storage/FxRepository.h"

#include "domain/Clock.h"
#include "domain/Money.h"
#include "storage/CertificationRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <QUuid>
#include <algorithm>

namespace pd {

namespace {
const QString kTiers = QStringLiteral("tiers");
const QString kPartners = QStringLiteral("partners");
const QString kHistory = QStringLiteral("partner_tier_history");
constexpr int kMaxPsat = 100;

const QString kSelectTiers =
    QStringLiteral("SELECT pd_uuid_text(id), name, rank, min_revenue_minor, revenue_currency, min_won_deals, "
                   "min_certified_contacts, min_psat, require_onboarding_complete, benefits, version FROM tiers ");

const QString kSelectHistory = QStringLiteral(
    "SELECT pd_uuid_text(h.id), pd_uuid_text(p.id), p.partner_key, h.from_tier, h.to_tier, h.effective_on, h.actor, "
    "h.reason, h.created_at FROM partner_tier_history h JOIN partners p ON p.pk = h.partner_pk ");

template <typename T> std::optional<T> optionalValue(const QVariant& v)
{
    if (v.isNull())
        return std::nullopt;
    return static_cast<T>(v.toLongLong());
}

QVariant bindOptional(const std::optional<qint64>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant bindOptional(const std::optional<int>& v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

Tier readTier(const QSqlQuery& q)
{
    Tier t;
    t.id = q.value(0).toString();
    t.name = q.value(1).toString();
    t.rank = q.value(2).toInt();
    t.minRevenueMinor = optionalValue<qint64>(q.value(3));
    t.revenueCurrency = q.value(4).toString();
    t.minWonDeals = optionalValue<int>(q.value(5));
    t.minCertifiedContacts = optionalValue<int>(q.value(6));
    t.minPsat = optionalValue<int>(q.value(7));
    t.requireOnboardingComplete = q.value(8).toInt() != 0;
    t.benefits = q.value(9).toString();
    t.version = q.value(10).toInt();
    return t;
}

TierHistoryEntry readHistory(const QSqlQuery& q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), QDate::fromString(q.value(5).toString(), Qt::ISODate),
            q.value(6).toString(), q.value(7).toString(), q.value(8).toString()};
}

QString describe(const Tier& t)
{
    QStringList parts;
    if (t.minRevenueMinor)
        parts << QStringLiteral("revenue ≥ %1").arg(formatMoney({*t.minRevenueMinor, t.revenueCurrency}));
    if (t.minWonDeals)
        parts << QStringLiteral("won deals ≥ %1").arg(*t.minWonDeals);
    if (t.minCertifiedContacts)
        parts << QStringLiteral("certified contacts ≥ %1").arg(*t.minCertifiedContacts);
    if (t.minPsat)
        parts << QStringLiteral("PSAT ≥ %1").arg(*t.minPsat);
    if (t.requireOnboardingComplete)
        parts << QStringLiteral("onboarding complete");
    return QStringLiteral("Tier %1 (rank %2): %3")
        .arg(t.name)
        .arg(t.rank)
        .arg(parts.isEmpty() ? QStringLiteral("no criteria") : parts.join(QLatin1String(", ")));
}

void bindTier(QSqlQuery& q, const Tier& t)
{
    q.addBindValue(t.name.trimmed());
    q.addBindValue(t.rank);
    q.addBindValue(bindOptional(t.minRevenueMinor));
    q.addBindValue(t.revenueCurrency);
    q.addBindValue(bindOptional(t.minWonDeals));
    q.addBindValue(bindOptional(t.minCertifiedContacts));
    q.addBindValue(bindOptional(t.minPsat));
    q.addBindValue(t.requireOnboardingComplete ? 1 : 0);
    q.addBindValue(Database::nonNull(t.benefits));
}
} // namespace

TierRepository::TierRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

QList<Tier> TierRepository::listTiers() const
{
    QSqlQuery q = m_db.prepare(kSelectTiers + QStringLiteral("WHERE deleted_at IS NULL ORDER BY rank"));
    Database::exec(q, QStringLiteral("Reading the tier program"));
    QList<Tier> out;
    while (q.next())
        out.append(readTier(q));
    return out;
}

QString TierRepository::revenueCurrency(const QList<Tier>& program)
{
    QList<Tier> tiers = program;
    std::sort(tiers.begin(), tiers.end(), [](const Tier& a, const Tier& b) { return a.rank < b.rank; });
    for (const Tier& t : tiers)
        if (t.minRevenueMinor)
            return t.revenueCurrency;
    return QStringLiteral("USD");
}

void TierRepository::checkTier(const Tier& tier) const
{
    const QString name = tier.name.trimmed();
    if (name.isEmpty())
        throw StorageError(QStringLiteral("A tier needs a name"));
    if (tier.rank < 0)
        throw StorageError(QStringLiteral("The rank of tier %1 must be 0 or more").arg(name));
    if ((tier.minRevenueMinor && *tier.minRevenueMinor < 0) || (tier.minWonDeals && *tier.minWonDeals < 0) ||
        (tier.minCertifiedContacts && *tier.minCertifiedContacts < 0))
        throw StorageError(QStringLiteral("The thresholds of tier %1 must be 0 or more").arg(name));
    if (tier.minPsat && (*tier.minPsat < 0 || *tier.minPsat > kMaxPsat))
        throw StorageError(QStringLiteral("The PSAT threshold of tier %1 must be 0 to %2").arg(name).arg(kMaxPsat));
    if (!isCurrencyCode(tier.revenueCurrency))
        throw StorageError(QStringLiteral("%1 is not a currency code").arg(tier.revenueCurrency));
    for (const Tier& other : listTiers()) {
        if (other.id.compare(tier.id, Qt::CaseInsensitive) == 0)
            continue;
        if (other.name.compare(name, Qt::CaseInsensitive) == 0)
            throw StorageError(QStringLiteral("A tier named %1 already exists").arg(name));
        if (other.rank == tier.rank)
            throw StorageError(QStringLiteral("Tier %1 already has rank %2").arg(other.name).arg(tier.rank));
        if (tier.minRevenueMinor && other.minRevenueMinor && other.revenueCurrency != tier.revenueCurrency)
            throw StorageError(QStringLiteral("Revenue thresholds of the program are in %1; tier %2 must use it too")
                                   .arg(other.revenueCurrency, name));
    }
}

void TierRepository::addTier(Tier& tier)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Tier t = tier;
    t.name = t.name.trimmed();
    t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Transaction tx(m_db);
    checkTier(t);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO tiers (id, created_at, updated_at, version, name, rank, min_revenue_minor, revenue_currency, "
        "min_won_deals, min_certified_contacts, min_psat, require_onboarding_complete, benefits) "
        "VALUES (pd_uuid(?), ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(t.id);
    q.addBindValue(at);
    q.addBindValue(at);
    bindTier(q, t);
    Database::exec(q, QStringLiteral("Saving tier %1").arg(t.name));
    ChangeRecorder rec(m_db);
    rec.logChange(kTiers, t.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), kTiers, t.id, describe(t), at);
    tx.commit();
    t.version = 1;
    tier = t;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::tiersChanged);
}

void TierRepository::updateTier(Tier& tier)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Tier t = tier;
    t.name = t.name.trimmed();
    Transaction tx(m_db);
    checkTier(t);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE tiers SET name = ?, rank = ?, min_revenue_minor = ?, revenue_currency = ?, min_won_deals = ?, "
        "min_certified_contacts = ?, min_psat = ?, require_onboarding_complete = ?, benefits = ?, updated_at = ?, "
        "version = version + 1 WHERE id = pd_uuid(?) AND version = ? AND deleted_at IS NULL"));
    bindTier(q, t);
    q.addBindValue(at);
    q.addBindValue(t.id);
    q.addBindValue(t.version);
    Database::exec(q, QStringLiteral("Saving tier %1").arg(t.name));
    if (q.numRowsAffected() != 1)
        throw StorageError(QStringLiteral("Tier %1 was changed by someone else; reload it and try again").arg(t.name),
                           StorageError::Kind::Conflict);
    ++t.version;
    ChangeRecorder rec(m_db);
    rec.logChange(kTiers, t.id, QStringLiteral("update"), t.version, at);
    rec.audit(QStringLiteral("update"), kTiers, t.id, describe(t), at);
    tx.commit();
    tier = t;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::tiersChanged);
}

void TierRepository::setTierDeleted(const QString& id, bool deleted)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery read =
        m_db.prepare(kSelectTiers + QStringLiteral("WHERE id = pd_uuid(?) AND deleted_at IS %1")
                                        .arg(deleted ? QStringLiteral("NULL") : QStringLiteral("NOT NULL")));
    read.addBindValue(id);
    Database::exec(read, QStringLiteral("Reading a tier"));
    if (!read.next())
        throw StorageError(QStringLiteral("The tier no longer exists"), StorageError::Kind::NotFound);
    const Tier t = readTier(read);
    read.finish();
    if (deleted) {
        const QList<Tier> tiers = listTiers();
        if (!tiers.isEmpty() && tiers.first().id.compare(id, Qt::CaseInsensitive) == 0)
            throw StorageError(
                QStringLiteral("Tier %1 is the entry tier of the program and cannot be removed").arg(t.name));
    } else {
        checkTier(t);
    }
    QSqlQuery q = m_db.prepare(QStringLiteral("UPDATE tiers SET deleted_at = ?, updated_at = ?, "
                                              "version = version + 1 WHERE id = pd_uuid(?)"));
    q.addBindValue(deleted ? QVariant(at) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(at);
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Removing tier %1").arg(t.name));
    ChangeRecorder rec(m_db);
    rec.logChange(kTiers, id, deleted ? QStringLiteral("delete") : QStringLiteral("update"), t.version + 1, at);
    rec.audit(
        deleted ? QStringLiteral("archive") : QStringLiteral("restore"), kTiers, id,
        QStringLiteral("Tier %1 %2").arg(t.name, deleted ? QStringLiteral("removed") : QStringLiteral("restored")), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::tiersChanged);
}

void TierRepository::removeTier(const QString& id)
{
    setTierDeleted(id, true);
}

void TierRepository::restoreTier(const QString& id)
{
    setTierDeleted(id, false);
}

QHash<QString, SourcedWonFigures> TierRepository::sourcedWonT12M(const QDate& asOf, const QString& currency,
                                                                 FxRatesUsed* used) const
{
    // One row per partner, currency and close month: amounts in `currency` are summed as they are, the others convert
    // once per group (SUM of a bigint is numeric on PostgreSQL: cast back).
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(p.id), w.currency, w.month, w.revenue, w.deals FROM (SELECT partner_pk, currency, "
        "substr(closed_on, 1, 7) AS month, CAST(COALESCE(SUM(COALESCE(amount_minor, 0)), 0) AS BIGINT) AS revenue, "
        "COUNT(*) AS deals FROM deals WHERE deleted_at IS NULL AND status = 'Won' AND closed_on > ? AND closed_on <= ? "
        "GROUP BY partner_pk, currency, substr(closed_on, 1, 7)) w JOIN partners p ON p.pk = w.partner_pk"));
    q.addBindValue(isoDate(asOf.addMonths(-12)));
    q.addBindValue(isoDate(asOf));
    Database::exec(q, QStringLiteral("Summing won deals of the last 12 months per partner"));
    struct Group
    {
        QString partnerId, currency, month;
        qint64 revenue = 0;
        int deals = 0;
    };
    QList<Group> groups;
    bool foreign = false;
    while (q.next()) {
        groups.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
                       q.value(4).toInt()});
        foreign = foreign || groups.last().currency != currency;
    }
    q.finish();
    // The rates are read after the query's rows (PostgreSQL streams a result: no second query meanwhile).
    const FxRateTable rates = foreign ? FxRepository::table(m_db) : FxRateTable();
    QHash<QString, SourcedWonFigures> out;
    for (const Group& g : std::as_const(groups)) {
        SourcedWonFigures& f = out[g.partnerId];
        f.wonDeals += g.deals;
        if (g.currency == currency)
            f.revenueMinor += g.revenue;
        else if (const std::optional<qint64> converted =
                     rates.convert(g.revenue, g.currency, g.month, currency, used, g.deals))
            f.revenueMinor += *converted;
    }
    return out;
}

QList<PartnerTierMetrics> TierRepository::metrics(const QDate& asOf, FxRatesUsed* used) const
{
    const QString currency = revenueCurrency(listTiers());
    const QHash<QString, SourcedWonFigures> won = sourcedWonT12M(asOf, currency, used);
    const QHash<QString, int> certified = CertificationRepository(m_db, m_clock).certifiedContactCounts(asOf);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(p.id), p.partner_key, p.name, p.tier, p.stage, o.open_required, o.n FROM partners p "
        "LEFT JOIN (SELECT partner_pk, COUNT(*) AS n, SUM(CASE WHEN required <> 0 AND (done_on IS NULL OR done_on > ?) "
        "THEN 1 ELSE 0 END) AS open_required FROM partner_tasks WHERE deleted_at IS NULL AND kind = 'onboarding' "
        "GROUP BY partner_pk) o ON o.partner_pk = p.pk WHERE p.deleted_at IS NULL ORDER BY p.partner_key"));
    q.addBindValue(isoDate(asOf));
    Database::exec(q, QStringLiteral("Reading partners for the tier evaluation"));
    QList<PartnerTierMetrics> out;
    while (q.next()) {
        PartnerTierMetrics m;
        m.partnerId = q.value(0).toString();
        m.partnerKey = q.value(1).toString();
        m.partnerName = q.value(2).toString();
        m.currentTier = q.value(3).toString();
        const bool hasChecklist = !q.value(6).isNull() && q.value(6).toLongLong() > 0;
        m.onboardingComplete =
            hasChecklist ? q.value(5).toLongLong() == 0 : q.value(4).toString() == QLatin1String("Active");
        const SourcedWonFigures w = won.value(m.partnerId);
        m.revenueMinor = w.revenueMinor;
        m.revenueCurrency = currency;
        m.wonDeals = w.wonDeals;
        m.certifiedContacts = certified.value(m.partnerId);
        out.append(m);
    }
    return out;
}

QList<PartnerTierEvaluation> TierRepository::evaluate(const QDate& asOf, FxRatesUsed* used) const
{
    const QList<Tier> program = listTiers();
    QList<PartnerTierEvaluation> out;
    for (const PartnerTierMetrics& m : metrics(asOf, used))
        out.append({m, evaluateTier(program, m, m.currentTier)});
    return out;
}

TierHistoryEntry TierRepository::applyInTransaction(const QString& partnerId, const QString& tier,
                                                    const QDate& effectiveOn, const QString& reason, const QString& at)
{
    if (!effectiveOn.isValid())
        throw StorageError(QStringLiteral("A tier change needs the date it takes effect"));
    const QList<Tier> program = listTiers();
    const auto target = std::find_if(program.begin(), program.end(),
                                     [&](const Tier& t) { return t.name.compare(tier, Qt::CaseInsensitive) == 0; });
    if (target == program.end())
        throw StorageError(QStringLiteral("The tier program has no tier named %1").arg(tier));
    QSqlQuery read = m_db.prepare(
        QStringLiteral("SELECT pk, tier, partner_key FROM partners WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    read.addBindValue(partnerId);
    Database::exec(read, QStringLiteral("Reading a partner"));
    if (!read.next())
        throw StorageError(QStringLiteral("The partner no longer exists"), StorageError::Kind::NotFound);
    const qint64 partnerPk = read.value(0).toLongLong();
    TierHistoryEntry e;
    e.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.partnerId = partnerId;
    e.fromTier = read.value(1).toString();
    e.partnerKey = read.value(2).toString();
    e.toTier = target->name;
    e.effectiveOn = effectiveOn;
    e.actor = m_db.actor();
    e.reason = reason;
    e.createdAt = at;
    read.finish();
    if (e.fromTier == e.toTier)
        throw StorageError(QStringLiteral("Partner %1 is already in tier %2").arg(e.partnerKey, e.toTier));
    QSqlQuery up = m_db.prepare(QStringLiteral(
        "UPDATE partners SET tier = ?, updated_at = ?, version = version + 1 WHERE pk = ? RETURNING version"));
    up.addBindValue(e.toTier);
    up.addBindValue(at);
    up.addBindValue(partnerPk);
    Database::exec(up, QStringLiteral("Changing the tier of partner %1").arg(e.partnerKey));
    const int version = up.next() ? up.value(0).toInt() : 0;
    up.finish();
    QSqlQuery ins = m_db.prepare(QStringLiteral(
        "INSERT INTO partner_tier_history (id, created_at, partner_pk, from_tier, to_tier, effective_on, actor, "
        "reason) VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, ?)"));
    ins.addBindValue(e.id);
    ins.addBindValue(at);
    ins.addBindValue(partnerPk);
    ins.addBindValue(e.fromTier);
    ins.addBindValue(e.toTier);
    ins.addBindValue(isoDate(effectiveOn));
    ins.addBindValue(Database::nonNull(e.actor));
    ins.addBindValue(Database::nonNull(reason));
    Database::exec(ins, QStringLiteral("Recording the tier change of partner %1").arg(e.partnerKey));
    ChangeRecorder rec(m_db);
    rec.logChange(kPartners, partnerId, QStringLiteral("update"), version, at);
    rec.logChange(kHistory, e.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("change tier"), kPartners, partnerId,
              QStringLiteral("Partner %1 moved from %2 to %3 effective %4%5")
                  .arg(e.partnerKey, e.fromTier, e.toTier, isoDate(effectiveOn),
                       reason.isEmpty() ? QString() : QStringLiteral(": ") + reason),
              at);
    return e;
}

TierHistoryEntry TierRepository::apply(const QString& partnerId, const QString& tier, const QDate& effectiveOn,
                                       const QString& reason)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    TierHistoryEntry e = applyInTransaction(partnerId, tier, effectiveOn, reason, at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, QStringList{partnerId});
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::tiersChanged);
    return e;
}

QList<TierHistoryEntry> TierRepository::applyAll(const QDate& asOf, const QString& reason)
{
    Transaction tx(m_db);
    QList<TierHistoryEntry> planned;
    for (const PartnerTierEvaluation& e : evaluate(asOf)) {
        if (e.evaluation.change == TierChange::Keep || e.evaluation.recommendedTier.isEmpty())
            continue;
        TierHistoryEntry change;
        change.partnerId = e.metrics.partnerId;
        change.toTier = e.evaluation.recommendedTier;
        change.effectiveOn = asOf;
        change.reason = reason;
        planned.append(change);
    }
    QList<TierHistoryEntry> out = applyEach(planned);
    tx.commit();
    return out;
}

QList<TierHistoryEntry> TierRepository::applyEach(const QList<TierHistoryEntry>& changes)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QList<TierHistoryEntry> out;
    QStringList ids;
    for (const TierHistoryEntry& c : changes) {
        out.append(applyInTransaction(c.partnerId, c.toTier, c.effectiveOn, c.reason, at));
        ids.append(c.partnerId);
    }
    tx.commit();
    if (!out.isEmpty()) {
        notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, ids);
        notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::tiersChanged);
    }
    return out;
}

void TierRepository::revert(const QList<TierHistoryEntry>& entries)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    ChangeRecorder rec(m_db);
    QStringList ids;
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        QSqlQuery up = m_db.prepare(QStringLiteral(
            "UPDATE partners SET tier = ?, updated_at = ?, version = version + 1 WHERE id = pd_uuid(?) AND tier = ? "
            "RETURNING version"));
        up.addBindValue(it->fromTier);
        up.addBindValue(at);
        up.addBindValue(it->partnerId);
        up.addBindValue(it->toTier);
        Database::exec(up, QStringLiteral("Restoring the tier of partner %1").arg(it->partnerKey));
        if (!up.next())
            throw StorageError(
                QStringLiteral("The tier of partner %1 was changed since; it stays as it is").arg(it->partnerKey),
                StorageError::Kind::Conflict);
        const int version = up.value(0).toInt();
        up.finish();
        QSqlQuery del = m_db.prepare(QStringLiteral("DELETE FROM partner_tier_history WHERE id = pd_uuid(?)"));
        del.addBindValue(it->id);
        Database::exec(del, QStringLiteral("Removing a tier change"));
        rec.logChange(kPartners, it->partnerId, QStringLiteral("update"), version, at);
        rec.logChange(kHistory, it->id, QStringLiteral("delete"), 1, at);
        rec.audit(QStringLiteral("change tier"), kPartners, it->partnerId,
                  QStringLiteral("Partner %1 moved back from %2 to %3 (tier change undone)")
                      .arg(it->partnerKey, it->toTier, it->fromTier),
                  at);
        ids.append(it->partnerId);
    }
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::partnersChanged, ids);
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::tiersChanged);
}

QList<TierHistoryEntry> TierRepository::history(const QString& partnerId) const
{
    QSqlQuery q = m_db.prepare(kSelectHistory + QStringLiteral("WHERE h.partner_pk = %1 "
                                                               "ORDER BY h.effective_on DESC, h.pk DESC")
                                                    .arg(pkOfId("partners")));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Reading the tier history"));
    QList<TierHistoryEntry> out;
    while (q.next())
        out.append(readHistory(q));
    return out;
}

} // namespace pd
