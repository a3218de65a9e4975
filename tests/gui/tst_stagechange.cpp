// GUI test of lifecycle moves (issue 9, item 1), offscreen on both backends: Partners → Change stage… offers the moves
// the rules allow, a move shows in the roster's Stage and Days in stage columns and in the detail panel's lifecycle
// history, Edit → Undo takes it back (and Redo again), a refusal from storage stays in the dialog, and an offboarded
// partner's form is read-only.
#include "TwoPartnerBook.h"
#include "WindowAt.h"
#include "domain/Clock.h"
#include "models/PartnerTableModel.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/ChangeStageDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/PartnerDetailPanel.h"
#include "widgets/PartnerLifecycleView.h"
#include "widgets/PartnersPane.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>
#include <QUuid>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
using test::WindowAt;

const QDateTime kNow(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC);

/// The two-partner book written on 2016-01-04 (both Prospect then); Arrow then moved on to Active on 2016-03-01.
void writeBook(const DatabaseConfig& config)
{
    Database db(config);
    db.open();
    FixedClock clock(QDateTime(QDate(2016, 1, 4), QTime(9, 0), Qt::UTC));
    const test::TwoPartnerBook book = test::writeTwoPartnerBook(db, clock);
    clock.set(QDateTime(QDate(2016, 3, 1), QTime(9, 0), Qt::UTC));
    LifecycleRepository lifecycle(db, clock);
    lifecycle.move(book.arw.id, LifecycleStage::Applied, QDate(2016, 1, 10), {});
    lifecycle.move(book.arw.id, LifecycleStage::Onboarding, QDate(2016, 2, 1), {});
    lifecycle.move(book.arw.id, LifecycleStage::Active, QDate(2016, 3, 1), {});
}

QString cell(PartnersPane* pane, const QString& key, int column)
{
    const PartnerTableModel* model = pane->model();
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->rowAt(r).partner.key == key)
            return model->index(r, column).data().toString();
    return QStringLiteral("<absent>");
}

QStringList items(const QComboBox* combo)
{
    QStringList list;
    for (int i = 0; i < combo->count(); ++i)
        list.append(combo->itemText(i));
    return list;
}

/// The rows of the lifecycle history table: "date | change | user | reason".
QStringList historyRows(PartnerDetailPanel* panel)
{
    auto* table = panel->findChild<QTableWidget*>(QStringLiteral("history"));
    QStringList rows;
    for (int r = 0; table && r < table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c)
            cells.append(table->item(r, c) ? table->item(r, c)->text() : QString());
        rows.append(cells.join(QLatin1String(" | ")));
    }
    return rows;
}

void clickOk(ChangeStageDialog* dialog)
{
    auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}
} // namespace

class TestStageChange : public QObject
{
    Q_OBJECT
public:
    TestStageChange() { initStorageResources(); }

private Q_SLOTS:
    void changeStageAndUndo_data() { test::TestDatabases::addBackendRows(); }
    void changeStageAndUndo();
    void refusalStaysInTheDialogAndOffboardedIsReadOnly_data() { test::TestDatabases::addBackendRows(); }
    void refusalStaysInTheDialogAndOffboardedIsReadOnly();

private:
    std::unique_ptr<WindowAt> openRoster(QString* error);
    test::TestDatabases m_dbs;
};

std::unique_ptr<WindowAt> TestStageChange::openRoster(QString* error)
{
    QFETCH(QString, backend);
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, error);
    if (!config)
        return nullptr;
    writeBook(*config);
    return test::openWindowAt(*config, kNow, QStringLiteral("partners"), error);
}

void TestStageChange::changeStageAndUndo()
{
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(&error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    PartnersPane* roster = window.partnersPane();
    QTRY_VERIFY(!roster->isLoading());
    // Days in stage: 2016-01-04 → 2017-09-30 is 635 days; Arrow has been Active since 2016-03-01 (578 days).
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::Stage), QStringLiteral("Prospect"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::DaysInStage), QStringLiteral("635"));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::DaysInStage), QStringLiteral("578"));
    QCOMPARE(roster->model()->headerData(PartnerTableModel::DaysInStage, Qt::Horizontal).toString(),
             QStringLiteral("Days in stage"));

    const QString acnId = window.book()->partners().findByKey(QStringLiteral("ACN"))->id;
    roster->selectPartner(acnId);
    PartnerDetailPanel* panel = roster->detailPanel();
    QTRY_COMPARE(panel->partnerId(), acnId);
    QVERIFY(!panel->findChild<QComboBox*>(QStringLiteral("partnerStage"))->isEnabled()); // through the action only
    QCOMPARE(
        historyRows(panel),
        QStringList{QStringLiteral("2016-01-04 | Created in Prospect | %1 | ").arg(window.book()->database().actor())});

    auto* action = window.findChild<QAction*>(QStringLiteral("changeStageAction"));
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+L")));
    // In the Partners menu and in the roster's context menu.
    QVERIFY(window.findChild<QMenu*>(QStringLiteral("partnersMenu"))->actions().contains(action));
    QCOMPARE(roster->view()->contextMenuPolicy(), Qt::ActionsContextMenu);
    QCOMPARE(roster->view()->actions().first(), action);
    action->trigger();
    QPointer<ChangeStageDialog> dialog = window.findChild<ChangeStageDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(items(dialog->findChild<QComboBox*>(QStringLiteral("targetStage"))), QStringList{"Applied"});
    QCOMPARE(dialog->findChild<QDateEdit*>(QStringLiteral("stageDate"))->date(), QDate(2017, 9, 30)); // today
    QCOMPARE(dialog->findChild<QDateEdit*>(QStringLiteral("stageDate"))->maximumDate(), QDate(2017, 9, 30));
    dialog->setValues(QStringLiteral("Applied"), QDate(2017, 9, 1), QStringLiteral("Sent the application"));
    clickOk(dialog);
    QTRY_VERIFY(!dialog);

    // The roster follows: Applied for 29 days; the panel's history has the move.
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::Stage), QStringLiteral("Applied"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::DaysInStage), QStringLiteral("29"));
    const QString actor = window.book()->database().actor();
    QTRY_COMPARE(historyRows(panel).size(), 2);
    QCOMPARE(historyRows(panel).last(),
             QStringLiteral("2017-09-01 | Prospect → Applied | %1 | Sent the application").arg(actor));

    // Edit → Undo takes it back; Redo again.
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Move ACN to Applied"));
    undo->trigger();
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::Stage), QStringLiteral("Prospect"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::DaysInStage), QStringLiteral("635"));
    QTRY_COMPARE(historyRows(panel).size(), 1);
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::Stage), QStringLiteral("Applied"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::DaysInStage), QStringLiteral("29"));
    QCOMPARE(toString(window.book()->partners().findById(acnId)->stage), QStringLiteral("Applied"));

    // Sorting by days in stage is numeric: ACN (29) before ARW (578) ascending.
    roster->view()->sortByColumn(PartnerTableModel::DaysInStage, Qt::AscendingOrder);
    QCOMPARE(roster->model()->rowAt(0).partner.key, QStringLiteral("ACN"));
    roster->view()->sortByColumn(PartnerTableModel::DaysInStage, Qt::DescendingOrder);
    QCOMPARE(roster->model()->rowAt(0).partner.key, QStringLiteral("ARW"));
}

