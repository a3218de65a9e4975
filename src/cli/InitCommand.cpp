#include "cli/CliContext.h"

#include "storage/Database.h"
#include "storage/Migrator.h"

#include <QJsonObject>

namespace pd {

/// `init [--json]`: creates or migrates the book and prints its schema version.
int runInitCommand(CliContext& context, const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Creates or migrates a book and prints its schema version."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    context.addCommonOptions(parser);
    if (const int code = context.parse(parser, args); code >= 0)
        return code;
    int exitCode = ExitOk;
    int fromVersion = 0;
    QString backup;
    auto db = context.openDatabase(&exitCode, CliContext::Access::Write, &fromVersion, &backup);
    if (!db)
        return exitCode;
    const int version = Migrator(*db).currentVersion();
    if (parser.isSet(json)) {
        QJsonObject o;
        o.insert(QLatin1String("schema_version"), version);
        o.insert(QLatin1String("database"), db->config().displayName());
        o.insert(QLatin1String("migrated_from"), fromVersion);
        if (!backup.isEmpty())
            o.insert(QLatin1String("backup"), backup);
        context.printJson(o);
    } else {
        context.out() << "Schema version " << version << "\n";
        context.out() << "Database: " << db->config().displayName() << "\n";
        if (fromVersion != version)
            context.out() << "Migrated from schema version " << fromVersion << "\n";
        if (!backup.isEmpty())
            context.out() << "Backup of the previous file: " << backup << "\n";
    }
    return ExitOk;
}

} // namespace pd
