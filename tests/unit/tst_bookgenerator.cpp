// The synthetic book generator (issue 2, item 8): deterministic, import-format headers, valid values.
#include "domain/CountryResolver.h"
#include "domain/Enums.h"
#include "domain/Money.h"
#include "domain/NameNormalizer.h"
#include "io/BookGenerator.h"
#include "io/ImportEntity.h"

#include <QCryptographicHash>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;

namespace {
/// A CSV file read whole: header and rows (RFC 4180 quoting; the generator writes no line breaks in fields).
struct Table
{
    QStringList header;
    QList<QStringList> rows;
    QString at(qsizetype row, const QString& column) const { return rows.at(row).at(header.indexOf(column)); }
};

QStringList splitLine(const QString& line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

Table readTable(const QString& path)
{
    Table t;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return t;
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return t;
    t.header = splitLine(lines.first());
    for (qsizetype i = 1; i < lines.size(); ++i)
        t.rows.append(splitLine(lines.at(i)));
    return t;
}

QByteArray digestOf(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

const QStringList kFiles = {QStringLiteral("products.csv"), QStringLiteral("partners.csv"),
                            QStringLiteral("contacts.csv"), QStringLiteral("accounts.csv"),
                            QStringLiteral("deals.csv")};
} // namespace

class TestBookGenerator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deterministic();
    void otherSeedDiffers();
    void headersAreImportFields_data();
    void headersAreImportFields();
    void rowCounts();
    void partnersValid();
    void contactsValid();
    void accountsValid();
    void dealsValid();
    void refusesUnwritableFolder();

private:
    QTemporaryDir m_dir;
    QString m_book; // 400 partners, 6,000 deals, seed 7
    Table m_partners, m_contacts, m_accounts, m_deals, m_products;
};

void TestBookGenerator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_book = m_dir.filePath(QStringLiteral("book"));
    QString error;
    QVERIFY2(BookGenerator::write(m_book, {400, 6000, 7}, &error), qPrintable(error));
    m_products = readTable(m_book + QStringLiteral("/products.csv"));
    m_partners = readTable(m_book + QStringLiteral("/partners.csv"));
    m_contacts = readTable(m_book + QStringLiteral("/contacts.csv"));
    m_accounts = readTable(m_book + QStringLiteral("/accounts.csv"));
    m_deals = readTable(m_book + QStringLiteral("/deals.csv"));
}

void TestBookGenerator::deterministic()
{
    const QString again = m_dir.filePath(QStringLiteral("again"));
    QString error;
    QVERIFY2(BookGenerator::write(again, {400, 6000, 7}, &error), qPrintable(error));
    for (const QString& file : kFiles) {
        const QByteArray a = digestOf(m_book + QLatin1Char('/') + file);
        QVERIFY(!a.isEmpty());
        QCOMPARE(digestOf(again + QLatin1Char('/') + file), a);
    }
}

void TestBookGenerator::otherSeedDiffers()
{
    const QString other = m_dir.filePath(QStringLiteral("other"));
    QString error;
    QVERIFY2(BookGenerator::write(other, {400, 6000, 8}, &error), qPrintable(error));
    QVERIFY(digestOf(other + QStringLiteral("/partners.csv")) != digestOf(m_book + QStringLiteral("/partners.csv")));
    QVERIFY(digestOf(other + QStringLiteral("/deals.csv")) != digestOf(m_book + QStringLiteral("/deals.csv")));
    // The product list is fixed, whatever the seed.
    QCOMPARE(digestOf(other + QStringLiteral("/products.csv")), digestOf(m_book + QStringLiteral("/products.csv")));
}

void TestBookGenerator::headersAreImportFields_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("entity");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("products") << "products.csv" << int(ImportEntity::Products)
                              << QStringList{"name", "product_line", "list_price", "currency"};
    QTest::newRow("partners") << "partners.csv" << int(ImportEntity::Partners)
                              << QStringList{
                                     "key",  "name",    "type",    "stage",  "tier", "territory", "channel_manager",
                                     "city", "country", "founded", "website"};
    QTest::newRow("contacts") << "contacts.csv" << int(ImportEntity::Contacts)
                              << QStringList{"name", "partner_key", "email", "phone", "role"};
    QTest::newRow("accounts") << "accounts.csv" << int(ImportEntity::Accounts)
                              << QStringList{
                                     "name",      "industry",         "country", "annual_revenue", "revenue_currency",
                                     "employees", "year_established", "parent",  "web_domain"};
    QTest::newRow("deals") << "deals.csv" << int(ImportEntity::Deals)
                           << QStringList{"external_id", "contact", "partner_key",   "product",
                                          "account",     "status",  "registered_at", "expected_close",
                                          "closed_on",   "amount",  "currency",      "notes"};
}

void TestBookGenerator::headersAreImportFields()
{
    QFETCH(QString, file);
    QFETCH(int, entity);
    QFETCH(QStringList, expected);
    const Table t = readTable(m_book + QLatin1Char('/') + file);
    QCOMPARE(t.header, expected);
    // Every column is a canonical field of the import, so it auto-matches without a profile.
    QStringList canonical;
    for (const ImportField& f : importFields(ImportEntity(entity)))
        canonical.append(f.name);
    for (const QString& column : t.header)
        QVERIFY2(canonical.contains(column), qPrintable(column));
    // And every row has one value per column.
    for (const QStringList& row : t.rows)
        QCOMPARE(row.size(), expected.size());
}

