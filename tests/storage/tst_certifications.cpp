// Certification expiry and the certified-contact count at a given date (issue 9, item 5; DESIGN.md section 3, tier
// program: "A certification counts while it is unexpired on the evaluation date"), on SQLite and PostgreSQL. The data
// is made by hand; every expected date and count below is worked out in the comments.
#include "StorageFixture.h"

#include "domain/Clock.h"
#include "models/CertificationCommands.h"
#include "storage/CertificationRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ContactRepository.h"
#include "storage/PartnerRepository.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace pd;
using pd::test::countRows;
using pd::test::makePartner;

namespace {
Contact makeContact(ContactRepository& repo, const Partner& partner, const QString& name)
{
    Contact c;
    c.partnerId = partner.id;
    c.name = name;
    repo.insert(c);
    return c;
}

CertificationType makeType(CertificationRepository& repo, const QString& name, int months)
{
    CertificationType t;
    t.name = name;
    t.validityMonths = months;
    repo.addType(t);
    return t;
}

Certification certify(CertificationRepository& repo, const Contact& contact, const CertificationType& type,
                      const QDate& earned)
{
    Certification c;
    c.contactId = contact.id;
    c.typeId = type.id;
    c.earnedOn = earned;
    repo.add(c);
    return c;
}

/// The repositories a test writes through, on one book.
struct Repositories
{
    Repositories(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr)
        : partners(db, clock), contacts(db, clock), certs(db, clock, notifier)
    {
    }
    PartnerRepository partners;
    ContactRepository contacts;
    CertificationRepository certs;
};

QStringList names(const QList<Certification>& list)
{
    QStringList out;
    for (const Certification& c : list)
        out << c.contactName + QLatin1Char('/') + c.typeName;
    return out;
}
} // namespace

class TestCertifications : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void expiryRule();
    void expiryComputedAndKept_data() { test::TestDatabases::addBackendRows(); }
    void expiryComputedAndKept();
    void countsAtGivenDates_data() { test::TestDatabases::addBackendRows(); }
    void countsAtGivenDates();
    void expiringWithin60Days_data() { test::TestDatabases::addBackendRows(); }
    void expiringWithin60Days();
    void undoOfAddAndTypeRules_data() { test::TestDatabases::addBackendRows(); }
    void undoOfAddAndTypeRules();

private:
    test::TestDatabases m_databases;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC)};
};

void TestCertifications::expiryRule()
{
    // earned + validity months (QDate::addMonths: the 31st becomes the month's last day).
    QCOMPARE(certificationExpiry(QDate(2024, 1, 31), 1), QDate(2024, 2, 29));
    QCOMPARE(certificationExpiry(QDate(2025, 6, 15), 24), QDate(2027, 6, 15));
    QCOMPARE(certificationExpiry(QDate(2025, 6, 15), 0), QDate());
    Certification c;
    c.earnedOn = QDate(2025, 1, 10);
    c.expiresOn = QDate(2026, 1, 10);
    QVERIFY(!certificationCounts(c, QDate(2025, 1, 9)));  // before it was earned
    QVERIFY(certificationCounts(c, QDate(2025, 1, 10)));  // the day it was earned
    QVERIFY(certificationCounts(c, QDate(2026, 1, 9)));   // the last day
    QVERIFY(!certificationCounts(c, QDate(2026, 1, 10))); // the expiry date itself no longer counts
    QCOMPARE(toString(certificationStatus(c, QDate(2025, 1, 9))), toString(CertificationStatus::NotYetEarned));
    // 2025-11-11 + 60 days = 2026-01-10: from then on it expires within 60 days.
    QCOMPARE(toString(certificationStatus(c, QDate(2025, 11, 10))), toString(CertificationStatus::Valid));
    QCOMPARE(toString(certificationStatus(c, QDate(2025, 11, 11))), toString(CertificationStatus::Expiring));
    QCOMPARE(toString(certificationStatus(c, QDate(2026, 1, 10))), toString(CertificationStatus::Expired));
    c.expiresOn = QDate();
    QCOMPARE(toString(certificationStatus(c, QDate(2099, 1, 1))), toString(CertificationStatus::Valid));
}

