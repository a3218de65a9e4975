#include "widgets/MdfFormFields.h"

#include "domain/Money.h"

#include <QCoreApplication>
#include <QLineEdit>

namespace pd {

std::optional<qint64> readMdfAmount(const QLineEdit* field, const QString& currency, const QString& what,
                                    QString* error, qint64 minimumMinor)
{
    const QString text = field->text().trimmed();
    QString reason;
    const std::optional<qint64> minor = text.isEmpty() ? std::nullopt : parseMinorUnits(text, currency, 1, &reason);
    if (!minor) {
        *error = text.isEmpty() ? QCoreApplication::translate("pd::MdfForms", "Enter the %1.").arg(what)
                                : QCoreApplication::translate("pd::MdfForms", "The %1 \"%2\" is not an amount: %3")
                                      .arg(what, text, reason);
        return std::nullopt;
    }
    if (*minor < minimumMinor) {
        *error = QCoreApplication::translate("pd::MdfForms", "The %1 must be at least %2.")
                     .arg(what, formatMoney(Money{minimumMinor, currency}));
        return std::nullopt;
    }
    return minor;
}

} // namespace pd
