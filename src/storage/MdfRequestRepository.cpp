#include "storage/MdfRequestRepository.h"

#include "domain/Clock.h"
#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "storage/AttachmentRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/CheckedCopy.h"
#include "storage/Database.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfLedgerWriter.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"
#include "storage/Transaction.h"

#include <QHash>
#include <QSqlQuery>
#include <QUuid>
#include <functional>

namespace pd {

std::optional<qint64> MdfReturnRow::costPerLeadMinor() const
{
    if (leads <= 0)
        return std::nullopt;
    return (spentMinor + leads / 2) / leads;
}

std::optional<double> MdfReturnRow::revenuePerMdfDollar() const
{
    if (spentMinor <= 0)
        return std::nullopt;
    return double(wonMinor) / double(spentMinor);
}

namespace {
const QString kRequests = QStringLiteral("mdf_requests");
const QString kClaims = QStringLiteral("mdf_claims");

const QString kSelectRequest = QStringLiteral(
    "SELECT pd_uuid_text(r.id), r.version, r.number, pd_uuid_text(b.id), b.name, b.currency, pd_uuid_text(p.id), "
    "p.partner_key, p.name, r.activity_type, r.description, r.starts_on, r.ends_on, r.total_cost_minor, "
    "r.requested_minor, r.approved_minor, r.expected_leads, r.expected_pipeline_minor, r.status, r.created_at, "
    "r.submitted_at, r.decided_at, r.decided_by, r.reason, r.pk, r.budget_pk, r.partner_pk FROM mdf_requests r "
    "JOIN mdf_budgets b ON b.pk = r.budget_pk JOIN partners p ON p.pk = r.partner_pk WHERE r.deleted_at IS NULL ");

const QString kSelectClaim = QStringLiteral(
    "SELECT pd_uuid_text(c.id), c.version, pd_uuid_text(r.id), r.number, p.partner_key, b.currency, "
    "c.actual_cost_minor, c.claimed_minor, c.leads, c.status, c.submitted_on, c.decided_at, c.decided_by, c.reason, "
    "c.paid_on, c.payment_reference, c.pk FROM mdf_claims c JOIN mdf_requests r ON r.pk = c.request_pk JOIN "
    "mdf_budgets b ON b.pk = r.budget_pk JOIN partners p ON p.pk = r.partner_pk WHERE c.deleted_at IS NULL ");

struct RequestRow
{
    MdfRequest request;
    qint64 pk = 0;
    qint64 budgetPk = 0;
    qint64 partnerPk = 0;
};

QDate dateOf(const QVariant& v)
{
    return QDate::fromString(v.toString(), Qt::ISODate);
}

RequestRow readRequest(const QSqlQuery& q)
{
    RequestRow row;
    MdfRequest& r = row.request;
    r.id = q.value(0).toString();
    r.version = q.value(1).toInt();
    r.number = q.value(2).toLongLong();
    r.budgetId = q.value(3).toString();
    r.budgetName = q.value(4).toString();
    r.currency = q.value(5).toString();
    r.partnerId = q.value(6).toString();
    r.partnerKey = q.value(7).toString();
    r.partnerName = q.value(8).toString();
    r.activityType = q.value(9).toString();
    r.description = q.value(10).toString();
    r.startsOn = dateOf(q.value(11));
    r.endsOn = dateOf(q.value(12));
    r.totalCostMinor = q.value(13).toLongLong();
    r.requestedMinor = q.value(14).toLongLong();
    r.approvedMinor = q.value(15).toLongLong();
    r.expectedLeads = q.value(16).toInt();
    r.expectedPipelineMinor = q.value(17).toLongLong();
    parseMdfRequestStatus(q.value(18).toString(), &r.status);
    r.createdAt = fromIsoUtc(q.value(19).toString());
    r.submittedAt = fromIsoUtc(q.value(20).toString());
    r.decidedAt = fromIsoUtc(q.value(21).toString());
    r.decidedBy = q.value(22).toString();
    r.reason = q.value(23).toString();
    row.pk = q.value(24).toLongLong();
    row.budgetPk = q.value(25).toLongLong();
    row.partnerPk = q.value(26).toLongLong();
    return row;
}

MdfClaim readClaim(const QSqlQuery& q)
{
    MdfClaim c;
    c.id = q.value(0).toString();
    c.version = q.value(1).toInt();
    c.requestId = q.value(2).toString();
    c.requestNumber = q.value(3).toLongLong();
    c.partnerKey = q.value(4).toString();
    c.currency = q.value(5).toString();
    c.actualCostMinor = q.value(6).toLongLong();
    c.claimedMinor = q.value(7).toLongLong();
    c.leads = q.value(8).toInt();
    parseMdfClaimStatus(q.value(9).toString(), &c.status);
    c.submittedOn = dateOf(q.value(10));
    c.decidedAt = fromIsoUtc(q.value(11).toString());
    c.decidedBy = q.value(12).toString();
    c.reason = q.value(13).toString();
    c.paidOn = dateOf(q.value(14));
    c.paymentReference = q.value(15).toString();
    return c;
}

RequestRow requestRow(const Database& db, const QString& where, const QVariant& value)
{
    QSqlQuery q = db.prepare(kSelectRequest + QStringLiteral("AND ") + where);
    q.addBindValue(value);
    Database::exec(q, QStringLiteral("Reading an MDF request"));
    if (!q.next())
        throw StorageError(QStringLiteral("The MDF request no longer exists"), StorageError::Kind::NotFound);
    return readRequest(q);
}

/// The amount still committed to request `requestPk` (its entries into committed minus those out of it).
qint64 committedFor(const Database& db, qint64 requestPk)
{
    QSqlQuery q = db.prepare(QStringLiteral(
        "SELECT COALESCE(SUM(CASE WHEN to_account = 'committed' THEN amount_minor ELSE -amount_minor END), 0) FROM "
        "mdf_ledger WHERE request_pk = ? AND (to_account = 'committed' OR from_account = 'committed')"));
    q.addBindValue(requestPk);
    Database::exec(q, QStringLiteral("Reading an MDF commitment"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

/// The claims of request `requestPk` that are not rejected or removed (at most one).
std::optional<MdfClaim> activeClaim(const Database& db, qint64 requestPk)
{
    QSqlQuery q = db.prepare(kSelectClaim + QStringLiteral("AND c.request_pk = ? AND c.status <> 'Rejected'"));
    q.addBindValue(requestPk);
    Database::exec(q, QStringLiteral("Reading the claims of an MDF request"));
    if (!q.next())
        return std::nullopt;
    return readClaim(q);
}

/// A bind value that stands for the write's instant in a status change's extra values (a user's text never is one).
QVariant nowMarker()
{
    return QVariant(QMetaType::fromType<QDateTime>());
}

/// The conditions of `filter` over the aliases b (budget), p (partner) and `statusColumn`, appended to a WHERE
/// clause (" AND …"), with their bound values in `values`.
QString filterWhere(const MdfFilter& filter, const QString& statusColumn, QVariantList* values)
{
    QString where;
    if (!filter.budgetId.isEmpty()) {
        where += QStringLiteral(" AND b.id = pd_uuid(?)");
        *values << filter.budgetId;
    }
    if (!filter.partnerId.isEmpty()) {
        where += QStringLiteral(" AND p.id = pd_uuid(?)");
        *values << filter.partnerId;
    }
    if (!filter.statuses.isEmpty()) {
        where +=
            QStringLiteral(" AND %1 IN (%2)")
                .arg(statusColumn, QStringList(filter.statuses.size(), QStringLiteral("?")).join(QStringLiteral(", ")));
        for (const QString& status : filter.statuses)
            *values << status;
    }
    return where;
}
} // namespace

MdfRequestRepository::MdfRequestRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

QString MdfRequestRepository::createRequest(MdfRequest& request, bool submit)
{
    const MdfSettings settings = MdfBudgetRepository(m_db, m_clock).settings();
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    MdfLedgerWriter writer(m_db, at, m_clock.todayUtc());
    const MdfLockedBudget b = writer.lockBudget(request.budgetId);
    if (b.closed)
        throw StorageError(QStringLiteral("Budget %1 is closed; file the request against an open budget").arg(b.name),
                           StorageError::Kind::NotAllowed);
    MdfRequest r = request;
    r.currency = b.currency;
    r.budgetName = b.name;
    r.activityType = r.activityType.trimmed().toLower();
    if (const QString problem = checkMdfRequest(r, settings); !problem.isEmpty())
        throw StorageError(problem, StorageError::Kind::NotAllowed);
    QSqlQuery partner =
        m_db.prepare(QStringLiteral("SELECT pk, partner_key, name FROM partners WHERE id = pd_uuid(?) AND "
                                    "deleted_at IS NULL"));
    partner.addBindValue(r.partnerId);
    Database::exec(partner, QStringLiteral("Finding a partner"));
    if (!partner.next())
        throw StorageError(QStringLiteral("Partner: the partner no longer exists"), StorageError::Kind::NotFound);
    const qint64 partnerPk = partner.value(0).toLongLong();
    r.partnerKey = partner.value(1).toString();
    r.partnerName = partner.value(2).toString();
    partner.finish();
    QSqlQuery counter = m_db.prepare(
        QStringLiteral("UPDATE book_counters SET value = value + 1 WHERE name = 'mdf_request_number' RETURNING value"));
    Database::exec(counter, QStringLiteral("Numbering an MDF request"));
    counter.next();
    r.number = counter.value(0).toLongLong();
    counter.finish();
    r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.status = submit ? MdfRequestStatus::Submitted : MdfRequestStatus::Draft;
    r.version = 1;
    r.createdAt = fromIsoUtc(at);
    r.submittedAt = submit ? r.createdAt : QDateTime();
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO mdf_requests (id, created_at, updated_at, number, budget_pk, partner_pk, activity_type, "
        "description, starts_on, ends_on, total_cost_minor, requested_minor, expected_leads, expected_pipeline_minor, "
        "status, submitted_at) VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk"));
    for (const QVariant& v :
         {QVariant(r.id), QVariant(at), QVariant(at), QVariant(r.number), QVariant(b.pk), QVariant(partnerPk),
          QVariant(r.activityType), QVariant(r.description.trimmed()), QVariant(isoDate(r.startsOn)),
          QVariant(isoDate(r.endsOn)), QVariant(r.totalCostMinor), QVariant(r.requestedMinor),
          QVariant(r.expectedLeads), QVariant(r.expectedPipelineMinor), QVariant(toString(r.status)),
          submit ? QVariant(at) : QVariant(QMetaType::fromType<QString>())})
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Saving MDF request %1").arg(r.number));
    q.next();
    const qint64 pk = q.value(0).toLongLong();
    q.finish();
    writer.beginOperation(submit ? QStringLiteral("submit request") : QStringLiteral("create request"), kRequests, pk,
                          b.pk, QString(), toString(r.status), 1);
    ChangeRecorder rec(m_db);
    rec.logChange(kRequests, r.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), kRequests, r.id,
              QStringLiteral("MDF request %1 (%2) by %3 for a %4: %5 of %6, %7")
                  .arg(r.number)
                  .arg(toString(r.status), r.partnerKey, r.activityType, formatMoney({r.requestedMinor, r.currency}),
                       formatMoney({r.totalCostMinor, r.currency}), r.description),
              at);
    tx.commit();
    request = r;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

void MdfRequestRepository::updateDraft(MdfRequest& request)
{
    const MdfSettings settings = MdfBudgetRepository(m_db, m_clock).settings();
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const RequestRow row = requestRow(m_db, QStringLiteral("r.id = pd_uuid(?)"), request.id);
    MdfRequest r = request;
    r.currency = row.request.currency;
    r.activityType = r.activityType.trimmed().toLower();
    if (row.request.status != MdfRequestStatus::Draft)
        throw StorageError(QStringLiteral("MDF request %1 is %2; only a draft can be edited")
                               .arg(row.request.number)
                               .arg(toString(row.request.status)),
                           StorageError::Kind::NotAllowed);
    if (const QString problem = checkMdfRequest(r, settings); !problem.isEmpty())
        throw StorageError(problem, StorageError::Kind::NotAllowed);
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE mdf_requests SET activity_type = ?, description = ?, starts_on = ?, ends_on = ?, total_cost_minor = ?, "
        "requested_minor = ?, expected_leads = ?, expected_pipeline_minor = ?, updated_at = ?, version = version + 1 "
        "WHERE pk = ? AND version = ? AND status = 'Draft' AND deleted_at IS NULL RETURNING version"));
    for (const QVariant& v : {QVariant(r.activityType), QVariant(r.description.trimmed()),
                              QVariant(isoDate(r.startsOn)), QVariant(isoDate(r.endsOn)), QVariant(r.totalCostMinor),
                              QVariant(r.requestedMinor), QVariant(r.expectedLeads), QVariant(r.expectedPipelineMinor),
                              QVariant(at), QVariant(row.pk), QVariant(request.version)})
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Saving MDF request %1").arg(row.request.number));
    if (!q.next())
        throw StorageError(QStringLiteral("MDF request %1 was changed by someone else; reload it and try again")
                               .arg(row.request.number),
                           StorageError::Kind::Conflict);
    r.version = q.value(0).toInt();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(kRequests, r.id, QStringLiteral("update"), r.version, at);
    rec.audit(QStringLiteral("update"), kRequests, r.id,
              QStringLiteral("MDF request %1 (draft): %2 of %3 for a %4")
                  .arg(row.request.number)
                  .arg(formatMoney({r.requestedMinor, r.currency}), formatMoney({r.totalCostMinor, r.currency}),
                       r.activityType),
              at);
    tx.commit();
    request = r;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{r.budgetId});
}

