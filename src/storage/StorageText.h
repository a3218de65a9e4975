#pragma once

#include <QDate>
#include <QDateTime>
#include <QStringList>
#include <optional>
#include <vector>

namespace pd {

// The storage text of dates, instants and new row ids, made fast for writes of a million rows (an import). Internal
// to the storage layer; the formats are DESIGN.md section 2's.

/// "2017-03-01": the storage format of a date (years 0–9999), without QDate::toString.
QString isoDate(const QDate& d);
/// "2017-03-01T00:00:00.000Z": the storage format of an instant (the same text as toIsoUtc, faster).
QString isoInstant(const QDateTime& t);
/// The same texts as isoDate() (10 bytes) and isoInstant() (24 bytes), written as ASCII into `out`, for binding
/// through SQLite's C API without a string allocation. Return the length written.
int isoDateAscii(const QDate& d, char* out);
int isoInstantAscii(const QDateTime& t, char* out);

/// A new random (version 4) UUID as its 128 bits.
struct RawUuid
{
    quint64 hi = 0, lo = 0;
    bool operator<(const RawUuid& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
    /// The 36-character lower-case text ("xxxxxxxx-xxxx-4xxx-…") written into `out`.
    void writeAscii(char* out) const;
    /// The 16 bytes a book stores (schema v6), most significant first: the byte order of RFC 4122's text, so the
    /// bytes sort like the lower-case text.
    void writeBytes(unsigned char* out) const;
    /// The UUID of 16 stored bytes (writeBytes()).
    static RawUuid fromBytes(const unsigned char* bytes);
    /// The UUID written as 36 characters (any case); nullopt for any other text.
    static std::optional<RawUuid> parse(QStringView text);
    /// parse() for `size` ASCII (or UTF-8) bytes.
    static std::optional<RawUuid> parseAscii(const char* text, qsizetype size);
};
/// `count` UUIDs of version 7 (RFC 9562 section 5.7) in ascending order, for rows written together: the Unix time
/// `unixMs` (ms) and the 12 bits of rand_a read as one number that counts up from `firstSequence` (RFC 9562
/// section 6.2, method 3: the sequence acts as a finer clock), then 62 random bits from the system's generator
/// (QUuid::createUuid's). A bulk load that continues the sequence from batch to batch appends every id at the end of
/// the id index, which then needs no rebuilding; two writers' ids differ by their random bits.
std::vector<RawUuid> timeOrderedRawUuids(qsizetype count, qint64 unixMs, qint64 firstSequence = 0);
/// timeOrderedRawUuids() as text.
QStringList timeOrderedUuids(qsizetype count, qint64 unixMs, qint64 firstSequence = 0);

} // namespace pd
