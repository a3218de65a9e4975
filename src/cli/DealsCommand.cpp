#include "cli/CliContext.h"
#include "cli/DealPartiesCommand.h"
#include "cli/FxCommand.h"

#include "domain/Clock.h"
#include "domain/DealWorkflow.h"
#include "domain/Money.h"
#include "domain/NameNormalizer.h"
#include "storage/AccountRepository.h"
#include "storage/ConflictRepository.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DealPartnerRepository.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/ProductRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <cmath>
#include <limits>

namespace pd {

namespace {

const char* const kDealsUsage =
    "Usage: partnerdesk-cli [--db DATABASE] deals SUBCOMMAND [options]\n"
    "\n"
    "  register     --partner KEY --customer NAME --product NAME [--contact NAME] [--domain D] [--country CC]\n"
    "               [--amount X] [--currency C] [--expected-close DATE] [--notes T] [--draft]\n"
    "  list         [--status S] [--partner KEY] [--since DATE] [--until DATE] [--limit N] [--json]\n"
    "               (--since/--until: registered on those days; registrations still Draft show as 'draft ID')\n"
    "  show         --deal DEAL [--json]   one registration with its further partners and touches\n"
    "  partners     add --deal DEAL --partner KEY --role influencer|fulfilling reseller|referral\n"
    "               remove --deal DEAL --partner KEY [--role ROLE]\n"
    "  touches      add --deal DEAL --partner KEY --type TYPE --date DATE;  remove --deal DEAL --id TOUCH\n"
    "  summary      [--as-of DATE] [--by partner] [--json]   open deals and weighted pipeline as of DATE\n"
    "  conflicts    [--json]\n"
    "  resolve      --later DEAL --earlier DEAL --resolution reject-later|accept-both --reason TEXT\n"
    "  expire       [--as-of DATE] [--json]\n"
    "  attribution  --deal DEAL --model first|last|linear|u-shaped|w-shaped|time-decay [--json]\n"
    "  submit|approve|extend|lost --deal DEAL;  reject --deal DEAL --reason TEXT;  won --deal DEAL [--amount X]\n"
    "  [--close-date DATE]\n"
    "\n"
    "DEAL is a deal id, an external id or a registration number (#N or N); a Draft has no number yet: use its id.\n";

QJsonValue rate(const std::optional<double>& r)
{
    return r ? QJsonValue(*r) : QJsonValue(QJsonValue::Null);
}

QJsonObject summaryObject(const PipelineSummary& s)
{
    QJsonObject o;
    o.insert(QLatin1String("open_count"), s.openCount);
    o.insert(QLatin1String("open_amount"), decimalAmount(s.openAmountMinor, s.currency));
    // weightedX100 is minor units × percent.
    o.insert(QLatin1String("weighted_pipeline"), decimalAmount(s.weightedX100, s.currency) / 100.0);
    o.insert(QLatin1String("won_amount"), decimalAmount(s.wonPeriodMinor, s.currency));
    o.insert(QLatin1String("win_rate"), rate(s.winRate()));
    o.insert(QLatin1String("win_rate_by_amount"), rate(s.winRateByAmount()));
    o.insert(QLatin1String("won_count"), s.wonCount);
    o.insert(QLatin1String("lost_count"), s.lostCount);
    o.insert(QLatin1String("currency"), s.currency);
    o.insert(QLatin1String("period_start"), s.periodStart.toString(Qt::ISODate));
    o.insert(QLatin1String("period_end"), s.periodEnd.toString(Qt::ISODate));
    o.insert(QLatin1String("as_of"), s.periodEnd.toString(Qt::ISODate));
    if (s.otherCurrencyDeals > 0)
        o.insert(QLatin1String("deals_in_other_currencies_not_counted"), s.otherCurrencyDeals);
    o.insert(QLatin1String("fx"), fxRatesJson(s.fx));
    return o;
}

QJsonObject sideObject(const ConflictSide& s)
{
    QJsonObject o;
    o.insert(QLatin1String("deal"), s.dealId);
    o.insert(QLatin1String("registration_number"), s.registrationNumber);
    o.insert(QLatin1String("partner"), s.partnerKey);
    o.insert(QLatin1String("partner_name"), s.partnerName);
    o.insert(QLatin1String("status"), s.status);
    o.insert(QLatin1String("registered_at"), toIsoUtc(s.registeredAt));
    return o;
}

/// The exit code for a storage error (DESIGN.md section 5): a refused or missing registration is invalid input
/// (2, nothing written); anything else the database reported is a database error (3).
int exitCodeFor(const StorageError& e)
{
    switch (e.kind()) {
    case StorageError::Kind::NotAllowed:
    case StorageError::Kind::NotFound:
        return ExitInvalidInput;
    case StorageError::Kind::Failed:
    case StorageError::Kind::NewerSchema:
    case StorageError::Kind::Conflict:
    case StorageError::Kind::Cancelled:
    case StorageError::Kind::ReadOnly:
    case StorageError::Kind::Corrupt:
    case StorageError::Kind::Busy:
        break;
    }
    return ExitDatabase;
}

class DealsCommand
{
public:
    DealsCommand(CliContext& context, Database& db) : m_ctx(context), m_db(db), m_clock(context.clock()) {}

