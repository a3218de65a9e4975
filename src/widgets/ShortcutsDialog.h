#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>
#include <memory>

namespace Ui {
class ShortcutsDialog;
}
class QAction;
class QTableWidget;

namespace pd {

/// Help → Keyboard shortcuts: one row per shortcut of the given actions (menu, action text without its "&" marker,
/// the key sequence in the platform's words), in the order given. The list is generated from the actions, so it
/// never goes stale. The form is ui/ShortcutsDialog.ui.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    /// One action and the menu it is listed under ("" when it is in no menu).
    struct Entry
    {
        QString menu;
        QAction* action = nullptr;
    };
    ShortcutsDialog(const QList<Entry>& entries, QWidget* parent = nullptr);
    ~ShortcutsDialog() override;

    /// The table: columns menu, action, shortcut.
    QTableWidget* table() const;

private:
    std::unique_ptr<Ui::ShortcutsDialog> m_ui;
};

} // namespace pd
