// `mdf budget|allocate|request|approve|reject|claim|approve-claim|pay|close-period|ledger|status|link-deal`: market
// development funds from the command line (issue 10, item 8; DESIGN.md section 3, MDF, and section 5).
#include "cli/CliContext.h"

#include "domain/Mdf.h"
#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "io/MdfLedgerCsv.h"
#include "storage/AttachmentRepository.h"
#include "storage/Database.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfRequestRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace pd {

namespace {

const char* const kMdfUsage =
    "Usage: partnerdesk-cli [--db DATABASE] mdf SUBCOMMAND [options]\n"
    "\n"
    "  budget --name NAME --period 2017Q4|FY2017 --amount A --currency CUR\n"
    "                                       create a fund budget (its amount enters the budget's pool)\n"
    "  budget                               list the budgets\n"
    "  allocate --budget B (--amount A | --accrual-percent P --accrual-period 2017Q3) (--partner KEY... | --all)\n"
    "                                       allocate a fixed amount, or P% of each partner's won revenue in the\n"
    "                                       accrual period; refused when it is more than is left in the budget\n"
    "  request --budget B --partner KEY --activity TYPE --description D --start DATE --end DATE --cost A\n"
    "          [--requested A] [--expected-leads N] [--expected-pipeline A] [--draft]\n"
    "                                       file a request (Submitted, or Draft with --draft); the requested amount\n"
    "                                       defaults to the cost x the vendor's share; prints the request number\n"
    "  approve --request N [--amount A]     approve a submitted request (default: the requested amount); commits the\n"
    "                                       funds from the partner's available allocation\n"
    "  reject --request N --reason R        reject a submitted request\n"
    "  claim --request N --actual-cost A --claimed A [--leads N] --proof TYPE=PATH...\n"
    "                                       file a claim with its proof-of-performance files (copied into the book\n"
    "                                       with their SHA-256); TYPE is one of: invoice, attendee list, screenshots,\n"
    "                                       lead list, performance report\n"
    "  approve-claim (--claim ID | --request N)\n"
    "                                       approve a submitted claim (committed -> payable)\n"
    "  pay (--claim ID | --request N) --reference R [--date DATE]\n"
    "                                       record the payment of an approved claim (default date: today)\n"
    "  close-period --budget B              close the budget's period: what is left expires\n"
    "  status --budget B                    the budget's figures, in total and per partner\n"
    "  ledger [--period P] [--budget B] [--out FILE.csv]\n"
    "                                       the fund ledger as CSV for finance (to stdout without --out)\n"
    "  link-deal --deal DEAL --request N    mark the request's activity as the source of a deal (DEAL: id, external\n"
    "                                       id or registration number); --unlink removes the link\n"
    "\n"
    "B is a budget's name or id. Amounts are in major units as typed (\"100000\", \"1,250.50\") in the budget's\n"
    "currency; dates are YYYY-MM-DD. Every subcommand accepts --json; JSON amounts are decimal numbers in major\n"
    "units with the currency beside them, except `status`, whose figures are integers in minor units (cents).\n"
    "Exit codes: 2 when the program's rules refuse the action (the message names the rule; nothing is written).\n";

QJsonValue dateJson(const QDate& d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

/// A refused rule (Kind::NotAllowed), an unknown budget, request or claim, or a stale version is invalid input (exit
/// 2, nothing written); anything else the database reported is a database error (exit 3).
int exitCodeFor(const StorageError& e)
{
    switch (e.kind()) {
    case StorageError::Kind::NotAllowed:
    case StorageError::Kind::NotFound:
    case StorageError::Kind::Conflict:
        return ExitInvalidInput;
    default:
        return ExitDatabase;
    }
}

QJsonObject figuresJson(const MdfFigures& f)
{
    return QJsonObject{{QLatin1String("allocated"), f.allocated}, {QLatin1String("committed"), f.committed},
                       {QLatin1String("claimed"), f.claimed},     {QLatin1String("paid"), f.paid},
                       {QLatin1String("available"), f.available}, {QLatin1String("expired"), f.expired}};
}

/// The `mdf` options, each known to the subcommands that take it.
struct MdfOptions
{
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("Budget name."), QStringLiteral("NAME")};
    QCommandLineOption period{QStringLiteral("period"), QStringLiteral("Period."), QStringLiteral("PERIOD")};
    QCommandLineOption amount{QStringLiteral("amount"), QStringLiteral("Amount."), QStringLiteral("A")};
    QCommandLineOption currency{QStringLiteral("currency"), QStringLiteral("Currency."), QStringLiteral("CUR")};
    QCommandLineOption budget{QStringLiteral("budget"), QStringLiteral("Budget name or id."), QStringLiteral("B")};
    QCommandLineOption partner{QStringLiteral("partner"), QStringLiteral("Partner key."), QStringLiteral("KEY")};
    QCommandLineOption all{QStringLiteral("all"), QStringLiteral("Every partner.")};
    QCommandLineOption accrualPercent{QStringLiteral("accrual-percent"), QStringLiteral("Percent."),
                                      QStringLiteral("P")};
    QCommandLineOption accrualPeriod{QStringLiteral("accrual-period"), QStringLiteral("Accrual period."),
                                     QStringLiteral("PERIOD")};
    QCommandLineOption activity{QStringLiteral("activity"), QStringLiteral("Activity type."), QStringLiteral("TYPE")};
    QCommandLineOption description{QStringLiteral("description"), QStringLiteral("Description."), QStringLiteral("D")};
    QCommandLineOption start{QStringLiteral("start"), QStringLiteral("First day."), QStringLiteral("DATE")};
    QCommandLineOption end{QStringLiteral("end"), QStringLiteral("Last day."), QStringLiteral("DATE")};
    QCommandLineOption cost{QStringLiteral("cost"), QStringLiteral("Total cost."), QStringLiteral("A")};
    QCommandLineOption requested{QStringLiteral("requested"), QStringLiteral("Requested amount."), QStringLiteral("A")};
    QCommandLineOption expectedLeads{QStringLiteral("expected-leads"), QStringLiteral("Leads."), QStringLiteral("N")};
    QCommandLineOption expectedPipeline{QStringLiteral("expected-pipeline"), QStringLiteral("Pipeline."),
                                        QStringLiteral("A")};
    QCommandLineOption draft{QStringLiteral("draft"), QStringLiteral("Keep as a draft.")};
    QCommandLineOption request{QStringLiteral("request"), QStringLiteral("Request number."), QStringLiteral("N")};
    QCommandLineOption reason{QStringLiteral("reason"), QStringLiteral("Reason."), QStringLiteral("R")};
    QCommandLineOption actualCost{QStringLiteral("actual-cost"), QStringLiteral("Actual cost."), QStringLiteral("A")};
    QCommandLineOption claimed{QStringLiteral("claimed"), QStringLiteral("Claimed amount."), QStringLiteral("A")};
    QCommandLineOption leads{QStringLiteral("leads"), QStringLiteral("Leads generated."), QStringLiteral("N")};
    QCommandLineOption proof{QStringLiteral("proof"), QStringLiteral("Proof file."), QStringLiteral("TYPE=PATH")};
    QCommandLineOption claim{QStringLiteral("claim"), QStringLiteral("Claim id."), QStringLiteral("ID")};
    QCommandLineOption date{QStringLiteral("date"), QStringLiteral("Date."), QStringLiteral("DATE")};
    QCommandLineOption reference{QStringLiteral("reference"), QStringLiteral("Payment reference."),
                                 QStringLiteral("R")};
    QCommandLineOption out{QStringLiteral("out"), QStringLiteral("CSV file."), QStringLiteral("FILE")};
    QCommandLineOption deal{QStringLiteral("deal"), QStringLiteral("Deal."), QStringLiteral("DEAL")};
    QCommandLineOption unlink{QStringLiteral("unlink"), QStringLiteral("Remove the link.")};

    /// The options of subcommand `sub` (besides --json).
    QList<QCommandLineOption> of(const QString& sub) const
    {
        if (sub == QLatin1String("budget"))
            return {name, period, amount, currency};
        if (sub == QLatin1String("allocate"))
            return {budget, amount, accrualPercent, accrualPeriod, partner, all};
        if (sub == QLatin1String("request"))
            return {budget, partner,   activity,      description,      start, end,
                    cost,   requested, expectedLeads, expectedPipeline, draft};
        if (sub == QLatin1String("approve"))
            return {request, amount};
        if (sub == QLatin1String("reject"))
            return {request, reason};
        if (sub == QLatin1String("claim"))
            return {request, actualCost, claimed, leads, proof};
        if (sub == QLatin1String("approve-claim"))
            return {claim, request};
        if (sub == QLatin1String("pay"))
            return {claim, request, date, reference};
        if (sub == QLatin1String("close-period") || sub == QLatin1String("status"))
            return {budget};
        if (sub == QLatin1String("ledger"))
            return {period, budget, out};
        return {deal, request, unlink}; // link-deal
    }
};

/// The CLI's `mdf` command over an open book.
class MdfCommand
{
public:
    MdfCommand(CliContext& context, Database& db, const QCommandLineParser& parser, const MdfOptions& options)
        : m_ctx(context), m_db(db), m_p(parser), m_o(options), m_budgets(db, context.clock()),
          m_requests(db, context.clock()), m_json(parser.isSet(options.json))
    {
    }

