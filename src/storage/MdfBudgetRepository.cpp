#include "storage/MdfBudgetRepository.h"

#include "domain/Clock.h"
#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/MdfLedgerWriter.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"
#include "storage/Transaction.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
const QString kBudgets = QStringLiteral("mdf_budgets");
const QString kAllocations = QStringLiteral("mdf_allocations");
const QString kShareKey = QStringLiteral("mdf_vendor_share_percent");
const QString kDeadlineKey = QStringLiteral("mdf_claim_deadline_days");

const QString kSelectBudget = QStringLiteral("SELECT pd_uuid_text(id), version, name, period, starts_on, ends_on, "
                                             "amount_minor, currency, status, closed_on FROM mdf_budgets ");

MdfBudget readBudget(const QSqlQuery& q)
{
    MdfBudget b;
    b.id = q.value(0).toString();
    b.version = q.value(1).toInt();
    b.name = q.value(2).toString();
    b.period = q.value(3).toString();
    b.startsOn = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    b.endsOn = QDate::fromString(q.value(5).toString(), Qt::ISODate);
    b.amountMinor = q.value(6).toLongLong();
    b.currency = q.value(7).toString();
    b.closed = q.value(8).toString() == QLatin1String("closed");
    b.closedOn = QDate::fromString(q.value(9).toString(), Qt::ISODate);
    return b;
}

QString nameKey(const QString& name)
{
    return name.trimmed().toCaseFolded();
}

/// Figures from the balances of one partner's accounts (account → balance).
MdfFigures figuresOf(const QHash<QString, qint64>& accounts)
{
    MdfFigures f;
    f.available = accounts.value(QString::fromLatin1(mdf_account::Available));
    f.committed = accounts.value(QString::fromLatin1(mdf_account::Committed));
    f.paid = accounts.value(QString::fromLatin1(mdf_account::Paid));
    f.claimed = accounts.value(QString::fromLatin1(mdf_account::Payable)) + f.paid;
    f.expired = accounts.value(QString::fromLatin1(mdf_account::Expired));
    f.allocated = f.available + f.committed + f.claimed + f.expired;
    return f;
}

/// SQL for whose account `column` of a ledger entry is: 0 (the budget's) for funding and the pool, else the entry's
/// partner (MdfLedgerWriter keeps the balances the same way).
QString holder(const QString& column)
{
    return QStringLiteral("CASE WHEN %1 IN ('funding', 'pool') THEN 0 ELSE COALESCE(partner_pk, 0) END").arg(column);
}

void addFigures(MdfFigures& total, const MdfFigures& f)
{
    total.allocated += f.allocated;
    total.committed += f.committed;
    total.claimed += f.claimed;
    total.paid += f.paid;
    total.available += f.available;
    total.expired += f.expired;
}

qint64 partnerPk(const Database& db, const QString& partnerId)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pk FROM partners WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Finding a partner"));
    if (!q.next())
        throw StorageError(QStringLiteral("The partner no longer exists"), StorageError::Kind::NotFound);
    return q.value(0).toLongLong();
}

void refuseClosed(const MdfLockedBudget& b)
{
    if (b.closed)
        throw StorageError(
            QStringLiteral("Budget %1 is closed (its period ended on %2); nothing more can be allocated from it")
                .arg(b.name, b.endsOn.toString(Qt::ISODate)),
            StorageError::Kind::NotAllowed);
}

/// The statement insertAllocation() runs, prepared once for all the allocations of an operation.
QSqlQuery prepareAllocationInsert(const Database& db)
{
    return db.prepare(QStringLiteral(
        "INSERT INTO mdf_allocations (id, created_at, updated_at, budget_pk, partner_pk, basis, amount_minor, "
        "accrual_basis_points, accrual_period, accrual_revenue_minor, note, operation_pk) VALUES (pd_uuid(?), ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, ?, ?)"));
}

/// Inserts one allocation row of operation `operationPk` with `q` (prepareAllocationInsert()) and posts its entry
/// pool → available. `logChange`: its own change-log entry (a bulk caller logs the rows' range at the end instead).
void insertAllocation(Database& db, QSqlQuery& q, MdfLedgerWriter& writer, const MdfLockedBudget& b, qint64 operationPk,
                      qint64 partner, qint64 amount, const QString& at, int basisPoints, const QString& period,
                      qint64 revenue, const QString& note, bool logChange)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool accrual = !period.isEmpty();
    for (const QVariant& v :
         {QVariant(id), QVariant(at), QVariant(at), QVariant(b.pk), QVariant(partner),
          QVariant(accrual ? QStringLiteral("accrual") : QStringLiteral("fixed")), QVariant(amount),
          accrual ? QVariant(basisPoints) : QVariant(QMetaType::fromType<int>()), Database::nonNull(period),
          accrual ? QVariant(revenue) : QVariant(QMetaType::fromType<qint64>()), Database::nonNull(note),
          QVariant(operationPk)})
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Saving an MDF allocation"));
    if (logChange)
        ChangeRecorder(db).logChange(kAllocations, id, QStringLiteral("insert"), 1, at);
    MdfPosting p;
    p.budgetPk = b.pk;
    p.partnerPk = partner;
    p.kind = QStringLiteral("allocation");
    p.from = QString::fromLatin1(mdf_account::Pool);
    p.to = QString::fromLatin1(mdf_account::Available);
    p.amountMinor = amount;
    p.memo = accrual ? QStringLiteral("accrual %1 of %2 won in %3")
                           .arg(formatBasisPoints(basisPoints), formatMinorUnits(revenue, b.currency), period)
                     : note;
    writer.post(p, b.currency);
}

