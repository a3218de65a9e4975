#include "io/ImportEngine.h"

#include "domain/Clock.h"
#include "domain/CountryResolver.h"
#include "domain/Money.h"
#include "domain/NameNormalizer.h"
#include "io/CsvReader.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeRecorder.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DealRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <limits>
#include <memory>

namespace pd {

namespace {

/// Where a field's value comes from: a CSV column, a constant, and an optional value map.
struct Source
{
    QString field;
    QString column; ///< CSV header; empty when the field is not mapped to a column
    int index = -1;
    bool hasConstant = false;
    QString constant;
    const QMap<QString, QString>* map = nullptr;

    bool mapped() const { return index >= 0 || hasConstant; }
    QString label() const { return column.isEmpty() ? field : column; }
};

/// The issues of one row of the file.
struct RowIssues
{
    qint64 row = 0;
    QList<ImportIssue> list;

    void add(const Source& s, const QString& value, const QString& reason)
    {
        list.append(ImportIssue{row, s.label(), value, reason});
    }
    bool ok() const { return list.isEmpty(); }
};

QString get(const Source& s, const QStringList& row)
{
    QString v;
    if (s.index >= 0 && s.index < row.size())
        v = row.at(s.index).trimmed();
    if (v.isEmpty() && s.hasConstant)
        v = s.constant;
    if (s.map && !v.isEmpty()) {
        const auto it = s.map->constFind(v);
        if (it != s.map->constEnd())
            v = it.value();
    }
    return v;
}

int digit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') ? int(u - '0') : -1;
}

/// Parses "YYYY-MM-DD" strictly (no QDate::fromString: it is slow and lenient).
QDate parseIsoDate(QStringView t)
{
    if (t.size() != 10 || t[4] != QLatin1Char('-') || t[7] != QLatin1Char('-'))
        return {};
    int v[8];
    const int at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; ++i) {
        v[i] = digit(t[at[i]]);
        if (v[i] < 0)
            return {};
    }
    return QDate(v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[4] * 10 + v[5], v[6] * 10 + v[7]);
}

/// "YYYY-MM-DD" (00:00 UTC that day) or "YYYY-MM-DDTHH:MM:SS[.zzz]Z".
QDateTime parseInstant(const QString& t)
{
    if (t.size() == 10) {
        const QDate d = parseIsoDate(t);
        return d.isValid() ? QDateTime(d, QTime(0, 0), Qt::UTC) : QDateTime();
    }
    if (t.size() < 20 || !t.endsWith(QLatin1Char('Z')) || t[10] != QLatin1Char('T'))
        return {};
    const QDate d = parseIsoDate(QStringView(t).left(10));
    if (!d.isValid())
        return {};
    const QTime time = QTime::fromString(t.mid(11, t.size() - 12),
                                         t.size() == 20 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm:ss.zzz"));
    if (!time.isValid())
        return {};
    return QDateTime(d, time, Qt::UTC);
}

/// The first run of exactly four digits in `text` ("1975/1977 (1997)" → 1975); 0 when there is none.
int firstYear(const QString& text)
{
    int run = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && digit(text.at(i)) >= 0) {
            ++run;
            continue;
        }
        if (run == 4)
            return text.mid(i - 4, 4).toInt();
        run = 0;
    }
    return 0;
}

bool parseYear(const QString& text, int* year)
{
    if (text.size() != 4)
        return false;
    bool ok = false;
    const int y = text.toInt(&ok);
    if (!ok || y < 1000)
        return false;
    *year = y;
    return true;
}

const QString kNotADate = QStringLiteral("not a date (expected YYYY-MM-DD)");

/// Rows staged for writing, keyed by their import key; a later row with the same key (upsert mode) is
/// merged into the staged row.
template <typename T> struct Staging
{
    QList<T> inserts;
    QList<T> updates;
    QHash<QString, std::pair<bool, qsizetype>> byKey; // key → (is update, index)
    QHash<QString, qint64> rowOfKey;

    T* find(const QString& key)
    {
        const auto it = byKey.constFind(key);
        if (it == byKey.constEnd())
            return nullptr;
        return it->first ? &updates[it->second] : &inserts[it->second];
    }
    void put(const QString& key, T item, bool update, qint64 row)
    {
        if (T* existing = find(key)) {
            *existing = std::move(item);
            return;
        }
        if (update) {
            byKey.insert(key, {true, updates.size()});
            updates.append(std::move(item));
        } else {
            byKey.insert(key, {false, inserts.size()});
            inserts.append(std::move(item));
        }
        if (!key.isEmpty())
            rowOfKey.insert(key, row);
    }
};

