#include "storage/Migrator.h"

#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QFile>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QStringList>
#include <algorithm>

namespace pd {

int Migrator::currentVersion() const
{
    if (!m_db.handle().tables().contains(QStringLiteral("schema_info")))
        return 0;
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT value FROM schema_info WHERE key = ?"));
    q.addBindValue(QStringLiteral("schema_version"));
    Database::exec(q, QStringLiteral("Reading the schema version"));
    return q.next() ? q.value(0).toString().toInt() : 0;
}

void Migrator::backupFile(const QString& target) const
{
    QFile::remove(target);
    QSqlQuery q = m_db.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(target);
    Database::exec(q, QStringLiteral("Copying the book to %1 before migrating").arg(target));
}

Migrator::Report Migrator::migrate(int targetVersion)
{
    targetVersion = std::clamp(targetVersion, 1, int(kLatestVersion));
    Report report;
    report.fromVersion = currentVersion();
    report.toVersion = report.fromVersion;
    if (report.fromVersion > kLatestVersion) {
        QString minApp;
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT value FROM schema_info WHERE key = ?"));
        q.addBindValue(QStringLiteral("min_app_version"));
        Database::exec(q, QStringLiteral("Reading the schema info"));
        if (q.next())
            minApp = q.value(0).toString();
        throw StorageError(QStringLiteral("%1 has schema version %2, written by a newer PartnerDesk (it needs "
                                          "PartnerDesk %3 or later); this PartnerDesk %4 reads schema versions up "
                                          "to %5. Nothing was changed.")
                               .arg(m_db.config().displayName())
                               .arg(report.fromVersion)
                               .arg(minApp.isEmpty() ? QStringLiteral("?") : minApp, QStringLiteral(PD_VERSION))
                               .arg(kLatestVersion),
                           StorageError::Kind::NewerSchema);
    }
    if (report.fromVersion >= targetVersion)
        return report;
    if (m_db.isReadOnly())
        throw StorageError(
            QStringLiteral("%1 is read-only and has schema version %2; this PartnerDesk needs version %3 "
                           "and cannot upgrade a book it may not write. Nothing was changed.")
                .arg(m_db.config().displayName())
                .arg(report.fromVersion)
                .arg(targetVersion),
            StorageError::Kind::ReadOnly);
    if (report.fromVersion > 0 && m_db.config().isFile()) {
        report.backupPath = m_db.config().path + QStringLiteral(".schema-v%1.bak").arg(report.fromVersion);
        backupFile(report.backupPath);
    }
    static const char* const scripts[] = {
        "001_initial.sql",       "002_deal_registration.sql", "003_registration_numbers.sql", "004_integer_keys.sql",
        "005_change_ranges.sql", "006_compact_uuids.sql",     "007_partner_lifecycle.sql",    "008_mdf.sql",
        "009_tiers_fx.sql"};
    for (int v = report.fromVersion + 1; v <= targetVersion; ++v) {
        QFile file(QStringLiteral(":/sql/") + QString::fromLatin1(scripts[v - 1]));
        if (!file.open(QIODevice::ReadOnly))
            throw StorageError(QStringLiteral("Migration script %1 is missing from the build").arg(file.fileName()));
        const QString sql = m_db.adaptSql(QString::fromUtf8(file.readAll()));
        // v4 rebuilds every table under its old name: SQLite checks the foreign keys once at the end instead of
        // on every statement (its enforcement only changes outside a transaction).
        const bool rebuildsTables = v == 4;
        if (rebuildsTables)
            m_db.setForeignKeyEnforcement(false);
        const auto enforceAgain = qScopeGuard([&] {
            if (rebuildsTables)
                m_db.setForeignKeyEnforcement(true);
        });
        Transaction tx(m_db);
        if (v == 1)
            m_db.execDirect(QStringLiteral("CREATE TABLE schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
        QString statement;
        for (const QString& line : sql.split(QLatin1Char('\n'))) {
            if (line.trimmed().startsWith(QLatin1String("--")))
                continue;
            statement += line + QLatin1Char('\n');
            if (line.trimmed().endsWith(QLatin1Char(';'))) {
                m_db.execDirect(statement.trimmed());
                statement.clear();
            }
        }
        if (!statement.trimmed().isEmpty())
            m_db.execDirect(statement.trimmed());
        const QStringList keys = {QStringLiteral("schema_version"), QStringLiteral("min_app_version")};
        const QStringList values = {QString::number(v), minimumAppVersion()};
        for (int i = 0; i < keys.size(); ++i) {
            QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO schema_info (key, value) VALUES (?, ?) "
                                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
            q.addBindValue(keys.at(i));
            q.addBindValue(values.at(i));
            Database::exec(q, QStringLiteral("Recording the schema version"));
        }
        if (rebuildsTables)
            m_db.checkForeignKeys();
        tx.commit();
        report.toVersion = v;
    }
    // v4 copied every table: the old copies' pages are free in the file (a 1M-deal book grew from 0.96 to 1.3 GB).
    // VACUUM gives them back (about 3 s for that book, beside half a minute of migrating). It needs the book to
    // itself: when another connection holds it, the book stays as it is (correct, only larger) and SQLite reuses the
    // free pages as the book grows.
    // v6 rewrote every row's id the same way (a 1M-deal book has some 80 MB of free pages after it).
    const bool rewroteRows =
        (report.fromVersion < 4 && report.toVersion >= 4) || (report.fromVersion < 6 && report.toVersion >= 6);
    if (report.fromVersion > 0 && rewroteRows && m_db.config().isFile()) {
        try {
            m_db.execDirect(QStringLiteral("VACUUM"));
        } catch (const StorageError&) {
        }
    }
    return report;
}

} // namespace pd
