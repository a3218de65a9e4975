// `partners list|show|archive|restore`: the roster from the command line (issue 8, item 9); `partners stage|metrics`:
// lifecycle moves and activation metrics (issue 9, items 1, 7 and 8).
#include "cli/CliContext.h"

#include "domain/Enums.h"
#include "storage/ActivationMetricsRepository.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
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
    "  restore KEY           bring an archived partner back\n"
    "  stage --partner KEY --to STAGE [--date D] [--reason R] [--json]\n"
    "                        move a partner through the lifecycle (Prospect, Applied, Onboarding, Active,\n"
    "                        At risk, Offboarded); a move the rules refuse exits 2 with the reason\n"
    "  metrics [--as-of D] [--json]\n"
    "                        activation metrics per partner (days to onboard, to first registration, TTFR)\n"
    "                        and the 90-day activation rate per quarter of activation\n";

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

/// The exit code of a refused or failed storage call: a refusal or an unknown partner is invalid input (2, nothing
/// written), anything else a database error (3).
int exitCodeOf(const StorageError& e)
{
    return e.kind() == StorageError::Kind::NotAllowed || e.kind() == StorageError::Kind::NotFound ? ExitInvalidInput
                                                                                                  : ExitDatabase;
}

/// A date option's value; `*ok` false (and the reason printed) when it is not an ISO date. Unset: `fallback`.
QDate dateValue(CliContext& context, const QCommandLineParser& p, const QCommandLineOption& o, const QDate& fallback,
                bool* ok)
{
    *ok = true;
    if (!p.isSet(o))
        return fallback;
    const QDate d = QDate::fromString(p.value(o), Qt::ISODate);
    if (!d.isValid()) {
        context.err() << "--" << o.names().constFirst() << ": '" << p.value(o)
                      << "' is not a date (expected YYYY-MM-DD)\n";
        *ok = false;
    }
    return d;
}

QJsonValue jsonDays(const std::optional<int>& days)
{
    return days ? QJsonValue(*days) : QJsonValue();
}

/// `partners stage --partner KEY --to STAGE [--date D] [--reason R] [--json]`: one validated lifecycle move
/// (LifecycleRepository::move), kept with its date, the user and the reason.
int runStage(CliContext& context, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kPartnersUsage));
    context.addCommonOptions(p);
    const QCommandLineOption partner(QStringLiteral("partner"), QStringLiteral("The partner's key."),
                                     QStringLiteral("KEY"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The stage to move to."), QStringLiteral("STAGE"));
    const QCommandLineOption date(QStringLiteral("date"), QStringLiteral("The date it took effect (default today)."),
                                  QStringLiteral("D"));
    const QCommandLineOption reason(QStringLiteral("reason"), QStringLiteral("Why."), QStringLiteral("TEXT"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    p.addOptions({partner, to, date, reason, json});
    if (const int code = context.parse(p, args); code >= 0)
        return code;
    if (!p.isSet(partner) || !p.isSet(to)) {
        context.err() << "partners stage needs --partner KEY and --to STAGE\n" << kPartnersUsage;
        return ExitUsage;
    }
    const std::optional<LifecycleStage> stage = lifecycleStageFromString(p.value(to));
    if (!stage) {
        context.err() << "--to: '" << p.value(to)
                      << "' is not a stage (Prospect, Applied, Onboarding, Active, At risk, Offboarded)\n";
        return ExitUsage;
    }
    bool ok = true;
    const QDate on = dateValue(context, p, date, context.clock().todayUtc(), &ok);
    if (!ok)
        return ExitUsage;
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, CliContext::Access::Write);
    if (!db)
        return exitCode;
    try {
        const std::optional<Partner> found = PartnerRepository(*db, context.clock()).findByKey(p.value(partner));
        if (!found) {
            context.err() << "No partner with key '" << p.value(partner) << "'\n";
            return ExitInvalidInput;
        }
        const StageChange c = LifecycleRepository(*db, context.clock()).move(found->id, *stage, on, p.value(reason));
        if (p.isSet(json)) {
            context.printJson(QJsonObject{{QLatin1String("partner"), c.partnerKey},
                                          {QLatin1String("from"), toString(c.from)},
                                          {QLatin1String("to"), toString(c.to)},
                                          {QLatin1String("date"), c.on.toString(Qt::ISODate)},
                                          {QLatin1String("actor"), c.actor},
                                          {QLatin1String("reason"), c.reason},
                                          {QLatin1String("activated"), c.activated}});
        } else {
            context.out() << "Partner " << c.partnerKey << ": " << toString(c.from) << " → " << toString(c.to) << " on "
                          << c.on.toString(Qt::ISODate) << (c.activated ? " (activation date)" : "") << "\n";
        }
        return ExitOk;
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return exitCodeOf(e);
    }
}

/// `partners metrics [--as-of D] [--json]`: ActivationMetricsRepository::report as of D (default today).
int runMetrics(CliContext& context, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kPartnersUsage));
    context.addCommonOptions(p);
    const QCommandLineOption asOf(QStringLiteral("as-of"),
                                  QStringLiteral("Ignore what happened after this date (default today)."),
                                  QStringLiteral("D"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    p.addOptions({asOf, json});
    if (const int code = context.parse(p, args); code >= 0)
        return code;
    bool ok = true;
    const QDate date = dateValue(context, p, asOf, context.clock().todayUtc(), &ok);
    if (!ok)
        return ExitUsage;
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, CliContext::Access::Read);
    if (!db)
        return exitCode;
    try {
        const ActivationReport r = ActivationMetricsRepository(*db).report(date);
        if (p.isSet(json)) {
            QJsonObject partners;
            for (const PartnerActivation& a : r.partners)
                partners.insert(
                    a.partnerKey,
                    QJsonObject{{QLatin1String("activation_date"), a.activationDate.toString(Qt::ISODate)},
                                {QLatin1String("days_to_onboard"), jsonDays(a.daysToOnboard)},
                                {QLatin1String("days_to_first_registration"), jsonDays(a.daysToFirstRegistration)},
                                {QLatin1String("ttfr_days"), jsonDays(a.ttfrDays)}});
            QJsonArray cohorts;
            for (const ActivationCohort& c : r.cohorts)
                cohorts.append(QJsonObject{{QLatin1String("quarter"), c.quarter},
                                           {QLatin1String("activated"), c.activated},
                                           {QLatin1String("registered_within_90d"), c.registeredWithin90Days},
                                           {QLatin1String("activation_rate_90d"),
                                            c.activationRate90 ? QJsonValue(*c.activationRate90) : QJsonValue()}});
            context.printJson(QJsonObject{{QLatin1String("as_of"), date.toString(Qt::ISODate)},
                                          {QLatin1String("partners"), partners},
                                          {QLatin1String("cohorts"), cohorts}});
        } else {
            for (const ActivationCohort& c : r.cohorts) {
                context.out() << c.quarter << "\t" << c.activated << " activated\t" << c.registeredWithin90Days
                              << " registered within 90 days\t";
                if (c.activationRate90)
                    context.out() << QString::number(*c.activationRate90 * 100.0, 'f', 1) << "%\n";
                else
                    context.out() << "-\n";
            }
            context.out() << r.partners.size() << " activated partner(s) as of " << date.toString(Qt::ISODate) << "\n";
        }
        return ExitOk;
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return exitCodeOf(e);
    }
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
    if (sub == QLatin1String("stage") || sub == QLatin1String("metrics")) {
        QStringList rest = args.mid(2);
        rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
        return sub == QLatin1String("stage") ? runStage(context, rest) : runMetrics(context, rest);
    }
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
