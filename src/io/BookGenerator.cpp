#include "io/BookGenerator.h"

#include "domain/Clock.h"
#include "domain/Enums.h"
#include "domain/Mdf.h"
#include "domain/Money.h"
#include "domain/NameNormalizer.h"
#include "storage/ChangeRecorder.h"
#include "storage/Database.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QByteArray>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>
#include <algorithm>
#include <array>
#include <vector>

namespace pd {

namespace {

/// PCG32 (O'Neill 2014, "PCG: a family of simple fast space-efficient statistically good algorithms"):
/// a small deterministic generator, so the same seed gives the same book on every machine and Qt version.
class Pcg32
{
public:
    explicit Pcg32(quint64 seed, quint64 stream = 0x5851f42d4c957f2dULL)
    {
        m_inc = (stream << 1u) | 1u;
        next();
        m_state += seed;
        next();
    }
    quint32 next()
    {
        const quint64 old = m_state;
        m_state = old * 6364136223846793005ULL + m_inc;
        const quint32 xorshifted = quint32(((old >> 18u) ^ old) >> 27u);
        const quint32 rot = quint32(old >> 59u);
        return (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
    }
    /// Uniform in [0, n) (n > 0), without modulo bias (Lemire's method, simplified with rejection).
    quint32 below(quint32 n)
    {
        const quint32 threshold = (0u - n) % n;
        for (;;) {
            const quint32 r = next();
            if (r >= threshold)
                return r % n;
        }
    }
    /// Uniform in [lo, hi] (inclusive).
    int between(int lo, int hi) { return lo + int(below(quint32(hi - lo + 1))); }
    /// True with probability percent / 100.
    bool chance(int percent) { return int(below(100)) < percent; }
    /// An index drawn with the given integer weights.
    template <size_t N> int weighted(const std::array<int, N>& weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = int(below(quint32(total)));
        for (size_t i = 0; i < N; ++i) {
            if (r < weights[i])
                return int(i);
            r -= weights[i];
        }
        return int(N - 1);
    }

private:
    quint64 m_state = 0;
    quint64 m_inc = 0;
};

// ---- Tables -------------------------------------------------------------------------------------------------

const char* const kSyllables[] = {"al",  "bar", "cor", "dan", "el",  "fin", "gra",  "hel", "ion", "jor",
                                  "kal", "lum", "mar", "nor", "ori", "pax", "quin", "ros", "sol", "tel",
                                  "ul",  "ver", "wen", "xan", "yor", "zen", "ca",   "de",  "li",  "mo",
                                  "na",  "ra",  "si",  "to",  "va",  "ne",  "ly",   "tri", "bel", "sta"};
constexpr int kSyllableCount = int(std::size(kSyllables));

const char* const kPartnerDescriptors[] = {"Systems",     "Networks",  "Solutions", "Technologies", "Consulting",
                                           "Data",        "Cloud",     "Digital",   "Software",     "Partners",
                                           "Integration", "Group",     "Labs",      "IT Services",  "Distribution",
                                           "Security",    "Computing", "Analytics", "Infotech",     "Managed Services"};

struct Place
{
    const char* city;
    const char* country; // ISO 3166-1 alpha-2
    const char* territory;
    const char* currency; // ISO 4217
    const char* tld;
    const char* phonePrefix;
    int weight;
};
// Cities with their country, sales territory and local currency. Weighted towards North America and Europe.
const Place kPlaces[] = {
    {"New York", "US", "North America East", "USD", "com", "+1 212", 8},
    {"Boston", "US", "North America East", "USD", "com", "+1 617", 5},
    {"Atlanta", "US", "North America East", "USD", "com", "+1 404", 4},
    {"Chicago", "US", "North America Central", "USD", "com", "+1 312", 6},
    {"Austin", "US", "North America Central", "USD", "com", "+1 512", 5},
    {"Dallas", "US", "North America Central", "USD", "com", "+1 214", 4},
    {"San Jose", "US", "North America West", "USD", "com", "+1 408", 7},
    {"Seattle", "US", "North America West", "USD", "com", "+1 206", 5},
    {"Denver", "US", "North America West", "USD", "com", "+1 303", 3},
    {"Toronto", "CA", "North America East", "CAD", "ca", "+1 416", 4},
    {"Montréal", "CA", "North America East", "CAD", "ca", "+1 514", 2},
    {"Vancouver", "CA", "North America West", "CAD", "ca", "+1 604", 2},
    {"London", "GB", "EMEA North", "GBP", "co.uk", "+44 20", 7},
    {"Manchester", "GB", "EMEA North", "GBP", "co.uk", "+44 161", 3},
    {"Dublin", "IE", "EMEA North", "EUR", "ie", "+353 1", 3},
    {"Amsterdam", "NL", "EMEA North", "EUR", "nl", "+31 20", 3},
    {"Eindhoven", "NL", "EMEA North", "EUR", "nl", "+31 40", 1},
    {"Stockholm", "SE", "EMEA North", "SEK", "se", "+46 8", 2},
    {"Malmö", "SE", "EMEA North", "SEK", "se", "+46 40", 1},
    {"Munich", "DE", "EMEA Central", "EUR", "de", "+49 89", 4},
    {"Berlin", "DE", "EMEA Central", "EUR", "de", "+49 30", 3},
    {"Düsseldorf", "DE", "EMEA Central", "EUR", "de", "+49 211", 2},
    {"Zurich", "CH", "EMEA Central", "CHF", "ch", "+41 44", 2},
    {"Paris", "FR", "EMEA South", "EUR", "fr", "+33 1", 4},
    {"Lyon", "FR", "EMEA South", "EUR", "fr", "+33 4", 1},
    {"Madrid", "ES", "EMEA South", "EUR", "es", "+34 91", 2},
    {"Milan", "IT", "EMEA South", "EUR", "it", "+39 02", 2},
    {"Tokyo", "JP", "APAC", "JPY", "co.jp", "+81 3", 4},
    {"Osaka", "JP", "APAC", "JPY", "co.jp", "+81 6", 2},
    {"Sydney", "AU", "APAC", "AUD", "com.au", "+61 2", 3},
    {"Melbourne", "AU", "APAC", "AUD", "com.au", "+61 3", 2},
    {"Singapore", "SG", "APAC", "SGD", "com.sg", "+65 6", 3},
    {"Bengaluru", "IN", "APAC", "INR", "in", "+91 80", 3},
    {"São Paulo", "BR", "LATAM", "BRL", "com.br", "+55 11", 3},
    {"Mexico City", "MX", "LATAM", "MXN", "com.mx", "+52 55", 2},
};
constexpr int kPlaceCount = int(std::size(kPlaces));

/// Units of each currency per 1 USD, times 1000 (rough 2024 levels; only for plausible generated amounts).
int usdRateMilli(const char* currency)
{
    static const struct
    {
        const char* code;
        int milli;
    } rates[] = {{"USD", 1000}, {"EUR", 920},   {"GBP", 790},  {"JPY", 150000}, {"CAD", 1360}, {"AUD", 1520},
                 {"SGD", 1340}, {"INR", 83000}, {"BRL", 5000}, {"SEK", 10500},  {"CHF", 880},  {"MXN", 17000}};
    for (const auto& r : rates)
        if (qstrcmp(r.code, currency) == 0)
            return r.milli;
    return 1000;
}

/// Legal suffixes as written in each country (their normalized forms are all in DESIGN.md section 3's list).
const char* legalSuffix(const char* country, Pcg32& rng)
{
    const QByteArray c(country);
    if (c == "US" || c == "CA" || c == "MX") {
        static const char* const s[] = {"Inc.", "LLC", "Corp.", "Inc."};
        return s[rng.below(4)];
    }
    if (c == "GB" || c == "IE") {
        static const char* const s[] = {"Ltd", "Limited", "plc"};
        return s[rng.below(3)];
    }
    if (c == "DE" || c == "CH")
        return rng.chance(70) ? "GmbH" : "AG";
    if (c == "FR")
        return rng.chance(60) ? "SAS" : "SA";
    if (c == "NL")
        return "BV";
    if (c == "SE")
        return "AB";
    if (c == "IT")
        return "SpA";
    if (c == "ES" || c == "BR")
        return "SA";
    if (c == "JP")
        return "KK";
    if (c == "AU")
        return "Pty Ltd";
    return "Ltd";
}

struct FirstName
{
    const char* name;
    const char* ascii; // for e-mail addresses
};
const FirstName kFirstNames[] = {
    {"Anna", "anna"},     {"Ben", "ben"},         {"Carla", "carla"},     {"David", "david"},   {"Elena", "elena"},
    {"Farid", "farid"},   {"Grace", "grace"},     {"Hiroshi", "hiroshi"}, {"Isabel", "isabel"}, {"James", "james"},
    {"Keiko", "keiko"},   {"Liam", "liam"},       {"Maria", "maria"},     {"Noah", "noah"},     {"Olivia", "olivia"},
    {"Priya", "priya"},   {"Quentin", "quentin"}, {"Rosa", "rosa"},       {"Samuel", "samuel"}, {"Tara", "tara"},
    {"Umar", "umar"},     {"Vera", "vera"},       {"William", "william"}, {"Xin", "xin"},       {"Yusuf", "yusuf"},
    {"Zoë", "zoe"},       {"José", "jose"},       {"Søren", "soren"},     {"Chloé", "chloe"},   {"Mateo", "mateo"},
    {"Aisha", "aisha"},   {"Lars", "lars"},       {"Mei", "mei"},         {"Pedro", "pedro"},   {"Sofia", "sofia"},
    {"Thomas", "thomas"}, {"Ingrid", "ingrid"},   {"Rahul", "rahul"},     {"Fatima", "fatima"}, {"Oliver", "oliver"},
    {"Emma", "emma"},     {"Lukas", "lukas"},     {"Amara", "amara"},     {"Kenji", "kenji"},   {"Nadia", "nadia"},
    {"Diego", "diego"},   {"Hannah", "hannah"},   {"Marcus", "marcus"},
};
constexpr int kFirstNameCount = int(std::size(kFirstNames));

const char* const kRoles[] = {"Sales rep",       "Sales rep",      "Sales rep",     "Account executive",
                              "Partner manager", "Sales engineer", "Marketing lead"};

const char* const kChannelManagers[] = {
    "Dana Whitfield", "Marco Rossi",   "Aiko Tanaka",    "Sven Larsson", "Priya Raman", "Jonas Becker", "Laura Gómez",
    "Ethan Brooks",   "Claire Dubois", "Tom O'Neill",    "Mia Schmidt",  "Raj Patel",   "Hannah Lee",   "Lucas Silva",
    "Emily Carter",   "Kofi Mensah",   "Sara Lindqvist", "Daniel Kim",   "Julia Novak", "Oscar Méndez"};

struct Industry
{
    const char* name;
    const char* noun;
};
const Industry kIndustries[] = {
    {"Software", "Software"},
    {"Retail", "Retail"},
    {"Healthcare", "Health"},
    {"Finance", "Bank"},
    {"Manufacturing", "Industries"},
    {"Telecommunications", "Telecom"},
    {"Energy", "Energy"},
    {"Education", "Learning"},
    {"Logistics", "Logistics"},
    {"Media", "Media"},
    {"Government", "Agency"},
    {"Hospitality", "Hotels"},
    {"Automotive", "Motors"},
    {"Pharmaceuticals", "Pharma"},
    {"Insurance", "Insurance"},
};
constexpr int kIndustryCount = int(std::size(kIndustries));

struct ProductSpec
{
    const char* name;
    const char* line;
    qint64 listPriceCents; // USD
};
const ProductSpec kProducts[] = {
    {"Aster 200", "Aster", 125000},
    {"Aster 400 Pro", "Aster", 489000},
    {"Aster Edge Mini", "Aster", 59900},
    {"Borealis Flash 10", "Borealis", 1850000},
    {"Borealis Flash 40", "Borealis", 5400000},
    {"Borealis Archive", "Borealis", 2275000},
    {"Cirrus Cloud Basic", "Cirrus", 240000},
    {"Cirrus Cloud Enterprise", "Cirrus", 1800000},
    {"Delta Firewall S", "Delta", 310000},
    {"Delta Firewall XL", "Delta", 1495000},
    {"Delta Secure Edge", "Delta", 760000},
    {"Echo Analytics Suite", "Echo", 3200000},
};
constexpr int kProductCount = int(std::size(kProducts));

const char* const kNotes[] = {"",
                              "",
                              "",
                              "Renewal of existing estate",
                              "Competitive displacement, pricing agreed",
                              "Customer asked for a \"proof of concept\" first",
                              "Joint call with vendor SE",
                              "Budget approved for next quarter",
                              "Multi-year agreement"};

// Dates: registrations from 2023-01-01 to 2026-10-31; nothing closes after 2026-11-15.
const QDate kFirstDay(2023, 1, 1);
const QDate kLastRegistration(2026, 10, 31);
const QDate kLastClose(2026, 11, 15);

// ---- Writing ------------------------------------------------------------------------------------------------

/// A buffered CSV file: rows are built in a QByteArray and flushed in large blocks (fast for millions of rows).
class CsvOut
{
public:
    bool open(const QString& path, const char* header, QString* error)
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            if (error)
                *error = QStringLiteral("Could not write %1: %2").arg(path, m_file.errorString());
            return false;
        }
        m_buffer.reserve(kFlushAt + 4096);
        m_buffer.append(header);
        m_buffer.append('\n');
        return true;
    }
    /// Appends a field, quoted per RFC 4180 when it holds a comma, quote or line break.
    CsvOut& field(const QByteArray& text) { return field(text.constData(), text.size()); }
    CsvOut& field(const char* text) { return field(text, qsizetype(qstrlen(text))); }
    CsvOut& field(const char* text, qsizetype size)
    {
        sep();
        bool quote = false;
        for (qsizetype i = 0; i < size && !quote; ++i)
            quote = text[i] == ',' || text[i] == '"' || text[i] == '\n' || text[i] == '\r';
        if (!quote) {
            m_buffer.append(text, size);
            return *this;
        }
        m_buffer.append('"');
        for (qsizetype i = 0; i < size; ++i) {
            if (text[i] == '"')
                m_buffer.append('"');
            m_buffer.append(text[i]);
        }
        m_buffer.append('"');
        return *this;
    }
    CsvOut& number(qint64 value)
    {
        sep();
        char digits[24];
        int n = 0;
        const bool negative = value < 0;
        quint64 v = negative ? quint64(-(value + 1)) + 1 : quint64(value);
        do {
            digits[n++] = char('0' + v % 10);
            v /= 10;
        } while (v);
        if (negative)
            m_buffer.append('-');
        while (n)
            m_buffer.append(digits[--n]);
        return *this;
    }
    /// A plain decimal with `decimals` digits after the point ("12345.00"; "1851750" for 0 decimals).
    CsvOut& amount(qint64 minor, int decimals)
    {
        qint64 pow10 = 1;
        for (int i = 0; i < decimals; ++i)
            pow10 *= 10;
        number(minor / pow10);
        if (decimals > 0) {
            m_buffer.append('.');
            const qint64 frac = minor % pow10;
            for (qint64 p = pow10 / 10; p > 0; p /= 10)
                m_buffer.append(char('0' + (frac / p) % 10));
        }
        return *this;
    }
    CsvOut& empty()
    {
        sep();
        return *this;
    }
    bool endRow(QString* error)
    {
        m_buffer.append('\n');
        m_first = true;
        if (m_buffer.size() >= kFlushAt)
            return flush(error);
        return true;
    }
    bool close(QString* error)
    {
        if (!flush(error))
            return false;
        m_file.close();
        return true;
    }

private:
    static constexpr qsizetype kFlushAt = 1 << 20;
    void sep()
    {
        if (!m_first)
            m_buffer.append(',');
        m_first = false;
    }
    bool flush(QString* error)
    {
        if (m_buffer.isEmpty())
            return true;
        if (m_file.write(m_buffer) != m_buffer.size()) {
            if (error)
                *error = QStringLiteral("Could not write %1: %2").arg(m_file.fileName(), m_file.errorString());
            return false;
        }
        m_buffer.clear();
        return true;
    }
    QFile m_file;
    QByteArray m_buffer;
    bool m_first = true;
};

QByteArray capitalized(QByteArray word)
{
    if (!word.isEmpty())
        word[0] = char(word.at(0) - 'a' + 'A');
    return word;
}

/// A pronounceable invented word of 2–3 syllables ("Corvana"), capitalized.
QByteArray inventedWord(Pcg32& rng)
{
    QByteArray w;
    const int syllables = rng.chance(55) ? 2 : 3;
    quint32 previous = kSyllableCount;
    for (int i = 0; i < syllables; ++i) {
        quint32 next = rng.below(kSyllableCount);
        while (next == previous) // no "Danxanxan"
            next = rng.below(kSyllableCount);
        w.append(kSyllables[next]);
        previous = next;
    }
    return capitalized(w);
}

QByteArray lowerAscii(const QByteArray& text)
{
    QByteArray out;
    out.reserve(text.size());
    for (char c : text) {
        if (c >= 'A' && c <= 'Z')
            out.append(char(c - 'A' + 'a'));
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out.append(c);
        else if (c == ' ' && !out.endsWith('-'))
            out.append('-');
    }
    return out;
}

/// ISO dates of every day from kFirstDay to kLastClose, precomputed (formatting dates is the hot path).
class DateTable
{
public:
    DateTable()
    {
        for (QDate d = kFirstDay; d <= kLastClose; d = d.addDays(1))
            m_texts.push_back(d.toString(Qt::ISODate).toLatin1());
    }
    const QByteArray& text(int day) const { return m_texts.at(size_t(day)); }
    int lastDay() const { return int(m_texts.size()) - 1; }

private:
    std::vector<QByteArray> m_texts;
};

struct GenPartner
{
    QByteArray key;
    QByteArray domain;
    int place = 0;
    bool transacts = false; // may register deals (Onboarding or later, and not a Referral prospect)
};

struct GenContact
{
    QByteArray name;
    int partner = 0;
};

} // namespace

