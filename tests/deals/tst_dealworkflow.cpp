// Deal registration workflow, conflicts, expiry, settings and pipeline totals on SQLite and PostgreSQL.
#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ConflictRepository.h"
#include "storage/Database.h"
#include "storage/DealPartnerRepository.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/ProductRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"
#include "support/TestDatabases.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <memory>

using namespace pd;

namespace {
qint64 scalar(Database& db, const QString& sql)
{
    QSqlQuery q = db.prepare(sql);
    Database::exec(q, QStringLiteral("test query"));
    return q.next() ? q.value(0).toLongLong() : -1;
}

QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}
} // namespace

class TestDealWorkflow : public QObject
{
    Q_OBJECT

    struct Book
    {
        std::unique_ptr<Database> db;
        FixedClock clock{at("2017-01-01T09:00:00Z")};
        ChangeNotifier notifier;
        QString p1, p2, gtxPro, mgSpecial, acme, acmeDup;
    };

    test::TestDatabases m_dbs;

    std::unique_ptr<Book> openBook()
    {
        QFETCH(QString, backend);
        QString error;
        const auto config = m_dbs.forBackend(backend, &error);
        if (!config)
            qFatal("%s", qPrintable(error));
        auto b = std::make_unique<Book>();
        b->db = std::make_unique<Database>(*config);
        b->db->open();
        Migrator(*b->db).migrate();
        PartnerRepository partners(*b->db, b->clock);
        Partner p1;
        p1.key = QStringLiteral("P1");
        p1.name = QStringLiteral("Alpha Systems");
        p1.tier = QStringLiteral("Gold");
        Partner p2;
        p2.key = QStringLiteral("P2");
        p2.name = QStringLiteral("Beta Networks");
        partners.insert(p1);
        partners.insert(p2);
        b->p1 = p1.id;
        b->p2 = p2.id;
        const QString stamp = toIsoUtc(b->clock.nowUtc());
        QList<Product> products(2);
        products[0].name = QStringLiteral("GTX Pro");
        products[0].listPriceMinor = 482100;
        products[1].name = QStringLiteral("MG Special");
        products[1].listPriceMinor = 5500;
        QList<Account> accounts(2);
        accounts[0].name = QStringLiteral("Acme Corporation");
        accounts[0].webDomain = QStringLiteral("acme.com");
        accounts[1].name = QStringLiteral("Acme Holdings");
        accounts[1].webDomain = QStringLiteral("acme.com");
        Transaction tx(*b->db);
        ProductRepository(*b->db).insertMany(products, stamp);
        AccountRepository(*b->db).insertMany(accounts, stamp);
        tx.commit();
        b->gtxPro = products[0].id;
        b->mgSpecial = products[1].id;
        b->acme = accounts[0].id;
        b->acmeDup = accounts[1].id;
        return b;
    }

