#pragma once

#include "domain/Partner.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace pd {

/// The roster field an Ideal Partner Profile criterion looks at (issue 9, item 2).
enum class IppField {
    PartnerType,       ///< categorical: the partner type's name (VAR, SI, …)
    Territory,         ///< categorical
    Country,           ///< categorical: ISO 3166-1 alpha-2
    Industry,          ///< categorical: free text (e.g. a GICS sector)
    Size,              ///< numeric: employees
    CertifiedContacts, ///< numeric: contacts with a counting certification on the evaluation date
    FoundedYear        ///< numeric: year founded
};

/// True for the fields whose condition is a numeric range (Size, CertifiedContacts, FoundedYear).
bool isNumeric(IppField field);
/// The field's JSON name: "type", "territory", "country", "industry", "employees", "certified_contacts", "founded".
QString toString(IppField field);
/// The field of a JSON name (case-insensitive); nullopt for any other text.
std::optional<IppField> ippFieldFromString(const QString& text);
/// The field's name for people ("Partner type", "Size (employees)", …), translated.
QString ippFieldLabel(IppField field);

/// One weighted criterion of the Ideal Partner Profile. A categorical field is met when the partner's value equals
/// one of `values` (case-insensitive, surrounding spaces ignored); a numeric field when the value lies in the
/// inclusive range [min, max] (either bound may be absent). An unknown value (empty text, size or founded year 0) never
/// meets a criterion.
struct IppCriterion
{
    IppField field = IppField::PartnerType;
    QStringList values;        ///< categorical fields: the accepted values (at least one)
    std::optional<qint64> min; ///< numeric fields: inclusive lower bound
    std::optional<qint64> max; ///< numeric fields: inclusive upper bound
    int weight = 1;            ///< 1–100

    bool operator==(const IppCriterion&) const = default;
    /// The condition for people: "Partner type in VAR, SI, MSP", "Certified contacts ≥ 1", "Size (employees)
    /// 50–5000", "Founded year ≤ 2015" (translated).
    QString description() const;
};

/// What one criterion contributed to a partner's score.
struct IppContribution
{
    IppCriterion criterion;
    bool met = false;
    double points = 0; ///< 100 × weight / Σ weights when met, else 0 (not rounded)
    QString actual;    ///< the partner's value as text; empty when unknown
};

/// A partner's IPP score and its explanation.
struct IppScore
{
    double score = 0; ///< 0–100, 100 × Σ weights of the met criteria / Σ all weights, rounded to one decimal
    QList<IppContribution> contributions; ///< one per criterion, in the profile's order
};

/// The Ideal Partner Profile: weighted criteria over roster fields (DESIGN.md section 3, "IPP score"; issue 9,
/// item 2). Score = 100 × Σ weights of met criteria / Σ all weights, 0–100 rounded to one decimal; a profile without
/// criteria scores every partner 0.
class IdealPartnerProfile
{
public:
    QList<IppCriterion> criteria;

    bool operator==(const IdealPartnerProfile&) const = default;

    /// The profile of a new book: partner type in VAR, SI, MSP (weight 30); certified contacts ≥ 1 (20); size 50–5000
    /// employees (20); founded ≤ 2015 (10); country in US, GB, DE, the vendor's main markets (20). Weights sum to 100.
    static IdealPartnerProfile defaults();

    /// Scores `partner` given its certified-contact count on the evaluation date (CertificationRepository).
    IppScore score(const Partner& partner, int certifiedContacts) const;
    /// score().score alone, without building the explanation (for a roster column of 100,000 partners).
    double scoreValue(const Partner& partner, int certifiedContacts) const;

    /// {"criteria": [{"field": "type", "values": ["VAR"], "weight": 30}, {"field": "employees", "min": 50,
    /// "max": 5000, "weight": 20}, …]}.
    QJsonObject toJson() const;
    /// The profile of toJson()'s form. Returns nullopt and sets `error` (for people) naming the bad criterion by its
    /// number (1-based) and field: an unknown field, a weight outside 1–100, a categorical field without values, a
    /// numeric field without bounds or with min > max, or values/bounds that do not fit the field.
    static std::optional<IdealPartnerProfile> fromJson(const QJsonObject& json, QString* error);
    /// Checks the criteria as fromJson() does; empty when they are fine, else the message.
    QString validate() const;
};

} // namespace pd
