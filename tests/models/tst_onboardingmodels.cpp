// Model tests for the onboarding pane (issue 9, item 4; DESIGN.md section 6: every model is checked with
// QAbstractItemModelTester and QSignalSpy): the partners in onboarding with their progress, the filter proxy, and one
// partner's checklist. Storage-backed, on SQLite and PostgreSQL, with an injected clock for "today" and "overdue".
#include "domain/Clock.h"
#include "models/ChecklistCommands.h"
#include "models/ChecklistTableModel.h"
#include "models/OnboardingFilterProxy.h"
#include "models/OnboardingListModel.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "support/TestDatabases.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {

QDateTime utc(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(9, 0), Qt::UTC);
}

/// A book with three partners: Acme Corp (ACM, VAR, EMEA, Dana Miller) and Brava Referrals (BRV, Referral, North
/// America, Lee Chan) whose onboarding started on 2026-03-01, and Cobalt Systems (CBS, VAR, Active: not listed).
/// ACM's first two tasks were done on 2026-03-05.
struct OnboardingBook
{
    explicit OnboardingBook(const DatabaseConfig& c) : config(c), db(c)
    {
        db.open();
        Migrator(db).migrate();
        acm = add(QStringLiteral("ACM"), QStringLiteral("Acme Corp"), PartnerType::VAR, QStringLiteral("EMEA"),
                  QStringLiteral("Dana Miller"));
        brv = add(QStringLiteral("BRV"), QStringLiteral("Brava Referrals"), PartnerType::Referral,
                  QStringLiteral("North America"), QStringLiteral("Lee Chan"));
        cbs = add(QStringLiteral("CBS"), QStringLiteral("Cobalt Systems"), PartnerType::VAR, QStringLiteral("EMEA"),
                  QStringLiteral("Dana Miller"));
        for (const QString& id : {acm, brv}) {
            lifecycle.move(id, LifecycleStage::Onboarding, QDate(2026, 3, 1), QStringLiteral("Application accepted"));
            checklists.start(id, ChecklistKind::Onboarding, QDate(2026, 3, 1));
        }
        lifecycle.move(cbs, LifecycleStage::Onboarding, QDate(2026, 3, 1), {});
        lifecycle.move(cbs, LifecycleStage::Active, QDate(2026, 3, 1), {});
        clock.set(utc(2026, 3, 5));
        const QList<PartnerTask> tasks = checklists.tasks(acm, ChecklistKind::Onboarding);
        checklists.setDone(tasks.at(0).id, QDate(2026, 3, 5), tasks.at(0).version);
        checklists.setDone(tasks.at(1).id, QDate(2026, 3, 5), tasks.at(1).version);
    }
    QString add(const QString& key, const QString& name, PartnerType type, const QString& territory,
                const QString& manager)
    {
        Partner p;
        p.key = key;
        p.name = name;
        p.type = type;
        p.stage = LifecycleStage::Applied;
        p.territory = territory;
        p.channelManager = manager;
        partners.insert(p);
        return p.id;
    }
    DatabaseConfig config;
    Database db;
    FixedClock clock{utc(2026, 3, 1)};
    ChangeNotifier notifier;
    PartnerRepository partners{db, clock, &notifier};
    LifecycleRepository lifecycle{db, clock, &notifier};
    ChecklistRepository checklists{db, clock, &notifier};
    QString acm, brv, cbs;
};

/// The display texts of column `column` of `model`, row by row.
QStringList columnTexts(const QAbstractItemModel& model, int column)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, column).data().toString();
    return out;
}

} // namespace

class TestOnboardingModels : public QObject
{
    Q_OBJECT
public:
    TestOnboardingModels() { initStorageResources(); }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void listShowsProgressAndOverdue_data() { test::TestDatabases::addBackendRows(); }
    void listShowsProgressAndOverdue();
    void checklistModelTicksThroughItsOwner_data() { test::TestDatabases::addBackendRows(); }
    void checklistModelTicksThroughItsOwner();

private:
    test::TestDatabases m_dbs;
};

