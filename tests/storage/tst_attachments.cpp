// Attachments of checklist tasks (issue 9, item 4): a file copied into the book keeps its SHA-256 (checked against
// QCryptographicHash over the bytes the test wrote) and comes back byte for byte; a linked file changed or removed
// afterwards is reported by verify(); a file over the size limit is refused with its name and size; remove/restore,
// change log and audit entries. Every test runs on SQLite and PostgreSQL.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "storage/AttachmentRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"
#include "storage/Database.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;
using pd::test::column;

namespace {
bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

/// 3 MB of varied bytes: more than one read chunk.
QByteArray sampleBytes()
{
    QByteArray bytes;
    bytes.reserve(3 * 1000 * 1000);
    for (int i = 0; i < 3 * 1000 * 1000; ++i)
        bytes.append(char((i * 31 + i / 977) & 0xff));
    return bytes;
}

/// A partner with an onboarding checklist; returns the id of its first task.
QString firstTask(Database& db, const Clock& clock, QString* partnerId = nullptr)
{
    PartnerRepository partners(db, clock);
    Partner p;
    p.key = QStringLiteral("CDW");
    p.name = QStringLiteral("CDW Corporation");
    p.type = PartnerType::VAR;
    p.stage = LifecycleStage::Onboarding;
    partners.insert(p);
    if (partnerId)
        *partnerId = p.id;
    return ChecklistRepository(db, clock).start(p.id, ChecklistKind::Onboarding, QDate(2017, 1, 2)).first().id;
}
} // namespace