/// Validates rows of one entity and writes them through its repository.
class Importer
{
public:
    Importer(Database& db, const Clock& clock, const MappingProfile& profile)
        : m_db(db), m_clock(clock), m_upsert(profile.mode == MappingProfile::Mode::Upsert)
    {
    }
    virtual ~Importer() = default;
    virtual QString table() const = 0;
    /// Reads what the book already holds (keys, lookups).
    virtual void load() = 0;
    /// Validates one row and stages it when valid.
    virtual void row(const QStringList& fields, RowIssues& issues) = 0;
    /// Cross-row checks after the last row (e.g. account parents); returns more issues.
    virtual QList<ImportIssue> finish() { return {}; }
    virtual qint64 insertCount() const = 0;
    virtual qint64 updateCount() const = 0;
    virtual void write(const QString& at) = 0;

    void setSources(const QHash<QString, Source>& sources) { m_sources = sources; }

protected:
    const Source& src(const char* field) const
    {
        static const Source none;
        const auto it = m_sources.constFind(QLatin1String(field));
        return it == m_sources.constEnd() ? none : it.value();
    }

    /// Resolves the base item for `key`: the staged one, the book's one or a new one. Returns false (with an
    /// issue) for a duplicate key in insert-only mode.
    template <typename T>
    bool base(Staging<T>& staging, const QHash<QString, T>& book, const QString& key, const Source& keySource,
              const QString& keyText, RowIssues& issues, T* item, bool* isUpdate, bool* isNew)
    {
        if (T* staged = staging.find(key)) {
            if (!m_upsert) {
                issues.add(keySource, keyText,
                           QStringLiteral("duplicate key: '%1' is also on row %2")
                               .arg(keyText)
                               .arg(staging.rowOfKey.value(key)));
                return false;
            }
            *item = *staged;
            *isUpdate = staging.byKey.value(key).first;
            *isNew = !*isUpdate;
            return true;
        }
        const auto it = book.constFind(key);
        if (it != book.constEnd()) {
            if (!m_upsert) {
                issues.add(keySource, keyText,
                           QStringLiteral("duplicate key: '%1' is already in the book").arg(keyText));
                return false;
            }
            *item = it.value();
            *isUpdate = true;
            *isNew = false;
            return true;
        }
        *item = T();
        *isUpdate = false;
        *isNew = true;
        return true;
    }

    /// A required field of a new row that is empty.
    void requireValue(const Source& s, const QString& value, bool isNew, RowIssues& issues)
    {
        if (isNew && value.isEmpty())
            issues.add(s, value, QStringLiteral("required field '%1' is empty").arg(s.field));
    }

    std::optional<qint64> money(const Source& s, const QString& value, const QString& currency, qint64 scale,
                                const QString& what, RowIssues& issues)
    {
        const auto minor = parseMinorUnits(value, currency, scale);
        if (!minor) {
            issues.add(s, value, QStringLiteral("not a number (expected a decimal like 1234.56)"));
            return std::nullopt;
        }
        if (*minor < 0) {
            issues.add(s, value, QStringLiteral("negative %1").arg(what));
            return std::nullopt;
        }
        return minor;
    }

    std::optional<QString> currency(const Source& s, const QString& value, RowIssues& issues)
    {
        const QString code = value.toUpper();
        if (!isCurrencyCode(code)) {
            issues.add(s, value, QStringLiteral("not a currency code (expected three letters, e.g. USD)"));
            return std::nullopt;
        }
        return code;
    }

    QString country(const Source& s, const QString& value, RowIssues& issues)
    {
        auto it = m_countryCache.constFind(value);
        if (it == m_countryCache.constEnd())
            it = m_countryCache.insert(value, m_countries.resolve(value));
        if (it->isEmpty())
            issues.add(s, value, QStringLiteral("unknown country '%1'").arg(value));
        return it.value();
    }

    qint64 scale(const char* field) const { return m_scales.value(QLatin1String(field), 1); }

public:
    void setScales(const QMap<QString, qint64>& scales) { m_scales = scales; }

protected:
    Database& m_db;
    const Clock& m_clock;
    bool m_upsert;
    QHash<QString, Source> m_sources;
    QMap<QString, qint64> m_scales;
    CountryResolver m_countries;
    QHash<QString, QString> m_countryCache;
};

