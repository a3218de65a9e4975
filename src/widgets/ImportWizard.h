#pragma once

#include "io/CsvReader.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"

#include <QWizard>
#include <memory>

class QTableWidget;

namespace Ui {
class ImportWizard;
}

namespace pd {

class Book;
class DialogService;
class ImportFilePage;
class ImportFormatPage;
class ImportMappingPage;
class ImportPreviewPage;
class ImportRunPage;
class ImportWorker;
class TableExportAction;

/// File → Import… (issue 2, item 4): a wizard that imports one CSV file into one entity of the open book.
/// Pages: choose the file and what it holds (optionally a saved mapping profile); the format (detected encoding and
/// delimiter, changeable; how numbers and dates are written, from the profile or chosen here); the column mapping
/// (auto-matched by header name, editable; constants; value maps per field with "load from CSV"; a row filter;
/// insert-only or update-existing mode; "skip invalid rows"; "Save profile…"); a preview of the first rows (amounts and
/// dates as they will be read, or why a value is invalid) with a dry run listing every invalid row (row, column, value,
/// reason); and the import itself on an ImportWorker (its own thread and connection) with a progress bar and Cancel.
/// After a committed import the book's ChangeNotifier::bookReset() is emitted so every model reloads. Each page is
/// a class with its Designer form (ImportFilePage … ImportRunPage, ui/Import*Page.ui); the wizard gives them behaviour.
class ImportWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { FilePage, FormatPage, MappingPage, PreviewPage, RunPage };

    ImportWizard(Book& book, DialogService& dialogs, QWidget* parent = nullptr);
    ~ImportWizard() override;

    /// The profile as currently set up on the pages.
    MappingProfile profile() const;
    /// The import options as currently set up.
    ImportOptions options(bool dryRun) const;
    /// The report of the last dry run or import (empty before).
    const ImportReport& lastReport() const { return m_report; }
    /// True while a dry run or the import runs.
    bool isRunning() const { return m_worker != nullptr; }

    void reject() override;
    /// Export invalid rows… (issue 8, item 7): asks for a file and writes the invalid rows of the last dry run or
    /// import (row, column, value, reason; values in full) as XLSX when the name ends in ".xlsx", else as CSV, on a
    /// worker; exporter()->finished() follows. False when no file was chosen or an export still runs.
    bool exportIssues();
    /// The invalid rows' export (its finished() signal says how an export ended).
    TableExportAction* exporter() const { return m_exporter; }

Q_SIGNALS:
    /// A dry run finished (its issues are listed on the preview page).
    void dryRunFinished(const pd::ImportReport& report);
    /// The import finished (committed, rejected, cancelled or failed).
    void importFinished(const pd::ImportReport& report);

private:
    // Page set-up (the pages' hooks, choices and connections; their layouts are their forms) and transitions.
    void setUpFilePage();
    void setUpFormatPage();
    void setUpMappingPage();
    void setUpPreviewPage();
    void setUpRunPage();
    bool fileComplete() const;
    bool acceptFile();
    void initFormat();
    bool readSample(std::optional<CsvFormat> format, QString* error);
    void fillFormatPreview();
    void initMapping();
    bool acceptMapping();
    void initPreview();
    void initRun();
    bool runComplete() const { return m_done; }

    void browse();
    void loadProfile();
    void saveProfile();
    void storeValueMapTable();
    void showValueMap();
    void loadValueMapCsv();
    void startWorker(bool dryRun);
    void onWorkerFinished(const ImportReport& report);
    static void fillIssues(QTableWidget* table, const ImportReport& report);
    QString summary(const ImportReport& report) const;
    ImportEntity entity() const;
    CsvFormat chosenFormat() const;
    NumberFormat chosenNumberFormat() const;
    /// The date format typed or chosen; nullopt (and `error`) when the pattern is invalid.
    std::optional<DateFormat> chosenDateFormat(QString* error) const;
    /// `value` of `field` as the import will read it: "1234.56 EUR" or "2017-03-15", or "⚠ reason".
    QString parsedPreview(const QString& field, const QString& value, const QString& currency,
                          const MappingProfile& profile) const;

    std::unique_ptr<Ui::ImportWizard> m_ui; ///< the window's form (its pages have their own)
    Book& m_book;
    DialogService& m_dialogs;
    std::optional<MappingProfile> m_loadedProfile;
    MappingProfile m_base; ///< valueMaps, scales and name carried over from a loaded profile or auto-match
    CsvFormat m_detected;
    QStringList m_header;
    QList<QStringList> m_sample; ///< the first data rows
    ImportWorker* m_worker = nullptr;
    bool m_workerDryRun = false;
    bool m_done = false;
    ImportReport m_report;
    QString m_valueMapField; ///< the field whose value map is in the table

    ImportFilePage* m_filePage = nullptr;
    ImportFormatPage* m_formatPage = nullptr;
    ImportMappingPage* m_mappingPage = nullptr;
    ImportPreviewPage* m_previewPage = nullptr;
    ImportRunPage* m_runPage = nullptr;
    class UnfocusedWheelGuard* m_wheelGuard = nullptr; ///< the mapping combos take the wheel only when focused
    TableExportAction* m_exporter = nullptr;
};

} // namespace pd