    int run(const QString& sub);

private:
    int budget();
    int allocate();
    int request();
    int approve();
    int reject();
    int claim();
    int approveClaim();
    int pay();
    int closePeriod();
    int status();
    int ledger();
    int linkDeal();

    int fail(const QString& message, int code)
    {
        m_ctx.err() << message << "\n";
        return code;
    }
    /// Every option of `required` is set; else prints which is missing (usage error).
    bool need(std::initializer_list<const QCommandLineOption*> required, const QString& sub, int* code)
    {
        for (const QCommandLineOption* o : required)
            if (!m_p.isSet(*o)) {
                *code = fail(QStringLiteral("mdf %1 needs --%2").arg(sub, o->names().constFirst()), ExitUsage);
                return false;
            }
        return true;
    }
    /// The amount of option `o` in minor units of `currency` (as typed, major units); nullopt after printing why.
    std::optional<qint64> amountOf(const QCommandLineOption& o, const QString& currency, int* code)
    {
        QString why;
        const std::optional<qint64> v = parseMinorUnits(m_p.value(o), currency, 1, &why);
        if (!v)
            *code = fail(QStringLiteral("--%1: '%2' is not an amount of %3 (%4)")
                             .arg(o.names().constFirst(), m_p.value(o), currency, why),
                         ExitUsage);
        return v;
    }
    std::optional<QDate> dateOf(const QCommandLineOption& o, int* code)
    {
        const QDate d = QDate::fromString(m_p.value(o), Qt::ISODate);
        if (!d.isValid()) {
            *code = fail(QStringLiteral("--%1: '%2' is not a date (expected YYYY-MM-DD)")
                             .arg(o.names().constFirst(), m_p.value(o)),
                         ExitUsage);
            return std::nullopt;
        }
        return d;
    }
    std::optional<int> countOf(const QCommandLineOption& o, int* code)
    {
        bool ok = false;
        const int n = m_p.value(o).toInt(&ok);
        if (!ok || n < 0) {
            *code =
                fail(QStringLiteral("--%1: '%2' is not a count").arg(o.names().constFirst(), m_p.value(o)), ExitUsage);
            return std::nullopt;
        }
        return n;
    }
    std::optional<MdfBudget> budgetOf(int* code)
    {
        std::optional<MdfBudget> b = m_budgets.findBudget(m_p.value(m_o.budget).trimmed());
        if (!b)
            *code = fail(QStringLiteral("No MDF budget named '%1' (see mdf budget)").arg(m_p.value(m_o.budget)),
                         ExitInvalidInput);
        return b;
    }
    std::optional<MdfRequest> requestOf(int* code)
    {
        QString text = m_p.value(m_o.request).trimmed();
        if (text.startsWith(QLatin1Char('#')))
            text.remove(0, 1);
        bool ok = false;
        const qint64 number = text.toLongLong(&ok);
        if (!ok) {
            *code =
                fail(QStringLiteral("--request: '%1' is not a request number").arg(m_p.value(m_o.request)), ExitUsage);
            return std::nullopt;
        }
        std::optional<MdfRequest> r = m_requests.requestByNumber(number);
        if (!r)
            *code = fail(QStringLiteral("No MDF request number %1").arg(number), ExitInvalidInput);
        return r;
    }
    std::optional<Partner> partnerOf(const QString& key, int* code)
    {
        std::optional<Partner> p = PartnerRepository(m_db, m_ctx.clock()).findByKey(key.trimmed());
        if (!p)
            *code = fail(QStringLiteral("No partner with key '%1'").arg(key), ExitInvalidInput);
        return p;
    }
    /// The claim named by --claim, or the claim of --request in `status` (the latest one).
    std::optional<MdfClaim> claimOf(MdfClaimStatus status, int* code);

