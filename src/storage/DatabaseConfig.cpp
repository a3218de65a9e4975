#include "storage/DatabaseConfig.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace pd {

namespace {

const QLatin1String kSchemes[] = {QLatin1String("postgresql://"), QLatin1String("postgres://")};

bool isPostgresUrl(const QString& text)
{
    for (const QLatin1String scheme : kSchemes)
        if (text.startsWith(scheme, Qt::CaseInsensitive))
            return true;
    return false;
}

/// The values a libpq keyword accepts, when they are a fixed set (PostgreSQL 15 documentation, section 34.1.2).
const QHash<QString, QStringList>& enumeratedValues()
{
    static const QHash<QString, QStringList> values = {
        {QStringLiteral("sslmode"),
         {QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"), QStringLiteral("require"),
          QStringLiteral("verify-ca"), QStringLiteral("verify-full")}},
        {QStringLiteral("gssencmode"),
         {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require")}},
        {QStringLiteral("channel_binding"),
         {QStringLiteral("disable"), QStringLiteral("prefer"), QStringLiteral("require")}},
        {QStringLiteral("sslcompression"), {QStringLiteral("0"), QStringLiteral("1")}},
        {QStringLiteral("sslsni"), {QStringLiteral("0"), QStringLiteral("1")}},
        {QStringLiteral("keepalives"), {QStringLiteral("0"), QStringLiteral("1")}},
        {QStringLiteral("target_session_attrs"),
         {QStringLiteral("any"), QStringLiteral("read-write"), QStringLiteral("read-only"), QStringLiteral("primary"),
          QStringLiteral("standby"), QStringLiteral("prefer-standby")}},
    };
    return values;
}

/// libpq keywords whose value is a whole number of seconds (or a count).
bool isNumeric(const QString& key)
{
    return key == QLatin1String("connect_timeout") || key == QLatin1String("keepalives_idle") ||
           key == QLatin1String("keepalives_interval") || key == QLatin1String("keepalives_count") ||
           key == QLatin1String("tcp_user_timeout");
}

/// A conninfo value quoted for libpq ('…' with \ and ' escaped).
QString quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    value.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

/// Masks the password of the URL that starts at `start` (its scheme is `schemeSize` long) and ends before `end`.
void maskOne(QString& text, qsizetype start, qsizetype schemeSize, qsizetype end)
{
    const qsizetype authority = start + schemeSize;
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'), end - 1);
    if (at >= authority) {
        // user:password@…: everything between the first ':' and the last '@' may be the password.
        const qsizetype colon = text.indexOf(QLatin1Char(':'), authority);
        if (colon >= 0 && colon < at)
            text.replace(colon + 1, at - colon - 1, QLatin1String("***"));
        return;
    }
    // No '@': "host:port"; a port that is not a number may be a password written without the host.
    qsizetype authorityEnd = authority;
    while (authorityEnd < end && text.at(authorityEnd) != QLatin1Char('/') && text.at(authorityEnd) != QLatin1Char('?'))
        ++authorityEnd;
    const qsizetype colon = text.indexOf(QLatin1Char(':'), authority);
    if (colon < 0 || colon >= authorityEnd)
        return;
    bool digits = true;
    for (qsizetype i = colon + 1; i < authorityEnd; ++i)
        digits = digits && text.at(i).isDigit();
    if (!digits)
        text.replace(colon + 1, authorityEnd - colon - 1, QLatin1String("***"));
}

QString malformed(const QString& text)
{
    return QStringLiteral("Not a valid PostgreSQL URL (expected postgresql://user[:password]@host[:port]/dbname"
                          "[?sslmode=…]): %1")
        .arg(DatabaseConfig::maskPassword(text));
}

} // namespace

QStringList DatabaseConfig::supportedParameters()
{
    return {QStringLiteral("application_name"),
            QStringLiteral("channel_binding"),
            QStringLiteral("connect_timeout"),
            QStringLiteral("gssencmode"),
            QStringLiteral("keepalives"),
            QStringLiteral("keepalives_count"),
            QStringLiteral("keepalives_idle"),
            QStringLiteral("keepalives_interval"),
            QStringLiteral("krbsrvname"),
            QStringLiteral("options"),
            QStringLiteral("passfile"),
            QStringLiteral("requirepeer"),
            QStringLiteral("ssl_max_protocol_version"),
            QStringLiteral("ssl_min_protocol_version"),
            QStringLiteral("sslcert"),
            QStringLiteral("sslcompression"),
            QStringLiteral("sslcrl"),
            QStringLiteral("sslcrldir"),
            QStringLiteral("sslkey"),
            QStringLiteral("sslmode"),
            QStringLiteral("sslrootcert"),
            QStringLiteral("sslsni"),
            QStringLiteral("target_session_attrs"),
            QStringLiteral("tcp_user_timeout")};
}

QString DatabaseConfig::maskPassword(const QString& text)
{
    // Every URL in the text, from the last to the first, each ending where the next one starts.
    QString out = text;
    qsizetype end = out.size();
    while (end > 0) {
        qsizetype best = -1;
        qsizetype bestSize = 0;
        for (const QLatin1String scheme : kSchemes) {
            const qsizetype i = out.lastIndexOf(scheme, end - 1, Qt::CaseInsensitive);
            if (i > best || (i == best && i >= 0 && scheme.size() > bestSize)) {
                best = i;
                bestSize = scheme.size();
            }
        }
        if (best < 0)
            break;
        maskOne(out, best, bestSize, end);
        end = best;
    }
    // libpq also reads a password from the query ("?password=…"), which fromString refuses; never echo it.
    static const QRegularExpression queryPassword(QStringLiteral("([?&]password=)[^&\\s]*"),
                                                  QRegularExpression::CaseInsensitiveOption);
    out.replace(queryPassword, QStringLiteral("\\1***"));
    return out;
}

std::optional<DatabaseConfig> DatabaseConfig::fromString(const QString& input, QString* error)
{
    auto fail = [error](const QString& message) -> std::optional<DatabaseConfig> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    DatabaseConfig c;
    const QString text = input.trimmed();
    if (isPostgresUrl(text)) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.path().size() < 2 || url.path().indexOf(u'/', 1) >= 0 ||
            url.hasFragment())
            return fail(malformed(text));
        c.kind = Kind::Postgres;
        c.host = url.host();
        c.port = url.port(5432);
        c.user = url.userName(QUrl::FullyDecoded);
        c.password = url.password(QUrl::FullyDecoded);
        c.dbName = url.path(QUrl::FullyDecoded).mid(1);
        const QStringList supported = supportedParameters();
        QSet<QString> seen;
        for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
            if (!supported.contains(key))
                return fail(QStringLiteral("Unknown parameter '%1' in the PostgreSQL URL %2 (supported: %3)")
                                .arg(key, maskPassword(text), supported.join(QLatin1String(", "))));
            if (seen.contains(key))
                return fail(QStringLiteral("The parameter '%1' is given twice in the PostgreSQL URL").arg(key));
            seen.insert(key);
            const QStringList allowed = enumeratedValues().value(key);
            if (!allowed.isEmpty() && !allowed.contains(value))
                return fail(QStringLiteral("'%1' is not a valid %2 (one of: %3)")
                                .arg(value, key, allowed.join(QLatin1String(", "))));
            bool isNumber = false;
            if (isNumeric(key) && (value.toInt(&isNumber) < 0 || !isNumber))
                return fail(QStringLiteral("%1 must be a whole number, not '%2'").arg(key, value));
            if (value.contains(QLatin1Char(';')))
                // QPSQL separates its connect options with ';', so a value cannot hold one.
                return fail(QStringLiteral("The value of %1 cannot contain ';'").arg(key));
            c.parameters.append({key, value});
        }
        return c;
    }
    if (text.isEmpty())
        return fail(QStringLiteral("No database file given"));
    c.path = input;
    return c;
}

QString DatabaseConfig::displayName() const
{
    if (kind == Kind::Sqlite)
        return path;
    QString name = QStringLiteral("postgresql://%1@%2:%3/%4")
                       .arg(QString::fromUtf8(QUrl::toPercentEncoding(user)), host)
                       .arg(port)
                       .arg(QString::fromUtf8(QUrl::toPercentEncoding(dbName)));
    QStringList query;
    for (const auto& [key, value] : parameters)
        query.append(key + QLatin1Char('=') + QString::fromUtf8(QUrl::toPercentEncoding(value, "/")));
    if (!query.isEmpty())
        name += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return name;
}

QString DatabaseConfig::connectOptions() const
{
    if (kind == Kind::Sqlite)
        return {};
    QStringList options;
    bool timeout = false;
    for (const auto& [key, value] : parameters) {
        options.append(key + QLatin1Char('=') + quoted(value));
        timeout = timeout || key == QLatin1String("connect_timeout");
    }
    if (!timeout)
        options.prepend(QStringLiteral("connect_timeout=10"));
    return options.join(QLatin1Char(';'));
}

} // namespace pd
