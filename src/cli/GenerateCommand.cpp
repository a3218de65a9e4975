#include "cli/CliContext.h"

#include "io/BookGenerator.h"
#include "storage/Database.h"

#include "storage/StorageError.h"

#include <QElapsedTimer>
#include <QJsonObject>

namespace pd {

namespace {
int generateMdf(CliContext& context, const QCommandLineParser& parser, const QString& seedText, bool json)
{
    bool ok = false;
    const quint32 seed = seedText.toUInt(&ok);
    if (!ok || parser.isSet(QStringLiteral("out"))) {
        context.err() << "generate --mdf takes the book from --db, a numeric --seed and no --out\n";
        return ExitUsage;
    }
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, CliContext::Access::Write);
    if (!db)
        return exitCode;
    QElapsedTimer timer;
    timer.start();
    BookGenerator::MdfCounts counts;
    try {
        counts = BookGenerator::generateMdf(*db, seed, toIsoUtc(context.clock().nowUtc()));
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return e.kind() == StorageError::Kind::Failed && !e.message().contains(QLatin1String("failed: "))
                   ? ExitInvalidInput
                   : ExitDatabase;
    }
    if (json) {
        context.printJson(QJsonObject{{QLatin1String("budgets"), counts.budgets},
                                      {QLatin1String("allocations"), counts.allocations},
                                      {QLatin1String("requests"), counts.requests},
                                      {QLatin1String("claims"), counts.claims},
                                      {QLatin1String("ledger_entries"), counts.ledgerEntries},
                                      {QLatin1String("seconds"), timer.elapsed() / 1000.0}});
    } else {
        context.out() << "Added MDF data: " << counts.budgets << " budgets, " << counts.allocations << " allocations, "
                      << counts.requests << " requests, " << counts.claims << " claims, " << counts.ledgerEntries
                      << " ledger entries in " << timer.elapsed() / 1000.0 << " s\n";
    }
    return ExitOk;
}
} // namespace

/// `generate --partners N --deals M [--seed S] --out DIR`: writes a synthetic book as import CSV files.
/// `--db BOOK generate --mdf [--seed S]`: adds synthetic MDF data for every partner of the book (BookGenerator::
/// generateMdf(); about 11 ledger entries per partner).
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
    const QCommandLineOption mdf(
        QStringLiteral("mdf"), QStringLiteral("Add MDF data (budgets, allocations, requests, claims, the fund ledger) "
                                              "for every partner of the book named by --db instead of writing CSV."));
    parser.addOptions({partners, deals, seed, outDir, json, mdf});
    context.addCommonOptions(parser);
    if (const int code = context.parse(parser, args); code >= 0)
        return code;
    if (parser.isSet(mdf))
        return generateMdf(context, parser, parser.value(seed), parser.isSet(json));
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
