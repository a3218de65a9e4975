// Several programs on one book (issue 6, DESIGN.md section 2): no save is lost when this process opens and closes
// the book's files behind SQLite, concurrent writers wait for each other and never share a registration number,
// read-only and damaged books are refused for writing, and commands that only read never create a book.
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/Transaction.h"
#include "support/CliRun.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace pd;

namespace {
using Result = test::CliResult;

/// Runs partnerdesk-cli (or, with `asUser`, the same as that user through runuser) and waits for it.
Result cli(const QStringList& args, const QString& asUser = {})
{
    if (asUser.isEmpty())
        return test::runProgram(QStringLiteral(PD_CLI_PATH), args);
    return test::runProgram(
        QStringLiteral("runuser"),
        QStringList{QStringLiteral("-u"), asUser, QStringLiteral("--"), QStringLiteral(PD_CLI_PATH)} + args);
}

/// A shell loop of `count` registrations through the CLI, started without waiting; each line of its output is the
/// exit code of one call.
QProcess* startRegistrationLoop(const QString& db, const QString& partnerKey, const QString& tag, int count,
                                QObject* parent)
{
    auto* p = new QProcess(parent);
    const QString script = QStringLiteral(
        "for i in $(seq %1); do \"$0\" --db \"$1\" deals register --partner \"$2\" --customer \"Customer $3-$i\" "
        "--product 'GTX Pro' --amount 100 >/dev/null 2>>\"$4\"; echo $?; done");
    p->start(QStringLiteral("sh"), {QStringLiteral("-c"), script.arg(count), QStringLiteral(PD_CLI_PATH), db,
                                    partnerKey, tag, QDir::temp().filePath(QStringLiteral("pd-loop-%1.err").arg(tag))});
    return p;
}

QStringList column(const Database& db, const QString& sql)
{
    QSqlQuery q(db.handle());
    QStringList out;
    if (!q.exec(sql))
        return {QStringLiteral("<error: %1>").arg(sql)};
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestBookSharing : public QObject
{
    Q_OBJECT

private:
    test::TestDatabases m_dbs;
    QTemporaryDir m_dir;

    /// A book with the reference scenario's products, partners, contacts and accounts (and `withDeals` its deals).
    static QString prepareBook(const QString& db, bool withDeals = false)
    {
        return test::importReferenceScenario(QStringLiteral(PD_CLI_PATH), db, withDeals);
    }

    QString dbArgument(const QString& backend)
    {
        QString error;
        const auto config = m_dbs.forBackend(backend, &error);
        if (!config)
            qFatal("%s", qPrintable(error));
        return config->displayName();
    }

private Q_SLOTS:
    void closingTheBookFileBehindSqliteLosesNoSave();
    void concurrentRegistrationsWaitAndGetDistinctNumbers_data() { test::TestDatabases::addBackendRows(); }
    void concurrentRegistrationsWaitAndGetDistinctNumbers();
    void overlappingImportsGetDistinctNumbers_data() { test::TestDatabases::addBackendRows(); }
    void overlappingImportsGetDistinctNumbers();
    void writerWaitsWhileAnotherHoldsTheWriteLock();
    void readingCommandsNeverCreateABook();
    void readOnlyBookIsReadButNeverWritten();
    void damagedBookIsRefusedForWriting();
};

void TestBookSharing::closingTheBookFileBehindSqliteLosesNoSave()
{
    // The lost save of issue 6: this process holds the book open, opens and closes the book's files with QFile (as a
    // file dialog sniffing contents did), which drops every POSIX lock this process holds on them; another process
    // then writes and exits. Every save of both must be in the book afterwards.
    const QString path = m_dir.filePath(QStringLiteral("shared.partnerdesk"));
    QCOMPARE(prepareBook(path), QString());
    DatabaseConfig config;
    config.path = path;
    QStringList keys;
    {
        Database db(config);
        db.open();
        Migrator(db).migrate();
        // A second connection of this process, as the app's workers have (the roster loads on one).
        Database listing(config);
        listing.open();
        auto save = [&db](const QString& city, const QString& key) {
            Transaction tx(db);
            QSqlQuery q = db.prepare(QStringLiteral("UPDATE partners SET city = ?, version = version + 1 WHERE "
                                                    "partner_key = ?"));
            q.addBindValue(city);
            q.addBindValue(key);
            Database::exec(q, QStringLiteral("Saving"));
            tx.commit();
        };
        keys = column(db, QStringLiteral("SELECT partner_key FROM partners ORDER BY partner_key "
                                         "LIMIT 2"));
        QCOMPARE(keys.size(), 2);
        save(QStringLiteral("Save 1"), keys.at(0));
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            QFile f(path + suffix);
            QVERIFY(f.open(QIODevice::ReadOnly));
            f.read(4096);
            f.close(); // drops this process's locks on that file
        }
        // Another process registers a deal and exits, this process saves, twice over, and a reader comes and goes.
        for (int round = 1; round <= 2; ++round) {
            const Result other = cli({QStringLiteral("--db"), path, QStringLiteral("deals"), QStringLiteral("register"),
                                      QStringLiteral("--partner"), keys.at(1), QStringLiteral("--customer"),
                                      QStringLiteral("Other process %1").arg(round), QStringLiteral("--product"),
                                      QStringLiteral("GTX Pro")});
            QVERIFY2(other.exitCode == 0, qPrintable(other.err));
            save(QStringLiteral("Save %1").arg(round + 1), keys.at(round - 1));
            const Result reader = cli({QStringLiteral("--db"), path, QStringLiteral("stats")});
            QVERIFY2(reader.exitCode == 0, qPrintable(reader.err));
            QCOMPARE(column(listing, QStringLiteral("SELECT count(*) FROM deals")),
                     QStringList{QString::number(round)});
        }
        QCOMPARE(column(db, QStringLiteral("SELECT count(*) FROM deals")), QStringList{QStringLiteral("2")});
    }
    Database reopened(config);
    reopened.open(Database::OpenMode::MustExist);
    QCOMPARE(column(reopened, QStringLiteral("SELECT partner_key || ' ' || city FROM partners WHERE city LIKE 'Save %' "
                                             "ORDER BY partner_key")),
             (QStringList{keys.at(0) + QStringLiteral(" Save 2"), keys.at(1) + QStringLiteral(" Save 3")}));
    QCOMPARE(column(reopened, QStringLiteral("SELECT a.name FROM deals d JOIN accounts a ON a.pk = d.account_pk "
                                             "ORDER BY a.name")),
             (QStringList{QStringLiteral("Other process 1"), QStringLiteral("Other process 2")}));
    QCOMPARE(column(reopened, QStringLiteral("PRAGMA integrity_check")), QStringList{QStringLiteral("ok")});
}

void TestBookSharing::concurrentRegistrationsWaitAndGetDistinctNumbers()
{
    // Two programs registering deals at once: every call waits for the write lock instead of failing, and the 400
    // registrations get 400 different numbers, 1 … 400.
    QFETCH(QString, backend);
    const QString db = dbArgument(backend);
    QCOMPARE(prepareBook(db), QString());
    const int perLoop = 200;
    QProcess* a = startRegistrationLoop(db, QStringLiteral("ACN"), QStringLiteral("A"), perLoop, this);
    QProcess* b = startRegistrationLoop(db, QStringLiteral("ADBE"), QStringLiteral("B"), perLoop, this);
    QVERIFY(a->waitForFinished(600000));
    QVERIFY(b->waitForFinished(600000));
    const QString codes = QString::fromUtf8(a->readAllStandardOutput() + b->readAllStandardOutput());
    QCOMPARE(codes.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2 * perLoop);
    QCOMPARE(codes.count(QLatin1Char('0')), 2 * perLoop); // every call exited 0
    auto config = DatabaseConfig::fromString(db);
    QVERIFY(config);
    Database book(*config);
    book.open();
    QCOMPARE(column(book, QStringLiteral("SELECT count(*) || ' ' || count(DISTINCT registration_number) || ' ' || "
                                         "min(registration_number) || ' ' || max(registration_number) FROM deals")),
             QStringList{QStringLiteral("400 400 1 400")});
}

void TestBookSharing::overlappingImportsGetDistinctNumbers()
{
    // Two imports of deals at once (two halves of the reference pipeline), and a registration in between: numbers are
    // allocated when each writes, so none is duplicated (before: 50,000 duplicates in a run like this).
    QFETCH(QString, backend);
    const QString db = dbArgument(backend);
    QCOMPARE(prepareBook(db), QString());
    QFile source(test::sharedData(QStringLiteral("maven_crm/sales_pipeline.csv")));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = source.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 8801);
    QStringList halves;
    for (int h = 0; h < 2; ++h) {
        const QString file = m_dir.filePath(QStringLiteral("half-%1-%2.csv").arg(backend).arg(h));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(lines.at(0) + '\n');
        for (int i = 1 + h * 4400; i <= 4400 + h * 4400; ++i)
            out.write(lines.at(i) + '\n');
        halves.append(file);
    }
    QList<QProcess*> imports;
    for (const QString& file : halves) {
        auto* p = new QProcess(this);
        p->start(QStringLiteral(PD_CLI_PATH),
                 {QStringLiteral("--db"), db, QStringLiteral("import"), QStringLiteral("--entity"),
                  QStringLiteral("deals"), QStringLiteral("--file"), file, QStringLiteral("--profile"),
                  test::testData(QStringLiteral("profiles/6-deals.json"))});
        imports.append(p);
    }
    const Result reg = cli({QStringLiteral("--db"), db, QStringLiteral("deals"), QStringLiteral("register"),
                            QStringLiteral("--partner"), QStringLiteral("ACN"), QStringLiteral("--customer"),
                            QStringLiteral("In between"), QStringLiteral("--product"), QStringLiteral("GTX Pro")});
    QVERIFY2(reg.exitCode == 0, qPrintable(reg.err));
    for (QProcess* p : imports) {
        QVERIFY(p->waitForFinished(600000));
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }
    auto config = DatabaseConfig::fromString(db);
    QVERIFY(config);
    Database book(*config);
    book.open();
    QCOMPARE(column(book, QStringLiteral("SELECT count(*) || ' ' || count(DISTINCT registration_number) || ' ' || "
                                         "max(registration_number) FROM deals")),
             QStringList{QStringLiteral("8801 8801 8801")});
}

