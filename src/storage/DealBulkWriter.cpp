#include "storage/DealBulkWriter.h"

#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"

#include <QSqlQuery>
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
/// The one index kept during a bulk load: the importer's duplicate check looks external ids up in it.
const char* const kKeptIndex = "deals_external_id";

QHash<QString, qint64> keysById(const Database& db, const char* table)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT id, pk FROM %1").arg(QLatin1String(table)));
    Database::exec(q, QStringLiteral("Reading the keys of %1").arg(QLatin1String(table)));
    QHash<QString, qint64> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}

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

DealBulkWriter::~DealBulkWriter() = default;

void DealBulkWriter::begin(const QString& at, bool dropIndexes)
{
    if (m_db.transactionDepth() == 0)
        throw StorageError(QStringLiteral("A bulk load of deals needs the writing transaction"));
    m_at = at;
    m_written = 0;
    m_partners = keysById(m_db, "partners");
    m_contacts = keysById(m_db, "contacts");
    m_accounts = keysById(m_db, "accounts");
    m_products = keysById(m_db, "products");
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

qint64 DealBulkWriter::keyOf(const QHash<QString, qint64>& keys, const QString& id, const char* what) const
{
    const auto it = keys.constFind(id);
    if (it == keys.constEnd())
        throw StorageError(QStringLiteral("The %1 %2 of a new deal is not in the book").arg(QLatin1String(what), id));
    return it.value();
}

void DealBulkWriter::write(QList<Deal>& deals)
{
    if (deals.isEmpty())
        return;
    const QStringList ids = sortedRandomUuids(deals.size());
    for (qsizetype i = 0; i < deals.size(); ++i) {
        deals[i].id = ids.at(i);
        deals[i].version = 1;
    }
    if (m_statement)
        writeSqlite(deals);
    else
        writePostgres(deals);
    m_written += deals.size();
}

void DealBulkWriter::writeSqlite(QList<Deal>& deals)
{
    sqlite3* handle = m_db.sqliteHandle();
    sqlite3_stmt* st = m_statement->stmt;
    auto text = [st](int index, const QString& value) {
        if (value.isNull())
            sqlite3_bind_null(st, index);
        else
            sqlite3_bind_text16(st, index, value.utf16(), int(value.size() * 2), SQLITE_TRANSIENT);
    };
    const QString at = m_at;
    qsizetype n = 0;
    for (const Deal& d : deals) {
        if ((++n & 4095) == 0)
            m_db.throwIfInterrupted();
        text(1, d.id);
        text(2, at);
        text(3, at);
        sqlite3_bind_int(st, 4, 1);
        text(5, d.externalId.isEmpty() ? QString() : d.externalId);
        sqlite3_bind_int64(st, 6, d.registrationNumber);
        sqlite3_bind_int64(st, 7, keyOf(m_partners, d.partnerId, "partner"));
        if (d.contactId.isEmpty())
            sqlite3_bind_null(st, 8);
        else
            sqlite3_bind_int64(st, 8, keyOf(m_contacts, d.contactId, "contact"));
        if (d.accountId.isEmpty())
            sqlite3_bind_null(st, 9);
        else
            sqlite3_bind_int64(st, 9, keyOf(m_accounts, d.accountId, "account"));
        sqlite3_bind_int64(st, 10, keyOf(m_products, d.productId, "product"));
        text(11, m_statusNames.at(int(d.status)));
        text(12, d.registeredAt.isValid() && validYear(d.registeredAt.date()) ? isoInstant(d.registeredAt) : QString());
        text(13, validYear(d.expectedClose) ? isoDate(d.expectedClose) : QString());
        text(14, validYear(d.closedOn) ? isoDate(d.closedOn) : QString());
        if (d.amountMinor < 0)
            sqlite3_bind_null(st, 15);
        else
            sqlite3_bind_int64(st, 15, d.amountMinor);
        text(16, d.currency.isNull() ? QStringLiteral("") : d.currency);
        text(17, d.notes.isNull() ? QStringLiteral("") : d.notes);
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            throw StorageError(QStringLiteral("Saving deal %1 failed: %2")
                                   .arg(d.externalId.isEmpty() ? QString::number(d.registrationNumber) : d.externalId,
                                        QString::fromUtf8(sqlite3_errmsg(handle))),
                               rc == SQLITE_INTERRUPT ? StorageError::Kind::Cancelled : StorageError::Kind::Failed);
    }
}

void DealBulkWriter::writePostgres(QList<Deal>& deals)
{
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
            q->addBindValue(d.id);
            q->addBindValue(m_at);
            q->addBindValue(m_at);
            q->addBindValue(1);
            q->addBindValue(d.externalId.isEmpty() ? nullText : QVariant(d.externalId));
            q->addBindValue(d.registrationNumber);
            q->addBindValue(keyOf(m_partners, d.partnerId, "partner"));
            q->addBindValue(d.contactId.isEmpty() ? nullNumber : QVariant(keyOf(m_contacts, d.contactId, "contact")));
            q->addBindValue(d.accountId.isEmpty() ? nullNumber : QVariant(keyOf(m_accounts, d.accountId, "account")));
            q->addBindValue(keyOf(m_products, d.productId, "product"));
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
    m_db.checkForeignKeys(QStringLiteral("deals"));
}

} // namespace pd