void TestStageChange::refusalStaysInTheDialogAndOffboardedIsReadOnly()
{
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(&error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    PartnersPane* roster = window.partnersPane();
    QTRY_VERIFY(!roster->isLoading());
    const QString arwId = window.book()->partners().findByKey(QStringLiteral("ARW"))->id;
    roster->selectPartner(arwId);
    PartnerDetailPanel* panel = roster->detailPanel();
    QTRY_COMPARE(panel->partnerId(), arwId);
    // Arrow's metrics: active since 2016-03-01, onboarding from 2016-02-01 (29 days), no registrations.
    QCOMPARE(panel->findChild<QLabel*>(QStringLiteral("activationDate"))->text(), QStringLiteral("2016-03-01"));
    QCOMPARE(panel->findChild<QLabel*>(QStringLiteral("daysToOnboard"))->text(), QStringLiteral("29 day(s)"));
    QCOMPARE(panel->findChild<QLabel*>(QStringLiteral("ttfr"))->text(), QStringLiteral("–"));

    QPointer<ChangeStageDialog> dialog = roster->changeStageOfSelected();
    QVERIFY(dialog);
    QCOMPARE(items(dialog->findChild<QComboBox*>(QStringLiteral("targetStage"))),
             (QStringList{"At risk", "Offboarded"}));
    dialog->setValues(QStringLiteral("Offboarded"), QDate(2017, 9, 30), {});
    clickOk(dialog);
    QVERIFY(dialog && dialog->isVisible()); // refused: the dialog stays with the reason
    QCOMPARE(dialog->errorText(), QStringLiteral("ARW has no offboarding checklist: start offboarding first"));
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(window.book()->undoStack().count(), 0);

    // With a finished offboarding checklist (raw SQL, real UUIDs) the move goes through and the form is read-only.
    QSqlQuery q(window.book()->database().handle());
    q.prepare(
        QStringLiteral("INSERT INTO partner_tasks (id, created_at, updated_at, partner_pk, kind, position, title, "
                       "required, started_on, due_on, done_on) VALUES (pd_uuid(?), '2017-09-01T10:00:00.000Z', "
                       "'2017-09-01T10:00:00.000Z', (SELECT pk FROM partners WHERE id = pd_uuid(?)), "
                       "'offboarding', 1, 'Portal and system access revoked', 1, '2017-09-01', '2017-09-08', "
                       "'2017-09-05')"));
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(arwId);
    QVERIFY(q.exec());
    dialog = roster->changeStageOfSelected();
    QVERIFY(dialog);
    dialog->setValues(QStringLiteral("Offboarded"), QDate(2017, 9, 30), QStringLiteral("Contract ended"));
    clickOk(dialog);
    QTRY_VERIFY(!dialog);
    QTRY_COMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Stage), QStringLiteral("Offboarded"));
    QTRY_VERIFY(panel->findChild<QLabel*>(QStringLiteral("partnerReadOnlyNote"))->isVisible());
    QVERIFY(!panel->findChild<QLineEdit*>(QStringLiteral("partnerName"))->isEnabled());
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("savePartner"))->isEnabled());
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("addContact"))->isEnabled());
    QCOMPARE(historyRows(panel).size(), 5); // its history stays
    // An offboarded partner has no moves: the dialog says so and cannot be accepted.
    dialog = roster->changeStageOfSelected();
    QVERIFY(dialog);
    QCOMPARE(dialog->errorText(), QStringLiteral("An offboarded partner is read-only: its stage cannot change."));
    QVERIFY(
        !dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->reject();
    // Undo makes it editable again.
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    QTRY_COMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Stage), QStringLiteral("Active"));
    QTRY_VERIFY(panel->findChild<QLineEdit*>(QStringLiteral("partnerName"))->isEnabled());
    QVERIFY(!panel->findChild<QLabel*>(QStringLiteral("partnerReadOnlyNote"))->isVisible());
}

QTEST_MAIN(TestStageChange)
#include "tst_stagechange.moc"
