#include "cli/CliContext.h"

#include "domain/Clock.h"
#include "io/CsvReader.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "storage/Database.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace pd {

namespace {
QString describe(const ImportIssue& i)
{
    QString text = QStringLiteral("row %1").arg(i.row);
    if (!i.column.isEmpty())
        text += QStringLiteral(", column %1").arg(i.column);
    text += QStringLiteral(": ") + CsvReader::shown(i.reason, 400);
    if (!i.value.isEmpty() && !i.reason.contains(i.value))
        text += QStringLiteral(" ('%1')").arg(CsvReader::shown(i.value));
    return text;
}
} // namespace

/// `import --entity E --file F [--profile P] [--dry-run] [--skip-invalid] [--json]`. Without a profile the
/// columns are auto-matched by header name; when required fields stay without a column, the message (ImportEngine's
/// fatal error, on stderr or as the JSON "error") names every one of them, the file's columns and the matched
/// fields (field ← column), and nothing is written (exit 2). Exit 2 (nothing written) when rows are invalid and
/// --skip-invalid is not given, or when the file cannot be read. With --skip-invalid the valid rows are written and
/// the exit code is 0 (DESIGN.md section 5 keeps 2 for "nothing written"); the summary and the JSON ("rejected")
/// say how many rows were rejected, and every rejected row is listed.
int runImportCommand(CliContext& context, const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Imports a CSV file into the book, in one transaction."));
    const QCommandLineOption entity(
        QStringLiteral("entity"), QStringLiteral("What the file holds: products, partners, contacts, accounts, deals."),
        QStringLiteral("ENTITY"));
    const QCommandLineOption file(QStringLiteral("file"), QStringLiteral("The CSV file."), QStringLiteral("FILE"));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("A mapping profile (JSON)."),
                                     QStringLiteral("PROFILE"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Validate and count; write nothing."));
    const QCommandLineOption skipInvalid(QStringLiteral("skip-invalid"),
                                         QStringLiteral("Write the valid rows and report the invalid ones."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({entity, file, profile, dryRun, skipInvalid, json});
    context.addCommonOptions(parser);
    if (const int code = context.parse(parser, args); code >= 0)
        return code;
    if (!parser.isSet(file)) {
        context.err() << "import needs --file FILE\n";
        return ExitUsage;
    }
    std::optional<ImportEntity> target;
    if (parser.isSet(entity)) {
        target = importEntityFromString(parser.value(entity));
        if (!target) {
            context.err() << "Unknown --entity '" << parser.value(entity)
                          << "': use products, partners, contacts, accounts or deals\n";
            return ExitUsage;
        }
    }
    MappingProfile mapping;
    if (parser.isSet(profile)) {
        QString error;
        auto loaded = MappingProfile::load(parser.value(profile), &error);
        if (!loaded) {
            context.err() << error << "\n";
            return ExitInvalidInput;
        }
        if (target && loaded->entity != *target) {
            context.err() << "The profile is for " << toString(loaded->entity) << ", not " << toString(*target) << "\n";
            return ExitUsage;
        }
        mapping = *loaded;
    } else {
        if (!target) {
            context.err() << "import needs --entity (or a --profile that names it)\n";
            return ExitUsage;
        }
        CsvReader reader;
        if (!reader.open(parser.value(file))) {
            context.err() << reader.error() << "\n";
            return ExitInvalidInput;
        }
        mapping = MappingProfile::autoMatch(*target, reader.header());
    }

    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode);
    if (!db)
        return exitCode;
    const Clock& clock = context.clock();
    ImportOptions options;
    options.dryRun = parser.isSet(dryRun);
    options.skipInvalid = parser.isSet(skipInvalid);
    const ImportReport r = ImportEngine(*db, clock).run(parser.value(file), mapping, options);

    if (r.databaseError)
        exitCode = ExitDatabase;
    else if (!r.fatalError.isEmpty() || (r.rejected > 0 && !options.skipInvalid))
        exitCode = ExitInvalidInput;

    const QString fileName = QFileInfo(parser.value(file)).fileName();
    if (parser.isSet(json)) {
        QJsonObject o;
        o.insert(QLatin1String("entity"), toString(mapping.entity));
        o.insert(QLatin1String("file"), parser.value(file));
        o.insert(QLatin1String("rows_read"), r.rowsRead);
        o.insert(QLatin1String("filtered_out"), r.filteredOut);
        o.insert(QLatin1String("inserted"), r.inserted);
        o.insert(QLatin1String("updated"), r.updated);
        o.insert(QLatin1String("rejected"), r.rejected);
        o.insert(QLatin1String("skip_invalid"), options.skipInvalid);
        o.insert(QLatin1String("encoding"), r.encoding);
        if (!r.encodingNote.isEmpty())
            o.insert(QLatin1String("encoding_note"), r.encodingNote);
        o.insert(QLatin1String("committed"), r.committed);
        o.insert(QLatin1String("dry_run"), r.dryRun);
        o.insert(QLatin1String("seconds"), r.seconds);
        if (!r.fatalError.isEmpty())
            o.insert(QLatin1String("error"), r.fatalError);
        QJsonArray issues;
        for (const ImportIssue& i : r.issues) {
            QJsonObject io;
            io.insert(QLatin1String("row"), i.row);
            io.insert(QLatin1String("column"), i.column);
            io.insert(QLatin1String("value"), CsvReader::shown(i.value, 200));
            io.insert(QLatin1String("reason"), CsvReader::shown(i.reason, 400));
            issues.append(io);
        }
        o.insert(QLatin1String("issues"), issues);
        context.printJson(o);
        return exitCode;
    }
    QTextStream& out = context.out();
    if (r.dryRun) {
        out << "Dry run of " << fileName << " (nothing written): " << r.inserted << " to insert, " << r.updated
            << " to update, " << r.rejected << " rejected\n";
    } else if (r.committed) {
        out << "Imported " << toString(mapping.entity) << " from " << fileName << ": " << r.inserted << " inserted, "
            << r.updated << " updated, " << r.rejected << " rejected";
        if (r.filteredOut > 0)
            out << ", " << r.filteredOut << " filtered out";
        out << " (" << QString::number(r.seconds, 'f', 2) << " s)\n";
    } else {
        out << "Nothing written: 0 inserted, 0 updated, " << r.rejected << " rejected\n";
    }
    if (r.committed && r.rejected > 0)
        out << r.rejected << (r.rejected == 1 ? " row was" : " rows were")
            << " rejected and not imported (--skip-invalid); the valid rows were imported:\n";
    if (!r.encodingNote.isEmpty())
        out << "The file was " << r.encodingNote << "\n";
    for (const ImportIssue& i : r.issues)
        out << describe(i) << "\n";
    if (!r.fatalError.isEmpty() && r.issues.isEmpty())
        context.err() << r.fatalError << "\n";
    if (r.cancelled)
        context.err() << "The import was cancelled; nothing was written\n";
    else if (!r.committed && !r.dryRun && r.rejected > 0 && !options.skipInvalid)
        context.err() << r.rejected << " invalid rows; nothing was written (--skip-invalid imports the valid rows)\n";
    return exitCode;
}

} // namespace pd
