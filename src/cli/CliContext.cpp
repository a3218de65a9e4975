#include "cli/CliContext.h"

#include "storage/Database.h"
#include "storage/DatabaseConfig.h"
#include "storage/DefaultDatabase.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"

#include "domain/Money.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <cstdio>

namespace pd {

CliContext::CliContext()
    : m_clock(std::make_unique<Clock>()), m_out(stdout), m_err(stderr),
      m_dbOption(QStringLiteral("db"), QStringLiteral("The book: an SQLite file or a postgresql:// URL."),
                 QStringLiteral("DATABASE"))
{
}

CliContext::~CliContext()
{
    m_out.flush();
    m_err.flush();
}

void CliContext::addCommonOptions(QCommandLineParser& parser)
{
    parser.addOption(m_dbOption);
    parser.addHelpOption();
}

int CliContext::parse(QCommandLineParser& parser, const QStringList& args)
{
    if (!parser.parse(args)) {
        m_err << parser.errorText() << "\n" << parser.helpText();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        m_err << "Unexpected argument: " << parser.positionalArguments().constFirst() << "\n" << parser.helpText();
        return ExitUsage;
    }
    if (parser.isSet(m_dbOption))
        databaseText = parser.value(m_dbOption);
    return -1;
}

std::unique_ptr<Database> CliContext::openDatabase(int* exitCode, Access access, int* fromVersion, QString* backupPath)
{
    const QString text = databaseText.isEmpty() ? defaultDatabasePath() : databaseText;
    QString error;
    auto config = DatabaseConfig::fromString(text, &error);
    if (!config) {
        m_err << "Invalid --db value: " << error << "\n";
        *exitCode = ExitUsage;
        return nullptr;
    }
    if (config->kind == DatabaseConfig::Kind::Postgres && config->password.isEmpty())
        config->password = qEnvironmentVariable("PGPASSWORD");
    auto db = std::make_unique<Database>(*config);
    db->setBusyObserver([this, name = db->config().displayName()](bool waiting, qint64 waitedMs) {
        if (waiting)
            m_err << "Waiting for another program to finish writing to " << name << "…\n";
        else
            m_err << "Waited " << QString::number(waitedMs / 1000.0, 'f', 1) << " s.\n";
        m_err.flush();
    });
    try {
        db->open(access == Access::Read ? Database::OpenMode::MustExist : Database::OpenMode::CreateIfMissing);
        Migrator migrator(*db);
        if (access == Access::Read && migrator.currentVersion() == 0)
            throw StorageError(QStringLiteral("%1 is not a PartnerDesk book yet (create one with `partnerdesk-cli "
                                              "--db … init`)")
                                   .arg(db->config().displayName()),
                               StorageError::Kind::NotFound);
        if (db->isReadOnly()) {
            if (access == Access::Write)
                throw StorageError(QStringLiteral("%1 is read-only: nothing was written").arg(text),
                                   StorageError::Kind::ReadOnly);
            m_err << "Note: " << text << " is read-only; reading only.\n";
        }
        if (access == Access::Write) {
            // A command that writes reads little: no memory map, so that checking a large book does not count the
            // whole book in this process's memory (an import must stay within its memory bound, issue 7).
            db->tuneForBulkWrite();
            db->checkIntegrity();
        }
        const Migrator::Report report = migrator.migrate();
        if (fromVersion)
            *fromVersion = report.fromVersion;
        if (backupPath)
            *backupPath = report.backupPath;
    } catch (const StorageError& e) {
        m_err << DatabaseConfig::maskPassword(e.message()) << "\n"; // a driver message may echo the URL
        *exitCode = ExitDatabase;
        return nullptr;
    }
    return db;
}

double decimalAmount(qint64 minor, const QString& currency)
{
    return double(minor) / std::pow(10.0, currencyMinorDigits(currency));
}

void CliContext::printJson(const QJsonObject& object)
{
    m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
}

} // namespace pd
