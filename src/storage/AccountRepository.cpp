#include "storage/AccountRepository.h"
#include "storage/ChangeNotifier.h"

#include "domain/NameNormalizer.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QSqlQuery>
#include <QUuid>

namespace pd {

namespace {
QVariant nullIf(qint64 value, qint64 none)
{
    return value == none ? QVariant(QMetaType(QMetaType::LongLong)) : QVariant(value);
}

void bindFields(QSqlQuery& q, const Account& a)
{
    q.addBindValue(Database::nonNull(a.name));
    q.addBindValue(normalizeName(a.name));
    q.addBindValue(Database::nonNull(a.webDomain.trimmed().toLower())); // compared as typed in lower case
    q.addBindValue(Database::nonNull(a.country));
    q.addBindValue(Database::nonNull(a.industry));
    q.addBindValue(nullIf(a.annualRevenueMinor, -1));
    q.addBindValue(Database::nonNull(a.revenueCurrency));
    q.addBindValue(nullIf(a.employees, -1));
    q.addBindValue(a.yearEstablished);
}
} // namespace

namespace {
const QString kAccountSelect =
    QStringLiteral(
        "SELECT pd_uuid_text(accounts.id), version, name, web_domain, country, industry, annual_revenue_minor, "
        "revenue_currency, employees, year_established, %1 FROM accounts ")
        .arg(idOfPk("accounts", QStringLiteral("accounts.parent_pk")));

Account readAccount(const QSqlQuery& q)
{
    Account a;
    a.id = q.value(0).toString();
    a.version = q.value(1).toInt();
    a.name = q.value(2).toString();
    a.webDomain = q.value(3).toString();
    a.country = q.value(4).toString();
    a.industry = q.value(5).toString();
    a.annualRevenueMinor = q.value(6).isNull() ? -1 : q.value(6).toLongLong();
    a.revenueCurrency = q.value(7).toString();
    a.employees = q.value(8).isNull() ? -1 : q.value(8).toInt();
    a.yearEstablished = q.value(9).toInt();
    a.parentId = q.value(10).toString();
    return a;
}
} // namespace

QList<Account> AccountRepository::list() const
{
    QSqlQuery q = m_db.prepare(kAccountSelect + QStringLiteral("WHERE deleted_at IS NULL ORDER BY name"));
    Database::exec(q, QStringLiteral("Listing accounts"));
    QList<Account> out;
    while (q.next())
        out.append(readAccount(q));
    return out;
}

QHash<QString, QString> AccountRepository::idsByNameKey() const
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT name_key, pd_uuid_text(id) FROM accounts WHERE deleted_at IS NULL ORDER BY name"));
    Database::exec(q, QStringLiteral("Listing accounts"));
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

void AccountRepository::insertMany(QList<Account>& accounts, const QString& at)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "INSERT INTO accounts (name, name_key, web_domain, country, industry, annual_revenue_minor, revenue_currency, "
        "employees, year_established, id, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "pd_uuid(?), "
        "?, ?, "
        "1)"));
    for (Account& a : accounts) {
        a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        bindFields(q, a);
        q.addBindValue(a.id);
        q.addBindValue(at);
        q.addBindValue(at);
        Database::exec(q, QStringLiteral("Saving account %1").arg(a.name));
        a.version = 1;
    }
}

void AccountRepository::updateMany(const QList<Account>& accounts, const QString& at)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "UPDATE accounts SET name = ?, name_key = ?, web_domain = ?, country = ?, industry = ?, "
        "annual_revenue_minor = ?, revenue_currency = ?, employees = ?, year_established = ?, updated_at = ?, "
        "version = version + 1 WHERE id = pd_uuid(?) AND version = ?"));
    for (const Account& a : accounts) {
        bindFields(q, a);
        q.addBindValue(at);
        q.addBindValue(a.id);
        q.addBindValue(a.version);
        Database::exec(q, QStringLiteral("Saving account %1").arg(a.name));
        if (q.numRowsAffected() != 1)
            throw StorageError(QStringLiteral("Account %1 was changed by someone else during the import").arg(a.name),
                               StorageError::Kind::Conflict);
    }
}

void AccountRepository::setParents(const QList<Account>& accounts)
{
    QSqlQuery q = m_db.prepare(
        QStringLiteral("UPDATE accounts SET parent_pk = %1 WHERE id = pd_uuid(?)").arg(pkOfId("accounts")));
    for (const Account& a : accounts) {
        q.addBindValue(a.parentId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(a.parentId));
        q.addBindValue(a.id);
        Database::exec(q, QStringLiteral("Linking account %1 to its parent").arg(a.name));
    }
}

void AccountRepository::insert(Account& account, const QString& at)
{
    Transaction tx(m_db);
    QList<Account> one{account};
    insertMany(one, at);
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("accounts"), one.first().id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("create"), QStringLiteral("accounts"), one.first().id,
              QStringLiteral("Account %1 created").arg(account.name), at);
    tx.commit();
    account = one.first();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::accountsChanged, QStringList{account.id});
}

bool AccountRepository::removeUnlessUsed(const QString& id, const QString& at)
{
    // Read in the caller's transaction, if any (an early return must not roll a scope back: that dooms the outer one).
    QSqlQuery used =
        m_db.prepare(QStringLiteral("SELECT 1 FROM deals WHERE account_pk = %1 AND deleted_at IS NULL LIMIT 1")
                         .arg(pkOfId("accounts")));
    used.addBindValue(id);
    Database::exec(used, QStringLiteral("Checking the account's registrations"));
    if (used.next())
        return false;
    used.finish();
    setRemoved(id, at, true);
    return true;
}

void AccountRepository::restore(const QString& id, const QString& at)
{
    setRemoved(id, at, false);
}

void AccountRepository::setRemoved(const QString& id, const QString& at, bool removed)
{
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "UPDATE accounts SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = pd_uuid(?) AND "
            "deleted_at IS %1 RETURNING version, name")
            .arg(removed ? QStringLiteral("NULL") : QStringLiteral("NOT NULL")));
    q.addBindValue(removed ? QVariant(at) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(at);
    q.addBindValue(id);
    Database::exec(q, removed ? QStringLiteral("Removing the account") : QStringLiteral("Restoring the account"));
    if (!q.next())
        throw StorageError(removed ? QStringLiteral("The account no longer exists")
                                   : QStringLiteral("The removed account cannot be found"),
                           StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    const QString name = q.value(1).toString();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("accounts"), id, removed ? QStringLiteral("delete") : QStringLiteral("update"),
                  version, at);
    rec.audit(removed ? QStringLiteral("delete") : QStringLiteral("restore"), QStringLiteral("accounts"), id,
              (removed ? QStringLiteral("Account %1 removed") : QStringLiteral("Account %1 restored")).arg(name), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::accountsChanged, QStringList{id});
}

std::optional<Account> AccountRepository::findByName(const QString& name) const
{
    QSqlQuery q = m_db.prepare(kAccountSelect + QStringLiteral("WHERE name_key = ? AND deleted_at IS NULL"));
    q.addBindValue(normalizeName(name));
    Database::exec(q, QStringLiteral("Looking up an account"));
    if (!q.next())
        return std::nullopt;
    return readAccount(q);
}

} // namespace pd