void TestOnboardingModels::listShowsProgressAndOverdue()
{
    QFETCH(QString, backend);
    QString error;
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    OnboardingBook book(*config);
    book.clock.set(utc(2026, 3, 20)); // 19 days into onboarding

    OnboardingListModel model(book.config, book.clock, &book.notifier);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &OnboardingListModel::loaded);
    QVERIFY(model.isStale()); // nothing read until the pane is shown
    model.setActive(true);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.constFirst().constFirst().toString(), QString());

    // Cobalt Systems is Active: only the two partners in onboarding, by name.
    QCOMPARE(columnTexts(model, OnboardingListModel::Key), (QStringList{"ACM", "BRV"}));
    QCOMPARE(columnTexts(model, OnboardingListModel::DaysInOnboarding), (QStringList{"19", "19"}));
    // VAR template: 7 required tasks of 8 (the first QBR is optional); Referral: 5 required of 8.
    QCOMPARE(columnTexts(model, OnboardingListModel::Progress), (QStringList{"2/7", "0/5"}));
    // ACM: tasks 1 and 2 done, task 3 (portal access, due 2026-03-15) is late. BRV: tasks 1–3 late (due 03-08,
    // 03-15, 03-15).
    QCOMPARE(columnTexts(model, OnboardingListModel::Overdue), (QStringList{"1", "3"}));
    QCOMPARE(columnTexts(model, OnboardingListModel::NextTask),
             (QStringList{"Portal and system access granted", "Referral agreement signed"}));
    QCOMPARE(columnTexts(model, OnboardingListModel::NextDue), (QStringList{"3/15/26", "3/8/26"}));
    QVERIFY(model.index(0, OnboardingListModel::Overdue).data(OnboardingListModel::OverdueRole).toBool());
    QVERIFY(model.index(0, OnboardingListModel::Overdue).data(Qt::ForegroundRole).isValid()); // highlighted
    QVERIFY(!model.index(0, OnboardingListModel::Name).data(Qt::ForegroundRole).isValid());

    // Before any task is due nothing is overdue.
    book.clock.set(utc(2026, 3, 8));
    model.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(columnTexts(model, OnboardingListModel::Overdue), (QStringList{"0", "0"}));

    OnboardingFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setChannelManager(QStringLiteral("Lee Chan"));
    QCOMPARE(columnTexts(proxy, OnboardingListModel::Key), QStringList{"BRV"});
    proxy.setChannelManager(QString());
    proxy.setTerritory(QStringLiteral("EMEA"));
    QCOMPARE(columnTexts(proxy, OnboardingListModel::Key), QStringList{"ACM"});
    proxy.setTerritory(QString());
    proxy.setSearchText(QStringLiteral("brava"));
    QCOMPARE(columnTexts(proxy, OnboardingListModel::Key), QStringList{"BRV"});
    proxy.setSearchText(QString());
    proxy.setOverdueOnly(true);
    QCOMPARE(proxy.rowCount(), 0); // 2026-03-08: nothing late yet
    book.clock.set(utc(2026, 3, 10));
    model.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(columnTexts(proxy, OnboardingListModel::Key), QStringList{"BRV"}); // its agreement was due 03-08
    proxy.setOverdueOnly(false);
    // Sorted by progress (share of required tasks done), numerically.
    proxy.sort(OnboardingListModel::Progress, Qt::AscendingOrder);
    QCOMPARE(columnTexts(proxy, OnboardingListModel::Key), (QStringList{"BRV", "ACM"}));

    // A change in the book reloads an active model: ACM's third task done → 3/7.
    const QList<PartnerTask> tasks = book.checklists.tasks(book.acm, ChecklistKind::Onboarding);
    book.checklists.setDone(tasks.at(2).id, QDate(2026, 3, 10), tasks.at(2).version);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(columnTexts(model, OnboardingListModel::Progress), (QStringList{"3/7", "0/5"}));
    // An inactive model only marks itself stale.
    model.setActive(false);
    book.checklists.setDone(tasks.at(3).id, QDate(2026, 3, 10), tasks.at(3).version);
    QVERIFY(model.isStale());
    QVERIFY(!model.isLoading());
    model.setActive(true);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(columnTexts(model, OnboardingListModel::Progress), (QStringList{"4/7", "0/5"}));
}

