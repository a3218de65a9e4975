#pragma once

#include "domain/Deal.h"

#include <QString>

class QSqlQuery;

namespace pd {

/// The 15 columns of a deal registration as every deal query selects them (first in the SELECT list), prefixed
/// with `alias` ("d.", or "" for a query on the deals table without an alias), and the reader of those columns.
/// The partner, contact, account and product come out as UUIDs, looked up from the integer keys. Internal to the
/// storage layer.
QString dealColumns(const QString& alias);
/// Reads the columns of dealColumns() from the current row of `q`, starting at column 0.
Deal readDealColumns(const QSqlQuery& q);

} // namespace pd
