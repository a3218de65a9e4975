#pragma once

#include <QSortFilterProxyModel>

namespace pd {

/// Filters and sorts the conflict list (ConflictListModel, issue 8 item 4): only unresolved pairs, only pairs whose
/// later registration is still open (Draft, Submitted or Approved: DESIGN.md section 3), one partner (on either side,
/// by key), and a customer name containing a text (case-insensitive). All filters off by default.
class ConflictFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setUnresolvedOnly(bool on);
    void setOpenOnly(bool on);
    /// A partner key, or empty for every partner.
    void setPartnerKey(const QString& key);
    void setCustomerText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool m_unresolvedOnly = false;
    bool m_openOnly = false;
    QString m_partnerKey;
    QString m_customerText;
};

} // namespace pd
