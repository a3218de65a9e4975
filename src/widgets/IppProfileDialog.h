#pragma once

#include "domain/IdealPartnerProfile.h"

#include <QDialog>
#include <memory>

namespace Ui {
class IppProfileDialog;
}

namespace pd {

class Book;
class DialogService;

/// The Ideal Partner Profile settings page (issue 9, item 2): the profile's criteria in a table, one per row (field
/// as a combo box; the accepted values, comma-separated, of a text field or the inclusive min/max of a number field;
/// weight 1–100), with add and remove and the sum of the weights under it. Save validates the entered criteria with
/// IdealPartnerProfile::validate() (its message, naming the criterion, is shown under the table and that row is
/// selected; nothing is saved then) and saves them as one undoable IppProfileCommand on the book's stack. The form
/// is ui/IppProfileDialog.ui.
class IppProfileDialog : public QDialog
{
    Q_OBJECT
public:
    /// Table columns.
    enum Column { FieldColumn, ValuesColumn, MinColumn, MaxColumn, WeightColumn };

    IppProfileDialog(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~IppProfileDialog() override;

    /// The profile as entered; nullopt with `error` set (for people) when a bound is not a whole number or the
    /// criteria are invalid (IdealPartnerProfile::validate()); `errorRow` gets the row at fault (-1 when none).
    std::optional<IdealPartnerProfile> entered(QString* error = nullptr, int* errorRow = nullptr) const;
    /// The sum of the weights entered.
    int weightSum() const;
    /// Validates and saves; false (with the message shown) when refused. Nothing is pushed when nothing changed.
    bool save();
    /// The message shown under the table (empty when none).
    QString errorText() const;

private:
    void load();
    void appendRow(const IppCriterion& criterion);
    void updateRowKind(int row);
    void updateWeightSum();

    std::unique_ptr<Ui::IppProfileDialog> m_ui;
    Book& m_book;
    DialogService& m_dialogs;
    IdealPartnerProfile m_loaded;
};

} // namespace pd
