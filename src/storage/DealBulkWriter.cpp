#include "storage/DealBulkWriter.h"

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"

#include <QSqlQuery>
#include <cstring>
#include <sqlite3.h>

namespace pd {

namespace {
/// The columns written, in the order of the statements' parameters.
const char* const kInsertColumns = "id, created_at, updated_at, version, external_id, registration_number, partner_pk, "
                                   "contact_pk, account_pk, product_pk, status, registered_at, expected_close, "
                                   "closed_on, amount_minor, currency, notes";
constexpr int kParameters = 17;
/// Rows per multi-row INSERT on PostgreSQL (17 parameters a row, far below its 65,535).
constexpr int kPostgresRows = 500;
/// The indexes kept during a bulk load: external ids (the importer's duplicate check looks them up), and the indexes
/// whose keys grow with the rows' keys in a bulk load (ids are time-ordered, timeOrderedRawUuids; registration
/// numbers are given in file order, one block above the book's highest; within a status too), so each insert
/// appends at one of a few places instead of a random one: cheaper to keep than to rebuild.
const char* const kKeptIndexes[] = {"deals_external_id", "deals_id", "deals_registration_number",
                                    "deals_registration_number_unique", "deals_status_number"};

bool validYear(const QDate& d)
{
    return d.isValid() && d.year() >= 0 && d.year() <= 9999;
}
} // namespace

/// SQLite's prepared single-row INSERT, finalized with the writer.
struct DealBulkWriter::Statement
{
    sqlite3_stmt* stmt = nullptr;
    ~Statement() { sqlite3_finalize(stmt); }
};

DealBulkWriter::DealBulkWriter(Database& db) : m_db(db), m_statusNames(dealStatusNames()) {}

void DealBulkWriter::begin(const QString& at, bool dropIndexes)
{
    if (m_db.transactionDepth() == 0)
        throw StorageError(QStringLiteral("A bulk load of deals needs the writing transaction"));
    m_at = at;
    m_atMs = fromIsoUtc(at).toMSecsSinceEpoch();
    m_sequence = 0;
    m_written = 0;
    m_droppedIndexes.clear();
    // Only on SQLite, whose writers are serialized by BEGIN IMMEDIATE and whose readers keep seeing the committed
    // schema. On PostgreSQL a DROP INDEX (or a dropped constraint) takes an exclusive lock on deals until the commit:
    // every reader of the shared book would wait for the whole import, and two imports deadlocked on it
    // (tst_booksharing). There the rows go into the table with its indexes and constraints in place.
    if (dropIndexes && m_db.dialect() == Database::Dialect::Sqlite) {
        QSqlQuery q =
            m_db.prepare(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                        "tbl_name = 'deals' AND sql IS NOT NULL AND name NOT IN (?, ?, ?, ?, ?)"));
        for (const char* kept : kKeptIndexes)
            q.addBindValue(QString::fromLatin1(kept));
        Database::exec(q, QStringLiteral("Reading the indexes of deals"));
        QStringList names;
        while (q.next()) {
            names << q.value(0).toString();
            m_droppedIndexes << q.value(1).toString();
        }
        q.finish();
        for (const QString& name : std::as_const(names))
            m_db.execDirect(QStringLiteral("DROP INDEX %1").arg(name)); // names read from the schema, not a user
    }
    if (sqlite3* handle = m_db.sqliteHandle()) {
        m_statement = std::make_unique<Statement>();
        const QByteArray sql = QStringLiteral("INSERT INTO deals (%1) VALUES (?%2)")
                                   .arg(QLatin1String(kInsertColumns), QStringLiteral(", ?").repeated(kParameters - 1))
                                   .toUtf8();
        if (sqlite3_prepare_v2(handle, sql.constData(), int(sql.size()), &m_statement->stmt, nullptr) != SQLITE_OK)
            throw StorageError(QStringLiteral("Preparing the bulk load of deals failed: %1")
                                   .arg(QString::fromUtf8(sqlite3_errmsg(handle))));
    }
}

DealBulkWriter::~DealBulkWriter() = default;

QList<qsizetype> DealBulkWriter::write(const QList<Deal>& deals, const QList<Keys>& keys)
{
    if (deals.isEmpty())
        return {};
    if (keys.size() != deals.size())
        throw StorageError(
            QStringLiteral("A bulk load of deals got %1 rows and %2 sets of keys").arg(deals.size()).arg(keys.size()));
    QList<qsizetype> refused;
    if (m_statement)
        refused = writeSqlite(deals, keys);
    else
        writePostgres(deals, keys);
    m_written += deals.size() - refused.size();
    m_sequence += deals.size();
    return refused;
}

