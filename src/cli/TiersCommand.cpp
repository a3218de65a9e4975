// `tiers evaluate|apply|program|history`: the tier program, every partner's recommended tier with its explanation, and
// applied tier changes (issue 11, items 1–2; DESIGN.md section 3, tier program).
#include "cli/CliContext.h"
#include "cli/FxCommand.h"
#include "domain/FxRatesUsed.h"

#include "domain/Money.h"
#include "domain/TierProgram.h"
#include "storage/Database.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "storage/TierRepository.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pd {

namespace {

const char* const kTiersUsage =
    "Usage: partnerdesk-cli [--db DATABASE] tiers SUBCOMMAND [options]\n"
    "\n"
    "  evaluate [--as-of YYYY-MM-DD] [--json]  every partner's recommended tier on the date (default: today) with\n"
    "                                          each criterion's actual, required, met and gap, and the change\n"
    "                                          (promote, demote, keep) against its current tier\n"
    "  apply (--partner KEY | --all) --as-of YYYY-MM-DD [--tier NAME] [--reason TEXT] [--json]\n"
    "                                          move the partner to its recommended tier (or --tier), or every\n"
    "                                          partner whose recommendation differs; effective on the as-of date,\n"
    "                                          kept as tier history\n"
    "  program [--json]                        the tier program: tiers by rank with their criteria and benefits\n"
    "  history --partner KEY [--json]          the partner's applied tier changes, newest first\n"
    "\n"
    "T12M revenue counts the partner's won deals closed in the 12 months up to the as-of date, in the currency of the\n"
    "program's revenue thresholds; deals in other currencies are not counted in revenue yet (their count is).\n";

QJsonValue money(qint64 minor, const QString& currency)
{
    return decimalAmount(minor, currency);
}

QJsonArray criteriaJson(const QList<TierCriterion>& criteria)
{
    QJsonArray out;
    for (const TierCriterion& c : criteria) {
        QJsonObject o{{QLatin1String("name"), c.name}, {QLatin1String("met"), c.met}};
        if (c.currency.isEmpty()) {
            o.insert(QLatin1String("actual"), c.actual);
            o.insert(QLatin1String("required"), c.required);
            o.insert(QLatin1String("gap"), c.gap);
        } else {
            o.insert(QLatin1String("actual"), money(c.actual, c.currency));
            o.insert(QLatin1String("required"), money(c.required, c.currency));
            o.insert(QLatin1String("gap"), money(c.gap, c.currency));
            o.insert(QLatin1String("currency"), c.currency);
        }
        out.append(o);
    }
    return out;
}

QJsonValue optionalJson(const std::optional<int>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject tierJson(const Tier& t)
{
    return QJsonObject{{QLatin1String("name"), t.name},
                       {QLatin1String("rank"), t.rank},
                       {QLatin1String("min_revenue"), t.minRevenueMinor ? money(*t.minRevenueMinor, t.revenueCurrency)
                                                                        : QJsonValue(QJsonValue::Null)},
                       {QLatin1String("currency"), t.revenueCurrency},
                       {QLatin1String("min_won_deals"), optionalJson(t.minWonDeals)},
                       {QLatin1String("min_certified_contacts"), optionalJson(t.minCertifiedContacts)},
                       {QLatin1String("min_psat"), optionalJson(t.minPsat)},
                       {QLatin1String("require_onboarding_complete"), t.requireOnboardingComplete},
                       {QLatin1String("benefits"), t.benefits}};
}

QJsonObject historyJson(const TierHistoryEntry& e)
{
    return QJsonObject{
        {QLatin1String("partner"), e.partnerKey}, {QLatin1String("from_tier"), e.fromTier},
        {QLatin1String("to_tier"), e.toTier},     {QLatin1String("effective_on"), e.effectiveOn.toString(Qt::ISODate)},
        {QLatin1String("actor"), e.actor},        {QLatin1String("reason"), e.reason}};
}

/// The CLI's `tiers` command over an open book.
class TiersCommand
{
public:
    TiersCommand(CliContext& context, Database& db)
        : m_ctx(context), m_tiers(db, context.clock()), m_partners(db, context.clock())
    {
    }

    int evaluate(const QDate& asOf, bool json);
    int apply(const QString& partnerKey, bool all, const QString& tier, const QDate& asOf, const QString& reason,
              bool json);
    int program(bool json);
    int history(const QString& partnerKey, bool json);

private:
    int fail(const QString& message, int code)
    {
        m_ctx.err() << message << "\n";
        return code;
    }
    int printApplied(const QList<TierHistoryEntry>& applied, const QDate& asOf, bool json);

    CliContext& m_ctx;
    TierRepository m_tiers;
    PartnerRepository m_partners;
};

int TiersCommand::evaluate(const QDate& asOf, bool json)
{
    const QList<Tier> program = m_tiers.listTiers();
    FxRatesUsed fx;
    const QList<PartnerTierEvaluation> all = m_tiers.evaluate(asOf, &fx);
    QJsonObject byTier;
    for (const Tier& t : program)
        byTier.insert(t.name, 0);
    QJsonArray partners;
    int changes = 0;
    for (const PartnerTierEvaluation& p : all) {
        const TierEvaluation& e = p.evaluation;
        byTier.insert(e.recommendedTier, byTier.value(e.recommendedTier).toInt() + 1);
        if (e.change != TierChange::Keep)
            ++changes;
        if (json) {
            partners.append(QJsonObject{
                {QLatin1String("partner"), p.metrics.partnerKey},
                {QLatin1String("name"), p.metrics.partnerName},
                {QLatin1String("current_tier"), e.currentTier},
                {QLatin1String("recommended_tier"), e.recommendedTier},
                {QLatin1String("change"), toString(e.change)},
                {QLatin1String("revenue_t12m"), money(p.metrics.revenueMinor, p.metrics.revenueCurrency)},
                {QLatin1String("currency"), p.metrics.revenueCurrency},
                {QLatin1String("won_deals_t12m"), p.metrics.wonDeals},
                {QLatin1String("certified_contacts"), p.metrics.certifiedContacts},
                {QLatin1String("onboarding_complete"), p.metrics.onboardingComplete},
                {QLatin1String("criteria"), criteriaJson(e.criteria)},
                {QLatin1String("next_tier"), e.nextTier.isEmpty() ? QJsonValue(QJsonValue::Null) : e.nextTier},
                {QLatin1String("next_criteria"), criteriaJson(e.nextCriteria)}});
        } else {
            m_ctx.out() << p.metrics.partnerKey << "\t" << e.currentTier << " -> " << e.recommendedTier << "\t"
                        << toString(e.change) << "\trevenue "
                        << formatMoney({p.metrics.revenueMinor, p.metrics.revenueCurrency}) << "\twon deals "
                        << p.metrics.wonDeals << "\tcertified " << p.metrics.certifiedContacts << "\n";
        }
    }
    if (json) {
        m_ctx.printJson(QJsonObject{{QLatin1String("as_of"), asOf.toString(Qt::ISODate)},
                                    {QLatin1String("currency"), TierRepository::revenueCurrency(program)},
                                    {QLatin1String("count"), all.size()},
                                    {QLatin1String("changes"), changes},
                                    {QLatin1String("partners"), partners},
                                    {QLatin1String("by_recommended_tier"), byTier},
                                    {QLatin1String("fx"), fxRatesJson(fx)}});
    } else {
        m_ctx.out() << all.size() << " partner(s) evaluated on " << asOf.toString(Qt::ISODate) << ", " << changes
                    << " would change tier\n";
        if (!fx.isEmpty())
            m_ctx.out() << "Revenue " << fx.note() << "\n";
    }
    return ExitOk;
}

int TiersCommand::printApplied(const QList<TierHistoryEntry>& applied, const QDate& asOf, bool json)
{
    if (json) {
        QJsonArray list;
        for (const TierHistoryEntry& e : applied)
            list.append(historyJson(e));
        m_ctx.printJson(QJsonObject{{QLatin1String("effective_on"), asOf.toString(Qt::ISODate)},
                                    {QLatin1String("count"), applied.size()},
                                    {QLatin1String("applied"), list}});
        return ExitOk;
    }
    for (const TierHistoryEntry& e : applied)
        m_ctx.out() << e.partnerKey << "\t" << e.fromTier << " -> " << e.toTier << "\n";
    m_ctx.out() << applied.size() << " tier change(s) applied, effective " << asOf.toString(Qt::ISODate) << "\n";
    return ExitOk;
}

int TiersCommand::apply(const QString& partnerKey, bool all, const QString& tier, const QDate& asOf,
                        const QString& reason, bool json)
{
    if (all)
        return printApplied(m_tiers.applyAll(asOf, reason), asOf, json);
    const std::optional<Partner> partner = m_partners.findByKey(partnerKey);
    if (!partner)
        return fail(QStringLiteral("No partner with key '%1'").arg(partnerKey), ExitInvalidInput);
    QString target = tier;
    if (target.isEmpty()) {
        for (const PartnerTierEvaluation& p : m_tiers.evaluate(asOf))
            if (p.metrics.partnerId == partner->id)
                target = p.evaluation.recommendedTier;
    }
    if (target.compare(partner->tier, Qt::CaseInsensitive) == 0) {
        if (!json)
            m_ctx.out() << partner->key << " keeps tier " << partner->tier << "; nothing to apply\n";
        return printApplied({}, asOf, json);
    }
    try {
        return printApplied({m_tiers.apply(partner->id, target, asOf, reason)}, asOf, json);
    } catch (const StorageError& e) {
        if (e.kind() != StorageError::Kind::Failed)
            throw;
        return fail(e.message(), ExitInvalidInput); // an unknown tier
    }
}

int TiersCommand::program(bool json)
{
    const QList<Tier> tiers = m_tiers.listTiers();
    if (json) {
        QJsonArray list;
        for (const Tier& t : tiers)
            list.append(tierJson(t));
        m_ctx.printJson(QJsonObject{{QLatin1String("count"), tiers.size()}, {QLatin1String("tiers"), list}});
        return ExitOk;
    }
    for (const Tier& t : tiers) {
        m_ctx.out() << t.rank << "\t" << t.name << "\trevenue "
                    << (t.minRevenueMinor ? formatMoney({*t.minRevenueMinor, t.revenueCurrency}) : QStringLiteral("-"))
                    << "\twon deals " << (t.minWonDeals ? QString::number(*t.minWonDeals) : QStringLiteral("-"))
                    << "\tcertified "
                    << (t.minCertifiedContacts ? QString::number(*t.minCertifiedContacts) : QStringLiteral("-"))
                    << (t.minPsat ? QStringLiteral("\tPSAT %1").arg(*t.minPsat) : QString())
                    << (t.requireOnboardingComplete ? QStringLiteral("\tonboarding complete") : QString()) << "\t"
                    << t.benefits << "\n";
    }
    m_ctx.out() << tiers.size() << " tier(s)\n";
    return ExitOk;
}

int TiersCommand::history(const QString& partnerKey, bool json)
{
    const std::optional<Partner> partner = m_partners.findByKey(partnerKey);
    if (!partner)
        return fail(QStringLiteral("No partner with key '%1'").arg(partnerKey), ExitInvalidInput);
    const QList<TierHistoryEntry> entries = m_tiers.history(partner->id);
    QJsonArray list;
    for (const TierHistoryEntry& e : entries) {
        if (json)
            list.append(historyJson(e));
        else
            m_ctx.out() << e.effectiveOn.toString(Qt::ISODate) << "\t" << e.fromTier << " -> " << e.toTier << "\t"
                        << e.actor << "\t" << e.reason << "\n";
    }
    if (json)
        m_ctx.printJson(QJsonObject{{QLatin1String("partner"), partner->key},
                                    {QLatin1String("current_tier"), partner->tier},
                                    {QLatin1String("history"), list}});
    else
        m_ctx.out() << partner->key << " is in tier " << partner->tier << "; " << entries.size() << " tier change(s)\n";
    return ExitOk;
}

} // namespace

/// `tiers SUBCOMMAND …` (see kTiersUsage). `evaluate`, `program` and `history` only read (they never create a book);
/// `apply` writes one transaction. Unknown partner or tier: exit 2; a bad date or missing option: exit 1.
int runTiersCommand(CliContext& context, const QStringList& args)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? context.err() : context.out()) << kTiersUsage;
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    const QString sub = args.at(1);
    const QStringList subs{QStringLiteral("evaluate"), QStringLiteral("apply"), QStringLiteral("program"),
                           QStringLiteral("history")};
    if (!subs.contains(sub)) {
        context.err() << "Unknown tiers subcommand '" << sub << "'\n" << kTiersUsage;
        return ExitUsage;
    }
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kTiersUsage));
    context.addCommonOptions(p);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption asOf(QStringLiteral("as-of"), QStringLiteral("Evaluation date."), QStringLiteral("DATE"));
    const QCommandLineOption partner(QStringLiteral("partner"), QStringLiteral("Partner key."), QStringLiteral("KEY"));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Every partner."));
    const QCommandLineOption tier(QStringLiteral("tier"), QStringLiteral("Target tier."), QStringLiteral("NAME"));
    const QCommandLineOption reason(QStringLiteral("reason"), QStringLiteral("Why."), QStringLiteral("TEXT"));
    p.addOption(json);
    if (sub == QLatin1String("evaluate"))
        p.addOption(asOf);
    else if (sub == QLatin1String("apply"))
        p.addOptions({partner, all, asOf, tier, reason});
    else if (sub == QLatin1String("history"))
        p.addOption(partner);
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    if (!p.parse(rest)) {
        context.err() << p.errorText() << "\n" << kTiersUsage;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        context.out() << kTiersUsage;
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty()) {
        context.err() << "tiers " << sub << " takes no positional arguments\n" << kTiersUsage;
        return ExitUsage;
    }
    QDate date = context.clock().todayUtc();
    const bool dated = sub == QLatin1String("evaluate") || sub == QLatin1String("apply");
    if (dated && p.isSet(asOf)) {
        date = QDate::fromString(p.value(asOf), Qt::ISODate);
        if (!date.isValid()) {
            context.err() << "--as-of: '" << p.value(asOf) << "' is not a date (expected YYYY-MM-DD)\n";
            return ExitUsage;
        }
    }
    if (sub == QLatin1String("apply")) {
        if (p.isSet(partner) == p.isSet(all)) {
            context.err() << "tiers apply needs either --partner KEY or --all\n" << kTiersUsage;
            return ExitUsage;
        }
        if (!p.isSet(asOf)) {
            context.err() << "tiers apply needs --as-of DATE (the date the change takes effect)\n";
            return ExitUsage;
        }
        if (p.isSet(all) && p.isSet(tier)) {
            context.err() << "--tier goes with --partner\n";
            return ExitUsage;
        }
    }
    if (sub == QLatin1String("history") && !p.isSet(partner)) {
        context.err() << "tiers history needs --partner KEY\n";
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("db")))
        context.databaseText = p.value(QStringLiteral("db"));
    const bool writes = sub == QLatin1String("apply");
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, writes ? CliContext::Access::Write : CliContext::Access::Read);
    if (!db)
        return exitCode;
    try {
        TiersCommand command(context, *db);
        if (sub == QLatin1String("evaluate"))
            return command.evaluate(date, p.isSet(json));
        if (sub == QLatin1String("apply"))
            return command.apply(p.value(partner), p.isSet(all), p.value(tier), date, p.value(reason), p.isSet(json));
        if (sub == QLatin1String("history"))
            return command.history(p.value(partner), p.isSet(json));
        return command.program(p.isSet(json));
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return ExitDatabase;
    }
}

} // namespace pd
