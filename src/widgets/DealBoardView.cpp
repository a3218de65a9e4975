#include "widgets/DealBoardView.h"

#include "models/DealBoardModel.h"
#include "widgets/DealCardDelegate.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMimeData>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace pd {

DealColumnView::DealColumnView(DealStatus status, QWidget* parent) : QListView(parent), m_status(status)
{
    setObjectName(QStringLiteral("boardColumn_%1").arg(toString(status)));
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(false);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSpacing(2);
    setItemDelegate(new DealCardDelegate(this)); // bordered cards of even height, each line elided whole
    setUniformItemSizes(true);
    setMinimumWidth(DealCardDelegate::minimumCardWidth(fontMetrics()) + verticalScrollBar()->sizeHint().width() + 8);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setTextElideMode(Qt::ElideNone);
}

bool DealColumnView::accepts(const QMimeData* mime) const
{
    QString id;
    DealStatus from = DealStatus::Draft;
    return DealBoardModel::decodeCard(mime, &id, &from) && from != m_status;
}

void DealColumnView::dragEnterEvent(QDragEnterEvent* event)
{
    if (accepts(event->mimeData())) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void DealColumnView::dragMoveEvent(QDragMoveEvent* event)
{
    if (accepts(event->mimeData())) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void DealColumnView::dropEvent(QDropEvent* event)
{
    if (!accepts(event->mimeData())) {
        event->ignore();
        return;
    }
    // Accept as a copy: the model must not remove the card itself; the reload after the action moves it.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    Q_EMIT dropped(event->mimeData(), m_status);
}

DealBoardView::DealBoardView(DealBoardModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("dealBoard"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    for (DealStatus s : DealBoardModel::columns()) {
        auto* box = new QVBoxLayout;
        box->setSpacing(2);
        auto* header = new QLabel(this);
        header->setObjectName(QStringLiteral("boardHeader_%1").arg(toString(s)));
        header->setAlignment(Qt::AlignCenter);
        QFont f = header->font();
        f.setBold(true);
        header->setFont(f);
        auto* column = new DealColumnView(s, this);
        column->setModel(m_model);
        connect(column, &DealColumnView::dropped, this, &DealBoardView::handleDrop);
        connect(column, &QAbstractItemView::clicked, this, [this, column](const QModelIndex& index) {
            for (DealColumnView* other : std::as_const(m_columns))
                if (other != column)
                    other->clearSelection();
            m_current = index.data(DealBoardModel::DealIdRole).toString();
            Q_EMIT currentDealChanged(m_current);
        });
        box->addWidget(header);
        box->addWidget(column, 1);
        row->addLayout(box, 1);
        m_columns.insert(s, column);
        m_headers.insert(s, header);
    }
    connect(m_model, &QAbstractItemModel::modelReset, this, &DealBoardView::rebind);
    rebind();
}

void DealBoardView::rebind()
{
    for (auto it = m_columns.cbegin(); it != m_columns.cend(); ++it) {
        it.value()->setRootIndex(m_model->columnIndex(it.key()));
        const qint64 n = m_model->count(it.key());
        const qint64 shown = m_model->rowCount(m_model->columnIndex(it.key()));
        QLabel* header = m_headers.value(it.key());
        header->setText(tr("%1 (%L2)").arg(toString(it.key())).arg(n));
        header->setToolTip(
            shown < n ? tr("The first %L1 of %L2 registrations are shown; filter to narrow them.").arg(shown).arg(n)
                      : QString());
    }
    const QModelIndex card = m_current.isEmpty() ? QModelIndex() : m_model->cardIndex(m_current);
    if (card.isValid()) {
        DealColumnView* view = m_columns.value(DealStatus(card.data(DealBoardModel::StatusRole).toInt()));
        if (view)
            view->setCurrentIndex(card);
    }
}

bool DealBoardView::handleDrop(const QMimeData* mime, DealStatus status)
{
    QString id;
    DealStatus from = DealStatus::Draft;
    if (!DealBoardModel::decodeCard(mime, &id, &from) || from == status)
        return false;
    m_current = id;
    Q_EMIT cardMoveRequested(id, from, status);
    return true;
}

QString DealBoardView::currentDealId() const
{
    return m_current;
}

} // namespace pd