// ---------------------------------------------------------------------------------------------------------------
class ProductImporter : public Importer
{
public:
    using Importer::Importer;
    QString table() const override { return QStringLiteral("products"); }
    void load() override
    {
        for (const Product& p : ProductRepository(m_db).list())
            m_book.insert(normalizeName(p.name, NameKind::Product), p);
    }
    void row(const QStringList& fields, RowIssues& issues) override
    {
        const Source& sName = src("name");
        const QString name = get(sName, fields);
        if (name.isEmpty()) {
            issues.add(sName, name, QStringLiteral("required field 'name' is empty"));
            return;
        }
        const QString key = normalizeName(name, NameKind::Product);
        Product p;
        bool isUpdate = false, isNew = false;
        if (!base(m_staging, m_book, key, sName, name, issues, &p, &isUpdate, &isNew))
            return;
        p.name = name;
        if (const QString v = get(src("product_line"), fields); !v.isEmpty())
            p.productLine = v;
        if (const QString v = get(src("currency"), fields); !v.isEmpty()) {
            if (auto c = currency(src("currency"), v, issues))
                p.currency = *c;
        }
        if (const QString v = get(src("list_price"), fields); !v.isEmpty()) {
            if (auto m = money(src("list_price"), v, p.currency, scale("list_price"), QStringLiteral("price"), issues))
                p.listPriceMinor = *m;
        }
        if (issues.ok())
            m_staging.put(key, p, isUpdate, issues.row);
    }
    qint64 insertCount() const override { return m_staging.inserts.size(); }
    qint64 updateCount() const override { return m_staging.updates.size(); }
    void write(const QString& at) override
    {
        ProductRepository repo(m_db);
        repo.insertMany(m_staging.inserts, at);
        repo.updateMany(m_staging.updates, at);
    }

private:
    QHash<QString, Product> m_book;
    Staging<Product> m_staging;
};

// ---------------------------------------------------------------------------------------------------------------
class PartnerImporter : public Importer
{
public:
    using Importer::Importer;
    QString table() const override { return QStringLiteral("partners"); }
    void load() override
    {
        PartnerRepository repo(m_db, m_clock);
        if (m_upsert) {
            for (const PartnerRow& r : repo.listRows())
                m_book.insert(r.partner.key, r.partner);
        }
        // Archived partners keep their keys for ever: an insert must not reuse one.
        const QHash<QString, QString> ids = repo.idsByKey();
        for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
            if (!m_book.contains(it.key())) {
                Partner archived;
                archived.id = it.value();
                archived.key = it.key();
                m_book.insert(it.key(), archived);
                m_archived.insert(it.key());
            }
        }
    }
    void row(const QStringList& fields, RowIssues& issues) override
    {
        const Source& sKey = src("key");
        const QString key = get(sKey, fields);
        if (key.isEmpty()) {
            issues.add(sKey, key, QStringLiteral("required field 'key' is empty"));
            return;
        }
        if (key.size() > 32) {
            issues.add(sKey, key, QStringLiteral("a partner key has at most 32 characters"));
            return;
        }
        if (m_upsert && m_archived.contains(key)) {
            issues.add(sKey, key, QStringLiteral("partner '%1' is archived: restore it before updating it").arg(key));
            return;
        }
        Partner p;
        bool isUpdate = false, isNew = false;
        if (!base(m_staging, m_book, key, sKey, key, issues, &p, &isUpdate, &isNew))
            return;
        p.key = key;
        const QString name = get(src("name"), fields);
        requireValue(src("name"), name, isNew, issues);
        if (!name.isEmpty())
            p.name = name;
        const QString type = get(src("type"), fields);
        requireValue(src("type"), type, isNew, issues);
        if (!type.isEmpty()) {
            if (auto t = partnerTypeFromString(type))
                p.type = *t;
            else
                issues.add(src("type"), type,
                           QStringLiteral("unknown partner type '%1' (expected one of %2)")
                               .arg(type, partnerTypeNames().join(QLatin1String(", "))));
        }
        if (const QString v = get(src("stage"), fields); !v.isEmpty()) {
            if (auto s = lifecycleStageFromString(v))
                p.stage = *s;
            else
                issues.add(src("stage"), v,
                           QStringLiteral("unknown lifecycle stage '%1' (expected one of %2)")
                               .arg(v, lifecycleStageNames().join(QLatin1String(", "))));
        }
        if (const QString v = get(src("tier"), fields); !v.isEmpty()) {
            const QStringList tiers = defaultTierNames();
            const auto it = std::find_if(tiers.begin(), tiers.end(),
                                         [&](const QString& t) { return t.compare(v, Qt::CaseInsensitive) == 0; });
            if (it != tiers.end())
                p.tier = *it;
            else
                issues.add(
                    src("tier"), v,
                    QStringLiteral("unknown tier '%1' (expected one of %2)").arg(v, tiers.join(QLatin1String(", "))));
        }
        if (const QString v = get(src("territory"), fields); !v.isEmpty())
            p.territory = v;
        if (const QString v = get(src("channel_manager"), fields); !v.isEmpty())
            p.channelManager = v;
        if (const QString v = get(src("location"), fields); !v.isEmpty()) {
            const CountryResolver::Location loc = m_countries.splitLocation(v);
            if (loc.country.isEmpty())
                issues.add(src("location"), v, QStringLiteral("unknown country '%1'").arg(loc.regionText));
            p.city = loc.city;
            p.country = loc.country;
        }
        if (const QString v = get(src("city"), fields); !v.isEmpty())
            p.city = v;
        if (const QString v = get(src("country"), fields); !v.isEmpty())
            p.country = country(src("country"), v, issues);
        if (const QString v = get(src("founded"), fields); !v.isEmpty()) {
            const int year = firstYear(v);
            if (year == 0)
                issues.add(src("founded"), v, QStringLiteral("not a year (expected a 4-digit year)"));
            p.founded = year;
        }
        if (const QString v = get(src("website"), fields); !v.isEmpty())
            p.website = v;
        if (issues.ok())
            m_staging.put(key, p, isUpdate, issues.row);
    }
    qint64 insertCount() const override { return m_staging.inserts.size(); }
    qint64 updateCount() const override { return m_staging.updates.size(); }
    void write(const QString& at) override
    {
        PartnerRepository repo(m_db, m_clock);
        repo.insertMany(m_staging.inserts, at);
        repo.updateMany(m_staging.updates, at);
    }

