// A registration names the MDF activity that produced it (issue 10, item 7): the deal's detail panel links it to one
// of its sourcing partner's approved MDF requests, as one undo step, and the MDF return counts its won revenue
// against the MDF spent on the activity.
#include "TwoPartnerBook.h"

#include "domain/Clock.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfRequestRepository.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/DealDetailPanel.h"
#include "widgets/DialogService.h"
#include "widgets/MdfAllocationDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

using namespace pd;

namespace {
/// Registration #1 of ACN for Acme / GTX Pro, approved and won today for 12,000.00 USD; returns its id.
QString writeWonDeal(Database& db, const Clock& clock, const test::TwoPartnerBook& two)
{
    DealWorkflowRepository workflow(db, clock);
    Deal deal;
    deal.partnerId = two.acn.id;
    deal.accountId = two.account.id;
    deal.productId = two.product.id;
    deal.amountMinor = 1'200'000;
    deal.notes = QStringLiteral("");
    deal.externalId = QStringLiteral("");
    workflow.createDraft(deal);
    workflow.apply(deal.id, DealAction::Submit, {}, ProgramSettings{});
    workflow.apply(deal.id, DealAction::Approve, {}, ProgramSettings{});
    workflow.apply(deal.id, DealAction::MarkWon, {}, ProgramSettings{});
    return deal.id;
}
} // namespace

class TestMdfDealLink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void linkWonDealToPaidActivity();
    void accrualPreviewOfWonRevenue();

private:
    test::TestDatabases m_dbs;
};

