// GUI test of the onboarding pane (issue 9, item 4 and "a GUI test that ticks a checklist to completion and activates
// the partner"): the real main window, clicks and keys, dialogs answered through DialogService.
#include "TwoPartnerBook.h"
#include "WindowAt.h"
#include "models/ChecklistTableModel.h"
#include "models/OnboardingListModel.h"
#include "storage/AttachmentRepository.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/OnboardingPane.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
using test::WindowAt;

const QDateTime kNow(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC);
} // namespace

class TestOnboarding : public QObject
{
    Q_OBJECT
public:
    TestOnboarding() { initStorageResources(); }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void tickChecklistToCompletionAndActivate_data() { test::TestDatabases::addBackendRows(); }
    void tickChecklistToCompletionAndActivate();
    void offboardThroughTheChecklist_data() { test::TestDatabases::addBackendRows(); }
    void offboardThroughTheChecklist();

private:
    test::TestDatabases m_dbs;
};

void TestOnboarding::tickChecklistToCompletionAndActivate()
{
    QFETCH(QString, backend);
    QString error;
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    QString acnId;
    {
        Database db(*config);
        db.open();
        FixedClock clock(QDateTime(QDate(2017, 9, 1), QTime(9, 0), Qt::UTC));
        const test::TwoPartnerBook book = test::writeTwoPartnerBook(db, clock);
        acnId = book.acn.id;
        LifecycleRepository(db, clock).move(acnId, LifecycleStage::Applied, {}, QStringLiteral("Application in"));
    }
    const std::unique_ptr<WindowAt> opened = test::openWindowAt(*config, kNow, QStringLiteral("onboarding"), &error);
    QVERIFY2(opened, qPrintable(error));
    WindowAt& at = *opened;
    OnboardingPane* pane = at.window.onboardingPane();
    QVERIFY(pane);
    QTRY_VERIFY(!pane->model()->isLoading() && !pane->model()->isStale());
    QCOMPARE(pane->model()->rowCount(), 0);

    // Start onboarding: the pane asks which partner in Applied (only ACN is).
    at.dialogs.setNextAnswer(QStringLiteral("ACN — Accenture"));
    QTest::mouseClick(pane->findChild<QPushButton*>(QStringLiteral("startOnboarding")), Qt::LeftButton);
    QCOMPARE(toString(at.window.book()->partners().findById(acnId)->stage), QStringLiteral("Onboarding"));
    QTRY_COMPARE(pane->model()->rowCount(), 1);
    QTRY_COMPARE(pane->view()->currentIndex().data(OnboardingListModel::PartnerIdRole).toString(), acnId);
    ChecklistTableModel* checklist = pane->checklist();
    QCOMPARE(checklist->rowCount(), 8); // the VAR template
    QCOMPARE(checklist->requiredCount(), 7);
    QCOMPARE(pane->model()->index(0, OnboardingListModel::Progress).data().toString(), QStringLiteral("0/7"));
    auto* activate = pane->findChild<QPushButton*>(QStringLiteral("activatePartner"));
    QVERIFY(!activate->isEnabled());

    // A file attached to the first task, copied into the book: read and hashed on a worker, then one undoable command.
    QTemporaryDir dir;
    const QString agreement = dir.filePath(QStringLiteral("agreement.pdf"));
    {
        QFile f(agreement);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("%PDF-1.4 signed agreement");
    }
    at.dialogs.setNextAnswer(agreement);
    at.dialogs.setNextAnswer(QStringLiteral("Copy the file into the book (with its SHA-256 checksum)"));
    QSignalSpy attached(pane, &OnboardingPane::attachFinished);
    QVERIFY(pane->attachFile(0));
    QVERIFY(attached.wait(10000));
    QCOMPARE(attached.constFirst().constFirst().toBool(), true);
    const QList<Attachment> files = at.window.book()->attachments().ofTask(checklist->taskAt(0).id);
    QCOMPARE(files.size(), 1);
    QVERIFY(files.constFirst().storedInBook);
    QCOMPARE(
        files.constFirst().sha256,
        QString::fromLatin1(QCryptographicHash::hash("%PDF-1.4 signed agreement", QCryptographicHash::Sha256).toHex()));
    QCOMPARE(checklist->index(0, ChecklistTableModel::Attachments).data().toInt(), 1);
    QCOMPARE(at.window.findChild<QAction*>(QStringLiteral("undoAction"))->text(),
             QStringLiteral("&Undo Attach agreement.pdf"));

    // The first task ticked with the keyboard on its tick box, the others with "Mark done".
    QTableView* tasks = pane->checklistView();
    tasks->setFocus();
    tasks->setCurrentIndex(checklist->index(0, ChecklistTableModel::Done));
    QTest::keyClick(tasks, Qt::Key_Space);
    QCOMPARE(checklist->index(0, ChecklistTableModel::Done).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(checklist->index(0, ChecklistTableModel::Completed).data().toString(), QStringLiteral("9/30/17"));
    auto* markDone = pane->findChild<QPushButton*>(QStringLiteral("markDone"));
    for (int row = 1; row < 7; ++row) {
        QVERIFY(checklist->taskAt(row).required);
        if (row == 6)
            at.dialogs.setNextAnswer(true); // "Activate ACN now?" after the last required task
        tasks->setCurrentIndex(checklist->index(row, ChecklistTableModel::Task));
        QTest::mouseClick(markDone, Qt::LeftButton);
        QCOMPARE(checklist->index(row, ChecklistTableModel::Done).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }
    QVERIFY(at.dialogs.messages().contains(
        QStringLiteral("Onboarding complete: Every required onboarding task of ACN is done. Activate ACN now (move it "
                       "to Active, dated today)?")));
    const Partner active = *at.window.book()->partners().findById(acnId);
    QCOMPARE(toString(active.stage), QStringLiteral("Active"));
    QCOMPARE(active.activationDate, QDate(2017, 9, 30));
    QTRY_COMPARE(pane->model()->rowCount(), 0); // no longer in onboarding
    QCOMPARE(at.window.book()->lifecycle().history(acnId).constLast().reason,
             QStringLiteral("Onboarding checklist complete"));

    // Edit → Undo takes the activation back: ACN is in onboarding again, every task still ticked.
    QAction* undo = at.window.findChild<QAction*>(QStringLiteral("undoAction"));
    QVERIFY(undo && undo->isEnabled());
    QCOMPARE(undo->text(), QStringLiteral("&Undo Move ACN to Active"));
    undo->trigger();
    QCOMPARE(toString(at.window.book()->partners().findById(acnId)->stage), QStringLiteral("Onboarding"));
    QVERIFY(!at.window.book()->partners().findById(acnId)->activationDate.isValid());
    QTRY_COMPARE(pane->model()->rowCount(), 1);
    QTRY_COMPARE(pane->model()->index(0, OnboardingListModel::Progress).data().toString(), QStringLiteral("7/7"));
    // Activate partner… is offered now that every required task is done.
    QTRY_VERIFY(activate->isEnabled());
}

void TestOnboarding::offboardThroughTheChecklist()
{
    // Issue 9, item 6: an offboarding checklist (revoke access, final MDF claims, close open registrations, exit
    // feedback), after which the partner is Offboarded and read-only; its history stays.
    QFETCH(QString, backend);
    QString error;
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    QString arwId;
    {
        Database db(*config);
        db.open();
        FixedClock clock(QDateTime(QDate(2017, 9, 1), QTime(9, 0), Qt::UTC));
        const test::TwoPartnerBook book = test::writeTwoPartnerBook(db, clock);
        arwId = book.arw.id;
        LifecycleRepository lifecycle(db, clock);
        for (LifecycleStage to : {LifecycleStage::Applied, LifecycleStage::Onboarding, LifecycleStage::Active})
            lifecycle.move(arwId, to, {}, {});
    }
    const std::unique_ptr<WindowAt> opened = test::openWindowAt(*config, kNow, QStringLiteral("onboarding"), &error);
    QVERIFY2(opened, qPrintable(error));
    WindowAt& at = *opened;
    OnboardingPane* pane = at.window.onboardingPane();
    auto* show = pane->findChild<QComboBox*>(QStringLiteral("checklistKind"));
    show->setCurrentIndex(1); // "Partners in offboarding"
    QVERIFY(pane->kind() == ChecklistKind::Offboarding);
    auto* start = pane->findChild<QPushButton*>(QStringLiteral("startOnboarding"));
    QCOMPARE(start->text(), QStringLiteral("Start offboardin&g…"));
    QTRY_VERIFY(!pane->model()->isLoading() && !pane->model()->isStale());
    QCOMPARE(pane->model()->rowCount(), 0);

    // Offboarding is refused before its checklist exists.
    auto* finish = pane->findChild<QPushButton*>(QStringLiteral("activatePartner"));
    QCOMPARE(finish->text(), QStringLiteral("Offboard pa&rtner…"));
    at.dialogs.setNextAnswer(QStringLiteral("ARW"));
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(pane->model()->rowCount(), 1);
    QCOMPARE(toString(at.window.book()->partners().findById(arwId)->stage), QStringLiteral("Active")); // not yet
    ChecklistTableModel* checklist = pane->checklist();
    QTRY_COMPARE(checklist->rowCount(), 4);
    QVERIFY(checklist->kind() == ChecklistKind::Offboarding);
    QCOMPARE(checklist->requiredCount(), 3); // exit feedback is optional
    QCOMPARE(checklist->index(0, ChecklistTableModel::Task).data().toString(),
             QStringLiteral("Portal and system access revoked"));

    // Every required task done with "Mark done"; the last one asks whether to offboard now: yes.
    QTableView* tasks = pane->checklistView();
    auto* markDone = pane->findChild<QPushButton*>(QStringLiteral("markDone"));
    for (int row = 0; row < 3; ++row) {
        if (row == 2)
            at.dialogs.setNextAnswer(true);
        tasks->setCurrentIndex(checklist->index(row, ChecklistTableModel::Task));
        QTest::mouseClick(markDone, Qt::LeftButton);
    }
    QVERIFY(at.dialogs.messages().contains(QStringLiteral(
        "Offboarding complete: Every required offboarding task of ARW is done. Offboard ARW now (move it "
        "to Offboarded, dated today)? It becomes read-only; its history stays.")));
    const Partner offboarded = *at.window.book()->partners().findById(arwId);
    QCOMPARE(toString(offboarded.stage), QStringLiteral("Offboarded"));
    QTRY_COMPARE(pane->model()->rowCount(), 0); // no longer being offboarded: done
    // Read-only, history kept.
    const QList<StageChange> history = at.window.book()->lifecycle().history(arwId);
    QCOMPARE(history.size(), 5); // Prospect (created), Applied, Onboarding, Active, Offboarded
    QCOMPARE(history.constLast().reason, QStringLiteral("Offboarding checklist complete"));
    Partner edited = offboarded;
    edited.city = QStringLiteral("Denver");
    QVERIFY_THROWS_EXCEPTION(StorageError, at.window.book()->partners().update(edited));
}

QTEST_MAIN(TestOnboarding)
#include "tst_onboarding.moc"