/// Refuses allocating `amount` when the pool of `b` holds less, saying by how much.
void checkPool(const MdfLedgerWriter& writer, const MdfLockedBudget& b, qint64 amount, const QString& what)
{
    const qint64 pool = writer.balance(b.pk, 0, mdf_account::Pool);
    if (amount > pool)
        throw StorageError(QStringLiteral("%1 of %2 exceeds budget %3 by %4: only %5 is left to allocate")
                               .arg(what, formatMoney({amount, b.currency}), b.name,
                                    formatMoney({amount - pool, b.currency}), formatMoney({pool, b.currency})),
                           StorageError::Kind::NotAllowed);
}
} // namespace

MdfBudgetRepository::MdfBudgetRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

MdfSettings MdfBudgetRepository::settings() const
{
    MdfSettings s;
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT key, value FROM program_settings WHERE key IN (?, ?)"));
    q.addBindValue(kShareKey);
    q.addBindValue(kDeadlineKey);
    Database::exec(q, QStringLiteral("Reading the MDF settings"));
    while (q.next()) {
        if (q.value(0).toString() == kShareKey)
            s.vendorSharePercent = q.value(1).toInt();
        else
            s.claimDeadlineDays = q.value(1).toInt();
    }
    QSqlQuery t = m_db.prepare(
        QStringLiteral("SELECT name, allowed, required_proofs FROM mdf_activity_types ORDER BY position, name"));
    Database::exec(t, QStringLiteral("Reading the MDF activity types"));
    while (t.next())
        s.activityTypes.append({t.value(0).toString(), t.value(1).toInt() != 0,
                                t.value(2).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)});
    return s;
}

void MdfBudgetRepository::saveSettings(const MdfSettings& s)
{
    if (s.vendorSharePercent < 0 || s.vendorSharePercent > 100)
        throw StorageError(
            QStringLiteral("Vendor cost share: %1% is not a percentage from 0 to 100").arg(s.vendorSharePercent),
            StorageError::Kind::NotAllowed);
    if (s.claimDeadlineDays < 0 || s.claimDeadlineDays > 3650)
        throw StorageError(QStringLiteral("Claim deadline: %1 days is not between 0 and 3650").arg(s.claimDeadlineDays),
                           StorageError::Kind::NotAllowed);
    bool anyAllowed = false;
    QSet<QString> names;
    const QStringList proofTypes = mdfProofTypes();
    for (const MdfActivityType& t : s.activityTypes) {
        if (t.name.trimmed().isEmpty() || names.contains(nameKey(t.name)))
            throw StorageError(QStringLiteral("Activity types need distinct names (\"%1\")").arg(t.name),
                               StorageError::Kind::NotAllowed);
        names.insert(nameKey(t.name));
        anyAllowed = anyAllowed || t.allowed;
        for (const QString& p : t.requiredProofs)
            if (!proofTypes.contains(p))
                throw StorageError(QStringLiteral("Activity type %1: \"%2\" is not a proof type; use one of %3")
                                       .arg(t.name, p, proofTypes.join(QStringLiteral(", "))),
                                   StorageError::Kind::NotAllowed);
    }
    if (!anyAllowed)
        throw StorageError(QStringLiteral("At least one activity type must be allowed"),
                           StorageError::Kind::NotAllowed);
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO program_settings (key, value, updated_at) VALUES (?, ?, ?) "
                                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                                              "updated_at = excluded.updated_at"));
    for (const auto& [key, value] : {std::pair{kShareKey, s.vendorSharePercent}, {kDeadlineKey, s.claimDeadlineDays}}) {
        q.addBindValue(key);
        q.addBindValue(QString::number(value));
        q.addBindValue(at);
        Database::exec(q, QStringLiteral("Saving the MDF settings"));
    }
    m_db.execDirect(QStringLiteral("DELETE FROM mdf_activity_types"));
    QSqlQuery t = m_db.prepare(QStringLiteral(
        "INSERT INTO mdf_activity_types (name, position, allowed, required_proofs) VALUES (?, ?, ?, ?)"));
    QStringList summary;
    for (int i = 0; i < s.activityTypes.size(); ++i) {
        const MdfActivityType& a = s.activityTypes.at(i);
        t.addBindValue(a.name.trimmed());
        t.addBindValue(i + 1);
        t.addBindValue(a.allowed ? 1 : 0);
        t.addBindValue(Database::nonNull(a.requiredProofs.join(QLatin1Char(','))));
        Database::exec(t, QStringLiteral("Saving MDF activity type %1").arg(a.name));
        summary << QStringLiteral("%1%2 (%3)")
                       .arg(a.name, a.allowed ? QString() : QStringLiteral(" not allowed"),
                            a.requiredProofs.join(QStringLiteral(", ")));
    }
    ChangeRecorder(m_db).audit(QStringLiteral("update"), QStringLiteral("program_settings"), QString(),
                               QStringLiteral("MDF: vendor share %1%, claim deadline %2 days; activity types %3")
                                   .arg(s.vendorSharePercent)
                                   .arg(s.claimDeadlineDays)
                                   .arg(summary.join(QStringLiteral("; "))),
                               at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{});
}