    QJsonObject budgetJson(const MdfBudget& b) const
    {
        return QJsonObject{{QLatin1String("id"), b.id},
                           {QLatin1String("name"), b.name},
                           {QLatin1String("period"), b.period},
                           {QLatin1String("starts_on"), dateJson(b.startsOn)},
                           {QLatin1String("ends_on"), dateJson(b.endsOn)},
                           {QLatin1String("amount"), decimalAmount(b.amountMinor, b.currency)},
                           {QLatin1String("currency"), b.currency},
                           {QLatin1String("status"), b.closed ? QStringLiteral("closed") : QStringLiteral("open")},
                           {QLatin1String("closed_on"), dateJson(b.closedOn)}};
    }
    QJsonObject requestJson(const MdfRequest& r) const
    {
        return QJsonObject{{QLatin1String("id"), r.id},
                           {QLatin1String("number"), r.number},
                           {QLatin1String("budget"), r.budgetName},
                           {QLatin1String("partner"), r.partnerKey},
                           {QLatin1String("activity"), r.activityType},
                           {QLatin1String("description"), r.description},
                           {QLatin1String("starts_on"), dateJson(r.startsOn)},
                           {QLatin1String("ends_on"), dateJson(r.endsOn)},
                           {QLatin1String("cost"), decimalAmount(r.totalCostMinor, r.currency)},
                           {QLatin1String("requested"), decimalAmount(r.requestedMinor, r.currency)},
                           {QLatin1String("approved"), decimalAmount(r.approvedMinor, r.currency)},
                           {QLatin1String("currency"), r.currency},
                           {QLatin1String("status"), toString(r.status)},
                           {QLatin1String("reason"), r.reason}};
    }
    QJsonObject claimJson(const MdfClaim& c) const
    {
        QJsonArray proofs;
        for (const MdfProof& p : c.proofs)
            proofs.append(QJsonObject{{QLatin1String("type"), p.proofType},
                                      {QLatin1String("file"), p.fileName},
                                      {QLatin1String("size_bytes"), p.sizeBytes},
                                      {QLatin1String("sha256"), p.sha256}});
        return QJsonObject{{QLatin1String("id"), c.id},
                           {QLatin1String("request"), c.requestNumber},
                           {QLatin1String("partner"), c.partnerKey},
                           {QLatin1String("actual_cost"), decimalAmount(c.actualCostMinor, c.currency)},
                           {QLatin1String("claimed"), decimalAmount(c.claimedMinor, c.currency)},
                           {QLatin1String("currency"), c.currency},
                           {QLatin1String("leads"), c.leads},
                           {QLatin1String("status"), toString(c.status)},
                           {QLatin1String("submitted_on"), dateJson(c.submittedOn)},
                           {QLatin1String("paid_on"), dateJson(c.paidOn)},
                           {QLatin1String("payment_reference"), c.paymentReference},
                           {QLatin1String("proofs"), proofs}};
    }
    /// Prints `o` with the operation id (JSON), or `text`.
    int done(QJsonObject o, const QString& operation, const QString& text)
    {
        if (m_json) {
            if (!operation.isEmpty())
                o.insert(QLatin1String("operation"), operation);
            m_ctx.printJson(o);
        } else {
            m_ctx.out() << text << "\n";
        }
        return ExitOk;
    }

