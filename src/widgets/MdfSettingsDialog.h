#pragma once

#include "domain/Mdf.h"

#include <QDialog>
#include <memory>

namespace Ui {
class MdfSettingsDialog;
}

namespace pd {

class DialogService;

/// "MDF settings…" (issue 10, item 1): the vendor's share of an activity's cost (0–100%), the claim deadline in days
/// after the activity ends, and the activity types: allowed or not, and the proof types each requires (from
/// mdfProofTypes(), separated by commas). OK checks the proof types (an unknown one is shown through DialogService).
/// The form is ui/MdfSettingsDialog.ui.
class MdfSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    MdfSettingsDialog(DialogService& dialogs, const MdfSettings& settings, QWidget* parent = nullptr);
    ~MdfSettingsDialog() override;

    /// The settings as edited (valid once accepted).
    const MdfSettings& settings() const { return m_settings; }

private:
    void tryAccept();
    std::unique_ptr<Ui::MdfSettingsDialog> m_ui;
    DialogService& m_dialogs;
    MdfSettings m_settings;
};

} // namespace pd
