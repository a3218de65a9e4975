#pragma once

#include <QString>
#include <optional>

class QLineEdit;

namespace pd {

// Reading the fields of the MDF dialogs (issue 10). Free functions shared by MdfBudgetDialog, MdfAllocationDialog,
// MdfRequestDialog and MdfClaimDialog.

/// The amount typed in `field` in major units as a user types it ("100000", "1,250.50"), in minor units of
/// `currency` (parseMinorUnits). nullopt and `error` (naming `what`) when it is empty, malformed or below
/// `minimumMinor`.
std::optional<qint64> readMdfAmount(const QLineEdit* field, const QString& currency, const QString& what,
                                    QString* error, qint64 minimumMinor = 1);

} // namespace pd
