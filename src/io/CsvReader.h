#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QStringList>
#include <memory>

class QTextDecoder;

namespace pd {

/// How a CSV file is written: its text encoding and field delimiter.
struct CsvFormat
{
    enum class Encoding { Utf8, Utf8Bom, Windows1252 };
    Encoding encoding = Encoding::Utf8;
    QChar delimiter = QLatin1Char(',');
    /// "UTF-8", "UTF-8 with BOM", "Windows-1252"
    static QString encodingName(Encoding e);
};

/// Streams rows out of a CSV file (RFC 4180 plus the variants seen in the wild): CRLF or LF line ends,
/// quoted fields with doubled quotes and embedded newlines, UTF-8 with or without BOM or Windows-1252,
/// comma, semicolon or tab delimiters. The first row is the header.
///
/// Errors (an unbalanced quote, bytes that are not valid in the chosen encoding) are reported with the
/// file's row number (1 = header) through error().
class CsvReader
{
public:
    CsvReader();
    ~CsvReader();

    /// Guesses the format from the first bytes of a file: BOM → UTF-8 with BOM; valid UTF-8 → UTF-8;
    /// otherwise Windows-1252. The delimiter is the one of ',', ';', '\t' that occurs most often, outside
    /// quotes, on the first line.
    static CsvFormat detect(const QByteArray& sample);

    /// Opens `path`; with `format` empty the format is detected. Returns false and sets error() when the
    /// file cannot be read. Reads the header row.
    bool open(const QString& path, std::optional<CsvFormat> format = std::nullopt);
    const CsvFormat& format() const { return m_format; }
    const QStringList& header() const { return m_header; }

    /// Reads the next data row into `fields`. Returns false at the end of the file or on an error (then
    /// error() is non-empty). `row()` is the row number of the row just read (header = 1, first data row = 2).
    bool next(QStringList& fields);
    qint64 row() const { return m_row; }
    QString error() const { return m_error; }
    /// Bytes consumed so far and the file size, for progress.
    qint64 bytesRead() const { return m_bytesRead; }
    qint64 size() const { return m_size; }

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    CsvFormat m_format;
    QStringList m_header;
    qint64 m_row = 0;
    qint64 m_bytesRead = 0;
    qint64 m_size = 0;
    QString m_error;
};

} // namespace pd
