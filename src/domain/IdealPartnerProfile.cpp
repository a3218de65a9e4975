#include "domain/IdealPartnerProfile.h"

#include "domain/Enums.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <cmath>

namespace pd {

namespace {
struct FieldName
{
    IppField field;
    const char* json;
};
constexpr FieldName kFields[] = {
    {IppField::PartnerType, "type"},    {IppField::Territory, "territory"},
    {IppField::Country, "country"},     {IppField::Industry, "industry"},
    {IppField::Size, "employees"},      {IppField::CertifiedContacts, "certified_contacts"},
    {IppField::FoundedYear, "founded"},
};

QString tr(const char* text)
{
    return QCoreApplication::translate("pd::IdealPartnerProfile", text);
}

/// The partner's value of a categorical field (empty: unknown).
QString textValue(IppField field, const Partner& p)
{
    switch (field) {
    case IppField::PartnerType:
        return toString(p.type);
    case IppField::Territory:
        return p.territory;
    case IppField::Country:
        return p.country;
    case IppField::Industry:
        return p.industry;
    default:
        return {};
    }
}

/// The partner's value of a numeric field (nullopt: unknown).
std::optional<qint64> numberValue(IppField field, const Partner& p, int certifiedContacts)
{
    switch (field) {
    case IppField::Size:
        return p.employees > 0 ? std::optional<qint64>(p.employees) : std::nullopt;
    case IppField::CertifiedContacts:
        return certifiedContacts;
    case IppField::FoundedYear:
        return p.founded > 0 ? std::optional<qint64>(p.founded) : std::nullopt;
    default:
        return std::nullopt;
    }
}

bool meets(const IppCriterion& c, const Partner& p, int certifiedContacts, QString* actual)
{
    if (isNumeric(c.field)) {
        const std::optional<qint64> v = numberValue(c.field, p, certifiedContacts);
        if (actual)
            *actual = v ? QString::number(*v) : QString();
        return v && (!c.min || *v >= *c.min) && (!c.max || *v <= *c.max);
    }
    const QString v = textValue(c.field, p).trimmed();
    if (actual)
        *actual = v;
    if (v.isEmpty())
        return false;
    for (const QString& accepted : c.values)
        if (accepted.trimmed().compare(v, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

int totalWeight(const QList<IppCriterion>& criteria)
{
    int sum = 0;
    for (const IppCriterion& c : criteria)
        sum += c.weight;
    return sum;
}

double roundToTenth(double v)
{
    return std::round(v * 10.0) / 10.0;
}

QString checkCriterion(const IppCriterion& c, int number)
{
    const QString where = tr("Criterion %1 (%2)").arg(number).arg(toString(c.field));
    if (c.weight < 1 || c.weight > 100)
        return tr("%1: the weight must be 1 to 100, not %2").arg(where).arg(c.weight);
    if (isNumeric(c.field)) {
        if (!c.values.isEmpty())
            return tr("%1: a numeric field takes min and max, not values").arg(where);
        if (!c.min && !c.max)
            return tr("%1: needs a min, a max or both").arg(where);
        if (c.min && c.max && *c.min > *c.max)
            return tr("%1: min %2 is greater than max %3").arg(where).arg(*c.min).arg(*c.max);
    } else {
        if (c.min || c.max)
            return tr("%1: a text field takes values, not min and max").arg(where);
        bool any = false;
        for (const QString& v : c.values)
            any = any || !v.trimmed().isEmpty();
        if (!any)
            return tr("%1: needs at least one accepted value").arg(where);
    }
    return {};
}
} // namespace

bool isNumeric(IppField field)
{
    return field == IppField::Size || field == IppField::CertifiedContacts || field == IppField::FoundedYear;
}

QString toString(IppField field)
{
    for (const FieldName& f : kFields)
        if (f.field == field)
            return QString::fromLatin1(f.json);
    return {};
}

std::optional<IppField> ippFieldFromString(const QString& text)
{
    for (const FieldName& f : kFields)
        if (text.trimmed().compare(QLatin1String(f.json), Qt::CaseInsensitive) == 0)
            return f.field;
    return std::nullopt;
}

QString ippFieldLabel(IppField field)
{
    switch (field) {
    case IppField::PartnerType:
        return tr("Partner type");
    case IppField::Territory:
        return tr("Territory");
    case IppField::Country:
        return tr("Country");
    case IppField::Industry:
        return tr("Industry");
    case IppField::Size:
        return tr("Size (employees)");
    case IppField::CertifiedContacts:
        return tr("Certified contacts");
    case IppField::FoundedYear:
        return tr("Founded year");
    }
    return {};
}

QString IppCriterion::description() const
{
    const QString label = ippFieldLabel(field);
    if (!isNumeric(field))
        return tr("%1 in %2").arg(label, values.join(QStringLiteral(", ")));
    if (min && max)
        return *min == *max ? tr("%1 = %2").arg(label).arg(*min) : tr("%1 %2–%3").arg(label).arg(*min).arg(*max);
    if (min)
        return tr("%1 ≥ %2").arg(label).arg(*min);
    if (max)
        return tr("%1 ≤ %2").arg(label).arg(*max);
    return label;
}

IdealPartnerProfile IdealPartnerProfile::defaults()
{
    IdealPartnerProfile p;
    p.criteria = {
        {IppField::PartnerType, {QStringLiteral("VAR"), QStringLiteral("SI"), QStringLiteral("MSP")}, {}, {}, 30},
        {IppField::CertifiedContacts, {}, 1, {}, 20},
        {IppField::Size, {}, 50, 5000, 20},
        {IppField::FoundedYear, {}, {}, 2015, 10},
        {IppField::Country, {QStringLiteral("US"), QStringLiteral("GB"), QStringLiteral("DE")}, {}, {}, 20},
    };
    return p;
}

IppScore IdealPartnerProfile::score(const Partner& partner, int certifiedContacts) const
{
    IppScore out;
    const int total = totalWeight(criteria);
    int met = 0;
    for (const IppCriterion& c : criteria) {
        IppContribution contribution;
        contribution.criterion = c;
        contribution.met = meets(c, partner, certifiedContacts, &contribution.actual);
        if (contribution.met) {
            met += c.weight;
            contribution.points = 100.0 * c.weight / total;
        }
        out.contributions.append(contribution);
    }
    out.score = total > 0 ? roundToTenth(100.0 * met / total) : 0.0;
    return out;
}

double IdealPartnerProfile::scoreValue(const Partner& partner, int certifiedContacts) const
{
    int total = 0;
    int met = 0;
    for (const IppCriterion& c : criteria) {
        total += c.weight;
        if (meets(c, partner, certifiedContacts, nullptr))
            met += c.weight;
    }
    return total > 0 ? roundToTenth(100.0 * met / total) : 0.0;
}

QJsonObject IdealPartnerProfile::toJson() const
{
    QJsonArray list;
    for (const IppCriterion& c : criteria) {
        QJsonObject o{{QLatin1String("field"), toString(c.field)}, {QLatin1String("weight"), c.weight}};
        if (isNumeric(c.field)) {
            if (c.min)
                o.insert(QLatin1String("min"), double(*c.min));
            if (c.max)
                o.insert(QLatin1String("max"), double(*c.max));
        } else {
            o.insert(QLatin1String("values"), QJsonArray::fromStringList(c.values));
        }
        list.append(o);
    }
    return QJsonObject{{QLatin1String("criteria"), list}};
}

std::optional<IdealPartnerProfile> IdealPartnerProfile::fromJson(const QJsonObject& json, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QJsonValue criteria = json.value(QLatin1String("criteria"));
    if (!criteria.isArray())
        return fail(tr("The profile needs a list of criteria"));
    IdealPartnerProfile profile;
    int number = 0;
    for (const QJsonValue& v : criteria.toArray()) {
        ++number;
        if (!v.isObject())
            return fail(tr("Criterion %1 is not an object").arg(number));
        const QJsonObject o = v.toObject();
        const QString fieldName = o.value(QLatin1String("field")).toString();
        const std::optional<IppField> field = ippFieldFromString(fieldName);
        if (!field)
            return fail(tr("Criterion %1: unknown field '%2'").arg(number).arg(fieldName));
        IppCriterion c;
        c.field = *field;
        const QString where = tr("Criterion %1 (%2)").arg(number).arg(toString(c.field));
        const QJsonValue weight = o.value(QLatin1String("weight"));
        if (!weight.isDouble() || weight.toDouble() != std::floor(weight.toDouble()))
            return fail(tr("%1: the weight must be a whole number from 1 to 100").arg(where));
        c.weight = weight.toInt();
        for (const char* bound : {"min", "max"}) {
            const QJsonValue b = o.value(QLatin1String(bound));
            if (b.isUndefined() || b.isNull())
                continue;
            if (!b.isDouble() || b.toDouble() != std::floor(b.toDouble()))
                return fail(tr("%1: %2 must be a whole number").arg(where, QLatin1String(bound)));
            (qstrcmp(bound, "min") == 0 ? c.min : c.max) = qint64(b.toDouble());
        }
        const QJsonValue values = o.value(QLatin1String("values"));
        if (!values.isUndefined() && !values.isNull()) {
            if (!values.isArray())
                return fail(tr("%1: values must be a list of texts").arg(where));
            for (const QJsonValue& text : values.toArray()) {
                if (!text.isString())
                    return fail(tr("%1: values must be a list of texts").arg(where));
                c.values.append(text.toString());
            }
        }
        if (const QString problem = checkCriterion(c, number); !problem.isEmpty())
            return fail(problem);
        profile.criteria.append(c);
    }
    return profile;
}

QString IdealPartnerProfile::validate() const
{
    for (qsizetype i = 0; i < criteria.size(); ++i)
        if (const QString problem = checkCriterion(criteria.at(i), int(i + 1)); !problem.isEmpty())
            return problem;
    return {};
}

} // namespace pd
