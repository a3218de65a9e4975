// The Ideal Partner Profile kept in a book (issue 9, item 2), on SQLite and PostgreSQL: a new book has the default
// profile; a saved profile comes back equal, audited and announced; an invalid one is refused; the undo command puts
// the previous profile back.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "models/IppProfileCommand.h"
#include "storage/ChangeNotifier.h"
#include "storage/IppProfileRepository.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace pd;
using pd::test::countRows;

class TestIppProfile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void savedAndLoaded_data() { test::TestDatabases::addBackendRows(); }
    void savedAndLoaded();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC)};
};

void TestIppProfile::savedAndLoaded()
{
    PD_OPEN_BOOK(db, m_databases);
    ChangeNotifier notifier;
    IppProfileRepository repo(*db, m_clock, &notifier);
    QSignalSpy spy(&notifier, &ChangeNotifier::ippProfileChanged);
    QCOMPARE(repo.load(), IdealPartnerProfile::defaults());

    IdealPartnerProfile mine;
    mine.criteria = {{IppField::Industry, {QStringLiteral("Financials")}, {}, {}, 40},
                     {IppField::CertifiedContacts, {}, 2, {}, 60}};
    const qint64 auditStart = countRows(*db, QStringLiteral("audit_log"));
    repo.save(mine);
    QCOMPARE(repo.load(), mine);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 1);
    QCOMPARE(test::column(*db, QStringLiteral("SELECT value FROM program_settings WHERE key = 'ipp_profile'")),
             QStringList{R"({"criteria":[{"field":"industry","values":["Financials"],"weight":40},)"
                         R"({"field":"certified_contacts","min":2,"weight":60}]})"});

    // An invalid profile is refused with the criterion named; nothing changes.
    IdealPartnerProfile bad = mine;
    bad.criteria[1].weight = 0;
    try {
        repo.save(bad);
        QFAIL("an invalid profile was saved");
    } catch (const StorageError& e) {
        QCOMPARE(e.message(), QStringLiteral("Criterion 2 (certified_contacts): the weight must be 1 to 100, not 0"));
    }
    QCOMPARE(repo.load(), mine);
    QCOMPARE(spy.size(), 1);

    // Undoable edit.
    QUndoStack stack;
    QString error;
    QVERIFY2(
        pushCommand(stack, std::make_unique<IppProfileCommand>(repo, mine, IdealPartnerProfile::defaults()), &error),
        qPrintable(error));
    QCOMPARE(repo.load(), IdealPartnerProfile::defaults());
    stack.undo();
    QCOMPARE(repo.load(), mine);
    stack.redo();
    QCOMPARE(repo.load(), IdealPartnerProfile::defaults());
    QCOMPARE(spy.size(), 4);
}

QTEST_GUILESS_MAIN(TestIppProfile)
#include "tst_ippprofile.moc"
