#pragma once

#include <QString>

namespace pd {

class Database;

/// Brings a book's schema up to date with numbered migrations (resources/sql/NNN_*.sql), each in its
/// own transaction (DESIGN.md section 2). The schema version and the oldest app version that can read
/// the book are kept in the `schema_info` table.
class Migrator
{
public:
    /// Schema version this build of PartnerDesk writes.
    static constexpr int kLatestVersion = 9;
    /// The oldest PartnerDesk version that can read a book at kLatestVersion.
    static QString minimumAppVersion() { return QStringLiteral("0.2.0"); }

    struct Report
    {
        int fromVersion = 0;
        int toVersion = 0;
        QString backupPath; ///< copy of the file made before migrating; empty when none was needed
    };

    explicit Migrator(Database& db) : m_db(db) {}

    /// The book's schema version (0 for an empty database).
    int currentVersion() const;

    /// Migrates to kLatestVersion. A file book that already has a schema is first copied to
    /// "<file>.schema-v<N>.bak". Throws StorageError (kind NewerSchema) without writing anything when the
    /// book is newer than this build, or (kind ReadOnly) when a read-only book would need migrating; throws
    /// StorageError when a migration fails (that step rolls back).
    Report migrate() { return migrate(kLatestVersion); }
    /// Migrates up to `targetVersion` (1 … kLatestVersion) only: tests use it to build a book at an older
    /// schema and then upgrade it. The recorded min_app_version is this build's.
    Report migrate(int targetVersion);

private:
    void backupFile(const QString& target) const;
    Database& m_db;
};

} // namespace pd