namespace {
/// A request's status change with its ledger movements, in one transaction: `act` runs after the row was updated
/// (status, version) and the operation recorded; it posts entries with `writer`.
struct Transition
{
    QString action;
    MdfRequestStatus to;
    QString extraSet; ///< ", approved_minor = ?" …
    QVariantList extraValues;
    std::function<void(const RequestRow&, const MdfLockedBudget&, MdfLedgerWriter&)> act;
};
} // namespace

static QString runTransition(Database& db, const Clock& clock, ChangeNotifier* notifier, const QString& requestId,
                             const Transition& t, const QString& details)
{
    const QString at = toIsoUtc(clock.nowUtc());
    Transaction tx(db);
    MdfLedgerWriter writer(db, at, clock.todayUtc());
    const RequestRow before = requestRow(db, QStringLiteral("r.id = pd_uuid(?)"), requestId);
    const MdfLockedBudget b = writer.lockBudgetByPk(before.budgetPk);
    // Read again under the lock: another writer may have moved it meanwhile.
    const RequestRow row = requestRow(db, QStringLiteral("r.pk = ?"), before.pk);
    if (!mdfRequestTransitionAllowed(row.request.status, t.to))
        throw StorageError(QStringLiteral("MDF request %1 is %2; it cannot be %3")
                               .arg(row.request.number)
                               .arg(toString(row.request.status), t.action),
                           StorageError::Kind::NotAllowed);
    QSqlQuery q =
        db.prepare(QStringLiteral("UPDATE mdf_requests SET status = ?, updated_at = ?, version = version + 1%1 "
                                  "WHERE pk = ? RETURNING version")
                       .arg(t.extraSet));
    q.addBindValue(toString(t.to));
    q.addBindValue(at);
    for (const QVariant& v : t.extraValues)
        q.addBindValue(v.metaType() == nowMarker().metaType() ? QVariant(at) : v);
    q.addBindValue(row.pk);
    Database::exec(q, QStringLiteral("Changing MDF request %1").arg(row.request.number));
    q.next();
    const int version = q.value(0).toInt();
    q.finish();
    writer.beginOperation(t.action + QStringLiteral(" request"), kRequests, row.pk, b.pk, toString(row.request.status),
                          toString(t.to), version);
    if (t.act)
        t.act(row, b, writer);
    ChangeRecorder rec(db);
    rec.logChange(kRequests, row.request.id, QStringLiteral("update"), version, at);
    rec.audit(t.action, kRequests, row.request.id,
              QStringLiteral("MDF request %1 of %2: %3 → %4%5")
                  .arg(row.request.number)
                  .arg(row.request.partnerKey, toString(row.request.status), toString(t.to),
                       details.isEmpty() ? QString() : QStringLiteral("; ") + details),
              at);
    tx.commit();
    notifyAfterCommit(db, notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

QString MdfRequestRepository::submit(const QString& requestId)
{
    const MdfSettings settings = MdfBudgetRepository(m_db, m_clock).settings();
    Transition t{QStringLiteral("submitted"),
                 MdfRequestStatus::Submitted,
                 QStringLiteral(", submitted_at = ?"),
                 {nowMarker()},
                 [&](const RequestRow& row, const MdfLockedBudget&, MdfLedgerWriter&) {
                     if (const QString problem = checkMdfRequest(row.request, settings); !problem.isEmpty())
                         throw StorageError(problem, StorageError::Kind::NotAllowed);
                 }};
    return runTransition(m_db, m_clock, m_notifier, requestId, t, QString());
}

QString MdfRequestRepository::approve(const QString& requestId, qint64 approvedMinor)
{
    Transition t{QStringLiteral("approved"),
                 MdfRequestStatus::Approved,
                 QStringLiteral(", approved_minor = ?, decided_at = ?, decided_by = ?, reason = ''"),
                 {approvedMinor, nowMarker(), Database::nonNull(m_db.actor())},
                 [&](const RequestRow& row, const MdfLockedBudget& b, MdfLedgerWriter& writer) {
                     const MdfRequest& r = row.request;
                     if (approvedMinor <= 0 || approvedMinor > r.requestedMinor)
                         throw StorageError(QStringLiteral("Approved amount: must be above 0 and at most the requested "
                                                           "%1")
                                                .arg(formatMoney({r.requestedMinor, r.currency})),
                                            StorageError::Kind::NotAllowed);
                     const qint64 available = writer.balance(b.pk, row.partnerPk, mdf_account::Available);
                     if (approvedMinor > available)
                         throw StorageError(
                             QStringLiteral("Approving %1 for MDF request %2 exceeds the funds partner %3 has "
                                            "available in budget %4 by %5 (available: %6)")
                                 .arg(formatMoney({approvedMinor, r.currency}))
                                 .arg(r.number)
                                 .arg(r.partnerKey, b.name, formatMoney({approvedMinor - available, r.currency}),
                                      formatMoney({available, r.currency})),
                             StorageError::Kind::NotAllowed);
                     MdfPosting p;
                     p.budgetPk = b.pk;
                     p.partnerPk = row.partnerPk;
                     p.kind = QStringLiteral("commitment");
                     p.from = QString::fromLatin1(mdf_account::Available);
                     p.to = QString::fromLatin1(mdf_account::Committed);
                     p.amountMinor = approvedMinor;
                     p.requestPk = row.pk;
                     p.memo = QStringLiteral("MDF request %1 approved").arg(r.number);
                     writer.post(p, b.currency);
                 }};
    return runTransition(m_db, m_clock, m_notifier, requestId, t,
                         QStringLiteral("approved amount %1").arg(approvedMinor));
}

QString MdfRequestRepository::reject(const QString& requestId, const QString& reason)
{
    if (reason.trimmed().isEmpty())
        throw StorageError(QStringLiteral("Reason: say why the request is rejected"), StorageError::Kind::NotAllowed);
    Transition t{QStringLiteral("rejected"),
                 MdfRequestStatus::Rejected,
                 QStringLiteral(", decided_at = ?, decided_by = ?, reason = ?"),
                 {nowMarker(), Database::nonNull(m_db.actor()), reason.trimmed()},
                 {}};
    return runTransition(m_db, m_clock, m_notifier, requestId, t, reason.trimmed());
}

QString MdfRequestRepository::cancel(const QString& requestId, const QString& reason)
{
    Transition t{QStringLiteral("cancelled"),
                 MdfRequestStatus::Cancelled,
                 QStringLiteral(", reason = ?"),
                 {Database::nonNull(reason.trimmed())},
                 [&](const RequestRow& row, const MdfLockedBudget& b, MdfLedgerWriter& writer) {
                     if (row.request.status != MdfRequestStatus::Approved)
                         return;
                     if (const auto claim = activeClaim(m_db, row.pk))
                         throw StorageError(QStringLiteral("MDF request %1 has a claim that is %2; an approved request "
                                                           "with a claim cannot be cancelled")
                                                .arg(row.request.number)
                                                .arg(toString(claim->status)),
                                            StorageError::Kind::NotAllowed);
                     const qint64 committed = committedFor(m_db, row.pk);
                     if (committed <= 0)
                         return;
                     MdfPosting p;
                     p.budgetPk = b.pk;
                     p.partnerPk = row.partnerPk;
                     p.kind = QStringLiteral("release");
                     p.from = QString::fromLatin1(mdf_account::Committed);
                     p.to = QString::fromLatin1(b.closed ? mdf_account::Expired : mdf_account::Available);
                     p.amountMinor = committed;
                     p.requestPk = row.pk;
                     p.memo = QStringLiteral("MDF request %1 cancelled").arg(row.request.number);
                     writer.post(p, b.currency);
                 }};
    return runTransition(m_db, m_clock, m_notifier, requestId, t, reason.trimmed());
}

MdfRequest MdfRequestRepository::request(const QString& id) const
{
    return requestRow(m_db, QStringLiteral("r.id = pd_uuid(?)"), id).request;
}

std::optional<MdfRequest> MdfRequestRepository::requestByNumber(qint64 number) const
{
    QSqlQuery q = m_db.prepare(kSelectRequest + QStringLiteral("AND r.number = ?"));
    q.addBindValue(number);
    Database::exec(q, QStringLiteral("Reading an MDF request"));
    if (!q.next())
        return std::nullopt;
    return readRequest(q).request;
}

QList<MdfRequest> MdfRequestRepository::requests(const MdfFilter& filter) const
{
    QVariantList values;
    const QString where = filterWhere(filter, QStringLiteral("r.status"), &values);
    QSqlQuery q = m_db.prepare(kSelectRequest + where + QStringLiteral(" ORDER BY r.number"));
    for (const QVariant& v : std::as_const(values))
        q.addBindValue(v);
    q.setForwardOnly(true);
    Database::exec(q, QStringLiteral("Listing MDF requests"));
    QList<MdfRequest> out;
    while (q.next())
        out.append(readRequest(q).request);
    return out;
}

QString MdfRequestRepository::fileClaim(MdfClaim& claim, const QList<MdfProofFile>& proofs)
{
    const MdfSettings settings = MdfBudgetRepository(m_db, m_clock).settings();
    const QString at = toIsoUtc(m_clock.nowUtc());
    const QDate today = m_clock.todayUtc();
    const QStringList proofTypes = mdfProofTypes();
    MdfClaim c = claim;
    c.proofs.clear();
    for (const MdfProofFile& f : proofs) {
        if (!proofTypes.contains(f.proofType))
            throw StorageError(QStringLiteral("Proof of performance: \"%1\" is not a proof type; use one of %2")
                                   .arg(f.proofType, proofTypes.join(QStringLiteral(", "))),
                               StorageError::Kind::NotAllowed);
        if (f.bytes.size() > AttachmentRepository::DefaultMaxStoredBytes)
            throw StorageError(QStringLiteral("Proof of performance: %1 is %2 bytes; a proof file kept in the book may "
                                              "have at most %3 bytes")
                                   .arg(f.fileName)
                                   .arg(f.bytes.size())
                                   .arg(AttachmentRepository::DefaultMaxStoredBytes),
                               StorageError::Kind::NotAllowed);
        const QString sha = sha256Hex(f.bytes);
        if (!f.sha256.isEmpty() && f.sha256 != sha)
            throw StorageError(QStringLiteral("Proof of performance: %1 changed while it was read (SHA-256 %2, now %3)")
                                   .arg(f.fileName, f.sha256, sha),
                               StorageError::Kind::NotAllowed);
        c.proofs.append({QString(), QString(), f.proofType, f.fileName, qint64(f.bytes.size()), sha});
    }
    Transaction tx(m_db);
    MdfLedgerWriter writer(m_db, at, today);
    const RequestRow first = requestRow(m_db, QStringLiteral("r.id = pd_uuid(?)"), c.requestId);
    const MdfLockedBudget b = writer.lockBudgetByPk(first.budgetPk);
    const RequestRow row = requestRow(m_db, QStringLiteral("r.pk = ?"), first.pk);
    if (const auto other = activeClaim(m_db, row.pk))
        throw StorageError(QStringLiteral("MDF request %1 already has a claim that is %2 (filed on %3)")
                               .arg(row.request.number)
                               .arg(toString(other->status), other->submittedOn.toString(Qt::ISODate)),
                           StorageError::Kind::NotAllowed);
    if (const QString problem = checkMdfClaim(c, row.request, settings, today); !problem.isEmpty())
        throw StorageError(problem, StorageError::Kind::NotAllowed);
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.version = 1;
    c.status = MdfClaimStatus::Submitted;
    c.submittedOn = today;
    c.requestNumber = row.request.number;
    c.partnerKey = row.request.partnerKey;
    c.currency = row.request.currency;
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO mdf_claims (id, created_at, updated_at, request_pk, actual_cost_minor, claimed_minor, leads, "
        "status, submitted_on) VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, 'Submitted', ?) RETURNING pk"));
    for (const QVariant& v : {QVariant(c.id), QVariant(at), QVariant(at), QVariant(row.pk), QVariant(c.actualCostMinor),
                              QVariant(c.claimedMinor), QVariant(c.leads), QVariant(isoDate(today))})
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Saving a claim of MDF request %1").arg(row.request.number));
    q.next();
    const qint64 claimPk = q.value(0).toLongLong();
    q.finish();
    QSqlQuery proof = m_db.prepare(QStringLiteral(
        "INSERT INTO mdf_proofs (id, created_at, updated_at, claim_pk, proof_type, file_name, size_bytes, sha256, "
        "content) VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, ?, ?)"));
    ChangeRecorder rec(m_db);
    for (int i = 0; i < proofs.size(); ++i) {
        MdfProof& p = c.proofs[i];
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        p.claimId = c.id;
        for (const QVariant& v :
             {QVariant(p.id), QVariant(at), QVariant(at), QVariant(claimPk), QVariant(p.proofType),
              QVariant(p.fileName), QVariant(p.sizeBytes), QVariant(p.sha256), QVariant(proofs.at(i).bytes)})
            proof.addBindValue(v);
        Database::exec(proof, QStringLiteral("Storing proof of performance %1").arg(p.fileName));
        rec.logChange(QStringLiteral("mdf_proofs"), p.id, QStringLiteral("insert"), 1, at);
    }
    writer.beginOperation(QStringLiteral("file claim"), kClaims, claimPk, b.pk, QString(), QStringLiteral("Submitted"),
                          1);
    rec.logChange(kClaims, c.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), kClaims, c.id,
              QStringLiteral("Claim of %1 for MDF request %2 of %3 (actual cost %4, %5 leads, %6 proof files)")
                  .arg(formatMoney({c.claimedMinor, c.currency}))
                  .arg(row.request.number)
                  .arg(row.request.partnerKey, formatMoney({c.actualCostMinor, c.currency}))
                  .arg(c.leads)
                  .arg(c.proofs.size()),
              at);
    tx.commit();
    c.requestId = row.request.id;
    claim = c;
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}

