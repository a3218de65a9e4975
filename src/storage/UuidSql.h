#pragma once

#include <QString>

struct sqlite3;

namespace pd {

/// The two SQL functions through which every statement reads and writes a row's UUID (schema v6 stores it in 16
/// bytes: an SQLite BLOB, a PostgreSQL `uuid`; DESIGN.md section 2, "stored once … compactly"):
/// - `pd_uuid(text)`: the stored form of a UUID written as 36 characters (any case); NULL for NULL or any other text
///   (so a user's search text that is not a UUID finds nothing instead of failing). Bind a row's id as
///   `id = pd_uuid(?)`, `VALUES (pd_uuid(?), …)`.
/// - `pd_uuid_text(stored)`: the 36-character lower-case text of a stored UUID. Read a row's id as
///   `SELECT pd_uuid_text(id)`.
/// Stored UUIDs sort like their lower-case text, on both backends.
namespace uuidsql {

/// Registers both functions on an SQLite connection (deterministic, usable in indexes' and queries' plans);
/// returns false when SQLite refused.
bool registerSqlite(sqlite3* connection);
/// The PostgreSQL statements that create both functions in the book's schema (migration v6), each a complete
/// statement on one line. SQL functions the planner inlines: `id = pd_uuid($1)` still uses the id index.
QStringList postgresFunctions();

} // namespace uuidsql
} // namespace pd
