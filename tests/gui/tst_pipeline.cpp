// GUI test of deal registration and the pipeline (issue 3, "Tests that must exist"): drives the real main window
// offscreen. Registers a deal that conflicts with an earlier one and sees the warning in the form before submitting,
// submits it, drags its card on the board (a synthetic drag-enter/move/drop on the column's viewport: a real
// QDrag::exec would block) and sees the status change, then undoes it. Dialogs are answered through DialogService.
#include "TwoPartnerBook.h"
#include "WindowAt.h"
#include "domain/Clock.h"
#include "models/ConflictListModel.h"
#include "models/DealBoardModel.h"
#include "models/PipelineTableModel.h"
#include "storage/AccountRepository.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/Transaction.h"
#include "support/FormChecks.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/ConflictsPane.h"
#include "widgets/DealBoardView.h"
#include "widgets/DealDetailPanel.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"
#include "widgets/PipelinePane.h"
#include "widgets/ProgramSettingsDialog.h"
#include "widgets/RegisterDealDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
/// Sends a drag-enter, a drag-move and a drop of `mime` to the middle of `column`, as a drag from another column
/// would. Returns whether the drop was accepted.
bool dropOn(DealColumnView* column, const QMimeData* mime)
{
    QWidget* target = column->viewport();
    const QPoint pos = target->rect().center();
    QDragEnterEvent enter(pos, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(pos), Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}
} // namespace

using test::WindowAt;

class TestPipeline : public QObject
{
    Q_OBJECT
public:
    TestPipeline() { initStorageResources(); }

private Q_SLOTS:
    void registerConflictingDealThenDragOnBoard();
    void totalsAsOfTheWindowsClockAndAChosenDate();
    void switchingBooksDuringAConflictScanDoesNotWait();
    void startUpExpiryRunsOnAWorkerWithTheWindowsClock();
    void exportTheFilteredTable();
    void registerDialogAndDetailPanelAreBuiltFromTheirForms();
    void registerDialogAndDetailPanelQueryOnTheBooksPoolNotQtsGlobalOne();
    void registeringContactIsPreselectedWhenThePartnerHasOnlyOne();

private:
    /// A book with the partner ACN, the product GTX Pro and registration #1 by ACN (submitted); returns #1's id.
    QString seedOneDeal(const DatabaseConfig& config, const Clock& clock);
    test::TestDatabases m_dbs;
};