void TestCertifications::expiryComputedAndKept()
{
    PD_OPEN_BOOK(db, m_databases);
    ChangeNotifier notifier;
    Repositories r(*db, m_clock, &notifier);
    auto& [partners, contacts, repo] = r;
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const Contact anna = makeContact(contacts, acn, QStringLiteral("Anna Snelling"));
    QSignalSpy certsSpy(&notifier, &ChangeNotifier::certificationsChanged);
    QSignalSpy partnersSpy(&notifier, &ChangeNotifier::partnersChanged);
    const qint64 logStart = countRows(*db, QStringLiteral("change_log"));
    const qint64 auditStart = countRows(*db, QStringLiteral("audit_log"));

    CertificationType sales = makeType(repo, QStringLiteral("Sales Associate"), 24);
    const CertificationType forever = makeType(repo, QStringLiteral("Founding Partner"), 0);
    QCOMPARE(sales.version, 1);
    QCOMPARE(repo.listTypes(), (QList<CertificationType>{forever, sales})); // by name
    QCOMPARE(repo.findTypeByName(QStringLiteral("sales associate")), sales);
    QVERIFY_THROWS_EXCEPTION(StorageError, makeType(repo, QStringLiteral("SALES associate"), 12));
    QVERIFY_THROWS_EXCEPTION(StorageError, makeType(repo, QStringLiteral("Too long"), 601));

    const Certification c1 = certify(repo, anna, sales, QDate(2025, 6, 15));
    QCOMPARE(c1.expiresOn, QDate(2027, 6, 15)); // 2025-06-15 + 24 months
    QCOMPARE(c1.contactName, anna.name);
    QCOMPARE(c1.partnerId, acn.id);
    QCOMPARE(c1.typeName, sales.name);
    const Certification c2 = certify(repo, anna, forever, QDate(2020, 1, 1));
    QCOMPARE(c2.expiresOn, QDate());

    // A new validity applies to certifications added afterwards; the one held keeps its stored expiry.
    sales.validityMonths = 12;
    repo.updateType(sales);
    QCOMPARE(sales.version, 2);
    const QList<Certification> held = repo.listForContact(anna.id);
    QCOMPARE(held.size(), 2);
    QCOMPARE(held.at(0), c2); // by earned date
    QCOMPARE(held.at(1), c1);
    QCOMPARE(certify(repo, anna, sales, QDate(2025, 6, 15)).expiresOn, QDate(2026, 6, 15));
    QCOMPARE(repo.listForPartner(acn.id).size(), 3);

    // Each write: a change-log entry, an audit entry and a signal (the partner's too, for a certification).
    QCOMPARE(countRows(*db, QStringLiteral("change_log")), logStart + 6);
    QCOMPARE(countRows(*db, QStringLiteral("audit_log")), auditStart + 6);
    QCOMPARE(test::column(*db, QStringLiteral("SELECT entity FROM change_log ORDER BY seq")).mid(int(logStart)),
             (QStringList{"certification_types", "certification_types", "certifications", "certifications",
                          "certification_types", "certifications"}));
    QCOMPARE(certsSpy.size(), 6);
    QCOMPARE(certsSpy.at(2).at(0).toStringList(), QStringList{c1.id});
    QCOMPARE(partnersSpy.size(), 3);
    QCOMPARE(partnersSpy.at(0).at(0).toStringList(), QStringList{acn.id});

    // A type still held cannot be removed; a stale edit is a conflict.
    QVERIFY_THROWS_EXCEPTION(StorageError, repo.archiveType(sales.id));
    CertificationType stale = sales;
    stale.version = 1;
    try {
        repo.updateType(stale);
        QFAIL("a stale certification type was saved");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::Conflict);
    }
}