QList<qsizetype> DealBulkWriter::writeSqlite(const QList<Deal>& deals, const QList<Keys>& keys)
{
    sqlite3* handle = m_db.sqliteHandle();
    sqlite3_stmt* st = m_statement->stmt;
    // Text goes in as UTF-16 straight from the QStrings (SQLITE_STATIC: they outlive the step), or as ASCII written
    // into buffers on the stack: no allocation of ours per value.
    auto text = [st](int index, const QString& value) {
        if (value.isNull())
            sqlite3_bind_null(st, index);
        else
            sqlite3_bind_text16(st, index, value.utf16(), int(value.size() * 2), SQLITE_STATIC);
    };
    const QByteArray at = m_at.toLatin1();
    QList<QByteArray> statuses;
    for (const QString& name : std::as_const(m_statusNames))
        statuses << name.toLatin1();
    const QString empty = QStringLiteral("");
    const std::vector<RawUuid> ids = timeOrderedRawUuids(deals.size(), m_atMs, m_sequence);
    QList<qsizetype> refused;
    qint64 shift = 0; // numbers not taken by refused rows so far
    unsigned char id[16];
    char registered[24], expected[10], closed[10];
    for (qsizetype n = 0; n < deals.size(); ++n) {
        const Deal& d = deals.at(n);
        const Keys& k = keys.at(n);
        if ((n & 4095) == 4095)
            m_db.throwIfInterrupted();
        ids[size_t(n)].writeBytes(id); // stored compactly (schema v6, UuidSql.h)
        sqlite3_bind_blob(st, 1, id, 16, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, at.constData(), int(at.size()), SQLITE_STATIC);
        sqlite3_bind_text(st, 3, at.constData(), int(at.size()), SQLITE_STATIC);
        sqlite3_bind_int(st, 4, 1);
        text(5, d.externalId.isEmpty() ? QString() : d.externalId);
        sqlite3_bind_int64(st, 6, d.registrationNumber > 0 ? d.registrationNumber - shift : 0);
        sqlite3_bind_int64(st, 7, k.partner);
        if (k.contact == 0)
            sqlite3_bind_null(st, 8);
        else
            sqlite3_bind_int64(st, 8, k.contact);
        if (k.account == 0)
            sqlite3_bind_null(st, 9);
        else
            sqlite3_bind_int64(st, 9, k.account);
        sqlite3_bind_int64(st, 10, k.product);
        const QByteArray& status = statuses.at(int(d.status));
        sqlite3_bind_text(st, 11, status.constData(), int(status.size()), SQLITE_STATIC);
        if (d.registeredAt.isValid() && validYear(d.registeredAt.date()))
            sqlite3_bind_text(st, 12, registered, isoInstantAscii(d.registeredAt, registered), SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 12);
        if (validYear(d.expectedClose))
            sqlite3_bind_text(st, 13, expected, isoDateAscii(d.expectedClose, expected), SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 13);
        if (validYear(d.closedOn))
            sqlite3_bind_text(st, 14, closed, isoDateAscii(d.closedOn, closed), SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 14);
        if (d.amountMinor < 0)
            sqlite3_bind_null(st, 15);
        else
            sqlite3_bind_int64(st, 15, d.amountMinor);
        text(16, d.currency.isNull() ? empty : d.currency);
        text(17, d.notes.isNull() ? empty : d.notes);
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        // A duplicate external id: SQLite undid this one statement, the transaction goes on.
        if ((rc & 0xff) == SQLITE_CONSTRAINT && sqlite3_extended_errcode(handle) == SQLITE_CONSTRAINT_UNIQUE &&
            std::strstr(sqlite3_errmsg(handle), "deals.external_id")) {
            refused.append(n);
            if (d.registrationNumber > 0)
                ++shift;
            continue;
        }
        if (rc != SQLITE_DONE)
            throw StorageError(QStringLiteral("Saving deal %1 failed: %2")
                                   .arg(d.externalId.isEmpty() ? QString::number(d.registrationNumber) : d.externalId,
                                        QString::fromUtf8(sqlite3_errmsg(handle))),
                               rc == SQLITE_INTERRUPT ? StorageError::Kind::Cancelled : StorageError::Kind::Failed);
    }
    sqlite3_clear_bindings(st);
    return refused;
}

