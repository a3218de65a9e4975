#include "cli/CliContext.h"

#include "domain/Enums.h"
#include "io/BookTables.h"
#include "io/CsvExporter.h"
#include "io/XlsxExporter.h"
#include "storage/Database.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

namespace pd {

/// `export --entity partners|deals|conflicts [--status S]… --format csv|xlsx --out FILE [--json]` (issue 8, item 7):
/// writes one of the book's tables through BookTables and CsvExporter / XlsxExporter. A reading command: the book
/// is opened with Access::Read and never created. Exit codes (DESIGN.md section 5): 1 for a usage error (unknown
/// entity, format or status, --status with another entity, missing --out), 3 for a database error, and 2 when the
/// output file cannot be written (its folder is missing or not writable, or writing failed): the command's input
/// (the path) is invalid and nothing was written, the previous file, if any, is left as it was.
int runExportCommand(CliContext& context, const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Exports a table of the book to CSV (UTF-8, comma, RFC 4180, ISO dates) or XLSX."));
    const QCommandLineOption entity(QStringLiteral("entity"), QStringLiteral("partners, deals or conflicts."),
                                    QStringLiteral("ENTITY"));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QStringLiteral("deals only: export deals with this status (repeatable, or a "
                                                   "comma-separated list)."),
                                    QStringLiteral("STATUS"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("csv or xlsx."), QStringLiteral("FORMAT"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The file to write (replaced if it exists)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({entity, status, format, out, json});
    context.addCommonOptions(parser);
    if (const int code = context.parse(parser, args); code >= 0)
        return code;
    const auto usage = [&](const QString& message) {
        context.err() << message << "\n";
        return int(ExitUsage);
    };
    const QString what = parser.value(entity);
    if (what != QLatin1String("partners") && what != QLatin1String("deals") && what != QLatin1String("conflicts"))
        return usage(QStringLiteral("--entity must be partners, deals or conflicts"));
    const QString kind = parser.value(format);
    if (kind != QLatin1String("csv") && kind != QLatin1String("xlsx"))
        return usage(QStringLiteral("--format must be csv or xlsx"));
    const QString path = parser.value(out);
    if (path.isEmpty())
        return usage(QStringLiteral("--out FILE is required"));
    QStringList statuses;
    for (const QString& value : parser.values(status)) {
        for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto s = dealStatusFromString(part.trimmed());
            if (!s)
                return usage(QStringLiteral("--status: '%1' is not a status (%2)")
                                 .arg(part.trimmed(), dealStatusNames().join(QStringLiteral(", "))));
            if (!statuses.contains(toString(*s)))
                statuses.append(toString(*s));
        }
    }
    if (!statuses.isEmpty() && what != QLatin1String("deals"))
        return usage(QStringLiteral("--status applies to --entity deals only"));
    // Refuse an impossible output path before reading the book.
    const QFileInfo target(path);
    if (!target.absoluteDir().exists() || target.isDir()) {
        context.err() << QStringLiteral("Cannot export to %1: %2")
                             .arg(path, target.isDir()
                                            ? QStringLiteral("it is a folder")
                                            : QStringLiteral("the folder %1 does not exist").arg(target.absolutePath()))
                      << "\n";
        return ExitInvalidInput;
    }

    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, CliContext::Access::Read);
    if (!db)
        return exitCode;
    ExportTable table;
    try {
        if (what == QLatin1String("partners"))
            table = BookTables::partners(*db, context.clock());
        else if (what == QLatin1String("deals"))
            table = BookTables::deals(*db, context.clock(), statuses);
        else
            table = BookTables::conflicts(*db, ProgramSettingsRepository(*db, context.clock()).load().rules);
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return ExitDatabase;
    }
    QString error;
    const bool written = kind == QLatin1String("csv") ? CsvExporter::write(table, path, &error)
                                                      : XlsxExporter::write(table, path, &error);
    if (!written) {
        context.err() << error << "\n";
        return ExitInvalidInput;
    }
    if (parser.isSet(json)) {
        context.printJson(QJsonObject{{QLatin1String("entity"), what},
                                      {QLatin1String("format"), kind},
                                      {QLatin1String("file"), path},
                                      {QLatin1String("rows"), qint64(table.rows.size())}});
    } else {
        context.out() << "Exported " << table.rows.size() << " row(s) of " << what << " to " << path << "\n";
    }
    return ExitOk;
}

} // namespace pd
