// Undo commands of the checklists (issue 9, items 3, 4, 6 and 9): starting onboarding moves the partner to Onboarding
// and creates its checklist in one transaction, undo reverts both and redo brings back the same task ids; ticks,
// notes and attachments undo and redo. Runs on SQLite and PostgreSQL.
#include "domain/Clock.h"
#include "models/ChecklistCommands.h"
#include "storage/AttachmentRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/LifecycleRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace pd;

// The migration scripts live in pd_storage's resources; a static library's resources need explicit initialisation.
static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
QStringList ids(const QList<PartnerTask>& tasks)
{
    QStringList out;
    for (const PartnerTask& t : tasks)
        out << t.id;
    return out;
}

qint64 count(const Database& db, const QString& sql)
{
    QSqlQuery q(db.handle());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}
} // namespace

class TestChecklistCommands : public QObject
{
    Q_OBJECT
public:
    TestChecklistCommands() { initStorageResources(); }

private Q_SLOTS:
    void startOnboardingUndoRedo_data() { pd::test::TestDatabases::addBackendRows(); }
    void startOnboardingUndoRedo()
    {
        QFETCH(QString, backend);
        Database* db = open(backend);
        QVERIFY(db);
        FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
        ChangeNotifier notifier;
        PartnerRepository partners(*db, clock, &notifier);
        LifecycleRepository lifecycle(*db, clock, &notifier);
        ChecklistRepository checklists(*db, clock, &notifier);
        Partner p;
        p.key = QStringLiteral("CDW");
        p.name = QStringLiteral("CDW Corporation");
        p.type = PartnerType::VAR;
        p.stage = LifecycleStage::Applied;
        partners.insert(p);

        QUndoStack stack;
        auto command = std::make_unique<StartChecklistCommand>(lifecycle, checklists, p.id, ChecklistKind::Onboarding,
                                                               QDate(2017, 2, 20), p.key);
        StartChecklistCommand* start = command.get();
        QString error;
        QVERIFY2(pushCommand(stack, std::move(command), &error), qPrintable(error));
        QCOMPARE(stack.undoText(), QStringLiteral("Start onboarding CDW"));
        QVERIFY(start->moved());
        const QStringList created = ids(start->tasks());
        QCOMPARE(created.size(), 8);
        QCOMPARE(start->tasks().first().dueOn, QDate(2017, 2, 27));
        QCOMPARE(toString(partners.findById(p.id)->stage), QStringLiteral("Onboarding"));
        QCOMPARE(partners.findById(p.id)->stageSince, QDate(2017, 2, 20));
        QCOMPARE(lifecycle.history(p.id).last().reason, QStringLiteral("Onboarding started"));

        stack.undo();
        QCOMPARE(toString(partners.findById(p.id)->stage), QStringLiteral("Applied"));
        QVERIFY(checklists.tasks(p.id, ChecklistKind::Onboarding).isEmpty());
        QCOMPARE(toString(lifecycle.history(p.id).last().to), QStringLiteral("Applied"));

        stack.redo();
        QCOMPARE(toString(partners.findById(p.id)->stage), QStringLiteral("Onboarding"));
        QCOMPARE(partners.findById(p.id)->stageSince, QDate(2017, 2, 20));
        QCOMPARE(ids(checklists.tasks(p.id, ChecklistKind::Onboarding)), created);
        QCOMPARE(stack.count(), 1);

        // Undo, redo, undo again: still consistent.
        stack.undo();
        QCOMPARE(toString(partners.findById(p.id)->stage), QStringLiteral("Applied"));
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM partner_tasks WHERE deleted_at IS NULL")), 0);
        QCOMPARE(count(*db, QStringLiteral("SELECT COUNT(*) FROM partner_tasks")), 8);
    }