private:
    QHash<QString, Partner> m_book;
    QSet<QString> m_archived;
    Staging<Partner> m_staging;
};

// ---------------------------------------------------------------------------------------------------------------
class ContactImporter : public Importer
{
public:
    using Importer::Importer;
    QString table() const override { return QStringLiteral("contacts"); }
    void load() override
    {
        m_partnerIds = PartnerRepository(m_db, m_clock).idsByKey();
        for (const Contact& c : ContactRepository(m_db, m_clock).listAll())
            m_book.insert(c.partnerId + QLatin1Char('\x1f') + normalizeName(c.name, NameKind::Person), c);
    }
    void row(const QStringList& fields, RowIssues& issues) override
    {
        const Source& sName = src("name");
        const Source& sPartner = src("partner_key");
        const QString name = get(sName, fields);
        const QString partnerKey = get(sPartner, fields);
        if (name.isEmpty())
            issues.add(sName, name, QStringLiteral("required field 'name' is empty"));
        if (partnerKey.isEmpty())
            issues.add(sPartner, partnerKey, QStringLiteral("required field 'partner_key' is empty"));
        if (!issues.ok())
            return;
        const QString partnerId = m_partnerIds.value(partnerKey);
        if (partnerId.isEmpty()) {
            issues.add(sPartner, partnerKey, QStringLiteral("unknown partner '%1'").arg(partnerKey));
            return;
        }
        const QString key = partnerId + QLatin1Char('\x1f') + normalizeName(name, NameKind::Person);
        Contact c;
        bool isUpdate = false, isNew = false;
        if (!base(m_staging, m_book, key, sName, name, issues, &c, &isUpdate, &isNew))
            return;
        c.name = name;
        c.partnerId = partnerId;
        if (const QString v = get(src("email"), fields); !v.isEmpty())
            c.email = v;
        if (const QString v = get(src("phone"), fields); !v.isEmpty())
            c.phone = v;
        if (const QString v = get(src("role"), fields); !v.isEmpty())
            c.role = v;
        m_staging.put(key, c, isUpdate, issues.row);
    }
    qint64 insertCount() const override { return m_staging.inserts.size(); }
    qint64 updateCount() const override { return m_staging.updates.size(); }
    void write(const QString& at) override
    {
        ContactRepository repo(m_db, m_clock);
        repo.insertMany(m_staging.inserts, at);
        repo.updateMany(m_staging.updates, at);
    }

private:
    QHash<QString, QString> m_partnerIds;
    QHash<QString, Contact> m_book;
    Staging<Contact> m_staging;
};

