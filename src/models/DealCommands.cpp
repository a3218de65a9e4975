#include "models/DealCommands.h"

#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace pd {

QString dealActionText(DealAction action, qint64 number)
{
    QString verb;
    switch (action) {
    case DealAction::Submit:
        verb = QCoreApplication::translate("pd::DealCommands", "Submit");
        break;
    case DealAction::Approve:
        verb = QCoreApplication::translate("pd::DealCommands", "Approve");
        break;
    case DealAction::Reject:
        verb = QCoreApplication::translate("pd::DealCommands", "Reject");
        break;
    case DealAction::Extend:
        verb = QCoreApplication::translate("pd::DealCommands", "Extend");
        break;
    case DealAction::MarkWon:
        verb = QCoreApplication::translate("pd::DealCommands", "Mark won");
        break;
    case DealAction::MarkLost:
        verb = QCoreApplication::translate("pd::DealCommands", "Mark lost");
        break;
    case DealAction::Expire:
        verb = QCoreApplication::translate("pd::DealCommands", "Expire");
        break;
    }
    return QStringLiteral("%1 #%2").arg(verb).arg(number);
}

RegisterDealCommand::RegisterDealCommand(Database& db, DealWorkflowRepository& workflow, Deal deal,
                                         ProgramSettings settings)
    : RepositoryCommand(QCoreApplication::translate("pd::DealCommands", "Register deal")), m_db(db),
      m_workflow(workflow), m_template(std::move(deal)), m_settings(std::move(settings))
{
    m_template.id.clear();
    m_template.notes = nonNull(m_template.notes);
    m_template.externalId = nonNull(m_template.externalId);
}

void RegisterDealCommand::createCustomer(AccountRepository& accounts, const Clock& clock, Account account)
{
    m_accounts = &accounts;
    m_clock = &clock;
    m_account = std::move(account);
    m_account.id.clear();
}

void RegisterDealCommand::doRedo()
{
    if (m_done) {
        // Redo: the same rows come back unchanged (same id and registration number).
        Transaction tx(m_db);
        if (m_accounts && m_accountRemoved)
            m_accounts->restore(m_account.id, toIsoUtc(m_clock->nowUtc()));
        m_workflow.restoreDiscarded(m_deal.id);
        tx.commit();
        return;
    }
    Deal d = m_template;
    Account account = m_account;
    DealState submitted;
    {
        Transaction tx(m_db);
        if (m_accounts) {
            m_accounts->insert(account, toIsoUtc(m_clock->nowUtc()));
            d.accountId = account.id;
        }
        m_workflow.createDraft(d);
        m_workflow.apply(d.id, DealAction::Submit, {}, m_settings);
        submitted = m_workflow.state(d.id);
        tx.commit();
    }
    m_account = account;
    m_deal = d;
    m_submitted = submitted;
    m_done = true;
    setText(QCoreApplication::translate("pd::DealCommands", "Register deal #%1").arg(m_submitted.registrationNumber));
}

void RegisterDealCommand::doUndo()
{
    Transaction tx(m_db);
    m_workflow.discard(m_deal.id);
    const bool removed = m_accounts && m_accounts->removeUnlessUsed(m_account.id, toIsoUtc(m_clock->nowUtc()));
    tx.commit();
    m_accountRemoved = removed;
}

DealActionCommand::DealActionCommand(DealWorkflowRepository& workflow, QString dealId, qint64 registrationNumber,
                                     DealAction action, DealActionInput input, ProgramSettings settings)
    : RepositoryCommand(dealActionText(action, registrationNumber)), m_workflow(workflow), m_dealId(std::move(dealId)),
      m_action(action), m_input(std::move(input)), m_settings(std::move(settings))
{
}

void DealActionCommand::doRedo()
{
    m_before = m_workflow.apply(m_dealId, m_action, m_input, m_settings);
}

void DealActionCommand::doUndo()
{
    m_workflow.restore(m_dealId, m_before);
}

} // namespace pd
