#pragma once

#include <QDateTime>
#include <memory>
#include <optional>

namespace pd {

/// Source of "now" for everything that depends on the current time (DESIGN.md section 8: an injectable
/// clock). The default implementation returns the system's UTC time; tests pass a FixedClock.
class Clock
{
public:
    virtual ~Clock() = default;
    /// The current instant, in UTC, with millisecond precision.
    virtual QDateTime nowUtc() const;
    /// Today's date in UTC.
    QDate todayUtc() const { return nowUtc().date(); }
};

/// A clock that always answers the instant it was given (or last set to); for tests.
class FixedClock : public Clock
{
public:
    explicit FixedClock(QDateTime now) : m_now(std::move(now)) {}
    QDateTime nowUtc() const override { return m_now; }
    void set(QDateTime now) { m_now = std::move(now); }

private:
    QDateTime m_now;
};

/// The clock a program's main() hands down: a FixedClock at `fixedNow` when it is not empty (the PD_NOW testing
/// aid: an ISO 8601 instant such as "2017-12-31T12:00:00Z"), else the system clock. Returns nullptr and sets `error`
/// (for people) when `fixedNow` is not an ISO 8601 instant.
std::unique_ptr<Clock> makeClock(const QString& fixedNow, QString* error);

/// Formats an instant as ISO 8601 UTC with milliseconds ("2017-03-01T00:00:00.000Z"), the storage format
/// of every instant (DESIGN.md section 2).
QString toIsoUtc(const QDateTime& instant);
/// Fast path for bulk reads: milliseconds since the epoch of an instant in the storage format
/// "YYYY-MM-DDTHH:MM:SS.zzzZ"; other ISO 8601 forms go through fromIsoUtc. Returns nullopt on malformed text.
std::optional<qint64> isoUtcToMSecs(QStringView text);
/// Parses the storage format of an instant back; returns an invalid QDateTime on malformed text.
QDateTime fromIsoUtc(const QString& text);

} // namespace pd
