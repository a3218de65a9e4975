#include "widgets/MdfBudgetDialog.h"

#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "widgets/DialogService.h"
#include "widgets/MdfFormFields.h"

#include "ui_MdfBudgetDialog.h"

namespace pd {

MdfBudgetDialog::MdfBudgetDialog(DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::MdfBudgetDialog>()), m_dialogs(dialogs)
{
    m_ui->setupUi(this);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MdfBudgetDialog::tryAccept);
}

MdfBudgetDialog::~MdfBudgetDialog() = default;

void MdfBudgetDialog::tryAccept()
{
    QString error;
    MdfBudget b;
    b.name = m_ui->name->text().trimmed();
    b.currency = m_ui->currency->text().trimmed().toUpper();
    const std::optional<MdfPeriod> period = parseMdfPeriod(m_ui->period->text().trimmed(), &error);
    std::optional<qint64> amount;
    if (b.name.isEmpty())
        error = tr("Enter the budget's name.");
    else if (period && !isCurrencyCode(b.currency))
        error = tr("\"%1\" is not an ISO 4217 currency code (e.g. USD).").arg(b.currency);
    else if (period)
        amount = readMdfAmount(m_ui->amount, b.currency, tr("budget amount"), &error);
    if (!amount) {
        m_dialogs.warning(this, windowTitle(), error);
        return;
    }
    b.period = period->text;
    b.startsOn = period->startsOn;
    b.endsOn = period->endsOn;
    b.amountMinor = *amount;
    m_budget = b;
    accept();
}

} // namespace pd
