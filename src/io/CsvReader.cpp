#include "io/CsvReader.h"

#include <QFile>
#include <QStringDecoder>
#include <algorithm>
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

/// True when `sample` (no BOM) looks like UTF-16 text: ASCII characters leave one byte of each pair zero. Sets
/// `littleEndian`. Needs a few pairs and most of one side zero, and the other side mostly not.
bool looksLikeUtf16(const char* data, qsizetype size, bool* littleEndian)
{
    const qsizetype pairs = qMin<qsizetype>(size, CsvReader::kSampleBytes) / 2;
    if (pairs < 2)
        return false;
    qsizetype evenZero = 0, oddZero = 0;
    for (qsizetype i = 0; i < pairs; ++i) {
        evenZero += data[2 * i] == 0;
        oddZero += data[2 * i + 1] == 0;
    }
    if (oddZero * 10 >= pairs * 3 && evenZero * 20 < pairs) {
        *littleEndian = true;
        return true;
    }
    if (evenZero * 10 >= pairs * 3 && oddZero * 20 < pairs) {
        *littleEndian = false;
        return true;
    }
    return false;
}

/// The UTF-16 encoding of `data` from its BOM or zero-byte pattern, with the BOM's length.
std::optional<CsvFormat::Encoding> utf16Of(const char* data, qsizetype size, qsizetype* bomLength)
{
    *bomLength = 0;
    if (size >= 2 && uchar(data[0]) == 0xFF && uchar(data[1]) == 0xFE) {
        *bomLength = 2;
        return CsvFormat::Encoding::Utf16LE;
    }
    if (size >= 2 && uchar(data[0]) == 0xFE && uchar(data[1]) == 0xFF) {
        *bomLength = 2;
        return CsvFormat::Encoding::Utf16BE;
    }
    bool little = false;
    if (looksLikeUtf16(data, size, &little))
        return little ? CsvFormat::Encoding::Utf16LE : CsvFormat::Encoding::Utf16BE;
    return std::nullopt;
}

bool isUtf16(CsvFormat::Encoding e)
{
    return e == CsvFormat::Encoding::Utf16LE || e == CsvFormat::Encoding::Utf16BE;
}

/// Length of the valid UTF-8 prefix of a sample that may end inside a multi-byte sequence (accepted as valid).
qsizetype validUtf8SamplePrefix(const uchar* p, qsizetype size)
{
    const qsizetype valid = validUtf8Prefix(p, p + size);
    if (valid < size && size - valid < 4) {
        const uchar lead = p[valid];
        bool ok = lead >= 0xC2 && lead <= 0xF4;
        const int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
        ok = ok && size - valid <= needed;
        for (qsizetype i = valid + 1; ok && i < size; ++i)
            ok = (p[i] & 0xC0) == 0x80;
        if (ok)
            return size;
    }
    return valid;
}

QChar detectDelimiter(const char* data, qsizetype size)
{
    int commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < size; ++i) {
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
        return QLatin1Char(';');
    if (tabs > commas && tabs > semicolons)
        return QLatin1Char('\t');
    return QLatin1Char(',');
}

QByteArray utf16ToUtf8(CsvFormat::Encoding e, QByteArrayView bytes)
{
    QStringDecoder decoder(e == CsvFormat::Encoding::Utf16LE ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
    const QString text = decoder(bytes);
    return text.toUtf8();
}

/// `s` as an unshared string of `size` characters (contents unspecified), reusing its buffer when it can: the
/// reader refills the same strings row after row instead of allocating every field anew.
char16_t* reuseString(QString& s, qsizetype size)
{
    if (s.isDetached() && s.capacity() >= size)
        s.resize(size);
    else
        s = QString(size, Qt::Uninitialized);
    return reinterpret_cast<char16_t*>(s.data());
}

QString sizeName(qsizetype bytes)
{
    return bytes % (qsizetype(1) << 20) == 0 ? QStringLiteral("%1 MiB").arg(bytes >> 20)
                                             : QStringLiteral("%1 bytes").arg(bytes);
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
    case Encoding::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case Encoding::Utf16BE:
        return QStringLiteral("UTF-16BE");
    }
    return {};
}

std::optional<CsvFormat::Encoding> CsvFormat::encodingFromName(const QString& name)
{
    for (Encoding e : {Encoding::Utf8, Encoding::Utf8Bom, Encoding::Windows1252, Encoding::Utf16LE, Encoding::Utf16BE})
        if (encodingName(e) == name)
            return e;
    return std::nullopt;
}

