#include "widgets/MdfClaimDialog.h"

#include "domain/MdfRules.h"
#include "domain/Money.h"
#include "widgets/DialogService.h"
#include "widgets/MdfFormFields.h"

#include "ui_MdfClaimDialog.h"

#include <QFileInfo>
#include <QHeaderView>

namespace pd {

MdfClaimDialog::MdfClaimDialog(DialogService& dialogs, MdfRequest request, MdfSettings settings, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::MdfClaimDialog>()), m_dialogs(dialogs), m_request(std::move(request)),
      m_settings(std::move(settings))
{
    m_ui->setupUi(this);
    const QString approved = formatMoney(Money{m_request.approvedMinor, m_request.currency});
    m_ui->requestLabel->setText(tr("Request %1 of %2: %3 (%4), approved %5; activity ended %6.")
                                    .arg(m_request.number)
                                    .arg(m_request.partnerKey, m_request.description, m_request.activityType, approved,
                                         m_request.endsOn.toString(Qt::ISODate)));
    m_ui->claimed->setText(formatMinorUnits(m_request.approvedMinor, m_request.currency));
    const MdfActivityType* type = findMdfActivityType(m_settings, m_request.activityType);
    const QStringList required = type ? type->requiredProofs : QStringList();
    m_ui->requiredProofs->setText(required.isEmpty()
                                      ? tr("No proof type is required for %1.").arg(m_request.activityType)
                                      : tr("Required proof: %1.").arg(required.join(QLatin1String(", "))));
    m_ui->proofs->setColumnCount(2);
    m_ui->proofs->setHorizontalHeaderLabels({tr("File"), tr("Proof type")});
    m_ui->proofs->horizontalHeader()->setStretchLastSection(true);
    connect(m_ui->addProof, &QPushButton::clicked, this, &MdfClaimDialog::addProof);
    connect(m_ui->removeProof, &QPushButton::clicked, this, [this] {
        const int row = m_ui->proofs->currentRow();
        if (row >= 0 && row < m_proofs.size()) {
            m_proofs.removeAt(row);
            showProofs();
        }
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &MdfClaimDialog::tryAccept);
}

MdfClaimDialog::~MdfClaimDialog() = default;

bool MdfClaimDialog::addProof()
{
    const QString path = m_dialogs.openFileName(this, tr("Proof of performance"), tr("All files (*)"));
    if (path.isEmpty())
        return false;
    const QStringList types = mdfProofTypes();
    const std::optional<int> type = m_dialogs.choice(this, tr("Proof of performance"),
                                                     tr("What does %1 prove?").arg(QFileInfo(path).fileName()), types);
    if (!type)
        return false;
    m_proofs.append({QFileInfo(path).absoluteFilePath(), types.at(*type)});
    showProofs();
    return true;
}

void MdfClaimDialog::showProofs()
{
    m_ui->proofs->setRowCount(int(m_proofs.size()));
    for (int i = 0; i < m_proofs.size(); ++i) {
        m_ui->proofs->setItem(i, 0, new QTableWidgetItem(QFileInfo(m_proofs.at(i).path).fileName()));
        m_ui->proofs->setItem(i, 1, new QTableWidgetItem(m_proofs.at(i).proofType));
    }
}

void MdfClaimDialog::tryAccept()
{
    QString error;
    MdfClaim c;
    c.requestId = m_request.id;
    c.requestNumber = m_request.number;
    c.partnerKey = m_request.partnerKey;
    c.currency = m_request.currency;
    c.leads = m_ui->leads->value();
    const std::optional<qint64> cost = readMdfAmount(m_ui->actualCost, c.currency, tr("actual cost"), &error);
    const std::optional<qint64> claimed =
        cost ? readMdfAmount(m_ui->claimed, c.currency, tr("claimed amount"), &error) : std::nullopt;
    if (claimed) {
        c.actualCostMinor = *cost;
        c.claimedMinor = *claimed;
        const MdfActivityType* type = findMdfActivityType(m_settings, m_request.activityType);
        for (const QString& needed : type ? type->requiredProofs : QStringList()) {
            const bool present = std::any_of(m_proofs.cbegin(), m_proofs.cend(),
                                             [&needed](const MdfProofChoice& p) { return p.proofType == needed; });
            if (!present) {
                error =
                    tr("A %1 claim needs a proof of type \"%2\": add the file.").arg(m_request.activityType, needed);
                break;
            }
        }
    }
    if (!error.isEmpty()) {
        m_dialogs.warning(this, windowTitle(), error);
        return;
    }
    m_claim = c;
    accept();
}

} // namespace pd
