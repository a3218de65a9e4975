// Import of contacts (see EntityImporter.h).
#include "io/EntityImporter.h"
#include "storage/ContactRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"

#include <algorithm>
#include <limits>

namespace pd::importing {

namespace {
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
} // namespace

std::unique_ptr<Importer> makeContactImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    return std::make_unique<ContactImporter>(db, clock, profile);
}

} // namespace pd::importing
