// The pipeline pane's totals with FX rates (issue 11 item 6): a book with one open 1,000.00 EUR deal and no rate says
// it left the deal out; once a rate is imported through the book (fxRatesChanged) the totals convert it and say which
// rates they used. The window's clock says 2017-09-30: the open deal converts at the rate of the evaluation month.
#include "WindowAt.h"

#include "domain/Clock.h"
#include "storage/DealRepository.h"
#include "storage/FxRepository.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/Transaction.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/PipelinePane.h"

#include <QTest>

using namespace pd;

class TestFxPipeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void totalsSayWhichRatesTheyUsed();

private:
    test::TestDatabases m_dbs;
};

void TestFxPipeline::totalsSayWhichRatesTheyUsed()
{
    const DatabaseConfig config = m_dbs.sqlite();
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        FixedClock clock(QDateTime(QDate(2017, 8, 1), QTime(9, 0), Qt::UTC));
        Partner acn;
        acn.key = QStringLiteral("ACN");
        acn.name = QStringLiteral("Accenture");
        PartnerRepository(db, clock).insert(acn);
        QList<Product> products(1);
        products[0].name = QStringLiteral("GTX Pro");
        products[0].listPriceMinor = 482100;
        QList<Deal> deals(1);
        deals[0].externalId = QStringLiteral("E1");
        deals[0].registrationNumber = 1;
        deals[0].partnerId = acn.id;
        deals[0].status = DealStatus::Approved;
        deals[0].registeredAt = clock.nowUtc();
        deals[0].amountMinor = 100000;
        deals[0].currency = QStringLiteral("EUR");
        Transaction tx(db);
        ProductRepository(db).insertMany(products, toIsoUtc(clock.nowUtc()));
        deals[0].productId = products[0].id;
        DealRepository(db).insertMany(deals, toIsoUtc(clock.nowUtc()));
        tx.commit();
    }
    QString error;
    auto at = test::openWindowAt(config, QDateTime(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC),
                                 QStringLiteral("pipeline"), &error);
    QVERIFY2(at, qPrintable(error));
    PipelinePane* pane = at->window.pipelinePane();
    // No rate: the deal is counted but its amount is left out, and the totals say so.
    QTRY_COMPARE(pane->totalsText(),
                 QStringLiteral("As of 2017-09-30 Open: 1 · 0.00 USD Weighted pipeline: 0.00 USD Won this quarter: "
                                "0.00 USD Win rate: none closed yet (1 deal in EUR left out: no rate)"));
    // A rate for 2017-08 (the latest before September): 1,000.00 EUR / 0.8400 = 1,190.48 USD; 30% = 357.14 USD.
    Book& book = *at->window.book();
    FxRepository(book.database(), book.clock(), &book.notifier())
        .upsert({FxRate{QStringLiteral("EUR"), QStringLiteral("2017-08"), 84000000, QStringLiteral("csv")}},
                QStringLiteral("test"));
    QTRY_COMPARE(pane->totalsText(),
                 QStringLiteral("As of 2017-09-30 Open: 1 · 1,190.48 USD Weighted pipeline: 357.14 USD Won this "
                                "quarter: 0.00 USD Win rate: none closed yet (converted at csv rates of 2017-08)"));
}

QTEST_MAIN(TestFxPipeline)
#include "tst_fxpipeline.moc"