// ---------------------------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------------------------
/// Deals are the big files (a million rows): sources are resolved once, every lookup is cached by the text as
/// written, and nothing is normalized twice.
class DealImporter : public Importer
{
public:
    using Importer::Importer;
    QString table() const override { return QStringLiteral("deals"); }
    void load() override
    {
        m_sExt = src("external_id");
        m_sContact = src("contact");
        m_sPartner = src("partner_key");
        m_sProduct = src("product");
        m_sAccount = src("account");
        m_sStatus = src("status");
        m_sRegistered = src("registered_at");
        m_sExpected = src("expected_close");
        m_sClosed = src("closed_on");
        m_sAmount = src("amount");
        m_sCurrency = src("currency");
        m_sNotes = src("notes");
        m_amountScale = scale("amount");

        m_partnerIds = PartnerRepository(m_db, m_clock).idsByKey();
        for (const Contact& c : ContactRepository(m_db, m_clock).listAll())
            m_contacts[normalizeName(c.name, NameKind::Person)].append({c.id, c.partnerId});
        for (const Product& p : ProductRepository(m_db).list())
            m_products.insert(normalizeName(p.name, NameKind::Product), p.id);
        for (const Account& a : AccountRepository(m_db).list())
            m_accounts.insert(normalizeName(a.name), a.id);
        DealRepository deals(m_db);
        m_nextNumber = deals.maxRegistrationNumber() + 1;
        if (m_upsert) {
            for (const Deal& d : deals.list(std::numeric_limits<int>::max()))
                if (!d.externalId.isEmpty())
                    m_book.insert(d.externalId, d);
        } else {
            const auto ids = deals.externalIds();
            m_bookIds.reserve(ids.size());
            for (auto it = ids.cbegin(); it != ids.cend(); ++it)
                m_bookIds.insert(it.key());
        }
    }

