#include "widgets/MdfSettingsDialog.h"

#include "widgets/DialogService.h"

#include "ui_MdfSettingsDialog.h"

#include <QHeaderView>

namespace pd {

MdfSettingsDialog::MdfSettingsDialog(DialogService& dialogs, const MdfSettings& settings, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::MdfSettingsDialog>()), m_dialogs(dialogs), m_settings(settings)
{
    m_ui->setupUi(this);
    m_ui->vendorShare->setValue(settings.vendorSharePercent);
    m_ui->claimDeadline->setValue(settings.claimDeadlineDays);
    m_ui->proofTypesLabel->setText(tr("Proof types: %1.").arg(mdfProofTypes().join(QLatin1String(", "))));
    QTableWidget* table = m_ui->activityTypes;
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Activity type"), tr("Required proof types")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->setRowCount(int(settings.activityTypes.size()));
    for (int i = 0; i < settings.activityTypes.size(); ++i) {
        const MdfActivityType& type = settings.activityTypes.at(i);
        auto* name = new QTableWidgetItem(type.name);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        name->setCheckState(type.allowed ? Qt::Checked : Qt::Unchecked);
        table->setItem(i, 0, name);
        table->setItem(i, 1, new QTableWidgetItem(type.requiredProofs.join(QLatin1String(", "))));
    }
    table->resizeColumnToContents(0);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MdfSettingsDialog::tryAccept);
}

MdfSettingsDialog::~MdfSettingsDialog() = default;

void MdfSettingsDialog::tryAccept()
{
    MdfSettings s = m_settings;
    s.vendorSharePercent = m_ui->vendorShare->value();
    s.claimDeadlineDays = m_ui->claimDeadline->value();
    const QStringList known = mdfProofTypes();
    for (int i = 0; i < s.activityTypes.size(); ++i) {
        MdfActivityType& type = s.activityTypes[i];
        type.allowed = m_ui->activityTypes->item(i, 0)->checkState() == Qt::Checked;
        type.requiredProofs.clear();
        const QString text = m_ui->activityTypes->item(i, 1)->text();
        for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString proof = part.trimmed().toLower();
            if (!known.contains(proof)) {
                m_dialogs.warning(this, windowTitle(),
                                  tr("\"%1\" (for %2) is not a proof type. Proof types: %3.")
                                      .arg(part.trimmed(), type.name, known.join(QLatin1String(", "))));
                return;
            }
            type.requiredProofs << proof;
        }
    }
    m_settings = s;
    accept();
}

} // namespace pd
