// The conflicts pane's filters (issue 8, item 4) on the reference scenario: 14,191 conflicting pairs, of which 942
// have a later registration still open, 941 are for the customer Hottechi and 1,567 involve Accenture (ACN) on
// either side (tests/deals/reference_figures.py computes these from the raw CSV files).
#include "domain/Clock.h"
#include "io/ImportEngine.h"
#include "io/MappingProfile.h"
#include "models/ConflictFilterProxy.h"
#include "models/ConflictListModel.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "support/ReferenceScenario.h"
#include "widgets/Book.h"
#include "widgets/ConflictsPane.h"
#include "widgets/DialogService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

class TestConflictsFilters : public QObject
{
    Q_OBJECT
public:
    TestConflictsFilters() { initStorageResources(); }

private Q_SLOTS:
    void filtersNarrowTheList();

private:
    test::TestDatabases m_dbs;
};

void TestConflictsFilters::filtersNarrowTheList()
{
    const DatabaseConfig config = m_dbs.sqlite();
    const FixedClock clock(QDateTime(QDate(2017, 12, 31), QTime(12, 0), Qt::UTC));
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        QCOMPARE(test::importReferenceScenario(db, clock), QString());
    }
    QString error;
    std::unique_ptr<Book> book = Book::open(config, clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    ConflictsPane pane(*book, dialogs);
    QSignalSpy loaded(&pane, &ConflictsPane::loaded);
    pane.resize(1280, 700);
    pane.show();
    QVERIFY(loaded.wait(60000));
    QTableView* view = pane.findChild<QTableView*>(QStringLiteral("conflictTable"));
    QCOMPARE(pane.model()->rowCount(), 14191);
    QCOMPARE(view->model()->rowCount(), 14191);

    auto* openOnly = pane.findChild<QCheckBox*>(QStringLiteral("conflictOpenOnly"));
    auto* unresolvedOnly = pane.findChild<QCheckBox*>(QStringLiteral("conflictUnresolvedOnly"));
    auto* partner = pane.findChild<QComboBox*>(QStringLiteral("conflictPartner"));
    auto* customer = pane.findChild<QLineEdit*>(QStringLiteral("conflictCustomer"));
    auto* summary = pane.findChild<QLabel*>(QStringLiteral("conflictSummary"));
    QTest::mouseClick(openOnly, Qt::LeftButton, {}, QPoint(4, openOnly->height() / 2));
    QCOMPARE(view->model()->rowCount(), 942);
    QVERIFY2(summary->text().contains(QStringLiteral("942 pair(s) shown")), qPrintable(summary->text()));
    QTest::mouseClick(openOnly, Qt::LeftButton, {}, QPoint(4, openOnly->height() / 2));
    QCOMPARE(view->model()->rowCount(), 14191);

    customer->setFocus();
    QTest::keyClicks(customer, QStringLiteral("hotTECHI"));
    QCOMPARE(view->model()->rowCount(), 941);
    customer->clear();

    partner->setCurrentIndex(partner->findData(QStringLiteral("ACN")));
    QCOMPARE(view->model()->rowCount(), 1567);

    // Nothing is resolved yet: "unresolved only" keeps every row; resolving one drops it from the filtered list.
    unresolvedOnly->setChecked(true);
    QCOMPARE(view->model()->rowCount(), 1567);
    const int sourceRow = pane.proxy()->mapToSource(view->model()->index(0, 0)).row();
    dialogs.setNextAnswer(QStringLiteral("Both partners work the account together"));
    QVERIFY(pane.resolve(sourceRow, /*rejectLater=*/false));
    QVERIFY(loaded.wait(60000)); // the list rescans after the resolution
    QCOMPARE(view->model()->rowCount(), 1566);
    unresolvedOnly->setChecked(false);
    QCOMPARE(view->model()->rowCount(), 1567);

    // Sorting by a column through the header.
    view->sortByColumn(ConflictListModel::Customer, Qt::AscendingOrder);
    const QString first = view->model()->index(0, ConflictListModel::Customer).data().toString();
    const QString last =
        view->model()->index(view->model()->rowCount() - 1, ConflictListModel::Customer).data().toString();
    QVERIFY2(first.localeAwareCompare(last) <= 0, qPrintable(first + QLatin1String(" > ") + last));
}

QTEST_MAIN(TestConflictsFilters)
#include "tst_conflictsfilters.moc"
