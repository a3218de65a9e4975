// The fast paths of import parsing give what the general paths give: amounts in the simple form
// (NumberFormat::simpleMinorUnits against canonical() + parseMinorUnits()), cell views against get(), the TextMap
// caches against a plain map, and the CSV reader's reused field strings against copies the caller kept.
#include "domain/Money.h"
#include "io/CsvReader.h"
#include "io/EntityImporter.h"
#include "io/FileKeys.h"
#include "io/NumberFormat.h"

#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;
using pd::importing::FileKeys;
using pd::importing::Source;
using pd::importing::TextMap;

class TestParseFastPaths : public QObject
{
    Q_OBJECT

private:
    /// The general path: canonical text, then minor units.
    static std::optional<qint64> slow(const NumberFormat& f, const QString& text, const QString& currency, qint64 scale)
    {
        QString reason;
        const std::optional<QString> canonical = f.canonical(text, &reason);
        return canonical ? parseMinorUnits(*canonical, currency, scale, &reason) : std::nullopt;
    }

private Q_SLOTS:
    void simpleAmountsMatchTheGeneralPath()
    {
        const QStringList texts = {"0",
                                   "5",
                                   "2863.00",
                                   "2863.0",
                                   "2863.5",
                                   "2863.05",
                                   "0.01",
                                   "007.50",
                                   "1234567.89",
                                   "2088000.00",
                                   "999999999999999999",
                                   "9223372036854775807",
                                   "92233720368547758.07",
                                   "92233720368547758.08",
                                   "9223372036854775808",
                                   "1000000000000000000",
                                   "12345678901234567890",
                                   "1.5",
                                   "1.25",
                                   "1.125",
                                   "1.1250",
                                   "1.12500",
                                   "1.1234",
                                   "1.12345",
                                   ".5",
                                   "5.",
                                   "1,5",
                                   "1,50",
                                   "1.000",
                                   "1,000",
                                   "1 000",
                                   "1'000",
                                   "-5",
                                   "+5",
                                   " 5",
                                   "5 ",
                                   "5.5.5",
                                   "5,5,5",
                                   "1,234.56",
                                   "1.234,56",
                                   "",
                                   "-",
                                   ".",
                                   ",",
                                   "x",
                                   "5x",
                                   "٣",
                                   "５",
                                   "1\u00A0000,50",
                                   "00000000000000000001",
                                   "0.000",
                                   "0.0000001"};
        const QStringList formats = NumberFormat::presets();
        const QStringList currencies = {"USD", "JPY", "BHD", "CLF", "IQD", "EUR"};
        const QList<qint64> scales = {1, 10, 1000, 1000000000, 1000000001};
        int fast = 0;
        for (const QString& example : formats) {
            const NumberFormat f = *NumberFormat::fromExample(example);
            for (const QString& currency : currencies) {
                const int digits = currencyMinorDigits(currency);
                for (qint64 scale : scales) {
                    for (const QString& text : texts) {
                        const std::optional<qint64> quick = f.simpleMinorUnits(text, digits, scale);
                        if (!quick)
                            continue;
                        ++fast;
                        const std::optional<qint64> general = slow(f, text, currency, scale);
                        QVERIFY2(general && *general == *quick,
                                 qPrintable(QStringLiteral("%1 under %2 in %3 ×%4: fast %5, general %6")
                                                .arg(text, example, currency)
                                                .arg(scale)
                                                .arg(*quick)
                                                .arg(general ? QString::number(*general) : QStringLiteral("refused"))));
                    }
                }
            }
        }
        QVERIFY(fast > 500); // the fast path does take the common forms
    }