namespace {
/// A claim's status change with its ledger movements (see Transition).
QString runClaimTransition(Database& db, const Clock& clock, ChangeNotifier* notifier, const QString& claimId,
                           MdfClaimStatus from, MdfClaimStatus to, const QString& action, const QString& extraSet,
                           const QVariantList& extraValues,
                           const std::function<void(const MdfClaim&, qint64, const RequestRow&, const MdfLockedBudget&,
                                                    MdfLedgerWriter&)>& act)
{
    const QString at = toIsoUtc(clock.nowUtc());
    Transaction tx(db);
    MdfLedgerWriter writer(db, at, clock.todayUtc());
    QSqlQuery find = db.prepare(kSelectClaim + QStringLiteral("AND c.id = pd_uuid(?)"));
    find.addBindValue(claimId);
    Database::exec(find, QStringLiteral("Reading an MDF claim"));
    if (!find.next())
        throw StorageError(QStringLiteral("The claim no longer exists"), StorageError::Kind::NotFound);
    const qint64 claimPk = find.value(16).toLongLong();
    const QString requestId = find.value(2).toString();
    find.finish();
    const RequestRow first = requestRow(db, QStringLiteral("r.id = pd_uuid(?)"), requestId);
    const MdfLockedBudget b = writer.lockBudgetByPk(first.budgetPk);
    QSqlQuery again = db.prepare(kSelectClaim + QStringLiteral("AND c.pk = ?"));
    again.addBindValue(claimPk);
    Database::exec(again, QStringLiteral("Reading an MDF claim"));
    if (!again.next())
        throw StorageError(QStringLiteral("The claim no longer exists"), StorageError::Kind::NotFound);
    const MdfClaim c = readClaim(again);
    again.finish();
    if (c.status != from)
        throw StorageError(QStringLiteral("The claim of MDF request %1 is %2; it cannot be %3")
                               .arg(c.requestNumber)
                               .arg(toString(c.status), action),
                           StorageError::Kind::NotAllowed);
    QSqlQuery q = db.prepare(QStringLiteral("UPDATE mdf_claims SET status = ?, updated_at = ?, version = version + 1%1 "
                                            "WHERE pk = ? RETURNING version")
                                 .arg(extraSet));
    q.addBindValue(toString(to));
    q.addBindValue(at);
    for (const QVariant& v : extraValues)
        q.addBindValue(v.metaType() == nowMarker().metaType() ? QVariant(at) : v);
    q.addBindValue(claimPk);
    Database::exec(q, QStringLiteral("Changing a claim of MDF request %1").arg(c.requestNumber));
    q.next();
    const int version = q.value(0).toInt();
    q.finish();
    writer.beginOperation(action + QStringLiteral(" claim"), kClaims, claimPk, b.pk, toString(from), toString(to),
                          version);
    if (act)
        act(c, claimPk, first, b, writer);
    ChangeRecorder rec(db);
    rec.logChange(kClaims, c.id, QStringLiteral("update"), version, at);
    rec.audit(action, kClaims, c.id,
              QStringLiteral("Claim of %1 for MDF request %2 of %3: %4 → %5")
                  .arg(formatMoney({c.claimedMinor, c.currency}))
                  .arg(c.requestNumber)
                  .arg(c.partnerKey, toString(from), toString(to)),
              at);
    tx.commit();
    notifyAfterCommit(db, notifier, &ChangeNotifier::mdfChanged, QStringList{b.id});
    return writer.lastOperationId();
}
} // namespace

