#pragma once

#include <QString>

namespace pd {

/// What kind of name is normalized; products additionally drop all spaces.
enum class NameKind { Organization, Product, Person };

/// Normalizes a customer, partner or product name for matching (DESIGN.md section 3, "Name
/// normalization"): Unicode NFKC, case fold, '&' → "and", punctuation to spaces, collapsed spaces,
/// trailing legal suffixes dropped (inc, corp, llc, ltd, gmbh, …; repeatedly, never the only word),
/// and for products every space dropped ("GTXPro" = "GTX Pro" → "gtxpro"). People's names keep suffixes.
QString normalizeName(const QString& name, NameKind kind = NameKind::Organization);

/// Jaro–Winkler similarity of two strings in [0, 1] (1 = identical); used for "possible duplicate"
/// warnings only, never for conflicts. Prefix scale 0.1, prefix length ≤ 4 (Winkler 1990).
double jaroWinkler(const QString& a, const QString& b);

} // namespace pd
