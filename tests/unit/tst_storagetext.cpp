// Row ids as the storage layer writes them: version 7 UUIDs in ascending order (StorageText.h, RFC 9562) and the
// 16-byte stored form of schema v6 (UuidSql.h).
#include "storage/StorageText.h"

#include <QDateTime>
#include <QTest>

using namespace pd;

class TestStorageText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timeOrderedUuidsAscendAndCarryTheTime();
    void storedBytesRoundTrip();
    void parseRefusesOtherText();
};

namespace {
QString text(const RawUuid& u)
{
    char buf[36];
    u.writeAscii(buf);
    return QString::fromLatin1(buf, 36);
}
} // namespace

void TestStorageText::timeOrderedUuidsAscendAndCarryTheTime()
{
    // 2026-02-01T08:00:00.000Z = 1769932800000 ms = 0x019C18374000.
    const qint64 ms = QDateTime(QDate(2026, 2, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(ms, Q_INT64_C(1769932800000));
    const std::vector<RawUuid> first = timeOrderedRawUuids(4096, ms, 0);
    const std::vector<RawUuid> next = timeOrderedRawUuids(3, ms, 4096); // the next batch continues the sequence
    QCOMPARE(first.size(), size_t(4096));
    // The time in the first 48 bits, version 7, the sequence in the next 12 bits, the RFC 9562 variant.
    QCOMPARE(text(first[0]).left(19), QStringLiteral("019c1837-4000-7000-"));
    QCOMPARE(text(first[1]).left(19), QStringLiteral("019c1837-4000-7001-"));
    QCOMPARE(text(first[4095]).left(19), QStringLiteral("019c1837-4000-7fff-"));
    // After 4,096 ids the sequence carries into the time: one millisecond later.
    QCOMPARE(text(next[0]).left(19), QStringLiteral("019c1837-4001-7000-"));
    for (const RawUuid& u : first)
        QVERIFY(QStringLiteral("89ab").contains(text(u).at(19)));
    for (size_t i = 1; i < first.size(); ++i)
        QVERIFY(first[i - 1] < first[i]);
    QVERIFY(first.back() < next.front());
    // The random part differs from one call to the next (62 random bits).
    const std::vector<RawUuid> again = timeOrderedRawUuids(1, ms, 0);
    QVERIFY(again[0].lo != first[0].lo);
    QCOMPARE(again[0].hi, first[0].hi);
    const QStringList asText = timeOrderedUuids(2, ms, 0);
    QCOMPARE(asText.size(), 2);
    QVERIFY(asText[0] < asText[1]);
    QCOMPARE(asText[0].left(19), QStringLiteral("019c1837-4000-7000-"));
}

void TestStorageText::storedBytesRoundTrip()
{
    const QString canonical = QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    const std::optional<RawUuid> u = RawUuid::parse(canonical.toUpper());
    QVERIFY(u);
    unsigned char bytes[16];
    u->writeBytes(bytes);
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(bytes), 16).toHex(),
             QByteArray("0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"));
    const RawUuid back = RawUuid::fromBytes(bytes);
    QCOMPARE(text(back), canonical);
    const QByteArray ascii = canonical.toLatin1();
    const std::optional<RawUuid> fromAscii = RawUuid::parseAscii(ascii.constData(), ascii.size());
    QVERIFY(fromAscii);
    QCOMPARE(text(*fromAscii), canonical);
}

void TestStorageText::parseRefusesOtherText()
{
    for (const char* t : {"", "#12", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4dd",
                          "0a1b2c3d+4e5f-4a6b-8c7d-9e0f1a2b3c4d", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4g"}) {
        QVERIFY2(!RawUuid::parse(QString::fromLatin1(t)), t);
        QVERIFY2(!RawUuid::parseAscii(t, qsizetype(qstrlen(t))), t);
    }
}

QTEST_APPLESS_MAIN(TestStorageText)
#include "tst_storagetext.moc"