QString MdfRequestRepository::approveClaim(const QString& claimId)
{
    return runClaimTransition(
        m_db, m_clock, m_notifier, claimId, MdfClaimStatus::Submitted, MdfClaimStatus::Approved,
        QStringLiteral("approved"), QStringLiteral(", decided_at = ?, decided_by = ?, reason = ''"),
        {nowMarker(), Database::nonNull(m_db.actor())},
        [&](const MdfClaim& c, qint64 claimPk, const RequestRow& row, const MdfLockedBudget& b,
            MdfLedgerWriter& writer) {
            const qint64 committed = committedFor(m_db, row.pk);
            if (c.claimedMinor > committed)
                throw StorageError(QStringLiteral("The claim of %1 for MDF request %2 is %3 more than is still "
                                                  "committed to it (%4)")
                                       .arg(formatMoney({c.claimedMinor, c.currency}))
                                       .arg(c.requestNumber)
                                       .arg(formatMoney({c.claimedMinor - committed, c.currency}),
                                            formatMoney({committed, c.currency})),
                                   StorageError::Kind::NotAllowed);
            MdfPosting p;
            p.budgetPk = b.pk;
            p.partnerPk = row.partnerPk;
            p.kind = QStringLiteral("claim approval");
            p.from = QString::fromLatin1(mdf_account::Committed);
            p.to = QString::fromLatin1(mdf_account::Payable);
            p.amountMinor = c.claimedMinor;
            p.requestPk = row.pk;
            p.claimPk = claimPk;
            p.memo = QStringLiteral("claim of MDF request %1 approved").arg(c.requestNumber);
            writer.post(p, b.currency);
            if (committed > c.claimedMinor) {
                p.kind = QStringLiteral("release");
                p.to = QString::fromLatin1(b.closed ? mdf_account::Expired : mdf_account::Available);
                p.amountMinor = committed - c.claimedMinor;
                p.memo = QStringLiteral("MDF request %1 claimed for less than approved").arg(c.requestNumber);
                writer.post(p, b.currency);
            }
        });
}

