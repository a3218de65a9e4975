#include "widgets/MdfAllocationDialog.h"

#include "domain/Clock.h"
#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "storage/Database.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "widgets/DialogService.h"
#include "widgets/MdfFormFields.h"

#include "ui_MdfAllocationDialog.h"

#include <QHeaderView>

namespace pd {

MdfAllocationDialog::MdfAllocationDialog(DialogService& dialogs, const PartnerRepository& partners,
                                         const DatabaseConfig& config, QThreadPool* pool, const MdfBudget& budget,
                                         QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::MdfAllocationDialog>()), m_dialogs(dialogs), m_partners(partners),
      m_config(config), m_pool(pool), m_budget(budget)
{
    connect(&m_previewWatcher, &QFutureWatcherBase::finished, this, &MdfAllocationDialog::showPreview);
    m_ui->setupUi(this);
    setWindowTitle(tr("Allocate MDF from %1").arg(budget.name));
    m_ui->preview->setColumnCount(3);
    m_ui->preview->setHorizontalHeaderLabels({tr("Partner"), tr("Won revenue"), tr("Allocation")});
    m_ui->preview->horizontalHeader()->setStretchLastSection(true);
    connect(m_ui->fixedMode, &QRadioButton::toggled, this, &MdfAllocationDialog::updateMode);
    connect(m_ui->allPartners, &QCheckBox::toggled, this, &MdfAllocationDialog::updateMode);
    connect(m_ui->previewButton, &QPushButton::clicked, this, &MdfAllocationDialog::preview);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MdfAllocationDialog::tryAccept);
    updateMode();
}

MdfAllocationDialog::~MdfAllocationDialog() = default;

void MdfAllocationDialog::updateMode()
{
    const bool accrual = m_ui->accrualMode->isChecked();
    m_ui->amount->setEnabled(!accrual);
    m_ui->allPartners->setEnabled(accrual);
    m_ui->partnerKey->setEnabled(!accrual || !m_ui->allPartners->isChecked());
    for (QWidget* w : {static_cast<QWidget*>(m_ui->percent), static_cast<QWidget*>(m_ui->accrualPeriod),
                       static_cast<QWidget*>(m_ui->previewButton), static_cast<QWidget*>(m_ui->preview)})
        w->setEnabled(accrual);
}

bool MdfAllocationDialog::read(MdfAllocationInput* input, QString* error) const
{
    input->accrual = m_ui->accrualMode->isChecked();
    input->note = m_ui->note->text().trimmed();
    if (!input->accrual || !m_ui->allPartners->isChecked()) {
        const QString key = m_ui->partnerKey->text().trimmed();
        const std::optional<Partner> partner = key.isEmpty() ? std::nullopt : m_partners.findByKey(key);
        if (!partner) {
            *error = key.isEmpty() ? tr("Enter the partner's key.") : tr("There is no partner with key %1.").arg(key);
            return false;
        }
        input->partnerId = partner->id;
    }
    if (!input->accrual) {
        const std::optional<qint64> amount = readMdfAmount(m_ui->amount, m_budget.currency, tr("amount"), error);
        input->amountMinor = amount.value_or(0);
        return amount.has_value();
    }
    const std::optional<int> points = parseBasisPoints(m_ui->percent->text().trimmed(), error);
    if (!points)
        return false;
    const std::optional<MdfPeriod> period = parseMdfPeriod(m_ui->accrualPeriod->text().trimmed(), error);
    if (!period)
        return false;
    input->basisPoints = *points;
    input->accrualPeriod = period->text;
    return true;
}

bool MdfAllocationDialog::preview()
{
    MdfAllocationInput in;
    QString error;
    if (!read(&in, &error) || !in.accrual) {
        m_dialogs.warning(this, windowTitle(), error);
        return false;
    }
    const QString budgetId = m_budget.id;
    const QStringList partners = in.partnerId.isEmpty() ? QStringList() : QStringList{in.partnerId};
    m_ui->previewButton->setEnabled(false);
    m_ui->previewTotal->setText(tr("Computing…"));
    m_previewWatcher.setFuture(runInBackground<QList<MdfAccrualLine>>(
        m_config,
        [budgetId, in, partners](Database& db) {
            const FixedClock clock(QDateTime::currentDateTimeUtc()); // a preview reads; it writes no instant
            return MdfBudgetRepository(db, clock).accrualPreview(budgetId, in.basisPoints, in.accrualPeriod, partners);
        },
        m_pool));
    return true;
}

void MdfAllocationDialog::showPreview()
{
    m_ui->previewButton->setEnabled(m_ui->accrualMode->isChecked());
    const BackgroundResult<QList<MdfAccrualLine>> result = m_previewWatcher.result();
    if (!result.error.isEmpty()) {
        m_ui->previewTotal->clear();
        m_dialogs.warning(this, windowTitle(), result.error);
        return;
    }
    // Partners without won revenue in the period get nothing: the table lists those that get an allocation.
    QList<MdfAccrualLine> lines;
    for (const MdfAccrualLine& line : result.value)
        if (line.amountMinor > 0)
            lines.append(line);
    m_ui->preview->setUpdatesEnabled(false);
    m_ui->preview->setRowCount(int(lines.size()));
    qint64 total = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const MdfAccrualLine& line = lines.at(i);
        total += line.amountMinor;
        m_ui->preview->setItem(i, 0, new QTableWidgetItem(line.partnerKey));
        for (const auto& [column, minor] : {std::pair{1, line.revenueMinor}, std::pair{2, line.amountMinor}}) {
            auto* item = new QTableWidgetItem(formatMoney(Money{minor, m_budget.currency}));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_ui->preview->setItem(i, column, item);
        }
    }
    m_ui->preview->setUpdatesEnabled(true);
    m_ui->previewTotal->setText(
        tr("%n partner(s), %1 in all", nullptr, int(lines.size())).arg(formatMoney(Money{total, m_budget.currency})));
}

void MdfAllocationDialog::tryAccept()
{
    MdfAllocationInput in;
    QString error;
    if (!read(&in, &error)) {
        m_dialogs.warning(this, windowTitle(), error);
        return;
    }
    m_input = in;
    accept();
}

} // namespace pd