QList<MdfBudget> MdfBudgetRepository::budgets() const
{
    QSqlQuery q = m_db.prepare(kSelectBudget + QStringLiteral("WHERE deleted_at IS NULL ORDER BY starts_on, name"));
    Database::exec(q, QStringLiteral("Listing MDF budgets"));
    QList<MdfBudget> out;
    while (q.next())
        out.append(readBudget(q));
    return out;
}

MdfBudget MdfBudgetRepository::budget(const QString& id) const
{
    QSqlQuery q = m_db.prepare(kSelectBudget + QStringLiteral("WHERE id = pd_uuid(?)"));
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Reading an MDF budget"));
    if (!q.next())
        throw StorageError(QStringLiteral("The MDF budget no longer exists"), StorageError::Kind::NotFound);
    return readBudget(q);
}

std::optional<MdfBudget> MdfBudgetRepository::findBudget(const QString& nameOrId) const
{
    for (const MdfBudget& b : budgets())
        if (nameKey(b.name) == nameKey(nameOrId) || b.id.compare(nameOrId.trimmed(), Qt::CaseInsensitive) == 0)
            return b;
    return std::nullopt;
}

QString MdfBudgetRepository::createBudget(MdfBudget& budget)
{
    QString error;
    const auto period = parseMdfPeriod(budget.period, &error);
    if (budget.name.trimmed().isEmpty())
        throw StorageError(QStringLiteral("Name: a budget needs a name"), StorageError::Kind::NotAllowed);
    if (!period)
        throw StorageError(QStringLiteral("Period: %1").arg(error), StorageError::Kind::NotAllowed);
    if (!isCurrencyCode(budget.currency))
        throw StorageError(QStringLiteral("Currency: \"%1\" is not an ISO 4217 code").arg(budget.currency),
                           StorageError::Kind::NotAllowed);
    if (budget.amountMinor <= 0)
        throw StorageError(QStringLiteral("Amount: a budget needs an amount above 0"), StorageError::Kind::NotAllowed);
    const QString at = toIsoUtc(m_clock.nowUtc());
    MdfBudget b = budget;
    b.name = b.name.trimmed();
    b.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    b.period = period->text;
    b.startsOn = period->startsOn;
    b.endsOn = period->endsOn;
    b.version = 1;
    b.closed = false;
    Transaction tx(m_db);
    QSqlQuery dup =
        m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM mdf_budgets WHERE name_key = ? AND deleted_at IS NULL"));
    dup.addBindValue(nameKey(b.name));
    Database::exec(dup, QStringLiteral("Checking MDF budget names"));
    if (dup.next() && dup.value(0).toLongLong() > 0)
        throw StorageError(QStringLiteral("Name: a budget named %1 already exists").arg(b.name),
                           StorageError::Kind::NotAllowed);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO mdf_budgets (id, created_at, updated_at, version, name, name_key, period, starts_on, ends_on, "
        "amount_minor, currency) VALUES (pd_uuid(?), ?, ?, 1, ?, ?, ?, ?, ?, ?, ?) RETURNING pk"));
    for (const QVariant& v :
         {QVariant(b.id), QVariant(at), QVariant(at), QVariant(b.name), QVariant(nameKey(b.name)), QVariant(b.period),
          QVariant(isoDate(b.startsOn)), QVariant(isoDate(b.endsOn)), QVariant(b.amountMinor), QVariant(b.currency)})
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Saving MDF budget %1").arg(b.name));
    q.next();
    const qint64 pk = q.value(0).toLongLong();
    q.finish();
    MdfLedgerWriter writer(m_db, at, m_clock.todayUtc());
    writer.beginOperation(QStringLiteral("create budget"), kBudgets, pk, pk, QString(), QStringLiteral("open"), 1);
    MdfPosting p;
    p.budgetPk = pk;
    p.kind = QStringLiteral("funding");
    p.from = QString::fromLatin1(mdf_account::Funding);
    p.to = QString::fromLatin1(mdf_account::Pool);
    p.amountMinor = b.amountMinor;
    p.memo = QStringLiteral("budget %1 for %2").arg(b.name, b.period);
    writer.post(p, b.currency);
    ChangeRecorder rec(m_db);
    rec.logChange(kBudgets, b.id, QStringLiteral("insert"), 1, at);
    rec.audit(
        QStringLiteral("create"), kBudgets, b.id,
        QStringLiteral("MDF budget %1 for %2: %3").arg(b.name, b.period, formatMoney({b.amountMinor, b.currency})), at);
    tx.commit();
    budget = b;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

