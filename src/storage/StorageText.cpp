#include "storage/StorageText.h"

#include <QRandomGenerator>
#include <algorithm>
#include <vector>

namespace pd {

namespace {
void put(char16_t*& out, int value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out += digits;
}

} // namespace

QString isoDate(const QDate& d)
{
    int y = 0, m = 0, day = 0;
    d.getDate(&y, &m, &day);
    char16_t buf[10];
    char16_t* out = buf;
    put(out, y, 4);
    *out++ = u'-';
    put(out, m, 2);
    *out++ = u'-';
    put(out, day, 2);
    return QString(reinterpret_cast<const QChar*>(buf), 10);
}

QString isoInstant(const QDateTime& t)
{
    const QDateTime u = t.timeSpec() == Qt::UTC ? t : t.toUTC();
    const QTime time = u.time();
    QString s = isoDate(u.date());
    char16_t buf[14];
    char16_t* out = buf;
    *out++ = u'T';
    put(out, time.hour(), 2);
    *out++ = u':';
    put(out, time.minute(), 2);
    *out++ = u':';
    put(out, time.second(), 2);
    *out++ = u'.';
    put(out, time.msec(), 3);
    *out++ = u'Z';
    s.append(reinterpret_cast<const QChar*>(buf), 14);
    return s;
}

QStringList sortedRandomUuids(qsizetype count)
{
    struct Raw
    {
        quint64 hi, lo;
        bool operator<(const Raw& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
    };
    std::vector<Raw> raw(static_cast<size_t>(count));
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint64*>(raw.data()), count * 2);
    for (Raw& r : raw) {
        r.hi = (r.hi & ~Q_UINT64_C(0xF000)) | Q_UINT64_C(0x4000);                         // version 4
        r.lo = (r.lo & ~Q_UINT64_C(0xC000000000000000)) | Q_UINT64_C(0x8000000000000000); // RFC 4122 variant
    }
    std::sort(raw.begin(), raw.end());
    static const char16_t hex[] = u"0123456789abcdef";
    QStringList out;
    out.reserve(count);
    for (const Raw& r : raw) {
        char16_t buf[36];
        int n = 0;
        for (int i = 0; i < 32; ++i) {
            if (i == 8 || i == 12 || i == 16 || i == 20)
                buf[n++] = u'-';
            const quint64 word = i < 16 ? r.hi : r.lo;
            buf[n++] = hex[(word >> (60 - 4 * (i % 16))) & 0xF];
        }
        out.append(QString(reinterpret_cast<const QChar*>(buf), 36));
    }
    return out;
}

} // namespace pd
