#pragma GCC diagnostic ignored "-Wunused-parameter" // skeleton, replaced by the implementation
#include "storage/MdfBudgetRepository.h"

#include "storage/StorageError.h"


namespace pd {

MdfBudgetRepository::MdfBudgetRepository(Database& db, const Clock& clock, ChangeNotifier* notifier) : m_db(db), m_clock(clock), m_notifier(notifier) {}

MdfSettings MdfBudgetRepository::settings() const
{
    throw StorageError(QStringLiteral("settings: not implemented yet"));
}

void MdfBudgetRepository::saveSettings(const MdfSettings& settings) 
{
    throw StorageError(QStringLiteral("saveSettings: not implemented yet"));
}

QList<MdfBudget> MdfBudgetRepository::budgets() const
{
    throw StorageError(QStringLiteral("budgets: not implemented yet"));
}

MdfBudget MdfBudgetRepository::budget(const QString& id) const
{
    throw StorageError(QStringLiteral("budget: not implemented yet"));
}

std::optional<MdfBudget> MdfBudgetRepository::findBudget(const QString& nameOrId) const
{
    throw StorageError(QStringLiteral("findBudget: not implemented yet"));
}

QString MdfBudgetRepository::createBudget(MdfBudget& budget) 
{
    throw StorageError(QStringLiteral("createBudget: not implemented yet"));
}

QString MdfBudgetRepository::changeBudgetAmount(const QString& budgetId, qint64 amountMinor) 
{
    throw StorageError(QStringLiteral("changeBudgetAmount: not implemented yet"));
}

QString MdfBudgetRepository::allocateFixed(const QString& budgetId, const QString& partnerId, qint64 amountMinor,
                          const QString& note) 
{
    throw StorageError(QStringLiteral("allocateFixed: not implemented yet"));
}

QList<MdfAccrualLine> MdfBudgetRepository::accrualPreview(const QString& budgetId, int basisPoints, const QString& accrualPeriod,
                                         const QStringList& partnerIds) const
{
    throw StorageError(QStringLiteral("accrualPreview: not implemented yet"));
}

QString MdfBudgetRepository::allocateAccrual(const QString& budgetId, int basisPoints, const QString& accrualPeriod,
                            const QStringList& partnerIds) 
{
    throw StorageError(QStringLiteral("allocateAccrual: not implemented yet"));
}

QList<MdfAllocation> MdfBudgetRepository::allocations(const QString& budgetId) const
{
    throw StorageError(QStringLiteral("allocations: not implemented yet"));
}

QString MdfBudgetRepository::closePeriod(const QString& budgetId) 
{
    throw StorageError(QStringLiteral("closePeriod: not implemented yet"));
}

MdfBudgetStatus MdfBudgetRepository::status(const QString& budgetId) const
{
    throw StorageError(QStringLiteral("status: not implemented yet"));
}

QList<QPair<MdfBudget, MdfFigures>> MdfBudgetRepository::partnerFigures(const QString& partnerId) const
{
    throw StorageError(QStringLiteral("partnerFigures: not implemented yet"));
}

QList<MdfLedgerEntry> MdfBudgetRepository::ledger(const QString& period) const
{
    throw StorageError(QStringLiteral("ledger: not implemented yet"));
}

bool MdfBudgetRepository::verifyLedger(const QString& budgetId, QString* problem) const
{
    throw StorageError(QStringLiteral("verifyLedger: not implemented yet"));
}

} // namespace pd
