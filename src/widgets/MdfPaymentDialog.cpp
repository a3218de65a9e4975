#include "widgets/MdfPaymentDialog.h"

#include "widgets/DialogService.h"

#include "ui_MdfPaymentDialog.h"

namespace pd {

MdfPaymentDialog::MdfPaymentDialog(DialogService& dialogs, const QDate& today, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::MdfPaymentDialog>()), m_dialogs(dialogs)
{
    m_ui->setupUi(this);
    m_ui->paidOn->setMaximumDate(today);
    m_ui->paidOn->setDate(today);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MdfPaymentDialog::tryAccept);
}

MdfPaymentDialog::~MdfPaymentDialog() = default;

QDate MdfPaymentDialog::paidOn() const
{
    return m_ui->paidOn->date();
}

QString MdfPaymentDialog::reference() const
{
    return m_ui->reference->text().trimmed();
}

void MdfPaymentDialog::tryAccept()
{
    if (reference().isEmpty()) {
        m_dialogs.warning(this, windowTitle(), tr("Enter the payment reference."));
        return;
    }
    accept();
}

} // namespace pd
