// Attribution models (DESIGN.md section 3) with 1, 2, 3 and 5 touches; credits sum to the amount exactly.
#include "domain/Attribution.h"

#include <QTest>
#include <numeric>

using namespace pd;

Q_DECLARE_METATYPE(pd::AttributionModel)

namespace {
QList<PartnerTouch> touches(int n, int registrationAt = 0)
{
    QList<PartnerTouch> t;
    for (int i = 0; i < n; ++i)
        t.append({QStringLiteral("P%1").arg(i + 1), QDate(2017, 3, 1).addDays(7 * i), i == registrationAt});
    return t;
}
} // namespace

class TestAttribution : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void credits_data()
    {
        QTest::addColumn<AttributionModel>("model");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("registrationAt");
        QTest::addColumn<QList<qint64>>("expected"); // of 100000 minor units (1,000.00), per touch
        const auto F = AttributionModel::FirstTouch, L = AttributionModel::LastTouch, Li = AttributionModel::Linear,
                   U = AttributionModel::UShaped, W = AttributionModel::WShaped;
        QTest::newRow("first/1") << F << 1 << 0 << QList<qint64>{100000};
        QTest::newRow("first/2") << F << 2 << 0 << QList<qint64>{100000, 0};
        QTest::newRow("first/3") << F << 3 << 0 << QList<qint64>{100000, 0, 0};
        QTest::newRow("first/5") << F << 5 << 0 << QList<qint64>{100000, 0, 0, 0, 0};
        QTest::newRow("last/1") << L << 1 << 0 << QList<qint64>{100000};
        QTest::newRow("last/2") << L << 2 << 0 << QList<qint64>{0, 100000};
        QTest::newRow("last/3") << L << 3 << 0 << QList<qint64>{0, 0, 100000};
        QTest::newRow("last/5") << L << 5 << 0 << QList<qint64>{0, 0, 0, 0, 100000};
        QTest::newRow("linear/1") << Li << 1 << 0 << QList<qint64>{100000};
        QTest::newRow("linear/2") << Li << 2 << 0 << QList<qint64>{50000, 50000};
        QTest::newRow("linear/3") << Li << 3 << 0 << QList<qint64>{33334, 33333, 33333}; // remainder cent to t1
        QTest::newRow("linear/5") << Li << 5 << 0 << QList<qint64>{20000, 20000, 20000, 20000, 20000};
        QTest::newRow("u/1") << U << 1 << 0 << QList<qint64>{100000};
        QTest::newRow("u/2") << U << 2 << 0 << QList<qint64>{50000, 50000};
        QTest::newRow("u/3") << U << 3 << 0 << QList<qint64>{40000, 20000, 40000};
        QTest::newRow("u/5") << U << 5 << 0 << QList<qint64>{40000, 6667, 6667, 6666, 40000};
        QTest::newRow("w/1") << W << 1 << 0 << QList<qint64>{100000};
        QTest::newRow("w/2") << W << 2 << 0 << QList<qint64>{50000, 50000};
        QTest::newRow("w/3") << W << 3 << 0 << QList<qint64>{33334, 33333, 33333};
        // n=5, registration is t1 → the 30% key touch is t2; t3 and t4 share 10%.
        QTest::newRow("w/5 reg t1") << W << 5 << 0 << QList<qint64>{30000, 30000, 5000, 5000, 30000};
        // n=5, registration is t3 → t3 gets 30%; t2 and t4 share 10%.
        QTest::newRow("w/5 reg t3") << W << 5 << 2 << QList<qint64>{30000, 5000, 30000, 5000, 30000};
    }

    void credits()
    {
        QFETCH(AttributionModel, model);
        QFETCH(int, n);
        QFETCH(int, registrationAt);
        QFETCH(QList<qint64>, expected);
        const auto t = touches(n, registrationAt);
        const QList<qint64> parts = allocateMinorUnits(100000, attributionWeights(model, t, QDate(2017, 6, 1)));
        QCOMPARE(parts, expected);
        QCOMPARE(std::accumulate(parts.begin(), parts.end(), qint64(0)), qint64(100000));
    }

    void timeDecayHalvesEveryHalfLife()
    {
        // Touches 14, 7 and 0 days before close with a 7-day half-life: weights 1 : 2 : 4 → 1/7, 2/7, 4/7.
        const QDate close(2017, 6, 15);
        const QList<PartnerTouch> t = {{QStringLiteral("A"), close.addDays(-14), true},
                                       {QStringLiteral("B"), close.addDays(-7), false},
                                       {QStringLiteral("C"), close, false}};
        const auto w = attributionWeights(AttributionModel::TimeDecay, t, close, 7.0);
        QVERIFY(qAbs(w[0] - 1.0 / 7) < 1e-12);
        QVERIFY(qAbs(w[1] - 2.0 / 7) < 1e-12);
        QVERIFY(qAbs(w[2] - 4.0 / 7) < 1e-12);
        const auto parts = allocateMinorUnits(100000, w);
        QCOMPARE(parts, (QList<qint64>{14286, 28571, 57143}));
    }

    void creditsAlwaysSumToTheAmount_data()
    {
        QTest::addColumn<AttributionModel>("model");
        for (AttributionModel m : allAttributionModels())
            QTest::newRow(qPrintable(toString(m))) << m;
    }

    void creditsAlwaysSumToTheAmount()
    {
        QFETCH(AttributionModel, model);
        for (int n : {1, 2, 3, 5})
            for (qint64 amount : {qint64(1), qint64(99), qint64(105400), qint64(1000001), qint64(123456789)}) {
                auto t = touches(n);
                t.append(t.first()); // the first partner touches again: credits are summed per partner
                const auto credits = attribute(model, t, amount, QDate(2017, 6, 1));
                qint64 sum = 0;
                for (const auto& c : credits)
                    sum += c.amountMinor;
                QCOMPARE(sum, amount);
                QCOMPARE(credits.size(), qsizetype(n == 1 ? 1 : n));
            }
    }

    void modelNamesRoundTrip()
    {
        for (AttributionModel m : allAttributionModels())
            QCOMPARE(attributionModelFromString(toString(m)), std::optional<AttributionModel>(m));
        QCOMPARE(attributionModelFromString(QStringLiteral("first-touch")),
                 std::optional<AttributionModel>(AttributionModel::FirstTouch));
        QVERIFY(!attributionModelFromString(QStringLiteral("z-shaped")));
    }
};

QTEST_GUILESS_MAIN(TestAttribution)
#include "tst_attribution.moc"