    static Deal draft(const Book&, const QString& partner, const QString& account, const QString& product,
                      qint64 amount = -1)
    {
        Deal d;
        d.partnerId = partner;
        d.accountId = account;
        d.productId = product;
        d.amountMinor = amount;
        return d;
    }

private Q_SLOTS:
    void submitApproveExtendWinAndUndo_data() { test::TestDatabases::addBackendRows(); }
    void submitApproveExtendWinAndUndo()
    {
        auto b = openBook();
        DealWorkflowRepository wf(*b->db, b->clock, &b->notifier);
        QSignalSpy changed(&b->notifier, &ChangeNotifier::dealsChanged);
        Deal d = draft(*b, b->p1, b->acme, b->gtxPro, 500000);
        wf.createDraft(d);
        QCOMPARE(changed.count(), 1);
        const ProgramSettings settings; // automatic approval off
        b->clock.set(at("2017-01-10T12:00:00Z"));
        const DealState beforeSubmit = wf.apply(d.id, DealAction::Submit, {}, settings);
        QCOMPARE(toString(beforeSubmit.status), toString(DealStatus::Draft));
        DealState s = wf.state(d.id);
        QCOMPARE(toString(s.status), toString(DealStatus::Submitted));
        QCOMPARE(s.registeredAt, at("2017-01-10T12:00:00Z"));
        QCOMPARE(s.registrationNumber, qint64(1));
        QCOMPARE(s.decidedBy, QStringLiteral("automatic approval is off"));
        wf.apply(d.id, DealAction::Approve, {}, settings);
        wf.apply(d.id, DealAction::Extend, {}, settings);
        QVERIFY(wf.state(d.id).extended);
        QVERIFY_THROWS_EXCEPTION(StorageError, wf.apply(d.id, DealAction::Extend, {}, settings)); // only once
        DealActionInput won;
        won.amountMinor = 612300;
        won.closeDate = QDate(2017, 3, 1);
        const DealState beforeWin = wf.apply(d.id, DealAction::MarkWon, won, settings);
        s = wf.state(d.id);
        QCOMPARE(toString(s.status), toString(DealStatus::Won));
        QCOMPARE(s.amountMinor, qint64(612300));
        QCOMPARE(s.closedOn, QDate(2017, 3, 1));
        QVERIFY_THROWS_EXCEPTION(StorageError, wf.apply(d.id, DealAction::Approve, {}, settings)); // Won is final
        wf.restore(d.id, beforeWin);                                                               // undo "mark won"
        s = wf.state(d.id);
        QCOMPARE(toString(s.status), toString(DealStatus::Approved));
        QCOMPARE(s.amountMinor, qint64(500000));
        QVERIFY(!s.closedOn.isValid());
        QVERIFY(s.extended);
        // create, submit, approve, extend, won, undo: six audit entries and six change-log entries for the deal.
        QCOMPARE(scalar(*b->db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity = 'deals'")), qint64(6));
        QCOMPARE(scalar(*b->db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'deals'")), qint64(6));
        QCOMPARE(changed.count(), 6);
    }

    void rejectNeedsAReasonAndEndsProtection_data() { test::TestDatabases::addBackendRows(); }
    void rejectNeedsAReasonAndEndsProtection()
    {
        auto b = openBook();
        DealWorkflowRepository wf(*b->db, b->clock);
        Deal d = draft(*b, b->p1, b->acme, b->gtxPro);
        wf.createDraft(d);
        wf.apply(d.id, DealAction::Submit, {}, ProgramSettings());
        QVERIFY_THROWS_EXCEPTION(StorageError, wf.apply(d.id, DealAction::Reject, {}, ProgramSettings()));
        DealActionInput input;
        input.reason = QStringLiteral("Customer already served by direct sales");
        b->clock.set(at("2017-01-05T08:00:00Z"));
        wf.apply(d.id, DealAction::Reject, input, ProgramSettings());
        const DealState s = wf.state(d.id);
        QCOMPARE(toString(s.status), toString(DealStatus::Rejected));
        QCOMPARE(s.rejectReason, input.reason);
        QCOMPARE(s.closedOn, QDate(2017, 1, 5));
    }

    void automaticApprovalRecordsTheRule_data() { test::TestDatabases::addBackendRows(); }
    void automaticApprovalRecordsTheRule()
    {
        auto b = openBook();
        DealWorkflowRepository wf(*b->db, b->clock);
        ProgramSettings settings;
        settings.autoApproval.enabled = true;
        settings.autoApproval.requireNoConflict = true;
        settings.autoApproval.minTierRank = 2; // Gold and up
        settings.autoApproval.maxAmountMinor = 1000000;
        Deal first = draft(*b, b->p1, b->acme, b->gtxPro, 500000);
        wf.createDraft(first);
        wf.apply(first.id, DealAction::Submit, {}, settings);
        DealState s = wf.state(first.id);
        QCOMPARE(toString(s.status), toString(DealStatus::Approved));
        QCOMPARE(s.decidedBy,
                 QStringLiteral("auto-approved: no conflict, tier rank 2 ≥ 2, amount 5000.00 USD ≤ 10000.00 USD"));

        // P2 registers the same product for "Acme Holdings" (same web domain) a day later: a conflict.
        b->clock.set(at("2017-01-02T09:00:00Z"));
        Deal second = draft(*b, b->p2, b->acmeDup, b->gtxPro, 100);
        wf.createDraft(second);
        wf.apply(second.id, DealAction::Submit, {}, settings);
        s = wf.state(second.id);
        QCOMPARE(toString(s.status), toString(DealStatus::Submitted));
        QCOMPARE(s.registrationNumber, qint64(2));
        QCOMPARE(s.decidedBy, QStringLiteral("left for review: conflicts with 1 earlier registration(s)"));

        ConflictRepository conflicts(*b->db);
        const auto all = conflicts.allConflicts(settings.rules);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().later.partnerKey, QStringLiteral("P2"));
        QCOMPARE(all.first().earlier.partnerKey, QStringLiteral("P1"));
        QCOMPARE(all.first().earlier.registrationNumber, qint64(1));
        QCOMPARE(all.first().secondsFirst, qint64(86400));
        QCOMPARE(all.first().product, QStringLiteral("GTX Pro"));

        conflicts.resolve(second.id, first.id, QStringLiteral("accepted both"), QStringLiteral("Different divisions"),
                          b->clock);
        const auto resolved = conflicts.allConflicts(settings.rules);
        QCOMPARE(resolved.first().resolution, QStringLiteral("accepted both"));
        QCOMPARE(resolved.first().reason, QStringLiteral("Different divisions"));
    }

    void liveCheckWarnsBeforeSubmitting_data() { test::TestDatabases::addBackendRows(); }
    void liveCheckWarnsBeforeSubmitting()
    {
        auto b = openBook();
        DealWorkflowRepository wf(*b->db, b->clock);
        Deal first = draft(*b, b->p1, b->acme, b->gtxPro);
        wf.createDraft(first);
        wf.apply(first.id, DealAction::Submit, {}, ProgramSettings());
        const ConflictRepository conflicts(*b->db);
        const ProgramRules rules;
        // "ACME Corp." normalizes like "Acme Corporation": a conflict for P2, none for P1 itself.
        auto w = conflicts.liveCheck(b->p2, QStringLiteral("ACME Corp."), QString(), b->gtxPro,
                                     at("2017-02-01T00:00:00Z"), rules);
        QCOMPARE(w.size(), 1);
        QVERIFY(w.first().kind == LiveWarning::Kind::Conflict);
        QCOMPARE(w.first().other.partnerKey, QStringLiteral("P1"));
        QVERIFY(
            conflicts
                .liveCheck(b->p1, QStringLiteral("ACME Corp."), QString(), b->gtxPro, at("2017-02-01T00:00:00Z"), rules)
                .isEmpty());
        // Another product, or after the 90-day window: nothing.
        QVERIFY(
            conflicts
                .liveCheck(b->p2, QStringLiteral("Acme"), QString(), b->mgSpecial, at("2017-02-01T00:00:00Z"), rules)
                .isEmpty());
        QVERIFY(
            conflicts.liveCheck(b->p2, QStringLiteral("Acme"), QString(), b->gtxPro, at("2017-04-02T00:00:00Z"), rules)
                .isEmpty());
        // "Acme Corporatoin" (a typo) is not the same customer, but a possible duplicate.
        w = conflicts.liveCheck(b->p2, QStringLiteral("Acmee"), QString(), b->gtxPro, at("2017-02-01T00:00:00Z"),
                                rules);
        QCOMPARE(w.size(), 1);
        QVERIFY(w.first().kind == LiveWarning::Kind::PossibleDuplicate);
        QVERIFY(w.first().similarity >= 0.92);
        // The same web domain under another name is a conflict.
        w = conflicts.liveCheck(b->p2, QStringLiteral("Totally Different"), QStringLiteral("ACME.com"), b->gtxPro,
                                at("2017-02-01T00:00:00Z"), rules);
        QCOMPARE(w.size(), 1);
        QVERIFY(w.first().kind == LiveWarning::Kind::Conflict);
    }

    void expireOverdueRegistrations_data() { test::TestDatabases::addBackendRows(); }
    void expireOverdueRegistrations()
    {
        auto b = openBook();
        DealWorkflowRepository wf(*b->db, b->clock);
        ProgramSettings settings;
        b->clock.set(at("2017-01-01T00:00:00Z"));
        Deal a = draft(*b, b->p1, b->acme, b->gtxPro);
        wf.createDraft(a);
        wf.apply(a.id, DealAction::Submit, {}, settings);
        Deal c = draft(*b, b->p2, b->acme, b->mgSpecial);
        wf.createDraft(c);
        wf.apply(c.id, DealAction::Submit, {}, settings);
        wf.apply(c.id, DealAction::Extend, {}, settings); // protected until 2017-06-30
        // Windows: a until 2017-04-01T00:00Z, c until 2017-06-30T00:00Z.
        QCOMPARE(wf.expireOverdue(QDate(2017, 3, 31), settings.rules), 0);
        QCOMPARE(wf.expireOverdue(QDate(2017, 4, 1), settings.rules), 1);
        QCOMPARE(toString(wf.state(a.id).status), toString(DealStatus::Expired));
        QCOMPARE(toString(wf.state(c.id).status), toString(DealStatus::Submitted));
        QCOMPARE(wf.expireOverdue(QDate(2017, 6, 30), settings.rules), 1);
        QCOMPARE(wf.expireOverdue(QDate(2017, 12, 31), settings.rules), 0);
        QCOMPARE(scalar(*b->db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'expire'")), qint64(2));
    }

    void programSettingsRoundTrip_data() { test::TestDatabases::addBackendRows(); }
    void programSettingsRoundTrip()
    {
        auto b = openBook();
        ProgramSettingsRepository repo(*b->db, b->clock);
        const ProgramSettings defaults = repo.load();
        QCOMPARE(defaults.rules.protectionDays, 90);
        QCOMPARE(defaults.rules.extensionDays, 90);
        QCOMPARE(defaults.rules.submittedProbability, 10);
        QCOMPARE(defaults.rules.approvedProbability, 30);
        QVERIFY(!defaults.autoApproval.enabled);
        QVERIFY(!defaults.dailyExpiry);
        ProgramSettings s = defaults;
        s.rules.protectionDays = 60;
        s.rules.approvedProbability = 45;
        s.autoApproval.enabled = true;
        s.autoApproval.maxAmountMinor = 2500000;
        s.dailyExpiry = true;
        repo.save(s);
        const ProgramSettings loaded = repo.load();
        QCOMPARE(loaded.rules.protectionDays, 60);
        QCOMPARE(loaded.rules.approvedProbability, 45);
        QVERIFY(loaded.autoApproval.enabled);
        QCOMPARE(loaded.autoApproval.maxAmountMinor, qint64(2500000));
        QVERIFY(loaded.dailyExpiry);
        s.rules.submittedProbability = 140;
        QVERIFY_THROWS_EXCEPTION(StorageError, repo.save(s));
        QCOMPARE(repo.load().rules.submittedProbability, 10); // nothing written
    }

    void pipelineTotals_data() { test::TestDatabases::addBackendRows(); }
    void pipelineTotals()
    {
        auto b = openBook();
        DealWorkflowRepository wf(*b->db, b->clock);
        const ProgramSettings settings;
        auto make = [&](const QString& partner, const QString& product, qint64 amount) {
            Deal d = draft(*b, partner, b->acme, product, amount);
            wf.createDraft(d);
            return d.id;
        };
        // Draft without amount (GTX Pro list price 4,821.00), Submitted 1,000.00, Approved without amount
        // (MG Special list 55.00), Won 2,000.00 on 2017-02-10, Won 3,000.00 on 2016-12-20, Lost 500.00.
        make(b->p1, b->gtxPro, -1);
        const QString submitted = make(b->p1, b->gtxPro, 100000);
        wf.apply(submitted, DealAction::Submit, {}, settings);
        const QString approved = make(b->p2, b->mgSpecial, -1);
        wf.apply(approved, DealAction::Submit, {}, settings);
        wf.apply(approved, DealAction::Approve, {}, settings);
        auto close = [&](const QString& partner, qint64 amount, DealAction action, QDate on) {
            const QString id = make(partner, b->mgSpecial, amount);
            wf.apply(id, DealAction::Submit, {}, settings);
            wf.apply(id, DealAction::Approve, {}, settings);
            DealActionInput in;
            in.closeDate = on;
            wf.apply(id, action, in, settings);
        };
        close(b->p1, 200000, DealAction::MarkWon, QDate(2017, 2, 10));
        close(b->p1, 300000, DealAction::MarkWon, QDate(2016, 12, 20));
        close(b->p2, 50000, DealAction::MarkLost, QDate(2017, 1, 15));

        const PipelineRepository pipeline(*b->db);
        const auto total = pipeline.summary(QDate(2017, 3, 31), settings.rules, QStringLiteral("USD"), false);
        QCOMPARE(total.size(), 1);
        const PipelineSummary& t = total.first();
        QCOMPARE(t.openCount, qint64(3));
        QCOMPARE(t.openAmountMinor, qint64(482100 + 100000 + 5500));
        // weighted = 0% × 4,821.00 + 10% × 1,000.00 + 30% × 55.00 = 116.50 → 11650 minor units (× 100).
        QCOMPARE(t.weightedX100, qint64(1165000));
        QCOMPARE(t.wonPeriodMinor, qint64(200000)); // Q1 2017 only
        QCOMPARE(t.wonCount, qint64(2));
        QCOMPARE(t.lostCount, qint64(1));
        QCOMPARE(t.winRate().value(), 2.0 / 3.0);
        QCOMPARE(t.winRateByAmount().value(), 500000.0 / 550000.0);
        QCOMPARE(t.periodStart, QDate(2017, 1, 1));

        const auto byPartner = pipeline.summary(QDate(2017, 3, 31), settings.rules, QStringLiteral("USD"), true);
        QCOMPARE(byPartner.size(), 2);
        QCOMPARE(byPartner[0].partnerKey, QStringLiteral("P1"));
        QCOMPARE(byPartner[0].winRate().value(), 1.0);
        QCOMPARE(byPartner[1].partnerKey, QStringLiteral("P2"));
        QCOMPARE(byPartner[1].winRate().value(), 0.0);
        QCOMPARE(byPartner[1].openCount, qint64(1));

        DealFilter f;
        f.status = QStringLiteral("Won");
        QCOMPARE(pipeline.count(f), qint64(2));
        f = {};
        f.partnerKey = QStringLiteral("P2");
        QCOMPARE(pipeline.list(f, 10).size(), qsizetype(2));
        f = {};
        f.search = QStringLiteral("mg spec");
        QCOMPARE(pipeline.count(f), qint64(4));
        f.search = QStringLiteral("MG SPEC"); // case-insensitive
        QCOMPARE(pipeline.count(f), qint64(4));
        f.search = QStringLiteral("%"); // matched literally, not as a wildcard: no name contains '%'
        QCOMPARE(pipeline.count(f), qint64(0));
    }

    void multiPartnerDealAttribution_data() { test::TestDatabases::addBackendRows(); }
    void multiPartnerDealAttribution()
    {
        auto b = openBook();
        DealWorkflowRepository wf(*b->db, b->clock);
        DealPartnerRepository dp(*b->db, b->clock);
        Deal d = draft(*b, b->p1, b->acme, b->gtxPro, 100001);
        wf.createDraft(d);
        b->clock.set(at("2017-03-01T10:00:00Z"));
        wf.apply(d.id, DealAction::Submit, {}, ProgramSettings());
        wf.apply(d.id, DealAction::Approve, {}, ProgramSettings());
        QVERIFY_THROWS_EXCEPTION(StorageError, dp.addPartner(d.id, b->p1, QStringLiteral("influencer"))); // sourcing
        QVERIFY_THROWS_EXCEPTION(StorageError, dp.addPartner(d.id, b->p2, QStringLiteral("kingmaker")));
        dp.addPartner(d.id, b->p2, QStringLiteral("influencer"));
        QCOMPARE(dp.partners(d.id).size(), 1);
        QCOMPARE(dp.partners(d.id).first().partnerKey, QStringLiteral("P2"));
        dp.addTouch(d.id, b->p2, QStringLiteral("co-sell meeting"), QDate(2017, 3, 10));
        dp.addTouch(d.id, b->p1, QStringLiteral("co-sell meeting"), QDate(2017, 3, 20));
        const auto touches = dp.touches(d.id);
        QCOMPARE(touches.size(), 3);
        QCOMPARE(touches[0].type, QStringLiteral("registration"));
        QCOMPARE(touches[0].partnerKey, QStringLiteral("P1"));
        QCOMPARE(touches[0].date, QDate(2017, 3, 1));
        // Not won yet: nothing to attribute.
        QVERIFY_THROWS_EXCEPTION(StorageError, dp.attribution(d.id, AttributionModel::Linear));
        DealActionInput won;
        won.closeDate = QDate(2017, 3, 31);
        wf.apply(d.id, DealAction::MarkWon, won, ProgramSettings());
        // Linear over t1 P1 (registration), t2 P2, t3 P1: 100001 / 3 = 33333.67 each; the two left-over cents go
        // to the earliest touches (t1, t2), so P1 gets 33334 + 33333 = 66667 and P2 33334.
        const auto linear = dp.attribution(d.id, AttributionModel::Linear);
        QCOMPARE(linear.size(), 2);
        QCOMPARE(linear[0].partnerKey, QStringLiteral("P1"));
        QVERIFY(linear[0].sourced);
        QVERIFY(!linear[1].sourced);
        QCOMPARE(linear[0].amountMinor + linear[1].amountMinor, qint64(100001));
        QCOMPARE(linear[0].amountMinor, qint64(66667));
        QCOMPARE(linear[1].amountMinor, qint64(33334));
        // First-touch: everything to the registering partner; last-touch: P1 too (last touch on 2017-03-20).
        QCOMPARE(dp.attribution(d.id, AttributionModel::FirstTouch)[0].amountMinor, qint64(100001));
        const auto last = dp.attribution(d.id, AttributionModel::LastTouch);
        QCOMPARE(last[0].amountMinor, qint64(100001));
        QCOMPARE(last[1].amountMinor, qint64(0));
    }

    void partnerChoicesAreOrderedByKey_data() { test::TestDatabases::addBackendRows(); }
    void partnerChoicesAreOrderedByKey()
    {
        auto b = openBook();
        PartnerRepository partners(*b->db, b->clock);
        Partner archived;
        archived.key = QStringLiteral("A0");
        archived.name = QStringLiteral("Gone Ltd");
        partners.insert(archived);
        partners.archive(archived.id);
        const QList<PartnerRef> refs = partners.listRefs();
        QCOMPARE(refs.size(), qsizetype(2)); // the archived partner is not offered
        QCOMPARE(refs[0].key, QStringLiteral("P1"));
        QCOMPARE(refs[0].name, QStringLiteral("Alpha Systems"));
        QCOMPARE(refs[0].id, b->p1);
        QCOMPARE(refs[1].key, QStringLiteral("P2"));
    }
};

QTEST_GUILESS_MAIN(TestDealWorkflow)
#include "tst_dealworkflow.moc"