void TestCertifications::countsAtGivenDates()
{
    PD_OPEN_BOOK(db, m_databases);
    Repositories r(*db, m_clock);
    auto& [partners, contacts, repo] = r;
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const Partner ibm = makePartner(partners, QStringLiteral("IBM"));
    const Partner cdw = makePartner(partners, QStringLiteral("CDW"));
    const Contact anna = makeContact(contacts, acn, QStringLiteral("Anna Snelling"));
    const Contact boris = makeContact(contacts, acn, QStringLiteral("Boris Faz"));
    const Contact cecily = makeContact(contacts, acn, QStringLiteral("Cecily Lampkin"));
    const Contact dustin = makeContact(contacts, ibm, QStringLiteral("Dustin Brinkmann"));
    const Contact elease = makeContact(contacts, cdw, QStringLiteral("Elease Gluck"));
    const CertificationType sales = makeType(repo, QStringLiteral("Sales Associate"), 12);
    const CertificationType tech = makeType(repo, QStringLiteral("Technical Specialist"), 24);
    const CertificationType forever = makeType(repo, QStringLiteral("Founding Partner"), 0);

    // Anna: an expired (2023-01-10 → 2024-01-10) and a valid (2025-05-01 → 2027-05-01) certification: counts once.
    certify(repo, anna, sales, QDate(2023, 1, 10));
    certify(repo, anna, tech, QDate(2025, 5, 1));
    // Boris: valid 2025-09-01 → 2026-09-01 and valid 2025-10-01 → 2026-10-01 at once: counts once.
    certify(repo, boris, sales, QDate(2025, 9, 1));
    certify(repo, boris, sales, QDate(2025, 10, 1));
    // Cecily: earned 2026-04-01, after the evaluation date 2026-03-01: does not count then.
    certify(repo, cecily, tech, QDate(2026, 4, 1));
    // Dustin (IBM): expires 2026-03-01, the evaluation date itself: does not count on 2026-03-01, counts the day
    // before.
    certify(repo, dustin, sales, QDate(2025, 3, 1));
    // Elease (CDW): never expires, but her certification is removed.
    const Certification removed = certify(repo, elease, forever, QDate(2019, 1, 1));
    repo.archive(removed.id);

    const QDate d(2026, 3, 1);
    QCOMPARE(repo.certifiedContactCounts(d), (QHash<QString, int>{{acn.id, 2}})); // Anna, Boris
    QCOMPARE(repo.certifiedContactCount(acn.id, d), 2);
    QCOMPARE(repo.certifiedContactCount(ibm.id, d), 0);
    QCOMPARE(repo.certifiedContactCount(cdw.id, d), 0);
    QCOMPARE(repo.certifiedContactCounts(QDate(2026, 2, 28)), (QHash<QString, int>{{acn.id, 2}, {ibm.id, 1}}));
    // 2026-04-01: Cecily counts too.
    QCOMPARE(repo.certifiedContactCount(acn.id, QDate(2026, 4, 1)), 3);
    // 2023-06-01: only Anna's first certification counts.
    QCOMPARE(repo.certifiedContactCounts(QDate(2023, 6, 1)), (QHash<QString, int>{{acn.id, 1}}));
    // 2024-01-10: Anna's first certification has just expired, her second is not earned yet.
    QCOMPARE(repo.certifiedContactCounts(QDate(2024, 1, 10)), (QHash<QString, int>{}));
    // Restoring Elease's certification makes CDW count again; archiving Boris (the contact) drops him.
    repo.restore(removed.id);
    contacts.archive(boris.id);
    QCOMPARE(repo.certifiedContactCounts(d), (QHash<QString, int>{{acn.id, 1}, {cdw.id, 1}}));
}

void TestCertifications::expiringWithin60Days()
{
    PD_OPEN_BOOK(db, m_databases);
    Repositories r(*db, m_clock);
    auto& [partners, contacts, repo] = r;
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const Contact anna = makeContact(contacts, acn, QStringLiteral("Anna Snelling"));
    const Contact boris = makeContact(contacts, acn, QStringLiteral("Boris Faz"));
    const CertificationType sales = makeType(repo, QStringLiteral("Sales Associate"), 12);
    const CertificationType tech = makeType(repo, QStringLiteral("Technical Specialist"), 24);

    // The clock's today is 2026-03-01; 60 days ahead is 2026-04-30.
    const QDate today = m_clock.todayUtc();
    QCOMPARE(today.addDays(60), QDate(2026, 4, 30));
    certify(repo, anna, sales, QDate(2025, 3, 13));  // expires 2026-03-13: in 12 days
    certify(repo, boris, sales, QDate(2025, 4, 30)); // expires 2026-04-30: in 60 days, the last day of the window
    certify(repo, boris, sales, QDate(2025, 5, 1));  // expires 2026-05-01: in 61 days
    certify(repo, anna, tech, QDate(2024, 2, 20));   // expired 2026-02-20
    const QList<Certification> expiring = repo.listExpiring(today, today.addDays(kCertificationWarningDays));
    QCOMPARE(names(expiring), (QStringList{"Anna Snelling/Sales Associate", "Boris Faz/Sales Associate"}));
    QCOMPARE(expiring.at(0).expiresOn, QDate(2026, 3, 13));
    QCOMPARE(toString(certificationStatus(expiring.at(0), today)), toString(CertificationStatus::Expiring));
    QCOMPARE(today.daysTo(expiring.at(0).expiresOn), 12);
    QCOMPARE(expiring.at(1).expiresOn, QDate(2026, 4, 30));
    QCOMPARE(toString(certificationStatus(expiring.at(1), today)), toString(CertificationStatus::Expiring));
    const QList<Certification> all = repo.listForPartner(acn.id);
    QCOMPARE(all.size(), 4);
    QCOMPARE(names(all), (QStringList{"Anna Snelling/Technical Specialist", "Anna Snelling/Sales Associate",
                                      "Boris Faz/Sales Associate", "Boris Faz/Sales Associate"}));
    QCOMPARE(toString(certificationStatus(all.at(0), today)), toString(CertificationStatus::Expired));
    QCOMPARE(toString(certificationStatus(all.at(3), today)), toString(CertificationStatus::Valid));
}

