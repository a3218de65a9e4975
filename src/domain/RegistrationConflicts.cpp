#include "domain/RegistrationConflicts.h"

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

qint64 protectionEndMs(const RegistrationFacts& r, const ProgramRules& rules)
{
    const QDateTime end = protectionEnd(r, rules);
    return end.isValid() ? end.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}
} // namespace

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
    // Group positions by (product, customer name) and (product, customer domain).
    QHash<QString, std::vector<int>> groups;
    for (qsizetype i = 0; i < n; ++i) {
        const RegistrationFacts& r = regs[i];
        if (!r.registeredAt.isValid() || r.productKey.isEmpty())
            continue;
        if (!r.customerKey.isEmpty())
            groups[QStringLiteral("n\x1f") + r.productKey + QLatin1Char('\x1f') + r.customerKey].push_back(int(i));
        if (!r.customerDomain.isEmpty())
            groups[QStringLiteral("d\x1f") + r.productKey + QLatin1Char('\x1f') + r.customerDomain].push_back(int(i));
    }
    std::vector<std::pair<int, int>> pairs; // (later position, earlier position)
    std::vector<int> live;                  // positions of earlier registrations still protected at the current one
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        std::vector<int>& g = it.value();
        std::sort(g.begin(), g.end(), [&](int a, int b) {
            return regMs[a] != regMs[b] ? regMs[a] < regMs[b] : regs[a].number < regs[b].number;
        });
        live.clear();
        for (int pos : g) {
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
    }
    std::sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
        auto key = [&](int p) { return std::tuple(regMs[p], regs[p].number, p); };
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
