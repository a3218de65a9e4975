#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace pd {

/// How a CSV file is written: its text encoding and field delimiter.
struct CsvFormat
{
    enum class Encoding { Utf8, Utf8Bom, Windows1252, Utf16LE, Utf16BE };
    Encoding encoding = Encoding::Utf8;
    QChar delimiter = QLatin1Char(',');
    /// "UTF-8", "UTF-8 with BOM", "Windows-1252", "UTF-16LE", "UTF-16BE" (the names profiles use)
    static QString encodingName(Encoding e);
    /// The encoding a name of encodingName() stands for; nullopt for any other text (e.g. "auto").
    static std::optional<Encoding> encodingFromName(const QString& name);
};

/// Streams rows out of a CSV file (RFC 4180 plus the variants seen in the wild): CRLF or LF line ends,
/// quoted fields with doubled quotes and embedded newlines, comma, semicolon or tab delimiters. The first row
/// is the header. The file is read in chunks: memory stays bounded by the longest row (kMaxRecordBytes).
///
/// Encodings: UTF-8 with or without BOM, Windows-1252, UTF-16 (little or big endian; found by its BOM or, without
/// one, by the pattern of zero bytes that ASCII text has in UTF-16), decoded to text as read. When the encoding is
/// detected, text is UTF-8 until a byte that is not UTF-8 appears; the file is then read as Windows-1252 only if no
/// UTF-8 text came before that byte (the file is clearly not UTF-8), and encodingNote() says why. A byte that is not
/// UTF-8 in a file that is UTF-8 elsewhere, and UTF-8 text after Windows-1252 was chosen, are errors naming the row,
/// column and byte offset.
///
/// Errors (an unbalanced quote, invalid text, NUL bytes — "it is not a text CSV" —, a field longer than
/// kMaxFieldBytes or a row longer than kMaxRecordBytes) are reported through error(), prefixed with the file's row
/// number ("row 5: …"; 1 = header), except for problems found in the first bytes when opening.
class CsvReader
{
public:
    /// The longest field accepted: 1 MiB of text (as UTF-8). A longer one is almost always a file that is not CSV
    /// or not split by the chosen delimiter; refusing it bounds memory.
    static constexpr qsizetype kMaxFieldBytes = qsizetype(1) << 20;
    /// The longest row accepted (all its fields, delimiters and quotes): 4 MiB of text (as UTF-8).
    static constexpr qsizetype kMaxRecordBytes = qsizetype(4) << 20;
    /// Bytes read from the file at a time (more while a row is longer than that).
    static constexpr qsizetype kChunkBytes = qsizetype(64) << 10;
    /// Bytes of the file's start that open() and detect() look at.
    static constexpr qsizetype kSampleBytes = qsizetype(64) << 10;

    CsvReader();
    ~CsvReader();

    /// Guesses the format from the first bytes of a file: a BOM (UTF-8, UTF-16LE, UTF-16BE), else the zero-byte
    /// pattern of UTF-16, else UTF-8 when the sample is valid UTF-8, otherwise Windows-1252. The delimiter is the one
    /// of ',', ';', '\t' that occurs most often, outside quotes, on the first line.
    static CsvFormat detect(const QByteArray& sample);

    /// Opens `path`. An encoding or a delimiter left empty is detected (see the class comment). Returns false and
    /// sets error() when the file cannot be read, is not text (NUL bytes), or has no header row. Reads the header.
    bool open(const QString& path, std::optional<CsvFormat::Encoding> encoding, std::optional<QChar> delimiter);
    /// Opens `path` with `format`, or detecting everything when it is empty.
    bool open(const QString& path, std::optional<CsvFormat> format = std::nullopt);
    /// The format in use; while the encoding is being detected and only ASCII was read, UTF-8.
    const CsvFormat& format() const { return m_format; }
    /// Why a detected encoding was chosen when it is not plain UTF-8 ("byte 57 is not UTF-8 …"); empty otherwise.
    QString encodingNote() const { return m_encodingNote; }
    const QStringList& header() const { return m_header; }

    /// Reads the next data row into `fields`. Returns false at the end of the file or on an error (then
    /// error() is non-empty). `row()` is the row number of the row just read (header = 1, first data row = 2).
    bool next(QStringList& fields);
    qint64 row() const { return m_row; }
    QString error() const { return m_error; }
    /// Bytes consumed so far and the file size, for progress.
    qint64 bytesRead() const { return m_bytesRead; }
    qint64 size() const { return m_size; }

    /// `text` made safe to show in a message: control characters as '?', at most `max` characters, the rest
    /// replaced by "… (N characters)". Keeps binary or huge values out of error messages.
    static QString shown(const QString& text, qsizetype max = 80);

private:
    enum class Step { Record, NeedMore, End, Error };
    Step parseRecord(QStringList& fields);
    bool fill();
    /// Decodes one field's `text` (its `raw` bytes as in the file, for messages) into `out`, reusing its buffer.
    /// Returns false and sets error() when the text is not valid in the file's encoding.
    bool decodeField(QString& out, const char* raw, qsizetype rawLen, qint64 rawOffset, const char* text,
                     qsizetype textLen, bool high, qint64 row, int column);
    bool fail(qint64 row, int column, const QString& what);
    QString columnName(int column) const;

    struct Impl;
    std::unique_ptr<Impl> d;
    CsvFormat m_format;
    QStringList m_header;
    qint64 m_row = 0;
    qint64 m_bytesRead = 0;
    qint64 m_size = 0;
    QString m_error;
    QString m_encodingNote;
};

} // namespace pd