    void simpleAmountsLeaveTheRestToTheGeneralPath()
    {
        const NumberFormat point = *NumberFormat::fromExample(QStringLiteral("1,234.56"));
        const NumberFormat comma = *NumberFormat::fromExample(QStringLiteral("1.234,56"));
        QCOMPARE(point.simpleMinorUnits(u"2863.00", 2, 1).value_or(-1), qint64(286300));
        QCOMPARE(comma.simpleMinorUnits(u"2863,5", 2, 1).value_or(-1), qint64(286350));
        QCOMPARE(point.simpleMinorUnits(u"12", 0, 1000).value_or(-1), qint64(12000));
        QCOMPARE(point.simpleMinorUnits(u"92233720368547758.07", 2, 1).value_or(-1),
                 std::numeric_limits<qint64>::max());
        // Anything else is not decided here: grouping, signs, spaces, the other separator, more decimals than the
        // currency has, overflow, a bare separator.
        for (const char16_t* text : {u"1,234.56", u"-5", u"+5", u" 5", u"1,5", u"1.125", u"92233720368547758.08", u".5",
                                     u"5.", u"", u"1.2.3", u"١٢"})
            QVERIFY(!point.simpleMinorUnits(text, 2, 1));
        QVERIFY(!comma.simpleMinorUnits(u"1.5", 2, 1));
        QVERIFY(!point.simpleMinorUnits(u"5", 2, 0));
        QVERIFY(!point.simpleMinorUnits(u"5", 7, 1));
    }

    void cellViewsMatchGet()
    {
        QMap<QString, QString> map = {{"Sub", "Submitted"}, {"*", "Draft"}};
        QMap<QString, QString> mapWithoutOtherwise = {{"Sub", "Submitted"}};
        QList<Source> sources;
        for (int variant = 0; variant < 6; ++variant) {
            Source s;
            s.field = QStringLiteral("status");
            s.index = variant == 5 ? 7 : 1; // 7: a column the row does not have
            s.hasConstant = variant >= 3;
            s.constant = QStringLiteral("Approved");
            if (variant == 1 || variant == 3) {
                s.map = &map;
                s.hasOtherwise = true;
                s.otherwise = QStringLiteral("Draft");
            } else if (variant == 2 || variant == 4) {
                s.map = &mapWithoutOtherwise;
            }
            sources.append(s);
        }
        const QStringList cells = {"Sub", " Sub ", "\tSub", "Sub\u00A0", "\u2003Sub", "Other",
                                   "",    "  ",    "S",     "é",         "Sub é",     "\u00A0"};
        for (const Source& s : sources) {
            for (const QString& cell : cells) {
                const QStringList row = {QStringLiteral("x"), cell};
                QCOMPARE(importing::view(s, row).toString(), importing::get(s, row));
            }
        }
    }

    void textMapFindsWhatWasInserted()
    {
        TextMap<int> map;
        QMap<std::pair<QString, QString>, int> reference;
        bool inserted = false;
        // Short keys (kept in their entry) and long ones (kept in the shared buffer), one and two parts, and keys
        // that differ only in where the parts split.
        for (int i = 0; i < 5000; ++i) {
            const QString a =
                i % 3 == 0 ? QStringLiteral("P%1").arg(i) : QStringLiteral("a long partner key %1").arg(i);
            const QString b = i % 2 == 0 ? QString() : QStringLiteral("contact %1").arg(i % 97);
            int& v = map.findOrInsert(a, b, &inserted);
            QVERIFY(inserted);
            v = i;
            reference.insert({a, b}, i);
        }
        QCOMPARE(map.size(), 5000);
        for (auto it = reference.cbegin(); it != reference.cend(); ++it) {
            const int* v = map.find(it.key().first, it.key().second);
            QVERIFY(v);
            QCOMPARE(*v, it.value());
            QCOMPARE(map.findOrInsert(it.key().first, it.key().second, &inserted), it.value());
            QVERIFY(!inserted);
        }
        QVERIFY(!map.find(u"P3contact 3"));
        QVERIFY(!map.find(u"P", u"3"));
        map.findOrInsert(u"ab", u"c", &inserted) = 1;
        QVERIFY(inserted);
        QVERIFY(!map.find(u"a", u"bc"));
        map.findOrInsert(u"a", u"bc", &inserted) = 2;
        QVERIFY(inserted);
        QCOMPARE(*map.find(u"ab", u"c"), 1);
        QCOMPARE(*map.find(u"a", u"bc"), 2);
    }

