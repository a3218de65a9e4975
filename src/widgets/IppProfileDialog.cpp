#include "widgets/IppProfileDialog.h"

#include "models/IppProfileCommand.h"
#include "storage/IppProfileRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include "ui_IppProfileDialog.h"

#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QSpinBox>

namespace pd {

namespace {
constexpr IppField kFields[] = {IppField::PartnerType, IppField::Territory, IppField::Country,
                                IppField::Industry,    IppField::Size,      IppField::CertifiedContacts,
                                IppField::FoundedYear};

QString boundText(const std::optional<qint64>& bound)
{
    return bound ? QString::number(*bound) : QString();
}
} // namespace

IppProfileDialog::IppProfileDialog(Book& book, DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::IppProfileDialog>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this); // ui/IppProfileDialog.ui
    m_ui->profileError->clear();
    QTableWidget* table = m_ui->criteriaTable;
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 12);
    QHeaderView* header = table->horizontalHeader();
    header->setSectionResizeMode(FieldColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ValuesColumn, QHeaderView::Stretch);
    const int charWidth = table->fontMetrics().averageCharWidth();
    for (int column : {MinColumn, MaxColumn, WeightColumn}) {
        header->setSectionResizeMode(column, QHeaderView::Fixed);
        header->resizeSection(column, 9 * charWidth + 24);
    }
    m_ui->buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveProfile"));
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(m_ui->addCriterion, &QPushButton::clicked, this, [this] {
        IppCriterion criterion;
        criterion.weight = 10;
        appendRow(criterion);
        m_ui->criteriaTable->setCurrentCell(m_ui->criteriaTable->rowCount() - 1, ValuesColumn);
        updateWeightSum();
    });
    connect(m_ui->removeCriterion, &QPushButton::clicked, this, [this] {
        const int row = m_ui->criteriaTable->currentRow();
        if (row < 0)
            return;
        m_ui->criteriaTable->removeRow(row);
        updateWeightSum();
    });
    connect(table, &QTableWidget::itemChanged, m_ui->profileError, &QLabel::clear);
    load();
}

IppProfileDialog::~IppProfileDialog() = default;

void IppProfileDialog::load()
{
    try {
        m_loaded = m_book.ippProfile().load();
    } catch (const StorageError& e) {
        m_loaded = IdealPartnerProfile::defaults();
        m_ui->profileError->setText(e.message());
    }
    m_ui->criteriaTable->setRowCount(0);
    for (const IppCriterion& criterion : std::as_const(m_loaded.criteria))
        appendRow(criterion);
    updateWeightSum();
}

void IppProfileDialog::appendRow(const IppCriterion& criterion)
{
    QTableWidget* table = m_ui->criteriaTable;
    const int row = table->rowCount();
    table->insertRow(row);
    auto* field = new QComboBox(table);
    for (IppField f : kFields)
        field->addItem(ippFieldLabel(f), int(f));
    field->setCurrentIndex(field->findData(int(criterion.field)));
    table->setCellWidget(row, FieldColumn, field);
    const bool numeric = isNumeric(criterion.field);
    table->setItem(row, ValuesColumn, new QTableWidgetItem(numeric ? QString() : criterion.values.join(u", ")));
    table->setItem(row, MinColumn, new QTableWidgetItem(numeric ? boundText(criterion.min) : QString()));
    table->setItem(row, MaxColumn, new QTableWidgetItem(numeric ? boundText(criterion.max) : QString()));
    auto* weight = new QSpinBox(table);
    weight->setRange(1, 100);
    weight->setValue(std::clamp(criterion.weight, 1, 100));
    table->setCellWidget(row, WeightColumn, weight);
    connect(weight, &QSpinBox::valueChanged, this, &IppProfileDialog::updateWeightSum);
    connect(field, &QComboBox::currentIndexChanged, this, [this, field] {
        // Rows move when one above is removed: find this combo's row now.
        for (int r = 0; r < m_ui->criteriaTable->rowCount(); ++r)
            if (m_ui->criteriaTable->cellWidget(r, FieldColumn) == field)
                updateRowKind(r);
        m_ui->profileError->clear();
    });
    updateRowKind(row);
}

