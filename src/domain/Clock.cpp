#include "domain/Clock.h"

#include <QTimeZone>

namespace pd {

QDateTime Clock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

std::unique_ptr<Clock> makeClock(const QString& fixedNow, QString* error)
{
    if (fixedNow.trimmed().isEmpty())
        return std::make_unique<Clock>();
    const QDateTime now = QDateTime::fromString(fixedNow.trimmed(), Qt::ISODateWithMs);
    if (!now.isValid()) {
        if (error)
            *error = QStringLiteral("PD_NOW: '%1' is not an ISO 8601 instant (e.g. 2017-12-31T12:00:00Z)")
                         .arg(fixedNow.trimmed());
        return nullptr;
    }
    return std::make_unique<FixedClock>(now.toUTC());
}

QString toIsoUtc(const QDateTime& instant)
{
    return instant.toUTC().toString(Qt::ISODateWithMs);
}

namespace {
/// The storage format only ("2017-03-01T00:00:00.000Z", fixed positions); nullopt for anything else.
std::optional<qint64> fixedIsoUtcToMSecs(QStringView t)
{
    // "2017-03-01T00:00:00.000Z": fixed positions.
    auto digits = [&](qsizetype from, qsizetype n, int* out) {
        int v = 0;
        for (qsizetype i = from; i < from + n; ++i) {
            const char16_t c = t[i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            v = v * 10 + (c - u'0');
        }
        *out = v;
        return true;
    };
    int y, mo, d, h, mi, s, ms;
    if (t.size() == 24 && t[4] == u'-' && t[7] == u'-' && t[10] == u'T' && t[13] == u':' && t[16] == u':' &&
        t[19] == u'.' && t[23] == u'Z' && digits(0, 4, &y) && digits(5, 2, &mo) && digits(8, 2, &d) &&
        digits(11, 2, &h) && digits(14, 2, &mi) && digits(17, 2, &s) && digits(20, 3, &ms)) {
        const QDate date(y, mo, d);
        if (!date.isValid() || h > 23 || mi > 59 || s > 59)
            return std::nullopt;
        return (date.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400000LL + h * 3600000LL + mi * 60000LL +
               s * 1000LL + ms;
    }
    return std::nullopt;
}
} // namespace

QDateTime fromIsoUtc(const QString& text)
{
    // The storage format first: a fixed-position parse, ten times cheaper than QDateTime::fromString (lists of
    // 100,000 MDF requests read three instants a row).
    if (const std::optional<qint64> ms = fixedIsoUtcToMSecs(text))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    return dt.toUTC();
}

std::optional<qint64> isoUtcToMSecs(QStringView t)
{
    if (const std::optional<qint64> ms = fixedIsoUtcToMSecs(t))
        return ms;
    const QDateTime dt = fromIsoUtc(t.toString());
    if (!dt.isValid())
        return std::nullopt;
    return dt.toMSecsSinceEpoch();
}

} // namespace pd