struct CsvReader::Impl
{
    QFile file;
    QByteArray buf; // text not yet consumed is buf[pos…]: the file's bytes, or UTF-8 for UTF-16 files
    qsizetype pos = 0;
    qint64 bufBase = 0; // offset in the text stream of buf[0] (the file offset, except for UTF-16 files)
    bool eof = false;
    std::optional<QStringDecoder> utf16;
    qint64 rawRead = 0;
    bool autoEncoding = false; // the encoding is being detected (UTF-8 until proven otherwise)
    qint64 utf8At = -1;        // auto: offset of the first field with UTF-8 multi-byte text
    qint64 notUtf8At = -1;     // auto: offset of the first byte that is not UTF-8 (the file was taken as Windows-1252)
    QByteArray scratch;        // unescaped bytes of a quoted field with doubled quotes
};

CsvReader::CsvReader() : d(std::make_unique<Impl>()) {}

CsvReader::~CsvReader() = default;

CsvFormat CsvReader::detect(const QByteArray& sample)
{
    CsvFormat format;
    const char* data = sample.constData();
    const qsizetype size = sample.size();
    qsizetype bom = 0;
    if (hasUtf8Bom(data, size)) {
        format.encoding = CsvFormat::Encoding::Utf8Bom;
        format.delimiter = detectDelimiter(data + 3, size - 3);
    } else if (const auto utf16 = utf16Of(data, size, &bom)) {
        format.encoding = *utf16;
        const QByteArray text = utf16ToUtf8(*utf16, QByteArrayView(data + bom, size - bom));
        format.delimiter = detectDelimiter(text.constData(), text.size());
    } else {
        const auto* p = reinterpret_cast<const uchar*>(data);
        format.encoding =
            validUtf8SamplePrefix(p, size) == size ? CsvFormat::Encoding::Utf8 : CsvFormat::Encoding::Windows1252;
        format.delimiter = detectDelimiter(data, size);
    }
    return format;
}

QString CsvReader::shown(const QString& text, qsizetype max)
{
    QString out = text.left(max);
    for (QChar& c : out)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
            c.category() == QChar::Other_Surrogate || c.category() == QChar::Other_NotAssigned)
            c = QLatin1Char('?');
    if (text.size() > max)
        out += QStringLiteral("… (%1 characters)").arg(text.size());
    return out;
}

bool CsvReader::open(const QString& path, std::optional<CsvFormat> format)
{
    if (format)
        return open(path, format->encoding, format->delimiter);
    return open(path, std::nullopt, std::nullopt);
}

bool CsvReader::open(const QString& path, std::optional<CsvFormat::Encoding> encoding, std::optional<QChar> delimiter)
{
    d = std::make_unique<Impl>();
    m_header.clear();
    m_row = 0;
    m_bytesRead = 0;
    m_size = 0;
    m_error.clear();
    m_encodingNote.clear();
    d->file.setFileName(path);
    if (!d->file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("Cannot read %1: %2").arg(path, d->file.errorString());
        return false;
    }
    m_size = d->file.size();
    const QByteArray sample = d->file.read(kSampleBytes);
    const char* data = sample.constData();
    const qsizetype size = sample.size();

    // The encoding: stated, or found from the BOM, the zero-byte pattern of UTF-16, or UTF-8 until shown otherwise.
    qsizetype utf16Bom = 0;
    const std::optional<CsvFormat::Encoding> utf16 = utf16Of(data, size, &utf16Bom);
    if (encoding) {
        m_format.encoding = *encoding;
    } else if (utf16) {
        m_format.encoding = *utf16;
    } else if (hasUtf8Bom(data, size)) {
        m_format.encoding = CsvFormat::Encoding::Utf8Bom;
    } else {
        d->autoEncoding = true;
        m_format.encoding = CsvFormat::Encoding::Utf8;
    }
    qsizetype bom = 0;
    if (isUtf16(m_format.encoding)) {
        bom = utf16 == m_format.encoding ? utf16Bom : 0;
    } else if (hasUtf8Bom(data, size) && m_format.encoding != CsvFormat::Encoding::Windows1252) {
        m_format.encoding = CsvFormat::Encoding::Utf8Bom;
        bom = 3;
    }
    if (!isUtf16(m_format.encoding)) {
        if (const char* nul = static_cast<const char*>(std::memchr(data, 0, size))) {
            m_error = QStringLiteral("%1: the file contains NUL bytes at byte %2: it is not a text CSV")
                          .arg(path)
                          .arg(nul - data);
            if (utf16)
                m_error += QStringLiteral(" (it looks like %1 text; state that encoding)")
                               .arg(CsvFormat::encodingName(*utf16));
            return false;
        }
    }
    if (d->autoEncoding) {
        // Decided now when the first bytes already show it: Windows-1252 when a byte is not UTF-8 and no text before
        // it is; otherwise UTF-8 for now (a later byte decides, see decodeField()).
        const auto* p = reinterpret_cast<const uchar*>(data);
        const qsizetype valid = validUtf8SamplePrefix(p, size);
        if (valid < size && std::all_of(p, p + valid, [](uchar c) { return c < 0x80; })) {
            m_format.encoding = CsvFormat::Encoding::Windows1252;
            d->notUtf8At = valid;
            m_encodingNote =
                QStringLiteral("read as Windows-1252: byte %1 is not UTF-8 and no text before it is UTF-8").arg(valid);
        }
    }
    if (isUtf16(m_format.encoding)) {
        d->utf16.emplace(m_format.encoding == CsvFormat::Encoding::Utf16LE ? QStringConverter::Utf16LE
                                                                           : QStringConverter::Utf16BE);
        const QString text = (*d->utf16)(QByteArrayView(data + bom, size - bom));
        d->buf = text.toUtf8();
        d->bufBase = 0;
    } else {
        d->buf = sample;
        d->pos = bom;
    }
    d->rawRead = size;
    d->eof = d->file.atEnd();
    if (d->utf16 && d->utf16->hasError()) {
        m_error =
            QStringLiteral("%1: the file is not valid %2 text").arg(path, CsvFormat::encodingName(m_format.encoding));
        return false;
    }
    m_format.delimiter = delimiter ? *delimiter : detectDelimiter(d->buf.constData() + d->pos, d->buf.size() - d->pos);

    if (!next(m_header)) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 is empty: it has no header row").arg(path);
        return false;
    }
    for (QString& h : m_header)
        h = h.trimmed();
    return true;
}