    void row(const QStringList& fields, RowIssues& issues) override
    {
        const QString ext = get(m_sExt, fields);
        Deal d;
        bool isUpdate = false;
        bool isNew = true;
        if (!ext.isEmpty()) {
            if (!m_upsert) {
                if (!m_bookIds.isEmpty() && m_bookIds.contains(ext)) {
                    issues.add(m_sExt, ext, QStringLiteral("duplicate key: '%1' is already in the book").arg(ext));
                    return;
                }
                const qsizetype before = m_fileRows.size();
                qint64& firstRow = m_fileRows[ext];
                if (m_fileRows.size() == before) {
                    issues.add(m_sExt, ext,
                               QStringLiteral("duplicate key: '%1' is also on row %2").arg(ext).arg(firstRow));
                    return;
                }
                firstRow = issues.row;
            } else if (!base(m_staging, m_book, ext, m_sExt, ext, issues, &d, &isUpdate, &isNew)) {
                return;
            }
        }
        d.externalId = ext;

        // Partner and contact: through the registering contact (and partner_key when given).
        const QString contact = get(m_sContact, fields);
        const QString partnerKey = get(m_sPartner, fields);
        requireValue(m_sContact, contact, isNew, issues);
        if (!contact.isEmpty() || !partnerKey.isEmpty()) {
            PartnerContacts& byPartner = m_contactCache[partnerKey];
            if (!byPartner.resolved) {
                byPartner.resolved = true;
                if (!partnerKey.isEmpty())
                    byPartner.partnerId = m_partnerIds.value(partnerKey);
            }
            if (!partnerKey.isEmpty() && byPartner.partnerId.isEmpty()) {
                issues.add(m_sPartner, partnerKey, QStringLiteral("unknown partner '%1'").arg(partnerKey));
            } else if (!contact.isEmpty()) {
                auto it = byPartner.contacts.constFind(contact);
                if (it == byPartner.contacts.constEnd())
                    it = byPartner.contacts.insert(contact, resolveContact(contact, byPartner.partnerId));
                if (it->contactId.isEmpty()) {
                    issues.add(m_sContact, contact, it->error);
                } else {
                    d.contactId = it->contactId;
                    d.partnerId = it->partnerId;
                }
            } else {
                d.partnerId = byPartner.partnerId;
            }
        }

        const QString product = get(m_sProduct, fields);
        requireValue(m_sProduct, product, isNew, issues);
        if (!product.isEmpty()) {
            auto it = m_productCache.constFind(product);
            if (it == m_productCache.constEnd())
                it = m_productCache.insert(product, m_products.value(normalizeName(product, NameKind::Product)));
            if (it->isEmpty())
                issues.add(m_sProduct, product, QStringLiteral("unknown product '%1'").arg(product));
            else
                d.productId = *it;
        }

        if (const QString account = get(m_sAccount, fields); !account.isEmpty()) {
            auto it = m_accountCache.constFind(account);
            if (it == m_accountCache.constEnd())
                it = m_accountCache.insert(account, m_accounts.value(normalizeName(account)));
            if (it->isEmpty())
                issues.add(m_sAccount, account, QStringLiteral("unknown account '%1'").arg(account));
            else
                d.accountId = *it;
        }

        const QString status = get(m_sStatus, fields);
        requireValue(m_sStatus, status, isNew, issues);
        if (!status.isEmpty()) {
            auto it = m_statusCache.constFind(status);
            if (it == m_statusCache.constEnd())
                it = m_statusCache.insert(status, dealStatusFromString(status));
            if (!*it)
                issues.add(m_sStatus, status,
                           QStringLiteral("unknown deal status '%1' (expected one of %2)")
                               .arg(status, dealStatusNames().join(QLatin1String(", "))));
            else
                d.status = **it;
        }

        if (const QString v = get(m_sRegistered, fields); !v.isEmpty()) {
            auto it = m_instantCache.constFind(v);
            if (it == m_instantCache.constEnd())
                it = m_instantCache.insert(v, parseInstant(v));
            if (!it->isValid())
                issues.add(m_sRegistered, v,
                           QStringLiteral("not a date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.zzz]Z)"));
            else
                d.registeredAt = *it;
        }
        auto date = [&](const Source& s, QDate* out) {
            if (const QString v = get(s, fields); !v.isEmpty()) {
                const QDate day = parseIsoDate(v);
                if (!day.isValid())
                    issues.add(s, v, kNotADate);
                else
                    *out = day;
            }
        };
        date(m_sExpected, &d.expectedClose);
        date(m_sClosed, &d.closedOn);

        if (const QString v = get(m_sCurrency, fields); !v.isEmpty()) {
            if (v != m_lastCurrencyText) {
                m_lastCurrency = currency(m_sCurrency, v, issues);
                m_lastCurrencyText = m_lastCurrency ? v : QString();
            }
            if (m_lastCurrency)
                d.currency = *m_lastCurrency;
        }
        if (const QString v = get(m_sAmount, fields); !v.isEmpty()) {
            if (auto m = money(m_sAmount, v, d.currency, m_amountScale, QStringLiteral("amount"), issues))
                d.amountMinor = *m;
        }
        if (const QString v = get(m_sNotes, fields); !v.isEmpty())
            d.notes = v;

        if (!issues.ok()) {
            if (!m_upsert && !ext.isEmpty())
                m_fileRows.remove(ext); // an invalid row does not claim its key
            return;
        }
        if (isNew && d.registrationNumber == 0)
            d.registrationNumber = m_nextNumber++;
        if (m_upsert && !ext.isEmpty())
            m_staging.put(ext, std::move(d), isUpdate, issues.row);
        else
            m_staging.inserts.append(std::move(d));
    }
    qint64 insertCount() const override { return m_staging.inserts.size(); }
    qint64 updateCount() const override { return m_staging.updates.size(); }
    void write(const QString& at) override
    {
        DealRepository repo(m_db);
        repo.insertMany(m_staging.inserts, at);
        repo.updateMany(m_staging.updates, at);
    }

private:
    struct ContactRef
    {
        QString id;
        QString partnerId;
    };
    struct ContactMatch
    {
        QString contactId;
        QString partnerId;
        QString error;
    };
    /// The contacts named in the file for one partner_key text (empty: any partner).
    struct PartnerContacts
    {
        bool resolved = false;
        QString partnerId;
        QHash<QString, ContactMatch> contacts;
    };

    ContactMatch resolveContact(const QString& name, const QString& partnerId) const
    {
        ContactMatch m;
        const QList<ContactRef> candidates = m_contacts.value(normalizeName(name, NameKind::Person));
        const ContactRef* first = nullptr;
        bool ambiguous = false;
        for (const ContactRef& c : candidates) {
            if (!partnerId.isEmpty() && c.partnerId != partnerId)
                continue;
            if (!first)
                first = &c;
            else if (c.partnerId != first->partnerId)
                ambiguous = true;
        }
        if (!first) {
            m.error = partnerId.isEmpty() ? QStringLiteral("unknown contact '%1'").arg(name)
                                          : QStringLiteral("unknown contact '%1' at that partner").arg(name);
        } else if (ambiguous) {
            m.error = QStringLiteral("contact '%1' works for several partners: give partner_key").arg(name);
        } else {
            m.contactId = first->id;
            m.partnerId = first->partnerId;
        }
        return m;
    }

