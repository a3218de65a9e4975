// `certs types|add|list`: certification types and the certifications partners' contacts hold (issue 9, items 5 and 8).
#include "cli/CliContext.h"

#include "domain/Certification.h"
#include "storage/CertificationRepository.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace pd {

namespace {

const char* const kCertsUsage =
    "Usage: partnerdesk-cli [--db DATABASE] certs SUBCOMMAND [options]\n"
    "\n"
    "  types [--json]                          the certification types (name, validity in months; 0: never expires)\n"
    "  types --add NAME --validity-months N    add a certification type\n"
    "  add --contact EMAIL_OR_NAME --partner KEY --type NAME --earned YYYY-MM-DD [--json]\n"
    "                                          record a certification a partner's contact earned (expiry = earned +\n"
    "                                          the type's validity)\n"
    "  list [--partner KEY] [--expiring-within DAYS] [--as-of YYYY-MM-DD] [--json]\n"
    "                                          certifications held on the as-of date (default: today), with their\n"
    "                                          status: valid, expiring (within 60 days) or expired; with\n"
    "                                          --expiring-within only those that expire after the as-of date and at\n"
    "                                          most DAYS days later\n";

QJsonValue dateValue(const QDate& d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

/// The CLI's `certs` command over an open book.
class CertsCommand
{
public:
    CertsCommand(CliContext& context, Database& db)
        : m_ctx(context), m_db(db), m_certs(db, context.clock()), m_partners(db, context.clock())
    {
    }

    int types(const QCommandLineParser& p, bool json, const QCommandLineOption& add,
              const QCommandLineOption& validity);
    int add(const QCommandLineParser& p, bool json, const QCommandLineOption& partner,
            const QCommandLineOption& contact, const QCommandLineOption& type, const QCommandLineOption& earned);
    int list(const QCommandLineParser& p, bool json, const QCommandLineOption& partner,
             const QCommandLineOption& within, const QCommandLineOption& asOf);

private:
    int fail(const QString& message, int code)
    {
        m_ctx.err() << message << "\n";
        return code;
    }
    QJsonObject certObject(const Certification& c, const QString& partnerKey, const QDate& on) const
    {
        return QJsonObject{{QLatin1String("id"), c.id},
                           {QLatin1String("partner"), partnerKey},
                           {QLatin1String("contact"), c.contactName},
                           {QLatin1String("type"), c.typeName},
                           {QLatin1String("earned_on"), dateValue(c.earnedOn)},
                           {QLatin1String("expires_on"), dateValue(c.expiresOn)},
                           {QLatin1String("status"), toString(certificationStatus(c, on))}};
    }

    CliContext& m_ctx;
    Database& m_db;
    CertificationRepository m_certs;
    PartnerRepository m_partners;
};

int CertsCommand::types(const QCommandLineParser& p, bool json, const QCommandLineOption& add,
                        const QCommandLineOption& validity)
{
    if (p.isSet(add)) {
        bool ok = false;
        CertificationType t;
        t.name = p.value(add).trimmed();
        t.validityMonths = p.value(validity).toInt(&ok);
        if (!p.isSet(validity) || !ok)
            return fail(QStringLiteral("types --add needs --validity-months N (a whole number of months, 0: never "
                                       "expires)"),
                        ExitUsage);
        if (t.name.isEmpty())
            return fail(QStringLiteral("A certification type needs a name"), ExitInvalidInput);
        if (m_certs.findTypeByName(t.name))
            return fail(QStringLiteral("A certification type named %1 already exists").arg(t.name), ExitInvalidInput);
        if (t.validityMonths < 0 || t.validityMonths > 600)
            return fail(QStringLiteral("--validity-months must be 0 (never expires) to 600"), ExitInvalidInput);
        m_certs.addType(t);
        if (json)
            m_ctx.printJson(QJsonObject{{QLatin1String("id"), t.id},
                                        {QLatin1String("name"), t.name},
                                        {QLatin1String("validity_months"), t.validityMonths}});
        else
            m_ctx.out() << "Certification type " << t.name << " added (valid " << t.validityMonths << " months)\n";
        return ExitOk;
    }
    if (p.isSet(validity))
        return fail(QStringLiteral("--validity-months goes with --add"), ExitUsage);
    const QList<CertificationType> all = m_certs.listTypes();
    QJsonArray list;
    for (const CertificationType& t : all) {
        if (json)
            list.append(QJsonObject{{QLatin1String("id"), t.id},
                                    {QLatin1String("name"), t.name},
                                    {QLatin1String("validity_months"), t.validityMonths}});
        else
            m_ctx.out() << t.name << "\t"
                        << (t.validityMonths == 0 ? QStringLiteral("never expires")
                                                  : QStringLiteral("%1 months").arg(t.validityMonths))
                        << "\n";
    }
    if (json)
        m_ctx.printJson(QJsonObject{{QLatin1String("count"), all.size()}, {QLatin1String("types"), list}});
    else
        m_ctx.out() << all.size() << " certification type(s)\n";
    return ExitOk;
}

int CertsCommand::add(const QCommandLineParser& p, bool json, const QCommandLineOption& partner,
                      const QCommandLineOption& contact, const QCommandLineOption& type,
                      const QCommandLineOption& earned)
{
    for (const QCommandLineOption* o : {&partner, &contact, &type, &earned})
        if (!p.isSet(*o))
            return fail(QStringLiteral("certs add needs --%1").arg(o->names().constFirst()), ExitUsage);
    const QDate earnedOn = QDate::fromString(p.value(earned), Qt::ISODate);
    if (!earnedOn.isValid())
        return fail(QStringLiteral("--earned: '%1' is not a date (expected YYYY-MM-DD)").arg(p.value(earned)),
                    ExitUsage);
    const std::optional<Partner> owner = m_partners.findByKey(p.value(partner));
    if (!owner)
        return fail(QStringLiteral("No partner with key '%1'").arg(p.value(partner)), ExitInvalidInput);
    const QString who = p.value(contact).trimmed();
    QList<Contact> matches;
    for (const Contact& c : ContactRepository(m_db, m_ctx.clock()).listForPartner(owner->id))
        if ((!c.email.isEmpty() && c.email.compare(who, Qt::CaseInsensitive) == 0) ||
            c.name.compare(who, Qt::CaseInsensitive) == 0)
            matches.append(c);
    if (matches.isEmpty())
        return fail(QStringLiteral("Partner %1 has no contact '%2'").arg(owner->key, who), ExitInvalidInput);
    if (matches.size() > 1)
        return fail(QStringLiteral("Partner %1 has %2 contacts named '%3'; give the email instead")
                        .arg(owner->key)
                        .arg(matches.size())
                        .arg(who),
                    ExitInvalidInput);
    const std::optional<CertificationType> t = m_certs.findTypeByName(p.value(type));
    if (!t)
        return fail(QStringLiteral("No certification type '%1' (see certs types)").arg(p.value(type)),
                    ExitInvalidInput);
    Certification c;
    c.contactId = matches.constFirst().id;
    c.typeId = t->id;
    c.earnedOn = earnedOn;
    m_certs.add(c);
    if (json)
        m_ctx.printJson(certObject(c, owner->key, m_ctx.clock().todayUtc()));
    else
        m_ctx.out() << "Certification " << c.typeName << " of " << c.contactName << " (" << owner->key << ") earned "
                    << earnedOn.toString(Qt::ISODate)
                    << (c.expiresOn.isValid() ? QStringLiteral(", expires ") + c.expiresOn.toString(Qt::ISODate)
                                              : QStringLiteral(", never expires"))
                    << "\n";
    return ExitOk;
}

int CertsCommand::list(const QCommandLineParser& p, bool json, const QCommandLineOption& partner,
                       const QCommandLineOption& within, const QCommandLineOption& asOf)
{
    QDate on = m_ctx.clock().todayUtc();
    if (p.isSet(asOf)) {
        on = QDate::fromString(p.value(asOf), Qt::ISODate);
        if (!on.isValid())
            return fail(QStringLiteral("--as-of: '%1' is not a date (expected YYYY-MM-DD)").arg(p.value(asOf)),
                        ExitUsage);
    }
    int days = -1;
    if (p.isSet(within)) {
        bool ok = false;
        days = p.value(within).toInt(&ok);
        if (!ok || days < 0)
            return fail(QStringLiteral("--expiring-within: '%1' is not a number of days").arg(p.value(within)),
                        ExitUsage);
    }
    QHash<QString, QString> keys;
    for (const PartnerRef& r : m_partners.listRefs())
        keys.insert(r.id, r.key);
    QList<Certification> certs;
    if (p.isSet(partner)) {
        const std::optional<Partner> owner = m_partners.findByKey(p.value(partner));
        if (!owner)
            return fail(QStringLiteral("No partner with key '%1'").arg(p.value(partner)), ExitInvalidInput);
        keys.insert(owner->id, owner->key);
        certs = m_certs.listForPartner(owner->id);
    } else {
        certs = days >= 0 ? m_certs.listExpiring(on.addDays(1), on.addDays(days)) : m_certs.listAll();
    }
    QJsonArray list;
    int count = 0;
    for (const Certification& c : std::as_const(certs)) {
        const CertificationStatus status = certificationStatus(c, on);
        if (status == CertificationStatus::NotYetEarned)
            continue; // not held on the as-of date
        if (days >= 0 && (!c.expiresOn.isValid() || c.expiresOn <= on || c.expiresOn > on.addDays(days)))
            continue;
        ++count;
        const QString key = keys.value(c.partnerId);
        if (json) {
            list.append(certObject(c, key, on));
        } else {
            QString when = QStringLiteral("never expires");
            if (c.expiresOn.isValid())
                when = status == CertificationStatus::Expired
                           ? QStringLiteral("expired %1").arg(c.expiresOn.toString(Qt::ISODate))
                           : QStringLiteral("expires %1 (in %2 days)")
                                 .arg(c.expiresOn.toString(Qt::ISODate))
                                 .arg(on.daysTo(c.expiresOn));
            m_ctx.out() << key << "\t" << c.contactName << "\t" << c.typeName << "\tearned "
                        << c.earnedOn.toString(Qt::ISODate) << "\t" << when << "\t" << toString(status) << "\n";
        }
    }
    if (json)
        m_ctx.printJson(QJsonObject{{QLatin1String("as_of"), on.toString(Qt::ISODate)},
                                    {QLatin1String("count"), count},
                                    {QLatin1String("certifications"), list}});
    else
        m_ctx.out() << count << " certification(s) on " << on.toString(Qt::ISODate) << "\n";
    return ExitOk;
}

} // namespace

/// `certs SUBCOMMAND …` (see kCertsUsage). `types` and `list` only read (they never create a book); `types --add`
/// and `add` write (one transaction each, audited, logged for sync). Unknown partner, contact or type: exit 2.
int runCertsCommand(CliContext& context, const QStringList& args)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h")) {
        (args.size() < 2 ? context.err() : context.out()) << kCertsUsage;
        return args.size() < 2 ? ExitUsage : ExitOk;
    }
    const QString sub = args.at(1);
    if (!QStringList{QStringLiteral("types"), QStringLiteral("add"), QStringLiteral("list")}.contains(sub)) {
        context.err() << "Unknown certs subcommand '" << sub << "'\n" << kCertsUsage;
        return ExitUsage;
    }
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromLatin1(kCertsUsage));
    context.addCommonOptions(p);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption addType(QStringLiteral("add"), QStringLiteral("New type's name."), QStringLiteral("NAME"));
    const QCommandLineOption validity(QStringLiteral("validity-months"), QStringLiteral("Months valid."),
                                      QStringLiteral("N"));
    const QCommandLineOption partner(QStringLiteral("partner"), QStringLiteral("Partner key."), QStringLiteral("KEY"));
    const QCommandLineOption contact(QStringLiteral("contact"), QStringLiteral("Contact's email or name."),
                                     QStringLiteral("EMAIL_OR_NAME"));
    const QCommandLineOption type(QStringLiteral("type"), QStringLiteral("Certification type."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption earned(QStringLiteral("earned"), QStringLiteral("Date earned."), QStringLiteral("DATE"));
    const QCommandLineOption within(QStringLiteral("expiring-within"), QStringLiteral("Days ahead."),
                                    QStringLiteral("DAYS"));
    const QCommandLineOption asOf(QStringLiteral("as-of"), QStringLiteral("Evaluation date."), QStringLiteral("DATE"));
    p.addOption(json);
    if (sub == QLatin1String("types"))
        p.addOptions({addType, validity});
    else if (sub == QLatin1String("add"))
        p.addOptions({partner, contact, type, earned});
    else
        p.addOptions({partner, within, asOf});
    QStringList rest = args.mid(2);
    rest.prepend(args.at(0) + QLatin1Char(' ') + sub);
    if (!p.parse(rest)) {
        context.err() << p.errorText() << "\n" << kCertsUsage;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        context.out() << kCertsUsage;
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty()) {
        context.err() << "certs " << sub << " takes no positional arguments\n" << kCertsUsage;
        return ExitUsage;
    }
    if (p.isSet(QStringLiteral("db")))
        context.databaseText = p.value(QStringLiteral("db"));
    const bool writes = sub == QLatin1String("add") || (sub == QLatin1String("types") && p.isSet(addType));
    int exitCode = ExitOk;
    auto db = context.openDatabase(&exitCode, writes ? CliContext::Access::Write : CliContext::Access::Read);
    if (!db)
        return exitCode;
    try {
        CertsCommand command(context, *db);
        if (sub == QLatin1String("types"))
            return command.types(p, p.isSet(json), addType, validity);
        if (sub == QLatin1String("add"))
            return command.add(p, p.isSet(json), partner, contact, type, earned);
        return command.list(p, p.isSet(json), partner, within, asOf);
    } catch (const StorageError& e) {
        context.err() << e.message() << "\n";
        return ExitDatabase;
    }
}

} // namespace pd