    void startInOnboardingDoesNotMove_data() { pd::test::TestDatabases::addBackendRows(); }
    void startInOnboardingDoesNotMove()
    {
        QFETCH(QString, backend);
        Database* db = open(backend);
        QVERIFY(db);
        FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
        PartnerRepository partners(*db, clock);
        LifecycleRepository lifecycle(*db, clock);
        ChecklistRepository checklists(*db, clock);
        Partner p;
        p.key = QStringLiteral("IBM");
        p.name = QStringLiteral("IBM");
        p.type = PartnerType::SI;
        p.stage = LifecycleStage::Onboarding;
        partners.insert(p);
        const int historyBefore = lifecycle.history(p.id).size();
        QUndoStack stack;
        auto command = std::make_unique<StartChecklistCommand>(lifecycle, checklists, p.id, ChecklistKind::Onboarding,
                                                               QDate(), p.key);
        StartChecklistCommand* start = command.get();
        QString error;
        QVERIFY2(pushCommand(stack, std::move(command), &error), qPrintable(error));
        QVERIFY(!start->moved());
        QCOMPARE(start->tasks().first().startedOn, QDate(2017, 3, 1));
        QCOMPARE(lifecycle.history(p.id).size(), historyBefore);
        // A second start is refused and nothing is pushed.
        QVERIFY(!pushCommand(stack,
                             std::make_unique<StartChecklistCommand>(lifecycle, checklists, p.id,
                                                                     ChecklistKind::Onboarding, QDate(), p.key),
                             &error));
        QCOMPARE(error, QStringLiteral("IBM already has an onboarding checklist"));
        QCOMPARE(stack.count(), 1);

        // A refused start (offboarding template deleted) leaves the stage alone: one transaction.
        Partner q;
        q.key = QStringLiteral("NEW");
        q.name = QStringLiteral("New One");
        q.type = PartnerType::MSP;
        q.stage = LifecycleStage::Applied;
        partners.insert(q);
        checklists.saveTemplate(ChecklistKind::Onboarding, QStringLiteral("MSP"), QString(), {});
        QVERIFY(!pushCommand(stack,
                             std::make_unique<StartChecklistCommand>(lifecycle, checklists, q.id,
                                                                     ChecklistKind::Onboarding, QDate(), q.key),
                             &error));
        QCOMPARE(error, QStringLiteral("There is no onboarding checklist template for MSP partners (NEW)"));
        QCOMPARE(toString(partners.findById(q.id)->stage), QStringLiteral("Applied"));
    }

    void tickNotesAndAttachUndo_data() { pd::test::TestDatabases::addBackendRows(); }
    void tickNotesAndAttachUndo()
    {
        QFETCH(QString, backend);
        Database* db = open(backend);
        QVERIFY(db);
        FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
        PartnerRepository partners(*db, clock);
        ChecklistRepository checklists(*db, clock);
        AttachmentRepository attachments(*db, clock);
        Partner p;
        p.key = QStringLiteral("IBM");
        p.name = QStringLiteral("IBM");
        p.type = PartnerType::SI;
        p.stage = LifecycleStage::Active;
        partners.insert(p);
        const PartnerTask first = checklists.start(p.id, ChecklistKind::Offboarding, QDate(2017, 2, 1)).first();
        QUndoStack stack;
        QString error;
        QVERIFY(pushCommand(stack, std::make_unique<TickTaskCommand>(checklists, first, true, QDate()), &error));
        QCOMPARE(checklists.task(first.id).doneOn, QDate(2017, 3, 1));
        stack.undo();
        QVERIFY(!checklists.task(first.id).doneOn.isValid());
        stack.redo();
        QCOMPARE(checklists.task(first.id).doneOn, QDate(2017, 3, 1));

        QVERIFY(pushCommand(
            stack,
            std::make_unique<TaskNotesCommand>(checklists, checklists.task(first.id), QStringLiteral("Done by IT")),
            &error));
        QCOMPARE(checklists.task(first.id).notes, QStringLiteral("Done by IT"));
        stack.undo();
        QCOMPARE(checklists.task(first.id).notes, QString());

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("revocation.txt"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("access revoked\n");
        f.close();
        auto attach = std::make_unique<AttachFileCommand>(attachments, first.id, file, true);
        AttachFileCommand* command = attach.get();
        QVERIFY2(pushCommand(stack, std::move(attach), &error), qPrintable(error));
        const QString attachmentId = command->attachment().id;
        QCOMPARE(checklists.task(first.id).attachmentCount, 1);
        stack.undo();
        QCOMPARE(checklists.task(first.id).attachmentCount, 0);
        stack.redo();
        QCOMPARE(attachments.ofTask(first.id).size(), 1);
        QCOMPARE(attachments.ofTask(first.id).first().id, attachmentId);
    }

private:
    Database* open(const QString& backend)
    {
        QString error;
        const std::optional<DatabaseConfig> config = m_databases.forBackend(backend, &error);
        if (!config) {
            qWarning("%s is not available: %s", qPrintable(backend), qPrintable(error));
            return nullptr;
        }
        m_db = std::make_unique<Database>(*config);
        m_db->open();
        Migrator(*m_db).migrate();
        return m_db.get();
    }

    pd::test::TestDatabases m_databases;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestChecklistCommands)
#include "tst_checklistcommands.moc"
