#include "widgets/CertificationsDialog.h"

#include "models/CertificationCommands.h"
#include "storage/CertificationRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include "ui_CertificationsDialog.h"

#include <QHeaderView>

namespace pd {

CertificationsDialog::CertificationsDialog(Book& book, DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::CertificationsDialog>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this); // ui/CertificationsDialog.ui
    m_ui->typeError->clear();
    QTableWidget* table = m_ui->typesTable;
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(table, &QTableWidget::itemSelectionChanged, this, &CertificationsDialog::onSelectionChanged);
    connect(m_ui->addType, &QPushButton::clicked, this, &CertificationsDialog::addType);
    connect(m_ui->saveType, &QPushButton::clicked, this, &CertificationsDialog::saveType);
    connect(m_ui->removeType, &QPushButton::clicked, this, &CertificationsDialog::removeType);
    connect(m_ui->typeName, &QLineEdit::returnPressed, this, [this] {
        if (selected())
            saveType();
        else
            addType();
    });
    connect(&m_book.notifier(), &ChangeNotifier::certificationsChanged, this, &CertificationsDialog::load);
    connect(&m_book.notifier(), &ChangeNotifier::bookReset, this, &CertificationsDialog::load);
    load();
}

CertificationsDialog::~CertificationsDialog() = default;

void CertificationsDialog::load()
{
    const std::optional<CertificationType> current = selected();
    try {
        m_types = m_book.certifications().listTypes();
    } catch (const StorageError& e) {
        m_types.clear();
        m_ui->typeError->setText(e.message());
    }
    QTableWidget* table = m_ui->typesTable;
    const QSignalBlocker blocker(table);
    table->clearSelection();
    table->setRowCount(int(m_types.size()));
    int currentRow = -1;
    for (int row = 0; row < m_types.size(); ++row) {
        const CertificationType& type = m_types.at(row);
        table->setItem(row, 0, new QTableWidgetItem(type.name));
        table->setItem(row, 1,
                       new QTableWidgetItem(type.validityMonths == 0 ? tr("never expires")
                                                                     : tr("%1 months").arg(type.validityMonths)));
        if (current && current->id == type.id)
            currentRow = row;
    }
    if (currentRow >= 0)
        table->selectRow(currentRow);
    m_ui->saveType->setEnabled(currentRow >= 0);
    m_ui->removeType->setEnabled(currentRow >= 0);
}

std::optional<CertificationType> CertificationsDialog::selected() const
{
    const QList<QTableWidgetItem*> items = m_ui->typesTable->selectedItems();
    if (items.isEmpty())
        return std::nullopt;
    const int row = items.first()->row();
    if (row < 0 || row >= m_types.size())
        return std::nullopt;
    return m_types.at(row);
}

void CertificationsDialog::onSelectionChanged()
{
    const std::optional<CertificationType> type = selected();
    m_ui->saveType->setEnabled(type.has_value());
    m_ui->removeType->setEnabled(type.has_value());
    m_ui->typeError->clear();
    if (!type)
        return;
    m_ui->typeName->setText(type->name);
    m_ui->validityMonths->setValue(type->validityMonths);
}

bool CertificationsDialog::selectType(const QString& name)
{
    for (int row = 0; row < m_types.size(); ++row) {
        if (m_types.at(row).name == name) {
            m_ui->typesTable->selectRow(row);
            return true;
        }
    }
    return false;
}

bool CertificationsDialog::push(std::unique_ptr<RepositoryCommand> command)
{
    m_ui->typeError->clear();
    QString error;
    if (!pushCommand(m_book.undoStack(), std::move(command), &error,
                     [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); })) {
        m_ui->typeError->setText(error);
        return false;
    }
    return true;
}

bool CertificationsDialog::addType()
{
    CertificationType type;
    type.name = m_ui->typeName->text().trimmed();
    type.validityMonths = m_ui->validityMonths->value();
    if (type.name.isEmpty()) {
        m_ui->typeError->setText(tr("Enter the name of the certification type."));
        return false;
    }
    if (!push(std::make_unique<AddCertificationTypeCommand>(m_book.certifications(), type)))
        return false;
    selectType(type.name);
    return true;
}

bool CertificationsDialog::saveType()
{
    const std::optional<CertificationType> before = selected();
    if (!before)
        return false;
    CertificationType after = *before;
    after.name = m_ui->typeName->text().trimmed();
    after.validityMonths = m_ui->validityMonths->value();
    if (after.name.isEmpty()) {
        m_ui->typeError->setText(tr("Enter the name of the certification type."));
        return false;
    }
    if (after == *before)
        return true;
    return push(std::make_unique<EditCertificationTypeCommand>(m_book.certifications(), *before, after));
}

bool CertificationsDialog::removeType()
{
    const std::optional<CertificationType> type = selected();
    if (!type)
        return false;
    return push(std::make_unique<ArchiveCertificationTypeCommand>(m_book.certifications(), *type));
}

QString CertificationsDialog::errorText() const
{
    return m_ui->typeError->text();
}

} // namespace pd