void TestBookSharing::writerWaitsWhileAnotherHoldsTheWriteLock()
{
    // Another connection holds the write lock for 2 s: `deals register` waits, says that it waits, and succeeds
    // (before: "database is locked" after 0.01 s, exit 3).
    const QString path = m_dir.filePath(QStringLiteral("busy.partnerdesk"));
    QCOMPARE(prepareBook(path), QString());
    DatabaseConfig config;
    config.path = path;
    Database holder(config);
    holder.open();
    QProcess p;
    {
        Transaction tx(holder); // BEGIN IMMEDIATE: the write lock is ours
        p.start(QStringLiteral(PD_CLI_PATH),
                {QStringLiteral("--db"), path, QStringLiteral("deals"), QStringLiteral("register"),
                 QStringLiteral("--partner"), QStringLiteral("ACN"), QStringLiteral("--customer"),
                 QStringLiteral("Waiting Inc"), QStringLiteral("--product"), QStringLiteral("GTX Pro")});
        QVERIFY(p.waitForStarted());
        QVERIFY(!p.waitForFinished(2000)); // still waiting after 2 s
        tx.commit();
    }
    QVERIFY(p.waitForFinished(30000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(p.exitCode() == 0, qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("Waiting for another program to finish writing to ") + path), qPrintable(err));
    QCOMPARE(column(holder, QStringLiteral("SELECT registration_number FROM deals")), QStringList{QStringLiteral("1")});
}

void TestBookSharing::readingCommandsNeverCreateABook()
{
    const QString folder = m_dir.filePath(QStringLiteral("not-there"));
    const QString path = folder + QStringLiteral("/book.partnerdesk");
    for (const QStringList& command :
         {QStringList{QStringLiteral("stats")}, QStringList{QStringLiteral("deals"), QStringLiteral("list")},
          QStringList{QStringLiteral("deals"), QStringLiteral("summary")},
          QStringList{QStringLiteral("deals"), QStringLiteral("conflicts")}}) {
        const Result r = cli(QStringList{QStringLiteral("--db"), path} + command);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("There is no book at ") + path), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(folder));
    }
    // An empty PostgreSQL database is no book either, and stays empty.
    QString error;
    const auto pg = m_dbs.postgres(&error);
    QVERIFY2(pg, qPrintable(error));
    const Result r = cli({QStringLiteral("--db"), pg->displayName(), QStringLiteral("stats")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("is not a PartnerDesk book yet")), qPrintable(r.err));
    Database db(*pg);
    db.open();
    QCOMPARE(db.handle().tables(), QStringList());
}

