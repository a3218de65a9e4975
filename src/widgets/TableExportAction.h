#pragma once

#include "io/ExportTable.h"
#include "models/BackgroundQuery.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <functional>

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace pd {

class DialogService;

/// "Export table…" shared by every table of the window (issue 8, item 7): asks for a file through
/// DialogService::saveFileName, writes an ExportTable on a worker thread (CSV, or XLSX when the chosen name ends in
/// .xlsx, case-insensitive), reports success on the status bar (statusMessage() and a QStatusTipEvent to the parent,
/// which reaches the main window) and failure in a warning naming the file, and emits finished(). The exporters write
/// to a temporary file and rename it, so a failed or cancelled export never leaves a half file; destroying this
/// object cancels a running export.
class TableExportAction : public QObject
{
    Q_OBJECT
public:
    /// Builds the table on the worker from its own connection to the book (for tables too large to hold in the view).
    using Builder = std::function<ExportTable(Database&, const Clock&)>;

    /// `title` names the file dialog and the warning ("Export deals"); `suggestedName` is the proposed file name
    /// ("deals.csv"); `parent` is the dialogs' parent widget and owns this object.
    TableExportAction(DialogService& dialogs, const QString& title, const QString& suggestedName, QWidget* parent);
    ~TableExportAction() override;

    /// Asks for a file and writes `table` to it on a worker. Returns false when no file was chosen or an export is
    /// still running; finished() follows otherwise.
    bool exportTable(const ExportTable& table);
    /// Asks for a file and, on a worker with its own connection to `config`, builds the table with `build` (given a
    /// clock fixed at `now`) and writes it. Returns false when no file was chosen or an export is still running.
    bool exportQuery(const DatabaseConfig& config, const QDateTime& now, Builder build);
    /// True while an export runs.
    bool isRunning() const { return m_watcher.isRunning(); }

    /// The rows `view` shows, as a table named `name`: its model's rows in their current (filtered, sorted) order and
    /// its visible columns in their on-screen order, headers from the horizontal header. A cell whose display value
    /// is an integer becomes an Integer cell, a QDate a Date cell, a QDateTime an Instant cell, anything else text.
    static ExportTable fromView(const QTableView* view, const QString& name);
    /// Writes `table` to `path` (XLSX when `path` ends in .xlsx, else CSV); false and `error` on failure.
    static bool write(const ExportTable& table, const QString& path, QString* error,
                      const std::atomic_bool* cancel = nullptr);

Q_SIGNALS:
    /// A progress or success message for the status bar.
    void statusMessage(const QString& message);
    /// An export ended: `rows` rows written to `path`, or `error` (naming the file; empty on success).
    void finished(const QString& path, qint64 rows, const QString& error);

private:
    /// What an export did on its worker.
    struct Result
    {
        qint64 rows = 0;
        QString error; ///< from the exporter, naming the file
    };
    /// Asks for the file; false when none was chosen or an export still runs. Sets m_path and a fresh m_cancel.
    bool begin();
    QString askPath();
    /// Emits statusMessage() and sends it as a status tip to the parent (the main window's status bar shows it).
    void showStatus(const QString& message);
    void onFinished();

    DialogService& m_dialogs;
    QWidget* m_parent;
    QString m_title;
    QString m_suggested;
    QString m_path;
    CancelFlag m_cancel; ///< set when this object goes away: the export stops and leaves no file
    QFutureWatcher<BackgroundResult<Result>> m_watcher;
};

} // namespace pd
