#pragma once

#include "domain/Enums.h"

#include <QListView>
#include <QMap>
#include <QWidget>

class QLabel;
class QMimeData;

namespace pd {

class DealBoardModel;

/// One column of the board: a list of cards (the children of a status row of DealBoardModel). Cards drag out as
/// DealBoardModel::mimeType(); a card dropped here is handed to DealBoardView::handleDrop, never written by the
/// model, so the drop runs the same undoable action as the menus.
class DealColumnView : public QListView
{
    Q_OBJECT
public:
    DealColumnView(DealStatus status, QWidget* parent = nullptr);
    DealStatus status() const { return m_status; }

Q_SIGNALS:
    /// A drag carrying `mime` was dropped on this column.
    void dropped(const QMimeData* mime, DealStatus status);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    bool accepts(const QMimeData* mime) const;
    DealStatus m_status;
};

/// The pipeline board (issue 3, item 6): one column per status with its count (DealBoardModel), cards for the first
/// deals under the pane's filters. Dragging a card to another column asks for the move (cardMoveRequested); the pane
/// runs the action (actionBetween) as an undoable command, or says why the move is refused.
class DealBoardView : public QWidget
{
    Q_OBJECT
public:
    DealBoardView(DealBoardModel* model, QWidget* parent = nullptr);

    /// The column of `status`.
    DealColumnView* column(DealStatus status) const { return m_columns.value(status); }
    /// What a drop of `mime` on the column of `status` does: decodes the card and emits cardMoveRequested when it
    /// comes from another column. Returns false when `mime` carries no card or the status is the same.
    bool handleDrop(const QMimeData* mime, DealStatus status);
    /// The id of the selected card, or empty.
    QString currentDealId() const;

Q_SIGNALS:
    void cardMoveRequested(const QString& dealId, DealStatus from, DealStatus to);
    /// A card was selected (`dealId`) or the selection was cleared (empty).
    void currentDealChanged(const QString& dealId);

private:
    void rebind();
    DealBoardModel* m_model;
    QMap<DealStatus, DealColumnView*> m_columns;
    QMap<DealStatus, QLabel*> m_headers;
    QString m_current;
};

} // namespace pd
