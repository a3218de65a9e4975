#pragma once

#include <QDate>
#include <QDateTime>
#include <QStringList>

namespace pd {

// The storage text of dates, instants and new row ids, made fast for writes of a million rows (an import). Internal
// to the storage layer; the formats are DESIGN.md section 2's.

/// "2017-03-01": the storage format of a date (years 0–9999), without QDate::toString.
QString isoDate(const QDate& d);
/// "2017-03-01T00:00:00.000Z": the storage format of an instant (the same text as toIsoUtc, faster).
QString isoInstant(const QDateTime& t);
/// `count` random (version 4) UUIDs as text, in ascending order: a bulk insert then appends to the id index instead
/// of inserting at random places. The ids are as random as QUuid::createUuid's (the same generator); only the
/// order in which rows get them is sorted.
QStringList sortedRandomUuids(qsizetype count);

} // namespace pd
