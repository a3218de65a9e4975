#pragma once

#include <QGroupBox>
#include <memory>

namespace Ui {
class PartnerLifecycleView;
}

namespace pd {

class Book;

/// One partner's lifecycle in its detail panel (issue 9, items 1 and 7): the history of its stage changes (date,
/// from → to, user, reason; oldest first, from LifecycleRepository::history) and its activation metrics as of the
/// book clock's today (activation date, days to onboard, days to first registration, time to first revenue;
/// ActivationMetricsRepository and ActivationMetrics, whose doc comments define them). "–" marks a metric without the
/// facts it needs. Follows the partner's changes and new deals through the change notifier. The layout is
/// ui/PartnerLifecycleView.ui.
class PartnerLifecycleView : public QGroupBox
{
    Q_OBJECT
public:
    explicit PartnerLifecycleView(Book& book, QWidget* parent = nullptr);
    ~PartnerLifecycleView() override;

    /// Shows the partner with `id` (empty: nothing).
    void setPartner(const QString& id);
    /// Reads the shown partner's history and metrics again.
    void refresh();

private:
    std::unique_ptr<Ui::PartnerLifecycleView> m_ui;
    Book& m_book;
    QString m_partnerId;
};

} // namespace pd
