#include "storage/DealRepository.h"

#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/DealColumns.h"
#include "storage/StorageError.h"

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
void put(char16_t*& out, int value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out += digits;
}

/// "2017-03-01": the storage format of a date, without QDate::toString (a million deals per import).
QString isoDate(const QDate& d)
{
    int y = 0, m = 0, day = 0;
    d.getDate(&y, &m, &day);
    char16_t buf[10];
    char16_t* out = buf;
    put(out, y, 4);
    *out++ = u'-';
    put(out, m, 2);
    *out++ = u'-';
    put(out, day, 2);
    return QString(reinterpret_cast<const QChar*>(buf), 10);
}

/// "2017-03-01T00:00:00.000Z": the storage format of an instant (same text as toIsoUtc, faster).
QString isoInstant(const QDateTime& t)
{
    const QDateTime u = t.timeSpec() == Qt::UTC ? t : t.toUTC();
    const QTime time = u.time();
    QString s = isoDate(u.date());
    char16_t buf[14];
    char16_t* out = buf;
    *out++ = u'T';
    put(out, time.hour(), 2);
    *out++ = u':';
    put(out, time.minute(), 2);
    *out++ = u':';
    put(out, time.second(), 2);
    *out++ = u'.';
    put(out, time.msec(), 3);
    *out++ = u'Z';
    s.append(reinterpret_cast<const QChar*>(buf), 14);
    return s;
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

/// `count` random (version 4) UUIDs as text, in ascending order: a bulk insert then appends to the primary-key
/// index instead of inserting at random places (about a fifth less time for a 1,000,000-deal import, see
/// tests/bench/bench_import). The ids are as random as QUuid::createUuid's (same generator); only the order in
/// which rows get them is sorted.
QStringList sortedRandomUuids(qsizetype count)
{
    struct Raw
    {
        quint64 hi, lo;
        bool operator<(const Raw& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
    };
    std::vector<Raw> raw(static_cast<size_t>(count));
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint64*>(raw.data()), count * 2);
    for (Raw& r : raw) {
        r.hi = (r.hi & ~Q_UINT64_C(0xF000)) | Q_UINT64_C(0x4000);                         // version 4
        r.lo = (r.lo & ~Q_UINT64_C(0xC000000000000000)) | Q_UINT64_C(0x8000000000000000); // RFC 4122 variant
    }
    std::sort(raw.begin(), raw.end());
    static const char16_t hex[] = u"0123456789abcdef";
    QStringList out;
    out.reserve(count);
    for (const Raw& r : raw) {
        char16_t buf[36];
        int n = 0;
        for (int i = 0; i < 32; ++i) {
            if (i == 8 || i == 12 || i == 16 || i == 20)
                buf[n++] = u'-';
            const quint64 word = i < 16 ? r.hi : r.lo;
            buf[n++] = hex[(word >> (60 - 4 * (i % 16))) & 0xF];
        }
        out.append(QString(reinterpret_cast<const QChar*>(buf), 36));
    }
    return out;
}

QString insertSql(int rows)
{
    QString sql = QStringLiteral(
        "INSERT INTO deals (id, created_at, updated_at, external_id, registration_number, partner_id, contact_id, "
        "account_id, product_id, status, registered_at, expected_close, closed_on, amount_minor, currency, notes, "
        "version) VALUES ");
    const QString one = QStringLiteral("(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
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

QHash<QString, QPair<QString, int>> DealRepository::externalIds() const
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT external_id, id, version FROM deals WHERE external_id IS NOT NULL"));
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
    const QStringList ids = sortedRandomUuids(deals.size());
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
        QStringLiteral("UPDATE deals SET partner_id = ?, contact_id = ?, account_id = ?, product_id = ?, status = ?, "
                       "registered_at = ?, "
                       "expected_close = ?, closed_on = ?, amount_minor = ?, currency = ?, notes = ?, updated_at = ?, "
                       "version = version + 1 WHERE id = ? AND version = ?"));
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