    CliContext& m_ctx;
    Database& m_db;
    const QCommandLineParser& m_p;
    const MdfOptions& m_o;
    MdfBudgetRepository m_budgets;
    MdfRequestRepository m_requests;
    bool m_json;
};

int MdfCommand::run(const QString& sub)
{
    if (sub == QLatin1String("budget"))
        return budget();
    if (sub == QLatin1String("allocate"))
        return allocate();
    if (sub == QLatin1String("request"))
        return request();
    if (sub == QLatin1String("approve"))
        return approve();
    if (sub == QLatin1String("reject"))
        return reject();
    if (sub == QLatin1String("claim"))
        return claim();
    if (sub == QLatin1String("approve-claim"))
        return approveClaim();
    if (sub == QLatin1String("pay"))
        return pay();
    if (sub == QLatin1String("close-period"))
        return closePeriod();
    if (sub == QLatin1String("status"))
        return status();
    if (sub == QLatin1String("ledger"))
        return ledger();
    return linkDeal();
}

int MdfCommand::budget()
{
    int code = ExitOk;
    if (!m_p.isSet(m_o.name)) {
        const QList<MdfBudget> all = m_budgets.budgets();
        QJsonArray list;
        for (const MdfBudget& b : all) {
            list.append(budgetJson(b));
            if (!m_json)
                m_ctx.out() << b.name << "\t" << b.period << "\t" << formatMoney({b.amountMinor, b.currency}) << "\t"
                            << (b.closed ? "closed" : "open") << "\n";
        }
        return done(QJsonObject{{QLatin1String("count"), all.size()}, {QLatin1String("budgets"), list}}, {},
                    QStringLiteral("%1 budget(s)").arg(all.size()));
    }
    if (!need({&m_o.period, &m_o.amount, &m_o.currency}, QStringLiteral("budget"), &code))
        return code;
    MdfBudget b;
    b.name = m_p.value(m_o.name).trimmed();
    b.currency = m_p.value(m_o.currency).trimmed().toUpper();
    if (!isCurrencyCode(b.currency))
        return fail(QStringLiteral("--currency: '%1' is not an ISO 4217 currency code").arg(m_p.value(m_o.currency)),
                    ExitInvalidInput);
    QString why;
    const std::optional<MdfPeriod> period = parseMdfPeriod(m_p.value(m_o.period), &why);
    if (!period)
        return fail(QStringLiteral("--period: %1").arg(why), ExitInvalidInput);
    b.period = period->text;
    b.startsOn = period->startsOn;
    b.endsOn = period->endsOn;
    const std::optional<qint64> amount = amountOf(m_o.amount, b.currency, &code);
    if (!amount)
        return code;
    b.amountMinor = *amount;
    const QString op = m_budgets.createBudget(b);
    return done(budgetJson(b), op,
                QStringLiteral("Budget %1 created: %2 for %3 (%4 to %5)")
                    .arg(b.name, formatMoney({b.amountMinor, b.currency}), b.period, b.startsOn.toString(Qt::ISODate),
                         b.endsOn.toString(Qt::ISODate)));
}

int MdfCommand::allocate()
{
    int code = ExitOk;
    if (!need({&m_o.budget}, QStringLiteral("allocate"), &code))
        return code;
    const bool accrual = m_p.isSet(m_o.accrualPercent);
    if (accrual == m_p.isSet(m_o.amount))
        return fail(QStringLiteral("mdf allocate needs either --amount or --accrual-percent with --accrual-period"),
                    ExitUsage);
    if (accrual && !m_p.isSet(m_o.accrualPeriod))
        return fail(QStringLiteral("--accrual-percent goes with --accrual-period (e.g. 2017Q3)"), ExitUsage);
    if (m_p.isSet(m_o.all) == m_p.isSet(m_o.partner))
        return fail(QStringLiteral("mdf allocate needs either --partner KEY or --all"), ExitUsage);
    const std::optional<MdfBudget> b = budgetOf(&code);
    if (!b)
        return code;
    QStringList partnerIds;
    for (const QString& key : m_p.values(m_o.partner)) {
        const std::optional<Partner> p = partnerOf(key, &code);
        if (!p)
            return code;
        partnerIds << p->id;
    }
    QJsonArray lines;
    QString op;
    qint64 total = 0;
    if (accrual) {
        QString why;
        const std::optional<int> points = parseBasisPoints(m_p.value(m_o.accrualPercent), &why);
        if (!points)
            return fail(QStringLiteral("--accrual-percent: %1").arg(why), ExitInvalidInput);
        const std::optional<MdfPeriod> period = parseMdfPeriod(m_p.value(m_o.accrualPeriod), &why);
        if (!period)
            return fail(QStringLiteral("--accrual-period: %1").arg(why), ExitInvalidInput);
        const QList<MdfAccrualLine> preview = m_budgets.accrualPreview(b->id, *points, period->text, partnerIds);
        op = m_budgets.allocateAccrual(b->id, *points, period->text, partnerIds);
        for (const MdfAccrualLine& l : preview) {
            if (l.amountMinor == 0)
                continue;
            total += l.amountMinor;
            lines.append(QJsonObject{{QLatin1String("partner"), l.partnerKey},
                                     {QLatin1String("revenue"), decimalAmount(l.revenueMinor, b->currency)},
                                     {QLatin1String("amount"), decimalAmount(l.amountMinor, b->currency)}});
            if (!m_json)
                m_ctx.out() << l.partnerKey << "\t" << formatMoney({l.revenueMinor, b->currency}) << "\t"
                            << formatMoney({l.amountMinor, b->currency}) << "\n";
        }
        return done(QJsonObject{{QLatin1String("budget"), b->name},
                                {QLatin1String("basis"), QStringLiteral("accrual")},
                                {QLatin1String("percent"), formatBasisPoints(*points)},
                                {QLatin1String("accrual_period"), period->text},
                                {QLatin1String("currency"), b->currency},
                                {QLatin1String("total"), decimalAmount(total, b->currency)},
                                {QLatin1String("allocations"), lines}},
                    op,
                    QStringLiteral("Allocated %1 to %2 partner(s) from budget %3 (%4 of won revenue in %5)")
                        .arg(formatMoney({total, b->currency}))
                        .arg(lines.size())
                        .arg(b->name, formatBasisPoints(*points), period->text));
    }
    const std::optional<qint64> amount = amountOf(m_o.amount, b->currency, &code);
    if (!amount)
        return code;
    if (m_p.isSet(m_o.all)) {
        const QList<PartnerRef> refs = PartnerRepository(m_db, m_ctx.clock()).listRefs();
        for (const PartnerRef& r : refs)
            partnerIds << r.id;
    }
    // One allocation per partner, in one transaction; the total is checked against what is left first so that the
    // message names the whole shortfall.
    const qint64 left = m_budgets.status(b->id).unallocatedMinor;
    if (*amount * partnerIds.size() > left)
        return fail(QStringLiteral("Allocating %1 to %2 partner(s) is %3 more than the %4 left in budget %5")
                        .arg(formatMoney({*amount * partnerIds.size(), b->currency}))
                        .arg(partnerIds.size())
                        .arg(formatMoney({*amount * partnerIds.size() - left, b->currency}),
                             formatMoney({left, b->currency}), b->name),
                    ExitInvalidInput);
    QStringList ops;
    Transaction tx(m_db); // all the partners' allocations or none; each allocation's own transaction joins this one
    for (const QString& id : std::as_const(partnerIds))
        ops << m_budgets.allocateFixed(b->id, id, *amount);
    tx.commit();
    total = *amount * partnerIds.size();
    return done(QJsonObject{{QLatin1String("budget"), b->name},
                            {QLatin1String("basis"), QStringLiteral("fixed")},
                            {QLatin1String("partners"), partnerIds.size()},
                            {QLatin1String("amount"), decimalAmount(*amount, b->currency)},
                            {QLatin1String("total"), decimalAmount(total, b->currency)},
                            {QLatin1String("currency"), b->currency},
                            {QLatin1String("operations"), QJsonArray::fromStringList(ops)}},
                {},
                QStringLiteral("Allocated %1 to %2 partner(s) from budget %3")
                    .arg(formatMoney({*amount, b->currency}))
                    .arg(partnerIds.size())
                    .arg(b->name));
}

int MdfCommand::request()
{
    int code = ExitOk;
    if (!need({&m_o.budget, &m_o.partner, &m_o.activity, &m_o.description, &m_o.start, &m_o.end, &m_o.cost},
              QStringLiteral("request"), &code))
        return code;
    const std::optional<MdfBudget> b = budgetOf(&code);
    if (!b)
        return code;
    const std::optional<Partner> partner = partnerOf(m_p.value(m_o.partner), &code);
    if (!partner)
        return code;
    MdfRequest r;
    r.budgetId = b->id;
    r.partnerId = partner->id;
    r.currency = b->currency;
    r.activityType = m_p.value(m_o.activity).trimmed();
    r.description = m_p.value(m_o.description).trimmed();
    const std::optional<QDate> start = dateOf(m_o.start, &code);
    if (!start)
        return code;
    const std::optional<QDate> end = dateOf(m_o.end, &code);
    if (!end)
        return code;
    r.startsOn = *start;
    r.endsOn = *end;
    const std::optional<qint64> cost = amountOf(m_o.cost, b->currency, &code);
    if (!cost)
        return code;
    r.totalCostMinor = *cost;
    const MdfSettings settings = m_budgets.settings();
    r.requestedMinor = mdfRequestedAmount(r.totalCostMinor, settings.vendorSharePercent);
    if (m_p.isSet(m_o.requested)) {
        const std::optional<qint64> v = amountOf(m_o.requested, b->currency, &code);
        if (!v)
            return code;
        r.requestedMinor = *v;
    }
    if (m_p.isSet(m_o.expectedLeads)) {
        const std::optional<int> n = countOf(m_o.expectedLeads, &code);
        if (!n)
            return code;
        r.expectedLeads = *n;
    }
    if (m_p.isSet(m_o.expectedPipeline)) {
        const std::optional<qint64> v = amountOf(m_o.expectedPipeline, b->currency, &code);
        if (!v)
            return code;
        r.expectedPipelineMinor = *v;
    }
    if (const QString why = checkMdfRequest(r, settings); !why.isEmpty())
        return fail(why, ExitInvalidInput);
    const QString op = m_requests.createRequest(r, !m_p.isSet(m_o.draft));
    const MdfRequest saved = m_requests.request(r.id);
    return done(requestJson(saved), op,
                QStringLiteral("MDF request %1 (%2): %3 requested for %4 by %5")
                    .arg(saved.number)
                    .arg(toString(saved.status), formatMoney({saved.requestedMinor, saved.currency}),
                         saved.activityType, saved.partnerKey));
}

int MdfCommand::approve()
{
    int code = ExitOk;
    if (!need({&m_o.request}, QStringLiteral("approve"), &code))
        return code;
    const std::optional<MdfRequest> r = requestOf(&code);
    if (!r)
        return code;
    qint64 amount = r->requestedMinor;
    if (m_p.isSet(m_o.amount)) {
        const std::optional<qint64> v = amountOf(m_o.amount, r->currency, &code);
        if (!v)
            return code;
        amount = *v;
    }
    const QString op = m_requests.approve(r->id, amount);
    const MdfRequest saved = m_requests.request(r->id);
    return done(requestJson(saved), op,
                QStringLiteral("MDF request %1 approved: %2 committed")
                    .arg(saved.number)
                    .arg(formatMoney({saved.approvedMinor, saved.currency})));
}

int MdfCommand::reject()
{
    int code = ExitOk;
    if (!need({&m_o.request, &m_o.reason}, QStringLiteral("reject"), &code))
        return code;
    const std::optional<MdfRequest> r = requestOf(&code);
    if (!r)
        return code;
    if (m_p.value(m_o.reason).trimmed().isEmpty())
        return fail(QStringLiteral("A rejection needs a reason"), ExitInvalidInput);
    const QString op = m_requests.reject(r->id, m_p.value(m_o.reason).trimmed());
    const MdfRequest saved = m_requests.request(r->id);
    return done(requestJson(saved), op, QStringLiteral("MDF request %1 rejected").arg(saved.number));
}

int MdfCommand::claim()
{
    int code = ExitOk;
    if (!need({&m_o.request, &m_o.actualCost, &m_o.claimed}, QStringLiteral("claim"), &code))
        return code;
    const std::optional<MdfRequest> r = requestOf(&code);
    if (!r)
        return code;
    MdfClaim c;
    c.requestId = r->id;
    c.requestNumber = r->number;
    c.currency = r->currency;
    const std::optional<qint64> actual = amountOf(m_o.actualCost, r->currency, &code);
    if (!actual)
        return code;
    const std::optional<qint64> claimed = amountOf(m_o.claimed, r->currency, &code);
    if (!claimed)
        return code;
    c.actualCostMinor = *actual;
    c.claimedMinor = *claimed;
    if (m_p.isSet(m_o.leads)) {
        const std::optional<int> n = countOf(m_o.leads, &code);
        if (!n)
            return code;
        c.leads = *n;
    }
    QList<MdfProofFile> files;
    const QStringList types = mdfProofTypes();
    for (const QString& value : m_p.values(m_o.proof)) {
        const qsizetype eq = value.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("--proof: '%1' is not TYPE=PATH").arg(value), ExitUsage);
        MdfProofFile f;
        f.proofType = value.left(eq).trimmed().toLower();
        if (!types.contains(f.proofType))
            return fail(QStringLiteral("--proof: '%1' is not a proof type (%2)")
                            .arg(value.left(eq), types.join(QStringLiteral(", "))),
                        ExitInvalidInput);
        QFile file(value.mid(eq + 1));
        if (file.size() > AttachmentRepository::DefaultMaxStoredBytes) // refused before reading it into memory
            return fail(QStringLiteral("--proof: %1 is %2 bytes; a proof file kept in the book is at most %3 bytes")
                            .arg(file.fileName())
                            .arg(file.size())
                            .arg(AttachmentRepository::DefaultMaxStoredBytes),
                        ExitInvalidInput);
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("--proof: cannot read %1: %2").arg(file.fileName(), file.errorString()),
                        ExitInvalidInput);
        f.bytes = file.readAll();
        f.fileName = QFileInfo(file.fileName()).fileName();
        f.sha256 = QString::fromLatin1(QCryptographicHash::hash(f.bytes, QCryptographicHash::Sha256).toHex());
        files.append(f);
        c.proofs.append(MdfProof{{}, {}, f.proofType, f.fileName, f.bytes.size(), f.sha256});
    }
    // The rules first, on today's date (the repository checks them again inside its transaction).
    if (const QString why = checkMdfClaim(c, *r, m_budgets.settings(), m_ctx.clock().todayUtc()); !why.isEmpty())
        return fail(why, ExitInvalidInput);
    const QString op = m_requests.fileClaim(c, files);
    const MdfClaim saved = m_requests.claim(c.id);
    return done(claimJson(saved), op,
                QStringLiteral("Claim %1 filed against MDF request %2: %3 claimed, %4 proof file(s)")
                    .arg(saved.id)
                    .arg(r->number)
                    .arg(formatMoney({saved.claimedMinor, saved.currency}))
                    .arg(saved.proofs.size()));
}