void TestPipeline::registerConflictingDealThenDragOnBoard()
{
    // A book with Accenture (ACN) and Arrow (ARW), the product GTX Pro, the account Acme Corporation, and
    // registration #1 by ACN for Acme / GTX Pro submitted 12 days ago (protected for 90 days by default).
    const DatabaseConfig config = m_dbs.sqlite();
    const QDateTime firstAt = QDateTime::currentDateTimeUtc().addDays(-12);
    {
        Database db(config);
        db.open();
        FixedClock clock(firstAt);
        const test::TwoPartnerBook book = test::writeTwoPartnerBook(db, clock);
        DealWorkflowRepository workflow(db, clock);
        Deal first;
        first.partnerId = book.acn.id;
        first.accountId = book.account.id;
        first.productId = book.product.id;
        first.amountMinor = 1000000;
        first.notes = QStringLiteral("");
        first.externalId = QStringLiteral("");
        workflow.createDraft(first);
        workflow.apply(first.id, DealAction::Submit, {}, ProgramSettings{});
    }

    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MainWindow window(dialogs, MainWindow::Options{});
    QVERIFY(window.openBook(config));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showPane(QStringLiteral("pipeline")));
    PipelinePane* pane = window.pipelinePane();
    QVERIFY(pane && pane->isVisible());
    // Rows, counts and totals arrive from worker threads.
    QTRY_COMPARE(pane->tableModel()->rowCount(), 1);
    QTRY_VERIFY2(pane->totalsText().contains(QStringLiteral("Open: 1 · 10,000.00 USD")),
                 qPrintable(pane->totalsText()));
    QTRY_COMPARE(pane->findChild<QLabel*>(QStringLiteral("pipelineCount"))->text(),
                 QStringLiteral("1 registration(s) match the filters"));

    // Deals → Register deal… (Ctrl+Shift+R; Ctrl+Shift+N is New partner) opens the form.
    QAction* registerAction = window.findChild<QAction*>(QStringLiteral("registerDealAction"));
    QVERIFY(registerAction);
    QCOMPARE(registerAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    registerAction->trigger();
    auto* form = window.findChild<RegisterDealDialog*>(QStringLiteral("registerDealDialog"));
    QVERIFY(form);
    QVERIFY(form->isVisible());
    QTRY_VERIFY(form->hasChoices()); // partners, products and accounts are loaded on a worker thread

    // Submitting an empty form shows the messages at the fields and saves nothing.
    QVERIFY(form->findChild<QPushButton*>(QStringLiteral("submitDeal"))->isEnabled());
    QTest::mouseClick(form->findChild<QPushButton*>(QStringLiteral("submitDeal")), Qt::LeftButton);
    QVERIFY(form->isVisible());
    QCOMPARE(form->findChild<QLabel*>(QStringLiteral("partnerError"))->text(),
             QStringLiteral("Choose a partner from the list."));
    QCOMPARE(form->findChild<QLabel*>(QStringLiteral("customerError"))->text(),
             QStringLiteral("Enter the end customer."));
    QCOMPARE(form->findChild<QLabel*>(QStringLiteral("productError"))->text(), QStringLiteral("Choose a product."));

    // Arrow registers "ACME Corp." for GTX Pro: the same customer by normalized name as #1 by Accenture.
    QSignalSpy warnings(form, &RegisterDealDialog::warningsUpdated);
    auto* partner = form->findChild<QComboBox*>(QStringLiteral("dealPartner"));
    partner->setCurrentIndex(partner->findData(window.book()->partners().findByKey(QStringLiteral("ARW"))->id));
    QCOMPARE(partner->currentText(), QStringLiteral("ARW — Arrow Electronics"));
    auto* product = form->findChild<QComboBox*>(QStringLiteral("dealProduct"));
    product->setCurrentIndex(product->findText(QStringLiteral("GTX Pro")));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealCustomer")), QStringLiteral("ACME Corp."));
    QCOMPARE(form->findChild<QLabel*>(QStringLiteral("customerKind"))->text(),
             QStringLiteral("Existing account: Acme Corporation"));
    QCOMPARE(form->findChild<QLineEdit*>(QStringLiteral("dealDomain"))->text(), QStringLiteral("acme.com"));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealAmount")), QStringLiteral("2,500.00"));
    // The debounced live check runs once typing pauses, before anything is submitted.
    QVERIFY(warnings.wait(5000));
    QTRY_COMPARE(warnings.last().first().toInt(), 1);
    const QString protectedUntil = firstAt.addDays(90).date().toString(Qt::ISODate);
    QCOMPARE(form->warningTexts(),
             QStringList{QStringLiteral("Conflicts with #1 by ACN for Acme Corporation, registered 12 days earlier; "
                                        "protected until %1.")
                             .arg(protectedUntil)});
    QCOMPARE(pane->tableModel()->totalCount(), qint64(1)); // nothing written yet

    // Submit: one undoable command (draft + submit); the decision is reported.
    QSignalSpy registered(pane, &PipelinePane::dealRegistered);
    QTest::mouseClick(form->findChild<QPushButton*>(QStringLiteral("submitDeal")), Qt::LeftButton);
    QCOMPARE(registered.count(), 1);
    const QString dealId = registered.first().at(0).toString();
    QCOMPARE(registered.first().at(1).toLongLong(), qint64(2));
    QCOMPARE(registered.first().at(2).toString(), QStringLiteral("automatic approval is off"));
    QTRY_VERIFY(!window.findChild<RegisterDealDialog*>(QStringLiteral("registerDealDialog")));
    QCOMPARE(toString(window.book()->workflow().state(dealId).status), QStringLiteral("Submitted"));
    QTRY_COMPARE(pane->tableModel()->rowCount(), 2);
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Register deal #2"));

    // The board: #2's card is in Submitted.
    pane->showView(1);
    DealBoardModel* board = pane->boardModel();
    QTRY_COMPARE(board->count(DealStatus::Submitted), qint64(2));
    const QModelIndex card = board->cardIndex(dealId);
    QVERIFY(card.isValid());
    QCOMPARE(card.parent(), board->columnIndex(DealStatus::Submitted));
    QCOMPARE(card.data().toString(), QStringLiteral("#2 · ARW\nAcme Corporation\nGTX Pro\n2,500.00 USD"));
    DealBoardView* view = pane->board();
    QCOMPARE(view->findChild<QLabel*>(QStringLiteral("boardHeader_Submitted"))->text(),
             QStringLiteral("Submitted (2)"));

    // Drag #2 from Submitted to Approved: the Approve action runs.
    std::unique_ptr<QMimeData> mime(board->mimeData({card}));
    QVERIFY(!dropOn(view->column(DealStatus::Submitted), mime.get())); // same column: refused, nothing happens
    QVERIFY(dropOn(view->column(DealStatus::Approved), mime.get()));
    QCOMPARE(toString(window.book()->workflow().state(dealId).status), QStringLiteral("Approved"));
    QTRY_COMPARE(board->count(DealStatus::Approved), qint64(1));
    QCOMPARE(board->cardIndex(dealId).parent(), board->columnIndex(DealStatus::Approved));
    QCOMPARE(view->findChild<QLabel*>(QStringLiteral("boardHeader_Approved"))->text(), QStringLiteral("Approved (1)"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Approve #2"));

    // A move no single action makes is refused, with the reason.
    std::unique_ptr<QMimeData> approvedCard(board->mimeData({board->cardIndex(dealId)}));
    const int messagesBefore = int(dialogs.messages().size());
    dialogs.setNextAnswer(true); // acknowledges the warning
    QVERIFY(dropOn(view->column(DealStatus::Draft), approvedCard.get()));
    QCOMPARE(dialogs.messages().size(), messagesBefore + 1);
    QCOMPARE(dialogs.messages().last(),
             QStringLiteral("Move registration: Registration #2 cannot move from Approved to Draft in one step."));
    QCOMPARE(toString(window.book()->workflow().state(dealId).status), QStringLiteral("Approved"));

    // Undo (Ctrl+Z) puts it back in Submitted, on the board and in the book.
    QApplication::setActiveWindow(&window);
    view->column(DealStatus::Approved)->setFocus();
    QTest::keyClick(view->column(DealStatus::Approved), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(toString(window.book()->workflow().state(dealId).status), QStringLiteral("Submitted"));
    QTRY_COMPARE(board->count(DealStatus::Approved), qint64(0));
    QCOMPARE(board->cardIndex(dealId).parent(), board->columnIndex(DealStatus::Submitted));

    // Reject by dropping on Rejected asks for the reason (answered here).
    dialogs.setNextAnswer(QStringLiteral("Accenture registered Acme first"));
    QVERIFY(dropOn(view->column(DealStatus::Rejected), mime.get()));
    const DealState rejected = window.book()->workflow().state(dealId);
    QCOMPARE(toString(rejected.status), QStringLiteral("Rejected"));
    QCOMPARE(rejected.rejectReason, QStringLiteral("Accenture registered Acme first"));
    undo->trigger();
    QCOMPARE(toString(window.book()->workflow().state(dealId).status), QStringLiteral("Submitted"));

    // The conflicts pane lists the pair (scanned on a worker thread).
    QVERIFY(window.showPane(QStringLiteral("conflicts")));
    ConflictsPane* conflicts = window.conflictsPane();
    QTRY_COMPARE_WITH_TIMEOUT(conflicts->model()->rowCount(), 1, 10000);
    QTRY_VERIFY(!conflicts->model()->isLoading());
    QCOMPARE(conflicts->model()->index(0, ConflictListModel::Later).data().toString(),
             QStringLiteral("#2 (Submitted)"));
    QCOMPARE(conflicts->model()->index(0, ConflictListModel::EarlierPartner).data().toString(), QStringLiteral("ACN"));
    // Rejecting the later registration is one undoable step with its resolution record (issue 6).
    dialogs.setNextAnswer(QStringLiteral("ACN was first"));
    QVERIFY(conflicts->resolve(0, true));
    QCOMPARE(toString(window.book()->workflow().state(dealId).status), QStringLiteral("Rejected"));
    QTRY_COMPARE(conflicts->model()->index(0, ConflictListModel::Resolution).data().toString(),
                 QStringLiteral("rejected later"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Reject #2 (conflict)"));
    undo->trigger();
    QCOMPARE(toString(window.book()->workflow().state(dealId).status), QStringLiteral("Submitted"));
    QTRY_COMPARE(conflicts->model()->index(0, ConflictListModel::Resolution).data().toString(),
                 QStringLiteral("Unresolved"));

    // Undoing the registration itself discards it.
    QCOMPARE(undo->text(), QStringLiteral("&Undo Register deal #2"));
    undo->trigger();
    QTRY_COMPARE(pane->tableModel()->totalCount(), qint64(1));

    // The deal detail: ARW joins #1 as influencer with a co-sell touch 5 days ago; #1 is approved and won through
    // the Deals menu actions; the won amount is attributed per model (touches: ACN's registration 12 days ago, then
    // ARW's meeting, so first-touch credits ACN, last-touch ARW, linear splits 50/50).
    QVERIFY(window.showPane(QStringLiteral("pipeline")));
    pane->showView(0);
    const QString firstId = pane->tableModel()->row(0).deal.id;
    pane->selectDeal(firstId);
    DealDetailPanel* detail = pane->detailPanel();
    QVERIFY(detail->findChild<QLabel*>(QStringLiteral("dealSummary"))
                ->text()
                .startsWith(QStringLiteral("<b>Registration #1</b> — Submitted")));
    const QString arwId = window.book()->partners().findByKey(QStringLiteral("ARW"))->id;
    auto* partnerChoice = detail->findChild<QComboBox*>(QStringLiteral("dealPartnerChoice"));
    QTRY_VERIFY(partnerChoice->findData(arwId) >= 0); // the partner choices load off the GUI thread
    partnerChoice->setCurrentIndex(partnerChoice->findData(arwId));
    detail->findChild<QComboBox*>(QStringLiteral("dealPartnerRole"))->setCurrentText(QStringLiteral("influencer"));
    QTest::mouseClick(detail->findChild<QPushButton*>(QStringLiteral("addDealPartner")), Qt::LeftButton);
    QTRY_COMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealPartners"))->count(), 1);
    QCOMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealPartners"))->item(0)->text(),
             QStringLiteral("ARW — influencer"));
    auto* touchPartner = detail->findChild<QComboBox*>(QStringLiteral("touchPartner"));
    touchPartner->setCurrentIndex(touchPartner->findData(arwId));
    detail->findChild<QComboBox*>(QStringLiteral("touchType"))->setCurrentText(QStringLiteral("co-sell meeting"));
    // The touch date starts at the deal's registration date, not today (issue 8, item 5).
    QCOMPARE(detail->findChild<QDateEdit*>(QStringLiteral("touchDate"))->date(),
             window.book()->workflow().state(firstId).registeredAt.date());
    const QDate touchDate = QDateTime::currentDateTimeUtc().date().addDays(-5);
    detail->findChild<QDateEdit*>(QStringLiteral("touchDate"))->setDate(touchDate);
    QTest::mouseClick(detail->findChild<QPushButton*>(QStringLiteral("addTouch")), Qt::LeftButton);
    QTRY_COMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealTouches"))->count(), 2);
    QCOMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealTouches"))->item(1)->text(),
             QStringLiteral("%1  ARW — co-sell meeting").arg(touchDate.toString(Qt::ISODate)));
    // Partners and touches on a deal are undoable edits (issue 6): undo takes the touch away, redo brings it back.
    QCOMPARE(undo->text(), QStringLiteral("&Undo Add touch co-sell meeting"));
    undo->trigger();
    QTRY_COMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealTouches"))->count(), 1);
    QCOMPARE(undo->text(), QStringLiteral("&Undo Add partner as influencer"));
    undo->trigger();
    QTRY_COMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealPartners"))->count(), 0);
    QAction* redo = window.findChild<QAction*>(QStringLiteral("redoAction"));
    redo->trigger();
    redo->trigger();
    QTRY_COMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealTouches"))->count(), 2);
    QCOMPARE(detail->findChild<QListWidget*>(QStringLiteral("dealPartners"))->item(0)->text(),
             QStringLiteral("ARW — influencer"));

    QAction* approve = window.findChild<QAction*>(QStringLiteral("approveDealAction"));
    QAction* won = window.findChild<QAction*>(QStringLiteral("wonDealAction"));
    QVERIFY(approve->isEnabled());
    QVERIFY(!won->isEnabled()); // a Submitted registration is approved before it is won
    approve->trigger();
    QCOMPARE(toString(window.book()->workflow().state(firstId).status), QStringLiteral("Approved"));
    QVERIFY(won->isEnabled());
    // Mark won is one dialog (amount and date picker): an amount in the wrong format is refused by the form and
    // nothing changes; then 12,000.00 on 2017-03-20.
    dialogs.setNextAnswer(QVariantMap{{QStringLiteral("amount"), QStringLiteral("12.000,00")}});
    won->trigger();
    QCOMPARE(toString(window.book()->workflow().state(firstId).status), QStringLiteral("Approved"));
    QCOMPARE(dialogs.messages().last(), QStringLiteral("Mark won: refused"));
    dialogs.setNextAnswer(QVariantMap{{QStringLiteral("amount"), QStringLiteral("12,000.00")},
                                      {QStringLiteral("date"), QStringLiteral("2017-03-20")}});
    won->trigger();
    QCOMPARE(toString(window.book()->workflow().state(firstId).status), QStringLiteral("Won"));
    QCOMPARE(window.book()->workflow().state(firstId).amountMinor, qint64(1200000));
    QCOMPARE(window.book()->workflow().state(firstId).closedOn, QDate(2017, 3, 20));
    QTableWidget* attribution = detail->attributionTable();
    QTRY_COMPARE(attribution->rowCount(), 6);
    QCOMPARE(attribution->columnCount(), 2);
    QCOMPARE(attribution->horizontalHeaderItem(0)->text(), QStringLiteral("ACN (sourced)"));
    QCOMPARE(attribution->horizontalHeaderItem(1)->text(), QStringLiteral("ARW (influenced)"));
    QCOMPARE(attribution->verticalHeaderItem(0)->text(), QStringLiteral("first"));
    QCOMPARE(attribution->item(0, 0)->text(), QStringLiteral("12,000.00 USD"));
    QVERIFY(!attribution->item(0, 1) || attribution->item(0, 1)->text() == QStringLiteral("0.00 USD"));
    QCOMPARE(attribution->verticalHeaderItem(1)->text(), QStringLiteral("last"));
    QCOMPARE(attribution->item(1, 1)->text(), QStringLiteral("12,000.00 USD"));
    QCOMPARE(attribution->verticalHeaderItem(2)->text(), QStringLiteral("linear"));
    QCOMPARE(attribution->item(2, 0)->text(), QStringLiteral("6,000.00 USD"));
    QCOMPARE(attribution->item(2, 1)->text(), QStringLiteral("6,000.00 USD"));
    undo->trigger(); // back to Approved
    undo->trigger(); // back to Submitted
    QCOMPARE(toString(window.book()->workflow().state(firstId).status), QStringLiteral("Submitted"));

    // Program settings: a 10-day protection window makes #1 (registered 12 days ago) overdue; Deals → Expire
    // overdue registrations moves it to Expired after a question.
    auto* settingsDialog = qobject_cast<ProgramSettingsDialog*>(pane->showProgramSettings(false));
    QVERIFY(settingsDialog);
    settingsDialog->findChild<QSpinBox*>(QStringLiteral("protectionDays"))->setValue(10);
    QTest::mouseClick(settingsDialog->findChild<QPushButton*>(QStringLiteral("saveSettings")), Qt::LeftButton);
    QCOMPARE(window.book()->programSettings().load().rules.protectionDays, 10);
    QTRY_COMPARE(pane->tableModel()->index(0, PipelineTableModel::Status).data().toString(),
                 QStringLiteral("Submitted (overdue)"));
    dialogs.setNextAnswer(true);
    window.findChild<QAction*>(QStringLiteral("expireOverdueAction"))->trigger();
    QCOMPARE(toString(window.book()->workflow().state(firstId).status), QStringLiteral("Expired"));
    QCOMPARE(dialogs.messages().last(), QStringLiteral("Expire overdue registrations: 1 registration(s) expired."));
    QTRY_COMPARE(pane->tableModel()->index(0, PipelineTableModel::Status).data().toString(), QStringLiteral("Expired"));
}

namespace {
/// Writes into the empty book `config` ACN's registrations for Acme / GTX Pro: #1 registered 2017-02-01, approved,
/// won 2017-08-15 for 12,000.00; #2 registered 2017-05-01, approved, 5,000.00, still open; #3 registered 2017-10-05.
void writeAcnBook(const DatabaseConfig& config)
{
    Database db(config);
    db.open();
    Migrator(db).migrate();
    FixedClock clock(QDateTime(QDate(2017, 2, 1), QTime(9, 0), Qt::UTC));
    Partner acn;
    acn.key = QStringLiteral("ACN");
    acn.name = QStringLiteral("Accenture");
    PartnerRepository(db, clock).insert(acn);
    QList<Product> products(1);
    products[0].name = QStringLiteral("GTX Pro");
    products[0].listPriceMinor = 482100;
    QList<Account> accounts(1);
    accounts[0].name = QStringLiteral("Acme Corporation");
    {
        Transaction tx(db);
        ProductRepository(db).insertMany(products, toIsoUtc(clock.nowUtc()));
        AccountRepository(db).insertMany(accounts, toIsoUtc(clock.nowUtc()));
        tx.commit();
    }
    DealWorkflowRepository workflow(db, clock);
    const ProgramSettings settings;
    auto registerAt = [&](QDate day, qint64 amount, bool approve) {
        clock.set(QDateTime(day, QTime(9, 0), Qt::UTC));
        Deal d;
        d.partnerId = acn.id;
        d.productId = products[0].id;
        d.accountId = accounts[0].id;
        d.amountMinor = amount;
        d.notes = QStringLiteral("");
        d.externalId = QStringLiteral("");
        workflow.createDraft(d);
        workflow.apply(d.id, DealAction::Submit, {}, settings);
        if (approve)
            workflow.apply(d.id, DealAction::Approve, {}, settings);
        return d.id;
    };
    const QString won = registerAt(QDate(2017, 2, 1), 1200000, true);
    DealActionInput in;
    in.closeDate = QDate(2017, 8, 15);
    workflow.apply(won, DealAction::MarkWon, in, settings);
    registerAt(QDate(2017, 5, 1), 500000, true);
    registerAt(QDate(2017, 10, 5), 100000, false);
}
} // namespace

void TestPipeline::totalsAsOfTheWindowsClockAndAChosenDate()
{
    // ACN's registrations for Acme / GTX Pro: #1 registered 2017-02-01, approved, won 2017-08-15 for 12,000.00;
    // #2 registered 2017-05-01, approved, 5,000.00, still open; #3 registered 2017-10-05 (after the window's "now").
    const DatabaseConfig config = m_dbs.sqlite();
    writeAcnBook(config);

    // The window's clock says 2017-09-30 12:00 UTC: the totals are as of that day, without touching anything.
    WindowAt at(QDateTime(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC));
    MainWindow& window = at.window;
    DialogService& dialogs = at.dialogs;
    QVERIFY(window.openBook(config));
    window.show();
    QVERIFY(window.showPane(QStringLiteral("pipeline")));
    PipelinePane* pane = window.pipelinePane();
    QCOMPARE(pane->asOfDate(), QDate(2017, 9, 30));
    // Open as of 2017-09-30: #2 only (#1 was won in August, #3 came later); weighted 30% × 5,000.00.
    QTRY_COMPARE(pane->totalsText(),
                 QStringLiteral("As of 2017-09-30 Open: 1 · 5,000.00 USD Weighted pipeline: 1,500.00 USD Won this "
                                "quarter: 12,000.00 USD Win rate: 100.0%"));

    // The as-of control: at the end of June #1 was still open (Approved) and nothing was won in Q2.
    QSignalSpy updated(pane, &PipelinePane::totalsUpdated);
    auto* asOf = pane->findChild<QDateEdit*>(QStringLiteral("pipelineAsOf"));
    QVERIFY(asOf);
    asOf->setDate(QDate(2017, 6, 30));
    QVERIFY(updated.wait(10000));
    QTRY_COMPARE(pane->totalsText(),
                 QStringLiteral("As of 2017-06-30 Open: 2 · 17,000.00 USD Weighted pipeline: 5,100.00 USD Won this "
                                "quarter: 0.00 USD Win rate: none closed yet"));

    // Expire overdue registrations uses the same clock: #2 (registered 2017-05-01, 90 days) is overdue on
    // 2017-09-30; it is one undoable step.
    dialogs.setNextAnswer(true);
    QCOMPARE(pane->expireOverdue(), 1);
    Book* book = window.book();
    auto statusOf = [&](qint64 number) {
        DealFilter f;
        f.search = QString();
        for (const DealListRow& r : book->pipeline().list(f, 10))
            if (r.deal.registrationNumber == number)
                return toString(r.deal.status);
        return QString();
    };
    QCOMPARE(statusOf(2), QStringLiteral("Expired"));
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Expire 1 overdue registration(s)"));
    undo->trigger();
    QCOMPARE(statusOf(2), QStringLiteral("Approved"));
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    QCOMPARE(statusOf(2), QStringLiteral("Expired"));
    undo->trigger();

    // Program settings: one undoable step; undo gives the 90-day window back.
    auto* settingsDialog = qobject_cast<ProgramSettingsDialog*>(pane->showProgramSettings(false));
    QVERIFY(settingsDialog);
    settingsDialog->findChild<QSpinBox*>(QStringLiteral("protectionDays"))->setValue(200);
    QTest::mouseClick(settingsDialog->findChild<QPushButton*>(QStringLiteral("saveSettings")), Qt::LeftButton);
    QCOMPARE(book->programSettings().load().rules.protectionDays, 200);
    QCOMPARE(undo->text(), QStringLiteral("&Undo Change program settings"));
    undo->trigger();
    QCOMPARE(book->programSettings().load().rules.protectionDays, 90);

    // Register deal with a new end customer, at the window's "now": undo removes the registration and the customer;
    // redo brings back the same registration #4, registered 2017-09-30 12:00 UTC.
    auto* form = pane->showRegisterDialog();
    QTRY_VERIFY(form->hasChoices());
    QVERIFY(form->selectPartner(QStringLiteral("ACN")));
    auto* product = form->findChild<QComboBox*>(QStringLiteral("dealProduct"));
    product->setCurrentIndex(product->findText(QStringLiteral("GTX Pro")));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealCustomer")), QStringLiteral("Initech"));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealDomain")), QStringLiteral("initech.com"));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealCountry")), QStringLiteral("US"));
    QSignalSpy registered(pane, &PipelinePane::dealRegistered);
    QVERIFY(form->submit());
    QCOMPARE(registered.count(), 1);
    const QString dealId = registered.first().at(0).toString();
    QCOMPARE(registered.first().at(1).toLongLong(), qint64(4));
    QVERIFY(book->accounts().findByName(QStringLiteral("Initech")));
    QCOMPARE(book->workflow().state(dealId).registeredAt, QDateTime(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Register deal #4"));
    undo->trigger();
    QVERIFY(!book->accounts().findByName(QStringLiteral("Initech")));
    QCOMPARE(statusOf(4), QString());
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    QVERIFY(book->accounts().findByName(QStringLiteral("Initech")));
    QCOMPARE(statusOf(4), QStringLiteral("Submitted"));
    QCOMPARE(book->workflow().state(dealId).registrationNumber, qint64(4));
}

void TestPipeline::switchingBooksDuringAConflictScanDoesNotWait()
{
    // A big book: 300,000 submitted registrations, each for its own customer, so the conflict scan reads for
    // seconds (and finds nothing). Written with one SQL statement per table, to be quick to build.
    const DatabaseConfig big = m_dbs.sqlite();
    const DatabaseConfig small = m_dbs.sqlite();
    for (const DatabaseConfig& c : {big, small}) {
        Database db(c);
        db.open();
        Migrator(db).migrate();
    }
    {
        Database db(big);
        db.open();
        FixedClock clock(QDateTime(QDate(2017, 1, 1), QTime(9, 0), Qt::UTC));
        Partner p;
        p.key = QStringLiteral("ACN");
        p.name = QStringLiteral("Accenture");
        PartnerRepository(db, clock).insert(p);
        QList<Product> products(1);
        products[0].name = QStringLiteral("GTX Pro");
        Transaction tx(db);
        ProductRepository(db).insertMany(products, toIsoUtc(clock.nowUtc()));
        const char* series = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) ";
        QSqlQuery a = db.prepare(
            QStringLiteral("INSERT INTO accounts (id, created_at, updated_at, name, name_key) ") +
            QLatin1String(series) +
            QStringLiteral("SELECT pd_uuid(printf('aaaaaaaa-0000-4000-8000-%012d', i)), '2017-01-01T00:00:00.000Z', "
                           "'2017-01-01T00:00:00.000Z', printf('Customer %07d', i), "
                           "printf('customer %07d', i) FROM n"));
        Database::exec(a, QStringLiteral("Writing accounts"));
        QSqlQuery d = db.prepare(
            QStringLiteral("INSERT INTO deals (id, created_at, updated_at, registration_number, partner_pk, "
                           "account_pk, product_pk, status, registered_at) ") +
            QLatin1String(series) +
            QStringLiteral("SELECT pd_uuid(printf('dddddddd-0000-4000-8000-%012d', i)), '2017-01-01T00:00:00.000Z', "
                           "'2017-01-01T00:00:00.000Z', i, (SELECT pk FROM partners WHERE id = pd_uuid(?)), "
                           "(SELECT pk FROM accounts WHERE id = pd_uuid(printf('aaaaaaaa-0000-4000-8000-%012d', i))), "
                           "(SELECT pk FROM products WHERE id = pd_uuid(?)), 'Submitted', "
                           "'2017-01-01T00:00:00.000Z' FROM n"));
        d.addBindValue(p.id);
        d.addBindValue(products[0].id);
        Database::exec(d, QStringLiteral("Writing deals"));
        tx.commit();
    }

    WindowAt at(QDateTime(QDate(2017, 2, 1), QTime(9, 0), Qt::UTC));
    MainWindow& window = at.window;
    QVERIFY(window.openBook(big));
    window.show();
    QVERIFY(window.showPane(QStringLiteral("conflicts")));
    ConflictListModel* model = window.conflictsPane()->model();
    QTRY_VERIFY(model->isLoading()); // the scan starts once the pane is shown

    // Switching books destroys the panes and models while the scan runs: the GUI thread must not wait for it.
    QElapsedTimer timer;
    timer.start();
    QVERIFY(window.openBook(small));
    const qint64 ms = timer.elapsed();
    qInfo("switching books took %lld ms", ms);
    QVERIFY2(ms < 200, qPrintable(QStringLiteral("switching books took %1 ms").arg(ms)));
    QCOMPARE(window.book()->displayName(), small.displayName());
}

void TestPipeline::startUpExpiryRunsOnAWorkerWithTheWindowsClock()
{
    // Daily expiry on; one registration submitted 2017-01-02 (90 days: overdue from 2017-04-02).
    const DatabaseConfig config = m_dbs.sqlite();
    QString dealId;
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        FixedClock clock(QDateTime(QDate(2017, 1, 2), QTime(9, 0), Qt::UTC));
        Partner acn;
        acn.key = QStringLiteral("ACN");
        acn.name = QStringLiteral("Accenture");
        PartnerRepository(db, clock).insert(acn);
        QList<Product> products(1);
        products[0].name = QStringLiteral("GTX Pro");
        ProductRepository(db).insertMany(products, toIsoUtc(clock.nowUtc()));
        ProgramSettingsRepository settingsRepo(db, clock);
        ProgramSettings settings;
        settings.dailyExpiry = true;
        settingsRepo.save(settings);
        DealWorkflowRepository workflow(db, clock);
        Deal d;
        d.partnerId = acn.id;
        d.productId = products[0].id;
        d.notes = QStringLiteral("");
        d.externalId = QStringLiteral("");
        workflow.createDraft(d);
        workflow.apply(d.id, DealAction::Submit, {}, settings);
        dealId = d.id;
    }
    // The window's "now" is 2017-03-01: nothing is overdue yet.
    {
        WindowAt at(QDateTime(QDate(2017, 3, 1), QTime(12, 0), Qt::UTC));
        QVERIFY(at.window.openBook(config));
        QSignalSpy finished(at.window.pipelinePane(), &PipelinePane::dailyExpiryFinished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toInt(), 0);
        QCOMPARE(toString(at.window.book()->workflow().state(dealId).status), QStringLiteral("Submitted"));
    }
    // On 2017-09-30 the start-up expiry (on a worker, with its own connection) expires it, and the pane shows it.
    WindowAt at(QDateTime(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC));
    QVERIFY(at.window.openBook(config));
    PipelinePane* pane = at.window.pipelinePane();
    QSignalSpy finished(pane, &PipelinePane::dailyExpiryFinished);
    QSignalSpy message(pane, &PipelinePane::statusMessage);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toInt(), 1);
    QCOMPARE(toString(at.window.book()->workflow().state(dealId).status), QStringLiteral("Expired"));
    QCOMPARE(message.last().first().toString(), QStringLiteral("Daily expiry: 1 overdue registration(s) expired."));
    QTRY_COMPARE(pane->tableModel()->index(0, PipelineTableModel::Status).data().toString(), QStringLiteral("Expired"));
}

