#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace pd {

/// Where a book lives: an SQLite file, or a PostgreSQL database given as
/// `postgresql://user[:password]@host[:port]/dbname[?param=value&…]` (DESIGN.md section 5). User and password
/// are percent-decoded (`p%40ss` is `p@ss`). The query parameters are libpq connection parameters (see
/// supportedParameters()); they reach libpq through QSqlDatabase::setConnectOptions.
struct DatabaseConfig
{
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString path; ///< SQLite file path
    QString host; ///< PostgreSQL host
    int port = 5432;
    QString user;
    QString password; ///< kept in memory only, never written to settings or shown
    QString dbName;
    /// libpq parameters from the URL's query, in the order written (e.g. {"sslmode", "require"}).
    QList<QPair<QString, QString>> parameters;

    /// Parses a file path or a postgresql:// (or postgres://) URL. Returns nullopt and sets `error` for a
    /// malformed URL, an unknown query parameter (named in the error) or an invalid parameter value. The error
    /// never contains the password (see maskPassword()).
    static std::optional<DatabaseConfig> fromString(const QString& text, QString* error = nullptr);
    /// The path or URL without the password (parameters included), for display and settings.
    QString displayName() const;
    bool isFile() const { return kind == Kind::Sqlite; }
    /// The QPSQL connect options for these parameters ("key=value;key=value", values quoted for libpq's
    /// conninfo), with connect_timeout=10 (seconds) unless the URL sets it. Empty for SQLite.
    QString connectOptions() const;

    /// The libpq parameters a URL may carry (PostgreSQL 15 libpq, "Parameter Key Words"), sorted.
    static QStringList supportedParameters();
    /// `text` with the password of a postgresql:// URL replaced by `***` (also when the URL is malformed);
    /// other text unchanged. Errors and messages that echo what a user typed go through this.
    static QString maskPassword(const QString& text);
};

} // namespace pd
