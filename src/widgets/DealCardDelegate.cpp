#include "widgets/DealCardDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace pd {

namespace {
constexpr int kPadding = 6;
constexpr int kRadius = 4;
} // namespace

int DealCardDelegate::minimumCardWidth(const QFontMetrics& metrics)
{
    return metrics.horizontalAdvance(QStringLiteral("Genco Pura Olive Oil")) + 2 * kPadding + 4;
}

QSize DealCardDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    return {option.rect.width() > 0 ? option.rect.width() : minimumCardWidth(option.fontMetrics),
            kLines * option.fontMetrics.lineSpacing() + 2 * kPadding};
}

void DealCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QRectF card = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(card, kRadius, kRadius);
    painter->fillPath(path, selected ? palette.highlight() : palette.base());
    painter->setPen(QPen(selected ? palette.highlight().color().darker(130) : palette.mid().color(), 1));
    painter->drawPath(path);
    painter->setPen(selected ? palette.highlightedText().color() : palette.text().color());
    const QStringList lines = index.data(Qt::DisplayRole).toString().split(QLatin1Char('\n'));
    const QFontMetrics& fm = option.fontMetrics;
    const int width = int(card.width()) - 2 * kPadding;
    int y = int(card.top()) + kPadding;
    for (int i = 0; i < lines.size() && i < kLines; ++i) {
        QFont font = option.font;
        font.setBold(i == 0); // the number and partner
        painter->setFont(font);
        const QString text = QFontMetrics(font).elidedText(lines.at(i), Qt::ElideRight, width);
        painter->drawText(QRect(int(card.left()) + kPadding, y, width, fm.lineSpacing()),
                          Qt::AlignLeft | Qt::AlignVCenter, text);
        y += fm.lineSpacing();
    }
    painter->restore();
}

} // namespace pd
