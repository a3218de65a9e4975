#pragma once

#include <QString>

namespace pd {

/// A product the vendor sells through partners. `list_price_minor` is in minor units of `currency`.
struct Product
{
    QString id;          ///< UUID text; empty before insertion
    QString name;        ///< as written, e.g. "GTX Pro"
    QString productLine; ///< series, e.g. "GTX"
    qint64 listPriceMinor = 0;
    QString currency = QStringLiteral("USD");
    int version = 0;
};

} // namespace pd
