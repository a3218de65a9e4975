#include "domain/Clock.h"

#include <QTimeZone>

namespace pd {

QDateTime Clock::nowUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

QString toIsoUtc(const QDateTime& instant)
{
    return instant.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIsoUtc(const QString& text)
{
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    return dt.toUTC();
}

} // namespace pd
