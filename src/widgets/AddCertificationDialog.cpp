#include "widgets/AddCertificationDialog.h"

#include "models/CertificationCommands.h"
#include "storage/CertificationRepository.h"
#include "storage/ContactRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"

#include "ui_AddCertificationDialog.h"

namespace pd {

AddCertificationDialog::AddCertificationDialog(Book& book, const QString& partnerId,
                                               RepositoryCommand::ErrorHandler onUndoError, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::AddCertificationDialog>()), m_book(book),
      m_onUndoError(std::move(onUndoError))
{
    m_ui->setupUi(this); // ui/AddCertificationDialog.ui
    m_ui->error->clear();
    const QDate today = m_book.clock().todayUtc();
    m_ui->earned->setMaximumDate(today);
    m_ui->earned->setDate(today);
    try {
        for (const Contact& contact : m_book.contacts().listForPartner(partnerId))
            m_ui->contact->addItem(contact.name, contact.id);
        for (const CertificationType& type : m_book.certifications().listTypes())
            m_ui->type->addItem(type.name, type.id);
    } catch (const StorageError& e) {
        m_ui->error->setText(e.message());
    }
    if (m_ui->contact->count() == 0)
        m_ui->error->setText(tr("This partner has no contacts: add a contact first."));
    else if (m_ui->type->count() == 0)
        m_ui->error->setText(tr("There are no certification types: add one with Partners → Certification types…"));
}

AddCertificationDialog::~AddCertificationDialog() = default;

bool AddCertificationDialog::setValues(const QString& contactName, const QString& typeName, const QDate& earned)
{
    const int contact = m_ui->contact->findText(contactName);
    const int type = m_ui->type->findText(typeName);
    m_ui->contact->setCurrentIndex(contact);
    m_ui->type->setCurrentIndex(type);
    m_ui->earned->setDate(earned);
    return contact >= 0 && type >= 0;
}

QString AddCertificationDialog::errorText() const
{
    return m_ui->error->text();
}

void AddCertificationDialog::accept()
{
    m_ui->error->clear();
    Certification certification;
    certification.contactId = m_ui->contact->currentData().toString();
    certification.typeId = m_ui->type->currentData().toString();
    certification.earnedOn = m_ui->earned->date();
    if (certification.contactId.isEmpty()) {
        m_ui->error->setText(tr("Choose the contact who earned the certification."));
        return;
    }
    if (certification.typeId.isEmpty()) {
        m_ui->error->setText(tr("Choose the certification type."));
        return;
    }
    if (certification.earnedOn > m_book.clock().todayUtc()) {
        m_ui->error->setText(tr("The earned date cannot be after today."));
        return;
    }
    QString error;
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<AddCertificationCommand>(m_book.certifications(), certification), &error,
                     m_onUndoError)) {
        m_ui->error->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace pd
