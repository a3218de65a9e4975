#pragma once

#include "domain/TierProgram.h"
#include "storage/TierRepository.h"

#include <QDate>
#include <QDialog>
#include <QList>
#include <memory>

namespace Ui {
class TierEvaluationDialog;
}

namespace pd {

class Book;
class DialogService;
class RepositoryCommand;

/// Partners → Evaluate tiers… (issue 11, items 2–3): every partner's recommended tier on an as-of date (DESIGN.md
/// section 3, tier program; TierRepository::evaluate) with its current tier and the change (promote, demote, keep);
/// selecting a partner explains it: each criterion of its recommended tier and of the next tier up, with actual,
/// required, met and gap. "Apply selected" and "Apply all changes" move partners to their recommended tiers effective
/// on the as-of date (ApplyTiersCommand: one undoable command, kept as tier history). The what-if box changes one
/// partner's figures (add revenue, add certified contacts) and/or one tier's threshold and lists the partners whose
/// recommendation would move (tierWhatIf; nothing is written). The evaluation reads on the GUI thread and is redone
/// when tiers or partners change. The form is ui/TierEvaluationDialog.ui.
class TierEvaluationDialog : public QDialog
{
    Q_OBJECT
public:
    TierEvaluationDialog(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~TierEvaluationDialog() override;

    /// Sets the as-of date and evaluates.
    void setAsOf(const QDate& asOf);
    /// Evaluates every partner on the as-of date shown (fills the table).
    void evaluate();
    /// The evaluation shown, by partner key.
    const QList<PartnerTierEvaluation>& results() const { return m_results; }
    /// Selects the row of the partner `key` (the explanation follows); false when it is not listed.
    bool selectPartner(const QString& key);
    /// Applies the recommendation of every selected partner whose tier would change; false when there is none or it
    /// was refused (message shown).
    bool applySelected();
    /// Applies every promote and demote of the as-of date; false when there is none or it was refused.
    bool applyAll();
    /// Runs the what-if of the box; returns the partners that would move (also shown in its table).
    QList<TierMove> runWhatIf();
    /// The message shown under the tables (empty when none).
    QString errorText() const;

private:
    void showExplanation();
    void fillWhatIfChoices();
    bool push(std::unique_ptr<RepositoryCommand> command);

    std::unique_ptr<Ui::TierEvaluationDialog> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    QList<Tier> m_program;
    QList<PartnerTierEvaluation> m_results;
};

} // namespace pd
