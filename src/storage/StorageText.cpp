#include "storage/StorageText.h"

#include <QRandomGenerator>
#include <algorithm>

namespace pd {

namespace {
template <typename Char> void put(Char*& out, int value, int digits)
{
    for (int i = digits - 1; i >= 0; --i) {
        out[i] = Char('0' + value % 10);
        value /= 10;
    }
    out += digits;
}

template <typename Char> void writeDate(const QDate& d, Char* out)
{
    int y = 0, m = 0, day = 0;
    d.getDate(&y, &m, &day);
    put(out, y, 4);
    *out++ = Char('-');
    put(out, m, 2);
    *out++ = Char('-');
    put(out, day, 2);
}

template <typename Char> void writeInstant(const QDateTime& t, Char* out)
{
    const QDateTime u = t.timeSpec() == Qt::UTC ? t : t.toUTC();
    const QTime time = u.time();
    writeDate(u.date(), out);
    out += 10;
    *out++ = Char('T');
    put(out, time.hour(), 2);
    *out++ = Char(':');
    put(out, time.minute(), 2);
    *out++ = Char(':');
    put(out, time.second(), 2);
    *out++ = Char('.');
    put(out, time.msec(), 3);
    *out++ = Char('Z');
}

template <typename Char> void writeUuid(const RawUuid& r, Char* out)
{
    static const char hex[] = "0123456789abcdef";
    int n = 0;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            out[n++] = Char('-');
        const quint64 word = i < 16 ? r.hi : r.lo;
        out[n++] = Char(hex[(word >> (60 - 4 * (i % 16))) & 0xF]);
    }
}
} // namespace

QString isoDate(const QDate& d)
{
    char16_t buf[10];
    writeDate(d, buf);
    return QString(reinterpret_cast<const QChar*>(buf), 10);
}

QString isoInstant(const QDateTime& t)
{
    char16_t buf[24];
    writeInstant(t, buf);
    return QString(reinterpret_cast<const QChar*>(buf), 24);
}

int isoDateAscii(const QDate& d, char* out)
{
    writeDate(d, out);
    return 10;
}

int isoInstantAscii(const QDateTime& t, char* out)
{
    writeInstant(t, out);
    return 24;
}

void RawUuid::writeAscii(char* out) const
{
    writeUuid(*this, out);
}

namespace {
/// parse() for UTF-16 or ASCII characters.
template <typename Char> std::optional<RawUuid> parseUuid(const Char* text, qsizetype size)
{
    if (size != 36)
        return std::nullopt;
    RawUuid r;
    int digits = 0;
    for (qsizetype i = 0; i < 36; ++i) {
        const auto c = char16_t(text[i]);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return std::nullopt;
            continue;
        }
        int v = -1;
        if (c >= u'0' && c <= u'9')
            v = c - u'0';
        else if (c >= u'a' && c <= u'f')
            v = c - u'a' + 10;
        else if (c >= u'A' && c <= u'F')
            v = c - u'A' + 10;
        if (v < 0)
            return std::nullopt;
        quint64& word = digits < 16 ? r.hi : r.lo;
        word = (word << 4) | quint64(v);
        ++digits;
    }
    return r;
}
} // namespace

std::optional<RawUuid> RawUuid::parse(QStringView text)
{
    return parseUuid(text.utf16(), text.size());
}

std::optional<RawUuid> RawUuid::parseAscii(const char* text, qsizetype size)
{
    return parseUuid(reinterpret_cast<const unsigned char*>(text), size);
}

void RawUuid::writeBytes(unsigned char* out) const
{
    for (int i = 0; i < 8; ++i) {
        out[i] = static_cast<unsigned char>(hi >> (56 - 8 * i));
        out[8 + i] = static_cast<unsigned char>(lo >> (56 - 8 * i));
    }
}

RawUuid RawUuid::fromBytes(const unsigned char* bytes)
{
    RawUuid r;
    for (int i = 0; i < 8; ++i) {
        r.hi = (r.hi << 8) | bytes[i];
        r.lo = (r.lo << 8) | bytes[8 + i];
    }
    return r;
}

std::vector<RawUuid> timeOrderedRawUuids(qsizetype count, qint64 unixMs, qint64 firstSequence)
{
    std::vector<RawUuid> raw(static_cast<size_t>(count));
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint64*>(raw.data()), count * 2);
    // unix_ts_ms (48 bits) and rand_a (12 bits) read as one 60-bit number that the sequence counts up.
    const quint64 start = (quint64(unixMs) << 12) + quint64(firstSequence);
    for (qsizetype i = 0; i < count; ++i) {
        RawUuid& r = raw[size_t(i)];
        const quint64 field = (start + quint64(i)) & ((Q_UINT64_C(1) << 60) - 1);
        r.hi = ((field >> 12) << 16) | Q_UINT64_C(0x7000) | (field & 0xFFF);              // version 7
        r.lo = (r.lo & ~Q_UINT64_C(0xC000000000000000)) | Q_UINT64_C(0x8000000000000000); // RFC 9562 variant
    }
    return raw;
}

QStringList timeOrderedUuids(qsizetype count, qint64 unixMs, qint64 firstSequence)
{
    QStringList out;
    out.reserve(count);
    for (const RawUuid& r : timeOrderedRawUuids(count, unixMs, firstSequence)) {
        char16_t buf[36];
        writeUuid(r, buf);
        out.append(QString(reinterpret_cast<const QChar*>(buf), 36));
    }
    return out;
}

} // namespace pd
