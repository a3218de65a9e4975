#include "storage/DealColumns.h"

#include "domain/Clock.h"
#include "storage/RowKeys.h"

#include <QSqlQuery>
#include <QStringList>

namespace pd {

QString dealColumns(const QString& alias)
{
    const QString a = alias.isEmpty() ? QStringLiteral("deals.") : alias;
    QStringList out;
    out << QStringLiteral("pd_uuid_text(%1id)").arg(a);
    for (const char* n : {"version", "external_id", "registration_number"})
        out << a + QLatin1String(n);
    out << idOfPk("partners", a + QLatin1String("partner_pk")) << idOfPk("contacts", a + QLatin1String("contact_pk"))
        << idOfPk("accounts", a + QLatin1String("account_pk")) << idOfPk("products", a + QLatin1String("product_pk"));
    for (const char* n :
         {"status", "registered_at", "expected_close", "closed_on", "amount_minor", "currency", "notes"})
        out << a + QLatin1String(n);
    return out.join(QStringLiteral(", "));
}

Deal readDealColumns(const QSqlQuery& q)
{
    Deal d;
    d.id = q.value(0).toString();
    d.version = q.value(1).toInt();
    d.externalId = q.value(2).toString();
    d.registrationNumber = q.value(3).toLongLong();
    d.partnerId = q.value(4).toString();
    d.contactId = q.value(5).toString();
    d.accountId = q.value(6).toString();
    d.productId = q.value(7).toString();
    d.status = dealStatusFromString(q.value(8).toString()).value_or(DealStatus::Draft);
    d.registeredAt = q.value(9).isNull() ? QDateTime() : fromIsoUtc(q.value(9).toString());
    d.expectedClose = QDate::fromString(q.value(10).toString(), Qt::ISODate);
    d.closedOn = QDate::fromString(q.value(11).toString(), Qt::ISODate);
    d.amountMinor = q.value(12).isNull() ? -1 : q.value(12).toLongLong();
    d.currency = q.value(13).toString();
    d.notes = q.value(14).toString();
    return d;
}

} // namespace pd
