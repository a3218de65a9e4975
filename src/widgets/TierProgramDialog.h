#pragma once

#include "domain/TierProgram.h"

#include <QDialog>
#include <QList>
#include <memory>
#include <optional>

namespace Ui {
class TierProgramDialog;
}

namespace pd {

class Book;
class DialogService;
class RepositoryCommand;

/// Partners → Tier program… (issue 11, item 1): the tiers of the book's tier program (DESIGN.md section 3) in a table
/// by rank, and a form under it for a tier's name, rank, criteria (T12M sourced won revenue in major units of the
/// revenue currency, won deals T12M, certified contacts, PSAT 0–100, onboarding complete; an empty field is not
/// required) and benefits. "Add tier" adds the form as a new tier (AddTierCommand), "Save changes" writes it to the
/// selected tier (EditTierCommand), "Remove tier" removes the selected one (RemoveTierCommand; the entry tier cannot
/// be removed). Each is one undoable command on the book's stack; a refusal is shown in the dialog. The table follows
/// tiersChanged. The form is ui/TierProgramDialog.ui.
class TierProgramDialog : public QDialog
{
    Q_OBJECT
public:
    TierProgramDialog(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~TierProgramDialog() override;

    /// The tiers listed, by rank.
    const QList<Tier>& tiers() const { return m_tiers; }
    /// Selects the listed tier named `name` (fills the form); false when it is not listed.
    bool selectTier(const QString& name);
    /// Adds a tier from the form; false (message shown) when the form is invalid or storage refused it.
    bool addTier();
    /// Writes the form to the selected tier; false when none is selected, the form is invalid or it was refused.
    bool saveTier();
    /// Removes the selected tier; false when none is selected or it was refused.
    bool removeTier();
    /// The message shown under the form (empty when none).
    QString errorText() const;

private:
    void load();
    void onSelectionChanged();
    std::optional<Tier> selected() const;
    std::optional<Tier> tierFromForm(const Tier& base);
    bool push(std::unique_ptr<RepositoryCommand> command);

    std::unique_ptr<Ui::TierProgramDialog> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    QList<Tier> m_tiers;
};

} // namespace pd