QString MdfRequestRepository::rejectClaim(const QString& claimId, const QString& reason)
{
    if (reason.trimmed().isEmpty())
        throw StorageError(QStringLiteral("Reason: say why the claim is rejected"), StorageError::Kind::NotAllowed);
    return runClaimTransition(m_db, m_clock, m_notifier, claimId, MdfClaimStatus::Submitted, MdfClaimStatus::Rejected,
                              QStringLiteral("rejected"),
                              QStringLiteral(", decided_at = ?, decided_by = ?, reason = ?"),
                              {nowMarker(), Database::nonNull(m_db.actor()), reason.trimmed()}, {});
}

QString MdfRequestRepository::payClaim(const QString& claimId, const QDate& paidOn, const QString& reference)
{
    if (!paidOn.isValid() || paidOn > m_clock.todayUtc())
        throw StorageError(QStringLiteral("Payment date: give a date that is not after today (%1)")
                               .arg(m_clock.todayUtc().toString(Qt::ISODate)),
                           StorageError::Kind::NotAllowed);
    if (reference.trimmed().isEmpty())
        throw StorageError(QStringLiteral("Payment reference: give the reference of the payment"),
                           StorageError::Kind::NotAllowed);
    return runClaimTransition(
        m_db, m_clock, m_notifier, claimId, MdfClaimStatus::Approved, MdfClaimStatus::Paid, QStringLiteral("paid"),
        QStringLiteral(", paid_on = ?, payment_reference = ?"), {isoDate(paidOn), reference.trimmed()},
        [&](const MdfClaim& c, qint64 claimPk, const RequestRow& row, const MdfLockedBudget& b,
            MdfLedgerWriter& writer) {
            MdfPosting p;
            p.budgetPk = b.pk;
            p.partnerPk = row.partnerPk;
            p.kind = QStringLiteral("payment");
            p.from = QString::fromLatin1(mdf_account::Payable);
            p.to = QString::fromLatin1(mdf_account::Paid);
            p.amountMinor = c.claimedMinor;
            p.requestPk = row.pk;
            p.claimPk = claimPk;
            p.memo = QStringLiteral("paid on %1, reference %2").arg(isoDate(paidOn), reference.trimmed());
            writer.post(p, b.currency);
        });
}

