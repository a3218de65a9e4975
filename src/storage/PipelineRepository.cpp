#include "storage/PipelineRepository.h"

#include "domain/Clock.h"
#include "domain/DealWorkflow.h"
#include "storage/Database.h"
#include "storage/DealColumns.h"
#include "storage/FxRepository.h"
#include "storage/RowKeys.h"

#include <QHash>
#include <QSqlQuery>

namespace pd {

std::optional<double> PipelineSummary::winRate() const
{
    if (wonCount + lostCount == 0)
        return std::nullopt;
    return double(wonCount) / double(wonCount + lostCount);
}

std::optional<double> PipelineSummary::winRateByAmount() const
{
    if (wonAmountMinor + lostAmountMinor == 0)
        return std::nullopt;
    return double(wonAmountMinor) / double(wonAmountMinor + lostAmountMinor);
}

namespace {
/// Text of a status as stored and bound.
QVariant statusValue(DealStatus s)
{
    return toString(s);
}
} // namespace

QList<PipelineSummary> PipelineRepository::summary(const QDate& asOf, const ProgramRules& rules,
                                                   const QString& currency, bool byPartner) const
{
    const QDate periodStart = quarterStart(asOf);
    const QString day = asOf.toString(Qt::ISODate);
    // The as-of rule of openStatusAsOf (domain/DealWorkflow.h), built from the domain's definitions with bound
    // values: a deal that entered the book by the end of `asOf` gets the probability (percent) of the open status it
    // had then, else NULL. The number, not the status's name: the sums below read it three times, and SQLite
    // evaluates this expression again for each (1M deals: 0.64 → 0.57 s).
    QVariantList statusBinds;
    QString asOfStatus = QStringLiteral("CASE");
    for (DealStatus s : openStatuses()) {
        asOfStatus += QStringLiteral(" WHEN d.status = ? THEN CAST(? AS INTEGER)"); // PostgreSQL: not text
        statusBinds << statusValue(s) << rules.probability(s);
    }
    for (DealStatus s : {DealStatus::Won, DealStatus::Lost, DealStatus::Rejected}) {
        asOfStatus += QStringLiteral(" WHEN d.status = ? AND d.closed_on > ? THEN CAST(? AS INTEGER)");
        statusBinds << statusValue(s) << day << rules.probability(*statusBeforeClosing(s));
    }
    const QDate next = asOf.addDays(1);
    asOfStatus += QStringLiteral(" WHEN d.status = ? AND ((d.extended = 0 AND d.registered_at > ?) OR "
                                 "(d.extended <> 0 AND d.registered_at > ?)) THEN CAST(? AS INTEGER)");
    statusBinds << statusValue(DealStatus::Expired) << toIsoUtc(overdueRegisteredBy(next, rules, false))
                << toIsoUtc(overdueRegisteredBy(next, rules, true))
                << rules.probability(*statusBeforeClosing(DealStatus::Expired));
    asOfStatus += QStringLiteral(" ELSE NULL END");

    // Two passes. The first sums the deals in `currency` (as before FX rates existed: a book in one currency pays
    // nothing for conversion) and counts the others. Only when there are others, the second sums those per
    // (currency, conversion month) group (FxRepository::conversionMonthSql: a won or lost deal at its close month, an
    // open one at the month of `asOf`), and each group's sums convert once with the book's rates.
    auto run = [&](bool others) {
        QVariantList monthBinds;
        QString fxMonth;
        if (others) {
            fxMonth = QStringLiteral(", ") +
                      FxRepository::conversionMonthSql(QStringLiteral("d.status IN (?, ?) AND d.closed_on <= ?"),
                                                       QStringLiteral("d.closed_on")) +
                      QStringLiteral(" AS fx_month");
            monthBinds << statusValue(DealStatus::Won) << statusValue(DealStatus::Lost) << day
                       << asOf.toString(QStringLiteral("yyyy-MM"));
        }
        const QString inner =
            QStringLiteral(
                "SELECT d.partner_pk, d.currency, d.status, d.closed_on, d.amount_minor, "
                "COALESCE(d.amount_minor, (SELECT p.list_price_minor FROM products p WHERE p.pk = d.product_pk)) "
                "AS value%2, CASE WHEN COALESCE(d.registered_at, d.created_at) < ? THEN %1 ELSE NULL END AS "
                "open_probability FROM deals d WHERE d.deleted_at IS NULL%3")
                .arg(asOfStatus, fxMonth, others ? QStringLiteral(" AND d.currency <> ?") : QString());

        // First pass: each aggregate counts deals in `currency` only (the "inCurrency" test binds the currency).
        // Second pass: the inner query holds only the other currencies; the test is dropped.
        const QString inCurrency = others ? QStringLiteral("1 = 1") : QStringLiteral("x.currency = ?");
        QVariantList binds;
        auto bindCurrency = [&] {
            if (!others)
                binds << currency;
        };
        QStringList sums = {
            QStringLiteral("CASE WHEN x.open_probability IS NOT NULL AND %1 THEN 1 ELSE 0 END").arg(inCurrency),
            QStringLiteral("CASE WHEN x.open_probability IS NOT NULL AND %1 THEN x.value ELSE 0 END").arg(inCurrency),
            QStringLiteral("CASE WHEN %1 THEN COALESCE(x.open_probability * x.value, 0) ELSE 0 END").arg(inCurrency),
        };
        bindCurrency();
        bindCurrency();
        bindCurrency();
        auto closed = [&](DealStatus s, const QString& extra, const QString& what, const QVariantList& extraBinds) {
            sums << QStringLiteral("CASE WHEN %1 AND x.status = ? %2 AND x.closed_on <= ? THEN %3 ELSE 0 END")
                        .arg(inCurrency, extra, what);
            bindCurrency();
            binds << statusValue(s) << extraBinds << day;
        };
        closed(DealStatus::Won, QStringLiteral("AND x.closed_on >= ?"), QStringLiteral("x.amount_minor"),
               {periodStart.toString(Qt::ISODate)});
        closed(DealStatus::Won, QString(), QStringLiteral("1"), {});
        closed(DealStatus::Lost, QString(), QStringLiteral("1"), {});
        closed(DealStatus::Won, QString(), QStringLiteral("COALESCE(x.amount_minor, 0)"), {});
        closed(DealStatus::Lost, QString(), QStringLiteral("COALESCE(x.amount_minor, 0)"), {});
        if (others) {
            // The deals a figure counts (open as of `asOf`, or won or lost by then): those left out when no rate.
            sums << QStringLiteral("CASE WHEN x.open_probability IS NOT NULL OR (x.status IN (?, ?) AND "
                                   "x.closed_on <= ?) THEN 1 ELSE 0 END");
            binds << statusValue(DealStatus::Won) << statusValue(DealStatus::Lost) << day;
        } else {
            sums << QStringLiteral("CASE WHEN %1 THEN 0 ELSE 1 END").arg(inCurrency);
            binds << currency;
        }

        QStringList columns;
        for (qsizetype i = 0; i < sums.size(); ++i)
            columns << QStringLiteral("CAST(COALESCE(SUM(%1), 0) AS BIGINT) AS s%2").arg(sums[i]).arg(i);
        QStringList groupBy;
        if (byPartner)
            groupBy << QStringLiteral("x.partner_pk");
        if (others)
            groupBy << QStringLiteral("x.currency") << QStringLiteral("x.fx_month");
        const QString aggregate =
            QStringLiteral("SELECT %1%2 FROM (%3) x%4")
                .arg(byPartner ? QStringLiteral("x.partner_pk AS partner_pk, ") : QString(),
                     (others ? QStringLiteral("x.currency AS currency, x.fx_month AS fx_month, ") : QString()) +
                         columns.join(QStringLiteral(", ")),
                     inner,
                     groupBy.isEmpty() ? QString() : QStringLiteral(" GROUP BY ") + groupBy.join(QStringLiteral(", ")));
        QStringList outer;
        for (qsizetype i = 0; i < sums.size(); ++i)
            outer << QStringLiteral("g.s%1").arg(i);
        if (others)
            outer << QStringLiteral("g.currency") << QStringLiteral("g.fx_month");
        // Per partner: aggregate on deals.partner_pk first, then one join per partner (not per deal) for the key.
        const QString sql =
            byPartner
                ? QStringLiteral("SELECT pd_uuid_text(pa.id), pa.partner_key, %1 FROM (%2) g JOIN partners pa "
                                 "ON pa.pk = g.partner_pk ORDER BY pa.partner_key")
                      .arg(outer.join(QStringLiteral(", ")), aggregate)
                : QStringLiteral("SELECT '', '', %1 FROM (%2) g").arg(outer.join(QStringLiteral(", ")), aggregate);
        QSqlQuery q = m_db.prepare(sql);
        // Bind order follows the text: the aggregate columns come before the inner query.
        for (const QVariant& v : std::as_const(binds))
            q.addBindValue(v);
        for (const QVariant& v : std::as_const(monthBinds))
            q.addBindValue(v);
        q.addBindValue(toIsoUtc(next.startOfDay(Qt::UTC)));
        for (const QVariant& v : std::as_const(statusBinds))
            q.addBindValue(v);
        if (others)
            q.addBindValue(currency);
        Database::exec(q, QStringLiteral("Summing the pipeline"));
        return q;
    };

    QList<PipelineSummary> out;
    QHash<QString, qsizetype> rowOfPartner;
    bool anyOther = false;
    QSqlQuery q = run(false);
    while (q.next()) {
        PipelineSummary s;
        s.partnerId = q.value(0).toString();
        s.partnerKey = q.value(1).toString();
        s.currency = currency;
        s.openCount = q.value(2).toLongLong();
        s.openAmountMinor = q.value(3).toLongLong();
        s.weightedX100 = q.value(4).toLongLong();
        s.wonPeriodMinor = q.value(5).toLongLong();
        s.wonCount = q.value(6).toLongLong();
        s.lostCount = q.value(7).toLongLong();
        s.wonAmountMinor = q.value(8).toLongLong();
        s.lostAmountMinor = q.value(9).toLongLong();
        s.otherCurrencyDeals = q.value(10).toLongLong();
        s.periodStart = periodStart;
        s.periodEnd = asOf;
        s.fx.reportingCurrency = currency;
        anyOther = anyOther || s.otherCurrencyDeals > 0;
        rowOfPartner.insert(s.partnerId, out.size());
        out.append(s);
    }
    if (!anyOther)
        return out;
    for (PipelineSummary& s : out)
        s.otherCurrencyDeals = 0; // from here: the deals left out for want of a rate
    const FxRateTable rates = FxRepository::table(m_db);
    QSqlQuery o = run(true);
    while (o.next()) {
        const auto row = rowOfPartner.constFind(o.value(0).toString());
        if (row == rowOfPartner.constEnd())
            continue;
        PipelineSummary& s = out[*row];
        const QString from = o.value(11).toString(), month = o.value(12).toString();
        const qint64 deals = o.value(10).toLongLong();
        if (deals == 0)
            continue;
        // Counts need no rate; the amounts of a group convert together (its sums in minor units of `from`).
        s.openCount += o.value(2).toLongLong();
        s.wonCount += o.value(6).toLongLong();
        s.lostCount += o.value(7).toLongLong();
        const qint64 amounts[] = {o.value(3).toLongLong(), o.value(4).toLongLong(), o.value(5).toLongLong(),
                                  o.value(8).toLongLong(), o.value(9).toLongLong()};
        qint64 converted[5];
        bool ok = true;
        for (int i = 0; i < 5 && ok; ++i) {
            const auto c = rates.convert(amounts[i], from, month, currency, nullptr);
            ok = c.has_value();
            converted[i] = c.value_or(0);
        }
        // Recorded once per group: the rates used, or the group's deals left out.
        rates.convert(0, from, month, currency, &s.fx, deals);
        if (!ok) {
            s.otherCurrencyDeals += deals;
            continue;
        }
        s.openAmountMinor += converted[0];
        s.weightedX100 += converted[1];
        s.wonPeriodMinor += converted[2];
        s.wonAmountMinor += converted[3];
        s.lostAmountMinor += converted[4];
    }
    return out;
}

QString PipelineRepository::where(const DealFilter& f, QVariantList& binds) const
{
    // Only columns of `deals` (and subqueries on the small tables), so counting a million rows needs no join.
    QString w = QStringLiteral(" WHERE d.deleted_at IS NULL");
    auto add = [&](const QString& clause, const QVariant& v) {
        w += QStringLiteral(" AND ") + clause;
        binds << v;
    };
    if (!f.dealId.isEmpty())
        add(QStringLiteral("d.id = pd_uuid(?)"), f.dealId);
    if (!f.status.isEmpty())
        add(QStringLiteral("d.status = ?"), f.status);
    if (!f.partnerId.isEmpty())
        add(QStringLiteral("d.partner_pk = %1").arg(pkOfId("partners")), f.partnerId);
    if (!f.partnerKey.isEmpty())
        add(QStringLiteral("d.partner_pk IN (SELECT pk FROM partners WHERE partner_key = ?)"), f.partnerKey);
    if (!f.territory.isEmpty())
        add(QStringLiteral("d.partner_pk IN (SELECT pk FROM partners WHERE territory = ?)"), f.territory);
    if (!f.productId.isEmpty())
        add(QStringLiteral("d.product_pk = %1").arg(pkOfId("products")), f.productId);
    if (f.closeFrom.isValid())
        add(QStringLiteral("COALESCE(d.closed_on, d.expected_close) >= ?"), f.closeFrom.toString(Qt::ISODate));
    if (f.closeTo.isValid())
        add(QStringLiteral("COALESCE(d.closed_on, d.expected_close) <= ?"), f.closeTo.toString(Qt::ISODate));
    if (f.registeredFrom.isValid())
        add(QStringLiteral("d.registered_at >= ?"), toIsoUtc(f.registeredFrom.startOfDay(Qt::UTC)));
    if (f.registeredTo.isValid())
        add(QStringLiteral("d.registered_at < ?"), toIsoUtc(f.registeredTo.addDays(1).startOfDay(Qt::UTC)));
    if (f.minAmountMinor >= 0)
        add(QStringLiteral("d.amount_minor >= ?"), f.minAmountMinor);
    if (f.maxAmountMinor >= 0)
        add(QStringLiteral("d.amount_minor <= ?"), f.maxAmountMinor);
    if (!f.search.isEmpty()) {
        // No lower() on a million rows: the dialect's case-insensitive LIKE, with the text matched literally.
        const QString like = m_db.caseInsensitiveLike();
        const QString pattern = Database::containsPattern(f.search);
        w += QStringLiteral(" AND (d.external_id %1 ? ESCAPE '\\' OR "
                            "d.account_pk IN (SELECT pk FROM accounts WHERE name %1 ? ESCAPE '\\') OR "
                            "d.partner_pk IN (SELECT pk FROM partners WHERE name %1 ? ESCAPE '\\' OR "
                            "partner_key %1 ? ESCAPE '\\') OR "
                            "d.product_pk IN (SELECT pk FROM products WHERE name %1 ? ESCAPE '\\'))")
                 .arg(like);
        binds << pattern << pattern << pattern << pattern << pattern;
    }
    return w;
}

namespace {
/// The ORDER BY clause of a DealSort (ties by registration number, then the row key, so pages never overlap).
QString orderBy(const DealFilter& filter)
{
    QString key;
    switch (filter.sort) {
    case DealSort::Number:
        key = QString();
        break;
    case DealSort::Status:
        key = QStringLiteral("d.status");
        break;
    case DealSort::Partner:
        key = QStringLiteral("pa.partner_key");
        break;
    case DealSort::Customer:
        key = QStringLiteral("COALESCE(a.name, '')");
        break;
    case DealSort::Product:
        key = QStringLiteral("p.name");
        break;
    case DealSort::Amount:
        key = QStringLiteral("COALESCE(d.amount_minor, -1)");
        break;
    case DealSort::ExpectedClose:
        key = QStringLiteral("COALESCE(d.closed_on, d.expected_close, '')");
        break;
    case DealSort::Registered:
        key = QStringLiteral("COALESCE(d.registered_at, '')");
        break;
    }
    const QString dir = filter.descending ? QStringLiteral(" DESC") : QString();
    const QString tie = QStringLiteral("d.registration_number%1, d.pk%1").arg(dir);
    return key.isEmpty() ? tie : key + dir + QStringLiteral(", ") + tie;
}
} // namespace

QList<DealListRow> PipelineRepository::list(const DealFilter& filter, int limit, int offset) const
{
    QVariantList binds;
    const QString w = where(filter, binds);
    const QString select =
        QStringLiteral("SELECT %1, pa.partner_key, pa.name, a.name, p.name, pa.territory, d.extended "
                       "FROM deals d JOIN partners pa ON pa.pk = d.partner_pk JOIN products p ON p.pk = d.product_pk "
                       "LEFT JOIN accounts a ON a.pk = d.account_pk")
            .arg(dealColumns(QStringLiteral("d.")));
    QSqlQuery q = m_db.prepare(select + w + QStringLiteral(" ORDER BY %1 LIMIT ? OFFSET ?").arg(orderBy(filter)));
    for (const QVariant& v : binds)
        q.addBindValue(v);
    q.addBindValue(limit);
    q.addBindValue(offset);
    Database::exec(q, QStringLiteral("Listing deals"));
    QList<DealListRow> out;
    while (q.next()) {
        DealListRow r;
        r.deal = readDealColumns(q);
        r.partnerKey = q.value(15).toString();
        r.partnerName = q.value(16).toString();
        r.accountName = q.value(17).toString();
        r.productName = q.value(18).toString();
        r.territory = q.value(19).toString();
        r.extended = q.value(20).toInt() != 0;
        out.append(r);
    }
    return out;
}

qint64 PipelineRepository::count(const DealFilter& filter) const
{
    QVariantList binds;
    const QString w = where(filter, binds);
    // Every deal has its partner and product (foreign keys), so the joins only matter when the filter reads them.
    const bool needsJoins = !filter.partnerKey.isEmpty() || !filter.territory.isEmpty() || !filter.search.isEmpty();
    QSqlQuery q = m_db.prepare((needsJoins ? QStringLiteral("SELECT COUNT(*) FROM deals d JOIN partners pa ON pa.pk = "
                                                            "d.partner_pk JOIN products p ON p.pk = d.product_pk "
                                                            "LEFT JOIN accounts a ON a.pk = d.account_pk")
                                           : QStringLiteral("SELECT COUNT(*) FROM deals d")) +
                               w);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    Database::exec(q, QStringLiteral("Counting deals"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

QString PipelineRepository::findDealId(const QString& text) const
{
    QString number = text.trimmed();
    if (number.startsWith(QLatin1Char('#')))
        number.remove(0, 1);
    bool isNumber = false;
    const qint64 n = number.toLongLong(&isNumber);
    QSqlQuery q = m_db.prepare(
        QStringLiteral("SELECT pd_uuid_text(id) FROM deals WHERE deleted_at IS NULL AND (id = pd_uuid(?) OR "
                       "external_id = ? OR "
                       "(registration_number = ? AND registration_number > 0)) "
                       "ORDER BY CASE WHEN id = pd_uuid(?) THEN 0 WHEN external_id = ? THEN 1 ELSE 2 END"));
    q.addBindValue(text);
    q.addBindValue(text);
    q.addBindValue(isNumber ? n : qint64(-1));
    q.addBindValue(text);
    q.addBindValue(text);
    Database::exec(q, QStringLiteral("Finding the deal"));
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace pd
