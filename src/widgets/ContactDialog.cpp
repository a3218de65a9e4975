#include "widgets/ContactDialog.h"

#include "ui_ContactDialog.h"

namespace pd {

ContactDialog::ContactDialog(const Contact& contact, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ContactDialog>()), m_contact(contact)
{
    m_ui->setupUi(this);
    setWindowTitle(contact.id.isEmpty() ? tr("New contact") : tr("Edit contact"));
    m_ui->name->setText(contact.name);
    m_ui->role->setText(contact.role);
    m_ui->email->setText(contact.email);
    m_ui->phone->setText(contact.phone);
    m_ui->nameError->hide();
    m_ui->emailError->hide();
}

ContactDialog::~ContactDialog() = default;

Contact ContactDialog::contact() const
{
    Contact c = m_contact;
    c.name = m_ui->name->text().trimmed();
    c.role = m_ui->role->text().trimmed();
    c.email = m_ui->email->text().trimmed();
    c.phone = m_ui->phone->text().trimmed();
    return c;
}

void ContactDialog::accept()
{
    const Contact c = contact();
    const bool nameOk = !c.name.isEmpty();
    const bool emailOk = c.email.isEmpty() || c.email.contains(QLatin1Char('@'));
    m_ui->nameError->setVisible(!nameOk);
    m_ui->emailError->setVisible(!emailOk);
    if (nameOk && emailOk)
        QDialog::accept();
}

} // namespace pd
