#pragma once

#include "domain/Mdf.h"

#include <QDialog>
#include <memory>

namespace Ui {
class MdfRequestDialog;
}

namespace pd {

class DialogService;
class PartnerRepository;

/// "New request…" of the MDF pane (issue 10, item 3): partner (by key), activity type (the allowed ones), description,
/// planned dates, total cost, requested amount, expected leads and pipeline, and whether to submit it at once. The
/// requested amount follows the total cost × the vendor share (mdfRequestedAmount) and may be edited down only. OK
/// checks the request with checkMdfRequest() (a problem is shown through DialogService and the dialog stays open).
/// The form is ui/MdfRequestDialog.ui.
class MdfRequestDialog : public QDialog
{
    Q_OBJECT
public:
    /// A request in `budget` (its currency; the planned dates start at the budget's period).
    MdfRequestDialog(DialogService& dialogs, const PartnerRepository& partners, const MdfBudget& budget,
                     MdfSettings settings, QWidget* parent = nullptr);
    ~MdfRequestDialog() override;

    /// The request as entered (valid once accepted): budget, partner, fields; status Draft.
    const MdfRequest& request() const { return m_request; }
    /// Submit it for approval at once.
    bool submitNow() const;
    /// Turns the dialog into the editor of `draft` (a Draft request of this budget): its fields filled in, its
    /// partner fixed, no "submit now". request() then keeps the draft's id, number and version.
    void editDraft(const MdfRequest& draft);

private:
    void onTotalCostEdited();
    void tryAccept();
    std::unique_ptr<Ui::MdfRequestDialog> m_ui;
    DialogService& m_dialogs;
    const PartnerRepository& m_partners;
    MdfBudget m_budget;
    MdfSettings m_settings;
    MdfRequest m_request;
    MdfRequest m_draft; ///< the draft being edited (id empty for a new request)
};

} // namespace pd