bool BookGenerator::write(const QString& dir, const Options& options, QString* error)
{
    if (options.partners < 1 || options.deals < 0) {
        if (error)
            *error = QStringLiteral("A book needs at least one partner and no negative number of deals");
        return false;
    }
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = QStringLiteral("Could not create the folder %1").arg(dir);
        return false;
    }
    const QDir out(dir);
    Pcg32 rng(options.seed);
    const DateTable dates;
    const int lastRegistrationDay = int(kFirstDay.daysTo(kLastRegistration));

    // Products.
    {
        CsvOut csv;
        if (!csv.open(out.filePath(QStringLiteral("products.csv")), "name,product_line,list_price,currency", error))
            return false;
        for (const ProductSpec& p : kProducts) {
            csv.field(p.name).field(p.line).amount(p.listPriceCents, 2).field("USD");
            if (!csv.endRow(error))
                return false;
        }
        if (!csv.close(error))
            return false;
    }

    std::array<int, kPlaceCount> placeWeights{};
    for (int i = 0; i < kPlaceCount; ++i)
        placeWeights[size_t(i)] = kPlaces[i].weight;

    // Partners.
    std::vector<GenPartner> partners(size_t(options.partners));
    {
        CsvOut csv;
        if (!csv.open(out.filePath(QStringLiteral("partners.csv")),
                      "key,name,type,stage,tier,territory,channel_manager,city,country,founded,website", error))
            return false;
        static const std::array<int, 7> typeWeights = {30, 5, 15, 15, 15, 12, 8}; // PartnerType order
        static const std::array<int, 6> stageWeights = {10, 8, 10, 55, 10, 7};    // LifecycleStage order
        static const std::array<int, 4> tierWeights = {50, 30, 15, 5};            // Registered…Platinum
        const QStringList types = partnerTypeNames();
        const QStringList stages = lifecycleStageNames();
        const QStringList tiers = defaultTierNames();
        QSet<QByteArray> usedNames;
        usedNames.reserve(options.partners);
        for (int i = 0; i < options.partners; ++i) {
            GenPartner& gp = partners[size_t(i)];
            gp.key = QByteArray("P") + QByteArray::number(i + 1).rightJustified(6, '0');
            gp.place = rng.weighted(placeWeights);
            const Place& place = kPlaces[gp.place];
            QByteArray base;
            do {
                base =
                    inventedWord(rng) + ' ' + kPartnerDescriptors[rng.below(quint32(std::size(kPartnerDescriptors)))];
            } while (usedNames.contains(base));
            usedNames.insert(base);
            const QByteArray name = rng.chance(60) ? base + ' ' + legalSuffix(place.country, rng) : base;
            const int type = rng.weighted(typeWeights);
            const int stage = rng.weighted(stageWeights);
            const auto lifecycle = LifecycleStage(stage);
            const bool engaged = lifecycle == LifecycleStage::Active || lifecycle == LifecycleStage::AtRisk;
            const int tier = engaged ? rng.weighted(tierWeights) : 0;
            gp.transacts = lifecycle >= LifecycleStage::Onboarding && PartnerType(type) != PartnerType::Referral;
            gp.domain = lowerAscii(base) + '.' + place.tld;
            csv.field(gp.key)
                .field(name)
                .field(types.at(type).toUtf8())
                .field(stages.at(stage).toUtf8())
                .field(tiers.at(tier).toUtf8())
                .field(place.territory)
                .field(kChannelManagers[rng.below(quint32(std::size(kChannelManagers)))])
                .field(place.city)
                .field(place.country)
                .number(rng.between(1965, 2022))
                .field(QByteArray("https://www.") + gp.domain);
            if (!csv.endRow(error))
                return false;
        }
        if (!csv.close(error))
            return false;
    }

    // Contacts: 1–3 per partner, names unique in the whole book (a deal names its contact).
    std::vector<GenContact> contacts;
    contacts.reserve(size_t(options.partners) * 2);
    {
        CsvOut csv;
        if (!csv.open(out.filePath(QStringLiteral("contacts.csv")), "name,partner_key,email,phone,role", error))
            return false;
        QSet<QByteArray> usedNames;
        usedNames.reserve(options.partners * 2);
        for (int p = 0; p < options.partners; ++p) {
            const GenPartner& gp = partners[size_t(p)];
            const int count = rng.weighted(std::array<int, 3>{40, 40, 20}) + 1;
            for (int c = 0; c < count; ++c) {
                QByteArray name, emailLocal;
                for (;;) {
                    const FirstName& first = kFirstNames[rng.below(kFirstNameCount)];
                    const QByteArray last = inventedWord(rng);
                    name = QByteArray(first.name) + ' ' + last;
                    emailLocal = QByteArray(first.ascii) + '.' + lowerAscii(last);
                    if (!usedNames.contains(name))
                        break;
                    const char initial = char('A' + rng.below(26));
                    name = QByteArray(first.name) + ' ' + initial + ". " + last;
                    emailLocal = QByteArray(first.ascii) + '.' + char(initial - 'A' + 'a') + '.' + lowerAscii(last);
                    if (!usedNames.contains(name))
                        break;
                }
                usedNames.insert(name);
                const Place& place = kPlaces[gp.place];
                QByteArray phone = QByteArray(place.phonePrefix) + ' ' + QByteArray::number(rng.between(200, 999)) +
                                   ' ' + QByteArray::number(rng.between(1000, 9999));
                csv.field(name)
                    .field(gp.key)
                    .field(emailLocal + '@' + gp.domain)
                    .field(phone)
                    .field(c == 0 ? "Sales rep" : kRoles[rng.below(quint32(std::size(kRoles)))]);
                if (!csv.endRow(error))
                    return false;
                contacts.push_back({name, p});
            }
        }
        if (!csv.close(error))
            return false;
    }

    // End-customer accounts: one per 20 deals, at least 10, at most 50,000; ~10% are subsidiaries.
    const int accountCount = std::clamp(options.deals / 20, 10, 50000);
    std::vector<QByteArray> accounts;
    accounts.reserve(size_t(accountCount));
    {
        CsvOut csv;
        if (!csv.open(out.filePath(QStringLiteral("accounts.csv")),
                      "name,industry,country,annual_revenue,revenue_currency,employees,year_established,parent,"
                      "web_domain",
                      error))
            return false;
        QSet<QString> usedKeys;
        usedKeys.reserve(accountCount);
        std::vector<int> roots; // accounts without a parent, possible parents of later ones
        for (int i = 0; i < accountCount; ++i) {
            const Industry& industry = kIndustries[rng.below(kIndustryCount)];
            const Place& place = kPlaces[rng.weighted(placeWeights)];
            QByteArray name;
            for (;;) {
                name = inventedWord(rng) + ' ' + industry.noun;
                if (rng.chance(30))
                    name += QByteArray(" ") + legalSuffix(place.country, rng);
                const QString key = normalizeName(QString::fromUtf8(name));
                if (!usedKeys.contains(key)) {
                    usedKeys.insert(key);
                    break;
                }
            }
            // Revenue between 5 M and 50 G USD (log-uniform-ish), in the account's local currency.
            const int magnitude = rng.between(6, 10);
            qint64 usdMajor = 1;
            for (int m = 0; m < magnitude; ++m)
                usdMajor *= 10;
            usdMajor = usdMajor * rng.between(5, 50) / 10;
            const int decimals = currencyMinorDigits(QString::fromLatin1(place.currency));
            qint64 localMajor = usdMajor / 1000 * usdRateMilli(place.currency);
            qint64 pow10 = 1;
            for (int d = 0; d < decimals; ++d)
                pow10 *= 10;
            const bool subsidiary = i >= 10 && !roots.empty() && rng.chance(10);
            csv.field(name)
                .field(industry.name)
                .field(place.country)
                .amount(localMajor * pow10, decimals)
                .field(place.currency)
                .number(std::max<qint64>(10, usdMajor / rng.between(150000, 600000)))
                .number(rng.between(1890, 2021));
            if (subsidiary)
                csv.field(accounts[size_t(roots[rng.below(quint32(roots.size()))])]);
            else
                csv.empty();
            csv.field(lowerAscii(name.left(name.indexOf(' '))) + '.' + place.tld);
            if (!csv.endRow(error))
                return false;
            if (!subsidiary)
                roots.push_back(i);
            accounts.push_back(name);
        }
        if (!csv.close(error))
            return false;
    }

    // Deals: registered in file order over 2023-01 … 2026-10 (so registration numbers follow time), by
    // contacts of partners that transact; a few partners register most deals (a skewed pick).
    {
        CsvOut csv;
        if (!csv.open(out.filePath(QStringLiteral("deals.csv")),
                      "external_id,contact,partner_key,product,account,status,registered_at,expected_close,closed_on,"
                      "amount,currency,notes",
                      error))
            return false;
        std::vector<int> dealers;
        for (int c = 0; c < int(contacts.size()); ++c)
            if (partners[size_t(contacts[size_t(c)].partner)].transacts)
                dealers.push_back(c);
        if (dealers.empty())
            for (int c = 0; c < int(contacts.size()); ++c)
                dealers.push_back(c);
        // DealStatus order: Draft, Submitted, Approved, Rejected, Won, Lost, Expired.
        static const std::array<int, 7> statusWeights = {6, 12, 18, 5, 35, 20, 4};
        const QStringList statusNames = dealStatusNames();
        std::vector<QByteArray> statuses;
        for (const QString& s : statusNames)
            statuses.push_back(s.toUtf8());
        std::vector<QByteArray> productSpaceless;
        for (const ProductSpec& p : kProducts)
            productSpaceless.push_back(QByteArray(p.name).replace(' ', QByteArray()));
        const qint64 dealCount = options.deals;
        for (qint64 i = 0; i < dealCount; ++i) {
            const auto status = DealStatus(rng.weighted(statusWeights));
            // Skewed pick: u^2 favours the first dealers (Pareto-like concentration of deals).
            const quint32 u = rng.below(1u << 16);
            const auto pick = size_t((quint64(u) * u * dealers.size()) >> 32);
            const GenContact& contact = contacts[size_t(dealers[std::min(pick, dealers.size() - 1)])];
            const GenPartner& partner = partners[size_t(contact.partner)];
            const Place& place = kPlaces[partner.place];
            const int productIndex = int(rng.below(kProductCount));
            const ProductSpec& product = kProducts[productIndex];
            const int registered = dealCount > 1 ? int(i * lastRegistrationDay / (dealCount - 1)) : 0;
            const int expected = std::min(dates.lastDay(), registered + rng.between(30, 180));
            const int quantity = rng.chance(70) ? rng.between(1, 5) : rng.between(6, 40);
            const int discountPercent = rng.between(0, 30);
            const qint64 usdCents = product.listPriceCents * quantity * (100 - discountPercent) / 100;
            const int decimals = currencyMinorDigits(QString::fromLatin1(place.currency));
            // Local amount rounded to whole units of the currency.
            qint64 localMajor = usdCents * usdRateMilli(place.currency) / 1000 / 100;
            localMajor = std::max<qint64>(1, localMajor);
            qint64 pow10 = 1;
            for (int d = 0; d < decimals; ++d)
                pow10 *= 10;

            csv.field("D" + QByteArray::number(i + 1).rightJustified(7, '0'));
            csv.field(contact.name).field(partner.key);
            if (rng.chance(3))
                csv.field(productSpaceless[size_t(productIndex)]); // "AsterEdgeMini" = "Aster Edge Mini"
            else
                csv.field(product.name);
            const bool hasAccount = !(status == DealStatus::Draft && rng.chance(60)) && !accounts.empty();
            if (hasAccount)
                csv.field(accounts[rng.below(quint32(accounts.size()))]);
            else
                csv.empty();
            csv.field(statuses[size_t(status)]);
            if (status == DealStatus::Draft)
                csv.empty();
            else
                csv.field(dates.text(registered));
            csv.field(dates.text(expected));
            int closed = -1;
            if (status == DealStatus::Won || status == DealStatus::Lost)
                closed = std::min(int(kFirstDay.daysTo(kLastClose)), registered + rng.between(14, 240));
            else if (status == DealStatus::Rejected)
                closed = std::min(int(kFirstDay.daysTo(kLastClose)), registered + rng.between(1, 10));
            if (closed >= 0)
                csv.field(dates.text(closed));
            else
                csv.empty();
            const bool hasAmount = status != DealStatus::Draft || rng.chance(40);
            if (hasAmount)
                csv.amount(localMajor * pow10, decimals);
            else
                csv.empty();
            csv.field(place.currency);
            csv.field(kNotes[rng.below(quint32(std::size(kNotes)))]);
            if (!csv.endRow(error))
                return false;
        }
        if (!csv.close(error))
            return false;
    }
    return true;
}

} // namespace pd

