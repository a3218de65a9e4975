// Import of deals (see EntityImporter.h).
#include "io/EntityImporter.h"
#include "storage/AccountRepository.h"
#include "storage/ContactRepository.h"
#include "storage/DealRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/StorageError.h"

#include <algorithm>
#include <limits>

namespace pd::importing {

namespace {
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

        // Partner and contact: through the registering contact (partner_key, when also given, must agree); without
        // a contact, the partner of partner_key (the contact stays empty); a new row needs one of the two.
        const QString contact = get(m_sContact, fields);
        const QString partnerKey = get(m_sPartner, fields);
        if (isNew && contact.isEmpty() && partnerKey.isEmpty())
            issues.add(
                m_sContact, contact,
                QStringLiteral("required field 'contact' is empty, and so is 'partner_key': give the registering "
                               "contact or the partner's key"));
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
                it = m_instantCache.insert(v, instant(v));
            if (!it->isValid())
                issues.add(m_sRegistered, v, instantExpected());
            else
                d.registeredAt = *it;
        }
        auto date = [&](const Source& s, QDate* out) {
            if (const QString v = get(s, fields); !v.isEmpty()) {
                const QDate day = Importer::date(s, v, issues);
                if (day.isValid())
                    *out = day;
            }
        };
        date(m_sExpected, &d.expectedClose);
        date(m_sClosed, &d.closedOn);

        if (const QString v = get(m_sCurrency, fields); !v.isEmpty()) {
            // Valid codes are remembered as written; an invalid one is checked again (and reported) on every row.
            auto it = m_currencyCache.constFind(v);
            if (it != m_currencyCache.constEnd())
                d.currency = it.value();
            else if (const std::optional<QString> code = currency(m_sCurrency, v, issues))
                d.currency = m_currencyCache.insert(v, *code).value();
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
            d.registrationNumber = m_nextNumber++; // in file order; made absolute when written

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
        // Numbers are allocated in the writing transaction (DESIGN.md section 2): rows were numbered 1, 2, … in
        // file order while reading, and a concurrent registration or import cannot take the same numbers.
        if (m_nextNumber > 1) {
            const qint64 offset = repo.allocateRegistrationNumbers(m_nextNumber - 1) - 1;
            for (Deal& d : m_staging.inserts)
                if (d.registrationNumber > 0)
                    d.registrationNumber += offset;
        }
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
    QHash<QString, QString> m_currencyCache; ///< valid currency text as written → ISO code
    QSet<QString> m_bookIds;
    QHash<QString, qint64> m_fileRows;
    QHash<QString, Deal> m_book;
    Staging<Deal> m_staging;
    qint64 m_nextNumber = 1; ///< next number relative to the file (1 = the first new row)
};
} // namespace

std::unique_ptr<Importer> makeDealImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    return std::make_unique<DealImporter>(db, clock, profile);
}

} // namespace pd::importing
