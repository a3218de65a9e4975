#include "widgets/PartnerCertificationsView.h"

#include "models/CertificationCommands.h"
#include "storage/CertificationRepository.h"
#include "storage/StorageError.h"
#include "widgets/AddCertificationDialog.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include "ui_PartnerCertificationsView.h"

#include <QHeaderView>
#include <QPalette>

namespace pd {

namespace {
/// The foreground of a certification that expires soon: a dark amber that reads on light and mid backgrounds.
const QColor kExpiringColour(0xa0, 0x52, 0x00);
} // namespace

PartnerCertificationsView::PartnerCertificationsView(Book& book, DialogService& dialogs, QWidget* parent)
    : QGroupBox(parent), m_ui(std::make_unique<Ui::PartnerCertificationsView>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this); // ui/PartnerCertificationsView.ui
    QTableWidget* table = m_ui->certificationsTable;
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    // The dates and the status in full; the contact's name takes the room left (elided when short of it).
    table->horizontalHeader()->setStretchLastSection(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(table, &QTableWidget::itemSelectionChanged, this, &PartnerCertificationsView::updateButtons);
    connect(m_ui->addCertification, &QPushButton::clicked, this, &PartnerCertificationsView::addCertification);
    connect(m_ui->removeCertification, &QPushButton::clicked, this, &PartnerCertificationsView::removeSelected);
    connect(&book.notifier(), &ChangeNotifier::certificationsChanged, this, &PartnerCertificationsView::refresh);
    connect(&book.notifier(), &ChangeNotifier::contactsChanged, this, &PartnerCertificationsView::refresh);
    connect(&book.notifier(), &ChangeNotifier::bookReset, this, &PartnerCertificationsView::refresh);
    refresh();
}

PartnerCertificationsView::~PartnerCertificationsView() = default;

void PartnerCertificationsView::setPartner(const QString& id, bool readOnly)
{
    m_partnerId = id;
    m_readOnly = readOnly;
    refresh();
}

void PartnerCertificationsView::refresh()
{
    const QDate today = m_book.clock().todayUtc();
    QList<Certification> certifications;
    int certified = 0;
    QString error;
    if (!m_partnerId.isEmpty()) {
        try {
            certifications = m_book.certifications().listForPartner(m_partnerId);
            certified = m_book.certifications().certifiedContactCount(m_partnerId, today);
        } catch (const StorageError& e) {
            error = e.message();
        }
    }
    m_shown = certifications;
    if (!error.isEmpty())
        m_ui->certifiedCount->setText(error);
    else if (m_partnerId.isEmpty())
        m_ui->certifiedCount->clear();
    else if (certified == 1)
        m_ui->certifiedCount->setText(tr("1 certified contact today"));
    else
        m_ui->certifiedCount->setText(tr("%1 certified contacts today").arg(certified));

    QTableWidget* table = m_ui->certificationsTable;
    const QColor grey = palette().color(QPalette::Disabled, QPalette::Text);
    table->setRowCount(int(certifications.size()));
    for (int row = 0; row < certifications.size(); ++row) {
        const Certification& c = certifications.at(row);
        const CertificationStatus status = certificationStatus(c, today);
        QString statusText;
        switch (status) {
        case CertificationStatus::Valid:
            statusText = tr("valid");
            break;
        case CertificationStatus::Expiring: {
            const qint64 days = today.daysTo(c.expiresOn);
            statusText = days == 1 ? tr("expires in 1 day") : tr("expires in %1 days").arg(days);
            break;
        }
        case CertificationStatus::Expired:
            statusText = tr("expired");
            break;
        case CertificationStatus::NotYetEarned:
            statusText = tr("not yet earned");
            break;
        }
        const QStringList cells = {c.contactName, c.typeName, c.earnedOn.toString(Qt::ISODate),
                                   c.expiresOn.isValid() ? c.expiresOn.toString(Qt::ISODate) : tr("never"), statusText};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            if (status == CertificationStatus::Expiring)
                item->setForeground(kExpiringColour);
            else if (status == CertificationStatus::Expired || status == CertificationStatus::NotYetEarned)
                item->setForeground(grey);
            table->setItem(row, column, item);
        }
    }
    updateButtons();
}

void PartnerCertificationsView::updateButtons()
{
    const bool editable = !m_partnerId.isEmpty() && !m_readOnly;
    m_ui->addCertification->setEnabled(editable);
    const int row = m_ui->certificationsTable->currentRow();
    const bool selected = !m_ui->certificationsTable->selectedItems().isEmpty() && row >= 0 && row < m_shown.size();
    m_ui->removeCertification->setEnabled(editable && selected);
}

AddCertificationDialog* PartnerCertificationsView::addCertification()
{
    if (m_partnerId.isEmpty() || m_readOnly)
        return nullptr;
    auto* dialog = new AddCertificationDialog(
        m_book, m_partnerId, [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool PartnerCertificationsView::removeSelected()
{
    const int row = m_ui->certificationsTable->currentRow();
    if (m_readOnly || row < 0 || row >= m_shown.size() || m_ui->certificationsTable->selectedItems().isEmpty())
        return false;
    QString error;
    auto onError = [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); };
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<ArchiveCertificationCommand>(m_book.certifications(), m_shown.at(row)), &error,
                     onError)) {
        m_dialogs.warning(this, tr("Remove certification"), error);
        return false;
    }
    return true;
}

} // namespace pd
