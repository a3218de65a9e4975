#pragma once

#include <QString>
#include <QStringList>

namespace pd {

class CliContext;
class Database;

/// `deals show`, `deals partners add|remove` and `deals touches add|remove` (issue 8, item 9): one deal with its
/// further partners and touches, and the edits that feed the attribution models from scripts. `sub` is "show",
/// "partners" or "touches"; `args[0]` is the program and subcommand name. Returns the exit code (DESIGN.md
/// section 5): an unknown deal, partner, role or touch type is invalid input (2).
int runDealPartiesCommand(CliContext& context, Database& db, const QString& sub, const QStringList& args);

} // namespace pd
