#pragma once

#include "domain/Clock.h"

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>
#include <memory>

namespace pd {

class Database;

/// Exit codes of partnerdesk-cli (DESIGN.md section 5).
enum ExitCode : int {
    ExitOk = 0,           ///< success
    ExitUsage = 1,        ///< bad command line
    ExitInvalidInput = 2, ///< invalid input; nothing was written
    ExitDatabase = 3,     ///< the database failed or is newer than this build
    ExitNetwork = 4       ///< a CRM or network error
};

/// What every command shares: the output streams, the --db value and opening the book (which always
/// migrates it first, as `init` does). Commands are functions `int run…Command(CliContext&, QStringList)`.
class CliContext
{
public:
    CliContext();
    ~CliContext();

    QTextStream& out() { return m_out; }
    /// The source of "now" for every command (DESIGN.md section 8): the system clock, or the one main() set from
    /// PD_NOW.
    const Clock& clock() const { return *m_clock; }
    void setClock(std::unique_ptr<Clock> clock) { m_clock = std::move(clock); }
    QTextStream& err() { return m_err; }

    /// The --db value given before the command (a file path or a postgresql:// URL); empty = default book.
    QString databaseText;

    /// Adds the options every command accepts (--db, --help) to a command's parser.
    void addCommonOptions(QCommandLineParser& parser);
    /// Parses a command's arguments (args[0] is "partnerdesk-cli COMMAND"). Returns -1 to go on, or an exit
    /// code (usage error printed, or help printed → ExitOk).
    int parse(QCommandLineParser& parser, const QStringList& args);

    /// What a command does with the book.
    enum class Access {
        Read, ///< only reads: a missing book is an error and nothing is created; a read-only book is fine
        Write ///< writes: a missing SQLite book is created; a read-only or damaged book is refused
    };

    /// Opens and migrates the book named by --db (or the default book). Returns nullptr after printing the
    /// reason to err(), with `exitCode` set to ExitDatabase (or ExitUsage for a malformed URL). With Access::Read a
    /// missing file or an empty database is refused ("no book"), and a read-only book is opened with a note on err().
    /// With Access::Write an SQLite book is checked for damage first (Database::checkIntegrity) and a read-only
    /// book is refused, so that nothing is written into either.
    std::unique_ptr<Database> openDatabase(int* exitCode, Access access = Access::Write, int* fromVersion = nullptr,
                                           QString* backupPath = nullptr);

    /// Prints a JSON value compactly on one line.
    void printJson(const class QJsonObject& object);

private:
    std::unique_ptr<Clock> m_clock;
    QTextStream m_out;
    QTextStream m_err;
    QCommandLineOption m_dbOption;
};

/// Decimal number in major units of a minor-unit amount, for JSON (DESIGN.md section 5; exact below 2^53 minor units).
double decimalAmount(qint64 minor, const QString& currency);

int runInitCommand(CliContext& context, const QStringList& args);
int runImportCommand(CliContext& context, const QStringList& args);
int runExportCommand(CliContext& context, const QStringList& args);
int runStatsCommand(CliContext& context, const QStringList& args);
int runGenerateCommand(CliContext& context, const QStringList& args);
int runDealsCommand(CliContext& context, const QStringList& args);
int runPartnersCommand(CliContext& context, const QStringList& args);
int runOnboardingCommand(CliContext& context, const QStringList& args);
int runCertsCommand(CliContext& context, const QStringList& args);

} // namespace pd