bool CsvReader::fill()
{
    if (d->eof)
        return false;
    if (d->pos > 0) {
        d->buf.remove(0, d->pos);
        d->bufBase += d->pos;
        d->pos = 0;
    }
    // Read at least as much as is buffered, so a long row is re-scanned only a logarithmic number of times. Bytes
    // that need no decoding go straight into the buffer's free space; UTF-16 goes through a chunk that is decoded.
    const qsizetype want = qMax(kChunkBytes, d->buf.size());
    const qsizetype kept = d->buf.size();
    QByteArray raw;
    char* into = nullptr;
    if (d->utf16) {
        raw.resize(want);
        into = raw.data();
    } else {
        d->buf.resize(kept + want);
        into = d->buf.data() + kept;
    }
    const qint64 n = d->file.read(into, want);
    if (!d->utf16)
        d->buf.resize(kept + qMax<qint64>(n, 0));
    if (n < 0) {
        m_error = QStringLiteral("row %1: cannot read the file: %2").arg(m_row + 1).arg(d->file.errorString());
        return false;
    }
    if (n == 0) {
        d->eof = true;
        return false;
    }
    d->rawRead += n;
    if (d->utf16) {
        raw.resize(n);
        const QString text = (*d->utf16)(raw);
        if (d->utf16->hasError()) {
            m_error = QStringLiteral("row %1: the file is not valid %2 text")
                          .arg(m_row + 1)
                          .arg(CsvFormat::encodingName(m_format.encoding));
            return false;
        }
        d->buf.append(text.toUtf8());
    }
    if (d->file.atEnd())
        d->eof = true;
    return true;
}

QString CsvReader::columnName(int column) const
{
    if (column >= 1 && column <= m_header.size() && !m_header.at(column - 1).isEmpty())
        return QStringLiteral("column %1 (%2)").arg(column).arg(shown(m_header.at(column - 1), 40));
    return QStringLiteral("column %1").arg(column);
}

bool CsvReader::fail(qint64 row, int column, const QString& what)
{
    m_row = row;
    m_error = column > 0 ? QStringLiteral("row %1: %2, %3").arg(row).arg(columnName(column), what)
                         : QStringLiteral("row %1: %2").arg(row).arg(what);
    return false;
}

