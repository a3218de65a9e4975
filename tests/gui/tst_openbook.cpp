// Opening a book in the background (issue 7, section 3): the window shows an up-to-date book at once and checks it
// for damage beside the first loads; until the check passes every change is refused with a message that says why,
// afterwards changes work; a damaged book is still refused with the same message and nothing is written into it.
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"

#include <QAction>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
Partner newPartner(const QString& key, const QString& name)
{
    Partner p;
    p.key = key;
    p.name = name;
    return p;
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

/// The status bar's book label.
QString bookLabel(const MainWindow& window)
{
    return window.findChild<QLabel*>(QStringLiteral("bookLabel"))->text();
}
} // namespace

class TestOpenBook : public QObject
{
    Q_OBJECT
public:
    TestOpenBook()
    {
        initStorageResources();
        QCoreApplication::setOrganizationName(QStringLiteral("PartnerDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("partnerdesk-openbook-test"));
    }

private Q_SLOTS:
    void editsAreRefusedUntilTheCheckPassed();
    void damagedBookIsRefused();

private:
    test::TestDatabases m_dbs;
};

void TestOpenBook::editsAreRefusedUntilTheCheckPassed()
{
    const DatabaseConfig config = m_dbs.sqlite();
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        const FixedClock clock(QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC));
        Partner p = newPartner(QStringLiteral("ALP"), QStringLiteral("Alpha"));
        PartnerRepository(db, clock).insert(p);
    }
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false, false});
    window.show();
    // Recorded when the book is first shown: the check has not run yet.
    bool checkedWhenShown = true;
    QString refusal, labelWhenShown;
    bool importEnabledWhenShown = true;
    connect(&window, &MainWindow::bookOpened, this, [&] {
        checkedWhenShown = window.isBookChecked();
        labelWhenShown = bookLabel(window);
        importEnabledWhenShown = window.findChild<QAction*>(QStringLiteral("importAction"))->isEnabled();
        Partner p = newPartner(QStringLiteral("BET"), QStringLiteral("Beta"));
        try {
            window.book()->partners().insert(p);
        } catch (const StorageError& e) {
            refusal = e.message();
        }
    });
    QSignalSpy checked(&window, &MainWindow::bookChecked);
    window.openBookInBackground(config);
    QVERIFY(checked.wait(10000));
    QVERIFY(!checkedWhenShown);
    QCOMPARE(refusal, QStringLiteral("%1 is still being checked for damage: nothing can be changed until the check "
                                     "has finished (about a second per GB). Try again in a moment.")
                          .arg(config.displayName()));
    QCOMPARE(labelWhenShown,
             QStringLiteral("%1 (checking for damage; read-only until done)").arg(config.displayName()));
    QVERIFY(!importEnabledWhenShown);

    // Checked: the label is the book's name again, Import is enabled and changes are written.
    QVERIFY(window.isBookChecked());
    QCOMPARE(bookLabel(window), config.displayName());
    QVERIFY(window.findChild<QAction*>(QStringLiteral("importAction"))->isEnabled());
    Partner g = newPartner(QStringLiteral("GAM"), QStringLiteral("Gamma"));
    window.book()->partners().insert(g);
    QVERIFY(window.book()->partners().findByKey(QStringLiteral("GAM")).has_value());
    QVERIFY(!window.book()->partners().findByKey(QStringLiteral("BET")).has_value()); // the refused one
    QVERIFY(dialogs.messages().isEmpty());
}

void TestOpenBook::damagedBookIsRefused()
{
    const DatabaseConfig config = m_dbs.sqlite();
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        // Pages of rows well past the schema's first pages, all in the main file.
        db.execDirect(QStringLiteral("CREATE TABLE filler (x TEXT)"));
        db.execDirect(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                                     "INSERT INTO filler SELECT printf('%0500d', i) FROM n"));
        db.execDirect(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    // Zero one page in the middle of the file, as a failing disk would.
    {
        QFile f(config.path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        const qint64 pages = f.size() / pageSize;
        QVERIFY(pages > 100);
        f.seek((pages / 2) * pageSize);
        f.write(QByteArray(pageSize, '\0'));
    }
    const QByteArray before = fileHash(config.path);
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{false, false});
    window.show();
    QSignalSpy opened(&window, &MainWindow::bookOpened);
    QSignalSpy checked(&window, &MainWindow::bookChecked);
    window.openBookInBackground(config);
    QVERIFY(opened.wait(10000)); // shown while the check runs …
    QTRY_VERIFY(!window.book()); // … then closed
    QCOMPARE(checked.count(), 0);
    QVERIFY(!window.partnersPane());
    QVERIFY(!window.findChild<QAction*>(QStringLiteral("importAction"))->isEnabled());
    const QString message = dialogs.messages().last();
    QVERIFY2(message.startsWith(QStringLiteral("Open database: %1 is damaged (").arg(config.path)),
             qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral("); nothing was written. Restore a copy of it.")), qPrintable(message));
    QCOMPARE(fileHash(config.path), before);
}

QTEST_MAIN(TestOpenBook)
#include "tst_openbook.moc"