void DealBulkWriter::writePostgres(const QList<Deal>& deals, const QList<Keys>& keys)
{
    const QStringList ids = timeOrderedUuids(deals.size(), m_atMs, m_sequence);
    const QString one = QLatin1Char('(') + QStringLiteral("?, ").repeated(kParameters - 1) + QStringLiteral("?)");
    auto sqlFor = [&one](qsizetype rows) {
        QStringList values;
        values.reserve(rows);
        for (qsizetype i = 0; i < rows; ++i)
            values << one;
        return QStringLiteral("INSERT INTO deals (%1) VALUES %2")
            .arg(QLatin1String(kInsertColumns), values.join(QLatin1String(", ")));
    };
    const QVariant nullText{QMetaType(QMetaType::QString)};
    const QVariant nullNumber{QMetaType(QMetaType::LongLong)};
    QSqlQuery full;
    bool prepared = false;
    for (qsizetype start = 0; start < deals.size(); start += kPostgresRows) {
        m_db.throwIfInterrupted();
        const qsizetype rows = std::min<qsizetype>(kPostgresRows, deals.size() - start);
        QSqlQuery partial;
        QSqlQuery* q = &full;
        if (rows == kPostgresRows) {
            if (!prepared) {
                full = m_db.prepare(sqlFor(rows));
                prepared = true;
            }
        } else {
            partial = m_db.prepare(sqlFor(rows));
            q = &partial;
        }
        for (qsizetype i = start; i < start + rows; ++i) {
            const Deal& d = deals.at(i);
            const Keys& k = keys.at(i);
            q->addBindValue(ids.at(i));
            q->addBindValue(m_at);
            q->addBindValue(m_at);
            q->addBindValue(1);
            q->addBindValue(d.externalId.isEmpty() ? nullText : QVariant(d.externalId));
            q->addBindValue(d.registrationNumber);
            q->addBindValue(k.partner);
            q->addBindValue(k.contact == 0 ? nullNumber : QVariant(k.contact));
            q->addBindValue(k.account == 0 ? nullNumber : QVariant(k.account));
            q->addBindValue(k.product);
            q->addBindValue(m_statusNames.at(int(d.status)));
            q->addBindValue(d.registeredAt.isValid() && validYear(d.registeredAt.date())
                                ? QVariant(isoInstant(d.registeredAt))
                                : nullText);
            q->addBindValue(validYear(d.expectedClose) ? QVariant(isoDate(d.expectedClose)) : nullText);
            q->addBindValue(validYear(d.closedOn) ? QVariant(isoDate(d.closedOn)) : nullText);
            q->addBindValue(d.amountMinor < 0 ? nullNumber : QVariant(d.amountMinor));
            q->addBindValue(Database::nonNull(d.currency));
            q->addBindValue(Database::nonNull(d.notes));
        }
        Database::exec(*q, QStringLiteral("Saving deals"));
    }
}

void DealBulkWriter::finish()
{
    m_statement.reset();
    for (const QString& create : std::as_const(m_droppedIndexes)) {
        m_db.throwIfInterrupted();
        m_db.execDirect(create);
    }
    m_droppedIndexes.clear();
    checkForeignKeys();
}

void DealBulkWriter::checkForeignKeys() const
{
    if (m_db.dialect() != Database::Dialect::Sqlite)
        return; // PostgreSQL checked every row's foreign keys as it was written
    // What PRAGMA foreign_key_check(deals) checks, per distinct key instead of per row: the indexes just built give
    // the distinct partner and account keys without reading the table (2.2 s → 0.5 s for a million deals).
    static const char* const keys[][2] = {
        {"partner_pk", "partners"}, {"account_pk", "accounts"}, {"product_pk", "products"}, {"contact_pk", "contacts"}};
    for (const auto& [column, parent] : keys) {
        m_db.throwIfInterrupted();
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT x.k FROM (SELECT DISTINCT %1 AS k FROM deals WHERE %1 IS NOT "
                                                  "NULL) x WHERE NOT EXISTS (SELECT 1 FROM %2 p WHERE p.pk = x.k) "
                                                  "LIMIT 1")
                                       .arg(QLatin1String(column), QLatin1String(parent)));
        Database::exec(q, QStringLiteral("Checking the deals' %1").arg(QLatin1String(parent)));
        if (q.next())
            throw StorageError(
                QStringLiteral("A deal points to %1 key %2, which is not in the book; nothing was written")
                    .arg(QLatin1String(parent), q.value(0).toString()));
    }
}

} // namespace pd
