// Import of deals (see EntityImporter.h).
#include "io/EntityImporter.h"
#include "io/FileKeys.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeRecorder.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DealBulkWriter.h"
#include "storage/DealRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/RowKeys.h"
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
        for (const ContactRepository::NamedContact& c : ContactRepository(m_db, m_clock).listNamed())
            m_contacts[c.nameKey].append({c.id, c.partnerId});
        for (const Product& p : ProductRepository(m_db).list())
            m_products.insert(normalizeName(p.name, NameKind::Product), p.id);
        m_accounts = AccountRepository(m_db).idsByNameKey();
        DealRepository deals(m_db);
        if (m_upsert) {
            for (const Deal& d : deals.list(std::numeric_limits<int>::max()))
                if (!d.externalId.isEmpty())
                    m_book.insert(d.externalId, d);
        } else if (!m_keysByIndex) {
            const auto ids = deals.externalIds();
            m_bookIds.reserve(ids.size());
            for (auto it = ids.cbegin(); it != ids.cend(); ++it)
                m_bookIds.insert(it.key());
        }
    }

    void row(const QStringList& fields, RowIssues& issues) override
    {
        // Lookups go through views of the cells (view()) and TextMap caches: no text is copied unless it is kept.
        // The tables are large (a million file keys, every partner, contact and account), so their slots and entries
        // are fetched into the CPU cache together first: their cache misses overlap instead of following each other.
        const QString ext = get(m_sExt, fields);
        const QStringView contact = view(m_sContact, fields);
        const QStringView partnerKey = view(m_sPartner, fields);
        const QStringView account = view(m_sAccount, fields);
        const size_t extHash = m_fileRows.hash(ext);
        const size_t partnerHash = m_partnerCache.hash(partnerKey);
        const size_t contactHash = m_contactCache.hash(partnerKey, contact);
        const size_t accountHash = m_accountCache.hash(account);
        m_fileRows.prefetchSlot(extHash);
        m_partnerCache.prefetchSlot(partnerHash);
        m_contactCache.prefetchSlot(contactHash);
        m_accountCache.prefetchSlot(accountHash);
        m_partnerCache.prefetchEntry(partnerHash);
        m_contactCache.prefetchEntry(contactHash);
        m_accountCache.prefetchEntry(accountHash);

        Deal d;
        bool isUpdate = false;
        bool isNew = true;
        bool inserted = false;
        if (!ext.isEmpty()) {
            if (m_keysByIndex) {
                // Checked by the book's unique index as the row is written (finish() reports the refused rows).
            } else if (!m_upsert) {
                if (!m_bookIds.isEmpty() && m_bookIds.contains(ext)) {
                    issues.add(m_sExt, ext, QStringLiteral("duplicate key: '%1' is already in the book").arg(ext));
                    return;
                }
                const qint64 firstRow = m_fileRows.findOrInsert(ext, extHash, issues.row);
                if (firstRow >= 0) {
                    issues.add(m_sExt, ext,
                               QStringLiteral("duplicate key: '%1' is also on row %2").arg(ext).arg(firstRow));
                    return;
                }
            } else if (!base(m_staging, m_book, ext, m_sExt, ext, issues, &d, &isUpdate, &isNew)) {
                return;
            }
        }
        d.externalId = ext;
        // The entries have had the time of the file key's lookup to arrive: start loading the ids the deal will share.
        if (const ContactMatch* match = m_contactCache.guess(contactHash)) {
            __builtin_prefetch(match->contactId.constData());
            __builtin_prefetch(match->partnerId.constData());
        }
        if (const Ref* accountRef = m_accountCache.guess(accountHash))
            __builtin_prefetch(accountRef->id.constData());
        DealBulkWriter::Keys keys; // the bulk path's integer keys of the parties

        // Partner and contact: through the registering contact (partner_key, when also given, must agree); without
        // a contact, the partner of partner_key (the contact stays empty); a new row needs one of the two.
        if (isNew && contact.isEmpty() && partnerKey.isEmpty())
            issues.add(
                m_sContact, contact.toString(),
                QStringLiteral("required field 'contact' is empty, and so is 'partner_key': give the registering "
                               "contact or the partner's key"));
        if (!contact.isEmpty() || !partnerKey.isEmpty()) {
            Ref& partner = m_partnerCache.findOrInsert(partnerKey, {}, partnerHash, &inserted);
            if (inserted && !partnerKey.isEmpty())
                partner = ref(m_partnerIds.value(partnerKey.toString()), m_partnerPks);
            const QString& partnerId = partner.id;
            if (!partnerKey.isEmpty() && partnerId.isEmpty()) {
                issues.add(m_sPartner, partnerKey.toString(), QStringLiteral("unknown partner '%1'").arg(partnerKey));
            } else if (!contact.isEmpty()) {
                ContactMatch& match = m_contactCache.findOrInsert(partnerKey, contact, contactHash, &inserted);
                if (inserted)
                    match = resolveContact(contact.toString(), partnerId);
                if (match.contactId.isEmpty()) {
                    issues.add(m_sContact, contact.toString(), match.error);
                } else {
                    d.contactId = match.contactId;
                    d.partnerId = match.partnerId;
                    keys.contact = match.contactPk;
                    keys.partner = match.partnerPk;
                }
            } else {
                d.partnerId = partnerId;
                keys.partner = partner.pk;
            }
        }

        const QStringView product = view(m_sProduct, fields);
        if (product.isEmpty()) {
            requireValue(m_sProduct, QString(), isNew, issues);
        } else {
            Ref& productRef = m_productCache.findOrInsert(product, {}, &inserted);
            if (inserted)
                productRef = ref(m_products.value(normalizeName(product.toString(), NameKind::Product)), m_productPks);
            if (productRef.id.isEmpty()) {
                issues.add(m_sProduct, product.toString(), QStringLiteral("unknown product '%1'").arg(product));
            } else {
                d.productId = productRef.id;
                keys.product = productRef.pk;
            }
        }

        if (!account.isEmpty()) {
            Ref& accountRef = m_accountCache.findOrInsert(account, {}, accountHash, &inserted);
            if (inserted)
                accountRef = ref(m_accounts.value(normalizeName(account.toString())), m_accountPks);
            if (accountRef.id.isEmpty()) {
                issues.add(m_sAccount, account.toString(), QStringLiteral("unknown account '%1'").arg(account));
            } else {
                d.accountId = accountRef.id;
                keys.account = accountRef.pk;
            }
        }

        const QStringView status = view(m_sStatus, fields);
        if (status.isEmpty()) {
            requireValue(m_sStatus, QString(), isNew, issues);
        } else {
            std::optional<DealStatus>& known = m_statusCache.findOrInsert(status, {}, &inserted);
            if (inserted)
                known = dealStatusFromString(status.toString());
            if (!known)
                issues.add(m_sStatus, status.toString(),
                           QStringLiteral("unknown deal status '%1' (expected one of %2)")
                               .arg(status, dealStatusNames().join(QLatin1String(", "))));
            else
                d.status = *known;
        }

        if (const QStringView v = view(m_sRegistered, fields); !v.isEmpty()) {
            QDateTime& at = m_instantCache.findOrInsert(v, {}, &inserted);
            if (inserted)
                at = instant(v.toString());
            if (!at.isValid())
                issues.add(m_sRegistered, v.toString(), instantExpected());
            else
                d.registeredAt = at;
        }
        auto date = [&](const Source& s, QDate* out) {
            if (const QStringView v = view(s, fields); !v.isEmpty()) {
                const QDate day = Importer::date(s, v, issues);
                if (day.isValid())
                    *out = day;
            }
        };
        date(m_sExpected, &d.expectedClose);
        date(m_sClosed, &d.closedOn);

        if (const QStringView v = view(m_sCurrency, fields); !v.isEmpty()) {
            // Valid codes are remembered as written; an invalid one is checked again (and reported) on every row.
            if (const QString* code = m_currencyCache.find(v)) {
                d.currency = *code;
            } else if (const std::optional<QString> checked = currency(m_sCurrency, v.toString(), issues)) {
                m_currencyCache.findOrInsert(v, {}, &inserted) = *checked;
                d.currency = *checked;
            }
        }
        if (const QStringView v = view(m_sAmount, fields); !v.isEmpty()) {
            if (auto m = money(m_sAmount, v, d.currency, m_amountScale, QStringLiteral("amount"), issues))
                d.amountMinor = *m;
        }
        if (const QString v = get(m_sNotes, fields); !v.isEmpty())
            d.notes = v;

        if (!issues.ok()) {
            if (!m_upsert && !ext.isEmpty() && !m_keysByIndex)
                m_fileRows.removeLast(); // an invalid row does not claim its key (it was the last one added)
            return;
        }
        if (isNew && d.registrationNumber == 0)
            d.registrationNumber = m_nextNumber++; // in file order; made absolute when written

        if (m_upsert && !ext.isEmpty())
            m_staging.put(ext, std::move(d), isUpdate, issues.row);
        else
            m_staging.inserts.append(std::move(d));
        if (m_bulk) {
            m_bulkKeys.append(keys);
            m_bulkRows.append(issues.row);
        }
    }
    qint64 insertCount() const override { return m_bulkWritten + m_counted + m_staging.inserts.size(); }
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

    bool supportsBulk() const override { return !m_upsert; }
    void planBulk() override
    {
        // SQLite's bulk writer reports a duplicated external id per row (a failed single-row INSERT leaves the
        // transaction as it was): the book's unique index checks the file's keys, and no set of them is kept in
        // memory (a million keys took some 50 MB). On PostgreSQL a failed INSERT ends the transaction: the keys are
        // checked here, as on the row path.
        m_keysByIndex = m_db.dialect() == Database::Dialect::Sqlite;
    }
    bool checksWhenWriting() const override { return m_keysByIndex; }
    QList<ImportIssue> finish() override
    {
        if (!m_bulk || !m_keysByIndex)
            return {};
        flushBulk(); // the last rows, so that every refused row is known
        // A refused row's key is held by the row the book already had (a key at or below the largest key before the
        // import), or by an earlier row of the file, whose file row follows from its key (rows are written in file
        // order, their keys one after the other).
        QList<ImportIssue> out;
        const DealRepository deals(m_db);
        for (const Refused& r : std::as_const(m_refused)) {
            const qint64 pk = deals.keyOfExternalId(r.key);
            const QString reason = pk <= m_keysBefore
                                       ? QStringLiteral("duplicate key: '%1' is already in the book").arg(r.key)
                                       : QStringLiteral("duplicate key: '%1' is also on row %2")
                                             .arg(r.key)
                                             .arg(fileRowOfWritten(pk - m_keysBefore - 1));
            out.append(ImportIssue{r.row, m_sExt.label(), r.key, reason});
        }
        return out;
    }
    void beginBulk(const QString& at, bool dropIndexes) override
    {
        // The bulk path writes integer keys: each distinct partner, contact, account and product is resolved once,
        // when row() first meets it.
        m_partnerPks = KeysById::read(m_db, "partners");
        m_contactPks = KeysById::read(m_db, "contacts");
        m_accountPks = KeysById::read(m_db, "accounts");
        m_productPks = KeysById::read(m_db, "products");
        m_keysBefore = ChangeRecorder(m_db).largestKey(table()); // inside the import's transaction
        m_bulk = std::make_unique<DealBulkWriter>(m_db);
        m_bulk->begin(at, dropIndexes);
    }
    qsizetype stagedCount() const override { return m_staging.inserts.size(); }
    void flushBulk() override
    {
        writeRows(m_staging.inserts, m_bulkKeys, m_bulkRows);
        m_staging.inserts.clear();
        m_bulkKeys.clear();
        m_bulkRows.clear();
    }
    std::unique_ptr<StagedBatch> takeStaged() override
    {
        auto batch = std::make_unique<DealBatch>();
        batch->deals.swap(m_staging.inserts);
        batch->keys.swap(m_bulkKeys);
        batch->rows.swap(m_bulkRows);
        return batch;
    }
    void writeStaged(StagedBatch& batch) override
    {
        auto& deals = static_cast<DealBatch&>(batch);
        writeRows(deals.deals, deals.keys, deals.rows);
    }
    void countStaged() override
    {
        m_counted += m_staging.inserts.size();
        discardStaged();
    }
    void discardStaged() override
    {
        m_staging.inserts.clear();
        m_bulkKeys.clear();
        m_bulkRows.clear();
    }
    void finishBulk() override
    {
        flushBulk();
        m_bulk->finish();
    }

