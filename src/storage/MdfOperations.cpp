#pragma GCC diagnostic ignored "-Wunused-parameter" // skeleton, replaced by the implementation
#include "storage/MdfOperations.h"

#include "storage/StorageError.h"


namespace pd {

MdfOperations::MdfOperations(Database& db, const Clock& clock, ChangeNotifier* notifier) : m_db(db), m_clock(clock), m_notifier(notifier) {}

void MdfOperations::undo(const QString& operationId) 
{
    throw StorageError(QStringLiteral("undo: not implemented yet"));
}

void MdfOperations::redo(const QString& operationId) 
{
    throw StorageError(QStringLiteral("redo: not implemented yet"));
}

} // namespace pd
