#pragma once

#include <QWidget>

#include <memory>

class QAction;
class QLineEdit;

class QTableView;

namespace Ui {
class PartnersPane;
}

namespace pd {

class Book;
class DialogService;
class PartnerDetailPanel;
class PartnerFilterProxy;
class PartnerRosterSync;
class PartnerTableModel;
class RepositoryCommand;
class TableExportAction;

/// The partner roster pane (issue 2, item 3): search-as-you-type, filters by type, stage and territory, a sortable
/// table whose column choice persists (header context menu; QSettings "roster/…"), and the detail panel of the
/// selected partner. Rows load in the background (PartnerRosterSync); the pane owns its actions (new partner,
/// archive partner, restore partner, change stage: ChangeStageDialog, issue 9; certification types and
/// the Ideal partner profile: CertificationsDialog, IppProfileDialog). "Show archived" lists archived partners
/// too, in grey italics, so that they can be restored (issue 8, item 6). The static layout is ui/PartnersPane.ui.
class PartnersPane : public QWidget
{
    Q_OBJECT
public:
    PartnersPane(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~PartnersPane() override;

    /// The pane's own actions, for the main window's menu and toolbar.
    QList<QAction*> paneActions() const;
    /// Puts the cursor into the search field (Edit → Find).
    void focusSearch();
    /// Starts a background reload of every row.
    void reload();
    bool isLoading() const;

    PartnerTableModel* model() const { return m_model; }
    PartnerFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const;
    PartnerDetailPanel* detailPanel() const { return m_detail; }
    QLineEdit* searchField() const;
    /// Export table… (issue 8, item 7): asks for a file and writes the rows the roster shows (its search, filters
    /// and sort order) with its visible columns in their on-screen order, as XLSX when the name ends in ".xlsx", else
    /// as CSV, on a worker; exporter()->finished() follows. False when no file was chosen or an export still runs.
    bool exportTable();
    /// The roster's export (its finished() signal says how an export ended).
    TableExportAction* exporter() const { return m_exporter; }
    /// Selects the partner with `id` in the roster (clearing filters that hide it is up to the caller).
    void selectPartner(const QString& id);
    /// Change stage… (issue 9, item 1): opens ChangeStageDialog (window-modal, not blocking) for the selected partner;
    /// returns it (deleted when closed), or nullptr when no partner that is not archived is selected.
    class ChangeStageDialog* changeStageOfSelected();
    /// Certification types… (issue 9, item 5): opens CertificationsDialog (window-modal, not blocking); returns it
    /// (deleted when closed).
    class CertificationsDialog* openCertificationTypes();
    /// Ideal partner profile… (issue 9, item 2): opens IppProfileDialog (window-modal, not blocking); returns it
    /// (deleted when closed).
    class IppProfileDialog* openIppProfile();

Q_SIGNALS:
    /// The roster shows the partners of a load; their contact and open-deal counts follow (loaded()).
    void partnersLoaded(int rowCount);
    /// The roster finished loading, counts included; `rowCount` partners are in the book.
    void loaded(int rowCount);
    /// The number of partners or of visible rows changed (for the status bar).
    void countsChanged(int total, int visible);

private:
    void buildUi();
    void restoreColumns();
    void fitColumns();
    void saveColumns() const;
    void showHeaderMenu(const QPoint& pos);
    void onFiltersChanged();
    void onCurrentRowChanged();
    /// Enables Archive partner or Restore partner for the current row.
    void updateRowActions();
    void refillTerritories();
    void archiveSelected();
    /// Restores the selected archived partner (RestorePartnerCommand on the undo stack).
    void restoreSelected();
    /// Pushes `command` on the book's undo stack; a failure is shown under `title`. True when it ran.
    bool push(std::unique_ptr<RepositoryCommand> command, const QString& title);
    void emitCounts();

    Book& m_book;
    DialogService& m_dialogs;
    PartnerTableModel* m_model;
    PartnerFilterProxy* m_proxy;
    PartnerRosterSync* m_sync;
    std::unique_ptr<Ui::PartnersPane> m_ui; ///< the static layout (ui/PartnersPane.ui)
    bool m_columnsFitted = false;
    PartnerDetailPanel* m_detail = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_archiveAction = nullptr;
    QAction* m_restoreAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_changeStageAction = nullptr;
    QAction* m_certificationTypesAction = nullptr;
    QAction* m_ippProfileAction = nullptr;
    TableExportAction* m_exporter = nullptr;
};

} // namespace pd
