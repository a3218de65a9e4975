#pragma once

#include <QStyledItemDelegate>

namespace pd {

/// Draws a deal card of the pipeline board (issue 8, item 3): a bordered box of even height with one line each for
/// the number and partner, the customer, the product and the amount (DealBoardModel's display text, lines separated by
/// '\n'); a line too long for the column is elided at its end and shown whole in the tooltip.
class DealCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// Lines on a card.
    static constexpr int kLines = 4;
    /// The narrowest column that shows a card's usual lines whole ("GTX Plus Basic", "99,999.00 USD"), in pixels.
    static int minimumCardWidth(const QFontMetrics& metrics);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace pd