bool CsvReader::decodeField(QString& out, const char* raw, qsizetype rawLen, qint64 rawOffset, const char* text,
                            qsizetype textLen, bool high, qint64 row, int column)
{
    if (!high) {
        char16_t* to = reuseString(out, textLen);
        for (qsizetype i = 0; i < textLen; ++i)
            to[i] = uchar(text[i]);
        return true;
    }
    const auto* p = reinterpret_cast<const uchar*>(raw);
    if (m_format.encoding != CsvFormat::Encoding::Windows1252) {
        const qsizetype valid = validUtf8Prefix(p, p + rawLen);
        if (valid == rawLen) {
            if (d->autoEncoding && d->utf8At < 0)
                d->utf8At = rawOffset + (std::find_if(p, p + rawLen, [](uchar c) { return c >= 0x80; }) - p);
            out = QString::fromUtf8(text, textLen);
            return true;
        }
        const qint64 at = rawOffset + valid;
        if (d->autoEncoding && d->utf8At < 0) {
            // Nothing before this byte was UTF-8 beyond ASCII: the file is not UTF-8; read it as Windows-1252.
            m_format.encoding = CsvFormat::Encoding::Windows1252;
            d->notUtf8At = at;
            m_encodingNote =
                QStringLiteral("read as Windows-1252: byte %1 is not UTF-8 and no text before it is UTF-8").arg(at);
        } else {
            const QString byte = QStringLiteral("0x") +
                                 QString::number(uint(p[valid]), 16).toUpper().rightJustified(2, QLatin1Char('0'));
            if (d->utf16)
                fail(row, column,
                     QStringLiteral("the text is not valid %1").arg(CsvFormat::encodingName(m_format.encoding)));
            else if (d->autoEncoding)
                fail(row, column,
                     QStringLiteral("byte %1 (%2) is not valid UTF-8, but the file is UTF-8 before it (byte %3): a "
                                    "damaged byte, or a file of mixed encodings; state the encoding in the profile if "
                                    "the whole file is Windows-1252")
                         .arg(at)
                         .arg(byte)
                         .arg(d->utf8At));
            else
                fail(row, column,
                     QStringLiteral("byte %1 (%2): the text is not valid UTF-8 (is the file Windows-1252?)")
                         .arg(at)
                         .arg(byte));
            return false;
        }
    } else if (d->autoEncoding && validUtf8Prefix(p, p + rawLen) == rawLen) {
        // Chosen as Windows-1252 because of an earlier byte, yet this text is UTF-8: the file mixes encodings.
        qsizetype first = 0;
        while (first < rawLen && p[first] < 0x80)
            ++first;
        fail(row, column,
             QStringLiteral("byte %1 starts UTF-8 text, but byte %2 before it is not UTF-8: the file mixes encodings; "
                            "state the encoding in the profile")
                 .arg(rawOffset + first)
                 .arg(d->notUtf8At));
        return false;
    }
    char16_t* to = reuseString(out, textLen);
    for (qsizetype i = 0; i < textLen; ++i) {
        const uchar c = uchar(text[i]);
        to[i] = (c >= 0x80 && c < 0xA0) ? kCp1252High[c - 0x80] : char16_t(c);
    }
    return true;
}

