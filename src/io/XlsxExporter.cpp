#include "io/XlsxExporter.h"

#include "domain/Money.h"
#include "io/CsvExporter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QObject>
#include <QTemporaryFile>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <xlsxwriter.h>

namespace pd {

namespace {
constexpr qsizetype kCheckEvery = 1000; ///< rows between two looks at the cancel flag
constexpr int kMaxWidth = 60;           ///< widest column, in characters
const QDate kEpoch(1899, 12, 30);       ///< day 0 of Excel's 1900 date system as it counts from 1900-03-01

/// Formats of one workbook, made once.
class Formats
{
public:
    explicit Formats(lxw_workbook* book) : m_book(book)
    {
        header = workbook_add_format(book);
        format_set_bold(header);
        date = workbook_add_format(book);
        format_set_num_format(date, "yyyy-mm-dd");
        instant = workbook_add_format(book);
        format_set_num_format(instant, "yyyy-mm-dd hh:mm:ss");
    }
    /// The number format of an amount with `digits` decimals ("0", "0.00", "0.000").
    lxw_format* money(int digits)
    {
        auto it = m_money.constFind(digits);
        if (it == m_money.constEnd()) {
            lxw_format* f = workbook_add_format(m_book);
            const QByteArray pattern = digits > 0 ? QByteArray("0.") + QByteArray(digits, '0') : QByteArray("0");
            format_set_num_format(f, pattern.constData());
            it = m_money.insert(digits, f);
        }
        return *it;
    }
    lxw_format* header = nullptr;
    lxw_format* date = nullptr;
    lxw_format* instant = nullptr;

private:
    lxw_workbook* m_book;
    QHash<int, lxw_format*> m_money;
};
} // namespace

double XlsxExporter::serial(const QDate& date)
{
    return double(kEpoch.daysTo(date));
}

double XlsxExporter::serial(const QDateTime& instant)
{
    const QDateTime utc = instant.toUTC();
    return serial(utc.date()) + double(utc.time().msecsSinceStartOfDay()) / 86400000.0;
}

bool XlsxExporter::write(const ExportTable& table, const QString& path, QString* error, const std::atomic_bool* cancel)
{
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = QObject::tr("Cannot export to %1: %2").arg(path, reason);
        return false;
    };
    const QFileInfo target(path);
    if (target.isDir())
        return fail(QObject::tr("it is a folder"));
    // Reserve a unique name beside the target (same file system, so the final rename is atomic).
    QString tempPath;
    {
        QTemporaryFile reserve(
            target.absoluteDir().filePath(QLatin1Char('.') + target.fileName() + QStringLiteral(".XXXXXX.part")));
        reserve.setAutoRemove(false);
        if (!reserve.open())
            return fail(reserve.errorString());
        tempPath = reserve.fileName();
    }
    const QByteArray tempName = QFile::encodeName(tempPath);
    lxw_workbook* book = workbook_new(tempName.constData());
    if (!book) {
        QFile::remove(tempPath);
        return fail(QObject::tr("libxlsxwriter could not start a workbook"));
    }
    const QByteArray sheetName = (table.name.isEmpty() ? QStringLiteral("Sheet1") : table.name.left(31)).toUtf8();
    lxw_worksheet* sheet = workbook_add_worksheet(book, sheetName.constData());
    Formats formats(book);
    QList<int> widths(table.headers.size(), 0);
    const auto widen = [&](qsizetype column, qsizetype chars) {
        if (column < widths.size())
            widths[column] = std::max(widths[column], int(std::min<qsizetype>(chars, kMaxWidth)));
    };

    lxw_error status = LXW_NO_ERROR;
    for (qsizetype c = 0; c < table.headers.size() && status == LXW_NO_ERROR; ++c) {
        status =
            worksheet_write_string(sheet, 0, lxw_col_t(c), table.headers.at(c).toUtf8().constData(), formats.header);
        widen(c, table.headers.at(c).size() + 1); // bold is wider
    }
    bool cancelled = false;
    for (qsizetype r = 0; r < table.rows.size() && status == LXW_NO_ERROR; ++r) {
        if (cancel && r % kCheckEvery == 0 && cancel->load()) {
            cancelled = true;
            break;
        }
        const lxw_row_t row = lxw_row_t(r + 1);
        const QList<ExportCell>& cells = table.rows.at(r);
        for (qsizetype c = 0; c < cells.size() && status == LXW_NO_ERROR; ++c) {
            const ExportCell& cell = cells.at(c);
            const lxw_col_t col = lxw_col_t(c);
            switch (cell.type) {
            case ExportCell::Type::Empty:
                break;
            case ExportCell::Type::Text:
                if (!cell.text.isEmpty())
                    status = worksheet_write_string(sheet, row, col, cell.text.toUtf8().constData(), nullptr);
                widen(c, cell.text.size());
                break;
            case ExportCell::Type::Integer:
                status = worksheet_write_number(sheet, row, col, double(cell.value), nullptr);
                widen(c, QString::number(cell.value).size());
                break;
            case ExportCell::Type::Money: {
                const int digits = currencyMinorDigits(cell.text);
                status = worksheet_write_number(sheet, row, col, double(cell.value) / std::pow(10.0, digits),
                                                formats.money(digits));
                widen(c, CsvExporter::field(cell).size());
                break;
            }
            case ExportCell::Type::Date:
                status = worksheet_write_number(sheet, row, col, serial(cell.date), formats.date);
                widen(c, 10);
                break;
            case ExportCell::Type::Instant:
                status = worksheet_write_number(sheet, row, col, serial(cell.instant), formats.instant);
                widen(c, 19);
                break;
            }
        }
    }
    if (status == LXW_NO_ERROR && !cancelled) {
        for (qsizetype c = 0; c < widths.size(); ++c)
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), widths.at(c) + 2, nullptr);
        worksheet_freeze_panes(sheet, 1, 0);
    }
    const lxw_error closed = workbook_close(book); // frees the workbook in every case
    if (cancelled) {
        QFile::remove(tempPath);
        return fail(QObject::tr("the export was cancelled"));
    }
    if (status != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
        QFile::remove(tempPath);
        return fail(QString::fromUtf8(lxw_strerror(status != LXW_NO_ERROR ? status : closed)));
    }
    // QTemporaryFile made the file private (0600); an export is an ordinary document.
    QFile::setPermissions(tempPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    if (std::rename(tempName.constData(), QFile::encodeName(path).constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(tempPath);
        return fail(reason);
    }
    return true;
}

} // namespace pd
