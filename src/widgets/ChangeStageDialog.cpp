#include "widgets/ChangeStageDialog.h"

#include "domain/LifecycleRules.h"
#include "models/ChangeStageCommand.h"
#include "widgets/Book.h"

#include "ui_ChangeStageDialog.h"

#include <QPushButton>

namespace pd {

ChangeStageDialog::ChangeStageDialog(Book& book, const Partner& partner, RepositoryCommand::ErrorHandler onUndoError,
                                     QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ChangeStageDialog>()), m_book(book), m_partner(partner),
      m_onUndoError(std::move(onUndoError))
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Change stage of %1").arg(partner.key));
    const QString since =
        partner.stageSince.isValid() ? partner.stageSince.toString(Qt::ISODate) : tr("an unknown date");
    m_ui->intro->setText(
        tr("%1 (%2) is in %3 since %4.").arg(partner.name, partner.key, toString(partner.stage), since));
    for (LifecycleStage stage : LifecycleRules::allowedMoves(partner.stage))
        m_ui->targetStage->addItem(toString(stage));
    const QDate today = book.clock().todayUtc();
    m_ui->stageDate->setMaximumDate(today);
    m_ui->stageDate->setDate(today);
    m_ui->error->clear();
    if (m_ui->targetStage->count() == 0) {
        m_ui->error->setText(tr("An offboarded partner is read-only: its stage cannot change."));
        m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        m_ui->targetStage->setEnabled(false);
    }
    connect(m_ui->targetStage, &QComboBox::currentIndexChanged, m_ui->error, &QLabel::clear);
}

ChangeStageDialog::~ChangeStageDialog() = default;

void ChangeStageDialog::setValues(const QString& stage, const QDate& date, const QString& reason)
{
    m_ui->targetStage->setCurrentText(stage);
    m_ui->stageDate->setDate(date);
    m_ui->reason->setText(reason);
}

QString ChangeStageDialog::errorText() const
{
    return m_ui->error->text();
}

void ChangeStageDialog::accept()
{
    const std::optional<LifecycleStage> to = lifecycleStageFromString(m_ui->targetStage->currentText());
    if (!to)
        return;
    QString error;
    auto command = std::make_unique<ChangeStageCommand>(m_book.lifecycle(), m_partner.id, m_partner.key, *to,
                                                        m_ui->stageDate->date(), m_ui->reason->text().trimmed());
    if (!pushCommand(m_book.undoStack(), std::move(command), &error, m_onUndoError)) {
        m_ui->error->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace pd