QString MdfBudgetRepository::changeBudgetAmount(const QString& budgetId, qint64 amountMinor)
{
    if (amountMinor <= 0)
        throw StorageError(QStringLiteral("Amount: a budget needs an amount above 0"), StorageError::Kind::NotAllowed);
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    MdfLedgerWriter writer(m_db, at, m_clock.todayUtc());
    const MdfLockedBudget b = writer.lockBudget(budgetId);
    refuseClosed(b);
    const qint64 current = -writer.balance(b.pk, 0, mdf_account::Funding);
    const qint64 delta = amountMinor - current;
    if (delta == 0)
        throw StorageError(QStringLiteral("Budget %1 already has that amount").arg(b.name),
                           StorageError::Kind::NotAllowed);
    QSqlQuery q = m_db.prepare(QStringLiteral("UPDATE mdf_budgets SET amount_minor = ?, updated_at = ?, "
                                              "version = version + 1 WHERE pk = ? RETURNING version"));
    q.addBindValue(amountMinor);
    q.addBindValue(at);
    q.addBindValue(b.pk);
    Database::exec(q, QStringLiteral("Changing MDF budget %1").arg(b.name));
    q.next();
    const int version = q.value(0).toInt();
    q.finish();
    writer.beginOperation(QStringLiteral("change budget"), kBudgets, b.pk, b.pk, QStringLiteral("open"),
                          QStringLiteral("open"), version);
    MdfPosting p;
    p.budgetPk = b.pk;
    p.kind = QStringLiteral("adjustment");
    p.from = QString::fromLatin1(delta > 0 ? mdf_account::Funding : mdf_account::Pool);
    p.to = QString::fromLatin1(delta > 0 ? mdf_account::Pool : mdf_account::Funding);
    p.amountMinor = qAbs(delta);
    p.memo = QStringLiteral("budget %1 from %2 to %3")
                 .arg(b.name, formatMinorUnits(current, b.currency), formatMinorUnits(amountMinor, b.currency));
    writer.post(p, b.currency,
                QStringLiteral("Budget %1 cannot be lowered to %2: it is already allocated beyond that by %3")
                    .arg(b.name, formatMoney({amountMinor, b.currency}), QStringLiteral("%1")));
    ChangeRecorder rec(m_db);
    rec.logChange(kBudgets, b.id, QStringLiteral("update"), version, at);
    rec.audit(QStringLiteral("update"), kBudgets, b.id, p.memo, at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

QString MdfBudgetRepository::allocateFixed(const QString& budgetId, const QString& partnerId, qint64 amountMinor,
                                           const QString& note)
{
    if (amountMinor <= 0)
        throw StorageError(QStringLiteral("Amount: an allocation needs an amount above 0"),
                           StorageError::Kind::NotAllowed);
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    MdfLedgerWriter writer(m_db, at, m_clock.todayUtc());
    const MdfLockedBudget b = writer.lockBudget(budgetId);
    refuseClosed(b);
    const qint64 partner = partnerPk(m_db, partnerId);
    checkPool(writer, b, amountMinor, QStringLiteral("An allocation"));
    const qint64 op = writer.beginOperation(QStringLiteral("allocate"), kBudgets, b.pk, b.pk, QStringLiteral("open"),
                                            QStringLiteral("open"), 0);
    QSqlQuery insert = prepareAllocationInsert(m_db);
    insertAllocation(m_db, insert, writer, b, op, partner, amountMinor, at, 0, QString(), 0, note, true);
    ChangeRecorder(m_db).audit(
        QStringLiteral("allocate"), kBudgets, b.id,
        QStringLiteral("%1 allocated from MDF budget %2 to partner %3")
            .arg(formatMoney({amountMinor, b.currency}), b.name, idForPk(m_db, "partners", partner)),
        at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

QList<MdfAccrualLine> MdfBudgetRepository::accrualPreview(const QString& budgetId, int basisPoints,
                                                          const QString& accrualPeriod,
                                                          const QStringList& partnerIds) const
{
    QString error;
    const auto period = parseMdfPeriod(accrualPeriod, &error);
    if (!period)
        throw StorageError(QStringLiteral("Accrual period: %1").arg(error), StorageError::Kind::NotAllowed);
    if (basisPoints <= 0 || basisPoints > 10000)
        throw StorageError(QStringLiteral("Accrual percentage: must be above 0% and at most 100%"),
                           StorageError::Kind::NotAllowed);
    const MdfBudget b = budget(budgetId);
    // One pass over the won deals of the period (index deals_status_number), grouped by sourcing partner.
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT partner_pk, SUM(CASE WHEN currency = ? THEN amount_minor ELSE 0 END), "
        "SUM(CASE WHEN currency = ? THEN 0 ELSE 1 END) FROM deals WHERE status = 'Won' AND deleted_at IS NULL AND "
        "closed_on >= ? AND closed_on <= ? GROUP BY partner_pk"));
    q.addBindValue(b.currency);
    q.addBindValue(b.currency);
    q.addBindValue(isoDate(period->startsOn));
    q.addBindValue(isoDate(period->endsOn));
    Database::exec(q, QStringLiteral("Summing won revenue for an accrual"));
    QHash<qint64, std::pair<qint64, int>> won;
    while (q.next())
        won.insert(q.value(0).toLongLong(), {q.value(1).toLongLong(), q.value(2).toInt()});
    QSqlQuery p = m_db.prepare(QStringLiteral("SELECT pk, pd_uuid_text(id), partner_key, name FROM partners WHERE "
                                              "deleted_at IS NULL ORDER BY partner_key"));
    Database::exec(p, QStringLiteral("Listing partners for an accrual"));
    QSet<QString> wanted;
    for (const QString& id : partnerIds)
        wanted.insert(id.toLower());
    QList<MdfAccrualLine> out;
    while (p.next()) {
        if (!wanted.isEmpty() && !wanted.contains(p.value(1).toString().toLower()))
            continue;
        const auto w = won.value(p.value(0).toLongLong());
        out.append({p.value(1).toString(), p.value(2).toString(), p.value(3).toString(), w.first,
                    mdfAccrualAmount(w.first, basisPoints), w.second});
    }
    if (!wanted.isEmpty() && out.size() != wanted.size())
        throw StorageError(QStringLiteral("A partner of the accrual no longer exists"), StorageError::Kind::NotFound);
    return out;
}

QString MdfBudgetRepository::allocateAccrual(const QString& budgetId, int basisPoints, const QString& accrualPeriod,
                                             const QStringList& partnerIds)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    MdfLedgerWriter writer(m_db, at, m_clock.todayUtc());
    const MdfLockedBudget b = writer.lockBudget(budgetId);
    refuseClosed(b);
    const QList<MdfAccrualLine> lines = accrualPreview(budgetId, basisPoints, accrualPeriod, partnerIds);
    qint64 total = 0;
    for (const MdfAccrualLine& l : lines)
        total += l.amountMinor;
    if (total == 0)
        throw StorageError(QStringLiteral("No partner had won revenue in %1 in %2; nothing to allocate")
                               .arg(parseMdfPeriod(accrualPeriod)->text, b.currency),
                           StorageError::Kind::NotAllowed);
    checkPool(writer, b, total, QStringLiteral("The accrual allocations total"));
    const QString period = parseMdfPeriod(accrualPeriod)->text;
    const qint64 op = writer.beginOperation(QStringLiteral("allocate accrual"), kBudgets, b.pk, b.pk,
                                            QStringLiteral("open"), QStringLiteral("open"), 0);
    const KeysById keys = KeysById::read(m_db, "partners");
    // One allocation and one ledger entry per partner: statements prepared once, and the change log written for the
    // rows' key ranges at the end (ChangeRecorder::logInserts) instead of one entry per row.
    ChangeRecorder rec(m_db);
    const qint64 allocationsBefore = rec.largestKey(kAllocations);
    const qint64 entriesBefore = rec.largestKey(QStringLiteral("mdf_ledger"));
    writer.setPerEntryChangeLog(false);
    QSqlQuery insert = prepareAllocationInsert(m_db);
    int partners = 0;
    for (const MdfAccrualLine& l : lines) {
        if (l.amountMinor <= 0)
            continue;
        insertAllocation(m_db, insert, writer, b, op, keys.pkOf(l.partnerId), l.amountMinor, at, basisPoints, period,
                         l.revenueMinor, QString(), false);
        ++partners;
    }
    rec.logInserts(kAllocations, at, allocationsBefore);
    rec.logInserts(QStringLiteral("mdf_ledger"), at, entriesBefore);
    rec.audit(QStringLiteral("allocate"), kBudgets, b.id,
              QStringLiteral("%1 allocated from MDF budget %2 to %3 partners: %4 of won revenue in %5")
                  .arg(formatMoney({total, b.currency}), b.name)
                  .arg(partners)
                  .arg(formatBasisPoints(basisPoints), period),
              at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

QList<MdfAllocation> MdfBudgetRepository::allocations(const QString& budgetId) const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "SELECT pd_uuid_text(a.id), pd_uuid_text(p.id), p.partner_key, p.name, a.basis, a.amount_minor, "
            "a.accrual_basis_points, a.accrual_period, a.accrual_revenue_minor, a.note, a.created_at FROM "
            "mdf_allocations a "
            "JOIN partners p ON p.pk = a.partner_pk WHERE a.budget_pk = %1 AND a.deleted_at IS NULL ORDER BY a.pk")
            .arg(pkOfId("mdf_budgets")));
    q.addBindValue(budgetId);
    Database::exec(q, QStringLiteral("Listing MDF allocations"));
    QList<MdfAllocation> out;
    while (q.next()) {
        MdfAllocation a;
        a.id = q.value(0).toString();
        a.budgetId = budgetId;
        a.partnerId = q.value(1).toString();
        a.partnerKey = q.value(2).toString();
        a.partnerName = q.value(3).toString();
        a.accrual = q.value(4).toString() == QLatin1String("accrual");
        a.amountMinor = q.value(5).toLongLong();
        a.accrualBasisPoints = q.value(6).toInt();
        a.accrualPeriod = q.value(7).toString();
        a.accrualRevenueMinor = q.value(8).toLongLong();
        a.note = q.value(9).toString();
        a.createdAt = fromIsoUtc(q.value(10).toString());
        out.append(a);
    }
    return out;
}

