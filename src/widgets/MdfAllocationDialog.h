#pragma once

#include "domain/Mdf.h"

#include <QDialog>
#include <memory>

namespace Ui {
class MdfAllocationDialog;
}

namespace pd {

class DialogService;
class MdfBudgetRepository;
class PartnerRepository;

/// What MdfAllocationDialog asks for.
struct MdfAllocationInput
{
    bool accrual = false;
    QString partnerId;      ///< fixed: the partner; accrual: one partner, or empty for every partner
    qint64 amountMinor = 0; ///< fixed only
    int basisPoints = 0;    ///< accrual only (200 = 2%)
    QString accrualPeriod;  ///< accrual only ("2017Q3")
    QString note;
};

/// "Allocate…" of the MDF pane (issue 10, item 2): a fixed amount to one partner, or an accrual percentage of won
/// revenue in a period for one or all partners, with a preview of the computed amounts
/// (MdfBudgetRepository::accrualPreview()) and their total. OK checks the fields (a problem is shown through
/// DialogService); the budget's rules (never more than what is left) are the repository's. The form is
/// ui/MdfAllocationDialog.ui.
class MdfAllocationDialog : public QDialog
{
    Q_OBJECT
public:
    MdfAllocationDialog(DialogService& dialogs, const PartnerRepository& partners, const MdfBudgetRepository& budgets,
                        const MdfBudget& budget, QWidget* parent = nullptr);
    ~MdfAllocationDialog() override;

    /// The allocation as entered (valid once accepted).
    const MdfAllocationInput& input() const { return m_input; }
    /// Computes the accrual preview of the fields as entered; false (and a warning) when they are incomplete.
    bool preview();

private:
    /// Reads the fields into `input`; false with `error` for people.
    bool read(MdfAllocationInput* input, QString* error) const;
    void updateMode();
    void tryAccept();
    std::unique_ptr<Ui::MdfAllocationDialog> m_ui;
    DialogService& m_dialogs;
    const PartnerRepository& m_partners;
    const MdfBudgetRepository& m_budgets;
    MdfBudget m_budget;
    MdfAllocationInput m_input;
};

} // namespace pd