void TestPipeline::exportTheFilteredTable()
{
    // The book of totalsAsOfTheWindowsClockAndAChosenDate: #1 won 12,000.00, #2 approved, #3 submitted.
    const DatabaseConfig config = m_dbs.sqlite();
    writeAcnBook(config);

    WindowAt at(QDateTime(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC));
    QVERIFY(at.window.openBook(config));
    at.window.show();
    QVERIFY(at.window.showPane(QStringLiteral("pipeline")));
    PipelinePane* pane = at.window.pipelinePane();
    auto* status = pane->findChild<QComboBox*>(QStringLiteral("pipelineStatus"));
    QVERIFY(status);
    status->setCurrentIndex(status->findData(QStringLiteral("Won")));
    QTRY_COMPARE(pane->tableModel()->filter().status, QStringLiteral("Won"));

    // No file chosen: nothing happens.
    QAction* exportAction = pane->findChild<QAction*>(QStringLiteral("exportDealsAction"));
    QVERIFY(exportAction);
    QVERIFY(pane->paneActions().contains(exportAction));
    QVERIFY(!pane->exportTable());

    // The table as filtered (Won only), to CSV.
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("won.csv"));
    QSignalSpy finished(pane, &PipelinePane::exportFinished);
    at.dialogs.setNextAnswer(csv);
    exportAction->trigger();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toString(), csv);
    QCOMPARE(finished.first().at(1).toLongLong(), 1);
    QCOMPARE(finished.first().at(2).toString(), QString());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("registration_number,external_id,status,partner_key,partner_name,contact,"
                                        "customer,product,registered_at,expected_close,closed_on,amount,currency\r\n"
                                        "1,,Won,ACN,Accenture,,Acme Corporation,GTX Pro,2017-02-01T09:00:00.000Z,,"
                                        "2017-08-15,12000.00,USD\r\n"));

    // A folder that does not exist: the error names the file, and no file appears.
    const QString missing = dir.filePath(QStringLiteral("no-such-folder/won.xlsx"));
    at.dialogs.setNextAnswer(missing);
    QVERIFY(pane->exportTable());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.last().at(1).toLongLong(), 0);
    QVERIFY2(finished.last().at(2).toString().contains(missing), qPrintable(finished.last().at(2).toString()));
    QVERIFY(!QFile::exists(missing));
}

