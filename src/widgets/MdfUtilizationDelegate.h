#pragma once

#include <QStyledItemDelegate>

namespace pd {

/// Draws MdfPartnerFiguresModel's Utilization column as a progress bar ((claimed + committed) / allocated, from
/// MdfPartnerFiguresModel::UtilizationRole, 0–1; above 1 shows full) with the percentage as its text.
class MdfUtilizationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace pd
