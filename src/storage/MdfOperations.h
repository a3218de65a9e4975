#pragma once

#include <QString>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// Undo and redo of an MDF action as a whole (issue 10, item 9). An action (MdfBudgetRepository,
/// MdfRequestRepository) records an operation: the entity it changed, that entity's status before and after, the
/// allocations it made and its ledger entries. undo() posts a reversal of each entry still in effect and puts the
/// entity back (a created row is archived); redo() posts the entries again and re-applies the status. The ledger is
/// never rewritten: reversals and re-posts are entries too, so it stays balanced and finance sees every step.
/// Throws StorageError: Kind::NotFound for an unknown operation, Kind::Conflict when the entity changed since (undo
/// the later change first), Kind::NotAllowed when a reversal would take an account below zero (the funds were used
/// since; the message names the account and by how much).
class MdfOperations
{
public:
    MdfOperations(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    void undo(const QString& operationId);
    void redo(const QString& operationId);

private:
    void apply(const QString& operationId, bool undo);

    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