QString TestPipeline::seedOneDeal(const DatabaseConfig& config, const Clock& clock)
{
    Database db(config);
    db.open();
    Migrator(db).migrate();
    Partner acn;
    acn.key = QStringLiteral("ACN");
    acn.name = QStringLiteral("Accenture");
    PartnerRepository(db, clock).insert(acn);
    QList<Product> products(1);
    products[0].name = QStringLiteral("GTX Pro");
    {
        Transaction tx(db);
        ProductRepository(db).insertMany(products, toIsoUtc(clock.nowUtc()));
        tx.commit();
    }
    DealWorkflowRepository workflow(db, clock);
    Deal deal;
    deal.partnerId = acn.id;
    deal.productId = products[0].id;
    workflow.createDraft(deal);
    workflow.apply(deal.id, DealAction::Submit, {}, ProgramSettings{});
    return deal.id;
}

void TestPipeline::registeringContactIsPreselectedWhenThePartnerHasOnlyOne()
{
    // Issue 8, item 5: ACN has one contact, who registers its deals; ARW has two, and none is chosen for the user.
    const DatabaseConfig config = m_dbs.sqlite();
    const FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
    {
        Database db(config);
        db.open();
        const test::TwoPartnerBook two = test::writeTwoPartnerBook(db, clock);
        ContactRepository contacts(db, clock);
        for (const auto& [partnerId, name] :
             {std::pair{two.acn.id, QStringLiteral("Anna Snelling")},
              std::pair{two.arw.id, QStringLiteral("Boris Ray")}, std::pair{two.arw.id, QStringLiteral("Cleo Mart")}}) {
            Contact c;
            c.partnerId = partnerId;
            c.name = name;
            contacts.insert(c);
        }
    }
    QString error;
    std::unique_ptr<Book> book = Book::open(config, clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    RegisterDealDialog form(*book, dialogs);
    QTRY_VERIFY(form.hasChoices());
    auto* contact = form.findChild<QComboBox*>(QStringLiteral("dealContact"));
    QVERIFY(contact);
    QVERIFY(form.selectPartner(QStringLiteral("ACN")));
    QCOMPARE(contact->count(), 2); // (none) and Anna
    QCOMPARE(contact->currentText(), QStringLiteral("Anna Snelling"));
    QVERIFY(form.selectPartner(QStringLiteral("ARW")));
    QCOMPARE(contact->count(), 3);
    QCOMPARE(contact->currentText(), QStringLiteral("(none)"));
    QVERIFY(form.selectPartner(QStringLiteral("ACN")));
    QCOMPARE(contact->currentText(), QStringLiteral("Anna Snelling"));
}

void TestPipeline::registerDialogAndDetailPanelAreBuiltFromTheirForms()
{
    // Issue 8, item 1: ui/RegisterDealDialog.ui and ui/DealDetailPanel.ui give the widgets, their labels (with
    // accelerators that focus their fields) and the group boxes; the accelerators are unique within each.
    const DatabaseConfig config = m_dbs.sqlite();
    const FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
    const QString dealId = seedOneDeal(config, clock);
    QString error;
    std::unique_ptr<Book> book = Book::open(config, clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);

    RegisterDealDialog form(*book, dialogs);
    QCOMPARE(form.objectName(), QStringLiteral("registerDealDialog"));
    QCOMPARE(form.windowTitle(), QStringLiteral("Register deal"));
    const QList<std::pair<const char*, const char*>> buddies = {
        {"partnerLabel", "dealPartner"},   {"contactLabel", "dealContact"},
        {"customerLabel", "dealCustomer"}, {"domainLabel", "dealDomain"},
        {"countryLabel", "dealCountry"},   {"productLabel", "dealProduct"},
        {"amountLabel", "dealAmount"},     {"expectedCloseLabel", "dealExpectedClose"},
        {"notesLabel", "dealNotes"},       {"warningsLabel", "dealWarnings"},
    };
    for (const auto& [label, field] : buddies) {
        auto* l = form.findChild<QLabel*>(QLatin1String(label));
        QVERIFY2(l, label);
        QVERIFY2(l->buddy() && l->buddy() == form.findChild<QWidget*>(QLatin1String(field)), label);
    }
    QCOMPARE(form.findChild<QLabel*>(QStringLiteral("partnerLabel"))->text(), QStringLiteral("&Partner"));
    QCOMPARE(form.findChild<QPushButton*>(QStringLiteral("submitDeal"))->text(),
             QStringLiteral("&Submit registration"));
    QCOMPARE(test::labelsWithoutBuddy(&form), QStringList());
    QCOMPARE(test::duplicateAccelerators(&form), QStringList());
    QTRY_VERIFY(form.hasChoices());

    DealDetailPanel panel(*book, dialogs);
    QCOMPARE(panel.objectName(), QStringLiteral("dealDetailPanel"));
    for (const char* box : {"partnersBox", "touchesBox", "attributionBox"})
        QVERIFY2(panel.findChild<QGroupBox*>(QLatin1String(box)), box);
    // Each group box's accelerator focuses its first field; none is taken by the window's menus or the pipeline
    // pane's "Totals as of" (Alt+F, E, P, D, V, H and A).
    QCOMPARE(panel.findChild<QGroupBox*>(QStringLiteral("touchesBox"))->title(), QStringLiteral("Partner &touches"));
    QCOMPARE(test::duplicateAccelerators(&panel,
                                         {QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&Partners"),
                                          QStringLiteral("&Deals"), QStringLiteral("&View"), QStringLiteral("&Help"),
                                          QStringLiteral("Totals &as of:")}),
             QStringList());
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("dealSummary"))->text(),
             QStringLiteral("Select a registration to see its details."));
    QCOMPARE(test::labelsWithoutBuddy(&panel), QStringList());
    panel.setDeal(dealId);
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("dealSummary"))
                ->text()
                .startsWith(QStringLiteral("<b>Registration #1</b> — Submitted")));
    QTRY_COMPARE(panel.partnerChoice()->count(), 1);
}