private:
    /// Staged new deals and their parties' keys, row for row (the bulk path).
    struct DealBatch : StagedBatch
    {
        QList<Deal> deals;
        QList<DealBulkWriter::Keys> keys;
        QList<qint64> rows; ///< each deal's row in the file
    };
    /// A row the book's unique index refused: its external id was taken.
    struct Refused
    {
        qint64 row = 0;
        QString key;
    };

    /// The file row of the `ordinal`-th row written by this import (0-based).
    qint64 fileRowOfWritten(qint64 ordinal) const
    {
        const auto it = std::upper_bound(m_rowDeltas.begin(), m_rowDeltas.end(), ordinal,
                                         [](qint64 o, const std::pair<qint64, qint64>& d) { return o < d.first; });
        return it == m_rowDeltas.begin() ? 0 : ordinal + std::prev(it)->second;
    }

    /// Writes new deals on the bulk path. Rows were numbered 1, 2, … in file order while reading; each batch takes
    /// the next numbers of the book's counter, which the import's transaction holds from its first batch (DESIGN.md
    /// section 2), so the numbers follow the file's order.
    void writeRows(QList<Deal>& deals, const QList<DealBulkWriter::Keys>& keys, const QList<qint64>& rows)
    {
        if (deals.isEmpty())
            return;
        const qint64 first = deals.first().registrationNumber;
        const qint64 offset =
            DealRepository(m_db).allocateRegistrationNumbers(deals.last().registrationNumber - first + 1) - first;
        for (Deal& d : deals)
            d.registrationNumber += offset;
        const QList<qsizetype> refused = m_bulk->write(deals, keys);
        // Rows written: where each one's file row stands beside its place in the import (a change only after a row
        // that was not written). Refused rows: kept for finish(), and their numbers given back.
        qint64 unused = 0;
        qsizetype next = 0;
        for (qsizetype i = 0; i < deals.size(); ++i) {
            if (next < refused.size() && refused.at(next) == i) {
                ++next;
                m_refused.append({rows.at(i), deals.at(i).externalId});
                if (deals.at(i).registrationNumber > 0)
                    ++unused;
                continue;
            }
            const qint64 delta = rows.at(i) - m_bulkWritten;
            if (m_rowDeltas.empty() || m_rowDeltas.back().second != delta)
                m_rowDeltas.emplace_back(m_bulkWritten, delta);
            ++m_bulkWritten;
        }
        if (unused > 0)
            DealRepository(m_db).returnRegistrationNumbers(unused);
    }

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
        qint64 contactPk = 0; ///< integer keys, on the bulk path only
        qint64 partnerPk = 0;
    };
    /// A row of the book found by its text in the file: its UUID, and on the bulk path its integer key.
    struct Ref
    {
        QString id; ///< empty: not in the book
        qint64 pk = 0;
    };
    /// The Ref of the row with UUID `id` (empty: none), its key looked up in `keys` on the bulk path.
    Ref ref(const QString& id, const KeysById& keys) const
    {
        return Ref{id, m_bulk && !id.isEmpty() ? keys.pkOf(id) : 0};
    }

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
            if (m_bulk) {
                m.contactPk = m_contactPks.pkOf(m.contactId);
                m.partnerPk = m_partnerPks.pkOf(m.partnerId);
            }
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
    // Caches of row(), keyed by the text as written.
    TextMap<Ref> m_partnerCache;          ///< partner_key → partner (empty id: unknown, or no key)
    TextMap<ContactMatch> m_contactCache; ///< (partner_key, contact) → the contact
    TextMap<Ref> m_productCache;
    TextMap<Ref> m_accountCache;
    KeysById m_partnerPks, m_contactPks, m_accountPks, m_productPks; ///< the bulk path's UUID → key maps
    TextMap<std::optional<DealStatus>> m_statusCache;
    TextMap<QDateTime> m_instantCache;
    TextMap<QString> m_currencyCache; ///< valid currency text → ISO code
    QSet<QString> m_bookIds;
    FileKeys m_fileRows; ///< external id → its row in the file (insert-only mode)
    QHash<QString, Deal> m_book;
    Staging<Deal> m_staging;
    qint64 m_nextNumber = 1;                ///< next number relative to the file (1 = the first new row)
    std::unique_ptr<DealBulkWriter> m_bulk; ///< the bulk path's writer (ImportEngine), else null
    QList<DealBulkWriter::Keys> m_bulkKeys; ///< the integer keys of m_staging.inserts, row for row (bulk path)
    QList<qint64> m_bulkRows;               ///< the file rows of m_staging.inserts (bulk path)
    qint64 m_bulkWritten = 0;               ///< rows the bulk path has written
    qint64 m_counted = 0;                   ///< valid new rows a dry run counted and let go (countStaged())
    bool m_keysByIndex = false;             ///< external ids are checked by the book's unique index (planBulk())
    qint64 m_keysBefore = 0;                ///< the table's largest row key before the bulk load
    QList<Refused> m_refused;               ///< rows the unique index refused, in file order
    std::vector<std::pair<qint64, qint64>> m_rowDeltas; ///< (first ordinal, file row − ordinal) from there on
};
} // namespace

std::unique_ptr<Importer> makeDealImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    return std::make_unique<DealImporter>(db, clock, profile);
}

} // namespace pd::importing