void TestCertifications::undoOfAddAndTypeRules()
{
    PD_OPEN_BOOK(db, m_databases);
    Repositories r(*db, m_clock);
    auto& [partners, contacts, repo] = r;
    const Partner acn = makePartner(partners, QStringLiteral("ACN"));
    const Contact anna = makeContact(contacts, acn, QStringLiteral("Anna Snelling"));
    QUndoStack stack;
    QString error;

    CertificationType draft;
    draft.name = QStringLiteral("Sales Associate");
    draft.validityMonths = 12;
    auto addType = std::make_unique<AddCertificationTypeCommand>(repo, draft);
    auto* addTypeCommand = addType.get();
    QVERIFY2(pushCommand(stack, std::move(addType), &error), qPrintable(error));
    const CertificationType sales = addTypeCommand->type();
    QCOMPARE(repo.listTypes().size(), 1);

    Certification c;
    c.contactId = anna.id;
    c.typeId = sales.id;
    c.earnedOn = QDate(2026, 1, 15);
    QVERIFY2(pushCommand(stack, std::make_unique<AddCertificationCommand>(repo, c), &error), qPrintable(error));
    QCOMPARE(repo.certifiedContactCount(acn.id, m_clock.todayUtc()), 1);
    QCOMPARE(repo.listForPartner(acn.id).at(0).expiresOn, QDate(2027, 1, 15));

    stack.undo(); // the certification
    QCOMPARE(repo.certifiedContactCount(acn.id, m_clock.todayUtc()), 0);
    QVERIFY(repo.listForPartner(acn.id).isEmpty());
    stack.redo();
    QCOMPARE(repo.certifiedContactCount(acn.id, m_clock.todayUtc()), 1);

    // Editing the type's validity (undoable) leaves the held certification's expiry alone.
    CertificationType longer = repo.listTypes().at(0);
    longer.validityMonths = 36;
    QVERIFY2(pushCommand(stack, std::make_unique<EditCertificationTypeCommand>(repo, repo.listTypes().at(0), longer),
                         &error),
             qPrintable(error));
    QCOMPARE(repo.listTypes().at(0).validityMonths, 36);
    QCOMPARE(repo.listForPartner(acn.id).at(0).expiresOn, QDate(2027, 1, 15));
    stack.undo();
    QCOMPARE(repo.listTypes().at(0).validityMonths, 12);

    // Removing the certification (undoable); then the type can be removed.
    QVERIFY2(pushCommand(stack, std::make_unique<ArchiveCertificationCommand>(repo, repo.listForPartner(acn.id).at(0)),
                         &error),
             qPrintable(error));
    QCOMPARE(repo.certifiedContactCount(acn.id, m_clock.todayUtc()), 0);
    QVERIFY2(
        pushCommand(stack, std::make_unique<ArchiveCertificationTypeCommand>(repo, repo.listTypes().at(0)), &error),
        qPrintable(error));
    QVERIFY(repo.listTypes().isEmpty());
    QCOMPARE(repo.listTypes(true).size(), 1);
    stack.undo();
    stack.undo();
    QCOMPARE(repo.listTypes().size(), 1);
    QCOMPARE(repo.certifiedContactCount(acn.id, m_clock.todayUtc()), 1);
}

QTEST_GUILESS_MAIN(TestCertifications)
#include "tst_certifications.moc"