QString MdfBudgetRepository::closePeriod(const QString& budgetId)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    const QDate today = m_clock.todayUtc();
    Transaction tx(m_db);
    MdfLedgerWriter writer(m_db, at, today);
    const MdfLockedBudget b = writer.lockBudget(budgetId);
    if (b.closed)
        throw StorageError(QStringLiteral("Budget %1 is already closed").arg(b.name), StorageError::Kind::NotAllowed);
    if (today <= b.endsOn)
        throw StorageError(QStringLiteral("The period of budget %1 ends on %2; it can be closed from %3")
                               .arg(b.name, b.endsOn.toString(Qt::ISODate), b.endsOn.addDays(1).toString(Qt::ISODate)),
                           StorageError::Kind::NotAllowed);
    QSqlQuery u =
        m_db.prepare(QStringLiteral("UPDATE mdf_budgets SET status = 'closed', closed_on = ?, updated_at = ?, "
                                    "version = version + 1 WHERE pk = ? RETURNING version"));
    u.addBindValue(isoDate(today));
    u.addBindValue(at);
    u.addBindValue(b.pk);
    Database::exec(u, QStringLiteral("Closing MDF budget %1").arg(b.name));
    u.next();
    const int version = u.value(0).toInt();
    u.finish();
    writer.beginOperation(QStringLiteral("close period"), kBudgets, b.pk, b.pk, QStringLiteral("open"),
                          QStringLiteral("closed"), version);
    // What is left available to partners, and the pool.
    QSqlQuery left =
        m_db.prepare(QStringLiteral("SELECT partner_pk, account, amount_minor FROM mdf_balances WHERE "
                                    "budget_pk = ? AND account IN ('available', 'pool') AND amount_minor > 0 "
                                    "ORDER BY partner_pk"));
    left.addBindValue(b.pk);
    Database::exec(left, QStringLiteral("Reading what is left in MDF budget %1").arg(b.name));
    QList<MdfPosting> expiries;
    while (left.next()) {
        MdfPosting p;
        p.budgetPk = b.pk;
        p.partnerPk = left.value(0).toLongLong();
        p.kind = QStringLiteral("expiry");
        p.from = left.value(1).toString();
        p.to = QString::fromLatin1(mdf_account::Expired);
        p.amountMinor = left.value(2).toLongLong();
        p.memo = QStringLiteral("unused at the end of %1").arg(b.endsOn.toString(Qt::ISODate));
        expiries.append(p);
    }
    left.finish();
    // Commitments of approved requests whose claim deadline has passed without a claim that is not rejected.
    const int deadline = settings().claimDeadlineDays;
    QSqlQuery late = m_db.prepare(QStringLiteral(
        "SELECT r.pk, r.partner_pk, r.number, r.ends_on, "
        "COALESCE((SELECT SUM(CASE WHEN l.to_account = 'committed' THEN l.amount_minor ELSE -l.amount_minor END) "
        "FROM mdf_ledger l WHERE l.request_pk = r.pk AND (l.to_account = 'committed' OR l.from_account = "
        "'committed')), 0) FROM mdf_requests r WHERE r.budget_pk = ? AND r.status = 'Approved' AND r.deleted_at IS "
        "NULL AND NOT EXISTS (SELECT 1 FROM mdf_claims c WHERE c.request_pk = r.pk AND c.deleted_at IS NULL AND "
        "c.status <> 'Rejected')"));
    late.addBindValue(b.pk);
    Database::exec(late, QStringLiteral("Reading the commitments of MDF budget %1").arg(b.name));
    while (late.next()) {
        const QDate due = mdfClaimDueDate(QDate::fromString(late.value(3).toString(), Qt::ISODate), deadline);
        const qint64 committed = late.value(4).toLongLong();
        if (due >= today || committed <= 0)
            continue;
        MdfPosting p;
        p.budgetPk = b.pk;
        p.partnerPk = late.value(1).toLongLong();
        p.kind = QStringLiteral("expiry");
        p.from = QString::fromLatin1(mdf_account::Committed);
        p.to = QString::fromLatin1(mdf_account::Expired);
        p.amountMinor = committed;
        p.requestPk = late.value(0).toLongLong();
        p.memo = QStringLiteral("MDF request %1 not claimed by %2").arg(late.value(2).toLongLong()).arg(isoDate(due));
        expiries.append(p);
    }
    late.finish();
    qint64 expired = 0;
    for (const MdfPosting& p : std::as_const(expiries)) {
        writer.post(p, b.currency);
        expired += p.amountMinor;
    }
    ChangeRecorder rec(m_db);
    rec.logChange(kBudgets, b.id, QStringLiteral("update"), version, at);
    rec.audit(QStringLiteral("close period"), kBudgets, b.id,
              QStringLiteral("MDF budget %1 closed for %2: %3 expired")
                  .arg(b.name, b.endsOn.toString(Qt::ISODate), formatMoney({expired, b.currency})),
              at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

MdfBudgetStatus MdfBudgetRepository::status(const QString& budgetId) const
{
    MdfBudgetStatus s;
    s.budget = budget(budgetId);
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "SELECT b.partner_pk, p.partner_key, b.account, b.amount_minor FROM mdf_balances b LEFT JOIN partners p ON "
            "p.pk = b.partner_pk WHERE b.budget_pk = %1 ORDER BY p.partner_key, b.partner_pk")
            .arg(pkOfId("mdf_budgets")));
    q.addBindValue(budgetId);
    Database::exec(q, QStringLiteral("Reading the balances of MDF budget %1").arg(s.budget.name));
    qint64 funding = 0;
    qint64 sum = 0;
    bool negative = false;
    qint64 currentPartner = -1;
    QString currentKey;
    QHash<QString, qint64> accounts;
    auto flush = [&] {
        if (currentPartner > 0) {
            const MdfFigures f = figuresOf(accounts);
            s.partners.append({currentKey, f});
            addFigures(s.total, f);
        }
        accounts.clear();
    };
    while (q.next()) {
        const qint64 partner = q.value(0).toLongLong();
        const QString account = q.value(2).toString();
        const qint64 amount = q.value(3).toLongLong();
        sum += amount;
        if (partner != currentPartner) {
            flush();
            currentPartner = partner;
            currentKey = q.value(1).toString();
        }
        if (partner == 0) {
            if (account == QLatin1String(mdf_account::Funding))
                funding = amount;
            else if (account == QLatin1String(mdf_account::Pool))
                s.unallocatedMinor = amount;
            else if (account == QLatin1String(mdf_account::Expired))
                s.poolExpiredMinor = amount;
        } else {
            accounts.insert(account, amount);
        }
        negative = negative || (amount < 0 && account != QLatin1String(mdf_account::Funding));
    }
    flush();
    s.total.expired += s.poolExpiredMinor;
    s.balanced = !negative && sum == 0 && funding == -s.budget.amountMinor;
    return s;
}

