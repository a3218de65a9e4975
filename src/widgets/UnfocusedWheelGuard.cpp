#include "widgets/UnfocusedWheelGuard.h"

#include <QAbstractScrollArea>
#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace pd {

UnfocusedWheelGuard::UnfocusedWheelGuard(QAbstractScrollArea* scrollArea, QObject* parent)
    : QObject(parent), m_scrollArea(scrollArea)
{
}

void UnfocusedWheelGuard::watch(QWidget* editor)
{
    editor->setFocusPolicy(Qt::StrongFocus);
    editor->installEventFilter(this);
}

bool UnfocusedWheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Wheel) {
        auto* editor = qobject_cast<QWidget*>(watched);
        if (editor && !editor->hasFocus()) {
            QCoreApplication::sendEvent(m_scrollArea->viewport(), event);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace pd