std::optional<MdfClaim> MdfCommand::claimOf(MdfClaimStatus status, int* code)
{
    if (m_p.isSet(m_o.claim) == m_p.isSet(m_o.request)) {
        *code = fail(QStringLiteral("Name the claim with --claim ID or --request N"), ExitUsage);
        return std::nullopt;
    }
    if (m_p.isSet(m_o.claim)) {
        try {
            return m_requests.claim(m_p.value(m_o.claim).trimmed());
        } catch (const StorageError& e) {
            *code = fail(QStringLiteral("No MDF claim '%1'").arg(m_p.value(m_o.claim)), exitCodeFor(e));
            return std::nullopt;
        }
    }
    const std::optional<MdfRequest> r = requestOf(code);
    if (!r)
        return std::nullopt;
    std::optional<MdfClaim> found;
    for (const MdfClaim& c : m_requests.claims(MdfFilter{r->budgetId, r->partnerId, {toString(status)}}))
        if (c.requestId == r->id)
            found = c;
    if (!found)
        *code = fail(QStringLiteral("MDF request %1 has no %2 claim").arg(r->number).arg(toString(status).toLower()),
                     ExitInvalidInput);
    return found;
}

int MdfCommand::approveClaim()
{
    int code = ExitOk;
    const std::optional<MdfClaim> c = claimOf(MdfClaimStatus::Submitted, &code);
    if (!c)
        return code;
    const QString op = m_requests.approveClaim(c->id);
    const MdfClaim saved = m_requests.claim(c->id);
    return done(claimJson(saved), op,
                QStringLiteral("Claim %1 of MDF request %2 approved: %3 payable")
                    .arg(saved.id)
                    .arg(saved.requestNumber)
                    .arg(formatMoney({saved.claimedMinor, saved.currency})));
}

