// Import of accounts (see EntityImporter.h).
#include "io/EntityImporter.h"
#include "storage/AccountRepository.h"
#include "storage/StorageError.h"

#include <algorithm>
#include <limits>

namespace pd::importing {

namespace {
class AccountImporter : public Importer
{
public:
    using Importer::Importer;
    QString table() const override { return QStringLiteral("accounts"); }
    void load() override
    {
        for (const Account& a : AccountRepository(m_db).list())
            m_book.insert(normalizeName(a.name), a);
    }
    void row(const QStringList& fields, RowIssues& issues) override
    {
        const Source& sName = src("name");
        const QString name = get(sName, fields);
        if (name.isEmpty()) {
            issues.add(sName, name, QStringLiteral("required field 'name' is empty"));
            return;
        }
        const QString key = normalizeName(name);
        Account a;
        bool isUpdate = false, isNew = false;
        if (!base(m_staging, m_book, key, sName, name, issues, &a, &isUpdate, &isNew))
            return;
        a.name = name;
        if (const QString v = get(src("industry"), fields); !v.isEmpty())
            a.industry = v;
        if (const QString v = get(src("country"), fields); !v.isEmpty())
            a.country = country(src("country"), v, issues);
        if (const QString v = get(src("revenue_currency"), fields); !v.isEmpty()) {
            if (auto c = currency(src("revenue_currency"), v, issues))
                a.revenueCurrency = *c;
        }
        if (const QString v = get(src("annual_revenue"), fields); !v.isEmpty()) {
            if (auto m = money(src("annual_revenue"), v, a.revenueCurrency, scale("annual_revenue"),
                               QStringLiteral("revenue"), issues))
                a.annualRevenueMinor = *m;
        }
        if (const QString v = get(src("employees"), fields); !v.isEmpty()) {
            bool ok = false;
            const int n = v.toInt(&ok);
            if (!ok || n < 0)
                issues.add(src("employees"), v, QStringLiteral("not a number (expected a whole number of people)"));
            else
                a.employees = n;
        }
        if (const QString v = get(src("year_established"), fields); !v.isEmpty()) {
            if (!parseYear(v, &a.yearEstablished))
                issues.add(src("year_established"), v, QStringLiteral("not a year (expected a 4-digit year)"));
        }
        if (const QString v = get(src("web_domain"), fields); !v.isEmpty())
            a.webDomain = v.toLower();
        if (!issues.ok())
            return;
        m_staging.put(key, a, isUpdate, issues.row);
        if (const QString v = get(src("parent"), fields); !v.isEmpty())
            m_parents.insert(key, {v, issues.row});
    }
    QList<ImportIssue> finish() override
    {
        // A parent names an account in the book or a valid row of the same file.
        QList<ImportIssue> out;
        for (auto it = m_parents.cbegin(); it != m_parents.cend(); ++it) {
            const QString parentKey = normalizeName(it->first);
            if (m_staging.find(parentKey) || m_book.contains(parentKey))
                continue;
            out.append(ImportIssue{it->second, src("parent").label(), it->first,
                                   QStringLiteral("unknown account '%1'").arg(it->first)});
        }
        if (out.isEmpty())
            return out;
        // Drop the rejected rows (rebuilding the staging keeps indexes consistent).
        QSet<qint64> rejected;
        for (const ImportIssue& i : out)
            rejected.insert(i.row);
        Staging<Account> kept;
        auto keep = [&](const QList<Account>& list, bool update) {
            for (const Account& a : list) {
                const QString key = normalizeName(a.name);
                const qint64 row = m_staging.rowOfKey.value(key);
                if (!rejected.contains(row))
                    kept.put(key, a, update, row);
                else
                    m_parents.remove(key);
            }
        };
        keep(m_staging.inserts, false);
        keep(m_staging.updates, true);
        m_staging = std::move(kept);
        return out;
    }
    qint64 insertCount() const override { return m_staging.inserts.size(); }
    qint64 updateCount() const override { return m_staging.updates.size(); }
    void write(const QString& at) override
    {
        AccountRepository repo(m_db);
        repo.insertMany(m_staging.inserts, at);
        repo.updateMany(m_staging.updates, at);
        QHash<QString, QString> idByKey;
        for (auto it = m_book.cbegin(); it != m_book.cend(); ++it)
            idByKey.insert(it.key(), it->id);
        for (const Account& a : m_staging.inserts)
            idByKey.insert(normalizeName(a.name), a.id);
        QList<Account> links;
        for (auto it = m_parents.cbegin(); it != m_parents.cend(); ++it) {
            const Account* child = m_staging.find(it.key());
            const QString parentId = idByKey.value(normalizeName(it->first));
            if (!child || parentId.isEmpty())
                continue;
            Account link = *child;
            link.parentId = parentId;
            links.append(link);
        }
        repo.setParents(links);
    }

private:
    QHash<QString, Account> m_book;
    Staging<Account> m_staging;
    QHash<QString, std::pair<QString, qint64>> m_parents; // child key → (parent name, row)
};
} // namespace

std::unique_ptr<Importer> makeAccountImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    return std::make_unique<AccountImporter>(db, clock, profile);
}

} // namespace pd::importing