void TestPipeline::registerDialogAndDetailPanelQueryOnTheBooksPoolNotQtsGlobalOne()
{
    // Issue 8, item 5: the form's and the panel's background reads run on Book::workers(). With every thread of Qt's
    // global pool busy, the choices still arrive. (Neither widget is shown: painting may use the global pool too.)
    const DatabaseConfig config = m_dbs.sqlite();
    const FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
    const QString dealId = seedOneDeal(config, clock);
    QString error;
    std::unique_ptr<Book> book = Book::open(config, clock, &error);
    QVERIFY2(book, qPrintable(error));
    QThreadPool workers;
    book->setWorkers(&workers);
    DialogService dialogs;
    dialogs.setNonInteractive(true);

    QThreadPool* global = QThreadPool::globalInstance();
    QSemaphore gate;
    const int busy = global->maxThreadCount();
    for (int i = 0; i < busy; ++i)
        global->start([&gate] { gate.acquire(); });
    struct Release
    {
        QSemaphore& gate;
        int count;
        ~Release()
        {
            gate.release(count);
            QThreadPool::globalInstance()->waitForDone();
        }
    } release{gate, busy};

    RegisterDealDialog form(*book, dialogs);
    QTRY_VERIFY(form.hasChoices());
    DealDetailPanel panel(*book, dialogs);
    panel.setDeal(dealId);
    QTRY_COMPARE(panel.partnerChoice()->count(), 1);
    QCOMPARE(form.findChild<QComboBox*>(QStringLiteral("dealPartner"))->itemText(0), QStringLiteral("ACN — Accenture"));
}

QTEST_MAIN(TestPipeline)
#include "tst_pipeline.moc"
