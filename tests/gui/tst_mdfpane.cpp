// GUI test of the MDF pane (issue 10, item 6 and "a GUI test that files a request, approves it, files a claim with a
// proof file and pays it"): the real main window, its MDF pane and Designer dialogs filled with keys and clicks,
// questions answered through DialogService; then Ctrl+Z undoes the payment.
#include "TwoPartnerBook.h"
#include "WindowAt.h"
#include "models/MdfClaimTableModel.h"
#include "models/MdfPartnerFiguresModel.h"
#include "models/MdfRequestTableModel.h"
#include "storage/Database.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfRequestRepository.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/MdfAllocationDialog.h"
#include "widgets/MdfBudgetDialog.h"
#include "widgets/MdfClaimDialog.h"
#include "widgets/MdfPane.h"
#include "widgets/MdfPaymentDialog.h"
#include "widgets/MdfRequestDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
using test::WindowAt;

const QDateTime kNow(QDate(2017, 10, 20), QTime(12, 0), Qt::UTC); // after the webinar: it can be claimed

/// Types `text` into the line edit named `name` of `dialog` (replacing what it held).
void type(QWidget* dialog, const char* name, const QString& text)
{
    auto* field = dialog->findChild<QLineEdit*>(QLatin1String(name));
    QVERIFY2(field, name);
    field->selectAll();
    QTest::keyClicks(field, text);
}

/// Clicks OK of `dialog`'s button box.
void clickOk(QWidget* dialog)
{
    auto* box = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

/// The figures model's text in `column` for partner `key`.
QString figure(const MdfPartnerFiguresModel* model, const QString& key, int column)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, MdfPartnerFiguresModel::Partner).data().toString() == key)
            return model->index(row, column).data().toString();
    return QStringLiteral("(no row for %1)").arg(key);
}
} // namespace

class TestMdfPane : public QObject
{
    Q_OBJECT
public:
    TestMdfPane() { initStorageResources(); }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void requestApproveClaimWithProofPayAndUndo_data() { test::TestDatabases::addBackendRows(); }
    void requestApproveClaimWithProofPayAndUndo();
    void editDraftAndUndo();

private:
    test::TestDatabases m_dbs;
};