void TestBookSharing::readOnlyBookIsReadButNeverWritten()
{
    // A book in a folder its user may not write (root may write anywhere, so as root the CLI runs as "nobody").
    const QString user = geteuid() == 0 ? QStringLiteral("nobody") : QString();
    QTemporaryDir dir(QDir::temp().filePath(QStringLiteral("pdro.XXXXXX")));
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("book.partnerdesk"));
    QCOMPARE(prepareBook(path, /*withDeals=*/true), QString());
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                          QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther);
    // The -wal and -shm files that the last writer left are readable too; remove them once to read the bare file.
    for (bool withSidecars : {true, false}) {
        if (!withSidecars) {
            QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                                  QFileDevice::ReadOther | QFileDevice::ExeOther);
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
            QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                  QFileDevice::ExeOther);
        } else {
            for (const QString& s : {QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::setPermissions(path + s,
                                      QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        }
        const QByteArray before = fileHash(path);
        const Result stats = cli({QStringLiteral("--db"), path, QStringLiteral("stats")}, user);
        QVERIFY2(stats.exitCode == 0, qPrintable(stats.err));
        QVERIFY2(stats.err.contains(QStringLiteral("is read-only; reading only")), qPrintable(stats.err));
        QVERIFY2(stats.out.contains(QStringLiteral("8800")), qPrintable(stats.out));
        const Result reg = cli({QStringLiteral("--db"), path, QStringLiteral("deals"), QStringLiteral("register"),
                                QStringLiteral("--partner"), QStringLiteral("ACN"), QStringLiteral("--customer"),
                                QStringLiteral("X"), QStringLiteral("--product"), QStringLiteral("GTX Pro")},
                               user);
        QCOMPARE(reg.exitCode, 3);
        QVERIFY2(reg.err.contains(QStringLiteral("is read-only: nothing was written")), qPrintable(reg.err));
        QCOMPARE(fileHash(path), before);
    }
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void TestBookSharing::damagedBookIsRefusedForWriting()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.partnerdesk"));
    QCOMPARE(prepareBook(path, /*withDeals=*/true), QString());
    // Zero one page in the middle of the file (a page of the deals table), as a failing disk would.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 pageSize = 4096;
        const qint64 pages = f.size() / pageSize;
        QVERIFY(pages > 20);
        f.seek((pages / 2) * pageSize);
        f.write(QByteArray(pageSize, '\0'));
    }
    const QByteArray before = fileHash(path);
    const Result reg = cli({QStringLiteral("--db"), path, QStringLiteral("deals"), QStringLiteral("register"),
                            QStringLiteral("--partner"), QStringLiteral("ACN"), QStringLiteral("--customer"),
                            QStringLiteral("X"), QStringLiteral("--product"), QStringLiteral("GTX Pro")});
    QCOMPARE(reg.exitCode, 3);
    QVERIFY2(reg.err.contains(QStringLiteral("is damaged")), qPrintable(reg.err));
    QVERIFY2(reg.err.contains(QStringLiteral("nothing was written")), qPrintable(reg.err));
    QCOMPARE(fileHash(path), before);
    // A file that is not a database at all.
    const QString text = m_dir.filePath(QStringLiteral("notes.partnerdesk"));
    QFile t(text);
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write(QByteArray(8192, 'x'));
    t.close();
    const Result init = cli({QStringLiteral("--db"), text, QStringLiteral("init")});
    QCOMPARE(init.exitCode, 3);
    QVERIFY2(init.err.contains(QStringLiteral("is damaged or is not a PartnerDesk book")), qPrintable(init.err));
    QCOMPARE(t.size(), qint64(8192));
}

QTEST_GUILESS_MAIN(TestBookSharing)
#include "tst_booksharing.moc"
