// The change notifier (DESIGN.md section 1, issue 6): every repository that writes announces the change only once the
// outermost transaction has committed, and never when it rolls back. Both backends.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/PartnerRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/Transaction.h"

#include <QSignalSpy>
#include <functional>

using namespace pd;

class TestChangeNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void announcedAfterTheOutermostCommitOnly_data();
    void announcedAfterTheOutermostCommitOnly();

private:
    test::TestDatabases m_databases;
};

void TestChangeNotifier::announcedAfterTheOutermostCommitOnly_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<bool>("commitOuter");
    for (const char* backend : {"sqlite", "postgres"})
        for (const char* repository : {"partners", "accounts", "program settings"})
            for (bool commit : {true, false})
                QTest::addRow("%s %s %s", backend, repository, commit ? "commit" : "rollback")
                    << QString::fromLatin1(backend) << QString::fromLatin1(repository) << commit;
}

void TestChangeNotifier::announcedAfterTheOutermostCommitOnly()
{
    QFETCH(QString, repository);
    QFETCH(bool, commitOuter);
    PD_OPEN_BOOK(db, m_databases);
    const FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
    ChangeNotifier notifier;
    PartnerRepository partners(*db, clock, &notifier);
    AccountRepository accounts(*db, &notifier);
    ProgramSettingsRepository settings(*db, clock, &notifier);
    // Each repository's write, and the signal that announces it.
    int n = 0; // each write makes a new row
    std::function<void()> write;
    QSignalSpy* spy = nullptr;
    QSignalSpy partnerSpy(&notifier, &ChangeNotifier::partnersChanged);
    QSignalSpy accountSpy(&notifier, &ChangeNotifier::accountsChanged);
    QSignalSpy settingsSpy(&notifier, &ChangeNotifier::programSettingsChanged);
    if (repository == QLatin1String("partners")) {
        write = [&] {
            Partner p;
            p.key = QStringLiteral("P%1").arg(++n);
            p.name = QStringLiteral("Partner %1").arg(n);
            partners.insert(p);
        };
        spy = &partnerSpy;
    } else if (repository == QLatin1String("accounts")) {
        write = [&] {
            Account a;
            a.name = QStringLiteral("Customer %1").arg(++n);
            accounts.insert(a, toIsoUtc(clock.nowUtc()));
        };
        spy = &accountSpy;
    } else {
        write = [&] {
            ProgramSettings s = settings.load();
            s.rules.protectionDays = 60 + ++n;
            settings.save(s);
        };
        spy = &settingsSpy;
    }
    {
        Transaction outer(*db);
        write(); // the repository's own transaction joins the outer one and commits nothing yet
        QCOMPARE(spy->count(), 0);
        if (commitOuter)
            outer.commit();
    }
    QCOMPARE(spy->count(), commitOuter ? 1 : 0);
    // Outside any transaction the repository's own commit announces at once.
    write();
    QCOMPARE(spy->count(), commitOuter ? 2 : 1);
}

QTEST_GUILESS_MAIN(TestChangeNotifier)
#include "tst_changenotifier.moc"