void TestBookGenerator::rowCounts()
{
    QCOMPARE(m_products.rows.size(), 12);
    QCOMPARE(m_partners.rows.size(), 400);
    QCOMPARE(m_deals.rows.size(), 6000);
    QCOMPARE(m_accounts.rows.size(), 300); // one per 20 deals
    // 1–3 contacts per partner.
    QVERIFY(m_contacts.rows.size() >= 400);
    QVERIFY(m_contacts.rows.size() <= 1200);
    QString error;
    const QString tiny = m_dir.filePath(QStringLiteral("tiny"));
    QVERIFY2(BookGenerator::write(tiny, {1, 0, 3}, &error), qPrintable(error));
    QCOMPARE(readTable(tiny + QStringLiteral("/partners.csv")).rows.size(), 1);
    QCOMPARE(readTable(tiny + QStringLiteral("/deals.csv")).rows.size(), 0);
    QCOMPARE(readTable(tiny + QStringLiteral("/accounts.csv")).rows.size(), 10); // the minimum
}

void TestBookGenerator::partnersValid()
{
    CountryResolver countries;
    QSet<QString> keys, types, stages, territories;
    for (qsizetype i = 0; i < m_partners.rows.size(); ++i) {
        const QString key = m_partners.at(i, QStringLiteral("key"));
        QCOMPARE(key, QStringLiteral("P%1").arg(i + 1, 6, 10, QLatin1Char('0')));
        keys.insert(key);
        const QString type = m_partners.at(i, QStringLiteral("type"));
        QVERIFY2(partnerTypeNames().contains(type), qPrintable(type));
        types.insert(type);
        const QString stage = m_partners.at(i, QStringLiteral("stage"));
        QVERIFY2(lifecycleStageNames().contains(stage), qPrintable(stage));
        stages.insert(stage);
        QVERIFY(defaultTierNames().contains(m_partners.at(i, QStringLiteral("tier"))));
        QVERIFY(!m_partners.at(i, QStringLiteral("name")).isEmpty());
        const QString country = m_partners.at(i, QStringLiteral("country"));
        QCOMPARE(countries.resolve(country), country);
        territories.insert(m_partners.at(i, QStringLiteral("territory")));
        const int founded = m_partners.at(i, QStringLiteral("founded")).toInt();
        QVERIFY(founded >= 1965 && founded <= 2022);
        QVERIFY(m_partners.at(i, QStringLiteral("website")).startsWith(QLatin1String("https://www.")));
    }
    QCOMPARE(keys.size(), 400);
    // Every partner type and every lifecycle stage occurs.
    QCOMPARE(types.size(), 7);
    QCOMPARE(stages.size(), 6);
    QVERIFY(territories.contains(QStringLiteral("North America East")));
    QVERIFY(territories.contains(QStringLiteral("EMEA North")));
    QVERIFY(territories.contains(QStringLiteral("APAC")));
}

void TestBookGenerator::contactsValid()
{
    QSet<QString> partnerKeys;
    for (const QStringList& row : m_partners.rows)
        partnerKeys.insert(row.at(0));
    QSet<QString> names;
    QHash<QString, int> perPartner;
    for (qsizetype i = 0; i < m_contacts.rows.size(); ++i) {
        const QString name = m_contacts.at(i, QStringLiteral("name"));
        // Unique in the book, also after normalization, so a deal's contact resolves.
        const QString key = normalizeName(name, NameKind::Person);
        QVERIFY2(!names.contains(key), qPrintable(name));
        names.insert(key);
        const QString partner = m_contacts.at(i, QStringLiteral("partner_key"));
        QVERIFY(partnerKeys.contains(partner));
        ++perPartner[partner];
        QVERIFY(m_contacts.at(i, QStringLiteral("email")).contains(QLatin1Char('@')));
        QVERIFY(m_contacts.at(i, QStringLiteral("phone")).startsWith(QLatin1Char('+')));
    }
    QCOMPARE(perPartner.size(), 400); // every partner has a contact
    for (int n : std::as_const(perPartner))
        QVERIFY(n >= 1 && n <= 3);
}

void TestBookGenerator::accountsValid()
{
    CountryResolver countries;
    QSet<QString> keys;
    int withParent = 0;
    for (qsizetype i = 0; i < m_accounts.rows.size(); ++i) {
        const QString name = m_accounts.at(i, QStringLiteral("name"));
        const QString key = normalizeName(name);
        QVERIFY2(!keys.contains(key), qPrintable(name));
        const QString parent = m_accounts.at(i, QStringLiteral("parent"));
        if (!parent.isEmpty()) {
            ++withParent;
            QVERIFY2(keys.contains(normalizeName(parent)), qPrintable(parent)); // an earlier row
        }
        keys.insert(key);
        const QString country = m_accounts.at(i, QStringLiteral("country"));
        QCOMPARE(countries.resolve(country), country);
        const QString currency = m_accounts.at(i, QStringLiteral("revenue_currency"));
        QVERIFY(isCurrencyCode(currency));
        const auto revenue = parseMinorUnits(m_accounts.at(i, QStringLiteral("annual_revenue")), currency);
        QVERIFY2(revenue && *revenue > 0, qPrintable(m_accounts.at(i, QStringLiteral("annual_revenue"))));
        QVERIFY(m_accounts.at(i, QStringLiteral("employees")).toInt() >= 10);
    }
    QVERIFY(withParent > 0);
    QVERIFY(withParent < m_accounts.rows.size() / 4);
}

