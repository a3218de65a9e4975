#pragma once

#include <QDate>
#include <QDialog>
#include <memory>

namespace Ui {
class MdfPaymentDialog;
}

namespace pd {

class DialogService;

/// "Pay…" of the MDF pane (issue 10, item 4): the payment date (default and latest: today) and the payment reference
/// (required). OK checks them (a problem is shown through DialogService). The form is ui/MdfPaymentDialog.ui.
class MdfPaymentDialog : public QDialog
{
    Q_OBJECT
public:
    MdfPaymentDialog(DialogService& dialogs, const QDate& today, QWidget* parent = nullptr);
    ~MdfPaymentDialog() override;

    QDate paidOn() const;
    QString reference() const;

private:
    void tryAccept();
    std::unique_ptr<Ui::MdfPaymentDialog> m_ui;
    DialogService& m_dialogs;
};

} // namespace pd