    Source m_sExt, m_sContact, m_sPartner, m_sProduct, m_sAccount, m_sStatus, m_sRegistered, m_sExpected, m_sClosed,
        m_sAmount, m_sCurrency, m_sNotes;
    qint64 m_amountScale = 1;
    QHash<QString, QString> m_partnerIds;
    QHash<QString, QList<ContactRef>> m_contacts;
    QHash<QString, QString> m_products;
    QHash<QString, QString> m_accounts;
    QHash<QString, PartnerContacts> m_contactCache;
    QHash<QString, QString> m_productCache;
    QHash<QString, QString> m_accountCache;
    QHash<QString, std::optional<DealStatus>> m_statusCache;
    QHash<QString, QDateTime> m_instantCache;
    QString m_lastCurrencyText;
    std::optional<QString> m_lastCurrency;
    QSet<QString> m_bookIds;
    QHash<QString, qint64> m_fileRows;
    QHash<QString, Deal> m_book;
    Staging<Deal> m_staging;
    qint64 m_nextNumber = 1;
};

std::unique_ptr<Importer> makeImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    switch (profile.entity) {
    case ImportEntity::Products:
        return std::make_unique<ProductImporter>(db, clock, profile);
    case ImportEntity::Partners:
        return std::make_unique<PartnerImporter>(db, clock, profile);
    case ImportEntity::Contacts:
        return std::make_unique<ContactImporter>(db, clock, profile);
    case ImportEntity::Accounts:
        return std::make_unique<AccountImporter>(db, clock, profile);
    case ImportEntity::Deals:
        return std::make_unique<DealImporter>(db, clock, profile);
    }
    return nullptr;
}

/// The reader's error as an issue: "row 5: unbalanced quote …" → row 5, reason "unbalanced quote …".
ImportIssue readerIssue(const CsvReader& reader)
{
    QString reason = reader.error();
    const QString prefix = QStringLiteral("row %1: ").arg(reader.row());
    if (reason.startsWith(prefix))
        reason = reason.mid(prefix.size());
    return ImportIssue{reader.row(), QString(), QString(), reason};
}

std::optional<CsvFormat> formatFor(const MappingProfile& profile, const QString& path)
{
    if (profile.encoding == QLatin1String("auto") && profile.delimiter == QLatin1String("auto"))
        return std::nullopt;
    CsvFormat format;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        // With the encoding on "auto" the whole file decides it (as CsvReader::open does).
        const qint64 size =
            profile.encoding == QLatin1String("auto") ? file.size() : qMin<qint64>(file.size(), 1 << 16);
        if (const uchar* mapped = size > 0 ? file.map(0, size) : nullptr)
            format = CsvReader::detect(QByteArray::fromRawData(reinterpret_cast<const char*>(mapped), size));
        else
            format = CsvReader::detect(file.read(size));
    }
    if (profile.encoding == QLatin1String("UTF-8"))
        format.encoding = CsvFormat::Encoding::Utf8;
    else if (profile.encoding == QLatin1String("UTF-8 with BOM"))
        format.encoding = CsvFormat::Encoding::Utf8Bom;
    else if (profile.encoding == QLatin1String("Windows-1252"))
        format.encoding = CsvFormat::Encoding::Windows1252;
    if (profile.delimiter != QLatin1String("auto") && profile.delimiter.size() == 1)
        format.delimiter = profile.delimiter.at(0);
    return format;
}

} // namespace

ImportEngine::ImportEngine(Database& db, const Clock& clock) : m_db(db), m_clock(clock) {}

