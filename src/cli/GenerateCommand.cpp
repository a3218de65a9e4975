#include "cli/CliContext.h"

#include "io/BookGenerator.h"
#include "storage/Database.h"

#include <QJsonObject>

namespace pd {

/// `generate --partners N --deals M [--seed S] --out DIR`: writes a synthetic book as import CSV files.
int runGenerateCommand(CliContext& context, const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Writes a synthetic, deterministic partner book as CSV files in the import formats."));
    const QCommandLineOption partners(QStringLiteral("partners"), QStringLiteral("Number of partners."),
                                      QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption deals(QStringLiteral("deals"), QStringLiteral("Number of deals."), QStringLiteral("M"),
                                   QStringLiteral("2000"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (same seed, same files)."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption outDir(QStringLiteral("out"), QStringLiteral("Directory for the CSV files."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({partners, deals, seed, outDir, json});
    context.addCommonOptions(parser);
    if (const int code = context.parse(parser, args); code >= 0)
        return code;
    BookGenerator::Options options;
    bool okP = false, okD = false, okS = false;
    options.partners = parser.value(partners).toInt(&okP);
    options.deals = parser.value(deals).toInt(&okD);
    options.seed = parser.value(seed).toUInt(&okS);
    if (!okP || !okD || !okS || options.partners < 1 || options.deals < 0 || !parser.isSet(outDir)) {
        context.err()
            << "generate needs --out DIR, a positive --partners count, a --deals count and a numeric --seed\n";
        return ExitUsage;
    }
    QString error;
    if (!BookGenerator::write(parser.value(outDir), options, &error)) {
        context.err() << error << "\n";
        return ExitInvalidInput;
    }
    if (parser.isSet(json)) {
        QJsonObject o;
        o.insert(QLatin1String("out"), parser.value(outDir));
        o.insert(QLatin1String("partners"), options.partners);
        o.insert(QLatin1String("deals"), options.deals);
        o.insert(QLatin1String("seed"), qint64(options.seed));
        context.printJson(o);
    } else {
        context.out() << "Wrote products.csv, partners.csv, contacts.csv, accounts.csv and deals.csv ("
                      << options.partners << " partners, " << options.deals << " deals, seed " << options.seed
                      << ") to " << parser.value(outDir) << "\n";
    }
    return ExitOk;
}

} // namespace pd