void TestMdfDealLink::linkWonDealToPaidActivity()
{
    // ACN's webinar (cost 3,000.00, approved and claimed 1,500.00, 30 leads) produced registration #1, won for
    // 12,000.00: the return is 1,500.00 spent, 50.00 per lead, 12,000.00 won = 8.0 per MDF dollar.
    const DatabaseConfig config = m_dbs.sqlite();
    const FixedClock clock(QDateTime(QDate(2017, 10, 20), QTime(9, 0), Qt::UTC));
    QString dealId;
    QString requestId;
    {
        Database db(config);
        db.open();
        const test::TwoPartnerBook two = test::writeTwoPartnerBook(db, clock);
        dealId = writeWonDeal(db, clock, two);
        MdfBudgetRepository budgets(db, clock);
        MdfRequestRepository requests(db, clock);
        MdfBudget b;
        b.name = QStringLiteral("Q4 Fund");
        b.period = QStringLiteral("2017Q4");
        b.amountMinor = 1'000'000;
        b.currency = QStringLiteral("USD");
        budgets.createBudget(b);
        budgets.allocateFixed(b.id, two.acn.id, 500'000);
        MdfRequest r;
        r.budgetId = b.id;
        r.partnerId = two.acn.id;
        r.activityType = QStringLiteral("webinar");
        r.description = QStringLiteral("Security webinar");
        r.startsOn = QDate(2017, 10, 10);
        r.endsOn = QDate(2017, 10, 12);
        r.totalCostMinor = 300'000;
        r.requestedMinor = 150'000;
        requests.createRequest(r, true);
        requests.approve(r.id, 150'000);
        MdfClaim c;
        c.requestId = r.id;
        c.actualCostMinor = 300'000;
        c.claimedMinor = 150'000;
        c.leads = 30;
        requests.fileClaim(c, {{QStringLiteral("invoice"), QStringLiteral("i.pdf"), "invoice", {}},
                               {QStringLiteral("attendee list"), QStringLiteral("a.csv"), "Anna", {}}});
        requests.approveClaim(c.id);
        requests.payClaim(c.id, QDate(2017, 10, 20), QStringLiteral("PAY-1"));
        requestId = r.id;
    }
    QString error;
    std::unique_ptr<Book> book = Book::open(config, clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    DealDetailPanel panel(*book, dialogs);
    panel.setDeal(dealId);
    auto* summary = panel.findChild<QLabel*>(QStringLiteral("dealSummary"));
    QVERIFY(!summary->text().contains(QStringLiteral("MDF activity")));

    dialogs.setNextAnswer(QStringLiteral("Request 1: webinar, Security webinar (Q4 Fund)"));
    panel.findChild<QPushButton*>(QStringLiteral("linkMdfActivity"))->click();
    QCOMPARE(book->mdfRequests().linkedRequest(dealId)->id, requestId);
    QTRY_VERIFY(summary->text().contains(QStringLiteral("MDF activity: request 1, webinar (Security webinar)")));
    const QList<MdfReturnRow> byPartner = book->mdfRequests().mdfReturn(QString(), false);
    QCOMPARE(byPartner.size(), 1);
    QCOMPARE(byPartner.first().group, QStringLiteral("ACN"));
    QCOMPARE(byPartner.first().spentMinor, qint64(150'000));
    QCOMPARE(byPartner.first().leads, 30);
    QCOMPARE(byPartner.first().wonMinor, qint64(1'200'000));
    QCOMPARE(byPartner.first().pipelineMinor, qint64(0));
    QCOMPARE(byPartner.first().deals, 1);
    QCOMPARE(byPartner.first().costPerLeadMinor(), std::optional<qint64>(5'000));
    QCOMPARE(byPartner.first().revenuePerMdfDollar(), std::optional<double>(8.0));
    const QList<MdfReturnRow> byType = book->mdfRequests().mdfReturn(QString(), true);
    QCOMPARE(byType.size(), 1);
    QCOMPARE(byType.first().group, QStringLiteral("webinar"));

    // Undo unlinks (the return loses the deal), redo links again.
    book->undoStack().undo();
    QVERIFY(!book->mdfRequests().linkedRequest(dealId));
    QCOMPARE(book->mdfRequests().mdfReturn(QString(), false).first().wonMinor, qint64(0));
    book->undoStack().redo();
    QCOMPARE(book->mdfRequests().linkedRequest(dealId)->id, requestId);
    // Choosing "No MDF activity" unlinks.
    dialogs.setNextAnswer(QStringLiteral("No MDF activity"));
    QVERIFY(panel.linkMdfActivity());
    QVERIFY(!book->mdfRequests().linkedRequest(dealId));
}

void TestMdfDealLink::accrualPreviewOfWonRevenue()
{
    // ACN won 12,000.00 in 2017Q4; ARW won nothing. 2.5% accrual: ACN gets 300.00 and ARW is not listed. The preview
    // is computed on the book's workers and fills the table when it is done.
    const DatabaseConfig config = m_dbs.sqlite();
    const FixedClock clock(QDateTime(QDate(2017, 10, 20), QTime(9, 0), Qt::UTC));
    MdfBudget budget;
    {
        Database db(config);
        db.open();
        const test::TwoPartnerBook two = test::writeTwoPartnerBook(db, clock);
        writeWonDeal(db, clock, two);
        budget.name = QStringLiteral("Q4 Fund");
        budget.period = QStringLiteral("2017Q4");
        budget.amountMinor = 1'000'000;
        budget.currency = QStringLiteral("USD");
        MdfBudgetRepository(db, clock).createBudget(budget);
    }
    QString error;
    std::unique_ptr<Book> book = Book::open(config, clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    MdfAllocationDialog dialog(dialogs, book->partners(), book->config(), book->workers(), budget);
    dialog.findChild<QRadioButton*>(QStringLiteral("accrualMode"))->setChecked(true);
    dialog.findChild<QCheckBox*>(QStringLiteral("allPartners"))->setChecked(true);
    dialog.findChild<QLineEdit*>(QStringLiteral("percent"))->setText(QStringLiteral("2.5"));
    dialog.findChild<QLineEdit*>(QStringLiteral("accrualPeriod"))->setText(QStringLiteral("2017Q4"));
    QVERIFY(dialog.preview());
    QTRY_VERIFY(dialog.previewReady());
    auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("preview"));
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("ACN"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("12,000.00 USD"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("300.00 USD"));
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("previewTotal"))->text(),
             QStringLiteral("1 partner(s), 300.00 USD in all"));
}

QTEST_MAIN(TestMdfDealLink)
#include "tst_mdfdeallink.moc"
