#include "storage/IppProfileRepository.h"

#include "domain/Clock.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace pd {

IdealPartnerProfile IppProfileRepository::load() const
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT value FROM program_settings WHERE key = ?"));
    q.addBindValue(QString::fromLatin1(kKey));
    Database::exec(q, QStringLiteral("Reading the Ideal Partner Profile"));
    if (!q.next())
        return IdealPartnerProfile::defaults();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(q.value(0).toString().toUtf8(), &parseError);
    if (!doc.isObject())
        throw StorageError(
            QStringLiteral("The stored Ideal Partner Profile is not JSON: %1").arg(parseError.errorString()));
    QString error;
    const std::optional<IdealPartnerProfile> profile = IdealPartnerProfile::fromJson(doc.object(), &error);
    if (!profile)
        throw StorageError(QStringLiteral("The stored Ideal Partner Profile is invalid: %1").arg(error));
    return *profile;
}

void IppProfileRepository::save(const IdealPartnerProfile& profile)
{
    if (const QString problem = profile.validate(); !problem.isEmpty())
        throw StorageError(problem);
    const QString at = toIsoUtc(m_clock.nowUtc());
    const QString json = QString::fromUtf8(QJsonDocument(profile.toJson()).toJson(QJsonDocument::Compact));
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO program_settings (key, value, updated_at) VALUES (?, ?, ?) "
                                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                                              "updated_at = excluded.updated_at"));
    q.addBindValue(QString::fromLatin1(kKey));
    q.addBindValue(json);
    q.addBindValue(at);
    Database::exec(q, QStringLiteral("Saving the Ideal Partner Profile"));
    ChangeRecorder(m_db).audit(QStringLiteral("update"), QStringLiteral("program_settings"), QString(),
                               QString::fromLatin1(kKey) + QLatin1Char('=') + json, at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::ippProfileChanged);
}

} // namespace pd
