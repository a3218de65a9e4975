#include "cli/DealPartiesCommand.h"

#include "cli/CliContext.h"
#include "domain/Money.h"
#include "storage/Database.h"
#include "storage/DealPartnerRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/StorageError.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

namespace pd {

namespace {

/// The registration as people name it: "#12", or "draft <id>" before it has a number.
QString dealName(const Deal& d)
{
    return d.registrationNumber > 0 ? QStringLiteral("#%1").arg(d.registrationNumber)
                                    : QStringLiteral("draft %1").arg(d.id);
}

class DealParties
{
public:
    DealParties(CliContext& context, Database& db) : m_ctx(context), m_db(db) {}

    int run(const QString& sub, const QStringList& args)
    {
        QCommandLineParser p;
        m_ctx.addCommonOptions(p);
        p.addOptions({m_deal, m_json});
        if (sub == QLatin1String("show")) {
            if (const int code = m_ctx.parse(p, args); code >= 0)
                return code;
            return show(p);
        }
        // partners|touches add|remove: the verb comes first.
        if (args.size() < 2 || (args.at(1) != QLatin1String("add") && args.at(1) != QLatin1String("remove")))
            return fail(QStringLiteral("deals %1 needs add or remove").arg(sub), ExitUsage);
        const bool add = args.at(1) == QLatin1String("add");
        QStringList rest = args.mid(2);
        rest.prepend(args.at(0) + QLatin1Char(' ') + args.at(1));
        p.addOptions({m_partner, m_role, m_type, m_date, m_id});
        if (const int code = m_ctx.parse(p, rest); code >= 0)
            return code;
        return sub == QLatin1String("partners") ? partners(p, add) : touches(p, add);
    }

private:
    int fail(const QString& message, int code)
    {
        m_ctx.err() << message << "\n";
        return code;
    }

    /// The deal named by --deal, or an empty row after printing why.
    std::optional<DealListRow> deal(const QCommandLineParser& p, int* code)
    {
        if (!p.isSet(m_deal)) {
            *code = fail(QStringLiteral("--deal is required"), ExitUsage);
            return std::nullopt;
        }
        DealFilter f;
        f.dealId = PipelineRepository(m_db).findDealId(p.value(m_deal));
        const QList<DealListRow> rows =
            f.dealId.isEmpty() ? QList<DealListRow>() : PipelineRepository(m_db).list(f, 1, 0);
        if (rows.isEmpty()) {
            *code = fail(QStringLiteral("--deal: no deal '%1'").arg(p.value(m_deal)), ExitInvalidInput);
            return std::nullopt;
        }
        return rows.constFirst();
    }

    std::optional<Partner> partner(const QCommandLineParser& p, int* code)
    {
        const auto found = PartnerRepository(m_db, m_ctx.clock()).findByKey(p.value(m_partner));
        if (!found)
            *code =
                fail(QStringLiteral("--partner: no partner with key '%1'").arg(p.value(m_partner)), ExitInvalidInput);
        return found;
    }

    int show(const QCommandLineParser& p)
    {
        int code = ExitOk;
        const auto row = deal(p, &code);
        if (!row)
            return code;
        const Deal& d = row->deal;
        const DealPartnerRepository repo(m_db, m_ctx.clock());
        const QList<DealPartner> further = repo.partners(d.id);
        const QList<StoredTouch> touches = repo.touches(d.id);
        if (p.isSet(m_json)) {
            QJsonArray partnersJson, touchesJson;
            for (const DealPartner& x : further)
                partnersJson.append(QJsonObject{{QLatin1String("id"), x.id},
                                                {QLatin1String("partner"), x.partnerKey},
                                                {QLatin1String("role"), x.role}});
            for (const StoredTouch& t : touches)
                touchesJson.append(QJsonObject{{QLatin1String("id"), t.id},
                                               {QLatin1String("partner"), t.partnerKey},
                                               {QLatin1String("type"), t.type},
                                               {QLatin1String("date"), t.date.toString(Qt::ISODate)}});
            m_ctx.printJson(QJsonObject{
                {QLatin1String("deal"), d.id},
                {QLatin1String("registration_number"), d.registrationNumber},
                {QLatin1String("external_id"), d.externalId},
                {QLatin1String("status"), toString(d.status)},
                {QLatin1String("partner"), row->partnerKey},
                {QLatin1String("customer"), row->accountName},
                {QLatin1String("product"), row->productName},
                {QLatin1String("registered_at"), d.registeredAt.isValid() ? toIsoUtc(d.registeredAt) : QString()},
                {QLatin1String("expected_close"), d.expectedClose.toString(Qt::ISODate)},
                {QLatin1String("closed_on"), d.closedOn.toString(Qt::ISODate)},
                {QLatin1String("amount"), d.amountMinor < 0 ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(decimalAmount(d.amountMinor, d.currency))},
                {QLatin1String("currency"), d.currency},
                {QLatin1String("further_partners"), partnersJson},
                {QLatin1String("touches"), touchesJson}});
            return ExitOk;
        }
        m_ctx.out() << "Registration " << dealName(d) << " (" << d.externalId << "): " << toString(d.status) << "\n"
                    << "  partner " << row->partnerKey << " (" << row->partnerName << "), customer " << row->accountName
                    << ", product " << row->productName << "\n"
                    << "  registered " << (d.registeredAt.isValid() ? toIsoUtc(d.registeredAt) : QStringLiteral("-"))
                    << ", expected close " << d.expectedClose.toString(Qt::ISODate) << ", closed "
                    << d.closedOn.toString(Qt::ISODate) << "\n"
                    << "  amount "
                    << (d.amountMinor < 0 ? QStringLiteral("-") : formatMoney({d.amountMinor, d.currency})) << "\n";
        for (const DealPartner& x : further)
            m_ctx.out() << "  further partner " << x.partnerKey << " (" << x.role << ") " << x.id << "\n";
        for (const StoredTouch& t : touches)
            m_ctx.out() << "  touch " << t.date.toString(Qt::ISODate) << " " << t.partnerKey << " " << t.type << " "
                        << t.id << "\n";
        return ExitOk;
    }