int MdfCommand::pay()
{
    int code = ExitOk;
    if (!need({&m_o.reference}, QStringLiteral("pay"), &code))
        return code;
    QDate on = m_ctx.clock().todayUtc();
    if (m_p.isSet(m_o.date)) {
        const std::optional<QDate> d = dateOf(m_o.date, &code);
        if (!d)
            return code;
        on = *d;
    }
    const std::optional<MdfClaim> c = claimOf(MdfClaimStatus::Approved, &code);
    if (!c)
        return code;
    const QString op = m_requests.payClaim(c->id, on, m_p.value(m_o.reference).trimmed());
    const MdfClaim saved = m_requests.claim(c->id);
    return done(
        claimJson(saved), op,
        QStringLiteral("Claim %1 of MDF request %2 paid on %3 (%4): %5")
            .arg(saved.id)
            .arg(saved.requestNumber)
            .arg(on.toString(Qt::ISODate), saved.paymentReference, formatMoney({saved.claimedMinor, saved.currency})));
}

int MdfCommand::closePeriod()
{
    int code = ExitOk;
    if (!need({&m_o.budget}, QStringLiteral("close-period"), &code))
        return code;
    const std::optional<MdfBudget> b = budgetOf(&code);
    if (!b)
        return code;
    const QString op = m_budgets.closePeriod(b->id);
    const MdfBudgetStatus s = m_budgets.status(b->id);
    QJsonObject o = budgetJson(s.budget);
    o.insert(QLatin1String("expired"), decimalAmount(s.total.expired, b->currency));
    return done(
        o, op,
        QStringLiteral("Budget %1 closed: %2 expired").arg(b->name, formatMoney({s.total.expired, b->currency})));
}

