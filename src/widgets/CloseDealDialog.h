#pragma once

#include "domain/Money.h"

#include <QDate>
#include <QDialog>
#include <memory>

namespace Ui {
class CloseDealDialog;
}

namespace pd {

/// Marking a registration won or lost (issue 8, item 5): one dialog with the won amount (won only; empty keeps the
/// amount the deal has) and the close date on a date picker (default: the clock's today). The amount is read in the
/// deal's currency with its ISO 4217 minor units; a malformed or negative amount is shown at the field and the dialog
/// stays open. The form is ui/CloseDealDialog.ui.
class CloseDealDialog : public QDialog
{
    Q_OBJECT
public:
    /// What the user chose: `amountMinor` is -1 when the amount was left empty (keep the deal's).
    struct Answer
    {
        qint64 amountMinor = -1;
        QDate closeDate;
    };

    CloseDealDialog(bool won, qint64 registrationNumber, Money current, const QDate& today, QWidget* parent = nullptr);
    ~CloseDealDialog() override;

    Answer answer() const { return m_answer; }
    /// Fills the form as a person would type it (the DialogService seam for tests): `amount` as text, `date`.
    void setValues(const QString& amount, const QDate& date);
    /// Reads the form into answer(); false (with the reason shown in the form) when the amount is not valid.
    bool readForm();

private:
    std::unique_ptr<Ui::CloseDealDialog> m_ui;
    bool m_won;
    QString m_currency;
    Answer m_answer;
};

} // namespace pd