    void textMapRemovesTheLastInsertion()
    {
        TextMap<qint64> rows;
        bool inserted = false;
        for (qint64 i = 0; i < 300; ++i) {
            const QString key = i % 2 ? QStringLiteral("D%1").arg(i) : QStringLiteral("a rather long key D%1").arg(i);
            rows.findOrInsert(key, {}, &inserted) = i;
            QVERIFY(inserted);
            if (i % 3 == 0) {
                rows.removeLast(); // an invalid row gives its key back
                QVERIFY(!rows.find(key));
            }
        }
        QCOMPARE(rows.size(), 200);
        for (qint64 i = 0; i < 300; ++i) {
            const QString key = i % 2 ? QStringLiteral("D%1").arg(i) : QStringLiteral("a rather long key D%1").arg(i);
            const qint64* row = rows.find(key);
            QCOMPARE(row != nullptr, i % 3 != 0);
            if (row)
                QCOMPARE(*row, i);
        }
        // A key given back can be claimed again.
        rows.findOrInsert(u"D3", {}, &inserted) = 1000;
        QVERIFY(inserted);
        QCOMPARE(*rows.find(u"D3"), 1000);
    }

    void fileKeysGiveTheFirstRowOfEveryKey()
    {
        // 100,000 keys (the table grows several times), every tenth seen again later, every seventh given back by an
        // invalid row right after it was recorded, against a QHash doing the same.
        FileKeys keys;
        QHash<QString, qint64> reference;
        for (qint64 row = 2; row < 100002; ++row) {
            const qint64 n = row % 10 == 0 ? row / 10 : row; // every tenth row repeats an earlier key
            const QString key = n % 4 ? QStringLiteral("D%1").arg(n, 7, 10, QLatin1Char('0'))
                                      : QStringLiteral("a longer external id %1 ä").arg(n);
            const qint64 first = keys.findOrInsert(key, keys.hash(key), row);
            const auto it = reference.constFind(key);
            QCOMPARE(first, it == reference.constEnd() ? -1 : it.value());
            if (first < 0) {
                if (row % 7 == 0)
                    keys.removeLast(); // an invalid row does not claim its key
                else
                    reference.insert(key, row);
            }
        }
        QCOMPARE(keys.size(), reference.size());
        for (auto it = reference.cbegin(); it != reference.cend(); ++it)
            QCOMPARE(keys.findOrInsert(it.key(), keys.hash(it.key()), 999999), it.value());
        // Keys that differ only in length or case are different keys.
        QCOMPARE(keys.findOrInsert(u"d0000003", keys.hash(u"d0000003"), 5), -1);
        QCOMPARE(keys.findOrInsert(u"D000000", keys.hash(u"D000000"), 6), -1);
    }

    void fieldsKeptByTheCallerStayAsTheyWere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b,c\nlonger value,x,\"q\"\"uote\"\nv,y\nSøren,é,caf\xC3\xA9\n,,\nw,z,last\n");
        f.close();
        CsvReader r;
        QVERIFY2(r.open(path), qPrintable(r.error()));
        QStringList row;
        QList<QStringList> rows;
        QStringList firstCells;
        while (r.next(row)) {
            rows.append(row);
            firstCells.append(row.at(0)); // a copy of one cell while the reader goes on reusing its strings
        }
        QVERIFY(r.error().isEmpty());
        const QList<QStringList> expected = {
            {"longer value", "x", "q\"uote"}, {"v", "y"}, {"Søren", "é", "café"}, {"", "", ""}, {"w", "z", "last"}};
        QCOMPARE(rows, expected);
        QCOMPARE(firstCells, QStringList({"longer value", "v", "Søren", "", "w"}));
    }
};

QTEST_GUILESS_MAIN(TestParseFastPaths)
#include "tst_parsefastpaths.moc"
