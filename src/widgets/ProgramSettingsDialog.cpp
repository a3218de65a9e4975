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
    m_protection = m_ui->protectionDays;
    m_extension = m_ui->extensionDays;
    m_draftP = m_ui->draftProbability;
    m_submittedP = m_ui->submittedProbability;
    m_approvedP = m_ui->approvedProbability;
    m_autoEnabled = m_ui->autoApproval;
    m_autoNoConflict = m_ui->autoNoConflict;
    m_autoTier = m_ui->autoMinTier;
    m_autoMaxAmount = m_ui->autoMaxAmount;
    m_autoCurrency = m_ui->autoCurrency;
    m_dailyExpiry = m_ui->dailyExpiry;
    m_reportingCurrency = m_ui->reportingCurrency;
    m_error = m_ui->settingsError;
    m_error->hide();
    const QStringList tiers = defaultTierNames();
    for (int i = 0; i < tiers.size(); ++i)
        m_autoTier->addItem(i == 0 ? tr("Any tier") : tr("%1 or higher").arg(tiers[i]), i);
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
        m_error->setText(e.message());
        m_error->show();
    }
    m_protection->setValue(s.rules.protectionDays);
    m_extension->setValue(s.rules.extensionDays);
    m_draftP->setValue(s.rules.draftProbability);
    m_submittedP->setValue(s.rules.submittedProbability);
    m_approvedP->setValue(s.rules.approvedProbability);
    m_autoEnabled->setChecked(s.autoApproval.enabled);
    m_autoNoConflict->setChecked(s.autoApproval.requireNoConflict);
    m_autoTier->setCurrentIndex(std::clamp(s.autoApproval.minTierRank, 0, m_autoTier->count() - 1));
    m_autoCurrency->setText(s.autoApproval.currency);
    m_autoMaxAmount->setText(s.autoApproval.maxAmountMinor < 0
                                 ? QString()
                                 : formatMinorUnits(s.autoApproval.maxAmountMinor, s.autoApproval.currency));
    m_dailyExpiry->setChecked(s.dailyExpiry);
    m_reportingCurrency->setText(s.reportingCurrency);
}

ProgramSettings ProgramSettingsDialog::entered(QString* error) const
{
    ProgramSettings s;
    s.rules.protectionDays = m_protection->value();
    s.rules.extensionDays = m_extension->value();
    s.rules.draftProbability = m_draftP->value();
    s.rules.submittedProbability = m_submittedP->value();
    s.rules.approvedProbability = m_approvedP->value();
    s.autoApproval.enabled = m_autoEnabled->isChecked();
    s.autoApproval.requireNoConflict = m_autoNoConflict->isChecked();
    s.autoApproval.minTierRank = m_autoTier->currentData().toInt();
    s.autoApproval.currency = m_autoCurrency->text().trimmed().toUpper();
    s.dailyExpiry = m_dailyExpiry->isChecked();
    s.reportingCurrency = m_reportingCurrency->text().trimmed().toUpper();
    const QString limit = m_autoMaxAmount->text().trimmed();
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
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        return false;
    Q_EMIT saved();
    return true;
}

} // namespace pd