void TestBookGenerator::dealsValid()
{
    QHash<QString, QString> contactPartner;
    for (const QStringList& row : m_contacts.rows)
        contactPartner.insert(row.at(0), row.at(1));
    QSet<QString> productKeys, accountNames, externalIds, currencies;
    for (const QStringList& row : m_products.rows)
        productKeys.insert(normalizeName(row.at(0), NameKind::Product));
    for (const QStringList& row : m_accounts.rows)
        accountNames.insert(row.at(0));
    QHash<QString, int> byStatus;
    const QDate first(2023, 1, 1), last(2026, 12, 31);
    QDate previousRegistration = first;
    bool jpySeen = false;
    for (qsizetype i = 0; i < m_deals.rows.size(); ++i) {
        const QString id = m_deals.at(i, QStringLiteral("external_id"));
        QVERIFY(!externalIds.contains(id));
        externalIds.insert(id);
        const QString contact = m_deals.at(i, QStringLiteral("contact"));
        QVERIFY2(contactPartner.contains(contact), qPrintable(contact));
        QCOMPARE(m_deals.at(i, QStringLiteral("partner_key")), contactPartner.value(contact));
        QVERIFY(productKeys.contains(normalizeName(m_deals.at(i, QStringLiteral("product")), NameKind::Product)));
        const QString account = m_deals.at(i, QStringLiteral("account"));
        QVERIFY(account.isEmpty() || accountNames.contains(account));
        const QString statusText = m_deals.at(i, QStringLiteral("status"));
        const auto status = dealStatusFromString(statusText);
        QVERIFY2(status && toString(*status) == statusText, qPrintable(statusText));
        ++byStatus[statusText];

        const QString reg = m_deals.at(i, QStringLiteral("registered_at"));
        const QDate registered = QDate::fromString(reg, Qt::ISODate);
        if (*status == DealStatus::Draft) {
            QVERIFY(reg.isEmpty());
        } else {
            QVERIFY2(registered.isValid() && registered >= first && registered <= last, qPrintable(reg));
            QVERIFY(registered >= previousRegistration); // file order = registration order
            previousRegistration = registered;
        }
        const QDate expected = QDate::fromString(m_deals.at(i, QStringLiteral("expected_close")), Qt::ISODate);
        QVERIFY(expected.isValid() && expected <= last);
        const QString closedText = m_deals.at(i, QStringLiteral("closed_on"));
        const QString amountText = m_deals.at(i, QStringLiteral("amount"));
        const QString currency = m_deals.at(i, QStringLiteral("currency"));
        QVERIFY(isCurrencyCode(currency));
        currencies.insert(currency);
        if (*status == DealStatus::Won || *status == DealStatus::Lost) {
            const QDate closed = QDate::fromString(closedText, Qt::ISODate);
            QVERIFY2(closed.isValid() && closed >= registered && closed <= last, qPrintable(closedText));
            QVERIFY(!amountText.isEmpty());
        }
        if (isOpen(*status))
            QVERIFY(closedText.isEmpty());
        if (!amountText.isEmpty()) {
            const auto amount = parseMinorUnits(amountText, currency);
            QVERIFY2(amount && *amount > 0, qPrintable(amountText));
            // Plain decimals with exactly the currency's number of decimals.
            const int digits = currencyMinorDigits(currency);
            QCOMPARE(amountText.contains(QLatin1Char('.')), digits > 0);
            if (digits > 0)
                QCOMPARE(amountText.size() - amountText.indexOf(QLatin1Char('.')) - 1, qsizetype(digits));
            if (currency == QLatin1String("JPY"))
                jpySeen = true;
        }
    }
    // A realistic mix: every status occurs, won is the largest group.
    QCOMPARE(byStatus.size(), 7);
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
        QVERIFY2(it.value() <= byStatus.value(QStringLiteral("Won")), qPrintable(it.key()));
    QVERIFY(jpySeen);
    for (const char* c : {"USD", "EUR", "GBP", "JPY", "CAD", "AUD"})
        QVERIFY2(currencies.contains(QString::fromLatin1(c)), c);
}

void TestBookGenerator::refusesUnwritableFolder()
{
    // A regular file where the folder should be.
    const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QString error;
    QVERIFY(!BookGenerator::write(blocker + QStringLiteral("/sub"), {10, 10, 1}, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!BookGenerator::write(m_dir.filePath(QStringLiteral("zero")), {0, 10, 1}, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestBookGenerator)
#include "tst_bookgenerator.moc"
