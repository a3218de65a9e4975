#pragma once

#include <QString>

namespace pd {

class Database;

// SQL fragments that translate between a row's UUID (its global identity, what the domain and the change log use)
// and its integer key (what foreign keys, joins and indexes use; DESIGN.md section 2, schema v4). Internal to the
// storage layer; `table` and `column` come from the code, never from a user.

/// "(SELECT pk FROM <table> WHERE id = ?)": the integer key of the row whose UUID is bound at the "?"; NULL when
/// no row has that UUID (a NOT NULL foreign-key column then refuses the write).
QString pkOfId(const char* table);
/// "(SELECT ref.id FROM <table> ref WHERE ref.pk = <keyColumn>)": the UUID of the row that the integer key in
/// `keyColumn` points to; NULL for a NULL key. `keyColumn` is qualified by the outer query's table or alias
/// ("d.partner_pk", "accounts.parent_pk"), which must not be "ref".
QString idOfPk(const char* table, const QString& keyColumn);

/// The UUID of the row of `table` whose integer key is `pk`; empty when there is none. Throws StorageError when
/// the query fails.
QString idForPk(const Database& db, const char* table, qint64 pk);

} // namespace pd