ImportReport ImportEngine::run(const QString& csvPath, const MappingProfile& profile, const ImportOptions& options,
                               const Progress& progress, const std::atomic_bool* cancel)
{
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    report.dryRun = options.dryRun;
    auto finish = [&]() -> ImportReport {
        report.seconds = double(timer.nsecsElapsed()) / 1e9;
        return report;
    };
    auto cancelled = [&]() { return cancel && cancel->load(); };

    CsvReader reader;
    if (!reader.open(csvPath, formatFor(profile, csvPath))) {
        if (reader.row() > 0) {
            report.issues.append(readerIssue(reader));
            report.rejected = 1;
        }
        report.fatalError = reader.error();
        return finish();
    }
    const QStringList& header = reader.header();
    auto columnIndex = [&](const QString& column) -> int {
        int i = int(header.indexOf(column.trimmed()));
        if (i < 0) {
            for (int j = 0; j < header.size(); ++j)
                if (header.at(j).compare(column.trimmed(), Qt::CaseInsensitive) == 0)
                    return j;
        }
        return i;
    };

    QHash<QString, Source> sources;
    for (const ImportField& field : importFields(profile.entity)) {
        Source s;
        s.field = field.name;
        if (profile.columns.contains(field.name) && !profile.columns.value(field.name).isEmpty()) {
            s.column = profile.columns.value(field.name);
            s.index = columnIndex(s.column);
            if (s.index < 0) {
                report.fatalError = QStringLiteral("The column '%1' (for the field %2) is not in the file; its columns "
                                                   "are: %3")
                                        .arg(s.column, field.name, header.join(QLatin1String(", ")));
                return finish();
            }
        }
        if (profile.constants.contains(field.name)) {
            s.hasConstant = true;
            s.constant = profile.constants.value(field.name);
        }
        const auto map = profile.valueMaps.constFind(field.name);
        if (map != profile.valueMaps.constEnd())
            s.map = &map.value();
        if (field.required && !s.mapped() && profile.mode == MappingProfile::Mode::InsertOnly &&
            field.name != QLatin1String("partner_key")) {
            report.fatalError =
                QStringLiteral("The required field '%1' (%2) is not mapped to a column").arg(field.name, field.label);
            return finish();
        }
        sources.insert(field.name, s);
    }
    int filterIndex = -1;
    if (!profile.filterColumn.isEmpty()) {
        filterIndex = columnIndex(profile.filterColumn);
        if (filterIndex < 0) {
            report.fatalError = QStringLiteral("The filter column '%1' is not in the file").arg(profile.filterColumn);
            return finish();
        }
    }

    try {
        std::unique_ptr<Importer> importer = makeImporter(m_db, m_clock, profile);
        importer->setSources(sources);
        importer->setScales(profile.scales);
        importer->load();

        QStringList fields;
        RowIssues rowIssues;
        while (reader.next(fields)) {
            ++report.rowsRead;
            if ((report.rowsRead & 1023) == 0) {
                if (progress)
                    progress(reader.bytesRead(), reader.size());
                if (cancelled()) {
                    report.cancelled = true;
                    return finish();
                }
            }
            if (filterIndex >= 0 && fields.value(filterIndex).trimmed() != profile.filterValue) {
                ++report.filteredOut;
                continue;
            }
            rowIssues.row = reader.row();
            rowIssues.list.clear();
            importer->row(fields, rowIssues);
            if (!rowIssues.ok()) {
                ++report.rejected;
                report.issues.append(rowIssues.list);
            }
        }
        if (!reader.error().isEmpty()) {
            report.issues.append(readerIssue(reader));
            ++report.rejected;
            report.fatalError = reader.error();
            return finish();
        }
        const QList<ImportIssue> late = importer->finish();
        if (!late.isEmpty()) {
            report.rejected += late.size();
            report.issues.append(late);
            std::stable_sort(report.issues.begin(), report.issues.end(),
                             [](const ImportIssue& a, const ImportIssue& b) { return a.row < b.row; });
        }
        if (progress)
            progress(reader.size(), reader.size());
        if (options.dryRun) {
            report.inserted = importer->insertCount();
            report.updated = importer->updateCount();
            return finish();
        }
        if (report.rejected > 0 && !options.skipInvalid)
            return finish();
        if (cancelled()) {
            report.cancelled = true;
            return finish();
        }
        const qint64 inserted = importer->insertCount();
        const qint64 updated = importer->updateCount();
        if (inserted + updated > 10000)
            m_db.tuneForBulkWrite();
        Transaction tx(m_db);
        ChangeRecorder recorder(m_db);
        const QString at = recorder.freshInstant(importer->table(), m_clock.nowUtc());
        importer->write(at);
        if (inserted > 0)
            recorder.logBulk(importer->table(), QStringLiteral("insert"), at);
        if (updated > 0)
            recorder.logBulk(importer->table(), QStringLiteral("update"), at);
        recorder.audit(
            QStringLiteral("import"), importer->table(), QStringLiteral(""),
            QStringLiteral("%1: %2 inserted, %3 updated").arg(QFileInfo(csvPath).fileName()).arg(inserted).arg(updated),
            at);
        if (cancelled()) {
            report.cancelled = true;
            return finish(); // the transaction rolls back
        }
        tx.commit();
        report.inserted = inserted;
        report.updated = updated;
        report.committed = true;
    } catch (const StorageError& e) {
        report.fatalError = e.message();
        report.databaseError = true;
        report.inserted = 0;
        report.updated = 0;
        report.committed = false;
    }
    return finish();
}

} // namespace pd
