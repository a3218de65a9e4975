#pragma once

#include "domain/Checklist.h"
#include "domain/Enums.h"

#include <QWidget>

#include <memory>

class QTableView;

namespace Ui {
class OnboardingPane;
}

namespace pd {

class Book;
class ChecklistTableModel;
class DialogService;
class OnboardingFilterProxy;
class OnboardingListModel;

/// The onboarding checklist pane (issue 9, item 4): every partner in onboarding with its progress (required tasks
/// done / required), next due task and overdue tasks highlighted, filtered by search text, channel manager, territory
/// and "overdue only", sortable by any column; below it, the selected partner's checklist with a tick per task, due
/// and completion dates, owner, notes and attachments (copied into the book with a SHA-256 checksum, or kept as a
/// path: the user chooses each time). Ticking the last required task offers to activate the partner. "Show" switches
/// to the partners being offboarded (issue 9, item 6): the same list and checklist for their offboarding checklists,
/// and ticking the last required offboarding task offers to offboard the partner (read-only from then on). Every change
/// is an undo command on the book's stack. The list loads on a worker while the pane is shown. The static layout is
/// ui/OnboardingPane.ui.
class OnboardingPane : public QWidget
{
    Q_OBJECT
public:
    OnboardingPane(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~OnboardingPane() override;

    OnboardingListModel* model() const { return m_model; }
    OnboardingFilterProxy* proxy() const { return m_proxy; }
    ChecklistTableModel* checklist() const { return m_checklist; }
    QTableView* view() const;
    QTableView* checklistView() const;
    /// Selects the partner `partnerId` in the list (when it is shown there).
    void selectPartner(const QString& partnerId);
    /// Starts onboarding for a partner in Applied: asks which one (DialogService::choice), moves it to Onboarding
    /// and creates its checklist (one undoable command). Returns false when cancelled or refused (the reason is shown).
    bool startOnboarding();
    /// Ticks (`done`) or unticks the task at `row` of checklist(), dated today; when that completes the required tasks
    /// of an onboarding checklist, asks whether to activate the partner. False when refused (the reason is shown).
    bool setTaskDone(int row, bool done);
    /// Moves the shown partner to Active (its required tasks must all be done). False when cancelled or refused.
    bool activatePartner();
    /// Which checklists the pane lists: partners in onboarding, or partners being offboarded (issue 9, item 6).
    void setKind(ChecklistKind kind);
    ChecklistKind kind() const;
    /// Asks for a partner's key and creates its offboarding checklist (one undoable command; the stage stays until
    /// offboardPartner()). False when cancelled or refused.
    bool startOffboarding();
    /// Moves the shown partner to Offboarded (read-only) once its required offboarding tasks are done.
    bool offboardPartner();
    /// Asks for the notes of the task at `row` and saves them. False when cancelled or refused.
    bool editNotes(int row);
    /// Asks for a file and how to keep it (a copy in the book or its path), then reads and hashes it on a worker (with
    /// a progress dialog that can cancel) and attaches it to the task at `row` (an undoable command); attachFinished()
    /// follows. False when nothing was started (cancelled, or an attachment is still being read).
    bool attachFile(int row);
    /// Asks which attachment of the task at `row` and where, then writes a checked copy there.
    bool saveAttachmentCopy(int row);

Q_SIGNALS:
    /// The list finished loading (`error` empty) or failed.
    void loaded(const QString& error);
    /// An attachFile() that was started has ended: attached (`ok`), or refused or cancelled (a refusal was shown).
    void attachFinished(bool ok);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void onLoaded(const QString& error);
    void onCurrentRowChanged();
    void refillFilters();
    void updateSummary();
    void updateChecklistTitle();
    void updateButtons();
    void showAttachments();
    void openTemplates();
    /// Moves the shown partner to `to` (Active or Offboarded) with `reason`, once its required tasks are done.
    bool finishChecklist(LifecycleStage to, const QString& title, const QString& reason);
    int currentTaskRow() const;
    QString currentPartnerId() const;
    std::unique_ptr<Ui::OnboardingPane> m_ui; ///< the static layout (ui/OnboardingPane.ui)
    Book& m_book;
    DialogService& m_dialogs;
    OnboardingListModel* m_model = nullptr;
    OnboardingFilterProxy* m_proxy = nullptr;
    ChecklistTableModel* m_checklist = nullptr;
    QString m_shownPartnerId;     ///< the partner whose checklist is shown (kept across reloads of the list)
    bool m_columnsFitted = false; ///< the list's columns were sized to their first rows
    bool m_attaching = false;     ///< a file is being read for attachFile()
};

} // namespace pd
