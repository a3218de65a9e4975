#pragma once

#include "domain/ProgramSettings.h"
#include "models/ProgramSettingsCommand.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ProgramSettingsDialog;
}

namespace pd {

class Book;

/// The program rules settings page (issue 3, item 2), stored in the book (ProgramSettingsRepository, with an
/// audit entry): protection and extension days, status probabilities of the weighted pipeline, automatic approval
/// (no conflict, minimum partner tier, amount limit in a currency), daily expiry (off by default) and the
/// reporting currency. Saving is one undoable ProgramSettingsCommand on the book's stack; `applied` runs after it and
/// after its undo and redo (so views follow the settings in force). Range errors are shown in the dialog; nothing is
/// saved then. The form is ui/ProgramSettingsDialog.ui.
class ProgramSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    ProgramSettingsDialog(Book& book, ProgramSettingsCommand::Applied applied = {}, QWidget* parent = nullptr);
    ~ProgramSettingsDialog() override;

    /// The settings as currently entered (amount limit -1 when the field is empty or invalid).
    ProgramSettings entered(QString* error = nullptr) const;
    /// Validates and saves; false (with the message shown) when refused.
    bool save();

Q_SIGNALS:
    void saved();

private:
    void load();
    std::unique_ptr<Ui::ProgramSettingsDialog> m_ui;
    Book& m_book;
    ProgramSettingsCommand::Applied m_applied;
};

} // namespace pd
