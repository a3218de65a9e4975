#include "widgets/CloseDealDialog.h"

#include "ui_CloseDealDialog.h"

#include <QPushButton>

namespace pd {

CloseDealDialog::CloseDealDialog(bool won, qint64 registrationNumber, Money current, const QDate& today,
                                 QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CloseDealDialog>()), m_won(won), m_currency(current.currency)
{
    m_ui->setupUi(this);
    setWindowTitle(won ? tr("Mark won") : tr("Mark lost"));
    const QString amount = current.minor < 0 ? tr("no amount yet") : formatMoney(current);
    m_ui->intro->setText(won ? tr("Registration #%1 was won. Its amount is %2; type the won amount in %3 to change it.")
                                   .arg(registrationNumber)
                                   .arg(amount, m_currency)
                             : tr("Registration #%1 was lost.").arg(registrationNumber));
    m_ui->amountLabel->setText(tr("&Won amount (%1):").arg(m_currency));
    m_ui->amountLabel->setVisible(won);
    m_ui->amount->setVisible(won);
    m_ui->closeDate->setDate(today);
    m_ui->closeDate->setMaximumDate(today.addYears(1));
    m_ui->error->hide();
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        if (readForm())
            accept();
    });
}

CloseDealDialog::~CloseDealDialog() = default;

void CloseDealDialog::setValues(const QString& amount, const QDate& date)
{
    m_ui->amount->setText(amount);
    if (date.isValid())
        m_ui->closeDate->setDate(date);
}

bool CloseDealDialog::readForm()
{
    m_answer = Answer{};
    m_answer.closeDate = m_ui->closeDate->date();
    const QString text = m_ui->amount->text().trimmed();
    if (m_won && !text.isEmpty()) {
        const std::optional<qint64> minor = parseMinorUnits(text, m_currency);
        if (!minor || *minor < 0) {
            m_ui->error->setText(tr("“%1” is not a positive amount in %2.").arg(text, m_currency));
            m_ui->error->show();
            m_ui->amount->setFocus();
            return false;
        }
        m_answer.amountMinor = *minor;
    }
    m_ui->error->hide();
    return true;
}

} // namespace pd
