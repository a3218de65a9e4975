#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace pd {

/// What a CSV file holds, i.e. what an import creates or updates.
enum class ImportEntity { Products, Partners, Contacts, Accounts, Deals };

/// "products", "partners", "contacts", "accounts", "deals" (the CLI's --entity values).
QString toString(ImportEntity e);
std::optional<ImportEntity> importEntityFromString(const QString& text);

/// One target field an import can fill.
struct ImportField
{
    QString name;        ///< canonical name, e.g. "list_price" (also the generator's CSV header)
    QString label;       ///< for people, e.g. "List price"
    bool required;       ///< must be mapped (and non-empty) for a new row
    QString description; ///< what the field takes, e.g. "decimal, in the currency's units"
};

/// The fields of each entity, in display order:
/// - products: name*, product_line, list_price, currency
/// - partners: key*, name*, type*, stage, tier, territory, channel_manager, city, country, location, founded, website
///   (location is "City, Region": split into city and country; a US state means US)
/// - contacts: name*, partner_key*, email, phone, role
/// - accounts: name*, industry, country, annual_revenue, revenue_currency, employees, year_established, parent,
///   web_domain
/// - deals: external_id, contact*, partner_key, product*, account, status*, registered_at, expected_close,
///   closed_on, amount, currency, notes (the partner is resolved through the registering contact; partner_key is
///   needed when the contact's name is not unique, and must then agree with it). contact and partner_key are "one
///   of": with partner_key mapped, contact may be unmapped, and a row with an empty contact takes its partner from
///   partner_key (contact left empty); a new row with both empty is invalid.
QList<ImportField> importFields(ImportEntity e);

/// The required fields of `e` that neither have a column nor a constant (`isMapped(field name)` says which do), in
/// field order, with the "one of" rule of deals applied (contact may be unmapped when partner_key is mapped). The one
/// rule the engine and the import wizard both check before an insert-only import starts.
QStringList unmappedRequiredFields(ImportEntity e, const std::function<bool(const QString&)>& isMapped);

} // namespace pd