void TestOnboardingModels::checklistModelTicksThroughItsOwner()
{
    QFETCH(QString, backend);
    QString error;
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, &error);
    if (!config)
        QFAIL(qPrintable(error));
    OnboardingBook book(*config);
    book.clock.set(utc(2026, 3, 20));

    ChecklistTableModel model(book.checklists, book.clock, &book.notifier);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPartner(book.acm);
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.requiredCount(), 7);
    QCOMPARE(model.requiredDoneCount(), 2);
    QCOMPARE(columnTexts(model, ChecklistTableModel::Task).first(), QStringLiteral("Partner agreement signed"));
    QCOMPARE(columnTexts(model, ChecklistTableModel::Due),
             (QStringList{"3/8/26", "3/15/26", "3/15/26", "3/31/26", "4/30/26", "4/15/26", "5/30/26", "5/30/26"}));
    QCOMPARE(columnTexts(model, ChecklistTableModel::Completed).mid(0, 3), (QStringList{"3/5/26", "3/5/26", ""}));
    QCOMPARE(columnTexts(model, ChecklistTableModel::Required).last(), QStringLiteral("Optional"));
    QCOMPARE(model.index(0, ChecklistTableModel::Done).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(model.index(2, ChecklistTableModel::Done).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(model.index(2, ChecklistTableModel::Due).data(ChecklistTableModel::OverdueRole).toBool());
    QVERIFY(!model.index(3, ChecklistTableModel::Due).data(ChecklistTableModel::OverdueRole).toBool());
    QVERIFY(model.flags(model.index(2, ChecklistTableModel::Done)) & Qt::ItemIsUserCheckable);

    // A tick asks the owner and writes nothing itself.
    QSignalSpy ticks(&model, &ChecklistTableModel::tickRequested);
    QVERIFY(!model.setData(model.index(2, ChecklistTableModel::Done), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(ticks.count(), 1);
    QCOMPARE(ticks.constFirst(), (QVariantList{2, true}));
    QVERIFY(!model.setData(model.index(0, ChecklistTableModel::Done), Qt::Checked, Qt::CheckStateRole)); // no change
    QCOMPARE(ticks.count(), 1);
    QVERIFY(!book.checklists.tasks(book.acm, ChecklistKind::Onboarding).at(2).doneOn.isValid());

    // The owner's command writes; the model follows the notifier, and undo takes it back.
    QUndoStack stack;
    QString message;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(pushCommand(stack,
                        std::make_unique<TickTaskCommand>(book.checklists, model.taskAt(2), true, QDate(2026, 3, 20)),
                        &message));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.index(2, ChecklistTableModel::Done).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(model.index(2, ChecklistTableModel::Completed).data().toString(), QStringLiteral("3/20/26"));
    QCOMPARE(model.requiredDoneCount(), 3);
    stack.undo();
    QCOMPARE(model.index(2, ChecklistTableModel::Done).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QCOMPARE(model.requiredDoneCount(), 2);

    // Another partner's change does not reload this one's checklist.
    reset.clear();
    const QList<PartnerTask> brava = book.checklists.tasks(book.brv, ChecklistKind::Onboarding);
    book.checklists.setDone(brava.at(0).id, QDate(2026, 3, 20), brava.at(0).version);
    QCOMPARE(reset.count(), 0);
    model.setPartner(QString());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestOnboardingModels)
#include "tst_onboardingmodels.moc"
