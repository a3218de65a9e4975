#include "widgets/TableExportAction.h"

#include "io/CsvExporter.h"
#include "io/XlsxExporter.h"
#include "widgets/DialogService.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QStatusTipEvent>
#include <QTableView>
#include <QWidget>

namespace pd {

TableExportAction::TableExportAction(DialogService& dialogs, const QString& title, const QString& suggestedName,
                                     QWidget* parent)
    : QObject(parent), m_dialogs(dialogs), m_parent(parent), m_title(title), m_suggested(suggestedName)
{
    connect(&m_watcher, &QFutureWatcher<BackgroundResult<Result>>::finished, this, &TableExportAction::onFinished);
}

TableExportAction::~TableExportAction()
{
    if (m_cancel)
        m_cancel->store(true); // a running export stops and removes its temporary file
    // The watcher never waits: a running export ends on its own and its result is dropped.
}

QString TableExportAction::askPath()
{
    if (m_watcher.isRunning())
        return {};
    return m_dialogs.saveFileName(m_parent, m_title, tr("CSV files (*.csv);;Excel workbooks (*.xlsx)"), m_suggested);
}

bool TableExportAction::write(const ExportTable& table, const QString& path, QString* error,
                              const std::atomic_bool* cancel)
{
    return path.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive) ? XlsxExporter::write(table, path, error, cancel)
                                                                      : CsvExporter::write(table, path, error, cancel);
}

bool TableExportAction::begin()
{
    const QString path = askPath();
    if (path.isEmpty())
        return false;
    m_path = path;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = makeCancelFlag();
    showStatus(tr("Exporting to %1…").arg(path));
    return true;
}

bool TableExportAction::exportTable(const ExportTable& table)
{
    if (!begin())
        return false;
    // An in-memory table: no connection is needed, only the writing happens off the GUI thread.
    m_watcher.setFuture(QtConcurrent::run([table, path = m_path, cancel = m_cancel]() {
        BackgroundResult<Result> result;
        result.value.rows = write(table, path, &result.value.error, cancel.get()) ? table.rows.size() : 0;
        return result;
    }));
    return true;
}

bool TableExportAction::exportQuery(const DatabaseConfig& config, const QDateTime& now, Builder build)
{
    if (!begin())
        return false;
    m_watcher.setFuture(runInBackground<Result>(
        config, now, [path = m_path, build = std::move(build), cancel = m_cancel](Database& db, const Clock& clock) {
            Result r;
            const ExportTable table = build(db, clock);
            r.rows = write(table, path, &r.error, cancel.get()) ? table.rows.size() : 0;
            return r;
        }));
    return true;
}

void TableExportAction::showStatus(const QString& message)
{
    // A status tip travels up to the main window, which shows it on its status bar (panes without a status signal).
    QStatusTipEvent tip(message);
    QCoreApplication::sendEvent(m_parent, &tip);
    Q_EMIT statusMessage(message);
}

void TableExportAction::onFinished()
{
    const BackgroundResult<Result> result = m_watcher.result();
    const QString error =
        result.error.isEmpty() ? result.value.error : tr("Cannot export to %1: %2").arg(m_path, result.error);
    if (error.isEmpty())
        showStatus(tr("Exported %n row(s) to %1", nullptr, int(result.value.rows)).arg(m_path));
    else
        m_dialogs.warning(m_parent, m_title, error);
    Q_EMIT finished(m_path, result.value.rows, error);
}

ExportTable TableExportAction::fromView(const QTableView* view, const QString& name)
{
    ExportTable table;
    table.name = name;
    const QAbstractItemModel* model = view->model();
    const QHeaderView* header = view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (logical >= 0 && !header->isSectionHidden(logical)) {
            columns.append(logical);
            table.headers.append(model->headerData(logical, Qt::Horizontal, Qt::DisplayRole).toString());
        }
    }
    for (int r = 0; r < model->rowCount(); ++r) {
        QList<ExportCell> row;
        row.reserve(columns.size());
        for (int c : columns) {
            const QVariant v = model->index(r, c).data(Qt::DisplayRole);
            switch (v.typeId()) {
            case QMetaType::Int:
            case QMetaType::LongLong:
            case QMetaType::UInt:
            case QMetaType::ULongLong:
                row.append(ExportCell::ofInteger(v.toLongLong()));
                break;
            case QMetaType::QDate:
                row.append(ExportCell::ofDate(v.toDate()));
                break;
            case QMetaType::QDateTime:
                row.append(ExportCell::ofInstant(v.toDateTime()));
                break;
            default:
                row.append(v.isValid() ? ExportCell::ofText(v.toString()) : ExportCell{});
            }
        }
        table.rows.append(row);
    }
    return table;
}

} // namespace pd
