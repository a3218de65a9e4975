#include "models/DealPartnerCommand.h"

#include "storage/DealPartnerRepository.h"

#include <QCoreApplication>

namespace pd {

DealPartnerCommand::DealPartnerCommand(DealPartnerRepository& repository, Kind kind, const QString& text)
    : RepositoryCommand(text), m_repository(repository), m_kind(kind)
{
}

std::unique_ptr<DealPartnerCommand> DealPartnerCommand::addPartner(DealPartnerRepository& repository, QString dealId,
                                                                   QString partnerId, QString role)
{
    std::unique_ptr<DealPartnerCommand> c(
        new DealPartnerCommand(repository, Kind::AddPartner,
                               QCoreApplication::translate("pd::DealPartnerCommand", "Add partner as %1").arg(role)));
    c->m_dealId = std::move(dealId);
    c->m_partnerId = std::move(partnerId);
    c->m_what = std::move(role);
    return c;
}

std::unique_ptr<DealPartnerCommand> DealPartnerCommand::addTouch(DealPartnerRepository& repository, QString dealId,
                                                                 QString partnerId, QString type, QDate date)
{
    std::unique_ptr<DealPartnerCommand> c(new DealPartnerCommand(
        repository, Kind::AddTouch, QCoreApplication::translate("pd::DealPartnerCommand", "Add touch %1").arg(type)));
    c->m_dealId = std::move(dealId);
    c->m_partnerId = std::move(partnerId);
    c->m_what = std::move(type);
    c->m_date = date;
    return c;
}

std::unique_ptr<DealPartnerCommand> DealPartnerCommand::remove(DealPartnerRepository& repository, Kind kind,
                                                               QString rowId)
{
    Q_ASSERT(kind == Kind::RemovePartner || kind == Kind::RemoveTouch);
    std::unique_ptr<DealPartnerCommand> c(new DealPartnerCommand(
        repository, kind,
        kind == Kind::RemovePartner ? QCoreApplication::translate("pd::DealPartnerCommand", "Remove partner")
                                    : QCoreApplication::translate("pd::DealPartnerCommand", "Remove touch")));
    c->m_rowId = std::move(rowId);
    return c;
}

void DealPartnerCommand::removeRow()
{
    if (m_kind == Kind::AddPartner || m_kind == Kind::RemovePartner)
        m_repository.removePartner(m_rowId);
    else
        m_repository.removeTouch(m_rowId);
}

void DealPartnerCommand::restoreRow()
{
    if (m_kind == Kind::AddPartner || m_kind == Kind::RemovePartner)
        m_repository.restorePartner(m_rowId);
    else
        m_repository.restoreTouch(m_rowId);
}

void DealPartnerCommand::doRedo()
{
    switch (m_kind) {
    case Kind::AddPartner:
        if (m_rowId.isEmpty())
            m_rowId = m_repository.addPartner(m_dealId, m_partnerId, m_what);
        else
            restoreRow();
        break;
    case Kind::AddTouch:
        if (m_rowId.isEmpty())
            m_rowId = m_repository.addTouch(m_dealId, m_partnerId, m_what, m_date);
        else
            restoreRow();
        break;
    case Kind::RemovePartner:
    case Kind::RemoveTouch:
        removeRow();
        break;
    }
}

void DealPartnerCommand::doUndo()
{
    if (m_kind == Kind::AddPartner || m_kind == Kind::AddTouch)
        removeRow();
    else
        restoreRow();
}

} // namespace pd
