#include "storage/ProgramSettingsRepository.h"
#include "storage/ChangeNotifier.h"

#include "domain/Clock.h"
#include "domain/Money.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QMap>
#include <QSqlQuery>

namespace pd {

namespace {
QMap<QString, QString> toMap(const ProgramSettings& s)
{
    auto b = [](bool v) { return v ? QStringLiteral("1") : QStringLiteral("0"); };
    return {
        {QStringLiteral("protection_days"), QString::number(s.rules.protectionDays)},
        {QStringLiteral("extension_days"), QString::number(s.rules.extensionDays)},
        {QStringLiteral("probability_draft"), QString::number(s.rules.draftProbability)},
        {QStringLiteral("probability_submitted"), QString::number(s.rules.submittedProbability)},
        {QStringLiteral("probability_approved"), QString::number(s.rules.approvedProbability)},
        {QStringLiteral("auto_approve"), b(s.autoApproval.enabled)},
        {QStringLiteral("auto_approve_no_conflict"), b(s.autoApproval.requireNoConflict)},
        {QStringLiteral("auto_approve_min_tier_rank"), QString::number(s.autoApproval.minTierRank)},
        {QStringLiteral("auto_approve_max_amount_minor"), QString::number(s.autoApproval.maxAmountMinor)},
        {QStringLiteral("auto_approve_currency"), s.autoApproval.currency},
        {QStringLiteral("daily_expiry"), b(s.dailyExpiry)},
        {QStringLiteral("reporting_currency"), s.reportingCurrency},
    };
}

void check(bool ok, const QString& setting, const QString& rule)
{
    if (!ok)
        throw StorageError(QStringLiteral("Program setting %1 must be %2").arg(setting, rule));
}
} // namespace

ProgramSettings ProgramSettingsRepository::load() const
{
    ProgramSettings s;
    QMap<QString, QString> values = toMap(s);
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT key, value FROM program_settings"));
    Database::exec(q, QStringLiteral("Reading the program settings"));
    while (q.next())
        if (values.contains(q.value(0).toString()))
            values[q.value(0).toString()] = q.value(1).toString();
    auto i = [&](const char* k) { return values.value(QString::fromLatin1(k)).toLongLong(); };
    s.rules.protectionDays = int(i("protection_days"));
    s.rules.extensionDays = int(i("extension_days"));
    s.rules.draftProbability = int(i("probability_draft"));
    s.rules.submittedProbability = int(i("probability_submitted"));
    s.rules.approvedProbability = int(i("probability_approved"));
    s.autoApproval.enabled = i("auto_approve") != 0;
    s.autoApproval.requireNoConflict = i("auto_approve_no_conflict") != 0;
    s.autoApproval.minTierRank = int(i("auto_approve_min_tier_rank"));
    s.autoApproval.maxAmountMinor = i("auto_approve_max_amount_minor");
    s.autoApproval.currency = values.value(QStringLiteral("auto_approve_currency"));
    s.dailyExpiry = i("daily_expiry") != 0;
    s.reportingCurrency = values.value(QStringLiteral("reporting_currency"));
    return s;
}

void ProgramSettingsRepository::save(const ProgramSettings& s)
{
    check(s.rules.protectionDays >= 0 && s.rules.protectionDays <= 3650, QStringLiteral("protection days"),
          QStringLiteral("between 0 and 3650"));
    check(s.rules.extensionDays >= 0 && s.rules.extensionDays <= 3650, QStringLiteral("extension days"),
          QStringLiteral("between 0 and 3650"));
    for (int p : {s.rules.draftProbability, s.rules.submittedProbability, s.rules.approvedProbability})
        check(p >= 0 && p <= 100, QStringLiteral("status probability"), QStringLiteral("a percentage from 0 to 100"));
    check(s.autoApproval.minTierRank >= 0 && s.autoApproval.minTierRank <= 3, QStringLiteral("minimum tier rank"),
          QStringLiteral("between 0 and 3"));
    check(s.autoApproval.maxAmountMinor >= -1, QStringLiteral("amount limit"), QStringLiteral("positive or none"));
    check(isCurrencyCode(s.autoApproval.currency), QStringLiteral("amount limit currency"),
          QStringLiteral("an ISO 4217 code"));
    check(isCurrencyCode(s.reportingCurrency), QStringLiteral("reporting currency"),
          QStringLiteral("an ISO 4217 code"));
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO program_settings (key, value, updated_at) VALUES (?, ?, ?) "
                                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                                              "updated_at = excluded.updated_at"));
    const auto values = toMap(s);
    QStringList summary;
    for (auto it = values.begin(); it != values.end(); ++it) {
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        q.addBindValue(at);
        Database::exec(q, QStringLiteral("Saving program setting %1").arg(it.key()));
        summary << it.key() + QLatin1Char('=') + it.value();
    }
    ChangeRecorder(m_db).audit(QStringLiteral("update"), QStringLiteral("program_settings"), QString(),
                               summary.join(QStringLiteral(", ")), at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::programSettingsChanged);
}

} // namespace pd
