#pragma once

#include "models/RepositoryCommand.h"

#include <QDate>

namespace pd {

class DealPartnerRepository;

/// Adds or removes a further partner or a partner touch on a deal as one undo step (DESIGN.md section 8), through
/// DealPartnerRepository (each write one transaction with change-log and audit entries). Undo and redo never create
/// new rows: undoing an add removes the row (soft delete) and redoing it brings the same row back
/// (restorePartner/restoreTouch); undoing a remove brings the row back. Throws StorageError from execute().
class DealPartnerCommand : public RepositoryCommand
{
public:
    enum class Kind { AddPartner, RemovePartner, AddTouch, RemoveTouch };

    /// Adds `partnerId` to the deal `dealId` with `role` (AddPartner).
    static std::unique_ptr<DealPartnerCommand> addPartner(DealPartnerRepository& repository, QString dealId,
                                                          QString partnerId, QString role);
    /// Records a touch of `partnerId` on the deal `dealId` of `type` on `date` (AddTouch).
    static std::unique_ptr<DealPartnerCommand> addTouch(DealPartnerRepository& repository, QString dealId,
                                                        QString partnerId, QString type, QDate date);
    /// Removes the further partner row `dealPartnerId` (RemovePartner) or the touch row `touchId` (RemoveTouch).
    static std::unique_ptr<DealPartnerCommand> remove(DealPartnerRepository& repository, Kind kind, QString rowId);

    /// The id of the row added or removed (set after execute() for an add).
    QString rowId() const { return m_rowId; }

protected:
    void doRedo() override;
    void doUndo() override;

private:
    DealPartnerCommand(DealPartnerRepository& repository, Kind kind, const QString& text);
    void removeRow();
    void restoreRow();

    DealPartnerRepository& m_repository;
    Kind m_kind;
    QString m_dealId, m_partnerId, m_what; ///< m_what: the role or the touch type
    QDate m_date;
    QString m_rowId;
};

} // namespace pd
