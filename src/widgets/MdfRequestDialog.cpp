#include "widgets/MdfRequestDialog.h"

#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "storage/PartnerRepository.h"
#include "widgets/DialogService.h"
#include "widgets/MdfFormFields.h"

#include "ui_MdfRequestDialog.h"

namespace pd {

MdfRequestDialog::MdfRequestDialog(DialogService& dialogs, const PartnerRepository& partners, const MdfBudget& budget,
                                   MdfSettings settings, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::MdfRequestDialog>()), m_dialogs(dialogs), m_partners(partners),
      m_budget(budget), m_settings(std::move(settings))
{
    m_ui->setupUi(this);
    setWindowTitle(tr("New MDF request in %1").arg(budget.name));
    for (const MdfActivityType& type : std::as_const(m_settings.activityTypes))
        if (type.allowed)
            m_ui->activityType->addItem(type.name);
    m_ui->startsOn->setDate(budget.startsOn);
    m_ui->endsOn->setDate(budget.startsOn);
    m_ui->requested->setToolTip(
        tr("Total cost × the vendor share of %1%; you may lower it").arg(m_settings.vendorSharePercent));
    connect(m_ui->totalCost, &QLineEdit::textEdited, this, &MdfRequestDialog::onTotalCostEdited);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MdfRequestDialog::tryAccept);
}

MdfRequestDialog::~MdfRequestDialog() = default;

bool MdfRequestDialog::submitNow() const
{
    return m_ui->submitNow->isChecked();
}

void MdfRequestDialog::editDraft(const MdfRequest& draft)
{
    m_draft = draft;
    setWindowTitle(tr("Edit MDF request %1").arg(draft.number));
    m_ui->partnerKey->setText(draft.partnerKey);
    m_ui->partnerKey->setEnabled(false);
    if (m_ui->activityType->findText(draft.activityType) < 0)
        m_ui->activityType->addItem(draft.activityType);
    m_ui->activityType->setCurrentText(draft.activityType);
    m_ui->description->setText(draft.description);
    m_ui->startsOn->setDate(draft.startsOn);
    m_ui->endsOn->setDate(draft.endsOn);
    m_ui->totalCost->setText(formatMinorUnits(draft.totalCostMinor, m_budget.currency));
    m_ui->requested->setText(formatMinorUnits(draft.requestedMinor, m_budget.currency));
    m_ui->expectedLeads->setValue(draft.expectedLeads);
    m_ui->expectedPipeline->setText(
        draft.expectedPipelineMinor > 0 ? formatMinorUnits(draft.expectedPipelineMinor, m_budget.currency) : QString());
    m_ui->submitNow->setChecked(false);
    m_ui->submitNow->setVisible(false);
}

void MdfRequestDialog::onTotalCostEdited()
{
    const std::optional<qint64> cost = parseMinorUnits(m_ui->totalCost->text().trimmed(), m_budget.currency);
    if (cost)
        m_ui->requested->setText(
            formatMinorUnits(mdfRequestedAmount(*cost, m_settings.vendorSharePercent), m_budget.currency));
}

void MdfRequestDialog::tryAccept()
{
    QString error;
    MdfRequest r;
    r.budgetId = m_budget.id;
    r.budgetName = m_budget.name;
    r.currency = m_budget.currency;
    r.activityType = m_ui->activityType->currentText();
    r.description = m_ui->description->text().trimmed();
    r.startsOn = m_ui->startsOn->date();
    r.endsOn = m_ui->endsOn->date();
    r.expectedLeads = m_ui->expectedLeads->value();
    const QString key = m_ui->partnerKey->text().trimmed();
    const std::optional<Partner> partner = key.isEmpty() ? std::nullopt : m_partners.findByKey(key);
    std::optional<qint64> cost;
    std::optional<qint64> requested;
    std::optional<qint64> pipeline = 0;
    if (!partner)
        error = key.isEmpty() ? tr("Enter the partner's key.") : tr("There is no partner with key %1.").arg(key);
    else if ((cost = readMdfAmount(m_ui->totalCost, r.currency, tr("total cost"), &error)))
        requested = readMdfAmount(m_ui->requested, r.currency, tr("requested amount"), &error);
    if (requested && !m_ui->expectedPipeline->text().trimmed().isEmpty())
        pipeline = readMdfAmount(m_ui->expectedPipeline, r.currency, tr("expected pipeline"), &error, 0);
    if (requested && pipeline) {
        r.partnerId = partner->id;
        r.partnerKey = partner->key;
        r.partnerName = partner->name;
        r.totalCostMinor = *cost;
        r.requestedMinor = *requested;
        r.expectedPipelineMinor = *pipeline;
        error = checkMdfRequest(r, m_settings);
    } else if (error.isEmpty()) {
        error = tr("Check the amounts.");
    }
    if (!error.isEmpty()) {
        m_dialogs.warning(this, windowTitle(), error);
        return;
    }
    if (!m_draft.id.isEmpty()) {
        r.id = m_draft.id;
        r.number = m_draft.number;
        r.version = m_draft.version;
        r.status = m_draft.status;
    }
    m_request = r;
    accept();
}

} // namespace pd