CsvReader::Step CsvReader::parseRecord(QStringList& fields)
{
    const char* const data = d->buf.constData();
    const qsizetype size = d->buf.size();
    const bool eof = d->eof;
    qsizetype pos = d->pos;
    const char delim = char(m_format.delimiter.unicode());

    // Blank lines count as rows of the file; they are consumed as they come.
    while (pos < size && (data[pos] == '\n' || data[pos] == '\r')) {
        if (data[pos] == '\r') {
            if (pos + 1 >= size && !eof)
                return Step::NeedMore;
            if (pos + 1 < size && data[pos + 1] == '\n')
                ++pos;
        }
        ++pos;
        ++m_row;
        d->pos = pos;
    }
    if (pos >= size)
        return eof ? Step::End : Step::NeedMore;
    const qint64 row = m_row + 1;
    const qsizetype recordStart = pos;
    // The fields of the last row are overwritten in place (see reuseString()); the list is cut to size at the end.
    qsizetype count = 0;
    auto nextField = [&]() -> QString& {
        if (count == fields.size())
            fields.emplace_back();
        return fields[count++];
    };
    int column = 0;
    auto nulError = [&](qsizetype at) {
        fail(row, column,
             d->utf16
                 ? QStringLiteral("the file contains NUL characters: it is not a text CSV")
                 : QStringLiteral("the file contains NUL bytes at byte %1: it is not a text CSV").arg(d->bufBase + at));
        return Step::Error;
    };
    auto tooLong = [&]() {
        fail(
            row, column,
            QStringLiteral("the field is longer than %1 (the limit for one field): is the delimiter right, is it a CSV "
                           "file?")
                .arg(sizeName(kMaxFieldBytes)));
        return Step::Error;
    };
    while (true) {
        ++column;
        if (pos < size && data[pos] == '"') {
            ++pos;
            const qsizetype begin = pos;
            bool escaped = false;
            bool closed = false;
            uchar high = 0;
            while (pos < size) {
                const char c = data[pos];
                if (c == '"') {
                    if (pos + 1 >= size && !eof)
                        return Step::NeedMore; // a doubled quote may continue in the next chunk
                    if (pos + 1 < size && data[pos + 1] == '"') {
                        escaped = true;
                        pos += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (c == 0)
                    return nulError(pos);
                high |= uchar(c);
                if (++pos - begin > kMaxFieldBytes)
                    return tooLong();
            }
            if (!closed) {
                if (!eof)
                    return Step::NeedMore;
                fail(row, 0, QStringLiteral("unbalanced quote (a quoted field is never closed)"));
                return Step::Error;
            }
            bool decoded;
            if (escaped) {
                d->scratch.clear();
                d->scratch.reserve(pos - begin);
                for (qsizetype i = begin; i < pos; ++i) {
                    d->scratch.append(data[i]);
                    if (data[i] == '"')
                        ++i;
                }
                decoded = decodeField(nextField(), data + begin, pos - begin, d->bufBase + begin,
                                      d->scratch.constData(), d->scratch.size(), high & 0x80, row, column);
            } else {
                decoded = decodeField(nextField(), data + begin, pos - begin, d->bufBase + begin, data + begin,
                                      pos - begin, high & 0x80, row, column);
            }
            if (!decoded)
                return Step::Error;
            ++pos; // closing quote
            if (pos >= size && !eof)
                return Step::NeedMore;
            if (pos < size && data[pos] != delim && data[pos] != '\n' && data[pos] != '\r') {
                fail(row, 0, QStringLiteral("unbalanced quote (text after a closing quote)"));
                return Step::Error;
            }
        } else {
            const qsizetype begin = pos;
            uchar high = 0;
            while (pos < size) {
                const char c = data[pos];
                if (c == delim || c == '\n' || c == '\r')
                    break;
                if (c == 0)
                    return nulError(pos);
                high |= uchar(c);
                if (++pos - begin > kMaxFieldBytes)
                    return tooLong();
            }
            if (pos >= size && !eof)
                return Step::NeedMore;
            if (!decodeField(nextField(), data + begin, pos - begin, d->bufBase + begin, data + begin, pos - begin,
                             high & 0x80, row, column))
                return Step::Error;
        }
        if (pos >= size)
            break;
        if (data[pos] == delim) {
            ++pos;
            if (pos >= size) {
                if (!eof)
                    return Step::NeedMore;
                nextField() = QString();
                break;
            }
            continue;
        }
        // Line end.
        if (data[pos] == '\r') {
            if (pos + 1 >= size && !eof)
                return Step::NeedMore;
            if (pos + 1 < size && data[pos + 1] == '\n')
                ++pos;
        }
        ++pos;
        break;
    }
    if (pos - recordStart > kMaxRecordBytes) {
        fail(row, 0,
             QStringLiteral("the row is longer than %1 (the limit for one row)").arg(sizeName(kMaxRecordBytes)));
        return Step::Error;
    }
    fields.resize(count);
    d->pos = pos;
    m_row = row;
    return Step::Record;
}

bool CsvReader::next(QStringList& fields)
{
    if (!m_error.isEmpty()) {
        fields.clear();
        return false;
    }
    while (true) {
        const Step step = parseRecord(fields);
        switch (step) {
        case Step::Record:
            m_bytesRead = d->utf16 ? qMin(d->rawRead, m_size) : d->bufBase + d->pos;
            return true;
        case Step::End:
            m_bytesRead = m_size;
            fields.clear();
            return false;
        case Step::Error:
            fields.clear();
            return false;
        case Step::NeedMore:
            if (d->buf.size() - d->pos > kMaxRecordBytes) {
                fields.clear();
                // Where the row began: its first field may be an endless quoted one.
                const bool quoted = d->buf.at(d->pos) == '"';
                return fail(m_row + 1, 0,
                            quoted
                                ? QStringLiteral("the row is longer than %1 (the limit for one row): is a quote never "
                                                 "closed?")
                                      .arg(sizeName(kMaxRecordBytes))
                                : QStringLiteral("the row is longer than %1 (the limit for one row)")
                                      .arg(sizeName(kMaxRecordBytes)));
            }
            if (!fill()) {
                if (!m_error.isEmpty())
                    return false;
                d->eof = true; // parse what is left as the last row
            }
            break;
        }
    }
}

} // namespace pd
