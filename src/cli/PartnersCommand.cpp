// `partners list|show|archive|restore`: the roster from the command line (issue 8, item 9).
#include "cli/CliContext.h"

#include "domain/Enums.h"
#include "storage/Database.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pd {

namespace {

const char* const kPartnersUsage =
    "Usage: partnerdesk-cli [--db DATABASE] partners SUBCOMMAND [options]\n"
    "\n"
    "  list                  the roster (partners not archived), by name [--json]\n"
    "  show KEY              one partner, archived ones too [--json]\n"
    "  archive KEY           archive a partner (kept as a tombstone; restore undoes it)\n"
    "  restore KEY           bring an archived partner back\n";

QJsonObject partnerObject(const Partner& p, bool archived)
{
    return QJsonObject{{QLatin1String("partner"), p.key},
                       {QLatin1String("id"), p.id},
                       {QLatin1String("name"), p.name},
                       {QLatin1String("type"), toString(p.type)},
                       {QLatin1String("stage"), toString(p.stage)},
                       {QLatin1String("tier"), p.tier},
                       {QLatin1String("territory"), p.territory},
                       {QLatin1String("channel_manager"), p.channelManager},
                       {QLatin1String("country"), p.country},
                       {QLatin1String("city"), p.city},
                       {QLatin1String("activation_date"), p.activationDate.toString(Qt::ISODate)},
                       {QLatin1String("archived"), archived}};
}

} // namespace

/// `partners SUBCOMMAND …` (see kPartnersUsage). Reading subcommands never create a book; archive and restore are
/// writes (audited, logged for sync, one transaction each). An unknown key is invalid input (exit 2).
int runPartnersCommand(CliContext& context, const QStringList& args)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? context.err() : context.out()) << kPartnersUsage;
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    const QString sub = args.at(1);
    const QStringList known = {QStringLiteral("list"), QStringLiteral("show"), QStringLiteral("archive"),
                               QStringLiteral("restore")};
    if (!known.contains(sub)) {
        context.err() << "Unknown partners subcommand '" << sub << "'\n" << kPartnersUsage;
        return ExitUsage;
    }
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kPartnersUsage));
    context.addCommonOptions(p);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    p.addOption(json);
    p.addPositionalArgument(QStringLiteral("KEY"), QStringLiteral("The partner's key."));
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    if (!p.parse(rest)) {
        context.err() << p.errorText() << "\n" << kPartnersUsage;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        context.out() << kPartnersUsage;
        return ExitOk;
    }
    if (p.isSet(QStringLiteral("db")))
        context.databaseText = p.value(QStringLiteral("db"));
    const QStringList positional = p.positionalArguments();
    if (sub == QLatin1String("list") ? !positional.isEmpty() : positional.size() != 1) {
        context.err() << (sub == QLatin1String("list") ? "partners list takes no KEY\n" : "A partner KEY is needed\n")
                      << kPartnersUsage;
        return ExitUsage;
    }
    const bool writes = sub == QLatin1String("archive") || sub == QLatin1String("restore");
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, writes ? CliContext::Access::Write : CliContext::Access::Read);
    if (!db)
        return exitCode;
    try {
        PartnerRepository partners(*db, context.clock());
        if (sub == QLatin1String("list")) {
            const QList<PartnerRow> rows = partners.listRows();
            QJsonArray list;
            for (const PartnerRow& r : rows) {
                if (p.isSet(json)) {
                    QJsonObject o = partnerObject(r.partner, false);
                    o.insert(QLatin1String("contacts"), r.contactCount);
                    o.insert(QLatin1String("open_deals"), r.openDealCount);
                    list.append(o);
                } else {
                    context.out() << r.partner.key << "\t" << r.partner.name << "\t" << toString(r.partner.type) << "\t"
                                  << toString(r.partner.stage) << "\t" << r.partner.territory << "\t" << r.openDealCount
                                  << " open deal(s)\n";
                }
            }
            if (p.isSet(json))
                context.printJson(
                    QJsonObject{{QLatin1String("count"), rows.size()}, {QLatin1String("partners"), list}});
            else
                context.out() << rows.size() << " partner(s)\n";
            return ExitOk;
        }
        const QString key = positional.constFirst();
        const std::optional<Partner> partner = partners.findByKey(key);
        if (!partner) {
            context.err() << "No partner with key '" << key << "'\n";
            return ExitInvalidInput;
        }
        const bool archived = partners.listRowsByIds({partner->id}).isEmpty();
        if (sub == QLatin1String("show")) {
            if (p.isSet(json)) {
                context.printJson(partnerObject(*partner, archived));
            } else {
                context.out() << partner->key << ": " << partner->name << (archived ? " (archived)" : "") << "\n"
                              << "  type " << toString(partner->type) << ", stage " << toString(partner->stage)
                              << ", tier " << partner->tier << "\n"
                              << "  territory " << partner->territory << ", channel manager " << partner->channelManager
                              << "\n"
                              << "  " << partner->city << (partner->country.isEmpty() ? "" : ", ") << partner->country
                              << "\n";
            }
            return ExitOk;
        }
        if (sub == QLatin1String("archive")) {
            if (archived) {
                context.err() << "Partner " << key << " is already archived\n";
                return ExitInvalidInput;
            }
            partners.archive(partner->id);
            context.out() << "Partner " << key << " archived\n";
        } else {
            if (!archived) {
                context.err() << "Partner " << key << " is not archived\n";
                return ExitInvalidInput;
            }
            partners.restore(partner->id);
            context.out() << "Partner " << key << " restored\n";
        }
        return ExitOk;
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return ExitDatabase;
    }
}

} // namespace pd
