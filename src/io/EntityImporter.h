#pragma once

// Internal to pd_io: the per-entity importers behind ImportEngine (one class per entity, each in its own
// file) and what they share: where a field comes from, the issues of a row, staging, parsing helpers.

#include "domain/Clock.h"
#include "domain/CountryResolver.h"
#include "domain/Money.h"
#include "domain/NameNormalizer.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QStringList>
#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

namespace pd::importing {

/// Where a field's value comes from: a CSV column, a constant, and an optional value map (with its "*" entry
/// resolved once into `otherwise`, so that get() does one lookup per cell and allocates nothing).
struct Source
{
    QString field;
    QString column; ///< CSV header; empty when the field is not mapped to a column
    int index = -1;
    bool hasConstant = false;
    QString constant;
    const QMap<QString, QString>* map = nullptr;
    bool hasOtherwise = false; ///< the value map has an "everything else" entry ("*"), see MappingProfile
    QString otherwise;         ///< what a non-empty value that the map does not list becomes

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

/// The value of `s` in `row`: the trimmed cell, else the constant, then through the value map (a listed value,
/// else the "*" entry when there is one; an empty value is never mapped).
inline QString get(const Source& s, const QStringList& row)
{
    QString v;
    if (s.index >= 0 && s.index < row.size()) {
        const QString& cell = row.at(s.index);
        // Most cells need no trimming: printable ASCII at both ends (no space) shares the cell as it is.
        const auto plain = [](QChar c) { return c.unicode() > u' ' && c.unicode() < 0x7F; };
        if (!cell.isEmpty() && plain(cell.front()) && plain(cell.back()))
            v = cell;
        else
            v = cell.trimmed();
    }
    if (v.isEmpty() && s.hasConstant)
        v = s.constant;
    if (s.map && !v.isEmpty()) {
        const auto it = s.map->constFind(v);
        if (it != s.map->constEnd())
            v = it.value();
        else if (s.hasOtherwise)
            v = s.otherwise; // the "*" entry: any value not listed (an empty cell stays empty)
    }
    return v;
}

/// The value of `s` in `row` as get() gives it, as a view into the cell, the constant or the value map (no copy
/// unless the field has a value map). Valid while `row` and `s` are.
inline QStringView view(const Source& s, const QStringList& row)
{
    QStringView v;
    if (s.index >= 0 && s.index < row.size())
        v = QStringView(row.at(s.index)).trimmed();
    if (v.isEmpty() && s.hasConstant)
        v = s.constant;
    if (s.map && !v.isEmpty()) {
        const auto it = s.map->constFind(v.toString());
        if (it != s.map->constEnd())
            v = it.value();
        else if (s.hasOtherwise)
            v = s.otherwise;
    }
    return v;
}

/// A hash table from text keys of one or two parts to values of type V, for the per-row caches of big imports:
/// looked up by QStringView (no QString is built); each slot keeps its key's hash so that probing compares text only
/// when hashes are equal (open addressing, linear probing, at most half full); short keys are kept in their entry
/// beside the value (one cache miss less per lookup), longer ones in one shared buffer.
template <typename V> class TextMap
{
public:
    /// The hash of the key (a, b), for prefetchSlot(), prefetchEntry() and the lookups that take it.
    size_t hash(QStringView a, QStringView b = {}) const
    {
        const size_t h = qHash(a, m_seed);
        return b.isEmpty() ? h : qHash(b, h ^ size_t(0x9E3779B97F4A7C15ULL));
    }
    /// Starts loading the first slot of hash `h` into the CPU cache: a big import looks up several tables per row,
    /// and their cache misses cost less when they overlap. Only a hint; changes nothing.
    void prefetchSlot(size_t h) const
    {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[h & m_mask]);
    }
    /// Starts loading the entry that probably holds hash `h` (the first one with that hash), after prefetchSlot().
    void prefetchEntry(size_t h) const
    {
        if (const qsizetype e = probe(h, [](const Entry&) { return true; }); e >= 0)
            __builtin_prefetch(&m_entries[e]);
    }
    /// The value of the first entry with hash `h`, without comparing keys: probably, not surely, the value of the key
    /// that has this hash. Only for prefetching what a lookup will need next; nullptr when no entry has that hash.
    const V* guess(size_t h) const
    {
        const qsizetype e = probe(h, [](const Entry&) { return true; });
        return e >= 0 ? &m_entries[e].value : nullptr;
    }