MdfClaim MdfRequestRepository::claim(const QString& id) const
{
    QSqlQuery q = m_db.prepare(kSelectClaim + QStringLiteral("AND c.id = pd_uuid(?)"));
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Reading an MDF claim"));
    if (!q.next())
        throw StorageError(QStringLiteral("The claim no longer exists"), StorageError::Kind::NotFound);
    MdfClaim c = readClaim(q);
    QSqlQuery p = m_db.prepare(QStringLiteral(
        "SELECT pd_uuid_text(id), proof_type, file_name, size_bytes, sha256 FROM mdf_proofs WHERE claim_pk = ? AND "
        "deleted_at IS NULL ORDER BY pk"));
    p.addBindValue(q.value(16).toLongLong());
    Database::exec(p, QStringLiteral("Reading proof of performance"));
    while (p.next())
        c.proofs.append({p.value(0).toString(), c.id, p.value(1).toString(), p.value(2).toString(),
                         p.value(3).toLongLong(), p.value(4).toString()});
    return c;
}

QList<MdfClaim> MdfRequestRepository::claims(const MdfFilter& filter) const
{
    QVariantList values;
    const QString where = filterWhere(filter, QStringLiteral("c.status"), &values);
    QSqlQuery q = m_db.prepare(kSelectClaim + where + QStringLiteral(" ORDER BY c.submitted_on, c.pk"));
    for (const QVariant& v : std::as_const(values))
        q.addBindValue(v);
    q.setForwardOnly(true);
    Database::exec(q, QStringLiteral("Listing MDF claims"));
    QList<MdfClaim> out;
    QHash<qint64, qsizetype> byPk;
    while (q.next()) {
        byPk.insert(q.value(16).toLongLong(), out.size());
        out.append(readClaim(q));
    }
    q.finish();
    if (out.isEmpty())
        return out;
    // The proofs of the listed claims, in one query under the same filter (not every proof of the book).
    QSqlQuery p = m_db.prepare(
        QStringLiteral("SELECT pf.claim_pk, pd_uuid_text(pf.id), pf.proof_type, pf.file_name, pf.size_bytes, pf.sha256 "
                       "FROM mdf_proofs pf JOIN mdf_claims c ON c.pk = pf.claim_pk JOIN mdf_requests r ON r.pk = "
                       "c.request_pk JOIN mdf_budgets b ON b.pk = r.budget_pk JOIN partners p ON p.pk = r.partner_pk "
                       "WHERE pf.deleted_at IS NULL AND c.deleted_at IS NULL%1 ORDER BY pf.pk")
            .arg(where));
    for (const QVariant& v : std::as_const(values))
        p.addBindValue(v);
    p.setForwardOnly(true);
    Database::exec(p, QStringLiteral("Reading proof of performance"));
    while (p.next()) {
        const auto it = byPk.constFind(p.value(0).toLongLong());
        if (it == byPk.cend())
            continue;
        MdfClaim& c = out[*it];
        c.proofs.append({p.value(1).toString(), c.id, p.value(2).toString(), p.value(3).toString(),
                         p.value(4).toLongLong(), p.value(5).toString()});
    }
    return out;
}

