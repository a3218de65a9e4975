#pragma once

#include "domain/Deal.h"
#include "domain/DealWorkflow.h"
#include "domain/ProgramSettings.h"
#include "models/RepositoryCommand.h"
#include "storage/DealWorkflowRepository.h"

namespace pd {

class Database;

/// Registers a deal (issue 3, item 1): creates the Draft and submits it in one transaction, so one undo step
/// covers both (DESIGN.md section 8). Submitting sets registered_at from the clock, the registration number, and
/// runs automatic approval with `settings`. Undo writes the Draft state back and discards the draft (soft delete);
/// redo registers the same fields again as a new registration (new id and number: the discarded one stays a
/// tombstone). Throws StorageError from execute().
class RegisterDealCommand : public RepositoryCommand
{
public:
    RegisterDealCommand(Database& db, DealWorkflowRepository& workflow, Deal deal, ProgramSettings settings);
    /// The registration as created (id set after execute()).
    const Deal& deal() const { return m_deal; }
    /// Its state right after submission (status, number, decidedBy = the automatic approval decision).
    const DealState& submitted() const { return m_submitted; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    Database& m_db;
    DealWorkflowRepository& m_workflow;
    Deal m_template; ///< the fields as typed (no id)
    Deal m_deal;
    ProgramSettings m_settings;
    DealState m_draft;
    DealState m_submitted;
};

/// Applies one workflow action (approve, reject, extend, mark won or lost, submit, expire) to a deal; undo restores
/// the state before it (DealWorkflowRepository::restore, refused when the deal changed meanwhile). Throws
/// StorageError from execute() when the action is not allowed from the deal's status.
class DealActionCommand : public RepositoryCommand
{
public:
    DealActionCommand(DealWorkflowRepository& workflow, QString dealId, qint64 registrationNumber, DealAction action,
                      DealActionInput input, ProgramSettings settings);

protected:
    void doRedo() override;
    void doUndo() override;

private:
    DealWorkflowRepository& m_workflow;
    QString m_dealId;
    DealAction m_action;
    DealActionInput m_input;
    ProgramSettings m_settings;
    DealState m_before;
};

/// The undo text of `action` on registration `number`, e.g. "Approve #12".
QString dealActionText(DealAction action, qint64 number);

} // namespace pd
