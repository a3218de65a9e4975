// partnerdesk-cli: headless commands over a partner book (DESIGN.md section 5).
#include "cli/CliContext.h"
#include "cli/FxCommand.h"
#include "storage/DefaultDatabase.h"

#include <QCoreApplication>
#include <QStringList>

using namespace pd;

namespace pd {
/// `mdf …`: market development funds (src/cli/MdfCommand.cpp; issue 10, item 8).
int runMdfCommand(CliContext& context, const QStringList& args);
/// `tiers …`: the tier program, evaluation and applied tier changes (src/cli/TiersCommand.cpp; issue 11, item 2).
int runTiersCommand(CliContext& context, const QStringList& args);
} // namespace pd

namespace {

const char* const kUsage =
    "Usage: partnerdesk-cli [--db DATABASE] COMMAND [options]\n"
    "\n"
    "DATABASE is an SQLite file path or a postgresql://user[:password]@host[:port]/dbname URL (the password\n"
    "may also come from PGPASSWORD; percent-encode @ : / in it). The URL may carry libpq parameters, e.g.\n"
    "?sslmode=require&sslrootcert=FILE&connect_timeout=5&application_name=NAME; an unknown one is refused.\n"
    "A password is never printed. Without --db the default book of the app is used.\n"
    "\n"
    "Commands:\n"
    "  init                 create or migrate the book and print its schema version\n"
    "  import               import a CSV file (--entity, --file, --profile, --dry-run, --skip-invalid)\n"
    "  export               write a table to CSV or XLSX (--entity partners|deals|conflicts, --status,\n"
    "                       --format csv|xlsx, --out FILE)\n"
    "  stats                print counts per entity\n"
    "  generate             write a synthetic book as CSV files (--partners, --deals, --seed, --out)\n"
    "  deals                deal registration: register, list, summary, conflicts, resolve, expire,\n"
    "                       attribution, submit, approve, reject, extend, won, lost, show, partners,\n"
    "                       touches (deals --help)\n"
    "  partners             the roster: list, show, archive, restore, stage, metrics (partners --help)\n"
    "  onboarding           checklists: start, tick, status, attach, offboard (onboarding --help)\n"
    "  certs                certifications: types, add, list (certs --help)\n"
    "  mdf                  market development funds: budget, allocate, request, approve, reject, claim,\n"
    "                       approve-claim, pay, close-period, ledger, status, link-deal (mdf --help)\n"
    "  tiers                the tier program: evaluate, apply, program (tiers --help)\n"
    "\n"
    "Every command accepts --json (where it prints something) and --help.\n"
    "Exit codes: 0 ok, 1 usage error, 2 invalid input (nothing written), 3 database error, 4 network error.\n"
    "\n"
    "Testing aid: the environment variable PD_NOW=2017-12-31T12:00:00Z (an ISO 8601 instant) fixes \"now\" for\n"
    "every command (registration times, today's date of summary and expire); unset, the system clock is used.\n";

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    CliContext context;
    QString clockError;
    std::unique_ptr<Clock> clock = makeClock(qEnvironmentVariable("PD_NOW"), &clockError);
    if (!clock) {
        context.err() << clockError << "\n";
        return ExitUsage;
    }
    context.setClock(std::move(clock));

    const QStringList args = QCoreApplication::arguments();
    QStringList rest;
    QString command;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args.at(i);
        if (!command.isEmpty()) {
            rest.append(a);
        } else if (a == QLatin1String("--db")) {
            if (i + 1 >= args.size()) {
                context.err() << "--db needs a value\n" << kUsage;
                return ExitUsage;
            }
            context.databaseText = args.at(++i);
        } else if (a.startsWith(QLatin1String("--db="))) {
            context.databaseText = a.mid(5);
        } else if (a == QLatin1String("--version") || a == QLatin1String("-v")) {
            context.out() << "partnerdesk-cli " << PD_VERSION << "\n";
            return ExitOk;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            context.out() << kUsage;
            return ExitOk;
        } else if (a.startsWith(QLatin1Char('-'))) {
            context.err() << "Unknown option " << a << "\n" << kUsage;
            return ExitUsage;
        } else {
            command = a;
        }
    }
    if (command.isEmpty()) {
        context.err() << kUsage;
        return ExitUsage;
    }
    rest.prepend(QStringLiteral("partnerdesk-cli ") + command);
    if (command == QLatin1String("init"))
        return runInitCommand(context, rest);
    if (command == QLatin1String("import"))
        return runImportCommand(context, rest);
    if (command == QLatin1String("export"))
        return runExportCommand(context, rest);
    if (command == QLatin1String("stats"))
        return runStatsCommand(context, rest);
    if (command == QLatin1String("generate"))
        return runGenerateCommand(context, rest);
    if (command == QLatin1String("deals"))
        return runDealsCommand(context, rest);
    if (command == QLatin1String("partners"))
        return runPartnersCommand(context, rest);
    if (command == QLatin1String("onboarding"))
        return runOnboardingCommand(context, rest);
    if (command == QLatin1String("certs"))
        return runCertsCommand(context, rest);
    if (command == QLatin1String("mdf"))
        return runMdfCommand(context, rest);
    if (command == QLatin1String("fx"))
        return runFxCommand(context, rest);
    if (command == QLatin1String("tiers"))
        return runTiersCommand(context, rest);
    context.err() << "Unknown command '" << command << "'\n" << kUsage;
    return ExitUsage;
}