int MdfCommand::status()
{
    int code = ExitOk;
    if (!need({&m_o.budget}, QStringLiteral("status"), &code))
        return code;
    const std::optional<MdfBudget> b = budgetOf(&code);
    if (!b)
        return code;
    const MdfBudgetStatus s = m_budgets.status(b->id);
    if (m_json) {
        // The issue (item 8) fixes these figures in minor units (integers), unlike other JSON money.
        QJsonObject partners;
        for (const auto& [key, figures] : s.partners)
            partners.insert(key, figuresJson(figures));
        QJsonObject budget = budgetJson(s.budget);
        budget.insert(QLatin1String("amount_minor"), s.budget.amountMinor);
        m_ctx.printJson(QJsonObject{{QLatin1String("budget"), budget},
                                    {QLatin1String("units"), QStringLiteral("minor")},
                                    {QLatin1String("currency"), s.budget.currency},
                                    {QLatin1String("unallocated"), s.unallocatedMinor},
                                    {QLatin1String("pool_expired"), s.poolExpiredMinor},
                                    {QLatin1String("total"), figuresJson(s.total)},
                                    {QLatin1String("partners"), partners},
                                    {QLatin1String("balanced"), s.balanced}});
        return ExitOk;
    }
    const QString& cur = s.budget.currency;
    const auto money = [&cur](qint64 minor) { return formatMoney({minor, cur}); };
    m_ctx.out() << "Budget " << s.budget.name << " (" << s.budget.period << ", "
                << (s.budget.closed ? "closed" : "open") << "): " << money(s.budget.amountMinor) << ", "
                << money(s.unallocatedMinor) << " not allocated\n";
    m_ctx.out() << "partner\tallocated\tcommitted\tclaimed\tpaid\tavailable\texpired\n";
    const auto line = [&](const QString& who, const MdfFigures& f) {
        m_ctx.out() << who << "\t" << money(f.allocated) << "\t" << money(f.committed) << "\t" << money(f.claimed)
                    << "\t" << money(f.paid) << "\t" << money(f.available) << "\t" << money(f.expired) << "\n";
    };
    for (const auto& [key, figures] : s.partners)
        line(key, figures);
    line(QStringLiteral("total"), s.total);
    m_ctx.out() << (s.balanced ? "The ledger balances.\n" : "THE LEDGER DOES NOT BALANCE.\n");
    return s.balanced ? ExitOk : ExitDatabase;
}

