#include "io/CsvExporter.h"

#include "domain/Clock.h"
#include "domain/Money.h"

#include <QObject>
#include <QSaveFile>

namespace pd {

namespace {
constexpr qsizetype kCheckEvery = 1000; ///< rows between two looks at the cancel flag

QString quoted(const QString& s)
{
    const bool needs = s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\r')) ||
                       s.contains(QLatin1Char('\n'));
    if (!needs)
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}
} // namespace

QString CsvExporter::field(const ExportCell& cell)
{
    switch (cell.type) {
    case ExportCell::Type::Empty:
        return {};
    case ExportCell::Type::Text:
        return quoted(cell.text);
    case ExportCell::Type::Integer:
        return QString::number(cell.value);
    case ExportCell::Type::Money:
        return formatMinorUnits(cell.value, cell.text);
    case ExportCell::Type::Date:
        return cell.date.toString(Qt::ISODate);
    case ExportCell::Type::Instant:
        return toIsoUtc(cell.instant);
    }
    return {};
}

bool CsvExporter::write(const ExportTable& table, const QString& path, QString* error, const std::atomic_bool* cancel)
{
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = QObject::tr("Cannot export to %1: %2").arg(path, reason);
        return false;
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    QString line;
    const auto writeLine = [&]() { return file.write(line.toUtf8()) >= 0; };
    for (qsizetype c = 0; c < table.headers.size(); ++c)
        line += (c ? QStringLiteral(",") : QString()) + quoted(table.headers.at(c));
    line += QLatin1String("\r\n");
    if (!writeLine())
        return fail(file.errorString());
    for (qsizetype r = 0; r < table.rows.size(); ++r) {
        if (cancel && r % kCheckEvery == 0 && cancel->load()) {
            file.cancelWriting();
            return fail(QObject::tr("the export was cancelled"));
        }
        const QList<ExportCell>& row = table.rows.at(r);
        line.clear();
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (c)
                line += QLatin1Char(',');
            line += field(row.at(c));
        }
        line += QLatin1String("\r\n");
        if (!writeLine())
            return fail(file.errorString());
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace pd
