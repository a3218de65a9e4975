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
/// `count` random UUIDs in ascending order: a bulk insert then appends to the id index instead of inserting at
/// random places. They are as random as QUuid::createUuid's (the same generator); only the order in which rows get
/// them is sorted.
std::vector<RawUuid> sortedRandomRawUuids(qsizetype count);
/// sortedRandomRawUuids() as text.
QStringList sortedRandomUuids(qsizetype count);

} // namespace pd
