#include "io/MdfLedgerCsv.h"

#include "io/CsvExporter.h"

namespace pd {

QStringList MdfLedgerCsv::headers()
{
    return {QStringLiteral("entry"),         QStringLiteral("posted_on"),      QStringLiteral("budget"),
            QStringLiteral("period"),        QStringLiteral("partner"),        QStringLiteral("kind"),
            QStringLiteral("debit_account"), QStringLiteral("credit_account"), QStringLiteral("amount"),
            QStringLiteral("currency"),      QStringLiteral("request"),        QStringLiteral("claim"),
            QStringLiteral("reverses"),      QStringLiteral("actor"),          QStringLiteral("memo")};
}

ExportTable MdfLedgerCsv::table(const QList<MdfLedgerEntry>& entries)
{
    ExportTable t;
    t.name = QStringLiteral("mdf ledger");
    t.headers = headers();
    t.rows.reserve(entries.size());
    const auto optionalNumber = [](qint64 n) { return n > 0 ? ExportCell::ofInteger(n) : ExportCell{}; };
    for (const MdfLedgerEntry& e : entries)
        t.rows.append({ExportCell::ofInteger(e.number), ExportCell::ofDate(e.postedOn),
                       ExportCell::ofText(e.budgetName), ExportCell::ofText(e.period), ExportCell::ofText(e.partnerKey),
                       ExportCell::ofText(e.kind), ExportCell::ofText(e.toAccount), ExportCell::ofText(e.fromAccount),
                       ExportCell::ofMoney(e.amountMinor, e.currency), ExportCell::ofText(e.currency),
                       optionalNumber(e.requestNumber), ExportCell::ofText(e.claimId), optionalNumber(e.reversesNumber),
                       ExportCell::ofText(e.actor), ExportCell::ofText(e.memo)});
    return t;
}

QByteArray MdfLedgerCsv::text(const QList<MdfLedgerEntry>& entries)
{
    const ExportTable t = table(entries);
    QByteArray out;
    const auto line = [&out](const QStringList& fields) {
        out += fields.join(QLatin1Char(',')).toUtf8();
        out += "\r\n";
    };
    QStringList header;
    for (const QString& h : t.headers)
        header << CsvExporter::field(ExportCell::ofText(h));
    line(header);
    for (const QList<ExportCell>& row : t.rows) {
        QStringList fields;
        for (const ExportCell& c : row)
            fields << CsvExporter::field(c);
        line(fields);
    }
    return out;
}

bool MdfLedgerCsv::write(const QList<MdfLedgerEntry>& entries, const QString& path, QString* error)
{
    return CsvExporter::write(table(entries), path, error);
}

} // namespace pd
