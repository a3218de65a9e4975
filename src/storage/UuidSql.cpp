#include "storage/UuidSql.h"

#include "storage/StorageText.h"

#include <QStringList>
#include <sqlite3.h>

namespace pd::uuidsql {

namespace {

void uuidFromText(sqlite3_context* context, int, sqlite3_value** args)
{
    sqlite3_value* v = args[0];
    switch (sqlite3_value_type(v)) {
    case SQLITE_BLOB:
        if (sqlite3_value_bytes(v) == 16) {
            sqlite3_result_value(context, v);
            return;
        }
        break;
    case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
        if (const std::optional<RawUuid> uuid = RawUuid::parseAscii(text, sqlite3_value_bytes(v))) {
            unsigned char bytes[16];
            uuid->writeBytes(bytes);
            sqlite3_result_blob(context, bytes, 16, SQLITE_TRANSIENT);
            return;
        }
        break;
    }
    default:
        break;
    }
    sqlite3_result_null(context);
}

void uuidToText(sqlite3_context* context, int, sqlite3_value** args)
{
    sqlite3_value* v = args[0];
    if (sqlite3_value_type(v) == SQLITE_BLOB && sqlite3_value_bytes(v) == 16) {
        char text[36];
        RawUuid::fromBytes(static_cast<const unsigned char*>(sqlite3_value_blob(v))).writeAscii(text);
        sqlite3_result_text(context, text, 36, SQLITE_TRANSIENT);
    } else if (sqlite3_value_type(v) == SQLITE_TEXT) {
        sqlite3_result_value(context, v); // not stored compactly (a book before schema v6): already text
    } else {
        sqlite3_result_null(context);
    }
}

} // namespace

bool registerSqlite(sqlite3* connection)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    return connection &&
           sqlite3_create_function_v2(connection, "pd_uuid", 1, flags, nullptr, &uuidFromText, nullptr, nullptr,
                                      nullptr) == SQLITE_OK &&
           sqlite3_create_function_v2(connection, "pd_uuid_text", 1, flags, nullptr, &uuidToText, nullptr, nullptr,
                                      nullptr) == SQLITE_OK;
}

QStringList postgresFunctions()
{
    return {
        QStringLiteral("CREATE OR REPLACE FUNCTION pd_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
                       "$$ SELECT CASE WHEN $1 ~ '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-"
                       "[0-9A-Fa-f]{12}$' THEN $1::uuid END $$;"),
        QStringLiteral("CREATE OR REPLACE FUNCTION pd_uuid_text(uuid) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL "
                       "SAFE AS $$ SELECT $1::text $$;"),
    };
}

} // namespace pd::uuidsql
