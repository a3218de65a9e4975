#pragma once

#include <QWidget>

#include <memory>

class QTableView;

namespace Ui {
class ConflictsPane;
}

namespace pd {

class Book;
class ConflictFilterProxy;
class ConflictListModel;
class DialogService;
class TableExportAction;

/// The conflicts pane (issue 3, item 4): every registration that conflicts with an earlier one (ConflictListModel,
/// scanned on a worker thread), the counts of conflicted registrations and of pairs, and the two resolutions: reject
/// the later registration with the reason and record the resolution, or accept both with a reason — each one
/// undoable ResolveConflictCommand (one transaction). Filters (issue 8, item 4): unresolved only, open registrations
/// only, one partner, a customer name; the table sorts by any column. The static layout is
/// ui/ConflictsPane.ui.
class ConflictsPane : public QWidget
{
    Q_OBJECT
public:
    ConflictsPane(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~ConflictsPane() override;

    ConflictListModel* model() const { return m_model; }
    /// The filtered, sorted rows the table shows (rows of model() mapped through it).
    ConflictFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const;
    /// Starts a reload of the list (loaded() follows).
    void reload();
    /// Resolves the conflict at `row` of model() (not of the filtered view): reject the later registration
    /// (`rejectLater`) or accept both; asks for the reason through DialogService. Returns false when cancelled or
    /// refused.
    bool resolve(int row, bool rejectLater);

    /// Export… (issue 8, item 7): asks for a file and writes the pairs the filtered, sorted table shows with its
    /// visible columns, as XLSX when the name ends in ".xlsx", else as CSV, on a worker; exporter()->finished()
    /// follows. False when no file was chosen or an export still runs.
    bool exportTable();
    /// The table's export (its finished() signal says how an export ended).
    TableExportAction* exporter() const { return m_exporter; }

Q_SIGNALS:
    void loaded();

protected:
    /// The list is rescanned only while the pane is shown (ConflictListModel::setActive).
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void updateButtons();
    void updateSummary();
    void fillPartnerFilter();
    /// The model() row of the table's current row, or -1.
    int currentSourceRow() const;
    std::unique_ptr<Ui::ConflictsPane> m_ui; ///< the static layout (ui/ConflictsPane.ui)
    Book& m_book;
    DialogService& m_dialogs;
    ConflictListModel* m_model = nullptr;
    ConflictFilterProxy* m_proxy = nullptr;
    TableExportAction* m_exporter = nullptr;
};

} // namespace pd
