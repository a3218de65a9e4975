#pragma once

#include "domain/Mdf.h"

#include <QDialog>
#include <memory>

namespace Ui {
class MdfBudgetDialog;
}

namespace pd {

class DialogService;

/// "New budget…" of the MDF pane (issue 10, item 1): name, period ("2017Q4" or "FY2017"), amount in major units as
/// typed, and ISO 4217 currency. OK checks the fields (a problem is shown through DialogService and the dialog
/// stays open); budget() is the budget to create. The form is ui/MdfBudgetDialog.ui.
class MdfBudgetDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MdfBudgetDialog(DialogService& dialogs, QWidget* parent = nullptr);
    ~MdfBudgetDialog() override;

    /// The budget as entered (valid once accepted): name, period, dates, amount, currency.
    const MdfBudget& budget() const { return m_budget; }

private:
    void tryAccept();
    std::unique_ptr<Ui::MdfBudgetDialog> m_ui;
    DialogService& m_dialogs;
    MdfBudget m_budget;
};

} // namespace pd