    /// The value stored for the key (a, b), or nullptr.
    V* find(QStringView a, QStringView b = {}) { return find(a, b, hash(a, b)); }
    /// find() with the key's hash(), already computed.
    V* find(QStringView a, QStringView b, size_t h)
    {
        const qsizetype e = probe(h, [&](const Entry& entry) { return equal(entry, a, b); });
        return e >= 0 ? &m_entries[e].value : nullptr;
    }
    /// The value stored for the key (a, b), inserting V() first when there is none (`*inserted` says which). The
    /// reference is valid until the next insertion.
    V& findOrInsert(QStringView a, QStringView b, bool* inserted) { return findOrInsert(a, b, hash(a, b), inserted); }
    /// findOrInsert() with the key's hash(), already computed.
    V& findOrInsert(QStringView a, QStringView b, size_t h, bool* inserted)
    {
        if (2 * (m_entries.size() + 1) > m_slots.size())
            grow();
        size_t i = h & m_mask;
        for (;; i = (i + 1) & m_mask) {
            const Slot& slot = m_slots[i];
            if (slot.entry < 0)
                break;
            if (slot.hash == h && equal(m_entries[slot.entry], a, b)) {
                *inserted = false;
                return m_entries[slot.entry].value;
            }
        }
        Entry e;
        e.sizeA = qint32(a.size());
        e.sizeB = qint32(b.size());
        e.hash = h;
        char16_t* to = e.text;
        if (a.size() + b.size() > kInline) {
            e.offset = m_text.size();
            m_text.resize(m_text.size() + a.size() + b.size());
            to = m_text.data() + e.offset;
        }
        std::copy(a.utf16(), a.utf16() + a.size(), to);
        std::copy(b.utf16(), b.utf16() + b.size(), to + a.size());
        m_slots[i] = Slot{h, qsizetype(m_entries.size())};
        m_entries.push_back(std::move(e));
        *inserted = true;
        return m_entries.back().value;
    }
    /// Removes the entry inserted last. Only valid while nothing else was inserted after it (with linear probing,
    /// no other key's probe sequence can depend on the newest entry's slot).
    void removeLast()
    {
        const Entry& e = m_entries.back();
        size_t i = e.hash & m_mask;
        while (m_slots[i].entry != qsizetype(m_entries.size()) - 1)
            i = (i + 1) & m_mask;
        m_slots[i].entry = -1;
        if (e.sizeA + e.sizeB > kInline)
            m_text.resize(e.offset);
        m_entries.pop_back();
    }
    qsizetype size() const { return qsizetype(m_entries.size()); }

private:
    struct Slot
    {
        size_t hash = 0;
        qsizetype entry = -1; ///< index in m_entries; -1 when the slot is free
    };
    static constexpr qsizetype kInline = 20; ///< keys up to this many characters are kept in their entry
    struct Entry
    {
        size_t hash = 0;
        qint32 sizeA = 0;
        qint32 sizeB = 0;
        V value{};
        size_t offset = 0;        ///< of a long key's text in m_text: part a, then part b
        char16_t text[kInline]{}; ///< a short key's text: part a, then part b
    };