    int partners(const QCommandLineParser& p, bool add)
    {
        int code = ExitOk;
        const auto row = deal(p, &code);
        if (!row)
            return code;
        const auto pa = partner(p, &code);
        if (!pa)
            return code;
        DealPartnerRepository repo(m_db, m_ctx.clock());
        if (add) {
            if (!DealPartnerRepository::roles().contains(p.value(m_role)))
                return fail(QStringLiteral("--role: '%1' is not one of %2")
                                .arg(p.value(m_role), DealPartnerRepository::roles().join(QStringLiteral(", "))),
                            ExitInvalidInput);
            const QString id = repo.addPartner(row->deal.id, pa->id, p.value(m_role));
            m_ctx.out() << pa->key << " added to " << dealName(row->deal) << " as " << p.value(m_role) << " (" << id
                        << ")\n";
            return ExitOk;
        }
        for (const DealPartner& x : repo.partners(row->deal.id)) {
            if (x.partnerId == pa->id && (!p.isSet(m_role) || x.role == p.value(m_role))) {
                repo.removePartner(x.id);
                m_ctx.out() << pa->key << " (" << x.role << ") removed from " << dealName(row->deal) << "\n";
                return ExitOk;
            }
        }
        return fail(QStringLiteral("%1 is not a further partner on %2").arg(pa->key, dealName(row->deal)),
                    ExitInvalidInput);
    }

    int touches(const QCommandLineParser& p, bool add)
    {
        int code = ExitOk;
        const auto row = deal(p, &code);
        if (!row)
            return code;
        DealPartnerRepository repo(m_db, m_ctx.clock());
        if (!add) {
            if (!p.isSet(m_id))
                return fail(QStringLiteral("--id (the touch's id, as `deals show` lists it) is required"), ExitUsage);
            for (const StoredTouch& t : repo.touches(row->deal.id)) {
                if (t.id == p.value(m_id) && t.type != QLatin1String("registration")) {
                    repo.removeTouch(t.id);
                    m_ctx.out() << "Touch " << t.id << " removed from " << dealName(row->deal) << "\n";
                    return ExitOk;
                }
            }
            return fail(QStringLiteral("--id: %1 has no recorded touch '%2'").arg(dealName(row->deal), p.value(m_id)),
                        ExitInvalidInput);
        }
        const auto pa = partner(p, &code);
        if (!pa)
            return code;
        if (!DealPartnerRepository::touchTypes().contains(p.value(m_type)))
            return fail(QStringLiteral("--type: '%1' is not one of %2")
                            .arg(p.value(m_type), DealPartnerRepository::touchTypes().join(QStringLiteral(", "))),
                        ExitInvalidInput);
        const QDate date = QDate::fromString(p.value(m_date), Qt::ISODate);
        if (!date.isValid())
            return fail(QStringLiteral("--date: '%1' is not a date (expected YYYY-MM-DD)").arg(p.value(m_date)),
                        ExitInvalidInput);
        const QString id = repo.addTouch(row->deal.id, pa->id, p.value(m_type), date);
        m_ctx.out() << "Touch " << id << " added to " << dealName(row->deal) << "\n";
        return ExitOk;
    }

    CliContext& m_ctx;
    Database& m_db;
    const QCommandLineOption m_json{QStringLiteral("json"), QStringLiteral("Print JSON.")};
    const QCommandLineOption m_deal{QStringLiteral("deal"), QStringLiteral("The deal."), QStringLiteral("DEAL")};
    const QCommandLineOption m_partner{QStringLiteral("partner"), QStringLiteral("Partner key."),
                                       QStringLiteral("KEY")};
    const QCommandLineOption m_role{QStringLiteral("role"), QStringLiteral("Role of a further partner."),
                                    QStringLiteral("ROLE")};
    const QCommandLineOption m_type{QStringLiteral("type"), QStringLiteral("Touch type."), QStringLiteral("TYPE")};
    const QCommandLineOption m_date{QStringLiteral("date"), QStringLiteral("Touch date."), QStringLiteral("DATE")};
    const QCommandLineOption m_id{QStringLiteral("id"), QStringLiteral("A touch's id."), QStringLiteral("ID")};
};

} // namespace

int runDealPartiesCommand(CliContext& context, Database& db, const QString& sub, const QStringList& args)
{
    try {
        return DealParties(context, db).run(sub, args);
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return e.kind() == StorageError::Kind::NotFound ? ExitInvalidInput : ExitDatabase;
    }
}

} // namespace pd
