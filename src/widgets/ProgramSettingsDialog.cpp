#include "widgets/ProgramSettingsDialog.h"

#include "domain/Enums.h"
#include "domain/Money.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

namespace pd {

ProgramSettingsDialog::ProgramSettingsDialog(Book& book, ProgramSettingsCommand::Applied applied, QWidget* parent)
    : QDialog(parent), m_book(book), m_applied(std::move(applied))
{
    setObjectName(QStringLiteral("programSettingsDialog"));
    setWindowTitle(tr("Program settings"));
    auto spin = [this](const char* name, int max, const QString& suffix) {
        auto* s = new QSpinBox(this);
        s->setObjectName(QString::fromLatin1(name));
        s->setRange(0, max);
        s->setSuffix(suffix);
        return s;
    };
    m_protection = spin("protectionDays", 3650, tr(" days"));
    m_extension = spin("extensionDays", 3650, tr(" days"));
    m_draftP = spin("draftProbability", 100, QStringLiteral(" %"));
    m_submittedP = spin("submittedProbability", 100, QStringLiteral(" %"));
    m_approvedP = spin("approvedProbability", 100, QStringLiteral(" %"));

    auto* protection = new QGroupBox(tr("Protection"), this);
    auto* pf = new QFormLayout(protection);
    pf->addRow(tr("Protection window"), m_protection);
    pf->addRow(tr("Extension (granted once)"), m_extension);
    m_dailyExpiry = new QCheckBox(tr("Expire overdue registrations once a day"), this);
    m_dailyExpiry->setObjectName(QStringLiteral("dailyExpiry"));
    pf->addRow(m_dailyExpiry);

    auto* weights = new QGroupBox(tr("Weighted pipeline probabilities"), this);
    auto* wf = new QFormLayout(weights);
    wf->addRow(tr("Draft"), m_draftP);
    wf->addRow(tr("Submitted"), m_submittedP);
    wf->addRow(tr("Approved"), m_approvedP);
    m_reportingCurrency = new QLineEdit(this);
    m_reportingCurrency->setObjectName(QStringLiteral("reportingCurrency"));
    m_reportingCurrency->setMaxLength(3);
    wf->addRow(tr("Reporting currency"), m_reportingCurrency);

    auto* automatic = new QGroupBox(tr("Automatic approval on submit"), this);
    auto* af = new QFormLayout(automatic);
    m_autoEnabled = new QCheckBox(tr("Approve automatically when every rule below holds"), this);
    m_autoEnabled->setObjectName(QStringLiteral("autoApproval"));
    m_autoNoConflict = new QCheckBox(tr("No conflict with an earlier registration"), this);
    m_autoNoConflict->setObjectName(QStringLiteral("autoNoConflict"));
    m_autoTier = new QComboBox(this);
    m_autoTier->setObjectName(QStringLiteral("autoMinTier"));
    const QStringList tiers = defaultTierNames();
    for (int i = 0; i < tiers.size(); ++i)
        m_autoTier->addItem(i == 0 ? tr("Any tier") : tr("%1 or higher").arg(tiers[i]), i);
    m_autoMaxAmount = new QLineEdit(this);
    m_autoMaxAmount->setObjectName(QStringLiteral("autoMaxAmount"));
    m_autoMaxAmount->setPlaceholderText(tr("No limit"));
    m_autoCurrency = new QLineEdit(this);
    m_autoCurrency->setObjectName(QStringLiteral("autoCurrency"));
    m_autoCurrency->setMaxLength(3);
    af->addRow(m_autoEnabled);
    af->addRow(m_autoNoConflict);
    af->addRow(tr("Partner tier"), m_autoTier);
    af->addRow(tr("Amount at most"), m_autoMaxAmount);
    af->addRow(tr("Currency of the limit"), m_autoCurrency);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveSettings"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(protection);
    layout->addWidget(weights);
    layout->addWidget(automatic);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    load();
}

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