void IppProfileDialog::updateRowKind(int row)
{
    QTableWidget* table = m_ui->criteriaTable;
    const auto* field = qobject_cast<QComboBox*>(table->cellWidget(row, FieldColumn));
    const bool numeric = field && isNumeric(IppField(field->currentData().toInt()));
    const QSignalBlocker blocker(table);
    for (int column : {ValuesColumn, MinColumn, MaxColumn}) {
        QTableWidgetItem* item = table->item(row, column);
        const bool used = (column == ValuesColumn) != numeric;
        item->setFlags(used ? (Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable) : Qt::ItemIsSelectable);
        if (!used)
            item->setText(QString());
    }
    table->item(row, ValuesColumn)->setToolTip(numeric ? QString() : tr("Accepted values, comma-separated"));
}

int IppProfileDialog::weightSum() const
{
    int sum = 0;
    for (int row = 0; row < m_ui->criteriaTable->rowCount(); ++row)
        if (const auto* weight = qobject_cast<QSpinBox*>(m_ui->criteriaTable->cellWidget(row, WeightColumn)))
            sum += weight->value();
    return sum;
}

void IppProfileDialog::updateWeightSum()
{
    m_ui->weightSum->setText(tr("Sum of weights: %1").arg(weightSum()));
    m_ui->profileError->clear();
}

std::optional<IdealPartnerProfile> IppProfileDialog::entered(QString* error, int* errorRow) const
{
    const QTableWidget* table = m_ui->criteriaTable;
    IdealPartnerProfile profile;
    auto fail = [&](int row, const QString& message) -> std::optional<IdealPartnerProfile> {
        if (error)
            *error = message;
        if (errorRow)
            *errorRow = row;
        return std::nullopt;
    };
    for (int row = 0; row < table->rowCount(); ++row) {
        IppCriterion criterion;
        const auto* field = qobject_cast<QComboBox*>(table->cellWidget(row, FieldColumn));
        const auto* weight = qobject_cast<QSpinBox*>(table->cellWidget(row, WeightColumn));
        criterion.field = IppField(field->currentData().toInt());
        criterion.weight = weight->value();
        if (isNumeric(criterion.field)) {
            for (int column : {MinColumn, MaxColumn}) {
                const QString text = table->item(row, column)->text().trimmed();
                if (text.isEmpty())
                    continue;
                bool ok = false;
                const qint64 value = text.toLongLong(&ok);
                if (!ok)
                    return fail(row, tr("Criterion %1 (%2): the %3 “%4” is not a whole number.")
                                         .arg(row + 1)
                                         .arg(toString(criterion.field),
                                              column == MinColumn ? tr("minimum") : tr("maximum"), text));
                (column == MinColumn ? criterion.min : criterion.max) = value;
            }
        } else {
            for (const QString& value : table->item(row, ValuesColumn)->text().split(QLatin1Char(',')))
                if (!value.trimmed().isEmpty())
                    criterion.values.append(value.trimmed());
        }
        profile.criteria.append(criterion);
        // Validated row by row, so that the row at fault is known (validate() names the criterion by its number).
        if (const QString problem = profile.validate(); !problem.isEmpty())
            return fail(row, problem);
    }
    if (error)
        error->clear();
    if (errorRow)
        *errorRow = -1;
    return profile;
}

bool IppProfileDialog::save()
{
    QString error;
    int errorRow = -1;
    const std::optional<IdealPartnerProfile> profile = entered(&error, &errorRow);
    if (!profile) {
        m_ui->profileError->setText(error);
        if (errorRow >= 0)
            m_ui->criteriaTable->selectRow(errorRow);
        return false;
    }
    if (*profile == m_loaded)
        return true;
    if (!pushCommand(m_book.undoStack(), std::make_unique<IppProfileCommand>(m_book.ippProfile(), m_loaded, *profile),
                     &error, [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); })) {
        m_ui->profileError->setText(error);
        return false;
    }
    m_loaded = *profile;
    return true;
}

QString IppProfileDialog::errorText() const
{
    return m_ui->profileError->text();
}

} // namespace pd
