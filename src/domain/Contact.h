#pragma once

#include <QString>

namespace pd {

/// A person at a partner (e.g. its sales rep who registers deals).
struct Contact
{
    QString id;        ///< UUID text; empty before insertion
    QString partnerId; ///< owning partner's id
    QString name;      ///< non-empty
    QString email;
    QString phone;
    QString role; ///< e.g. "Sales rep"
    int version = 0;

    bool operator==(const Contact&) const = default;
};

} // namespace pd