int MdfCommand::ledger()
{
    int code = ExitOk;
    QString period;
    if (m_p.isSet(m_o.period)) {
        QString why;
        const std::optional<MdfPeriod> p = parseMdfPeriod(m_p.value(m_o.period), &why);
        if (!p)
            return fail(QStringLiteral("--period: %1").arg(why), ExitInvalidInput);
        period = p->text;
    }
    QList<MdfLedgerEntry> entries;
    if (m_p.isSet(m_o.budget)) {
        const std::optional<MdfBudget> b = budgetOf(&code);
        if (!b)
            return code;
        if (!period.isEmpty() && period != b->period)
            return fail(QStringLiteral("Budget %1 is for %2, not %3").arg(b->name, b->period, period),
                        ExitInvalidInput);
        for (const MdfLedgerEntry& e : m_budgets.ledger(b->period))
            if (e.budgetName == b->name)
                entries.append(e);
    } else {
        entries = m_budgets.ledger(period);
    }
    if (m_p.isSet(m_o.out)) {
        QString error;
        if (!MdfLedgerCsv::write(entries, m_p.value(m_o.out), &error))
            return fail(error, ExitInvalidInput);
        return done(QJsonObject{{QLatin1String("out"), m_p.value(m_o.out)}, {QLatin1String("entries"), entries.size()}},
                    {}, QStringLiteral("Wrote %1 ledger entries to %2").arg(entries.size()).arg(m_p.value(m_o.out)));
    }
    if (!m_json) {
        m_ctx.out() << QString::fromUtf8(MdfLedgerCsv::text(entries));
        return ExitOk;
    }
    QJsonArray list;
    for (const MdfLedgerEntry& e : std::as_const(entries))
        list.append(QJsonObject{{QLatin1String("entry"), e.number},
                                {QLatin1String("posted_on"), dateJson(e.postedOn)},
                                {QLatin1String("budget"), e.budgetName},
                                {QLatin1String("period"), e.period},
                                {QLatin1String("partner"), e.partnerKey},
                                {QLatin1String("kind"), e.kind},
                                {QLatin1String("debit_account"), e.toAccount},
                                {QLatin1String("credit_account"), e.fromAccount},
                                {QLatin1String("amount"), decimalAmount(e.amountMinor, e.currency)},
                                {QLatin1String("currency"), e.currency},
                                {QLatin1String("request"), e.requestNumber},
                                {QLatin1String("claim"), e.claimId},
                                {QLatin1String("reverses"), e.reversesNumber},
                                {QLatin1String("actor"), e.actor},
                                {QLatin1String("memo"), e.memo}});
    m_ctx.printJson(QJsonObject{{QLatin1String("count"), entries.size()}, {QLatin1String("entries"), list}});
    return ExitOk;
}

int MdfCommand::linkDeal()
{
    int code = ExitOk;
    if (!need({&m_o.deal}, QStringLiteral("link-deal"), &code))
        return code;
    if (m_p.isSet(m_o.unlink) == m_p.isSet(m_o.request))
        return fail(QStringLiteral("mdf link-deal needs either --request N or --unlink"), ExitUsage);
    const QString dealId = PipelineRepository(m_db).findDealId(m_p.value(m_o.deal).trimmed());
    if (dealId.isEmpty())
        return fail(QStringLiteral("--deal: no deal '%1'").arg(m_p.value(m_o.deal)), ExitInvalidInput);
    std::optional<MdfRequest> r;
    if (m_p.isSet(m_o.request)) {
        r = requestOf(&code);
        if (!r)
            return code;
    }
    m_requests.linkDeal(dealId, r ? r->id : QString());
    return done(QJsonObject{{QLatin1String("deal"), dealId},
                            {QLatin1String("request"), r ? QJsonValue(r->number) : QJsonValue(QJsonValue::Null)}},
                {},
                r ? QStringLiteral("Deal %1 linked to MDF request %2").arg(m_p.value(m_o.deal)).arg(r->number)
                  : QStringLiteral("Deal %1 unlinked from its MDF request").arg(m_p.value(m_o.deal)));
}

} // namespace

/// `mdf SUBCOMMAND …` (see kMdfUsage). `status`, `ledger` and `budget` without --name only read (they never create a
/// book); the others write one transaction each through the MDF repositories (ledger entries, balances, change log,
/// audit). A refused rule or an unknown budget, request, claim or partner: exit 2, nothing written.
int runMdfCommand(CliContext& context, const QStringList& args)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? context.err() : context.out()) << kMdfUsage;
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    const QString sub = args.at(1);
    static const QStringList subs{
        QStringLiteral("budget"),        QStringLiteral("allocate"), QStringLiteral("request"),
        QStringLiteral("approve"),       QStringLiteral("reject"),   QStringLiteral("claim"),
        QStringLiteral("approve-claim"), QStringLiteral("pay"),      QStringLiteral("close-period"),
        QStringLiteral("ledger"),        QStringLiteral("status"),   QStringLiteral("link-deal")};
    if (!subs.contains(sub)) {
        context.err() << "Unknown mdf subcommand '" << sub << "'\n" << kMdfUsage;
        return ExitUsage;
    }
    const MdfOptions options;
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kMdfUsage));
    context.addCommonOptions(p);
    p.addOption(options.json);
    p.addOptions(options.of(sub));
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    if (!p.parse(rest)) {
        context.err() << p.errorText() << "\n" << kMdfUsage;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        context.out() << kMdfUsage;
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty()) {
        context.err() << "mdf " << sub << " takes no positional arguments\n" << kMdfUsage;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("db")))
        context.databaseText = p.value(QStringLiteral("db"));
    const bool reads = sub == QLatin1String("status") || sub == QLatin1String("ledger") ||
                       (sub == QLatin1String("budget") && !p.isSet(options.name));
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, reads ? CliContext::Access::Read : CliContext::Access::Write);
    if (!db)
        return exitCode;
    try {
        MdfCommand command(context, *db, p, options);
        return command.run(sub);
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return exitCodeFor(e);
    }
}

} // namespace pd
