#include "storage/DatabaseConfig.h"

#include <QUrl>

namespace pd {

std::optional<DatabaseConfig> DatabaseConfig::fromString(const QString& text, QString* error)
{
    DatabaseConfig c;
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2) {
            if (error)
                *error = QStringLiteral("Not a valid PostgreSQL URL (expected postgresql://user@host:port/dbname): %1")
                             .arg(text);
            return std::nullopt;
        }
        c.kind = Kind::Postgres;
        c.host = url.host();
        c.port = url.port(5432);
        c.user = url.userName();
        c.password = url.password();
        c.dbName = url.path().mid(1);
        return c;
    }
    if (text.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("No database file given");
        return std::nullopt;
    }
    c.path = text;
    return c;
}

QString DatabaseConfig::displayName() const
{
    if (kind == Kind::Sqlite)
        return path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(dbName);
}

} // namespace pd
