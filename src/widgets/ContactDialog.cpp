#include "widgets/ContactDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace pd {

namespace {
QLabel* errorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->setVisible(false);
    return label;
}
} // namespace

ContactDialog::ContactDialog(const Contact& contact, QWidget* parent)
    : QDialog(parent), m_contact(contact), m_name(new QLineEdit(contact.name, this)),
      m_role(new QLineEdit(contact.role, this)), m_email(new QLineEdit(contact.email, this)),
      m_phone(new QLineEdit(contact.phone, this)), m_nameError(errorLabel(this)), m_emailError(errorLabel(this))
{
    setWindowTitle(contact.id.isEmpty() ? tr("New contact") : tr("Edit contact"));
    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("Role"), m_role);
    form->addRow(tr("Email"), m_email);
    form->addRow(QString(), m_emailError);
    form->addRow(tr("Phone"), m_phone);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ContactDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ContactDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Contact ContactDialog::contact() const
{
    Contact c = m_contact;
    c.name = m_name->text().trimmed();
    c.role = m_role->text().trimmed();
    c.email = m_email->text().trimmed();
    c.phone = m_phone->text().trimmed();
    return c;
}

void ContactDialog::accept()
{
    const Contact c = contact();
    const bool nameOk = !c.name.isEmpty();
    const bool emailOk = c.email.isEmpty() || c.email.contains(QLatin1Char('@'));
    m_nameError->setText(tr("Enter the contact's name."));
    m_nameError->setVisible(!nameOk);
    m_emailError->setText(tr("This is not an email address."));
    m_emailError->setVisible(!emailOk);
    if (nameOk && emailOk)
        QDialog::accept();
}

} // namespace pd
