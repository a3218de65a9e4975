// The lost save of issue 6 through the real file dialog: File → Open database… shown over the open book's folder and
// cancelled must not open (and so not close) the book's files behind SQLite, which would drop this process's locks
// on them (sqlite.org, "How To Corrupt An SQLite Database File", 2.2). The locks are probed from another process.
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"
#include "widgets/NameOnlyIconProvider.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QFileDialog>
#include <QFileSystemModel>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
/// True when another process cannot take the book's file lock for itself: this process still holds its shared lock.
/// The `sqlite3` shell in exclusive locking mode needs an exclusive lock on the file to read it.
bool bookLockedByThisProcess(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"),
            {QStringLiteral("-cmd"), QStringLiteral(".timeout 0"), path,
             QStringLiteral("PRAGMA locking_mode=EXCLUSIVE; SELECT count(*) FROM partners;")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("database is locked"));
}

/// Shows `dialog` over `folder` until its list and every row's icon and type are loaded, then cancels it.
int browseAndCancel(QFileDialog& dialog, const QString& folder)
{
    dialog.setDirectory(folder);
    dialog.setViewMode(QFileDialog::Detail);
    dialog.show();
    auto* model = dialog.findChild<QFileSystemModel*>();
    if (!model)
        return -1;
    const QModelIndex root = model->index(folder);
    // The book, its -wal and -shm files are listed (the dialog's filter is "All files" for this test).
    if (!QTest::qWaitFor([&] { return model->rowCount(root) >= 3; }, 10000))
        return -1;
    for (int row = 0; row < model->rowCount(root); ++row) {
        model->data(model->index(row, 0, root), Qt::DecorationRole);
        model->data(model->index(row, 2, root), Qt::DisplayRole);
    }
    // Icons and types are fetched on the model's gatherer thread; give it time to answer every row.
    QTest::qWait(500);
    dialog.reject();
    return QDialog::Rejected;
}
} // namespace

class TestFileDialogLocks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { initStorageResources(); }
    void cancelledOpenDialogKeepsTheBookLocked();

private:
    test::TestDatabases m_dbs;
};

void TestFileDialogLocks::cancelledOpenDialogKeepsTheBookLocked()
{
    const DatabaseConfig config = m_dbs.sqlite();
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false, false});
    QVERIFY(window.openBook(config));
    window.show();
    QTRY_VERIFY(window.book() != nullptr);
    // Reading the book takes this process's shared lock on it.
    QSqlQuery(window.book()->database().handle()).exec(QStringLiteral("SELECT count(*) FROM partners"));
    QVERIFY(bookLockedByThisProcess(config.path));

    const QString folder = QFileInfo(config.path).absolutePath();
    int shown = 0;
    dialogs.setFileDialogRunner([&](QFileDialog& dialog) {
        ++shown;
        dialog.setNameFilter(QStringLiteral("All files (*)"));
        return browseAndCancel(dialog, folder);
    });
    window.findChild<QAction*>(QStringLiteral("openDatabaseAction"))->trigger();
    QCOMPARE(shown, 1);
    QCOMPARE(window.book()->config().path, config.path); // cancelled: the same book stays open
    QVERIFY2(bookLockedByThisProcess(config.path), "the file dialog dropped this process's lock on the book");

    // The same dialog with Qt's default icon provider sniffs the files' contents and drops the lock: the probe above
    // can tell.
    QFileDialog sniffing(nullptr, QStringLiteral("Default provider"), folder, QStringLiteral("All files (*)"));
    sniffing.setOption(QFileDialog::DontUseNativeDialog);
    QCOMPARE(browseAndCancel(sniffing, folder), int(QDialog::Rejected));
    QVERIFY(!bookLockedByThisProcess(config.path));
}

QTEST_MAIN(TestFileDialogLocks)
#include "tst_filedialoglocks.moc"
