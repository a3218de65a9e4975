// Import of partners (see EntityImporter.h).
#include "io/EntityImporter.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"

#include <algorithm>
#include <limits>

namespace pd::importing {

namespace {
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
        if (const QString v = get(src("industry"), fields); !v.isEmpty())
            p.industry = v;
        if (const QString v = get(src("employees"), fields); !v.isEmpty()) {
            QString reason;
            const std::optional<QString> canonical = m_numberFormat.canonical(v, &reason);
            bool ok = false;
            const int employees = canonical ? canonical->toInt(&ok) : 0;
            if (!canonical)
                issues.add(src("employees"), v, reason);
            else if (!ok || employees < 1)
                issues.add(src("employees"), v,
                           QStringLiteral("not a number of employees (a whole number, 1 or more)"));
            else
                p.employees = employees;
        }
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
} // namespace

std::unique_ptr<Importer> makePartnerImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    return std::make_unique<PartnerImporter>(db, clock, profile);
}

} // namespace pd::importing