// ---- MDF data (issue 10): bulk SQL into an open book -------------------------------------------------------------

namespace pd {

namespace {

/// One prepared INSERT executed once per row (bound by position), inside the caller's transaction.
class RowInserter
{
public:
    RowInserter(Database& db, const QString& sql, QString what) : m_query(db.prepare(sql)), m_what(std::move(what)) {}
    /// Binds `values` and runs the statement; returns the first column of its RETURNING row (0 without one).
    qint64 insert(std::initializer_list<QVariant> values)
    {
        for (const QVariant& v : values)
            m_query.addBindValue(v);
        Database::exec(m_query, m_what);
        const qint64 pk = m_query.next() ? m_query.value(0).toLongLong() : 0;
        m_query.finish();
        return pk;
    }

private:
    QSqlQuery m_query;
    QString m_what;
};

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QVariant nullKey()
{
    return QVariant(QMetaType::fromType<qint64>());
}

} // namespace

BookGenerator::MdfCounts BookGenerator::generateMdf(Database& db, quint32 seed, const QString& at)
{
    MdfCounts counts;
    Transaction tx(db);
    QSqlQuery existing = db.prepare(
        QStringLiteral("SELECT COUNT(*) FROM mdf_budgets WHERE name_key IN ('generated 2017q3', 'generated 2017q4')"));
    Database::exec(existing, QStringLiteral("Reading the MDF budgets"));
    if (existing.next() && existing.value(0).toLongLong() > 0)
        throw StorageError(QStringLiteral("The book already has the generated MDF budgets"));
    existing.finish();
    std::vector<qint64> partners;
    QSqlQuery pq = db.prepare(QStringLiteral("SELECT pk FROM partners WHERE deleted_at IS NULL ORDER BY pk"));
    Database::exec(pq, QStringLiteral("Reading the partners"));
    while (pq.next())
        partners.push_back(pq.value(0).toLongLong());
    pq.finish();
    if (partners.empty())
        throw StorageError(QStringLiteral("The book has no partners to give MDF data to"));
    QSqlQuery counter = db.prepare(QStringLiteral("SELECT value FROM book_counters WHERE name = 'mdf_request_number'"));
    Database::exec(counter, QStringLiteral("Reading the MDF request number"));
    qint64 number = counter.next() ? counter.value(0).toLongLong() : 0;
    counter.finish();

    const QVariant actor = Database::nonNull(db.actor());
    RowInserter budgets(db,
                        QStringLiteral("INSERT INTO mdf_budgets (id, created_at, updated_at, version, name, name_key, "
                                       "period, starts_on, ends_on, amount_minor, currency, status, closed_on) VALUES "
                                       "(pd_uuid(?), ?, ?, 1, ?, ?, ?, ?, ?, ?, 'USD', ?, ?) RETURNING pk"),
                        QStringLiteral("Saving a generated MDF budget"));
    RowInserter operations(
        db,
        QStringLiteral("INSERT INTO mdf_operations (id, created_at, actor, action, entity, entity_pk, budget_pk, "
                       "before_status, after_status, after_version) VALUES (pd_uuid(?), ?, ?, 'generate', "
                       "'mdf_budgets', ?, ?, '', ?, 1) RETURNING pk"),
        QStringLiteral("Recording a generated MDF operation"));
    RowInserter allocations(
        db,
        QStringLiteral("INSERT INTO mdf_allocations (id, created_at, updated_at, budget_pk, partner_pk, basis, "
                       "amount_minor, operation_pk) VALUES (pd_uuid(?), ?, ?, ?, ?, 'fixed', ?, ?)"),
        QStringLiteral("Saving a generated MDF allocation"));
    RowInserter requests(
        db,
        QStringLiteral("INSERT INTO mdf_requests (id, created_at, updated_at, number, budget_pk, partner_pk, "
                       "activity_type, description, starts_on, ends_on, total_cost_minor, requested_minor, "
                       "approved_minor, expected_leads, expected_pipeline_minor, status, submitted_at, decided_at, "
                       "decided_by) VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING pk"),
        QStringLiteral("Saving a generated MDF request"));
    RowInserter claims(
        db,
        QStringLiteral("INSERT INTO mdf_claims (id, created_at, updated_at, request_pk, actual_cost_minor, "
                       "claimed_minor, leads, status, submitted_on, decided_at, decided_by, paid_on, "
                       "payment_reference) VALUES (pd_uuid(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING pk"),
        QStringLiteral("Saving a generated MDF claim"));
    RowInserter ledger(
        db,
        QStringLiteral("INSERT INTO mdf_ledger (id, created_at, posted_on, operation_pk, budget_pk, partner_pk, kind, "
                       "from_account, to_account, amount_minor, request_pk, claim_pk, actor, memo) VALUES "
                       "(pd_uuid(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')"),
        QStringLiteral("Posting a generated MDF ledger entry"));

    static const char* const kActivities[] = {"event", "webinar", "digital campaign", "content", "training", "other"};
    Pcg32 rng(seed, 0x4d4446ULL); // "MDF": a stream of its own, so the CSV generator's figures stay as they were
    std::vector<qint64> budgetPks;
    for (int q = 3; q <= 4; ++q) {
        const bool closed = q == 3;
        const QString name = QStringLiteral("Generated 2017Q%1").arg(q);
        const QDate start(2017, q * 3 - 2, 1);
        const QDate end = start.addMonths(3).addDays(-1);
        // Every partner gets 5,000.00–20,000.00 USD; the budget holds that and 1% more.
        std::vector<qint64> amounts(partners.size());
        qint64 total = 0;
        for (qint64& a : amounts) {
            a = qint64(5000 + rng.below(15001)) * 100;
            total += a;
        }
        const qint64 budgetAmount = total + total / 100;
        const qint64 budgetPk = budgets.insert(
            {newId(), at, at, name, name.toCaseFolded(), QStringLiteral("2017Q%1").arg(q), start.toString(Qt::ISODate),
             end.toString(Qt::ISODate), budgetAmount, closed ? QStringLiteral("closed") : QStringLiteral("open"),
             closed ? QVariant(QStringLiteral("2018-01-01")) : QVariant(QMetaType::fromType<QString>())});
        budgetPks.push_back(budgetPk);
        ++counts.budgets;
        const qint64 op = operations.insert(
            {newId(), at, actor, budgetPk, budgetPk, closed ? QStringLiteral("closed") : QStringLiteral("open")});
        const auto post = [&](qint64 partnerPk, const char* kind, const char* from, const char* to, qint64 amount,
                              const QDate& on, qint64 requestPk, qint64 claimPk) {
            if (amount <= 0)
                return;
            ledger.insert(
                {newId(), at, on.toString(Qt::ISODate), op, budgetPk, partnerPk > 0 ? QVariant(partnerPk) : nullKey(),
                 QString::fromLatin1(kind), QString::fromLatin1(from), QString::fromLatin1(to), amount,
                 requestPk > 0 ? QVariant(requestPk) : nullKey(), claimPk > 0 ? QVariant(claimPk) : nullKey(), actor});
            ++counts.ledgerEntries;
        };
        post(0, "funding", mdf_account::Funding, mdf_account::Pool, budgetAmount, start, 0, 0);
        for (size_t i = 0; i < partners.size(); ++i) {
            const qint64 partner = partners[i];
            const qint64 allocated = amounts[i];
            allocations.insert({newId(), at, at, budgetPk, partner, allocated, op});
            ++counts.allocations;
            post(partner, "allocation", mdf_account::Pool, mdf_account::Available, allocated, start, 0, 0);
            // Q3: every request approved, claimed and paid. Q4: one in ten still Submitted, one in ten approved without
            // a claim, the others claimed and approved, half of them paid.
            const int shape = closed ? 0 : int(i % 10);
            const bool approved = shape != 9;
            const bool claimed = approved && shape != 8;
            const bool paid = claimed && (closed || i % 2 == 0);
            const QDate activityStart = start.addDays(10 + int(rng.below(40)));
            const QDate activityEnd = activityStart.addDays(int(rng.below(3)));
            const qint64 cost = qint64(2000 + rng.below(18001)) * 100;
            const qint64 requested = std::min(cost / 2, allocated);
            const int leads = int(5 + rng.below(60));
            const QString submittedAt = toIsoUtc(QDateTime(activityStart.addDays(-7), QTime(9, 0), Qt::UTC));
            const QString decidedAt = toIsoUtc(QDateTime(activityStart.addDays(-5), QTime(15, 0), Qt::UTC));
            const char* activity = kActivities[rng.below(6)];
            const qint64 requestPk =
                requests.insert({newId(), at, at, ++number, budgetPk, partner, QString::fromLatin1(activity),
                                 QStringLiteral("%1 with partner %2").arg(QString::fromLatin1(activity)).arg(partner),
                                 activityStart.toString(Qt::ISODate), activityEnd.toString(Qt::ISODate), cost,
                                 requested, approved ? QVariant(requested) : nullKey(), leads, cost * 4,
                                 approved ? QStringLiteral("Approved") : QStringLiteral("Submitted"), submittedAt,
                                 approved ? QVariant(decidedAt) : QVariant(QMetaType::fromType<QString>()),
                                 approved ? actor : Database::nonNull(QString())});
            ++counts.requests;
            if (!approved)
                continue;
            post(partner, "commitment", mdf_account::Available, mdf_account::Committed, requested,
                 activityStart.addDays(-5), requestPk, 0);
            if (!claimed)
                continue;
            const qint64 claimAmount = std::max<qint64>(1, requested - qint64(rng.below(quint32(requested / 4 + 1))));
            const QDate claimedOn = activityEnd.addDays(5 + int(rng.below(20)));
            const QDate paidOn = claimedOn.addDays(10);
            const qint64 claimPk = claims.insert(
                {newId(), at, at, requestPk, cost - qint64(rng.below(quint32(cost / 10 + 1))), claimAmount,
                 int(leads * 3 / 4), paid ? QStringLiteral("Paid") : QStringLiteral("Approved"),
                 claimedOn.toString(Qt::ISODate), toIsoUtc(QDateTime(claimedOn.addDays(3), QTime(11, 0), Qt::UTC)),
                 actor, paid ? QVariant(paidOn.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>()),
                 Database::nonNull(paid ? QStringLiteral("WIRE-%1").arg(number) : QString())});
            ++counts.claims;
            post(partner, "claim approval", mdf_account::Committed, mdf_account::Payable, claimAmount,
                 claimedOn.addDays(3), requestPk, claimPk);
            post(partner, "release", mdf_account::Committed, mdf_account::Available, requested - claimAmount,
                 claimedOn.addDays(3), requestPk, claimPk);
            if (paid)
                post(partner, "payment", mdf_account::Payable, mdf_account::Paid, claimAmount, paidOn, requestPk,
                     claimPk);
            if (closed) // what is left of the allocation expires at period end
                post(partner, "expiry", mdf_account::Available, mdf_account::Expired, allocated - claimAmount,
                     QDate(2018, 1, 1), 0, 0);
        }
        if (closed)
            post(0, "expiry", mdf_account::Pool, mdf_account::Expired, budgetAmount - total, QDate(2018, 1, 1), 0, 0);
    }
    QSqlQuery update =
        db.prepare(QStringLiteral("UPDATE book_counters SET value = ? WHERE name = 'mdf_request_number'"));
    update.addBindValue(number);
    Database::exec(update, QStringLiteral("Saving the MDF request number"));

    // The balances from the entries, and the change log of every row, in bulk. The budget's own accounts (funding,
    // pool) have partner key 0 whatever partner the entry names (an allocation moves the pool's money to a partner).
    QStringList keys;
    for (qint64 pk : budgetPks)
        keys << QString::number(pk); // integer keys from this transaction, never user text
    const QString in = keys.join(QLatin1Char(','));
    QSqlQuery balances = db.prepare(
        QStringLiteral(
            "INSERT INTO mdf_balances (budget_pk, partner_pk, account, amount_minor) SELECT budget_pk, "
            "partner_pk, account, SUM(amount) FROM (SELECT budget_pk, CASE WHEN to_account IN ('funding', 'pool') THEN "
            "0 ELSE COALESCE(partner_pk, 0) END AS partner_pk, to_account AS account, amount_minor AS amount "
            "FROM mdf_ledger WHERE budget_pk IN (%1) UNION ALL SELECT budget_pk, CASE WHEN from_account IN "
            "('funding', 'pool') THEN 0 ELSE COALESCE(partner_pk, 0) END, from_account, -amount_minor FROM "
            "mdf_ledger WHERE budget_pk IN (%1)) moves GROUP BY budget_pk, partner_pk, account")
            .arg(in));
    Database::exec(balances, QStringLiteral("Computing the MDF balances"));
    const QList<QPair<QString, QString>> tables{
        {QStringLiteral("mdf_budgets"), QStringLiteral("pk IN (%1)")},
        {QStringLiteral("mdf_allocations"), QStringLiteral("budget_pk IN (%1)")},
        {QStringLiteral("mdf_requests"), QStringLiteral("budget_pk IN (%1)")},
        {QStringLiteral("mdf_claims"),
         QStringLiteral("request_pk IN (SELECT pk FROM mdf_requests WHERE budget_pk IN (%1))")},
        {QStringLiteral("mdf_ledger"), QStringLiteral("budget_pk IN (%1)")}};
    for (const auto& [table, where] : tables) {
        QSqlQuery log = db.prepare(QStringLiteral("INSERT INTO change_log (entity, entity_id, op, version, changed_at) "
                                                  "SELECT '%1', pd_uuid_text(id), 'insert', 1, ? FROM %1 WHERE %2")
                                       .arg(table, where.arg(in)));
        log.addBindValue(at);
        Database::exec(log, QStringLiteral("Logging the generated %1").arg(table));
    }
    ChangeRecorder(db).audit(QStringLiteral("generate"), QStringLiteral("mdf_budgets"), QString(),
                             QStringLiteral("Generated MDF data: %1 budgets, %2 allocations, %3 requests, %4 claims, "
                                            "%5 ledger entries")
                                 .arg(counts.budgets)
                                 .arg(counts.allocations)
                                 .arg(counts.requests)
                                 .arg(counts.claims)
                                 .arg(counts.ledgerEntries),
                             at);
    tx.commit();
    return counts;
}

} // namespace pd
