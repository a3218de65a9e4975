#pragma once

#include <QSortFilterProxyModel>

namespace pd {

/// Filters and sorts the onboarding pane's rows (OnboardingListModel; issue 9, item 4): a search text (partner key
/// or name, case-insensitive, anywhere in them), one channel manager, one territory (empty: all) and "overdue only".
/// Sorts every column by its value (numbers and dates as such), comparing the model's rows directly: at 10,000 rows a
/// filter change re-sorts the rows it shows again within a frame (bench_onboarding).
class OnboardingFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OnboardingFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    /// Exact channel manager; empty for every one.
    void setChannelManager(const QString& name);
    /// Exact territory; empty for every one.
    void setTerritory(const QString& territory);
    void setOverdueOnly(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    QString m_channelManager;
    QString m_territory;
    bool m_overdueOnly = false;
};

} // namespace pd
