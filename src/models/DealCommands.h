#pragma once

#include "domain/Account.h"
#include "domain/Deal.h"
#include "domain/DealWorkflow.h"
#include "domain/ProgramSettings.h"
#include "models/RepositoryCommand.h"
#include "storage/DealWorkflowRepository.h"

namespace pd {

class AccountRepository;
class Clock;
class Database;

/// Registers a deal (issue 3, item 1): creates the end customer when it is new (createCustomer()), creates the Draft
/// and submits it, all in one transaction, so one undo step covers them (DESIGN.md section 8). Submitting sets
/// registered_at from the clock, the registration number, and runs automatic approval with `settings`. Undo removes
/// the registration (soft delete, keeping its fields and number) and the customer it created (unless another
/// registration was made for that customer meanwhile), in one transaction;
/// redo brings back the same rows unchanged — the same deal id, registration number, status and decision.
/// Throws StorageError from execute().
class RegisterDealCommand : public RepositoryCommand
{
public:
    RegisterDealCommand(Database& db, DealWorkflowRepository& workflow, Deal deal, ProgramSettings settings);
    /// Before execute(): the registration's end customer is the new account `account` (the deal's accountId is
    /// ignored), inserted through `accounts` at `clock`'s now in the registration's transaction. Both must outlive
    /// the command.
    void createCustomer(AccountRepository& accounts, const Clock& clock, Account account);
    /// The id of the account created with the registration, or empty.
    QString createdAccountId() const { return m_account.id; }
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
    AccountRepository* m_accounts = nullptr;
    const Clock* m_clock = nullptr;
    Account m_account; ///< the new end customer (id set once created), when m_accounts is set
    Deal m_template;   ///< the fields as typed (no id)
    Deal m_deal;
    ProgramSettings m_settings;
    DealState m_submitted;
    bool m_done = false;           ///< executed once: redo restores the same rows
    bool m_accountRemoved = false; ///< the last undo removed the created account
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
