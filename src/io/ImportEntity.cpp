#include "io/ImportEntity.h"

namespace pd {

QString toString(ImportEntity e)
{
    switch (e) {
    case ImportEntity::Products:
        return QStringLiteral("products");
    case ImportEntity::Partners:
        return QStringLiteral("partners");
    case ImportEntity::Contacts:
        return QStringLiteral("contacts");
    case ImportEntity::Accounts:
        return QStringLiteral("accounts");
    case ImportEntity::Deals:
        return QStringLiteral("deals");
    }
    return {};
}

std::optional<ImportEntity> importEntityFromString(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (ImportEntity e : {ImportEntity::Products, ImportEntity::Partners, ImportEntity::Contacts,
                           ImportEntity::Accounts, ImportEntity::Deals}) {
        if (t == toString(e))
            return e;
    }
    return std::nullopt;
}

QStringList unmappedRequiredFields(ImportEntity e, const std::function<bool(const QString&)>& isMapped)
{
    QStringList missing;
    for (const ImportField& field : importFields(e))
        if (field.required && !isMapped(field.name))
            missing.append(field.name);
    // A deal's partner comes from its contact or, when there is none, from partner_key: either one will do.
    if (e == ImportEntity::Deals && isMapped(QStringLiteral("partner_key")))
        missing.removeOne(QStringLiteral("contact"));
    return missing;
}

QList<ImportField> importFields(ImportEntity e)
{
    auto f = [](const char* name, const char* label, bool required, const char* description) {
        return ImportField{QString::fromLatin1(name), QString::fromLatin1(label), required,
                           QString::fromLatin1(description)};
    };
    switch (e) {
    case ImportEntity::Products:
        return {f("name", "Name", true, "text; products are matched by normalized name (\"GTXPro\" = \"GTX Pro\")"),
                f("product_line", "Product line", false, "text, e.g. a series"),
                f("list_price", "List price", false,
                  "decimal in the profile's number format, in the currency's units, not negative"),
                f("currency", "Currency", false, "ISO 4217 code (default USD)")};
    case ImportEntity::Partners:
        return {f("key", "Key", true, "short unique key, e.g. a ticker (at most 32 characters)"),
                f("name", "Name", true, "text"),
                f("type", "Type", true, "VAR, Distributor, SI, ISV, MSP, Referral or Technology"),
                f("stage", "Stage", false, "Prospect, Applied, Onboarding, Active, At risk or Offboarded"),
                f("tier", "Tier", false, "tier name, e.g. Registered, Silver, Gold, Platinum"),
                f("territory", "Territory", false, "text"),
                f("channel_manager", "Channel manager", false, "the vendor-side person who manages the partner"),
                f("city", "City", false, "text"),
                f("country", "Country", false, "country name or ISO 3166 code"),
                f("location", "Location", false, "\"City, Region\": a US state means US, else a country"),
                f("founded", "Founded", false, "the first 4-digit year in the text"),
                f("website", "Website", false, "URL"),
                f("industry", "Industry", false, "text, e.g. a GICS sector"),
                f("employees", "Employees", false, "whole number in the profile's number format, 1 or more")};
    case ImportEntity::Contacts:
        return {f("name", "Name", true, "the person's name"),
                f("partner_key", "Partner key", true, "key of an existing partner"), f("email", "Email", false, "text"),
                f("phone", "Phone", false, "text"), f("role", "Role", false, "e.g. Sales rep")};
    case ImportEntity::Accounts:
        return {f("name", "Name", true, "company name; accounts are matched by normalized name"),
                f("industry", "Industry", false, "text"),
                f("country", "Country", false, "country name or ISO 3166 code"),
                f("annual_revenue", "Annual revenue", false,
                  "decimal in the profile's number format, in the currency's units (see scales)"),
                f("revenue_currency", "Revenue currency", false, "ISO 4217 code (default USD)"),
                f("employees", "Employees", false, "whole number"),
                f("year_established", "Year established", false, "4-digit year"),
                f("parent", "Parent", false, "name of the parent account (in the book or in the same file)"),
                f("web_domain", "Web domain", false, "e.g. acme.com")};
    case ImportEntity::Deals:
        return {
            f("external_id", "External id", false, "id in the CRM or file; the key for updates"),
            f("contact", "Contact", true,
              "name of the registering contact (gives the partner); may be empty when partner_key is given"),
            f("partner_key", "Partner key", false,
              "key of the deal's partner: needed when the contact's name is not unique, or instead of the contact"),
            f("product", "Product", true, "product name (normalized match)"),
            f("account", "Account", false, "end-customer account name, may be empty"),
            f("status", "Status", true, "Draft, Submitted, Approved, Rejected, Won, Lost or Expired"),
            f("registered_at", "Registered at", false,
              "a date in the profile's date format (default YYYY-MM-DD) or YYYY-MM-DDTHH:MM:SS[.zzz]Z (UTC)"),
            f("expected_close", "Expected close", false, "a date in the profile's date format (default YYYY-MM-DD)"),
            f("closed_on", "Closed on", false, "a date in the profile's date format (default YYYY-MM-DD)"),
            f("amount", "Amount", false,
              "decimal in the profile's number format, in the currency's units, not negative"),
            f("currency", "Currency", false, "ISO 4217 code (default USD)"),
            f("notes", "Notes", false, "text")};
    }
    return {};
}

} // namespace pd
