#pragma once

#include <QString>
#include <optional>

namespace pd {

/// Where a book lives: an SQLite file, or a PostgreSQL database given as
/// `postgresql://user[:password]@host[:port]/dbname` (DESIGN.md section 5).
struct DatabaseConfig
{
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString path; ///< SQLite file path
    QString host; ///< PostgreSQL host
    int port = 5432;
    QString user;
    QString password; ///< kept in memory only, never written to settings
    QString dbName;

    /// Parses a file path or a postgresql:// (or postgres://) URL. Returns nullopt and sets `error` for a
    /// malformed URL.
    static std::optional<DatabaseConfig> fromString(const QString& text, QString* error = nullptr);
    /// The path or URL without the password, for display and settings.
    QString displayName() const;
    bool isFile() const { return kind == Kind::Sqlite; }
};

} // namespace pd
