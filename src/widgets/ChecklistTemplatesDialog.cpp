#include "widgets/ChecklistTemplatesDialog.h"

#include "domain/Enums.h"
#include "models/ChecklistCommands.h"
#include "storage/ChecklistRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include "ui_ChecklistTemplatesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QUndoStack>

namespace pd {

namespace {
enum Column { TitleColumn, OffsetColumn, OwnerColumn, RequiredColumn, DocumentColumn };
} // namespace

ChecklistTemplatesDialog::ChecklistTemplatesDialog(Book& book, DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ChecklistTemplatesDialog>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this); // ui/ChecklistTemplatesDialog.ui
    m_ui->templateError->hide();
    m_ui->kind->addItem(tr("Onboarding"), toString(ChecklistKind::Onboarding));
    m_ui->kind->addItem(tr("Offboarding"), toString(ChecklistKind::Offboarding));
    m_ui->partnerType->addItem(tr("Any type"), QString());
    for (const QString& type : partnerTypeNames())
        m_ui->partnerType->addItem(type, type);
    m_ui->tier->addItem(tr("Any tier"), QString());
    for (const QString& tier : defaultTierNames())
        m_ui->tier->addItem(tier, tier);
    m_ui->tasks->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_ui->tasks->horizontalHeader()->setStretchLastSection(false);
    m_ui->tasks->horizontalHeader()->setSectionResizeMode(DocumentColumn, QHeaderView::Stretch);
    m_ui->buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveTemplate"));

    for (QComboBox* combo : {m_ui->kind, m_ui->partnerType, m_ui->tier})
        connect(combo, &QComboBox::currentIndexChanged, this, &ChecklistTemplatesDialog::onChoiceChanged);
    connect(m_ui->tasks, &QTableWidget::itemChanged, this, [this] {
        if (!m_filling)
            m_dirty = true;
    });
    connect(m_ui->addTask, &QPushButton::clicked, this, [this] {
        QList<TemplateTask> tasks = enteredTasks();
        TemplateTask t;
        t.title = tr("New task");
        t.dueOffsetDays = tasks.isEmpty() ? 7 : tasks.last().dueOffsetDays;
        tasks.append(t);
        showTasks(tasks, int(tasks.size()) - 1);
        m_dirty = true;
        m_ui->tasks->editItem(m_ui->tasks->item(m_ui->tasks->rowCount() - 1, TitleColumn));
    });
    connect(m_ui->removeTask, &QPushButton::clicked, this, [this] {
        const int row = m_ui->tasks->currentRow();
        if (row < 0)
            return;
        QList<TemplateTask> tasks = enteredTasks();
        tasks.removeAt(row);
        showTasks(tasks, std::min(row, int(tasks.size()) - 1));
        m_dirty = true;
    });
    connect(m_ui->moveUp, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_ui->moveDown, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &ChecklistTemplatesDialog::save);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &ChecklistTemplatesDialog::reject);
    load();
}

ChecklistTemplatesDialog::~ChecklistTemplatesDialog() = default;

ChecklistKind ChecklistTemplatesDialog::currentKind() const
{
    return checklistKindFromString(m_ui->kind->currentData().toString()).value_or(ChecklistKind::Onboarding);
}

QString ChecklistTemplatesDialog::currentType() const
{
    return m_ui->partnerType->currentData().toString();
}

QString ChecklistTemplatesDialog::currentTier() const
{
    return m_ui->tier->currentData().toString();
}

void ChecklistTemplatesDialog::select(ChecklistKind kind, const QString& partnerType, const QString& tier)
{
    {
        const QSignalBlocker blockKind(m_ui->kind), blockType(m_ui->partnerType), blockTier(m_ui->tier);
        m_ui->kind->setCurrentIndex(std::max(0, m_ui->kind->findData(toString(kind))));
        m_ui->partnerType->setCurrentIndex(std::max(0, m_ui->partnerType->findData(partnerType)));
        m_ui->tier->setCurrentIndex(std::max(0, m_ui->tier->findData(tier)));
    }
    onChoiceChanged();
}

bool ChecklistTemplatesDialog::confirmDiscard()
{
    return !m_dirty ||
           m_dialogs.question(this, tr("Unsaved changes"), tr("Discard the changes to this checklist template?"));
}

void ChecklistTemplatesDialog::onChoiceChanged()
{
    if (!confirmDiscard()) {
        const QSignalBlocker blockKind(m_ui->kind), blockType(m_ui->partnerType), blockTier(m_ui->tier);
        m_ui->kind->setCurrentIndex(m_shown.kind);
        m_ui->partnerType->setCurrentIndex(m_shown.type);
        m_ui->tier->setCurrentIndex(m_shown.tier);
        return;
    }
    load();
}

