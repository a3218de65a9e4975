#pragma once

#include <QObject>

class QAbstractScrollArea;

namespace pd {

/// Keeps a mouse wheel over an editor inside a scrolling table from changing the editor's value while the editor has
/// no focus: the wheel scrolls the table instead (issue 8, item 5: a mapping silently changed to another column while
/// a person scrolled the import mapping). Install it on each cell editor with watch(); a focused editor (clicked or
/// tabbed into) takes the wheel as usual.
class UnfocusedWheelGuard : public QObject
{
    Q_OBJECT
public:
    /// `scrollArea` receives the wheel events that unfocused editors do not take; it must outlive the guard's use.
    explicit UnfocusedWheelGuard(QAbstractScrollArea* scrollArea, QObject* parent = nullptr);
    /// Guards `editor` (gives it Qt::StrongFocus, so that the wheel alone never focuses it).
    void watch(QWidget* editor);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QAbstractScrollArea* m_scrollArea;
};

} // namespace pd
