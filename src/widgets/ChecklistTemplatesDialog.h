#pragma once

#include "domain/Checklist.h"

#include <QDialog>
#include <QList>
#include <memory>

namespace Ui {
class ChecklistTemplatesDialog;
}

namespace pd {

class Book;
class DialogService;

/// The checklist template editor (issue 9, item 3): choose the checklist (onboarding or offboarding), the partner type
/// ("Any type" for the template every type falls back to) and optionally a tier, then edit that template's tasks in a
/// table (title, due offset in days from the start, owner, required, document to attach): add, remove, move up and
/// down. Save writes the template as one undoable SaveChecklistTemplateCommand on the book's stack (validated: a title
/// is required; the error is shown in the dialog). Leaving a template with unsaved edits asks through DialogService.
/// A template without tasks of its own says which template its partners get instead. The form is
/// ui/ChecklistTemplatesDialog.ui.
class ChecklistTemplatesDialog : public QDialog
{
    Q_OBJECT
public:
    ChecklistTemplatesDialog(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~ChecklistTemplatesDialog() override;

    /// Shows the template (kind, partnerType, tier) ("" = any), as if chosen in the combo boxes.
    void select(ChecklistKind kind, const QString& partnerType, const QString& tier = {});
    /// The tasks as currently entered, in table order (positions 1…n).
    QList<TemplateTask> enteredTasks() const;
    /// True when the table has edits not saved yet.
    bool hasUnsavedChanges() const { return m_dirty; }
    /// Saves the shown template; false (with the message shown) when refused.
    bool save();
    /// Closes, asking first when there are unsaved edits.
    void reject() override;

Q_SIGNALS:
    void saved();

private:
    struct Choice
    {
        int kind = 0, type = 0, tier = 0;
    };
    void onChoiceChanged();
    void load();
    void showTasks(const QList<TemplateTask>& tasks, int selectRow = -1);
    void moveCurrent(int delta);
    bool confirmDiscard();
    ChecklistKind currentKind() const;
    QString currentType() const;
    QString currentTier() const;

    std::unique_ptr<Ui::ChecklistTemplatesDialog> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    Choice m_shown;
    bool m_dirty = false;
    bool m_filling = false;
};

} // namespace pd