QString MdfRequestRepository::saveProofCopy(const QString& proofId, const QString& targetPath) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT file_name, sha256, content FROM mdf_proofs WHERE id = pd_uuid(?) AND deleted_at IS NULL"));
    q.addBindValue(proofId);
    Database::exec(q, QStringLiteral("Reading proof of performance"));
    if (!q.next())
        throw StorageError(QStringLiteral("The proof of performance no longer exists"), StorageError::Kind::NotFound);
    return writeCheckedCopy(q.value(2).toByteArray(), q.value(1).toString(), q.value(0).toString(), targetPath);
}

void MdfRequestRepository::linkDeal(const QString& dealId, const QString& requestId)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    std::optional<RequestRow> row;
    if (!requestId.isEmpty())
        row = requestRow(m_db, QStringLiteral("r.id = pd_uuid(?)"), requestId);
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE deals SET mdf_request_pk = ?, updated_at = ?, version = version + "
                                    "1 WHERE id = pd_uuid(?) AND deleted_at IS NULL RETURNING version, "
                                    "registration_number"));
    q.addBindValue(row ? QVariant(row->pk) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(at);
    q.addBindValue(dealId);
    Database::exec(q, QStringLiteral("Linking a deal to an MDF request"));
    if (!q.next())
        throw StorageError(QStringLiteral("The deal no longer exists"), StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    const qint64 number = q.value(1).toLongLong();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("deals"), dealId, QStringLiteral("update"), version, at);
    rec.audit(QStringLiteral("update"), QStringLiteral("deals"), dealId,
              row ? QStringLiteral("Registration %1 linked to MDF request %2").arg(number).arg(row->request.number)
                  : QStringLiteral("Registration %1 no longer linked to an MDF request").arg(number),
              at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::dealsChanged, QStringList{dealId});
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::mdfChanged,
                      row ? QStringList{row->request.budgetId} : QStringList{});
}

