#pragma once

#include <QString>

namespace pd::test {

/// SQL giving the number of rows that the change-log entries matching `where` stand for: an entry names one row,
/// a range entry (schema v5: first_pk and last_pk set) the rows first_pk … last_pk. `where` is test text.
inline QString changeLogRowsSql(const QString& where)
{
    return QStringLiteral("SELECT CAST(COALESCE(SUM(CASE WHEN first_pk IS NULL THEN 1 ELSE last_pk - first_pk + 1 "
                          "END), 0) AS BIGINT) FROM change_log WHERE %1")
        .arg(where);
}

/// SQL giving the UUIDs of the rows of `table` that its change-log entries with op `op` stand for, each once per
/// entry, sorted: a range entry is expanded through the table's row keys.
inline QString changeLogIdsSql(const QString& table, const QString& op)
{
    return QStringLiteral(
               "SELECT pd_uuid_text(t.id) AS id FROM change_log c JOIN %1 t ON (c.first_pk IS NULL AND t.id = "
               "pd_uuid(c.entity_id)) "
               "OR (c.first_pk IS NOT NULL AND t.pk BETWEEN c.first_pk AND c.last_pk) "
               "WHERE c.entity = '%1' AND c.op = '%2' ORDER BY 1")
        .arg(table, op);
}

} // namespace pd::test