void ChecklistTemplatesDialog::load()
{
    // A tier-specific template belongs to a partner type (the fallback goes (type, tier) → (type, any) → (any, any)).
    if (currentType().isEmpty() && m_ui->tier->currentIndex() != 0) {
        const QSignalBlocker block(m_ui->tier);
        m_ui->tier->setCurrentIndex(0);
    }
    m_ui->tier->setEnabled(!currentType().isEmpty());
    m_shown = {m_ui->kind->currentIndex(), m_ui->partnerType->currentIndex(), m_ui->tier->currentIndex()};
    m_ui->templateError->hide();
    QList<TemplateTask> own;
    QString note;
    try {
        for (const TemplateTask& t : m_book.checklists().templates(currentKind()))
            if (t.partnerType == currentType() && t.tier == currentTier())
                own.append(t);
        if (own.isEmpty()) {
            const std::optional<PartnerType> type = partnerTypeFromString(currentType());
            const QList<TemplateTask> used =
                type ? m_book.checklists().templateFor(currentKind(), *type, currentTier()) : QList<TemplateTask>();
            if (!used.isEmpty())
                note = tr("This template has no tasks of its own: these partners get the template for %1 (%2 tasks).")
                           .arg(used.first().partnerType.isEmpty() ? tr("any type")
                                : used.first().tier.isEmpty()
                                    ? used.first().partnerType
                                    : tr("%1, %2").arg(used.first().partnerType, used.first().tier))
                           .arg(used.size());
            else
                note = tr("This template has no tasks: starting this checklist is refused for these partners until "
                          "it or a template for any type has tasks.");
        }
    } catch (const StorageError& e) {
        m_ui->templateError->setText(e.message());
        m_ui->templateError->show();
    }
    m_ui->fallbackNote->setText(note);
    m_ui->fallbackNote->setVisible(!note.isEmpty());
    showTasks(own, own.isEmpty() ? -1 : 0);
    m_dirty = false;
}

void ChecklistTemplatesDialog::showTasks(const QList<TemplateTask>& tasks, int selectRow)
{
    m_filling = true;
    QTableWidget* table = m_ui->tasks;
    table->clearContents();
    table->setRowCount(int(tasks.size()));
    for (int row = 0; row < tasks.size(); ++row) {
        const TemplateTask& t = tasks.at(row);
        table->setItem(row, TitleColumn, new QTableWidgetItem(t.title));
        auto* offset = new QTableWidgetItem;
        offset->setData(Qt::EditRole, t.dueOffsetDays);
        table->setItem(row, OffsetColumn, offset);
        auto* owner = new QComboBox(table);
        owner->addItem(tr("Vendor"), toString(TaskOwner::Vendor));
        owner->addItem(tr("Partner"), toString(TaskOwner::Partner));
        owner->setCurrentIndex(t.owner == TaskOwner::Vendor ? 0 : 1);
        connect(owner, &QComboBox::currentIndexChanged, this, [this] { m_dirty = true; });
        table->setCellWidget(row, OwnerColumn, owner);
        auto* required = new QTableWidgetItem;
        required->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        required->setCheckState(t.required ? Qt::Checked : Qt::Unchecked);
        table->setItem(row, RequiredColumn, required);
        table->setItem(row, DocumentColumn, new QTableWidgetItem(t.document));
    }
    if (selectRow >= 0 && selectRow < table->rowCount())
        table->setCurrentCell(selectRow, TitleColumn);
    table->resizeColumnToContents(OffsetColumn);
    table->resizeColumnToContents(OwnerColumn);
    table->resizeColumnToContents(RequiredColumn);
    m_filling = false;
}

QList<TemplateTask> ChecklistTemplatesDialog::enteredTasks() const
{
    QList<TemplateTask> tasks;
    const QTableWidget* table = m_ui->tasks;
    for (int row = 0; row < table->rowCount(); ++row) {
        TemplateTask t;
        t.kind = currentKind();
        t.partnerType = currentType();
        t.tier = currentTier();
        t.position = row + 1;
        t.title = table->item(row, TitleColumn)->text().trimmed();
        t.dueOffsetDays = table->item(row, OffsetColumn)->data(Qt::EditRole).toInt();
        const auto* owner = qobject_cast<const QComboBox*>(table->cellWidget(row, OwnerColumn));
        t.owner = taskOwnerFromString(owner->currentData().toString()).value_or(TaskOwner::Vendor);
        t.required = table->item(row, RequiredColumn)->checkState() == Qt::Checked;
        t.document = table->item(row, DocumentColumn)->text().trimmed();
        tasks.append(t);
    }
    return tasks;
}

void ChecklistTemplatesDialog::moveCurrent(int delta)
{
    const int row = m_ui->tasks->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_ui->tasks->rowCount())
        return;
    QList<TemplateTask> tasks = enteredTasks();
    tasks.swapItemsAt(row, to);
    showTasks(tasks, to);
    m_dirty = true;
}

bool ChecklistTemplatesDialog::save()
{
    const QList<TemplateTask> tasks = enteredTasks();
    QString error;
    for (int i = 0; i < tasks.size() && error.isEmpty(); ++i)
        if (tasks.at(i).title.isEmpty())
            error = tr("Task %1 needs a title.").arg(i + 1);
    if (error.isEmpty())
        pushCommand(m_book.undoStack(),
                    std::make_unique<SaveChecklistTemplateCommand>(m_book.checklists(), currentKind(), currentType(),
                                                                   currentTier(), tasks),
                    &error);
    m_ui->templateError->setText(error);
    m_ui->templateError->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        return false;
    load();
    Q_EMIT saved();
    return true;
}

void ChecklistTemplatesDialog::reject()
{
    if (confirmDiscard())
        QDialog::reject();
}

} // namespace pd