QList<QPair<MdfBudget, MdfFigures>> MdfBudgetRepository::partnerFigures(const QString& partnerId) const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT pd_uuid_text(bu.id), b.account, b.amount_minor FROM mdf_balances "
                                    "b JOIN mdf_budgets bu ON bu.pk = b.budget_pk WHERE b.partner_pk = %1 AND "
                                    "bu.deleted_at IS NULL ORDER BY bu.starts_on, bu.name")
                         .arg(pkOfId("partners")));
    q.addBindValue(partnerId);
    Database::exec(q, QStringLiteral("Reading a partner's MDF balances"));
    QList<QString> order;
    QHash<QString, QHash<QString, qint64>> byBudget;
    while (q.next()) {
        const QString id = q.value(0).toString();
        if (!byBudget.contains(id))
            order.append(id);
        byBudget[id].insert(q.value(1).toString(), q.value(2).toLongLong());
    }
    QList<QPair<MdfBudget, MdfFigures>> out;
    for (const QString& id : order)
        out.append({budget(id), figuresOf(byBudget.value(id))});
    return out;
}

QList<MdfLedgerEntry> MdfBudgetRepository::ledger(const QString& period) const
{
    QString canonical;
    if (!period.trimmed().isEmpty()) {
        QString error;
        const auto p = parseMdfPeriod(period, &error);
        if (!p)
            throw StorageError(QStringLiteral("Period: %1").arg(error), StorageError::Kind::NotAllowed);
        canonical = p->text;
    }
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "SELECT l.pk, pd_uuid_text(l.id), l.created_at, l.posted_on, b.name, b.period, b.currency, p.partner_key, "
            "l.kind, l.from_account, l.to_account, l.amount_minor, r.number, pd_uuid_text(c.id), l.reverses_pk, "
            "l.actor, l.memo FROM mdf_ledger l JOIN mdf_budgets b ON b.pk = l.budget_pk LEFT JOIN partners p ON p.pk = "
            "l.partner_pk LEFT JOIN mdf_requests r ON r.pk = l.request_pk LEFT JOIN mdf_claims c ON c.pk = l.claim_pk "
            "%1 ORDER BY l.pk")
            .arg(canonical.isEmpty() ? QString() : QStringLiteral("WHERE b.period = ?")));
    if (!canonical.isEmpty())
        q.addBindValue(canonical);
    q.setForwardOnly(true);
    Database::exec(q, QStringLiteral("Reading the MDF ledger"));
    QList<MdfLedgerEntry> out;
    while (q.next()) {
        MdfLedgerEntry e;
        e.number = q.value(0).toLongLong();
        e.id = q.value(1).toString();
        e.createdAt = fromIsoUtc(q.value(2).toString());
        e.postedOn = QDate::fromString(q.value(3).toString(), Qt::ISODate);
        e.budgetName = q.value(4).toString();
        e.period = q.value(5).toString();
        e.currency = q.value(6).toString();
        e.partnerKey = q.value(7).toString();
        e.kind = q.value(8).toString();
        e.fromAccount = q.value(9).toString();
        e.toAccount = q.value(10).toString();
        e.amountMinor = q.value(11).toLongLong();
        e.requestNumber = q.value(12).toLongLong();
        e.claimId = q.value(13).toString();
        e.reversesNumber = q.value(14).toLongLong();
        e.actor = q.value(15).toString();
        e.memo = q.value(16).toString();
        out.append(e);
    }
    return out;
}