    /// The index of the first entry with hash `h` that `match` accepts, or -1.
    template <typename Match> qsizetype probe(size_t h, Match match) const
    {
        if (m_slots.empty())
            return -1;
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const Slot& slot = m_slots[i];
            if (slot.entry < 0)
                return -1;
            if (slot.hash == h && match(m_entries[slot.entry]))
                return slot.entry;
        }
    }
    bool equal(const Entry& e, QStringView a, QStringView b) const
    {
        if (e.sizeA != a.size() || e.sizeB != b.size())
            return false;
        const char16_t* t = e.sizeA + e.sizeB > kInline ? m_text.data() + e.offset : e.text;
        return std::equal(a.utf16(), a.utf16() + a.size(), t) &&
               std::equal(b.utf16(), b.utf16() + b.size(), t + e.sizeA);
    }
    void grow()
    {
        const size_t n = m_slots.empty() ? 64 : 2 * m_slots.size();
        m_slots.assign(n, Slot{});
        m_mask = n - 1;
        for (qsizetype k = 0; k < qsizetype(m_entries.size()); ++k) {
            size_t i = m_entries[k].hash & m_mask;
            while (m_slots[i].entry >= 0)
                i = (i + 1) & m_mask;
            m_slots[i] = Slot{m_entries[k].hash, k};
        }
    }

    size_t m_seed = QHashSeed::globalSeed();
    size_t m_mask = 0;
    std::vector<Slot> m_slots;
    std::vector<Entry> m_entries;
    std::vector<char16_t> m_text;
};

inline int digit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') ? int(u - '0') : -1;
}

/// Parses "YYYY-MM-DD" strictly (no QDate::fromString: it is slow and lenient).
inline QDate parseIsoDate(QStringView t)
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
inline QDateTime parseInstant(const QString& t)
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
inline int firstYear(const QString& text)
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

inline bool parseYear(const QString& text, int* year)
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

/// Rows of one entity staged by an importer for the bulk path (each importer has its own kind).
struct StagedBatch
{
    virtual ~StagedBatch() = default;
};

/// Validates rows of one entity and writes them through its repository.
class Importer
{
public:
    Importer(Database& db, const Clock& clock, const MappingProfile& profile)
        : m_db(db), m_clock(clock), m_upsert(profile.mode == MappingProfile::Mode::Upsert),
          m_numberFormat(profile.numberFormat), m_dateFormat(profile.dateFormat)
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

    // The bulk path (ImportEngine): new rows go to the book in batches while the file is read, inside the import's
    // transaction. Only for an importer whose supportsBulk() is true.
    /// True when this import can take the bulk path (insert-only deals).
    virtual bool supportsBulk() const { return false; }
    /// The import will take the bulk path: called before load().
    virtual void planBulk() {}
    /// True when some rows' checks happen as they are written (the bulk path's keys, see DealImporter): rows keep
    /// being written after an invalid one, so that the report names every invalid row.
    virtual bool checksWhenWriting() const { return false; }
    /// Starts writing rows stamped `at`; with `dropIndexes` the table's secondary indexes may be dropped and rebuilt
    /// at the end (SQLite).
    virtual void beginBulk(const QString& /*at*/, bool /*dropIndexes*/) {}
    /// Valid rows staged and not yet written.
    virtual qsizetype stagedCount() const { return 0; }
    /// Writes the staged rows.
    virtual void flushBulk() {}
    /// Moves the staged rows out, to be written by writeStaged() on the writing thread while row() goes on with the
    /// next rows on the reading thread (the two share nothing else).
    virtual std::unique_ptr<StagedBatch> takeStaged() { return nullptr; }
    /// Writes rows taken by takeStaged(), in the order they were taken (their registration numbers follow).
    virtual void writeStaged(StagedBatch& /*batch*/) {}
    /// Forgets the staged rows (the import will roll back: an invalid row without skipInvalid).
    virtual void discardStaged() {}
    /// Forgets the staged rows but keeps counting them in insertCount(): a dry run of an import that could take the
    /// bulk path holds one batch of rows at a time instead of the whole file.
    virtual void countStaged() {}
    /// Writes what is staged, rebuilds indexes and checks foreign keys.
    virtual void finishBulk() {}

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

