#pragma once

#include "domain/Mdf.h"

#include <QDialog>
#include <memory>

namespace Ui {
class MdfClaimDialog;
}

namespace pd {

class DialogService;

/// A proof-of-performance file chosen in MdfClaimDialog, not read yet.
struct MdfProofChoice
{
    QString path;      ///< absolute path of the file
    QString proofType; ///< one of mdfProofTypes()
};

/// "File claim…" of the MDF pane (issue 10, item 4): actual cost, claimed amount (default: the approved amount),
/// leads generated, and proof-of-performance files each with its proof type (the activity type's required types are
/// listed). Files are only chosen here: the pane reads and hashes them off the GUI thread. OK checks the amounts and
/// the required proof types (a problem is shown through DialogService). The form is ui/MdfClaimDialog.ui.
class MdfClaimDialog : public QDialog
{
    Q_OBJECT
public:
    /// A claim against the Approved request `request`.
    MdfClaimDialog(DialogService& dialogs, MdfRequest request, MdfSettings settings, QWidget* parent = nullptr);
    ~MdfClaimDialog() override;

    /// The claim as entered (valid once accepted): request, amounts, leads; no proofs.
    const MdfClaim& claim() const { return m_claim; }
    const QList<MdfProofChoice>& proofs() const { return m_proofs; }
    /// Asks for a file and its proof type (DialogService) and adds it. False when cancelled.
    bool addProof();

private:
    void showProofs();
    void tryAccept();
    std::unique_ptr<Ui::MdfClaimDialog> m_ui;
    DialogService& m_dialogs;
    MdfRequest m_request;
    MdfSettings m_settings;
    MdfClaim m_claim;
    QList<MdfProofChoice> m_proofs;
};

} // namespace pd