    int run(const QString& sub, const QStringList& args);

private:
    int fail(const QString& message, int code)
    {
        m_ctx.err() << message << "\n";
        return code;
    }
    std::optional<QDate> dateOption(const QCommandLineParser& p, const QCommandLineOption& o, int* code);
    int registerDeal(QCommandLineParser& p, const QStringList& args);
    int list(QCommandLineParser& p, const QStringList& args);
    int summary(QCommandLineParser& p, const QStringList& args);
    int conflicts(QCommandLineParser& p, const QStringList& args);
    int resolve(QCommandLineParser& p, const QStringList& args);
    int expire(QCommandLineParser& p, const QStringList& args);
    int attribution(QCommandLineParser& p, const QStringList& args);
    int action(DealAction action, QCommandLineParser& p, const QStringList& args);
    QString whyNotAConflict(const QString& laterId, const QString& earlierId, const ProgramRules& rules) const;
    RegistrationFacts facts(const QString& dealId) const;

    CliContext& m_ctx;
    Database& m_db;
    const Clock& m_clock; ///< the context's (PD_NOW fixes it for tests)
    const QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
};

std::optional<QDate> DealsCommand::dateOption(const QCommandLineParser& p, const QCommandLineOption& o, int* code)
{
    if (!p.isSet(o))
        return m_clock.todayUtc();
    const QDate d = QDate::fromString(p.value(o), Qt::ISODate);
    if (!d.isValid()) {
        *code =
            fail(QStringLiteral("--%1: '%2' is not a date (expected YYYY-MM-DD)").arg(o.names().first(), p.value(o)),
                 ExitUsage);
        return std::nullopt;
    }
    return d;
}

int DealsCommand::registerDeal(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption partner(QStringLiteral("partner"), QStringLiteral("Partner key."), QStringLiteral("KEY"));
    const QCommandLineOption contact(QStringLiteral("contact"), QStringLiteral("Registering contact."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption customer(QStringLiteral("customer"), QStringLiteral("End customer."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption domain(QStringLiteral("domain"), QStringLiteral("Customer web domain."),
                                    QStringLiteral("D"));
    const QCommandLineOption country(QStringLiteral("country"), QStringLiteral("Customer country."),
                                     QStringLiteral("CC"));
    const QCommandLineOption product(QStringLiteral("product"), QStringLiteral("Product name."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption amount(QStringLiteral("amount"), QStringLiteral("Amount."), QStringLiteral("X"));
    const QCommandLineOption currency(QStringLiteral("currency"), QStringLiteral("Currency."), QStringLiteral("C"),
                                      QStringLiteral("USD"));
    const QCommandLineOption close(QStringLiteral("expected-close"), QStringLiteral("Expected close."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption notes(QStringLiteral("notes"), QStringLiteral("Notes."), QStringLiteral("T"));
    const QCommandLineOption draft(QStringLiteral("draft"), QStringLiteral("Keep as a draft; do not submit."));
    p.addOptions({partner, contact, customer, domain, country, product, amount, currency, close, notes, draft, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    for (const auto* o : {&partner, &customer, &product})
        if (p.value(*o).trimmed().isEmpty())
            return fail(QStringLiteral("--%1 is required").arg(o->names().first()), ExitUsage);
    const QString cur = p.value(currency).toUpper();
    if (!isCurrencyCode(cur))
        return fail(QStringLiteral("--currency: '%1' is not an ISO 4217 code").arg(p.value(currency)),
                    ExitInvalidInput);
    Deal d;
    d.currency = cur;
    if (p.isSet(amount)) {
        const auto minor = parseMinorUnits(p.value(amount), cur);
        if (!minor || *minor < 0)
            return fail(QStringLiteral("--amount: '%1' is not a positive amount in %2").arg(p.value(amount), cur),
                        ExitInvalidInput);
        d.amountMinor = *minor;
    }
    if (p.isSet(close)) {
        d.expectedClose = QDate::fromString(p.value(close), Qt::ISODate);
        if (!d.expectedClose.isValid())
            return fail(
                QStringLiteral("--expected-close: '%1' is not a date (expected YYYY-MM-DD)").arg(p.value(close)),
                ExitInvalidInput);
    }
    d.notes = p.value(notes);
    const auto pa = PartnerRepository(m_db, m_clock).findByKey(p.value(partner));
    if (!pa)
        return fail(QStringLiteral("--partner: no partner with key '%1'").arg(p.value(partner)), ExitInvalidInput);
    d.partnerId = pa->id;
    const QString productKey = normalizeName(p.value(product), NameKind::Product);
    for (const Product& pr : ProductRepository(m_db).list())
        if (normalizeName(pr.name, NameKind::Product) == productKey)
            d.productId = pr.id;
    if (d.productId.isEmpty())
        return fail(QStringLiteral("--product: no product named '%1'").arg(p.value(product)), ExitInvalidInput);
    if (p.isSet(contact)) {
        const QString key = normalizeName(p.value(contact), NameKind::Person);
        for (const Contact& c : ContactRepository(m_db, m_clock).listForPartner(pa->id))
            if (normalizeName(c.name, NameKind::Person) == key)
                d.contactId = c.id;
        if (d.contactId.isEmpty())
            return fail(QStringLiteral("--contact: %1 has no contact named '%2'").arg(pa->key, p.value(contact)),
                        ExitInvalidInput);
    }
    AccountRepository accounts(m_db);
    const ProgramSettings settings = ProgramSettingsRepository(m_db, m_clock).load();
    const QList<LiveWarning> warnings = ConflictRepository(m_db).liveCheck(
        pa->id, p.value(customer), p.value(domain), d.productId, m_clock.nowUtc(), settings.rules);
    DealWorkflowRepository workflow(m_db, m_clock);
    {
        Transaction tx(m_db);
        if (auto existing = accounts.findByName(p.value(customer))) {
            d.accountId = existing->id;
        } else {
            Account a;
            a.name = p.value(customer).trimmed();
            a.webDomain = p.value(domain).trimmed().toLower();
            a.country = p.value(country).trimmed().toUpper();
            accounts.insert(a, toIsoUtc(m_clock.nowUtc()));
            d.accountId = a.id;
        }
        workflow.createDraft(d);
        if (!p.isSet(draft))
            workflow.apply(d.id, DealAction::Submit, {}, settings);
        tx.commit();
    }
    const DealState s = workflow.state(d.id);
    if (p.isSet(m_json)) {
        QJsonObject o;
        o.insert(QLatin1String("deal"), d.id);
        o.insert(QLatin1String("registration_number"), s.registrationNumber);
        o.insert(QLatin1String("status"), toString(s.status));
        o.insert(QLatin1String("decided_by"), s.decidedBy);
        QJsonArray w;
        for (const LiveWarning& lw : warnings)
            w.append(QJsonObject{{QLatin1String("kind"), lw.kind == LiveWarning::Kind::Conflict
                                                             ? QStringLiteral("conflict")
                                                             : QStringLiteral("possible duplicate")},
                                 {QLatin1String("other"), sideObject(lw.other)},
                                 {QLatin1String("customer"), lw.customer}});
        o.insert(QLatin1String("warnings"), w);
        m_ctx.printJson(o);
    } else {
        m_ctx.out() << "Registration "
                    << (s.registrationNumber ? QStringLiteral("#%1 ").arg(s.registrationNumber) : QString()) << d.id
                    << ": " << toString(s.status)
                    << (s.decidedBy.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(s.decidedBy)) << "\n";
        for (const LiveWarning& lw : warnings)
            m_ctx.out() << (lw.kind == LiveWarning::Kind::Conflict ? "  conflicts with " : "  possible duplicate of ")
                        << "#" << lw.other.registrationNumber << " by " << lw.other.partnerKey << " for " << lw.customer
                        << " (" << lw.other.status << ")\n";
    }
    return ExitOk;
}

int DealsCommand::list(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption status(QStringLiteral("status"), QStringLiteral("Only this status."), QStringLiteral("S"));
    const QCommandLineOption partner(QStringLiteral("partner"), QStringLiteral("Only this partner key."),
                                     QStringLiteral("KEY"));
    const QCommandLineOption since(QStringLiteral("since"), QStringLiteral("Registered on or after this day."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption until(QStringLiteral("until"), QStringLiteral("Registered on or before this day."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most N deals."), QStringLiteral("N"));
    p.addOptions({status, partner, since, until, limit, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    DealFilter f;
    for (const auto& [option, date] : {std::pair{&since, &f.registeredFrom}, std::pair{&until, &f.registeredTo}}) {
        if (!p.isSet(*option))
            continue;
        *date = QDate::fromString(p.value(*option), Qt::ISODate);
        if (!date->isValid())
            return fail(QStringLiteral("--%1: '%2' is not a date (expected YYYY-MM-DD)")
                            .arg(option->names().constFirst(), p.value(*option)),
                        ExitUsage);
    }
    qint64 maxRows = std::numeric_limits<qint64>::max();
    if (p.isSet(limit)) {
        bool ok = false;
        maxRows = p.value(limit).toLongLong(&ok);
        if (!ok || maxRows < 0)
            return fail(QStringLiteral("--limit: '%1' is not a count").arg(p.value(limit)), ExitUsage);
    }
    if (p.isSet(status)) {
        const auto s = dealStatusFromString(p.value(status));
        if (!s)
            return fail(QStringLiteral("--status: '%1' is not a status (%2)")
                            .arg(p.value(status), dealStatusNames().join(QStringLiteral(", "))),
                        ExitUsage);
        f.status = toString(*s);
    }
    f.partnerKey = p.value(partner);
    const PipelineRepository pipeline(m_db);
    QJsonArray rows;
    qint64 n = 0;
    constexpr int kPage = 10000;
    for (int offset = 0; n < maxRows; offset += kPage) {
        const QList<DealListRow> page = pipeline.list(f, kPage, offset);
        for (const DealListRow& r : page) {
            if (n >= maxRows)
                break;
            const Deal& d = r.deal;
            ++n;
            const QString amount = d.amountMinor < 0 ? QString() : formatMinorUnits(d.amountMinor, d.currency);
            if (p.isSet(m_json)) {
                QJsonObject o;
                o.insert(QLatin1String("deal"), d.id);
                o.insert(QLatin1String("registration_number"), d.registrationNumber);
                o.insert(QLatin1String("external_id"), d.externalId);
                o.insert(QLatin1String("partner"), r.partnerKey);
                o.insert(QLatin1String("customer"), r.accountName);
                o.insert(QLatin1String("product"), r.productName);
                o.insert(QLatin1String("status"), toString(d.status));
                o.insert(QLatin1String("registered_at"),
                         d.registeredAt.isValid() ? toIsoUtc(d.registeredAt) : QString());
                o.insert(QLatin1String("closed_on"), d.closedOn.toString(Qt::ISODate));
                o.insert(QLatin1String("amount"), d.amountMinor < 0
                                                      ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(decimalAmount(d.amountMinor, d.currency)));
                o.insert(QLatin1String("currency"), d.currency);
                rows.append(o);
            } else {
                m_ctx.out() << (d.registrationNumber > 0 ? QStringLiteral("#%1").arg(d.registrationNumber)
                                                         : QStringLiteral("draft %1").arg(d.id))
                            << "\t" << d.externalId << "\t" << r.partnerKey << "\t" << r.accountName << "\t"
                            << r.productName << "\t" << toString(d.status) << "\t" << amount
                            << (amount.isEmpty() ? QString() : QLatin1Char(' ') + d.currency) << "\n";
            }
        }
        if (page.size() < kPage)
            break;
    }
    if (p.isSet(m_json))
        m_ctx.printJson(QJsonObject{{QLatin1String("count"), n}, {QLatin1String("deals"), rows}});
    else
        m_ctx.out() << n << " deal(s)\n";
    return ExitOk;
}

int DealsCommand::summary(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption asOf(
        QStringLiteral("as-of"),
        QStringLiteral("Evaluate as of the end of this day, UTC (default today): open counts and the weighted "
                       "pipeline count the deals open then, the won amount is that of its quarter up to it."),
        QStringLiteral("DATE"));
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("Group: partner."), QStringLiteral("GROUP"));
    p.addOptions({asOf, by, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    int code = ExitOk;
    const auto date = dateOption(p, asOf, &code);
    if (!date)
        return code;
    if (p.isSet(by) && p.value(by) != QLatin1String("partner"))
        return fail(QStringLiteral("--by: only 'partner' is supported"), ExitUsage);
    const ProgramSettings settings = ProgramSettingsRepository(m_db, m_clock).load();
    const auto rows = PipelineRepository(m_db).summary(*date, settings.rules, settings.reportingCurrency, p.isSet(by));
    if (p.isSet(m_json)) {
        if (!p.isSet(by)) {
            m_ctx.printJson(summaryObject(rows.first()));
        } else {
            QJsonObject o;
            for (const PipelineSummary& s : rows)
                o.insert(s.partnerKey, summaryObject(s));
            m_ctx.printJson(o);
        }
        return ExitOk;
    }
    for (const PipelineSummary& s : rows) {
        const auto money = [&](qint64 minor) { return formatMoney({minor, s.currency}); };
        if (p.isSet(by))
            m_ctx.out() << s.partnerKey << ": ";
        m_ctx.out() << "as of " << s.periodEnd.toString(Qt::ISODate) << ": open " << s.openCount << " ("
                    << money(s.openAmountMinor) << "), weighted pipeline " << money(s.weightedX100 / 100) << ", won "
                    << s.periodStart.toString(Qt::ISODate) << " to " << s.periodEnd.toString(Qt::ISODate) << " "
                    << money(s.wonPeriodMinor) << ", win rate "
                    << (s.winRate() ? QString::number(*s.winRate() * 100, 'f', 1) + QLatin1Char('%')
                                    : QStringLiteral("n/a"))
                    << " (" << s.wonCount << " won, " << s.lostCount << " lost)\n";
        if (!s.fx.isEmpty())
            m_ctx.out() << "  " << s.fx.note() << "\n";
    }
    return ExitOk;
}

int DealsCommand::conflicts(QCommandLineParser& p, const QStringList& args)
{
    p.addOption(m_json);
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    const ProgramSettings settings = ProgramSettingsRepository(m_db, m_clock).load();
    const QList<ConflictInfo> all = ConflictRepository(m_db).allConflicts(settings.rules);
    QSet<QString> conflicted;
    for (const ConflictInfo& c : all)
        conflicted.insert(c.later.dealId);
    if (p.isSet(m_json)) {
        QJsonArray list;
        for (const ConflictInfo& c : all)
            list.append(QJsonObject{{QLatin1String("later"), sideObject(c.later)},
                                    {QLatin1String("earlier"), sideObject(c.earlier)},
                                    {QLatin1String("customer"), c.customer},
                                    {QLatin1String("product"), c.product},
                                    {QLatin1String("seconds_first"), c.secondsFirst},
                                    {QLatin1String("resolution"), c.resolution},
                                    {QLatin1String("reason"), c.reason}});
        m_ctx.printJson(QJsonObject{{QLatin1String("conflicted_registrations"), qint64(conflicted.size())},
                                    {QLatin1String("conflict_pairs"), qint64(all.size())},
                                    {QLatin1String("conflicts"), list}});
        return ExitOk;
    }
    for (const ConflictInfo& c : all)
        m_ctx.out() << "#" << c.later.registrationNumber << " " << c.later.partnerKey << " conflicts with #"
                    << c.earlier.registrationNumber << " " << c.earlier.partnerKey << " (" << c.customer << ", "
                    << c.product << "): " << c.earlier.partnerKey << " was first (" << firstByText(c.secondsFirst)
                    << ")"
                    << (c.resolution.isEmpty() ? QString() : QStringLiteral(" [%1: %2]").arg(c.resolution, c.reason))
                    << "\n";
    m_ctx.out() << conflicted.size() << " conflicted registration(s), " << all.size() << " conflicting pair(s)\n";
    return ExitOk;
}

int DealsCommand::resolve(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption later(QStringLiteral("later"), QStringLiteral("The later registration."),
                                   QStringLiteral("DEAL"));
    const QCommandLineOption earlier(QStringLiteral("earlier"), QStringLiteral("The earlier registration."),
                                     QStringLiteral("DEAL"));
    const QCommandLineOption resolution(QStringLiteral("resolution"), QStringLiteral("reject-later or accept-both."),
                                        QStringLiteral("R"));
    const QCommandLineOption reason(QStringLiteral("reason"), QStringLiteral("Why."), QStringLiteral("TEXT"));
    p.addOptions({later, earlier, resolution, reason});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    const QString laterId = PipelineRepository(m_db).findDealId(p.value(later)),
                  earlierId = PipelineRepository(m_db).findDealId(p.value(earlier));
    if (laterId.isEmpty() || earlierId.isEmpty())
        return fail(QStringLiteral("--later/--earlier: no such deal"), ExitInvalidInput);
    const QString r = p.value(resolution);
    if (r != QLatin1String("reject-later") && r != QLatin1String("accept-both"))
        return fail(QStringLiteral("--resolution must be reject-later or accept-both"), ExitUsage);
    if (p.value(reason).trimmed().isEmpty())
        return fail(QStringLiteral("--reason is required"), ExitUsage);
    // Validation before the write: the pair must be a conflict, and a rejected later registration must be open.
    const ProgramSettings settings = ProgramSettingsRepository(m_db, m_clock).load();
    if (const QString why = whyNotAConflict(laterId, earlierId, settings.rules); !why.isEmpty())
        return fail(why, ExitInvalidInput);
    if (r == QLatin1String("reject-later")) {
        const DealState s = DealWorkflowRepository(m_db, m_clock).state(laterId);
        if (const QString why = actionRefusal(DealAction::Reject, s.status, s.registrationNumber, s.extended);
            !why.isEmpty())
            return fail(why, ExitInvalidInput);
    }
    // The rejection and the resolution record: one transaction, both or nothing.
    DealWorkflowRepository workflow(m_db, m_clock);
    ConflictRepository(m_db).resolveConflict(workflow, laterId, earlierId, r == QLatin1String("reject-later"),
                                             p.value(reason), settings, m_clock);
    m_ctx.out() << "Conflict resolved: " << r << "\n";
    return ExitOk;
}

RegistrationFacts DealsCommand::facts(const QString& dealId) const
{
    DealFilter filter;
    filter.dealId = dealId;
    const QList<DealListRow> rows = PipelineRepository(m_db).list(filter, 1);
    RegistrationFacts f;
    if (rows.isEmpty())
        return f;
    const DealListRow& row = rows.constFirst();
    f.number = row.deal.registrationNumber;
    f.partnerId = row.deal.partnerId;
    f.customerKey = row.accountName.isEmpty() ? QString() : normalizeName(row.accountName);
    f.productKey = normalizeName(row.productName, NameKind::Product);
    f.status = row.deal.status;
    f.registeredAt = row.deal.registeredAt;
    f.closedOn = row.deal.closedOn;
    f.extended = row.extended;
    return f;
}

/// Empty when `laterId` conflicts with `earlierId` (the repository's indexed lookup decides, web domains
/// included); otherwise why not, naming both registrations.
QString DealsCommand::whyNotAConflict(const QString& laterId, const QString& earlierId, const ProgramRules& rules) const
{
    const RegistrationFacts later = facts(laterId);
    const RegistrationFacts earlier = facts(earlierId);
    if (laterId != earlierId && later.status != DealStatus::Draft && later.registeredAt.isValid())
        for (const ConflictSide& side :
             ConflictRepository(m_db).conflictsOf(laterId, later.registeredAt, later.number, rules))
            if (side.dealId == earlierId)
                return {};
    if (laterId == earlierId)
        return QStringLiteral(
                   "registration #%1 and registration #%1 are not a conflict: they are the same registration")
            .arg(later.number);
    const QString why = conflictRefusal(later, earlier, rules);
    return !why.isEmpty() ? why
                          : QStringLiteral("registration #%1 and registration #%2 are not a conflict under the "
                                           "program's rules")
                                .arg(later.number)
                                .arg(earlier.number);
}

int DealsCommand::expire(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption asOf(QStringLiteral("as-of"), QStringLiteral("As of this date (default today)."),
                                  QStringLiteral("DATE"));
    p.addOptions({asOf, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    int code = ExitOk;
    const auto date = dateOption(p, asOf, &code);
    if (!date)
        return code;
    const ProgramSettings settings = ProgramSettingsRepository(m_db, m_clock).load();
    const int n = DealWorkflowRepository(m_db, m_clock).expireOverdue(*date, settings.rules);
    if (p.isSet(m_json))
        m_ctx.printJson(
            QJsonObject{{QLatin1String("expired"), n}, {QLatin1String("as_of"), date->toString(Qt::ISODate)}});
    else
        m_ctx.out() << n << " registration(s) expired as of " << date->toString(Qt::ISODate) << "\n";
    return ExitOk;
}

int DealsCommand::attribution(QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption deal(QStringLiteral("deal"), QStringLiteral("The won deal."), QStringLiteral("DEAL"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Attribution model."), QStringLiteral("M"));
    p.addOptions({deal, model, m_json});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    const auto m = attributionModelFromString(p.value(model));
    if (!m)
        return fail(QStringLiteral("--model: '%1' is not one of first, last, linear, u-shaped, w-shaped, time-decay")
                        .arg(p.value(model)),
                    ExitUsage);
    const QString id = PipelineRepository(m_db).findDealId(p.value(deal));
    if (id.isEmpty())
        return fail(QStringLiteral("--deal: no deal '%1'").arg(p.value(deal)), ExitInvalidInput);
    const DealState s = DealWorkflowRepository(m_db, m_clock).state(id);
    QList<AttributedCredit> credits;
    try {
        credits = DealPartnerRepository(m_db, m_clock).attribution(id, *m);
    } catch (const StorageError& e) {
        return fail(e.message(), ExitInvalidInput);
    }
    if (p.isSet(m_json)) {
        QJsonArray list;
        for (const AttributedCredit& c : credits)
            list.append(QJsonObject{
                {QLatin1String("partner"), c.partnerKey},
                {QLatin1String("amount"), decimalAmount(c.amountMinor, s.currency)},
                {QLatin1String("share"), c.share},
                {QLatin1String("credit"), c.sourced ? QStringLiteral("sourced") : QStringLiteral("influenced")}});
        m_ctx.printJson(QJsonObject{{QLatin1String("deal"), id},
                                    {QLatin1String("model"), toString(*m)},
                                    {QLatin1String("amount"), decimalAmount(s.amountMinor, s.currency)},
                                    {QLatin1String("currency"), s.currency},
                                    {QLatin1String("credits"), list}});
        return ExitOk;
    }
    for (const AttributedCredit& c : credits)
        m_ctx.out() << c.partnerKey << "\t" << formatMoney({c.amountMinor, s.currency}) << "\t"
                    << QString::number(c.share * 100, 'f', 1) << "%\t"
                    << (c.sourced ? "partner-sourced" : "partner-influenced") << "\n";
    return ExitOk;
}

int DealsCommand::action(DealAction a, QCommandLineParser& p, const QStringList& args)
{
    const QCommandLineOption deal(QStringLiteral("deal"), QStringLiteral("The deal."), QStringLiteral("DEAL"));
    const QCommandLineOption reason(QStringLiteral("reason"), QStringLiteral("Why (reject)."), QStringLiteral("TEXT"));
    const QCommandLineOption amount(QStringLiteral("amount"), QStringLiteral("Won amount."), QStringLiteral("X"));
    const QCommandLineOption closeDate(QStringLiteral("close-date"), QStringLiteral("Close date."),
                                       QStringLiteral("DATE"));
    p.addOptions({deal, reason, amount, closeDate});
    if (const int code = m_ctx.parse(p, args); code >= 0)
        return code;
    const QString id = PipelineRepository(m_db).findDealId(p.value(deal));
    if (id.isEmpty())
        return fail(QStringLiteral("--deal: no deal '%1'").arg(p.value(deal)), ExitInvalidInput);
    DealWorkflowRepository workflow(m_db, m_clock);
    DealActionInput in;
    in.reason = p.value(reason);
    if (p.isSet(amount)) {
        const auto minor = parseMinorUnits(p.value(amount), workflow.state(id).currency);
        if (!minor || *minor < 0)
            return fail(QStringLiteral("--amount: '%1' is not a positive amount").arg(p.value(amount)),
                        ExitInvalidInput);
        in.amountMinor = *minor;
    }
    if (p.isSet(closeDate)) {
        in.closeDate = QDate::fromString(p.value(closeDate), Qt::ISODate);
        if (!in.closeDate.isValid())
            return fail(QStringLiteral("--close-date: not a date (expected YYYY-MM-DD)"), ExitInvalidInput);
    }
    // Validation before the write, by the domain's workflow rules (DESIGN.md section 3): invalid input, exit 2.
    const DealState before = workflow.state(id);
    if (const QString why = actionRefusal(a, before.status, before.registrationNumber, before.extended); !why.isEmpty())
        return fail(why, ExitInvalidInput);
    if (a == DealAction::Reject && in.reason.trimmed().isEmpty())
        return fail(QStringLiteral("--reason is required: a rejection needs a reason"), ExitInvalidInput);
    if (a == DealAction::MarkWon && in.amountMinor < 0 && before.amountMinor < 0)
        return fail(
            QStringLiteral("--amount is required: registration #%1 has no amount").arg(before.registrationNumber),
            ExitInvalidInput);
    try {
        workflow.apply(id, a, in, ProgramSettingsRepository(m_db, m_clock).load());
    } catch (const StorageError& e) {
        return fail(e.message(), exitCodeFor(e));
    }
    const DealState s = workflow.state(id);
    m_ctx.out() << "#" << s.registrationNumber << ": " << toString(s.status) << "\n";
    return ExitOk;
}

int DealsCommand::run(const QString& sub, const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kDealsUsage));
    m_ctx.addCommonOptions(p);
    try {
        if (sub == QLatin1String("register"))
            return registerDeal(p, args);
        if (sub == QLatin1String("list"))
            return list(p, args);
        if (sub == QLatin1String("summary"))
            return summary(p, args);
        if (sub == QLatin1String("conflicts"))
            return conflicts(p, args);
        if (sub == QLatin1String("resolve"))
            return resolve(p, args);
        if (sub == QLatin1String("expire"))
            return expire(p, args);
        if (sub == QLatin1String("attribution"))
            return attribution(p, args);
        if (sub == QLatin1String("show") || sub == QLatin1String("partners") || sub == QLatin1String("touches"))
            return runDealPartiesCommand(m_ctx, m_db, sub, args);
        const QList<QPair<const char*, DealAction>> actions = {
            {"submit", DealAction::Submit}, {"approve", DealAction::Approve}, {"reject", DealAction::Reject},
            {"extend", DealAction::Extend}, {"won", DealAction::MarkWon},     {"lost", DealAction::MarkLost}};
        for (const auto& [name, a] : actions)
            if (sub == QLatin1String(name))
                return action(a, p, args);
    } catch (const StorageError& e) {
        return fail(e.message(), exitCodeFor(e));
    }
    m_ctx.err() << "Unknown deals subcommand '" << sub << "'\n" << kDealsUsage;
    return ExitUsage;
}

} // namespace

/// `deals SUBCOMMAND …`: deal registration from the command line (issue 3): register, list, summary,
/// conflicts, resolve, expire, attribution and the workflow actions.
int runDealsCommand(CliContext& context, const QStringList& args)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? context.err() : context.out()) << kDealsUsage;
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    const QString sub = args.at(1);
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    int exitCode = ExitOk;
    const QStringList readOnly = {QStringLiteral("list"), QStringLiteral("summary"), QStringLiteral("conflicts"),
                                  QStringLiteral("attribution")};
    auto db = context.openDatabase(&exitCode, readOnly.contains(sub) || rest.contains(QLatin1String("--help"))
                                                  ? CliContext::Access::Read
                                                  : CliContext::Access::Write);
    if (!db)
        return exitCode;
    return DealsCommand(context, *db).run(sub, rest);
}

} // namespace pd
