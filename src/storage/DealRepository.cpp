#include "storage/DealRepository.h"

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/DealColumns.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/StorageText.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QUuid>
#include <algorithm>
#include <vector>

namespace pd {

namespace {
constexpr int kColumnCount = 17;
constexpr int kChunk = 64;

QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}
QVariant dateOrNull(const QDate& d)
{
    return d.isValid() && d.year() >= 0 && d.year() <= 9999 ? QVariant(isoDate(d))
                                                            : QVariant(QMetaType(QMetaType::QString));
}

void bindDeal(QSqlQuery& q, const Deal& d, const QString& at, const QStringList& statusNames)
{
    q.addBindValue(d.id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(textOrNull(d.externalId));
    q.addBindValue(d.registrationNumber);
    q.addBindValue(d.partnerId);
    q.addBindValue(textOrNull(d.contactId));
    q.addBindValue(textOrNull(d.accountId));
    q.addBindValue(d.productId);
    q.addBindValue(statusNames.at(int(d.status)));
    q.addBindValue(d.registeredAt.isValid() && d.registeredAt.date().year() >= 0 && d.registeredAt.date().year() <= 9999
                       ? QVariant(isoInstant(d.registeredAt))
                       : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(dateOrNull(d.expectedClose));
    q.addBindValue(dateOrNull(d.closedOn));
    q.addBindValue(d.amountMinor < 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(d.amountMinor));
    q.addBindValue(Database::nonNull(d.currency));
    q.addBindValue(Database::nonNull(d.notes));
    q.addBindValue(1);
}

QString insertSql(int rows)
{
    QString sql = QStringLiteral(
        "INSERT INTO deals (id, created_at, updated_at, external_id, registration_number, partner_pk, contact_pk, "
        "account_pk, product_pk, status, registered_at, expected_close, closed_on, amount_minor, currency, notes, "
        "version) VALUES ");
    const QString one = QStringLiteral("(pd_uuid(?),?,?,?,?,%1,%2,%3,%4,?,?,?,?,?,?,?,?)")
                            .arg(pkOfId("partners"), pkOfId("contacts"), pkOfId("accounts"), pkOfId("products"));
    for (int i = 0; i < rows; ++i) {
        if (i)
            sql += QLatin1Char(',');
        sql += one;
    }
    return sql;
}
} // namespace

qint64 DealRepository::maxRegistrationNumber() const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT COALESCE(MAX(registration_number), 0) FROM deals"));
    Database::exec(q, QStringLiteral("Reading the last registration number"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

qint64 DealRepository::allocateRegistrationNumbers(qint64 count)
{
    if (count < 1)
        throw StorageError(QStringLiteral("Allocating %1 registration numbers: at least one is needed").arg(count));
    if (m_db.transactionDepth() == 0)
        throw StorageError(QStringLiteral("Registration numbers are allocated only inside the writing transaction"));
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE book_counters SET value = value + ? WHERE name = 'registration_number' RETURNING value"));
    q.addBindValue(count);
    Database::exec(q, QStringLiteral("Allocating registration numbers"));
    if (!q.next())
        throw StorageError(QStringLiteral("The book has no registration number counter"));
    return q.value(0).toLongLong() - count + 1;
}

void DealRepository::returnRegistrationNumbers(qint64 count)
{
    if (count < 1)
        return;
    if (m_db.transactionDepth() == 0 || !m_db.hasSingleWriter())
        throw StorageError(QStringLiteral("Registration numbers are given back only by the book's one writer"));
    QSqlQuery q =
        m_db.prepare(QStringLiteral("UPDATE book_counters SET value = value - ? WHERE name = 'registration_number'"));
    q.addBindValue(count);
    Database::exec(q, QStringLiteral("Giving back registration numbers"));
}

qint64 DealRepository::keyOfExternalId(const QString& externalId) const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT pk FROM deals WHERE external_id = ?"));
    q.addBindValue(externalId);
    Database::exec(q, QStringLiteral("Finding a deal by its external id"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

QHash<QString, QPair<QString, int>> DealRepository::externalIds() const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT external_id, pd_uuid_text(id), version FROM deals WHERE external_id IS NOT NULL"));
    Database::exec(q, QStringLiteral("Reading deal external ids"));
    QHash<QString, QPair<QString, int>> out;
    while (q.next())
        out.insert(q.value(0).toString(), {q.value(1).toString(), q.value(2).toInt()});
    return out;
}

QList<Deal> DealRepository::list(int limit, int offset) const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT %1 FROM deals WHERE deleted_at IS NULL ORDER BY registration_number "
                                    "LIMIT ? OFFSET ?")
                         .arg(dealColumns(QString())));
    q.addBindValue(limit);
    q.addBindValue(offset);
    Database::exec(q, QStringLiteral("Listing deals"));
    QList<Deal> out;
    while (q.next())
        out.append(readDealColumns(q));
    return out;
}

void DealRepository::insertMany(QList<Deal>& deals, const QString& at)
{
    static_assert(kColumnCount * kChunk < 32766, "SQLite host parameter limit");
    const QStringList statusNames = dealStatusNames();
    const QStringList ids = timeOrderedUuids(deals.size(), fromIsoUtc(at).toMSecsSinceEpoch());
    for (qsizetype i = 0; i < deals.size(); ++i) {
        deals[i].id = ids.at(i);
        deals[i].version = 1;
    }
    const qsizetype full = deals.size() / kChunk;
    if (full > 0) {
        QSqlQuery q = m_db.prepare(insertSql(kChunk));
        for (qsizetype c = 0; c < full; ++c) {
            if (c % 64 == 0)
                m_db.throwIfInterrupted();
            for (int i = 0; i < kChunk; ++i)
                bindDeal(q, deals.at(c * kChunk + i), at, statusNames);
            Database::exec(q, QStringLiteral("Saving deals"));
        }
    }
    const int rest = int(deals.size() - full * kChunk);
    if (rest > 0) {
        QSqlQuery q = m_db.prepare(insertSql(rest));
        for (int i = 0; i < rest; ++i)
            bindDeal(q, deals.at(full * kChunk + i), at, statusNames);
        Database::exec(q, QStringLiteral("Saving deals"));
    }
    qint64 highest = 0;
    for (const Deal& d : deals)
        highest = std::max(highest, d.registrationNumber);
    if (highest > 0) {
        QSqlQuery q = m_db.prepare(
            QStringLiteral("UPDATE book_counters SET value = ? WHERE name = 'registration_number' AND value < ?"));
        q.addBindValue(highest);
        q.addBindValue(highest);
        Database::exec(q, QStringLiteral("Moving the registration number counter"));
    }
}

void DealRepository::updateMany(const QList<Deal>& deals, const QString& at)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "UPDATE deals SET partner_pk = %1, contact_pk = %2, account_pk = %3, product_pk = %4, "
            "status = ?, registered_at = ?, expected_close = ?, closed_on = ?, amount_minor = ?, "
            "currency = ?, notes = ?, updated_at = ?, version = version + 1 WHERE id = pd_uuid(?) AND version = ?")
            .arg(pkOfId("partners"), pkOfId("contacts"), pkOfId("accounts"), pkOfId("products")));
    qsizetype n = 0;
    for (const Deal& d : deals) {
        if (++n % 4096 == 0)
            m_db.throwIfInterrupted();
        q.addBindValue(d.partnerId);
        q.addBindValue(textOrNull(d.contactId));
        q.addBindValue(textOrNull(d.accountId));
        q.addBindValue(d.productId);
        q.addBindValue(toString(d.status));
        q.addBindValue(d.registeredAt.isValid() ? QVariant(toIsoUtc(d.registeredAt))
                                                : QVariant(QMetaType(QMetaType::QString)));
        q.addBindValue(dateOrNull(d.expectedClose));
        q.addBindValue(dateOrNull(d.closedOn));
        q.addBindValue(d.amountMinor < 0 ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(d.amountMinor));
        q.addBindValue(Database::nonNull(d.currency));
        q.addBindValue(Database::nonNull(d.notes));
        q.addBindValue(at);
        q.addBindValue(d.id);
        q.addBindValue(d.version);
        Database::exec(q, QStringLiteral("Saving deal %1").arg(d.externalId));
        if (q.numRowsAffected() != 1)
            throw StorageError(
                QStringLiteral("Deal %1 was changed by someone else during the import").arg(d.externalId),
                StorageError::Kind::Conflict);
    }
}

} // namespace pd
