#include "domain/RegistrationConflicts.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>
#include <algorithm>
#include <tuple>
#include <vector>

namespace pd {

namespace {
bool closesEarly(DealStatus s)
{
    return s == DealStatus::Won || s == DealStatus::Lost || s == DealStatus::Rejected;
}

bool canBeProtected(const RegistrationFacts& r)
{
    return r.registeredAt.isValid() && r.status != DealStatus::Draft && r.status != DealStatus::Rejected;
}

constexpr qint64 kDayMs = 86400000;

/// protectionEnd() in milliseconds since the epoch, with plain arithmetic (UTC has no DST): the hot path of
/// the full scan.
qint64 protectionEndMs(const RegistrationFacts& r, const ProgramRules& rules)
{
    if (!r.registeredAt.isValid())
        return std::numeric_limits<qint64>::min();
    qint64 end =
        r.registeredAt.toMSecsSinceEpoch() + (rules.protectionDays + (r.extended ? rules.extensionDays : 0)) * kDayMs;
    if (closesEarly(r.status) && r.closedOn.isValid()) {
        const qint64 closed = (r.closedOn.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * kDayMs;
        end = std::min(end, closed);
    }
    return end;
}
} // namespace

QString firstByText(qint64 seconds)
{
    // Explicit singular and plural: the English text must read right without a translation loaded.
    auto tr = [](const char* text) { return QCoreApplication::translate("RegistrationConflicts", text); };
    if (seconds >= 86400) {
        const qint64 n = seconds / 86400;
        return n == 1 ? tr("1 day") : tr("%1 days").arg(n);
    }
    if (seconds >= 3600) {
        const qint64 n = seconds / 3600;
        return n == 1 ? tr("1 hour") : tr("%1 hours").arg(n);
    }
    if (seconds <= 0)
        return tr("same instant, lower number");
    if (seconds < 60)
        return tr("less than a minute");
    const qint64 n = seconds / 60;
    return n == 1 ? tr("1 minute") : tr("%1 minutes").arg(n);
}

QDateTime protectionEnd(const RegistrationFacts& r, const ProgramRules& rules)
{
    if (!r.registeredAt.isValid())
        return {};
    QDateTime end = r.registeredAt.addDays(rules.protectionDays + (r.extended ? rules.extensionDays : 0));
    if (closesEarly(r.status) && r.closedOn.isValid()) {
        const QDateTime closed = r.closedOn.startOfDay(Qt::UTC);
        if (closed < end)
            end = closed;
    }
    return end;
}

bool conflicts(const RegistrationFacts& later, const RegistrationFacts& earlier, const ProgramRules& rules)
{
    if (later.status == DealStatus::Draft || !later.registeredAt.isValid() || !canBeProtected(earlier))
        return false;
    if (later.partnerId == earlier.partnerId || later.productKey.isEmpty() || later.productKey != earlier.productKey)
        return false;
    const bool sameName = !later.customerKey.isEmpty() && later.customerKey == earlier.customerKey;
    const bool sameDomain = !later.customerDomain.isEmpty() && later.customerDomain == earlier.customerDomain;
    if (!sameName && !sameDomain)
        return false;
    if (earlier.registeredAt > later.registeredAt ||
        (earlier.registeredAt == later.registeredAt && earlier.number >= later.number))
        return false;
    return later.registeredAt < protectionEnd(earlier, rules);
}

QList<ConflictPair> findConflicts(const QList<RegistrationFacts>& regs, const ProgramRules& rules)
{
    const qsizetype n = regs.size();
    std::vector<qint64> regMs(n), endMs(n);
    for (qsizetype i = 0; i < n; ++i) {
        regMs[i] = regs[i].registeredAt.isValid() ? regs[i].registeredAt.toMSecsSinceEpoch() : 0;
        endMs[i] = protectionEndMs(regs[i], rules);
    }
    // Intern product, customer and domain keys, then group by sorting (group, registered_at, number) once:
    // one pass of hashing and one sort instead of a hash of string-keyed buckets.
    QHash<QString, int> productIds, customerIds, domainIds;
    auto intern = [](QHash<QString, int>& table, const QString& key) {
        auto it = table.constFind(key);
        if (it != table.cend())
            return it.value();
        const int id = int(table.size());
        table.insert(key, id);
        return id;
    };
    struct Entry
    {
        quint64 group; // (kind, product, customer or domain)
        qint64 regMs;
        qint64 number;
        int pos;
    };
    std::vector<Entry> entries;
    entries.reserve(size_t(n));
    for (qsizetype i = 0; i < n; ++i) {
        const RegistrationFacts& r = regs[i];
        if (!r.registeredAt.isValid() || r.productKey.isEmpty())
            continue;
        const quint64 product = quint64(intern(productIds, r.productKey)) << 32;
        // Bit 31 of the low word tells a domain group from a name group.
        if (!r.customerKey.isEmpty())
            entries.push_back({product | quint64(intern(customerIds, r.customerKey)), regMs[i], r.number, int(i)});
        if (!r.customerDomain.isEmpty())
            entries.push_back(
                {product | 0x80000000u | quint64(intern(domainIds, r.customerDomain)), regMs[i], r.number, int(i)});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.group, a.regMs, a.number, a.pos) < std::tie(b.group, b.regMs, b.number, b.pos);
    });
    std::vector<std::pair<int, int>> pairs; // (later position, earlier position)
    std::vector<int> live;                  // positions of earlier registrations still protected at the current one
    for (size_t start = 0; start < entries.size();) {
        size_t end = start;
        while (end < entries.size() && entries[end].group == entries[start].group)
            ++end;
        live.clear();
        for (size_t k = start; k < end; ++k) {
            const int pos = entries[k].pos;
            const RegistrationFacts& r = regs[pos];
            std::erase_if(live, [&](int e) { return endMs[e] <= regMs[pos]; });
            if (r.status != DealStatus::Draft) {
                for (int e : live)
                    if (regs[e].partnerId != r.partnerId)
                        pairs.emplace_back(pos, e);
            }
            if (canBeProtected(r) && endMs[pos] > regMs[pos])
                live.push_back(pos);
        }
        start = end;
    }
    auto key = [&](int p) { return std::tuple(regMs[p], regs[p].number, p); };
    std::sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first)
            return key(a.first) < key(b.first);
        return key(a.second) < key(b.second);
    });
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    QList<ConflictPair> out;
    out.reserve(qsizetype(pairs.size()));
    for (const auto& [later, earlier] : pairs)
        out.append({regs[later].index, regs[earlier].index, (regMs[later] - regMs[earlier]) / 1000});
    return out;
}

} // namespace pd
