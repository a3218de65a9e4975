#include "domain/Mdf.h"

namespace pd {

namespace {
const char* const kRequestStatuses[] = {"Draft", "Submitted", "Approved", "Rejected", "Cancelled"};
const char* const kClaimStatuses[] = {"Submitted", "Approved", "Rejected", "Paid"};

template <typename E, size_t N> bool parseName(const QString& text, const char* const (&names)[N], E* out)
{
    for (size_t i = 0; i < N; ++i)
        if (text.trimmed().compare(QLatin1String(names[i]), Qt::CaseInsensitive) == 0) {
            *out = E(i);
            return true;
        }
    return false;
}
} // namespace

QString toString(MdfRequestStatus status)
{
    return QString::fromLatin1(kRequestStatuses[int(status)]);
}

QString toString(MdfClaimStatus status)
{
    return QString::fromLatin1(kClaimStatuses[int(status)]);
}

bool parseMdfRequestStatus(const QString& text, MdfRequestStatus* out)
{
    return parseName(text, kRequestStatuses, out);
}

bool parseMdfClaimStatus(const QString& text, MdfClaimStatus* out)
{
    return parseName(text, kClaimStatuses, out);
}

QStringList mdfProofTypes()
{
    return {QStringLiteral("invoice"), QStringLiteral("attendee list"), QStringLiteral("screenshots"),
            QStringLiteral("lead list"), QStringLiteral("performance report")};
}

QList<MdfActivityType> defaultMdfActivityTypes()
{
    const QString invoice = QStringLiteral("invoice");
    const QString attendees = QStringLiteral("attendee list");
    return {{QStringLiteral("event"), true, {invoice, attendees}},
            {QStringLiteral("webinar"), true, {invoice, attendees}},
            {QStringLiteral("digital campaign"),
             true,
             {invoice, QStringLiteral("screenshots"), QStringLiteral("performance report")}},
            {QStringLiteral("content"), true, {invoice}},
            {QStringLiteral("training"), true, {invoice, attendees}},
            {QStringLiteral("other"), true, {invoice}}};
}

} // namespace pd
