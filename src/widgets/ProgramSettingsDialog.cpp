#include "widgets/ProgramSettingsDialog.h"

#include "domain/Enums.h"
#include "domain/Money.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"

#include "ui_ProgramSettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>

namespace pd {

ProgramSettingsDialog::ProgramSettingsDialog(Book& book, ProgramSettingsCommand::Applied applied, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ProgramSettingsDialog>()), m_book(book), m_applied(std::move(applied))
{
    m_ui->setupUi(this); // ui/ProgramSettingsDialog.ui
    m_ui->settingsError->hide();
    const QStringList tiers = defaultTierNames();
    for (int i = 0; i < tiers.size(); ++i)
        m_ui->autoMinTier->addItem(i == 0 ? tr("Any tier") : tr("%1 or higher").arg(tiers[i]), i);
    m_ui->buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveSettings"));
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    load();
}

ProgramSettingsDialog::~ProgramSettingsDialog() = default;

void ProgramSettingsDialog::load()
{
    ProgramSettings s;
    try {
        s = m_book.programSettings().load();
    } catch (const StorageError& e) {
        m_ui->settingsError->setText(e.message());
        m_ui->settingsError->show();
    }
    m_ui->protectionDays->setValue(s.rules.protectionDays);
    m_ui->extensionDays->setValue(s.rules.extensionDays);
    m_ui->draftProbability->setValue(s.rules.draftProbability);
    m_ui->submittedProbability->setValue(s.rules.submittedProbability);
    m_ui->approvedProbability->setValue(s.rules.approvedProbability);
    m_ui->autoApproval->setChecked(s.autoApproval.enabled);
    m_ui->autoNoConflict->setChecked(s.autoApproval.requireNoConflict);
    m_ui->autoMinTier->setCurrentIndex(std::clamp(s.autoApproval.minTierRank, 0, m_ui->autoMinTier->count() - 1));
    m_ui->autoCurrency->setText(s.autoApproval.currency);
    m_ui->autoMaxAmount->setText(s.autoApproval.maxAmountMinor < 0
                                     ? QString()
                                     : formatMinorUnits(s.autoApproval.maxAmountMinor, s.autoApproval.currency));
    m_ui->dailyExpiry->setChecked(s.dailyExpiry);
    m_ui->reportingCurrency->setText(s.reportingCurrency);
}

ProgramSettings ProgramSettingsDialog::entered(QString* error) const
{
    ProgramSettings s;
    s.rules.protectionDays = m_ui->protectionDays->value();
    s.rules.extensionDays = m_ui->extensionDays->value();
    s.rules.draftProbability = m_ui->draftProbability->value();
    s.rules.submittedProbability = m_ui->submittedProbability->value();
    s.rules.approvedProbability = m_ui->approvedProbability->value();
    s.autoApproval.enabled = m_ui->autoApproval->isChecked();
    s.autoApproval.requireNoConflict = m_ui->autoNoConflict->isChecked();
    s.autoApproval.minTierRank = m_ui->autoMinTier->currentData().toInt();
    s.autoApproval.currency = m_ui->autoCurrency->text().trimmed().toUpper();
    s.dailyExpiry = m_ui->dailyExpiry->isChecked();
    s.reportingCurrency = m_ui->reportingCurrency->text().trimmed().toUpper();
    const QString limit = m_ui->autoMaxAmount->text().trimmed();
    if (!limit.isEmpty()) {
        const std::optional<qint64> minor = parseMinorUnits(limit, s.autoApproval.currency);
        if ((!minor || *minor < 0) && error)
            *error = tr("The amount limit “%1” is not a positive amount in %2.").arg(limit, s.autoApproval.currency);
        s.autoApproval.maxAmountMinor = minor && *minor >= 0 ? *minor : -1;
    }
    return s;
}

bool ProgramSettingsDialog::save()
{
    QString error;
    const ProgramSettings s = entered(&error);
    if (error.isEmpty()) {
        pushCommand(m_book.undoStack(),
                    std::make_unique<ProgramSettingsCommand>(m_book.programSettings(), s, m_applied), &error);
    }
    m_ui->settingsError->setText(error);
    m_ui->settingsError->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        return false;
    Q_EMIT saved();
    return true;
}

} // namespace pd
