#include "io/BookTables.h"

#include "storage/ConflictRepository.h"
#include "storage/ContactRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"

#include <QHash>
#include <algorithm>
#include <limits>

namespace pd {

namespace {
ExportCell text(const QString& s)
{
    return ExportCell::ofText(s);
}

QStringList names(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* n : list)
        out.append(QString::fromLatin1(n));
    return out;
}
} // namespace

ExportTable BookTables::partners(Database& db, const Clock& clock)
{
    ExportTable t;
    t.name = QStringLiteral("partners");
    t.headers = names({"name", "key", "type", "stage", "tier", "territory", "channel_manager", "country", "city",
                       "contacts", "open_deals"});
    const QList<PartnerRow> rows = PartnerRepository(db, clock).listRows();
    t.rows.reserve(rows.size());
    for (const PartnerRow& r : rows) {
        const Partner& p = r.partner;
        t.rows.append({text(p.name), text(p.key), text(toString(p.type)), text(toString(p.stage)), text(p.tier),
                       text(p.territory), text(p.channelManager), text(p.country), text(p.city),
                       ExportCell::ofInteger(r.contactCount), ExportCell::ofInteger(r.openDealCount)});
    }
    return t;
}

ExportTable BookTables::deals(Database& db, const Clock& clock, const QStringList& statuses)
{
    QList<DealFilter> filters;
    for (const QString& status : statuses) {
        DealFilter f;
        f.status = status;
        filters.append(f);
    }
    return dealsOf(db, clock, filters.isEmpty() ? QList<DealFilter>{DealFilter()} : filters);
}

ExportTable BookTables::dealsMatching(Database& db, const Clock& clock, const DealFilter& filter)
{
    return dealsOf(db, clock, QList<DealFilter>{filter});
}

ExportTable BookTables::dealsOf(Database& db, const Clock& clock, const QList<DealFilter>& filters)
{
    ExportTable t;
    t.name = QStringLiteral("deals");
    t.headers = names({"registration_number", "external_id", "status", "partner_key", "partner_name", "contact",
                       "customer", "product", "registered_at", "expected_close", "closed_on", "amount", "currency"});
    QHash<QString, QString> contactNames;
    for (const Contact& c : ContactRepository(db, clock).listAll())
        contactNames.insert(c.id, c.name);

    const PipelineRepository pipeline(db);
    QList<DealListRow> all;
    // One query per filter: pages with OFFSET would read the rows before each page again (quadratic in the book).
    for (const DealFilter& f : filters)
        all.append(pipeline.list(f, std::numeric_limits<int>::max(), 0));
    if (filters.size() > 1) // each status came in number order; merge them
        std::stable_sort(all.begin(), all.end(), [](const DealListRow& a, const DealListRow& b) {
            return a.deal.registrationNumber < b.deal.registrationNumber;
        });
    t.rows.reserve(all.size());
    for (const DealListRow& r : all) {
        const Deal& d = r.deal;
        t.rows.append({ExportCell::ofInteger(d.registrationNumber), text(d.externalId), text(toString(d.status)),
                       text(r.partnerKey), text(r.partnerName), text(contactNames.value(d.contactId)),
                       text(r.accountName), text(r.productName), ExportCell::ofInstant(d.registeredAt),
                       ExportCell::ofDate(d.expectedClose), ExportCell::ofDate(d.closedOn),
                       d.amountMinor < 0 ? ExportCell{} : ExportCell::ofMoney(d.amountMinor, d.currency),
                       text(d.currency)});
    }
    return t;
}

ExportTable BookTables::conflicts(Database& db, const ProgramRules& rules)
{
    ExportTable t;
    t.name = QStringLiteral("conflicts");
    t.headers = names({"later_number", "later_partner_key", "later_partner_name", "later_status", "later_registered_at",
                       "earlier_number", "earlier_partner_key", "earlier_partner_name", "earlier_status",
                       "earlier_registered_at", "customer", "product", "seconds_first", "resolution", "reason"});
    const QList<ConflictInfo> all = ConflictRepository(db).allConflicts(rules);
    t.rows.reserve(all.size());
    const auto side = [](const ConflictSide& s) {
        return QList<ExportCell>{ExportCell::ofInteger(s.registrationNumber), text(s.partnerKey), text(s.partnerName),
                                 text(s.status), ExportCell::ofInstant(s.registeredAt)};
    };
    for (const ConflictInfo& c : all)
        t.rows.append(side(c.later) + side(c.earlier) +
                      QList<ExportCell>{text(c.customer), text(c.product), ExportCell::ofInteger(c.secondsFirst),
                                        text(c.resolution), text(c.reason)});
    return t;
}

} // namespace pd