std::optional<MdfRequest> MdfRequestRepository::linkedRequest(const QString& dealId) const
{
    QSqlQuery q = m_db.prepare(kSelectRequest + QStringLiteral("AND r.pk = (SELECT d.mdf_request_pk FROM deals d WHERE "
                                                               "d.id = pd_uuid(?))"));
    q.addBindValue(dealId);
    Database::exec(q, QStringLiteral("Reading the MDF request of a deal"));
    if (!q.next())
        return std::nullopt;
    return readRequest(q).request;
}

QList<MdfReturnRow> MdfRequestRepository::mdfReturn(const QString& budgetId, bool byActivityType) const
{
    const QString group = byActivityType ? QStringLiteral("r.activity_type") : QStringLiteral("p.partner_key");
    const QString budgetWhere = budgetId.isEmpty() ? QString() : QStringLiteral(" AND b.id = pd_uuid(?)");
    // Spend and leads from the claims; pipeline and won revenue from the deals linked to the requests.
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "SELECT %1, b.currency, "
            "COALESCE(SUM(CASE WHEN c.status IN ('Approved', 'Paid') THEN c.claimed_minor END), 0), "
            "COALESCE(SUM(CASE WHEN c.status <> 'Rejected' THEN c.leads END), 0), 0, 0, 0 "
            "FROM mdf_requests r JOIN mdf_budgets b ON b.pk = r.budget_pk JOIN partners p ON p.pk = r.partner_pk "
            "JOIN mdf_claims c ON c.request_pk = r.pk AND c.deleted_at IS NULL WHERE r.deleted_at IS NULL%2 "
            "GROUP BY %1, b.currency "
            "UNION ALL SELECT %1, b.currency, 0, 0, "
            "COALESCE(SUM(CASE WHEN d.status IN ('Draft', 'Submitted', 'Approved') THEN COALESCE(d.amount_minor, "
            "pr.list_price_minor) END), 0), "
            "COALESCE(SUM(CASE WHEN d.status = 'Won' THEN d.amount_minor END), 0), COUNT(*) "
            "FROM deals d JOIN mdf_requests r ON r.pk = d.mdf_request_pk JOIN mdf_budgets b ON b.pk = r.budget_pk "
            "JOIN partners p ON p.pk = r.partner_pk JOIN products pr ON pr.pk = d.product_pk WHERE "
            "d.mdf_request_pk IS NOT NULL AND d.deleted_at IS NULL AND r.deleted_at IS NULL%2 GROUP BY %1, "
            "b.currency")
            .arg(group, budgetWhere));
    if (!budgetId.isEmpty()) {
        q.addBindValue(budgetId);
        q.addBindValue(budgetId);
    }
    Database::exec(q, QStringLiteral("Computing the MDF return"));
    QMap<std::pair<QString, QString>, MdfReturnRow> rows;
    while (q.next()) {
        MdfReturnRow& r = rows[{q.value(0).toString(), q.value(1).toString()}];
        r.group = q.value(0).toString();
        r.currency = q.value(1).toString();
        r.spentMinor += q.value(2).toLongLong();
        r.leads += q.value(3).toInt();
        r.pipelineMinor += q.value(4).toLongLong();
        r.wonMinor += q.value(5).toLongLong();
        r.deals += q.value(6).toInt();
    }
    return rows.values();
}

} // namespace pd
