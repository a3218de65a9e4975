#include "cli/FxCommand.h"

#include "cli/CliContext.h"
#include "domain/FxConversion.h"
#include "domain/FxRatesUsed.h"
#include "domain/Money.h"
#include "storage/Database.h"
#include "storage/FxRepository.h"
#include "storage/StorageError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace pd {

namespace {

const char* const kFxUsage =
    "Usage: partnerdesk-cli [--db DATABASE] fx SUBCOMMAND [options]\n"
    "\n"
    "  import   --file F [--format csv|frb] [--countries country-codes.csv] [--json]\n"
    "           csv: columns currency, month (YYYY-MM), units_per_usd; frb: the Federal Reserve monthly file\n"
    "           (Date, Country, Exchange rate) mapped to currencies through --countries\n"
    "  list     [--currency C] [--json]\n"
    "  convert  --amount A --currency C --month YYYY-MM [--to USD] [--json]\n"
    "\n"
    "Rates are units of a currency per 1 USD for a month. An amount converts at its month's rate, else at the latest\n"
    "earlier month's; through USD, rounded half up to the minor units of the target currency.\n";

QJsonArray strings(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

class FxCommand
{
public:
    FxCommand(CliContext& context, Database& db) : m_ctx(context), m_db(db) {}
    int run(const QString& sub, const QStringList& args);

private:
    int fail(const QString& message, int code)
    {
        m_ctx.err() << message << "\n";
        return code;
    }
    int import(QCommandLineParser& p, const QStringList& args);
    int list(QCommandLineParser& p, const QStringList& args);
    int convert(QCommandLineParser& p, const QStringList& args);

    CliContext& m_ctx;
    Database& m_db;
    const QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

int FxCommand::import(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption file(QStringLiteral("file"), QStringLiteral("The rates file."), QStringLiteral("F"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("csv (default) or frb."),
                                    QStringLiteral("FORMAT"), QStringLiteral("csv"));
    const QCommandLineOption countries(QStringLiteral("countries"),
                                       QStringLiteral("Country name to currency code file (frb; country-codes.csv "
                                                      "beside the file by default)."),
                                       QStringLiteral("FILE"));
    p.addOptions({file, format, countries, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    if (!p.isSet(file))
        return fail(QStringLiteral("fx import: --file is required"), ExitUsage);
    const QString fmt = p.value(format);
    if (fmt != QLatin1String("csv") && fmt != QLatin1String("frb"))
        return fail(QStringLiteral("--format: csv or frb"), ExitUsage);
    FxRepository repo(m_db, m_ctx.clock());
    FxImportReport report;
    if (fmt == QLatin1String("frb")) {
        const QString codes = p.isSet(countries)
                                  ? p.value(countries)
                                  : QFileInfo(p.value(file)).dir().filePath(QStringLiteral("country-codes.csv"));
        report = repo.importFrb(p.value(file), codes);
    } else {
        report = repo.importCsv(p.value(file));
    }
    if (!report.ok()) {
        for (const FxFileProblem& pr : std::as_const(report.problems))
            m_ctx.err() << pr.file << ", row " << pr.row << (pr.field.isEmpty() ? QString() : ", " + pr.field) << ": "
                        << pr.message << "\n";
        m_ctx.err() << "Nothing imported (" << report.problems.size() << " problem(s)).\n";
        return ExitInvalidInput;
    }
    if (p.isSet(m_json)) {
        QJsonObject o, months;
        for (auto it = report.monthsByCurrency.begin(); it != report.monthsByCurrency.end(); ++it)
            months.insert(it.key(), it.value());
        o.insert(QLatin1String("written"), report.written);
        o.insert(QLatin1String("months_by_currency"), months);
        o.insert(QLatin1String("not_imported"), strings(report.notImported));
        m_ctx.printJson(o);
        return ExitOk;
    }
    m_ctx.out() << "Imported " << report.written << " rate(s) for " << report.monthsByCurrency.size()
                << " currenc(ies)";
    QStringList parts;
    for (auto it = report.monthsByCurrency.begin(); it != report.monthsByCurrency.end(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    m_ctx.out() << (parts.isEmpty() ? QString() : QStringLiteral(": ") + parts.join(QStringLiteral(", "))) << "\n";
    for (const QString& n : std::as_const(report.notImported))
        m_ctx.out() << "  not imported: " << n << "\n";
    return ExitOk;
}

int FxCommand::list(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption currency(QStringLiteral("currency"), QStringLiteral("Only this currency."),
                                      QStringLiteral("C"));
    p.addOptions({currency, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    const QList<FxRate> rates = FxRepository::list(m_db, p.value(currency).toUpper());
    if (p.isSet(m_json)) {
        QJsonArray a;
        for (const FxRate& r : rates) {
            QJsonObject o;
            o.insert(QLatin1String("currency"), r.currency);
            o.insert(QLatin1String("month"), r.month);
            o.insert(QLatin1String("units_per_usd"), formatUnitsPerUsdE8(r.unitsPerUsdE8));
            o.insert(QLatin1String("source"), r.source);
            a.append(o);
        }
        QJsonObject o;
        o.insert(QLatin1String("rates"), a);
        m_ctx.printJson(o);
        return ExitOk;
    }
    for (const FxRate& r : rates)
        m_ctx.out() << r.currency << " " << r.month << " " << formatUnitsPerUsdE8(r.unitsPerUsdE8) << " per USD ("
                    << r.source << ")\n";
    if (rates.isEmpty())
        m_ctx.out() << "No FX rates in the book.\n";
    return ExitOk;
}

int FxCommand::convert(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption amount(QStringLiteral("amount"), QStringLiteral("The amount (a decimal)."),
                                    QStringLiteral("A"));
    const QCommandLineOption currency(QStringLiteral("currency"), QStringLiteral("Its currency."), QStringLiteral("C"));
    const QCommandLineOption month(QStringLiteral("month"), QStringLiteral("The month whose rate applies (YYYY-MM)."),
                                   QStringLiteral("YYYY-MM"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The target currency (default USD)."),
                                QStringLiteral("C"), QStringLiteral("USD"));
    p.addOptions({amount, currency, month, to, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    if (!p.isSet(amount) || !p.isSet(currency) || !p.isSet(month))
        return fail(QStringLiteral("fx convert: --amount, --currency and --month are required"), ExitUsage);
    const QString from = p.value(currency).toUpper(), target = p.value(to).toUpper();
    for (const QString& c : {from, target})
        if (!isCurrencyCode(c))
            return fail(QStringLiteral("'%1' is not an ISO 4217 currency code").arg(c), ExitInvalidInput);
    static const QRegularExpression monthPattern(QStringLiteral("^[0-9]{4}-(0[1-9]|1[0-2])$"));
    if (!monthPattern.match(p.value(month)).hasMatch())
        return fail(QStringLiteral("--month: '%1' is not a month (YYYY-MM)").arg(p.value(month)), ExitInvalidInput);
    QString reason;
    const auto minor = parseMinorUnits(p.value(amount), from, 1, &reason);
    if (!minor)
        return fail(QStringLiteral("--amount: %1").arg(reason), ExitInvalidInput);
    const FxRateTable table = FxRepository::table(m_db);
    FxRatesUsed used;
    used.reportingCurrency = target;
    const auto result = table.convert(*minor, from, p.value(month), target, &used);
    if (!result)
        return fail(QStringLiteral("No rate for %1 at or before %2: not converted.")
                        .arg(used.leftOutDeals.contains(from) ? from : target, p.value(month)),
                    ExitInvalidInput);
    if (p.isSet(m_json)) {
        QJsonObject o;
        o.insert(QLatin1String("amount"), decimalAmount(*result, target));
        o.insert(QLatin1String("amount_minor"), *result);
        o.insert(QLatin1String("currency"), target);
        o.insert(QLatin1String("fx"), fxRatesJson(used));
        m_ctx.printJson(o);
        return ExitOk;
    }
    m_ctx.out() << formatMoney({*minor, from}) << " = " << formatMoney({*result, target});
    if (!used.isEmpty())
        m_ctx.out() << " (" << used.note() << ")";
    m_ctx.out() << "\n";
    return ExitOk;
}

int FxCommand::run(const QString& sub, const QStringList& args)
{
    QCommandLineParser p;
    m_ctx.addCommonOptions(p);
    try {
        if (sub == QLatin1String("import"))
            return import(p, args);
        if (sub == QLatin1String("list"))
            return list(p, args);
        if (sub == QLatin1String("convert"))
            return convert(p, args);
    } catch (const StorageError& e) {
        return fail(e.message(), ExitDatabase);
    }
    return fail(QStringLiteral("Unknown fx subcommand '%1'\n").arg(sub) + QLatin1String(kFxUsage), ExitUsage);
}

} // namespace

QJsonObject fxRatesJson(const FxRatesUsed& fx)
{
    QJsonObject o, used, leftOut;
    for (auto it = fx.used.begin(); it != fx.used.end(); ++it)
        used.insert(it.key(), strings(it.value()));
    for (auto it = fx.leftOutDeals.begin(); it != fx.leftOutDeals.end(); ++it) {
        QJsonObject c;
        c.insert(QLatin1String("deals"), it.value());
        c.insert(QLatin1String("months"), strings(fx.missing.value(it.key())));
        leftOut.insert(it.key(), c);
    }
    o.insert(QLatin1String("reporting_currency"), fx.reportingCurrency);
    o.insert(QLatin1String("rates_used"), used);
    o.insert(QLatin1String("left_out"), leftOut);
    o.insert(QLatin1String("left_out_deals"), fx.leftOutCount());
    o.insert(QLatin1String("sources"), strings(fx.sources));
    o.insert(QLatin1String("note"), fx.note());
    return o;
}

/// `fx SUBCOMMAND …`: import, list and convert with the book's FX rates. list and convert only read.
int runFxCommand(CliContext& context, const QStringList& args)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? context.err() : context.out()) << kFxUsage;
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    const QString sub = args.at(1);
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, sub != QLatin1String("import") || rest.contains(QLatin1String("--help"))
                                                  ? CliContext::Access::Read
                                                  : CliContext::Access::Write);
    if (!db)
        return exitCode;
    return FxCommand(context, *db).run(sub, rest);
}

} // namespace pd
