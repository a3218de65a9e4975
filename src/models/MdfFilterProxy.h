#pragma once

#include <QSortFilterProxyModel>

namespace pd {

/// Sorts an MDF table by MdfLoadedModel::SortRole (numbers as numbers) and filters it by status
/// (MdfLoadedModel::StatusRole; empty: every status) and by search text (MdfLoadedModel::SearchRole contains every
/// word typed, case-insensitive).
class MdfFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit MdfFilterProxy(QObject* parent = nullptr);

    /// Shows only rows whose status is `status` (a status name); empty shows every row.
    void setStatus(const QString& status);
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_status;
    QStringList m_words;
};

} // namespace pd
