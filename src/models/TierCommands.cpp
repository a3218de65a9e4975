#include "models/TierCommands.h"

#include <QCoreApplication>

namespace pd {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("pd::TierCommands", text);
}

QString applyText(const QList<TierHistoryEntry>& changes)
{
    if (changes.size() == 1)
        return tr("Move %1 to tier %2").arg(changes.first().partnerKey, changes.first().toTier);
    return tr("Apply %1 tier changes").arg(changes.size());
}
} // namespace

AddTierCommand::AddTierCommand(TierRepository& repository, Tier tier)
    : RepositoryCommand(tr("Add tier %1").arg(tier.name)), m_repository(repository), m_tier(std::move(tier))
{
}

void AddTierCommand::doRedo()
{
    if (m_tier.id.isEmpty())
        m_repository.addTier(m_tier);
    else
        m_repository.restoreTier(m_tier.id);
}

void AddTierCommand::doUndo()
{
    m_repository.removeTier(m_tier.id);
}

EditTierCommand::EditTierCommand(TierRepository& repository, Tier before, Tier after)
    : RepositoryCommand(tr("Edit tier %1").arg(before.name)), m_repository(repository), m_before(std::move(before)),
      m_after(std::move(after)), m_version(m_before.version)
{
}

void EditTierCommand::write(Tier target)
{
    target.version = m_version;
    m_repository.updateTier(target);
    m_version = target.version;
}

void EditTierCommand::doRedo()
{
    write(m_after);
}

void EditTierCommand::doUndo()
{
    write(m_before);
}

RemoveTierCommand::RemoveTierCommand(TierRepository& repository, const Tier& tier)
    : RepositoryCommand(tr("Remove tier %1").arg(tier.name)), m_repository(repository), m_id(tier.id)
{
}

void RemoveTierCommand::doRedo()
{
    m_repository.removeTier(m_id);
}

void RemoveTierCommand::doUndo()
{
    m_repository.restoreTier(m_id);
}

ApplyTiersCommand::ApplyTiersCommand(TierRepository& repository, QList<TierHistoryEntry> changes)
    : RepositoryCommand(applyText(changes)), m_repository(repository), m_changes(std::move(changes))
{
}

ApplyTiersCommand::ApplyTiersCommand(TierRepository& repository, const QDate& asOf, const QString& reason)
    : RepositoryCommand(tr("Apply the tier recommendations of %1").arg(asOf.toString(Qt::ISODate))),
      m_repository(repository), m_asOf(asOf), m_reason(reason)
{
}

void ApplyTiersCommand::doRedo()
{
    if (m_asOf.isValid()) {
        m_applied = m_repository.applyAll(m_asOf, m_reason);
        m_changes = m_applied;
        m_asOf = QDate();
    } else {
        m_applied = m_repository.applyEach(m_changes);
    }
}

void ApplyTiersCommand::doUndo()
{
    m_repository.revert(m_applied);
}

} // namespace pd