bool MdfBudgetRepository::verifyLedger(const QString& budgetId, QString* problem) const
{
    const MdfBudget b = budget(budgetId);
    auto fail = [&](const QString& why) {
        if (problem)
            *problem = QStringLiteral("The ledger of MDF budget %1 does not balance: %2").arg(b.name, why);
        return false;
    };
    using Key = std::pair<qint64, QString>;
    QMap<Key, qint64> fromEntries;
    QSqlQuery sums = m_db.prepare(
        QStringLiteral(
            "SELECT %2, to_account, SUM(amount_minor), 1 FROM mdf_ledger WHERE budget_pk = %1 GROUP BY %2, to_account "
            "UNION ALL SELECT %3, from_account, SUM(amount_minor), -1 FROM mdf_ledger WHERE budget_pk = %1 GROUP BY "
            "%3, "
            "from_account")
            .arg(pkOfId("mdf_budgets"), holder(QStringLiteral("to_account")), holder(QStringLiteral("from_account"))));
    sums.addBindValue(budgetId);
    sums.addBindValue(budgetId);
    Database::exec(sums, QStringLiteral("Summing the MDF ledger"));
    while (sums.next())
        fromEntries[{sums.value(0).toLongLong(), sums.value(1).toString()}] +=
            sums.value(2).toLongLong() * sums.value(3).toInt();
    QMap<Key, qint64> balances;
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT partner_pk, account, amount_minor FROM mdf_balances WHERE budget_pk = %1")
                         .arg(pkOfId("mdf_budgets")));
    q.addBindValue(budgetId);
    Database::exec(q, QStringLiteral("Reading the MDF balances"));
    while (q.next())
        balances[{q.value(0).toLongLong(), q.value(1).toString()}] = q.value(2).toLongLong();
    qint64 sum = 0;
    for (auto it = fromEntries.begin(); it != fromEntries.end(); ++it) {
        if (balances.value(it.key()) != it.value())
            return fail(QStringLiteral("the %1 balance of partner row %2 is %3, its entries sum to %4")
                            .arg(it.key().second)
                            .arg(it.key().first)
                            .arg(balances.value(it.key()))
                            .arg(it.value()));
        if (it.value() < 0 && it.key().second != QLatin1String(mdf_account::Funding))
            return fail(QStringLiteral("the %1 account of partner row %2 is below zero")
                            .arg(it.key().second)
                            .arg(it.key().first));
        sum += it.value();
    }
    for (auto it = balances.begin(); it != balances.end(); ++it)
        if (it.value() != 0 && !fromEntries.contains(it.key()))
            return fail(QStringLiteral("the %1 balance of partner row %2 has no entries")
                            .arg(it.key().second)
                            .arg(it.key().first));
    if (sum != 0)
        return fail(QStringLiteral("its accounts sum to %1 instead of 0").arg(sum));
    const qint64 funding = fromEntries.value({0, QString::fromLatin1(mdf_account::Funding)});
    if (funding != -b.amountMinor)
        return fail(QStringLiteral("the funding is %1, the budget's amount %2")
                        .arg(formatMoney({-funding, b.currency}), formatMoney({b.amountMinor, b.currency})));
    return true;
}

} // namespace pd
