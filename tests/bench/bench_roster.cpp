// Roster responsiveness benchmark (issue 2, item 3 and "tests/bench/"): 100,000 partners in the roster model and
// its filter proxy; prints the time per keystroke of typing a search text character by character and clearing
// it (median and max, target: one frame, 16 ms), and the time to load the roster from an SQLite book through
// PartnerRepository::listRows(), and its counts and revenue (rosterCounts(), rosterRevenue()). Not a CTest test.
// Usage: bench_roster [--partners N] [--db FILE (a book to load; filled with the generated partners when empty)]
#include "BenchSupport.h"
#include "domain/Clock.h"
#include "io/BookGenerator.h"
#include "io/CsvReader.h"
#include "models/PartnerFilterProxy.h"
#include "models/PartnerTableModel.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/PartnerRepository.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QTemporaryDir>
#include <algorithm>
#include <ctime>
#include <vector>

using namespace pd;
using pd::bench::print;

namespace {
double msSince(const QElapsedTimer& timer)
{
    return timer.nsecsElapsed() / 1e6;
}

/// CPU time of the calling thread in milliseconds: unlike wall time, hardly affected by other processes.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/// Reads a generated partners.csv into roster rows (contact and open-deal counts are made up, 0–3 and 0–9).
QList<PartnerRow> readPartners(const QString& path)
{
    QList<PartnerRow> rows;
    CsvReader reader;
    if (!reader.open(path))
        return rows;
    const QStringList h = reader.header();
    const auto col = [&](const char* name) { return h.indexOf(QLatin1String(name)); };
    const int key = col("key"), name = col("name"), type = col("type"), stage = col("stage"), tier = col("tier"),
              territory = col("territory"), manager = col("channel_manager"), city = col("city"),
              country = col("country"), founded = col("founded"), website = col("website");
    QStringList f;
    while (reader.next(f)) {
        PartnerRow r;
        r.partner.key = f.at(key);
        r.partner.name = f.at(name);
        r.partner.type = partnerTypeFromString(f.at(type)).value_or(PartnerType::VAR);
        r.partner.stage = lifecycleStageFromString(f.at(stage)).value_or(LifecycleStage::Prospect);
        r.partner.tier = f.at(tier);
        r.partner.territory = f.at(territory);
        r.partner.channelManager = f.at(manager);
        r.partner.city = f.at(city);
        r.partner.country = f.at(country);
        r.partner.founded = f.at(founded).toInt();
        r.partner.website = f.at(website);
        r.partner.id = QStringLiteral("id-") + r.partner.key;
        r.partner.version = 1;
        r.contactCount = int(rows.size() % 4);
        r.openDealCount = int(rows.size() * 7 % 10);
        rows.append(std::move(r));
    }
    return rows;
}

struct Stats
{
    double median = 0, max = 0;
};

Stats stats(std::vector<double> ms)
{
    if (ms.empty())
        return {};
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

/// Wall-clock and thread CPU times of a series of keystrokes, in milliseconds.
struct Keystrokes
{
    std::vector<double> wall, cpu;
    void add(const Keystrokes& other)
    {
        wall.insert(wall.end(), other.wall.begin(), other.wall.end());
        cpu.insert(cpu.end(), other.cpu.begin(), other.cpu.end());
    }
};

/// One keystroke: sets the search text and asks for the row count (what the view does next).
int keystroke(PartnerFilterProxy& proxy, const QString& text, Keystrokes& k)
{
    QElapsedTimer t;
    t.start();
    const double cpu = threadCpuMs();
    proxy.setSearchText(text);
    const int visible = proxy.rowCount();
    k.wall.push_back(msSince(t));
    k.cpu.push_back(threadCpuMs() - cpu);
    return visible;
}

/// Types `text` into the proxy one character at a time, then deletes it one character at a time; returns the
/// time of each keystroke (filtering and re-sorting included) and prints the visible row counts.
Keystrokes typeAndClear(PartnerFilterProxy& proxy, const QString& text)
{
    Keystrokes k;
    QStringList counts;
    for (qsizetype n = 1; n <= text.size(); ++n)
        counts.append(QString::number(keystroke(proxy, text.left(n), k)));
    for (qsizetype n = text.size() - 1; n >= 0; --n)
        counts.append(QString::number(keystroke(proxy, text.left(n), k)));
    print(QStringLiteral("  \"%1\": visible rows per keystroke %2").arg(text, counts.join(QLatin1Char(' '))));
    return k;
}

QString describe(const Keystrokes& k)
{
    const Stats wall = stats(k.wall);
    const Stats cpu = stats(k.cpu);
    return QStringLiteral("median %1 ms, max %2 ms (CPU: median %3 ms, max %4 ms) over %5 keystrokes")
        .arg(wall.median, 0, 'f', 2)
        .arg(wall.max, 0, 'f', 2)
        .arg(cpu.median, 0, 'f', 2)
        .arg(cpu.max, 0, 'f', 2)
        .arg(k.wall.size());
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Roster filter latency and load time"));
    parser.addHelpOption();
    const QCommandLineOption partnersOption(QStringLiteral("partners"), QStringLiteral("Partners"), QStringLiteral("n"),
                                            QStringLiteral("100000"));
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("SQLite book to load (filled with the partners when empty)"),
                                      QStringLiteral("file"));
    parser.addOptions({partnersOption, dbOption});
    parser.process(app);
    const int partnerCount = parser.value(partnersOption).toInt();

    QTemporaryDir temp;
    const QString dir = temp.filePath(QStringLiteral("book"));
    QString error;
    if (!BookGenerator::write(dir, {partnerCount, 0, 1}, &error)) {
        print(error);
        return 1;
    }
    QList<PartnerRow> rows = readPartners(QDir(dir).filePath(QStringLiteral("partners.csv")));
    print(QStringLiteral("roster     %1 partners in memory").arg(rows.size()));

    // Model and proxy, sorted by name as the roster view shows it.
    PartnerTableModel model;
    PartnerFilterProxy proxy;
    proxy.setPartnerModel(&model);
    proxy.sort(PartnerTableModel::Name, Qt::AscendingOrder);
    QElapsedTimer timer;
    timer.start();
    model.setRows(rows);
    const int shown = proxy.rowCount();
    print(QStringLiteral("roster     setRows + sort by name: %1 ms (%2 rows shown)")
              .arg(msSince(timer), 0, 'f', 1)
              .arg(shown));

    // Search texts a person would type: part of a partner's name, a key, a city.
    const QString someName = rows.at(rows.size() / 2).partner.name.left(10);
    const QStringList searches = {someName.toLower(), QStringLiteral("P0123"), QStringLiteral("san jose"),
                                  QStringLiteral("systems")};
    Keystrokes all;
    for (const QString& text : searches) {
        const Keystrokes k = typeAndClear(proxy, text);
        print(QStringLiteral("keystroke  \"%1\": %2").arg(text, describe(k)));
        all.add(k);
    }
    // The same first keystroke and clear without sorting, to tell filtering from re-sorting apart.
    {
        PartnerFilterProxy unsorted;
        unsorted.setPartnerModel(&model);
        Keystrokes k;
        const int n = keystroke(unsorted, someName.left(1).toLower(), k);
        const int m = keystroke(unsorted, QString(), k);
        print(QStringLiteral("keystroke  unsorted proxy: first keystroke %1 ms (%2 rows), clear %3 ms (%4 rows)")
                  .arg(k.wall.at(0), 0, 'f', 2)
                  .arg(n)
                  .arg(k.wall.at(1), 0, 'f', 2)
                  .arg(m));
    }
    // Clearing a long search at once (select all + delete).
    proxy.setSearchText(someName.toLower());
    Keystrokes clear;
    const int back = keystroke(proxy, QString(), clear);
    print(QStringLiteral("keystroke  clear at once: %1 ms (%2 rows shown)").arg(clear.wall.at(0), 0, 'f', 2).arg(back));
    all.add(clear);
    print(QStringLiteral("keystroke  all: %1 (one frame = 16 ms)").arg(describe(all)));

    // Loading the roster from an SQLite book.
    DatabaseConfig config;
    config.path = parser.isSet(dbOption) ? parser.value(dbOption) : temp.filePath(QStringLiteral("roster.db"));
    try {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        const FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        if (PartnerRepository(db, clock).listRows().isEmpty()) {
            QList<Partner> partners;
            partners.reserve(rows.size());
            for (const PartnerRow& r : std::as_const(rows))
                partners.append(r.partner);
            timer.restart();
            Transaction tx(db);
            const QString at = toIsoUtc(clock.nowUtc());
            PartnerRepository(db, clock).insertMany(partners, at);
            // 1–3 contacts per partner, as the generator makes them.
            QList<Contact> contacts;
            for (qsizetype i = 0; i < partners.size(); ++i)
                for (int c = 0; c <= int(i % 3); ++c) {
                    Contact contact;
                    contact.partnerId = partners.at(i).id;
                    contact.name = QStringLiteral("Contact %1-%2").arg(i).arg(c);
                    contacts.append(contact);
                }
            ContactRepository(db, clock).insertMany(contacts, at);
            tx.commit();
            print(QStringLiteral("book       wrote %1 partners and %2 contacts in %3 ms")
                      .arg(partners.size())
                      .arg(contacts.size())
                      .arg(msSince(timer), 0, 'f', 0));
        }
        PartnerRepository repo(db, clock);
        std::vector<double> loads, loadsCpu;
        qsizetype loaded = 0;
        for (int run = 0; run < 3; ++run) {
            timer.restart();
            const double cpu = threadCpuMs();
            const QList<PartnerRow> fromDb = repo.listRows();
            loads.push_back(msSince(timer));
            loadsCpu.push_back(threadCpuMs() - cpu);
            loaded = fromDb.size();
        }
        const Stats st = stats(loads);
        print(
            QStringLiteral("load       PartnerRepository::listRows(): %1 partners, median %2 ms, max %3 ms (CPU median "
                           "%4 ms; 3 runs)")
                .arg(loaded)
                .arg(st.median, 0, 'f', 0)
                .arg(st.max, 0, 'f', 0)
                .arg(stats(loadsCpu).median, 0, 'f', 0));
        // The roster's second and third steps on its worker (issue 7, issue 8 item 6): counts, then revenue.
        std::vector<double> counts, revenue;
        qsizetype withMoney = 0;
        for (int run = 0; run < 3; ++run) {
            timer.restart();
            repo.rosterCounts();
            counts.push_back(msSince(timer));
            timer.restart();
            withMoney = repo.rosterRevenue(clock.todayUtc()).byId.size();
            revenue.push_back(msSince(timer));
        }
        print(QStringLiteral("load       PartnerRepository::rosterCounts(): median %1 ms; rosterRevenue(): %2 partners "
                             "with revenue or pipeline, median %3 ms, max %4 ms (3 runs)")
                  .arg(stats(counts).median, 0, 'f', 0)
                  .arg(withMoney)
                  .arg(stats(revenue).median, 0, 'f', 0)
                  .arg(stats(revenue).max, 0, 'f', 0));
    } catch (const StorageError& e) {
        print(e.message());
        return 3;
    }
    return 0;
}