void TestMdfPane::requestApproveClaimWithProofPayAndUndo()
{
    QFETCH(QString, backend);
    QString error;
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    {
        Database db(*config);
        db.open();
        const FixedClock clock(kNow);
        test::writeTwoPartnerBook(db, clock);
    }
    const std::unique_ptr<WindowAt> opened = test::openWindowAt(*config, kNow, QStringLiteral("mdf"), &error);
    QVERIFY2(opened, qPrintable(error));
    WindowAt& at = *opened;
    MdfPane* pane = at.window.mdfPane();
    QVERIFY(pane);
    QVERIFY(pane->isVisible());
    QVERIFY(pane->budgetId().isEmpty());

    // New budget: 100,000.00 USD for 2017Q4.
    QVERIFY(pane->newBudget());
    auto* budgetDialog = pane->findChild<MdfBudgetDialog*>();
    QVERIFY(budgetDialog);
    type(budgetDialog, "name", QStringLiteral("Q4 Fund"));
    type(budgetDialog, "period", QStringLiteral("2017Q4"));
    type(budgetDialog, "amount", QStringLiteral("100,000"));
    clickOk(budgetDialog);
    QTRY_VERIFY(!pane->budgetId().isEmpty());
    QTRY_VERIFY(!pane->isLoading());
    QCOMPARE(at.window.book()->mdfBudgets().budget(pane->budgetId()).amountMinor, 10000000);

    // Allocate 10,000.00 USD to ACN.
    QVERIFY(pane->allocate());
    auto* allocation = pane->findChild<MdfAllocationDialog*>();
    QVERIFY(allocation);
    type(allocation, "partnerKey", QStringLiteral("ACN"));
    type(allocation, "amount", QStringLiteral("10,000"));
    clickOk(allocation);
    QTRY_COMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Allocated),
                 QStringLiteral("10,000.00 USD"));

    // A webinar request: cost 1,000.00, so 500.00 requested at the default 50% vendor share; submitted at once.
    QVERIFY(pane->newRequest());
    auto* requestDialog = pane->findChild<MdfRequestDialog*>();
    QVERIFY(requestDialog);
    type(requestDialog, "partnerKey", QStringLiteral("ACN"));
    auto* activity = requestDialog->findChild<QComboBox*>(QStringLiteral("activityType"));
    activity->setCurrentIndex(activity->findText(QStringLiteral("webinar")));
    type(requestDialog, "description", QStringLiteral("Cloud migration webinar"));
    requestDialog->findChild<QDateEdit*>(QStringLiteral("startsOn"))->setDate(QDate(2017, 10, 10));
    requestDialog->findChild<QDateEdit*>(QStringLiteral("endsOn"))->setDate(QDate(2017, 10, 12));
    type(requestDialog, "totalCost", QStringLiteral("1,000"));
    QCOMPARE(requestDialog->findChild<QLineEdit*>(QStringLiteral("requested"))->text(), QStringLiteral("500.00"));
    clickOk(requestDialog);
    QTRY_COMPARE(pane->requests()->rowCount(), 1);
    QTRY_COMPARE(pane->requestsView()->currentIndex().data().toLongLong(), pane->requests()->requestAt(0).number);
    QCOMPARE(pane->requests()->index(0, MdfRequestTableModel::Status).data().toString(), QStringLiteral("Submitted"));
    const QString requestId = pane->requests()->requestAt(0).id;

    // Approve it at the requested amount (an empty answer).
    at.dialogs.setNextAnswer(QStringLiteral(""));
    QVERIFY(pane->approveRequest());
    QTRY_COMPARE(pane->requests()->index(0, MdfRequestTableModel::Approved).data().toString(),
                 QStringLiteral("500.00 USD"));
    QTRY_COMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Committed),
                 QStringLiteral("500.00 USD"));

    // File a claim: 450.00 of an actual 900.00, 12 leads, an invoice and an attendee list (a webinar needs both).
    QTemporaryDir dir;
    const QByteArray invoiceBytes("%PDF-1.4 invoice 2017-117 for the webinar");
    const QString invoice = dir.filePath(QStringLiteral("invoice.pdf"));
    const QString attendees = dir.filePath(QStringLiteral("attendees.csv"));
    for (const auto& [path, bytes] :
         {std::pair{invoice, invoiceBytes}, std::pair{attendees, QByteArray("name\nAda\n")}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    pane->selectRequest(requestId);
    QVERIFY(pane->fileClaim());
    auto* claimDialog = pane->findChild<MdfClaimDialog*>();
    QVERIFY(claimDialog);
    type(claimDialog, "actualCost", QStringLiteral("900"));
    type(claimDialog, "claimed", QStringLiteral("450"));
    claimDialog->findChild<QSpinBox*>(QStringLiteral("leads"))->setValue(12);
    at.dialogs.setNextAnswer(invoice);
    at.dialogs.setNextAnswer(QStringLiteral("invoice"));
    QVERIFY(claimDialog->addProof());
    at.dialogs.setNextAnswer(attendees);
    at.dialogs.setNextAnswer(QStringLiteral("attendee list"));
    QVERIFY(claimDialog->addProof());
    QSignalSpy filed(pane, &MdfPane::claimFiled);
    clickOk(claimDialog);
    QVERIFY(filed.wait(10000));
    QCOMPARE(filed.constFirst().constFirst().toBool(), true);
    QTRY_COMPARE(pane->claims()->rowCount(), 1);
    const MdfClaim claim = pane->claims()->claimAt(0);
    QCOMPARE(claim.proofs.size(), 2);
    QCOMPARE(claim.proofs.at(0).fileName, QStringLiteral("invoice.pdf"));
    QCOMPARE(claim.proofs.at(0).sha256,
             QString::fromLatin1(QCryptographicHash::hash(invoiceBytes, QCryptographicHash::Sha256).toHex()));
    QVERIFY(pane->claims()
                ->index(0, MdfClaimTableModel::Proofs)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(claim.proofs.at(0).sha256));

    // Approve the claim, then pay it with a reference.
    pane->selectClaim(claim.id);
    QVERIFY(pane->approveClaim());
    QTRY_COMPARE(pane->claims()->index(0, MdfClaimTableModel::Status).data().toString(), QStringLiteral("Approved"));
    pane->selectClaim(claim.id);
    QVERIFY(pane->payClaim());
    auto* payment = pane->findChild<MdfPaymentDialog*>();
    QVERIFY(payment);
    type(payment, "reference", QStringLiteral("PAY-2017-001"));
    clickOk(payment);
    QTRY_COMPARE(pane->claims()->index(0, MdfClaimTableModel::Status).data().toString(), QStringLiteral("Paid"));
    QCOMPARE(pane->claims()->index(0, MdfClaimTableModel::Reference).data().toString(), QStringLiteral("PAY-2017-001"));

    // What the pane shows: paid equals the claim; the rest of the commitment went back to available.
    QTRY_COMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Paid),
                 QStringLiteral("450.00 USD"));
    QCOMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Claimed),
             QStringLiteral("450.00 USD"));
    QCOMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Committed),
             QStringLiteral("0.00 USD"));
    QCOMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Available),
             QStringLiteral("9,550.00 USD"));
    auto* paidBar = pane->findChild<QProgressBar*>(QStringLiteral("paidBar"));
    QCOMPARE(paidBar->format(), QStringLiteral("450.00 USD (0.4%)"));
    QVERIFY(pane->figures()->budgetStatus().balanced);

    // Ctrl+Z undoes the payment: the claim is Approved again and nothing is paid.
    QAction* undo = at.window.findChild<QAction*>(QStringLiteral("undoAction"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Pay 450.00 USD on request %1").arg(claim.requestNumber));
    pane->claimsView()->setFocus();
    QApplication::setActiveWindow(&at.window);
    QTest::keyClick(pane->claimsView(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(pane->claims()->index(0, MdfClaimTableModel::Status).data().toString(), QStringLiteral("Approved"));
    QTRY_COMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Paid),
                 QStringLiteral("0.00 USD"));
    QCOMPARE(figure(pane->figures(), QStringLiteral("ACN"), MdfPartnerFiguresModel::Claimed),
             QStringLiteral("450.00 USD"));
    QCOMPARE(paidBar->format(), QStringLiteral("0.00 USD (0.0%)"));
    QVERIFY(pane->figures()->budgetStatus().balanced);
}

void TestMdfPane::editDraftAndUndo()
{
    // A draft filed from the command line (request 1: webinar, cost 1,000.00, requested 500.00) is edited in the pane:
    // a new description and a total cost of 1,200.00 (requested 600.00). Ctrl+Z puts the draft back.
    const DatabaseConfig config = m_dbs.sqlite();
    QString requestId;
    {
        Database db(config);
        db.open();
        const FixedClock clock(kNow);
        const test::TwoPartnerBook two = test::writeTwoPartnerBook(db, clock);
        MdfBudget b;
        b.name = QStringLiteral("Q4 Fund");
        b.period = QStringLiteral("2017Q4");
        b.amountMinor = 10'000'000;
        b.currency = QStringLiteral("USD");
        MdfBudgetRepository(db, clock).createBudget(b);
        MdfRequest r;
        r.budgetId = b.id;
        r.partnerId = two.acn.id;
        r.activityType = QStringLiteral("webinar");
        r.description = QStringLiteral("Webinar");
        r.startsOn = QDate(2017, 11, 10);
        r.endsOn = QDate(2017, 11, 10);
        r.totalCostMinor = 100'000;
        r.requestedMinor = 50'000;
        MdfRequestRepository(db, clock).createRequest(r, false);
        requestId = r.id;
    }
    QString error;
    const std::unique_ptr<WindowAt> opened = test::openWindowAt(config, kNow, QStringLiteral("mdf"), &error);
    QVERIFY2(opened, qPrintable(error));
    MdfPane* pane = opened->window.mdfPane();
    QTRY_COMPARE(pane->requests()->rowCount(), 1);
    pane->selectRequest(requestId);
    QVERIFY(pane->editDraft());
    auto* dialog = pane->findChild<MdfRequestDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Edit MDF request 1"));
    QVERIFY(!dialog->findChild<QLineEdit*>(QStringLiteral("partnerKey"))->isEnabled());
    type(dialog, "description", QStringLiteral("Cloud migration webinar"));
    type(dialog, "totalCost", QStringLiteral("1,200"));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("requested"))->text(), QStringLiteral("600.00"));
    clickOk(dialog);
    Book& book = *opened->window.book();
    QTRY_COMPARE(book.mdfRequests().request(requestId).description, QStringLiteral("Cloud migration webinar"));
    QCOMPARE(book.mdfRequests().request(requestId).requestedMinor, qint64(60'000));
    QCOMPARE(toString(book.mdfRequests().request(requestId).status), QStringLiteral("Draft"));
    QCOMPARE(book.undoStack().undoText(), QStringLiteral("Edit MDF request 1"));
    book.undoStack().undo();
    QCOMPARE(book.mdfRequests().request(requestId).description, QStringLiteral("Webinar"));
    QCOMPARE(book.mdfRequests().request(requestId).totalCostMinor, qint64(100'000));
}

QTEST_MAIN(TestMdfPane)
#include "tst_mdfpane.moc"
