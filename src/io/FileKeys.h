#pragma once

// Internal to pd_io: the set of an import file's keys seen so far, with the row of each, for the duplicate-key check
// of a file of a million rows in bounded memory (issue 7).

#include <QHashFunctions>
#include <QStringView>
#include <vector>

namespace pd::importing {

/// The keys of an import file seen so far (e.g. deals' external ids), each with the file row it was first seen on.
/// About 24 bytes a key of up to 8 characters (16 bytes of table at most half full, plus the key's text), against
/// about 150 for a QHash<QString, qint64>: a million keys take some 50 MB. Open addressing with linear probing; keys
/// are kept as UTF-16 in one buffer and compared in full, so the answer is exact whatever the hashes.
class FileKeys
{
public:
    /// The hash of `key`, for prefetchSlot() and findOrInsert().
    size_t hash(QStringView key) const { return qHash(key, size_t(0x5bd1e995)); }
    /// Starts loading the first slot of hash `h` into the CPU cache (a hint, changes nothing).
    void prefetchSlot(size_t h) const
    {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[h & m_mask]);
    }
    /// The row `key` was first seen on, or -1 after recording it on `row` (1 ≤ row < 2^31). `h` is hash(key).
    qint64 findOrInsert(QStringView key, size_t h, qint64 row)
    {
        if (2 * (m_count + 1) > m_slots.size())
            grow();
        const quint32 tag = quint32(h >> 32) | 1u; // never 0: 0 marks a free slot
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            Slot& s = m_slots[i];
            if (s.tag == 0) {
                s = Slot{tag, quint32(m_text.size()), quint32(row), quint32(key.size())};
                m_text.insert(m_text.end(), key.utf16(), key.utf16() + key.size());
                ++m_count;
                m_last = i;
                return -1;
            }
            if (s.tag == tag && s.size == quint32(key.size()) &&
                std::equal(key.utf16(), key.utf16() + key.size(), m_text.begin() + s.offset))
                return qint64(s.row);
        }
    }
    /// Forgets the key recorded last by findOrInsert() (an invalid row does not claim its key). Only right after
    /// that insertion: with linear probing no other key's probe sequence can depend on the newest key's slot.
    void removeLast()
    {
        Slot& s = m_slots[m_last];
        m_text.resize(s.offset);
        s = Slot{};
        --m_count;
    }
    qsizetype size() const { return qsizetype(m_count); }

private:
    struct Slot
    {
        quint32 tag = 0;    ///< high half of the key's hash, low bit set; 0 when the slot is free
        quint32 offset = 0; ///< of the key's text in m_text
        quint32 row = 0;
        quint32 size = 0; ///< the key's length in UTF-16 code units
    };

    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        m_mask = m_slots.size() - 1;
        for (const Slot& s : old) {
            if (s.tag == 0)
                continue;
            const QStringView key(m_text.data() + s.offset, qsizetype(s.size));
            size_t i = hash(key) & m_mask;
            while (m_slots[i].tag != 0)
                i = (i + 1) & m_mask;
            m_slots[i] = s;
        }
    }

    std::vector<Slot> m_slots;
    std::vector<char16_t> m_text;
    size_t m_mask = 0;
    size_t m_count = 0;
    size_t m_last = 0;
};

} // namespace pd::importing
