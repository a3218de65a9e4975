#include "widgets/ConflictsPane.h"

#include "models/ConflictFilterProxy.h"
#include "models/ConflictListModel.h"
#include "models/ResolveConflictCommand.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/TableExportAction.h"

#include "ui_ConflictsPane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>

namespace pd {

ConflictsPane::ConflictsPane(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ConflictsPane>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("conflictsPane"));
    m_model = new ConflictListModel(m_book.config(), m_book.clock(), &m_book.notifier(), this, m_book.workers());
    m_proxy = new ConflictFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::DisplayRole);
    QTableView* view = m_ui->conflictTable;
    view->setModel(m_proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // the scan's order until a header is clicked
    m_exporter = new TableExportAction(m_dialogs, tr("Export conflicts"), QStringLiteral("conflicts.csv"), this);
    connect(m_ui->exportConflicts, &QPushButton::clicked, this, &ConflictsPane::exportTable);
    connect(m_ui->rejectLater, &QPushButton::clicked, this, [this] { resolve(currentSourceRow(), true); });
    connect(m_ui->acceptBoth, &QPushButton::clicked, this, [this] { resolve(currentSourceRow(), false); });

    // Filters: most conflicts of a long-running program are between registrations closed long ago.
    m_ui->conflictPartner->addItem(tr("All partners"), QString());
    connect(m_ui->conflictUnresolvedOnly, &QCheckBox::toggled, m_proxy, &ConflictFilterProxy::setUnresolvedOnly);
    connect(m_ui->conflictOpenOnly, &QCheckBox::toggled, m_proxy, &ConflictFilterProxy::setOpenOnly);
    connect(m_ui->conflictPartner, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setPartnerKey(m_ui->conflictPartner->currentData().toString()); });
    connect(m_ui->conflictCustomer, &QLineEdit::textChanged, m_proxy, &ConflictFilterProxy::setCustomerText);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &ConflictsPane::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ConflictsPane::updateSummary);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ConflictsPane::updateSummary);
    connect(view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ConflictsPane::updateButtons);
    connect(m_model, &ConflictListModel::loaded, this, [this](const QString& error) {
        if (!error.isEmpty())
            m_ui->conflictSummary->setText(tr("The conflict scan failed: %1").arg(error));
        else
            updateSummary();
        fillPartnerFilter();
        m_ui->conflictTable->resizeColumnsToContents();
        updateButtons();
        Q_EMIT loaded();
    });
    updateButtons();
    // A resolution recorded or put back by undo/redo changes what the list shows even when no deal changed.
    connect(&m_book.undoStack(), &QUndoStack::indexChanged, m_model, &ConflictListModel::bookChanged);
    m_model->setActive(false); // scanned when first shown
}

ConflictsPane::~ConflictsPane() = default;

QTableView* ConflictsPane::view() const
{
    return m_ui->conflictTable;
}

void ConflictsPane::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Checked after the event loop settles: while the window is first shown every page of the stack is
    // briefly shown before the stack hides the pages that are not current.
    QTimer::singleShot(0, this, [this] {
        if (isVisible())
            m_model->setActive(true);
    });
}

void ConflictsPane::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_model->setActive(false);
}

void ConflictsPane::reload()
{
    m_model->reload();
}

void ConflictsPane::updateSummary()
{
    if (m_model->isLoading() && m_model->pairs() == 0)
        return;
    QString text = tr("%L1 conflicted registration(s), %L2 conflicting pair(s). A later registration "
                      "conflicts when an earlier one by another partner for the same customer and "
                      "product was still protected.",
                      nullptr, m_model->conflictedRegistrations())
                       .arg(m_model->conflictedRegistrations())
                       .arg(m_model->pairs());
    if (m_proxy->rowCount() != m_model->rowCount())
        text += QLatin1Char(' ') + tr("%L1 pair(s) shown.", nullptr, m_proxy->rowCount()).arg(m_proxy->rowCount());
    m_ui->conflictSummary->setText(text);
}

void ConflictsPane::fillPartnerFilter()
{
    QStringList keys;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const ConflictInfo& c = m_model->conflict(row);
        keys << c.later.partnerKey << c.earlier.partnerKey;
    }
    keys.removeDuplicates();
    keys.sort();
    const QString current = m_ui->conflictPartner->currentData().toString();
    const QSignalBlocker block(m_ui->conflictPartner);
    m_ui->conflictPartner->clear();
    m_ui->conflictPartner->addItem(tr("All partners"), QString());
    for (const QString& key : std::as_const(keys))
        m_ui->conflictPartner->addItem(key, key);
    const int index = m_ui->conflictPartner->findData(current);
    m_ui->conflictPartner->setCurrentIndex(index < 0 ? 0 : index);
    if (index < 0)
        m_proxy->setPartnerKey(QString()); // the chosen partner has no conflicts any more
}

int ConflictsPane::currentSourceRow() const
{
    const QModelIndex current = m_ui->conflictTable->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void ConflictsPane::updateButtons()
{
    const QModelIndex current = m_ui->conflictTable->currentIndex();
    const bool open = current.isValid() && current.data(ConflictListModel::OpenRole).toBool();
    m_ui->rejectLater->setEnabled(open);
    m_ui->acceptBoth->setEnabled(open);
}

bool ConflictsPane::resolve(int row, bool rejectLater)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const ConflictInfo c = m_model->conflict(row);
    const QString title = rejectLater ? tr("Reject later registration") : tr("Accept both registrations");
    const std::optional<QString> reason = m_dialogs.text(this, title,
                                                         tr("Reason (registration #%1 by %2 conflicts with #%3 by %4):")
                                                             .arg(c.later.registrationNumber)
                                                             .arg(c.later.partnerKey)
                                                             .arg(c.earlier.registrationNumber)
                                                             .arg(c.earlier.partnerKey));
    if (!reason)
        return false;
    if (reason->trimmed().isEmpty()) {
        m_dialogs.warning(this, title, tr("A reason is required to resolve a conflict."));
        return false;
    }
    ProgramSettings settings;
    try {
        settings = m_book.programSettings().load();
    } catch (const StorageError& e) {
        m_dialogs.warning(this, title, e.message());
        return false;
    }
    // The rejection and the resolution record are one command and one transaction.
    QString error;
    const QPointer<QWidget> owner(this);
    DialogService* dialogs = &m_dialogs;
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<ResolveConflictCommand>(
                         m_book.database(), m_book.workflow(), m_book.conflicts(), m_book.clock(), c.later.dealId,
                         c.later.registrationNumber, c.earlier.dealId, rejectLater, reason->trimmed(), settings),
                     &error, [dialogs, owner](const QString& message) {
                         dialogs->warning(owner.data(), ConflictsPane::tr("Undo"), message);
                     })) {
        m_dialogs.warning(this, title, error);
        return false;
    }
    return true; // the list reloads on the undo stack's indexChanged
}

bool ConflictsPane::exportTable()
{
    return m_exporter->exportTable(TableExportAction::fromView(m_ui->conflictTable, QStringLiteral("conflicts")));
}

} // namespace pd