class TestAttachments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void copyIntoTheBookKeepsTheChecksum_data() { pd::test::TestDatabases::addBackendRows(); }
    void copyIntoTheBookKeepsTheChecksum()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(QDateTime(QDate(2017, 1, 10), QTime(8, 0), Qt::UTC));
        QString partnerId;
        const QString taskId = firstTask(*db, clock, &partnerId);
        ChangeNotifier notifier;
        AttachmentRepository repo(*db, clock, &notifier);
        QTemporaryDir dir;
        const QByteArray bytes = sampleBytes();
        const QString source = dir.filePath(QStringLiteral("agreement.pdf"));
        QVERIFY(writeFile(source, bytes));
        const QString expectedSha =
            QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());

        QSignalSpy spy(&notifier, &ChangeNotifier::checklistsChanged);
        const Attachment a = repo.attach(taskId, source, true);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().first().toStringList(), QStringList{partnerId});
        QCOMPARE(a.fileName, QStringLiteral("agreement.pdf"));
        QCOMPARE(a.sizeBytes, qint64(3000000));
        QCOMPARE(a.sha256, expectedSha);
        QVERIFY(a.storedInBook);
        QCOMPARE(repo.ofTask(taskId).size(), 1);
        QCOMPARE(repo.ofTask(taskId).first().sha256, expectedSha);

        // The source may go away: the book has the bytes.
        QVERIFY(QFile::remove(source));
        QString problem;
        QVERIFY2(repo.verify(a.id, &problem), qPrintable(problem));
        const QString copy = dir.filePath(QStringLiteral("copy.pdf"));
        QCOMPARE(repo.saveCopy(a.id, copy), copy);
        QCOMPARE(readFile(copy), bytes);

        // A stored copy damaged behind the book's back is refused by name.
        QSqlQuery damage(db->handle());
        QVERIFY(damage.prepare(QStringLiteral("UPDATE attachments SET content = ? WHERE id = pd_uuid(?)")));
        damage.addBindValue(QByteArray("tampered"));
        damage.addBindValue(a.id);
        QVERIFY(damage.exec());
        try {
            repo.saveCopy(a.id, dir.filePath(QStringLiteral("bad.pdf")));
            QFAIL("a damaged copy was written");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::Corrupt);
            QVERIFY2(e.message().startsWith(QStringLiteral("The stored copy of agreement.pdf is damaged")),
                     qPrintable(e.message()));
        }
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.pdf"))));
        QVERIFY(!repo.verify(a.id, &problem));
    }

    void linkedFileChangesAreReported_data() { pd::test::TestDatabases::addBackendRows(); }
    void linkedFileChangesAreReported()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(QDateTime(QDate(2017, 1, 10), QTime(8, 0), Qt::UTC));
        const QString taskId = firstTask(*db, clock);
        AttachmentRepository repo(*db, clock);
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("plan.txt"));
        QVERIFY(writeFile(source, "joint business plan v1\n"));
        const Attachment a = repo.attach(taskId, source, false);
        QVERIFY(!a.storedInBook);
        QCOMPARE(a.path, source);
        QCOMPARE(a.sizeBytes, qint64(23));
        QCOMPARE(a.sha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash("joint business plan v1\n", QCryptographicHash::Sha256).toHex()));
        QCOMPARE(column(*db, QStringLiteral("SELECT COUNT(*) FROM attachments WHERE content IS NULL")),
                 QStringList{"1"});
        QString problem;
        QVERIFY2(repo.verify(a.id, &problem), qPrintable(problem));
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.saveCopy(a.id, dir.filePath(QStringLiteral("x"))));

        QVERIFY(writeFile(source, "joint business plan v2\n"));
        QVERIFY(!repo.verify(a.id, &problem));
        QCOMPARE(problem,
                 QStringLiteral("%1 changed since it was attached (23 bytes): its SHA-256 differs").arg(source));
        QVERIFY(QFile::remove(source));
        QVERIFY(!repo.verify(a.id, &problem));
        QCOMPARE(problem, QStringLiteral("plan.txt is missing: %1").arg(source));
    }

    void largeFilesAreRefused_data() { pd::test::TestDatabases::addBackendRows(); }
    void largeFilesAreRefused()
    {
        PD_OPEN_BOOK(db, m_databases);
        FixedClock clock(QDateTime(QDate(2017, 1, 10), QTime(8, 0), Qt::UTC));
        const QString taskId = firstTask(*db, clock);
        AttachmentRepository repo(*db, clock);
        QCOMPARE(repo.maxStoredBytes(), qint64(100000000));
        repo.setMaxStoredBytes(1000);
        QTemporaryDir dir;
        const QString big = dir.filePath(QStringLiteral("scan.tiff"));
        QVERIFY(writeFile(big, QByteArray(1001, 'x')));
        try {
            repo.attach(taskId, big, true);
            QFAIL("a file over the limit was stored");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::NotAllowed);
            QCOMPARE(e.message(), QStringLiteral("scan.tiff is 1001 bytes, larger than the 1000 bytes a book keeps; "
                                                 "attach it as a link instead"));
        }
        QCOMPARE(pd::test::countRows(*db, QStringLiteral("attachments")), 0);
        // Exactly the limit is kept; a link has no limit.
        const QString fits = dir.filePath(QStringLiteral("fits.bin"));
        QVERIFY(writeFile(fits, QByteArray(1000, 'y')));
        QCOMPARE(repo.attach(taskId, fits, true).sizeBytes, qint64(1000));
        QCOMPARE(repo.attach(taskId, big, false).sizeBytes, qint64(1001));
        QCOMPARE(repo.ofTask(taskId).size(), 2);
        // A missing file is refused.
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.attach(taskId, dir.filePath(QStringLiteral("nope")), true));
    }

    void removeRestoreAreLogged_data() { pd::test::TestDatabases::addBackendRows(); }
    void removeRestoreAreLogged()
    {
        PD_OPEN_BOOK(db, m_databases);
        db->setActor(QStringLiteral("dana"));
        FixedClock clock(QDateTime(QDate(2017, 1, 10), QTime(8, 0), Qt::UTC));
        const QString taskId = firstTask(*db, clock);
        AttachmentRepository repo(*db, clock);
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("a.txt"));
        QVERIFY(writeFile(source, "abc"));
        db->execDirect(QStringLiteral("DELETE FROM change_log"));
        db->execDirect(QStringLiteral("DELETE FROM audit_log"));
        const Attachment a = repo.attach(taskId, source, true);
        repo.remove(a.id);
        QVERIFY(repo.ofTask(taskId).isEmpty());
        repo.restore(a.id);
        QCOMPARE(repo.ofTask(taskId).size(), 1);
        QCOMPARE(
            column(*db, QStringLiteral("SELECT entity || ' ' || op || ' ' || version FROM change_log ORDER BY seq")),
            (QStringList{"attachments insert 1", "attachments delete 2", "attachments update 3"}));
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        QCOMPARE(column(*db, QStringLiteral("SELECT action || ' | ' || actor || ' | ' || details FROM audit_log "
                                            "ORDER BY seq")),
                 (QStringList{"attach | dana | a.txt attached (copied into the book, 3 bytes, SHA-256 "
                              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad)",
                              "remove | dana | a.txt removed", "restore | dana | a.txt restored"}));
        // An offboarded partner is read-only: nothing more is attached to its tasks.
        db->execDirect(QStringLiteral("UPDATE partners SET stage = 'Offboarded'"));
        try {
            repo.attach(taskId, source, false);
            QFAIL("a file was attached to a task of an offboarded partner");
        } catch (const StorageError& e) {
            QCOMPARE(e.kind(), StorageError::Kind::NotAllowed);
            QCOMPARE(e.message(), QStringLiteral("CDW is offboarded and read-only: its checklists cannot change"));
        }
        QCOMPARE(repo.ofTask(taskId).size(), 1);
    }

private:
    pd::test::TestDatabases m_databases;
};

QTEST_GUILESS_MAIN(TestAttachments)
#include "tst_attachments.moc"
