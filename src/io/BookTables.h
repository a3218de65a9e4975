#pragma once

#include "domain/ProgramRules.h"
#include "io/ExportTable.h"
#include "storage/PipelineRepository.h"

#include <QStringList>

namespace pd {

class Database;
class Clock;

/// The book's tables as ExportTables (issue 8, item 7), read through the repositories; written by CsvExporter and
/// XlsxExporter, used by `partnerdesk-cli export`. Throws StorageError.
class BookTables
{
public:
    /// The roster (PartnerRepository::listRows: partners not archived, by name) with the roster's columns: name,
    /// key, type, stage, tier, territory, channel_manager, country, city, contacts, open_deals.
    static ExportTable partners(Database& db, const Clock& clock);

    /// Deals in registration-number order (PipelineRepository::list), only those whose status is in `statuses`
    /// (canonical status texts; empty = every deal). Columns: registration_number, external_id, status,
    /// partner_key, partner_name, contact (the registering contact, which the deal import needs to find the
    /// partner), customer, product, registered_at (instant), expected_close, closed_on (dates), amount (money in
    /// major units), currency. tests/data/profiles/export-deals.json imports this file back.
    static ExportTable deals(Database& db, const Clock& clock, const QStringList& statuses = {});
    /// The same columns for the deals matching `filter` (PipelineRepository::list: its filters and sort order), as the
    /// pipeline table shows them.
    static ExportTable dealsMatching(Database& db, const Clock& clock, const DealFilter& filter);

    /// The conflicting pairs as `deals conflicts` lists them (ConflictRepository::allConflicts, ordered by the later
    /// registration): later and earlier registration (number, partner key and name, status, registered_at),
    /// customer, product, seconds_first (how long the earlier came first), resolution and reason.
    static ExportTable conflicts(Database& db, const ProgramRules& rules);

private:
    /// The deals table of the deals matching any of `filters`, merged in registration-number order when there are
    /// several.
    static ExportTable dealsOf(Database& db, const Clock& clock, const QList<DealFilter>& filters);
};

} // namespace pd
