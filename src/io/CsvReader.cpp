#include "io/CsvReader.h"

#include <QFile>
#include <cstring>

namespace pd {

namespace {

// Windows-1252 bytes 0x80–0x9F (the rest is ISO 8859-1). Undefined bytes map to the C1 control of the same
// value, as the WHATWG Encoding Standard does. Source: unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT
constexpr char16_t kCp1252High[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

/// Length of the valid UTF-8 prefix of [p, end); stops at the first invalid or truncated sequence
/// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
qsizetype validUtf8Prefix(const uchar* p, const uchar* end)
{
    const uchar* start = p;
    while (p < end) {
        // ASCII fast path, 8 bytes at a time.
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p >= end)
            break;
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        uint min;
        uint cp;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            min = 0x80;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            min = 0x800;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            min = 0x10000;
            cp = c & 0x07;
        } else {
            break;
        }
        if (end - p <= extra)
            break;
        bool ok = true;
        for (int i = 1; i <= extra; ++i) {
            const uchar cc = p[i];
            if ((cc & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            break;
        p += extra + 1;
    }
    return p - start;
}

bool hasUtf8Bom(const char* data, qsizetype size)
{
    return size >= 3 && uchar(data[0]) == 0xEF && uchar(data[1]) == 0xBB && uchar(data[2]) == 0xBF;
}

} // namespace

QString CsvFormat::encodingName(Encoding e)
{
    switch (e) {
    case Encoding::Utf8:
        return QStringLiteral("UTF-8");
    case Encoding::Utf8Bom:
        return QStringLiteral("UTF-8 with BOM");
    case Encoding::Windows1252:
        return QStringLiteral("Windows-1252");
    }
    return {};
}

struct CsvReader::Impl
{
    QFile file;
    QByteArray owned; // the file's bytes when it could not be mapped
    const char* data = nullptr;
    qsizetype size = 0;
    qsizetype pos = 0;
    QByteArray scratch; // unescaped bytes of a quoted field with doubled quotes
};

CsvReader::CsvReader() : d(std::make_unique<Impl>()) {}

CsvReader::~CsvReader() = default;

CsvFormat CsvReader::detect(const QByteArray& sample)
{
    CsvFormat format;
    const char* data = sample.constData();
    const qsizetype size = sample.size();
    qsizetype start = 0;
    if (hasUtf8Bom(data, size)) {
        format.encoding = CsvFormat::Encoding::Utf8Bom;
        start = 3;
    } else {
        const auto* p = reinterpret_cast<const uchar*>(data);
        const qsizetype valid = validUtf8Prefix(p, p + size);
        // A sample may end inside a multi-byte sequence: accept up to 3 trailing bytes of a lead byte.
        bool ok = valid == size;
        if (!ok && size - valid < 4) {
            const uchar lead = p[valid];
            ok = lead >= 0xC2 && lead <= 0xF4;
            for (qsizetype i = valid + 1; ok && i < size; ++i)
                ok = (p[i] & 0xC0) == 0x80;
        }
        format.encoding = ok ? CsvFormat::Encoding::Utf8 : CsvFormat::Encoding::Windows1252;
    }
    int commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (qsizetype i = start; i < size; ++i) {
        const char c = data[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (c == '\n' || c == '\r')
                break;
            if (c == ',')
                ++commas;
            else if (c == ';')
                ++semicolons;
            else if (c == '\t')
                ++tabs;
        }
    }
    if (semicolons > commas && semicolons >= tabs)
        format.delimiter = QLatin1Char(';');
    else if (tabs > commas && tabs > semicolons)
        format.delimiter = QLatin1Char('\t');
    else
        format.delimiter = QLatin1Char(',');
    return format;
}

bool CsvReader::open(const QString& path, std::optional<CsvFormat> format)
{
    d = std::make_unique<Impl>();
    m_header.clear();
    m_row = 0;
    m_bytesRead = 0;
    m_size = 0;
    m_error.clear();
    d->file.setFileName(path);
    if (!d->file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("Cannot read %1: %2").arg(path, d->file.errorString());
        return false;
    }
    m_size = d->file.size();
    if (m_size > 0) {
        if (uchar* mapped = d->file.map(0, m_size)) {
            d->data = reinterpret_cast<const char*>(mapped);
        } else {
            d->owned = d->file.readAll();
            d->data = d->owned.constData();
        }
    }
    d->size = m_size;
    if (format) {
        m_format = *format;
    } else {
        // The whole file decides the encoding (a stray 0xE9 deep in a file must not be read as UTF-8).
        m_format = detect(QByteArray::fromRawData(d->data ? d->data : "", d->size));
    }
    if (hasUtf8Bom(d->data, d->size) && m_format.encoding != CsvFormat::Encoding::Windows1252) {
        m_format.encoding = CsvFormat::Encoding::Utf8Bom;
        d->pos = 3;
    }
    if (!next(m_header)) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 is empty: it has no header row").arg(path);
        return false;
    }
    for (QString& h : m_header)
        h = h.trimmed();
    return true;
}

bool CsvReader::next(QStringList& fields)
{
    fields.clear();
    if (!m_error.isEmpty())
        return false;
    const char* const data = d->data;
    const qsizetype size = d->size;
    qsizetype pos = d->pos;
    const char delim = char(m_format.delimiter.unicode());
    const bool utf8 = m_format.encoding != CsvFormat::Encoding::Windows1252;

    // Skip blank lines (they still count as rows of the file).
    while (pos < size && (data[pos] == '\n' || data[pos] == '\r')) {
        if (data[pos] == '\r' && pos + 1 < size && data[pos + 1] == '\n')
            ++pos;
        ++pos;
        ++m_row;
    }
    if (pos >= size) {
        d->pos = pos;
        m_bytesRead = size;
        return false;
    }
    ++m_row;

    auto decode = [&](const char* begin, qsizetype len, bool highBytes) -> std::optional<QString> {
        if (!highBytes)
            return QString::fromLatin1(begin, len);
        if (utf8) {
            const auto* p = reinterpret_cast<const uchar*>(begin);
            if (validUtf8Prefix(p, p + len) != len)
                return std::nullopt;
            return QString::fromUtf8(begin, len);
        }
        QString s(len, Qt::Uninitialized);
        char16_t* out = reinterpret_cast<char16_t*>(s.data());
        for (qsizetype i = 0; i < len; ++i) {
            const uchar c = uchar(begin[i]);
            out[i] = (c >= 0x80 && c < 0xA0) ? kCp1252High[c - 0x80] : char16_t(c);
        }
        return s;
    };
    auto encodingError = [&]() {
        m_error = QStringLiteral("row %1: the text is not valid UTF-8 (is the file Windows-1252?)").arg(m_row);
        return false;
    };

    while (true) {
        if (pos < size && data[pos] == '"') {
            // Quoted field: ends at a quote not followed by another quote.
            const qint64 startRow = m_row;
            ++pos;
            const qsizetype begin = pos;
            bool escaped = false;
            uchar high = 0;
            bool closed = false;
            while (pos < size) {
                const char c = data[pos];
                if (c == '"') {
                    if (pos + 1 < size && data[pos + 1] == '"') {
                        escaped = true;
                        pos += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                high |= uchar(c);
                ++pos;
            }
            if (!closed) {
                m_error = QStringLiteral("row %1: unbalanced quote (a quoted field is never closed)").arg(startRow);
                return false;
            }
            std::optional<QString> text;
            if (escaped) {
                d->scratch.clear();
                d->scratch.reserve(pos - begin);
                for (qsizetype i = begin; i < pos; ++i) {
                    d->scratch.append(data[i]);
                    if (data[i] == '"')
                        ++i;
                }
                text = decode(d->scratch.constData(), d->scratch.size(), high & 0x80);
            } else {
                text = decode(data + begin, pos - begin, high & 0x80);
            }
            if (!text)
                return encodingError();
            fields.append(std::move(*text));
            ++pos; // closing quote
            if (pos < size && data[pos] != delim && data[pos] != '\n' && data[pos] != '\r') {
                m_error = QStringLiteral("row %1: unbalanced quote (text after a closing quote)").arg(startRow);
                return false;
            }
        } else {
            const qsizetype begin = pos;
            uchar high = 0;
            while (pos < size) {
                const char c = data[pos];
                if (c == delim || c == '\n' || c == '\r')
                    break;
                high |= uchar(c);
                ++pos;
            }
            std::optional<QString> text = decode(data + begin, pos - begin, high & 0x80);
            if (!text)
                return encodingError();
            fields.append(std::move(*text));
        }
        if (pos >= size)
            break;
        if (data[pos] == delim) {
            ++pos;
            if (pos >= size) {
                fields.append(QString());
                break;
            }
            continue;
        }
        // Line end.
        if (data[pos] == '\r' && pos + 1 < size && data[pos + 1] == '\n')
            ++pos;
        ++pos;
        break;
    }
    d->pos = pos;
    m_bytesRead = pos;
    return true;
}

} // namespace pd
