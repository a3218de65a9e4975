#pragma once

#include "storage/StorageText.h"

#include <QString>
#include <QStringView>
#include <vector>

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

/// The integer key of every row of one table by its UUID, for resolving ids once per distinct value in a bulk load
/// (DealBulkWriter's rows come with their keys). A sorted array of the UUIDs' 128 bits and the keys, read in the id
/// index's order: 24 bytes a row, one allocation, a binary search per lookup.
class KeysById
{
public:
    /// Reads `table`'s (id, pk) pairs. Throws StorageError.
    static KeysById read(const Database& db, const char* table);
    /// The key of the row whose UUID is `id` (any case); 0 when there is none or `id` is not a UUID.
    qint64 pkOf(QStringView id) const;

private:
    struct Entry
    {
        RawUuid id;
        qint64 pk = 0;
    };
    std::vector<Entry> m_keys; ///< ascending by id
};

} // namespace pd
