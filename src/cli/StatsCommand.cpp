#include "cli/CliContext.h"
#include "cli/FxCommand.h"

#include "domain/Money.h"
#include "storage/Database.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StatsRepository.h"
#include "storage/StorageError.h"

#include <QJsonArray>
#include <QJsonObject>
#include <cmath>

namespace pd {

/// `stats [--json]`: counts per entity, deals by status and partners by type, and won amounts per currency (never
/// added across currencies: DESIGN.md section 2). JSON "won_amounts" is a list of {"currency", "amount" (decimal,
/// major units), "amount_minor"}, ordered by currency code; "won_converted" is every won amount in the reporting
/// currency (FX-converted at the close month's rate) with its "fx" object (the rates used, the deals left out).
int runStatsCommand(CliContext& context, const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints what the book holds."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    context.addCommonOptions(parser);
    if (const int code = context.parse(parser, args); code >= 0)
        return code;
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, CliContext::Access::Read);
    if (!db)
        return exitCode;
    BookStats s;
    try {
        s = StatsRepository(*db).stats(ProgramSettingsRepository(*db, context.clock()).load().reportingCurrency);
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return ExitDatabase;
    }
    auto toObject = [](const QMap<QString, qint64>& map) {
        QJsonObject o;
        for (auto it = map.begin(); it != map.end(); ++it)
            o.insert(it.key(), it.value());
        return o;
    };
    if (parser.isSet(json)) {
        QJsonObject o;
        o.insert(QLatin1String("partners"), s.partners);
        o.insert(QLatin1String("contacts"), s.contacts);
        o.insert(QLatin1String("accounts"), s.accounts);
        o.insert(QLatin1String("products"), s.products);
        o.insert(QLatin1String("deals"), s.deals);
        o.insert(QLatin1String("deals_by_status"), toObject(s.dealsByStatus));
        o.insert(QLatin1String("partners_by_type"), toObject(s.partnersByType));
        o.insert(QLatin1String("accounts_with_parent"), s.accountsWithParent);
        o.insert(QLatin1String("deals_without_account"), s.dealsWithoutAccount);
        o.insert(QLatin1String("partners_with_deals"), s.partnersWithDeals);
        QJsonArray won;
        for (auto it = s.wonByCurrency.begin(); it != s.wonByCurrency.end(); ++it) {
            QJsonObject amount;
            amount.insert(QLatin1String("currency"), it.key());
            amount.insert(QLatin1String("amount"), double(it.value()) / std::pow(10.0, currencyMinorDigits(it.key())));
            amount.insert(QLatin1String("amount_minor"), it.value());
            won.append(amount);
        }
        o.insert(QLatin1String("won_amounts"), won);
        QJsonObject converted;
        converted.insert(QLatin1String("currency"), s.reportingCurrency);
        converted.insert(QLatin1String("amount"), decimalAmount(s.wonConvertedMinor, s.reportingCurrency));
        converted.insert(QLatin1String("amount_minor"), s.wonConvertedMinor);
        converted.insert(QLatin1String("fx"), fxRatesJson(s.fx));
        o.insert(QLatin1String("won_converted"), converted);
        context.printJson(o);
        return ExitOk;
    }
    QTextStream& out = context.out();
    out << "Book: " << db->config().displayName() << "\n";
    out << "Partners: " << s.partners << "\n";
    for (auto it = s.partnersByType.begin(); it != s.partnersByType.end(); ++it)
        out << "  " << it.key() << ": " << it.value() << "\n";
    out << "Contacts: " << s.contacts << "\n";
    out << "Accounts: " << s.accounts << " (" << s.accountsWithParent << " with a parent)\n";
    out << "Products: " << s.products << "\n";
    out << "Deals: " << s.deals << " (" << s.dealsWithoutAccount << " without an end customer, " << s.partnersWithDeals
        << " partners with deals)\n";
    for (auto it = s.dealsByStatus.begin(); it != s.dealsByStatus.end(); ++it)
        out << "  " << it.key() << ": " << it.value() << "\n";
    if (s.wonByCurrency.isEmpty())
        out << "Won amount: none\n";
    else if (s.wonByCurrency.size() == 1)
        out << "Won amount: " << formatMoney(Money{s.wonByCurrency.first(), s.wonByCurrency.firstKey()}) << "\n";
    else
        out << "Won amount, per currency (not converted):\n";
    if (s.wonByCurrency.size() > 1)
        for (auto it = s.wonByCurrency.begin(); it != s.wonByCurrency.end(); ++it)
            out << "  " << formatMoney(Money{it.value(), it.key()}) << "\n";
    if (!s.fx.isEmpty())
        out << "Won amount in " << s.reportingCurrency << ": "
            << formatMoney({s.wonConvertedMinor, s.reportingCurrency}) << " (" << s.fx.note() << ")\n";
    return ExitOk;
}

} // namespace pd