    /// An amount written in the profile's number format, in minor units of `currency` times `scale`; an issue
    /// (malformed, ambiguous, too many decimals, out of range, negative) and nullopt otherwise.
    std::optional<qint64> money(const Source& s, QStringView value, const QString& currency, qint64 scale,
                                const QString& what, RowIssues& issues)
    {
        // The common case ("2863.00") directly; anything else through the exact general path and its reasons.
        if (const std::optional<qint64> simple = m_numberFormat.simpleMinorUnits(value, minorDigits(currency), scale))
            return simple;
        QString reason;
        const std::optional<QString> canonical = m_numberFormat.canonical(value, &reason);
        const std::optional<qint64> minor =
            canonical ? parseMinorUnits(*canonical, currency, scale, &reason) : std::nullopt;
        if (!minor) {
            issues.add(s, value.toString(), reason);
            return std::nullopt;
        }
        if (*minor < 0) {
            issues.add(s, value.toString(), QStringLiteral("negative %1").arg(what));
            return std::nullopt;
        }
        return minor;
    }

    /// currencyMinorDigits(`currency`), remembered per currency (ICU's lookup is slow for a million rows).
    int minorDigits(const QString& currency)
    {
        auto it = m_minorDigits.constFind(currency);
        if (it == m_minorDigits.constEnd())
            it = m_minorDigits.insert(currency, currencyMinorDigits(currency));
        return it.value();
    }

    /// An ISO 4217 code (any case in the file, upper case in the book); an issue and nullopt otherwise.
    std::optional<QString> currency(const Source& s, const QString& value, RowIssues& issues)
    {
        const QString code = value.toUpper();
        bool letters = code.size() == 3;
        for (QChar c : code)
            letters = letters && c >= QLatin1Char('A') && c <= QLatin1Char('Z');
        if (!letters) {
            issues.add(s, value, QStringLiteral("not a currency code (expected three letters, e.g. USD)"));
            return std::nullopt;
        }
        if (!isCurrencyCode(code)) {
            issues.add(s, value, QStringLiteral("'%1' is not an ISO 4217 currency code").arg(value));
            return std::nullopt;
        }
        return code;
    }

    /// A date written in the profile's date format; an issue and an invalid date otherwise.
    QDate date(const Source& s, QStringView value, RowIssues& issues) const
    {
        const QDate day = m_dateFormat.isIso() ? parseIsoDate(value) : m_dateFormat.parse(value);
        if (!day.isValid())
            issues.add(s, value.toString(), QStringLiteral("not a date (expected %1)").arg(m_dateFormat.expected()));
        return day;
    }

    /// An instant: a date in the profile's date format (00:00 UTC that day) or ISO 8601 "YYYY-MM-DDTHH:MM:SS[.zzz]Z".
    QDateTime instant(const QString& value) const
    {
        if (m_dateFormat.isIso() || value.contains(QLatin1Char('T')))
            return parseInstant(value);
        const QDate day = m_dateFormat.parse(value);
        return day.isValid() ? QDateTime(day, QTime(0, 0), Qt::UTC) : QDateTime();
    }
    QString instantExpected() const
    {
        return QStringLiteral("not a date (expected %1 or YYYY-MM-DDTHH:MM:SS[.zzz]Z)").arg(m_dateFormat.expected());
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
    NumberFormat m_numberFormat;
    DateFormat m_dateFormat;
    QHash<QString, Source> m_sources;
    QMap<QString, qint64> m_scales;
    CountryResolver m_countries;
    QHash<QString, QString> m_countryCache;
    QHash<QString, int> m_minorDigits; ///< see minorDigits()
};

/// The importer for `profile.entity` (one per entity: ProductImporter.cpp … DealImporter.cpp).
std::unique_ptr<Importer> makeImporter(Database& db, const Clock& clock, const MappingProfile& profile);
std::unique_ptr<Importer> makeProductImporter(Database& db, const Clock& clock, const MappingProfile& profile);
std::unique_ptr<Importer> makePartnerImporter(Database& db, const Clock& clock, const MappingProfile& profile);
std::unique_ptr<Importer> makeContactImporter(Database& db, const Clock& clock, const MappingProfile& profile);
std::unique_ptr<Importer> makeAccountImporter(Database& db, const Clock& clock, const MappingProfile& profile);
std::unique_ptr<Importer> makeDealImporter(Database& db, const Clock& clock, const MappingProfile& profile);

} // namespace pd::importing
