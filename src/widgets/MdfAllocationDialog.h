#pragma once

#include "domain/Mdf.h"
#include "models/BackgroundQuery.h"
#include "storage/DatabaseConfig.h"
#include "storage/MdfBudgetRepository.h"

#include <QDialog>
#include <QFutureWatcher>
#include <memory>

namespace Ui {
class MdfAllocationDialog;
}

namespace pd {

class DialogService;
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
    /// The preview reads the book through its own connection to `config` on `pool` (the book's workers): an accrual
    /// over 100,000 partners and a million deals must not freeze the window.
    MdfAllocationDialog(DialogService& dialogs, const PartnerRepository& partners, const DatabaseConfig& config,
                        QThreadPool* pool, const MdfBudget& budget, QWidget* parent = nullptr);
    ~MdfAllocationDialog() override;

    /// The allocation as entered (valid once accepted).
    const MdfAllocationInput& input() const { return m_input; }
    /// Starts computing the accrual preview of the fields as entered, off the GUI thread (the table fills when it is
    /// done; previewReady() then); false (and a warning) when they are incomplete.
    bool preview();
    /// True when no preview is being computed.
    bool previewReady() const { return !m_previewWatcher.isRunning(); }

private:
    /// Reads the fields into `input`; false with `error` for people.
    bool read(MdfAllocationInput* input, QString* error) const;
    void updateMode();
    void tryAccept();
    std::unique_ptr<Ui::MdfAllocationDialog> m_ui;
    DialogService& m_dialogs;
    const PartnerRepository& m_partners;
    void showPreview();
    DatabaseConfig m_config;
    QThreadPool* m_pool;
    MdfBudget m_budget;
    QFutureWatcher<BackgroundResult<QList<MdfAccrualLine>>> m_previewWatcher;
    MdfAllocationInput m_input;
};

} // namespace pd
