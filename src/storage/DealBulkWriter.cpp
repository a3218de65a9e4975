#include "storage/DealBulkWriter.h"

#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"

#include <QSqlQuery>
#include <optional>
#include <sqlite3.h>
#include <unordered_map>

namespace pd {

namespace {
/// The columns written, in the order of the statements' parameters.
const char* const kInsertColumns = "id, created_at, updated_at, version, external_id, registration_number, partner_pk, "
                                   "contact_pk, account_pk, product_pk, status, registered_at, expected_close, "
                                   "closed_on, amount_minor, currency, notes";
constexpr int kParameters = 17;
/// Rows per multi-row INSERT on PostgreSQL (17 parameters a row, far below its 65,535).
constexpr int kPostgresRows = 500;
/// The one index kept during a bulk load: the importer's duplicate check looks external ids up in it.
const char* const kKeptIndex = "deals_external_id";

/// The 128 bits of a UUID written as 36 characters (any case); nullopt for any other text.
std::optional<RawUuid> parseUuid(QStringView text)
{
    if (text.size() != 36)
        return std::nullopt;
    RawUuid r;
    int digits = 0;
    for (qsizetype i = 0; i < 36; ++i) {
        const char16_t c = text[i].unicode();
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return std::nullopt;
            continue;
        }
        int v = -1;
        if (c >= u'0' && c <= u'9')
            v = c - u'0';
        else if (c >= u'a' && c <= u'f')
            v = c - u'a' + 10;
        else if (c >= u'A' && c <= u'F')
            v = c - u'A' + 10;
        if (v < 0)
            return std::nullopt;
        quint64& word = digits < 16 ? r.hi : r.lo;
        word = (word << 4) | quint64(v);
        ++digits;
    }
    return r;
}

struct UuidHash
{
    size_t operator()(const RawUuid& u) const noexcept { return size_t(u.hi ^ (u.lo * 0x9E3779B97F4A7C15ULL)); }
};
struct UuidEqual
{
    bool operator()(const RawUuid& a, const RawUuid& b) const noexcept { return a.hi == b.hi && a.lo == b.lo; }
};

bool validYear(const QDate& d)
{
    return d.isValid() && d.year() >= 0 && d.year() <= 9999;
}
} // namespace

/// UUID → integer key of one parent table, keyed by the UUID's 128 bits: a million lookups hash 16 bytes each
/// instead of 36 characters.
struct DealBulkWriter::Keys
{
    std::unordered_map<RawUuid, qint64, UuidHash, UuidEqual> byId;

    static std::unique_ptr<Keys> read(const Database& db, const char* table)
    {
        QSqlQuery q = db.prepare(QStringLiteral("SELECT id, pk FROM %1").arg(QLatin1String(table)));
        Database::exec(q, QStringLiteral("Reading the keys of %1").arg(QLatin1String(table)));
        auto keys = std::make_unique<Keys>();
        while (q.next())
            if (const auto id = parseUuid(q.value(0).toString()))
                keys->byId.emplace(*id, q.value(1).toLongLong());
        return keys;
    }
};

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
    m_written = 0;
    m_partners = Keys::read(m_db, "partners");
    m_contacts = Keys::read(m_db, "contacts");
    m_accounts = Keys::read(m_db, "accounts");
    m_products = Keys::read(m_db, "products");
    m_droppedIndexes.clear();
    if (dropIndexes) {
        QSqlQuery q = m_db.prepare(
            m_db.dialect() == Database::Dialect::Sqlite
                ? QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deals' AND "
                                 "sql IS NOT NULL AND name <> ?")
                : QStringLiteral("SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = 'deals' AND "
                                 "i.schemaname = current_schema() AND i.indexname <> ? AND NOT EXISTS (SELECT 1 FROM "
                                 "pg_constraint c WHERE c.conname = i.indexname)"));
        q.addBindValue(QString::fromLatin1(kKeptIndex));
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

qint64 DealBulkWriter::keyOf(const Keys& keys, const QString& id, const char* what)
{
    const std::optional<RawUuid> raw = parseUuid(id);
    const auto it = raw ? keys.byId.find(*raw) : keys.byId.end();
    if (it == keys.byId.end())
        throw StorageError(QStringLiteral("The %1 %2 of a new deal is not in the book").arg(QLatin1String(what), id));
    return it->second;
}

DealBulkWriter::~DealBulkWriter() = default;

void DealBulkWriter::write(const QList<Deal>& deals)
{
    if (deals.isEmpty())
        return;
    if (m_statement)
        writeSqlite(deals);
    else
        writePostgres(deals);
    m_written += deals.size();
}

void DealBulkWriter::writeSqlite(const QList<Deal>& deals)
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
    const std::vector<RawUuid> ids = sortedRandomRawUuids(deals.size());
    char id[36], registered[24], expected[10], closed[10];
    for (qsizetype n = 0; n < deals.size(); ++n) {
        const Deal& d = deals.at(n);
        if ((n & 4095) == 4095)
            m_db.throwIfInterrupted();
        ids[size_t(n)].writeAscii(id);
        sqlite3_bind_text(st, 1, id, 36, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, at.constData(), int(at.size()), SQLITE_STATIC);
        sqlite3_bind_text(st, 3, at.constData(), int(at.size()), SQLITE_STATIC);
        sqlite3_bind_int(st, 4, 1);
        text(5, d.externalId.isEmpty() ? QString() : d.externalId);
        sqlite3_bind_int64(st, 6, d.registrationNumber);
        sqlite3_bind_int64(st, 7, keyOf(*m_partners, d.partnerId, "partner"));
        if (d.contactId.isEmpty())
            sqlite3_bind_null(st, 8);
        else
            sqlite3_bind_int64(st, 8, keyOf(*m_contacts, d.contactId, "contact"));
        if (d.accountId.isEmpty())
            sqlite3_bind_null(st, 9);
        else
            sqlite3_bind_int64(st, 9, keyOf(*m_accounts, d.accountId, "account"));
        sqlite3_bind_int64(st, 10, keyOf(*m_products, d.productId, "product"));
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
        if (rc != SQLITE_DONE)
            throw StorageError(QStringLiteral("Saving deal %1 failed: %2")
                                   .arg(d.externalId.isEmpty() ? QString::number(d.registrationNumber) : d.externalId,
                                        QString::fromUtf8(sqlite3_errmsg(handle))),
                               rc == SQLITE_INTERRUPT ? StorageError::Kind::Cancelled : StorageError::Kind::Failed);
    }
    sqlite3_clear_bindings(st);
}

void DealBulkWriter::writePostgres(const QList<Deal>& deals)
{
    const QStringList ids = sortedRandomUuids(deals.size());
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
            q->addBindValue(ids.at(i));
            q->addBindValue(m_at);
            q->addBindValue(m_at);
            q->addBindValue(1);
            q->addBindValue(d.externalId.isEmpty() ? nullText : QVariant(d.externalId));
            q->addBindValue(d.registrationNumber);
            q->addBindValue(keyOf(*m_partners, d.partnerId, "partner"));
            q->addBindValue(d.contactId.isEmpty() ? nullNumber : QVariant(keyOf(*m_contacts, d.contactId, "contact")));
            q->addBindValue(d.accountId.isEmpty() ? nullNumber : QVariant(keyOf(*m_accounts, d.accountId, "account")));
            q->addBindValue(keyOf(*m_products, d.productId, "product"));
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
