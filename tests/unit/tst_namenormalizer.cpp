// Name normalization and fuzzy similarity (DESIGN.md section 3, "Name normalization").
#include "domain/NameNormalizer.h"

#include <QTest>

using namespace pd;

class TestNameNormalizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void organizations_data();
    void organizations();
    void products_data();
    void products();
    void people();
    void equivalences();
    void jaroWinklerKnownValues_data();
    void jaroWinklerKnownValues();
};

void TestNameNormalizer::organizations_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("corporation") << "Acme Corporation"
                                 << "acme";
    QTest::newRow("corp with dot, upper case") << "ACME Corp."
                                               << "acme";
    QTest::newRow("inc with comma") << "Widgets, Inc."
                                    << "widgets";
    QTest::newRow("ampersand") << "Procter & Gamble Co."
                               << "procter and gamble";
    QTest::newRow("ampersand without spaces") << "AT&T Inc."
                                              << "at and t";
    QTest::newRow("repeated suffixes") << "Southern Cross Pty Ltd"
                                       << "southern cross";
    QTest::newRow("gmbh keeps umlaut") << "Müller GmbH"
                                       << "müller";
    QTest::newRow("punctuation and spaces") << "  Hewlett-Packard   Enterprise!  "
                                            << "hewlett packard enterprise";
    QTest::newRow("suffix only in the middle kept") << "Co Op Systems"
                                                    << "co op systems";
    QTest::newRow("never the only word") << "Inc."
                                         << "inc";
    QTest::newRow("NFKC ligature") << QString::fromUtf8("\xEF\xAC\x81nance Group") << "finance group";
    QTest::newRow("NFKC full width") << QString::fromUtf8("\xEF\xBC\xA1\xEF\xBC\xA3\xEF\xBC\xAD\xEF\xBC\xA5 Ltd")
                                     << "acme";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("only punctuation") << "--.,;"
                                      << "";
}

void TestNameNormalizer::organizations()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(normalizeName(input), expected);
    QCOMPARE(normalizeName(input, NameKind::Organization), expected);
}

void TestNameNormalizer::products_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("GTXPro") << "GTXPro"
                            << "gtxpro";
    QTest::newRow("GTX Pro") << "GTX Pro"
                             << "gtxpro";
    QTest::newRow("GTX Plus Pro") << "GTX Plus Pro"
                                  << "gtxpluspro";
    QTest::newRow("MG Special") << "MG Special"
                                << "mgspecial";
    QTest::newRow("hyphen") << "GTX-Basic"
                            << "gtxbasic";
}

void TestNameNormalizer::products()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(normalizeName(input, NameKind::Product), expected);
}

void TestNameNormalizer::people()
{
    // People's names keep every word, suffix-like ones included.
    QCOMPARE(normalizeName(QStringLiteral("Anna Co"), NameKind::Person), QStringLiteral("anna co"));
    QCOMPARE(normalizeName(QStringLiteral("Darcel  Schlecht"), NameKind::Person), QStringLiteral("darcel schlecht"));
    QCOMPARE(normalizeName(QStringLiteral("Zoë O'Brien"), NameKind::Person), QStringLiteral("zoë o brien"));
}

void TestNameNormalizer::equivalences()
{
    QCOMPARE(normalizeName(QStringLiteral("Acme Corporation")), normalizeName(QStringLiteral("ACME Corp.")));
    QCOMPARE(normalizeName(QStringLiteral("GTXPro"), NameKind::Product),
             normalizeName(QStringLiteral("GTX Pro"), NameKind::Product));
    QVERIFY(normalizeName(QStringLiteral("GTX Pro"), NameKind::Product) !=
            normalizeName(QStringLiteral("GTX Basic"), NameKind::Product));
}

void TestNameNormalizer::jaroWinklerKnownValues_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<double>("expected");
    // Textbook values (Winkler 1990; prefix scale 0.1, prefix at most 4), rounded to 3 decimals.
    QTest::newRow("MARTHA/MARHTA") << "MARTHA"
                                   << "MARHTA" << 0.961;
    QTest::newRow("DWAYNE/DUANE") << "DWAYNE"
                                  << "DUANE" << 0.840;
    QTest::newRow("DIXON/DICKSONX") << "DIXON"
                                    << "DICKSONX" << 0.813;
    QTest::newRow("identical") << "acme"
                               << "acme" << 1.0;
    QTest::newRow("both empty") << ""
                                << "" << 1.0;
    QTest::newRow("one empty") << "acme"
                               << "" << 0.0;
    QTest::newRow("nothing in common") << "abc"
                                       << "xyz" << 0.0;
}

void TestNameNormalizer::jaroWinklerKnownValues()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(double, expected);
    QCOMPARE(qRound(jaroWinkler(a, b) * 1000) / 1000.0, expected);
    QCOMPARE(qRound(jaroWinkler(b, a) * 1000) / 1000.0, expected); // symmetric
}

QTEST_GUILESS_MAIN(TestNameNormalizer)
#include "tst_namenormalizer.moc"
