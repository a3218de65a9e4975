// Schema migrations (DESIGN.md section 2): numbered steps, schema_info, refusal of a newer book with nothing
// written, a backup copy of a file book before migrating. Every test runs on SQLite and on PostgreSQL.
#include "StorageFixture.h"

#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/StorageError.h"
#include "support/TestDatabases.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace pd;
using pd::test::column;
using pd::test::countRows;

namespace {
const QStringList kTables = {
    QStringLiteral("products"), QStringLiteral("partners"), QStringLiteral("partner_stage_history"),
    QStringLiteral("contacts"), QStringLiteral("accounts"), QStringLiteral("deals"), QStringLiteral("change_log"),
    QStringLiteral("audit_log"), QStringLiteral("schema_info"),
    // schema v2 (deal registration)
    QStringLiteral("program_settings"), QStringLiteral("deal_partners"), QStringLiteral("partner_touches"),
    QStringLiteral("conflict_resolutions"),
    // schema v7 (partner lifecycle)
    QStringLiteral("checklist_template_tasks"), QStringLiteral("partner_tasks"), QStringLiteral("attachments"),
    QStringLiteral("certification_types"), QStringLiteral("certifications"),
    // schema v8 (market development funds)
    QStringLiteral("mdf_activity_types"), QStringLiteral("mdf_budgets"), QStringLiteral("mdf_allocations"),
    QStringLiteral("mdf_requests"), QStringLiteral("mdf_claims"), QStringLiteral("mdf_proofs"),
    QStringLiteral("mdf_operations"), QStringLiteral("mdf_ledger"), QStringLiteral("mdf_balances"),
    // schema v9 (tiers, FX rates, partner costs)
    QStringLiteral("tiers"), QStringLiteral("partner_tier_history"), QStringLiteral("fx_rates"),
    QStringLiteral("partner_costs")};

QString schemaValue(const Database& db, const QString& key)
{
    QSqlQuery q(db.handle());
    q.prepare(QStringLiteral("SELECT value FROM schema_info WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return QStringLiteral("<missing>");
    return q.value(0).toString();
}

QByteArray fileDigest(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("<unreadable>");
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

/// Every table's row count, for "nothing changed" checks.
QMap<QString, qint64> snapshot(const Database& db)
{
    QMap<QString, qint64> counts;
    for (const QString& t : kTables)
        counts.insert(t, countRows(db, t));
    return counts;
}

/// Runs a plain-text pg_dump (--inserts) statement by statement: a statement ends with a line ending in ';';
/// comments, blank lines and psql meta-commands (\\restrict …) are skipped.
bool replaySqlDump(Database& db, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    QString statement;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        if (line.endsWith(QLatin1Char('\n')))
            line.chop(1);
        if (statement.isEmpty() && (line.isEmpty() || line.startsWith(QLatin1String("--")) || line.startsWith(u'\\')))
            continue;
        statement += line + QLatin1Char('\n');
        if (line.endsWith(QLatin1Char(';'))) {
            db.execDirect(statement);
            statement.clear();
        }
    }
    return statement.trimmed().isEmpty();
}

/// Every row of every table that `columnsOf` lists, as sorted text ("col=value|…", NULL as "∅"), with a foreign
/// key written as the UUID it points to whatever the schema: before v4 the column holds the UUID (partner_id); from
/// v4 on it holds the integer key (partner_pk), looked up here. So a book before and after the v4 migration must
/// give the same rows, row for row.
QMap<QString, QStringList> rowsByUuid(const Database& db, const QMap<QString, QStringList>& columnsOf)
{
    static const QMap<QString, QString> parentOf = {{QStringLiteral("partner"), QStringLiteral("partners")},
                                                    {QStringLiteral("contact"), QStringLiteral("contacts")},
                                                    {QStringLiteral("account"), QStringLiteral("accounts")},
                                                    {QStringLiteral("product"), QStringLiteral("products")},
                                                    {QStringLiteral("parent"), QStringLiteral("accounts")},
                                                    {QStringLiteral("deal"), QStringLiteral("deals")},
                                                    {QStringLiteral("later_deal"), QStringLiteral("deals")},
                                                    {QStringLiteral("earlier_deal"), QStringLiteral("deals")}};
    const int version = Migrator(const_cast<Database&>(db)).currentVersion();
    const bool integerKeys = version >= 4;
    const bool compactIds = version >= 6; // ids in 16 bytes, read as text through pd_uuid_text
    QMap<QString, QStringList> out;
    for (auto it = columnsOf.cbegin(); it != columnsOf.cend(); ++it) {
        QStringList select;
        for (const QString& column : it.value()) {
            const QString stem = column.chopped(3);
            if (column.endsWith(QLatin1String("_id")) && parentOf.contains(stem))
                select << (integerKeys
                               ? QStringLiteral("(SELECT %1 FROM %2 x WHERE x.pk = t.%3_pk)")
                                     .arg(compactIds ? QStringLiteral("pd_uuid_text(x.id)") : QStringLiteral("x.id"),
                                          parentOf.value(stem), stem)
                               : QStringLiteral("t.") + column);
            else if (column == QLatin1String("id") && compactIds)
                select << QStringLiteral("pd_uuid_text(t.id)");
            else
                select << QStringLiteral("t.") + column;
        }
        QSqlQuery q(db.handle());
        // Schema v8 adds the MDF program's default settings to program_settings; the old rows are what is compared.
        const QString where =
            it.key() == QLatin1String("program_settings") ? QStringLiteral(" WHERE t.key NOT LIKE 'mdf%'") : QString();
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 t%3").arg(select.join(QLatin1String(", ")), it.key(), where)))
            return {{it.key(), {q.lastError().text()}}};
        QStringList rows;
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < select.size(); ++i)
                cells << it.value().at(i) + QLatin1Char('=') +
                             (q.value(i).isNull() ? QStringLiteral("∅") : q.value(i).toString());
            rows << cells.join(QLatin1Char('|'));
        }
        rows.sort();
        out.insert(it.key(), rows);
    }
    return out;
}

/// The columns of every table of kTables that `db` has, by their names at its schema (integer keys left out: a
/// v4 book's pk and *_pk columns, which rowsByUuid() reads through their UUIDs).
QMap<QString, QStringList> columnsOf(const Database& db)
{
    QMap<QString, QStringList> out;
    const QStringList tables = db.handle().tables();
    for (const QString& t : kTables) {
        if (!tables.contains(t) || t == QLatin1String("schema_info"))
            continue;
        const QSqlRecord record = db.handle().record(t);
        QStringList columns;
        for (int i = 0; i < record.count(); ++i)
            if (record.fieldName(i) != QLatin1String("pk") && !record.fieldName(i).endsWith(QLatin1String("_pk")))
                columns << record.fieldName(i);
        out.insert(t, columns);
    }
    return out;
}

QStringList backupsBeside(const QString& path)
{
    const QFileInfo info(path);
    return info.dir().entryList({info.fileName() + QStringLiteral(".schema-v*.bak")}, QDir::Files);
}
} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyBookToLatest_data() { test::TestDatabases::addBackendRows(); }
    void emptyBookToLatest();
    void v1BookUpgradesWithBackupAndKeepsItsRows_data() { test::TestDatabases::addBackendRows(); }
    void v1BookUpgradesWithBackupAndKeepsItsRows();
    void migrateAgainIsNoOp_data() { test::TestDatabases::addBackendRows(); }
    void migrateAgainIsNoOp();
    void newerSchemaRefusedAndNothingWritten_data() { test::TestDatabases::addBackendRows(); }
    void newerSchemaRefusedAndNothingWritten();
    void failedStepRollsBack_data() { test::TestDatabases::addBackendRows(); }
    void failedStepRollsBack();
    void noBackupForUpToDateOrNewBook();
    void v2DuplicatedNumbersAreRenumbered_data() { test::TestDatabases::addBackendRows(); }
    void v2DuplicatedNumbersAreRenumbered();
    void oldSchemaFixtureMigrates_data();
    void oldSchemaFixtureMigrates();
    void uuidsAreStoredInSixteenBytes_data() { test::TestDatabases::addBackendRows(); }
    void uuidsAreStoredInSixteenBytes();

private:
    test::TestDatabases m_databases;
};

void TestMigrator::emptyBookToLatest()
{
    QFETCH(QString, backend);
    QString error;
    std::unique_ptr<Database> db = test::openBook(m_databases, backend, &error, /*migrate=*/false);
    if (!db)
        QFAIL(qPrintable(error));
    Migrator migrator(*db);
    QCOMPARE(migrator.currentVersion(), 0);
    const Migrator::Report report = migrator.migrate();
    QCOMPARE(report.fromVersion, 0);
    QCOMPARE(report.toVersion, int(Migrator::kLatestVersion));
    QCOMPARE(report.backupPath, QString()); // nothing to keep in an empty book
    QCOMPARE(migrator.currentVersion(), int(Migrator::kLatestVersion));
    QCOMPARE(Migrator::kLatestVersion, 9);
    QCOMPARE(schemaValue(*db, QStringLiteral("schema_version")), QString::number(Migrator::kLatestVersion));
    QCOMPARE(schemaValue(*db, QStringLiteral("min_app_version")), Migrator::minimumAppVersion());
    QCOMPARE(schemaValue(*db, QStringLiteral("min_app_version")), QStringLiteral("0.2.0"));
    const QStringList tables = db->handle().tables();
    for (const QString& t : kTables) {
        QVERIFY2(tables.contains(t), qPrintable(t));
        if (t != QLatin1String("schema_info") && t != QLatin1String("checklist_template_tasks") &&
            t != QLatin1String("mdf_activity_types") && t != QLatin1String("program_settings") &&
            t != QLatin1String("tiers"))
            QCOMPARE(countRows(*db, t), qint64(0));
    }
    // The MDF program's defaults (issue 10, item 1): six activity types, vendor share 50%, claim deadline 60 days.
    QCOMPARE(
        test::column(*db, QStringLiteral("SELECT name || ':' || required_proofs FROM mdf_activity_types ORDER BY "
                                         "position")),
        (QStringList{QStringLiteral("event:invoice,attendee list"), QStringLiteral("webinar:invoice,attendee list"),
                     QStringLiteral("digital campaign:invoice,screenshots,performance report"),
                     QStringLiteral("content:invoice"), QStringLiteral("training:invoice,attendee list"),
                     QStringLiteral("other:invoice")}));
    QCOMPARE(
        test::column(*db, QStringLiteral("SELECT key || '=' || value FROM program_settings ORDER BY key")),
        (QStringList{QStringLiteral("mdf_claim_deadline_days=60"), QStringLiteral("mdf_vendor_share_percent=50")}));
    QCOMPARE(countRows(*db, QStringLiteral("schema_info")), qint64(2));
    // The default checklists (issue 9, item 3): 8 onboarding tasks for each of the 7 partner types, 4 offboarding.
    QCOMPARE(countRows(*db, QStringLiteral("checklist_template_tasks")), qint64(7 * 8 + 4));
}

void TestMigrator::uuidsAreStoredInSixteenBytes()
{
    PD_OPEN_BOOK(db, m_databases);
    // Written in capitals, stored in 16 bytes, read back in the canonical lower-case text.
    db->execDirect(QStringLiteral("INSERT INTO products (id, created_at, updated_at, name, name_key) VALUES "
                                  "(pd_uuid('0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'), 'a', 'a', 'GTX Pro', 'gtxpro')"));
    QCOMPARE(column(*db, QStringLiteral("SELECT pd_uuid_text(id) FROM products")),
             QStringList{QStringLiteral("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")});
    QCOMPARE(
        column(*db, db->dialect() == Database::Dialect::Sqlite
                        ? QStringLiteral("SELECT typeof(id) || ' ' || length(id) FROM products")
                        : QStringLiteral("SELECT pg_typeof(id)::text FROM products")),
        QStringList{db->dialect() == Database::Dialect::Sqlite ? QStringLiteral("blob 16") : QStringLiteral("uuid")});
    QCOMPARE(column(*db, QStringLiteral("SELECT name FROM products WHERE id = "
                                        "pd_uuid('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d')")),
             QStringList{QStringLiteral("GTX Pro")});
    // Text that is not a UUID (a user's search for "#12") finds nothing, without an error.
    for (const char* text : {"#12", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4", "0a1b2c3d+4e5f-4a6b-8c7d-9e0f1a2b3c4d", ""})
        QCOMPARE(
            column(*db,
                   QStringLiteral("SELECT COUNT(*) FROM products WHERE id = pd_uuid('%1')").arg(QLatin1String(text))),
            QStringList{QStringLiteral("0")});
    // And can never become a row's id.
    QVERIFY_THROWS_EXCEPTION(StorageError,
                             db->execDirect(QStringLiteral("INSERT INTO products (id, created_at, updated_at, name, "
                                                           "name_key) VALUES (pd_uuid('p1'), 'a', 'a', 'X', 'x')")));
    // Stored ids sort like their text.
    db->execDirect(QStringLiteral("INSERT INTO products (id, created_at, updated_at, name, name_key) VALUES "
                                  "(pd_uuid('f0000000-0000-4000-8000-000000000000'), 'a', 'a', 'B', 'b'), "
                                  "(pd_uuid('10000000-0000-4000-8000-000000000000'), 'a', 'a', 'C', 'c')"));
    QCOMPARE(column(*db, QStringLiteral("SELECT name FROM products ORDER BY id")),
             (QStringList{QStringLiteral("GTX Pro"), QStringLiteral("C"), QStringLiteral("B")}));
}

void TestMigrator::migrateAgainIsNoOp()
{
    PD_OPEN_BOOK(db, m_databases);
    const auto before = snapshot(*db);
    const QStringList infoBefore =
        column(*db, QStringLiteral("SELECT key || '=' || value FROM schema_info ORDER BY key"));
    const Migrator::Report report = Migrator(*db).migrate();
    QCOMPARE(report.fromVersion, int(Migrator::kLatestVersion));
    QCOMPARE(report.toVersion, int(Migrator::kLatestVersion));
    QCOMPARE(report.backupPath, QString());
    QCOMPARE(snapshot(*db), before);
    QCOMPARE(column(*db, QStringLiteral("SELECT key || '=' || value FROM schema_info ORDER BY key")), infoBefore);
    if (db->config().isFile())
        QCOMPARE(backupsBeside(db->config().path), QStringList());
}

void TestMigrator::newerSchemaRefusedAndNothingWritten()
{
    QFETCH(QString, backend);
    QString error;
    std::unique_ptr<Database> db = test::openBook(m_databases, backend, &error);
    if (!db)
        QFAIL(qPrintable(error));
    const DatabaseConfig config = db->config();
    // A book written by a future PartnerDesk: schema 99, readable from app 9.0.0 on, with one partner in it.
    db->execDirect(QStringLiteral("UPDATE schema_info SET value = '99' WHERE key = 'schema_version'"));
    db->execDirect(QStringLiteral("UPDATE schema_info SET value = '9.0.0' WHERE key = 'min_app_version'"));
    db->execDirect(QStringLiteral(
        "INSERT INTO partners (id, created_at, updated_at, partner_key, name, name_key, partner_type, stage) "
        "VALUES ('00000000-0000-0000-0000-000000000001', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', "
        "'FUT', 'Future Corp', 'future', 'VAR', 'Active')"));
    db.reset(); // closes; SQLite checkpoints the WAL into the file (and keeps the empty WAL: PERSIST_WAL)

    QByteArray digestBefore;
    if (config.isFile()) {
        QCOMPARE(QFileInfo(config.path + QStringLiteral("-wal")).size(), qint64(0));
        digestBefore = fileDigest(config.path);
    }

    auto reopened = std::make_unique<Database>(config);
    reopened->open();
    const auto before = snapshot(*reopened);
    Migrator migrator(*reopened);
    QCOMPARE(migrator.currentVersion(), 99);
    try {
        migrator.migrate();
        QFAIL("a book with a newer schema was not refused");
    } catch (const StorageError& e) {
        QCOMPARE(e.kind(), StorageError::Kind::NewerSchema);
        // A clear message: the book's version, the app version it needs, and that nothing changed.
        QVERIFY2(e.message().contains(QLatin1String("99")), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QLatin1String("9.0.0")), qPrintable(e.message()));
        QVERIFY2(e.message().contains(QLatin1String("Nothing was changed")), qPrintable(e.message()));
    }
    QCOMPARE(snapshot(*reopened), before);
    QCOMPARE(schemaValue(*reopened, QStringLiteral("schema_version")), QStringLiteral("99"));
    QCOMPARE(column(*reopened, QStringLiteral("SELECT partner_key FROM partners")), QStringList{"FUT"});
    reopened.reset();
    if (config.isFile()) {
        QCOMPARE(fileDigest(config.path), digestBefore); // not one byte written
        QCOMPARE(backupsBeside(config.path), QStringList());
    }
}

void TestMigrator::v1BookUpgradesWithBackupAndKeepsItsRows()
{
    // A book written at schema v1 (before deal registration), with a partner and a deal in it.
    QFETCH(QString, backend);
    QString error;
    std::unique_ptr<Database> db = test::openBook(m_databases, backend, &error, /*migrate=*/false);
    if (!db)
        QFAIL(qPrintable(error));
    QCOMPARE(Migrator(*db).migrate(1).toVersion, 1);
    QVERIFY(!db->handle().tables().contains(QStringLiteral("program_settings")));
    const QString at = QStringLiteral("2026-01-05T09:00:00.000Z");
    db->execDirect(QStringLiteral("INSERT INTO partners (id, created_at, updated_at, partner_key, name, name_key, "
                                  "partner_type, stage) VALUES ('00000000-0000-4000-8000-000000000001', '%1', '%1', "
                                  "'ACN', 'Accenture', 'accenture', "
                                  "'SI', 'Active')")
                       .arg(at));
    db->execDirect(QStringLiteral("INSERT INTO products (id, created_at, updated_at, name, name_key) VALUES "
                                  "('00000000-0000-4000-8000-000000000002', '%1', '%1', 'GTX Pro', 'gtxpro')")
                       .arg(at));
    db->execDirect(
        QStringLiteral(
            "INSERT INTO deals (id, created_at, updated_at, registration_number, partner_id, "
            "product_id, status, registered_at, amount_minor) VALUES ('00000000-0000-4000-8000-000000000003', '%1', "
            "'%1', 7, "
            "'00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'Approved', '%1', 482100)")
            .arg(at));

    const Migrator::Report report = Migrator(*db).migrate();
    QCOMPARE(report.fromVersion, 1);
    QCOMPARE(report.toVersion, int(Migrator::kLatestVersion));
    QCOMPARE(schemaValue(*db, QStringLiteral("schema_version")), QString::number(Migrator::kLatestVersion));
    // The rows are still there, and the new columns have their defaults.
    QCOMPARE(column(*db, QStringLiteral("SELECT partner_key FROM partners")), QStringList{QStringLiteral("ACN")});
    QCOMPARE(column(*db, QStringLiteral("SELECT registration_number || ' ' || status || ' ' || amount_minor || ' [' || "
                                        "decided_by || '][' || reject_reason || ']' FROM deals")),
             QStringList{QStringLiteral("7 Approved 482100 [][]")});
    // No deal-registration settings were stored (the defaults apply); v8 stored the MDF program's two defaults.
    QCOMPARE(column(*db, QStringLiteral("SELECT key FROM program_settings ORDER BY key")),
             (QStringList{QStringLiteral("mdf_claim_deadline_days"), QStringLiteral("mdf_vendor_share_percent")}));
    if (db->config().isFile()) {
        // A copy of the v1 file was kept beside it before migrating, and it is still a v1 book.
        QCOMPARE(report.backupPath, db->config().path + QStringLiteral(".schema-v1.bak"));
        QCOMPARE(backupsBeside(db->config().path), QStringList{QFileInfo(report.backupPath).fileName()});
        DatabaseConfig copy = db->config();
        copy.path = report.backupPath;
        Database backup(copy);
        backup.open();
        QCOMPARE(Migrator(backup).currentVersion(), 1);
        QCOMPARE(column(backup, QStringLiteral("SELECT id FROM deals")),
                 QStringList{QStringLiteral("00000000-0000-4000-8000-000000000003")});
    } else {
        QCOMPARE(report.backupPath, QString()); // PostgreSQL: the server's own backups
    }
}

void TestMigrator::failedStepRollsBack()
{
    // A book whose schema_info lost its version: migrating re-runs step 1, which fails on the existing
    // tables; the step's transaction rolls back and leaves the book as it was.
    PD_OPEN_BOOK(db, m_databases);
    db->execDirect(QStringLiteral("DELETE FROM schema_info WHERE key = 'schema_version'"));
    const auto before = snapshot(*db);
    Migrator migrator(*db);
    QCOMPARE(migrator.currentVersion(), 0);
    QVERIFY_THROWS_EXCEPTION(StorageError, migrator.migrate());
    QCOMPARE(db->transactionDepth(), 0);
    QCOMPARE(snapshot(*db), before);
    QCOMPARE(schemaValue(*db, QStringLiteral("min_app_version")), QStringLiteral("0.2.0"));
}

void TestMigrator::noBackupForUpToDateOrNewBook()
{
    // SQLite only (a backup is a copy of the file): a new book and an up-to-date book get no copy; the copy
    // is made only when an existing schema is upgraded ("<file>.schema-v<N>.bak").
    const DatabaseConfig config = m_databases.sqlite();
    {
        Database db(config);
        db.open();
        const Migrator::Report first = Migrator(db).migrate();
        QCOMPARE(first.fromVersion, 0);
        QCOMPARE(first.backupPath, QString());
    }
    QCOMPARE(backupsBeside(config.path), QStringList());
    {
        Database db(config);
        db.open();
        const Migrator::Report again = Migrator(db).migrate();
        QCOMPARE(again.fromVersion, int(Migrator::kLatestVersion));
        QCOMPARE(again.toVersion, int(Migrator::kLatestVersion));
        QCOMPARE(again.backupPath, QString());
    }
    QCOMPARE(backupsBeside(config.path), QStringList());
    QVERIFY(QFile::exists(config.path));
}

/// Books written by older PartnerDesk code, kept in tests/data/fixtures (see its README for the commit and the
/// commands that made each): init + the reference scenario's imports with the deals cut to their first 50 rows.
void TestMigrator::oldSchemaFixtureMigrates_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("version");
    // SQLite: the book file the old CLI wrote. PostgreSQL: pg_dump --inserts of the database the old CLI wrote.
    QTest::newRow("sqlite v1 (made by aa9afd6)") << QStringLiteral("sqlite") << QStringLiteral("v1.partnerdesk") << 1;
    QTest::newRow("sqlite v2 (made by 8514afd)") << QStringLiteral("sqlite") << QStringLiteral("v2.partnerdesk") << 2;
    QTest::newRow("postgres v1 (made by aa9afd6)") << QStringLiteral("postgres") << QStringLiteral("v1.pg.sql") << 1;
    QTest::newRow("postgres v2 (made by 8514afd)") << QStringLiteral("postgres") << QStringLiteral("v2.pg.sql") << 2;
    QTest::newRow("sqlite v3 (made by 81bfee0)") << QStringLiteral("sqlite") << QStringLiteral("v3.partnerdesk") << 3;
    QTest::newRow("postgres v3 (made by 81bfee0)") << QStringLiteral("postgres") << QStringLiteral("v3.pg.sql") << 3;
}

void TestMigrator::oldSchemaFixtureMigrates()
{
    QFETCH(QString, backend);
    QFETCH(QString, fixture);
    QFETCH(int, version);
    const QString source = test::testData(QStringLiteral("fixtures/") + fixture);
    QVERIFY2(QFile::exists(source), qPrintable(source));
    const QByteArray sourceDigest = fileDigest(source);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DatabaseConfig config;
    if (backend == QLatin1String("sqlite")) {
        config.path = dir.filePath(fixture);
        QVERIFY(QFile::copy(source, config.path));
        QFile::setPermissions(config.path, QFile::ReadOwner | QFile::WriteOwner);
    } else {
        QString error;
        const auto pg = m_databases.postgres(&error);
        QVERIFY2(pg, qPrintable(error));
        config = *pg;
        Database empty(config);
        empty.open();
        QVERIFY2(replaySqlDump(empty, source), "the dump ends inside a statement");
    } // reopened below: the dump empties search_path for its session

    // What the old code wrote (counted with sqlite3 on the fixture when it was made).
    const QMap<QString, qint64> expected = {{QStringLiteral("products"), 7},
                                            {QStringLiteral("partners"), 73},
                                            {QStringLiteral("partner_stage_history"), 73},
                                            {QStringLiteral("contacts"), 35},
                                            {QStringLiteral("accounts"), 85},
                                            {QStringLiteral("deals"), 50},
                                            {QStringLiteral("change_log"), 285},
                                            {QStringLiteral("audit_log"), 6}};
    auto counts = [&expected](const Database& db) {
        QMap<QString, qint64> c;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            c.insert(it.key(), countRows(db, it.key()));
        return c;
    };
    // A few named rows: a partner, an account with its parent, a contact with its partner, three deals joined
    // with what they point to (registration number, external id, status, amount, partner, customer, product).
    auto namedRows = [](const Database& db) {
        // Joins through the integer keys from schema v4 on, through the UUIDs before.
        const bool keys = Migrator(const_cast<Database&>(db)).currentVersion() >= 4;
        auto join = [keys](const char* parent, const char* child, const char* stem) {
            return keys ? QStringLiteral("%1.pk = %2.%3_pk")
                              .arg(QLatin1String(parent), QLatin1String(child), QLatin1String(stem))
                        : QStringLiteral("%1.id = %2.%3_id")
                              .arg(QLatin1String(parent), QLatin1String(child), QLatin1String(stem));
        };
        QStringList rows;
        rows += column(db, QStringLiteral("SELECT partner_key || '|' || name || '|' || partner_type || '|' || stage "
                                          "FROM partners WHERE partner_key IN ('ACN', 'AAPL') ORDER BY partner_key"));
        rows += column(db, QStringLiteral("SELECT a.name || '|' || a.country || '|' || pa.name FROM accounts a "
                                          "JOIN accounts pa ON %1 WHERE a.name = 'Bluth Company'")
                               .arg(join("pa", "a", "parent")));
        rows += column(db, QStringLiteral("SELECT c.name || '|' || p.partner_key FROM contacts c JOIN partners p ON "
                                          "%1 WHERE c.name = 'Anna Snelling'")
                               .arg(join("p", "c", "partner")));
        rows += column(
            db, QStringLiteral("SELECT d.registration_number || '|' || d.external_id || '|' || d.status || '|' || "
                               "d.amount_minor || '|' || d.currency || '|' || p.partner_key || '|' || a.name || '|' || "
                               "pr.name || '|' || d.registered_at || '|' || d.closed_on FROM deals d "
                               "JOIN partners p ON %1 JOIN accounts a ON %2 JOIN products pr ON %3 "
                               "WHERE d.registration_number IN (1, 17, 50) ORDER BY d.registration_number")
                    .arg(join("p", "d", "partner"), join("a", "d", "account"), join("pr", "d", "product")));
        return rows;
    };
    const QStringList expectedRows = {
        QStringLiteral("AAPL|Apple Inc.|Technology|Active"),
        QStringLiteral("ACN|Accenture|SI|Active"),
        QStringLiteral("Bluth Company|US|Acme Corporation"),
        QStringLiteral("Anna Snelling|ACN"),
        QStringLiteral("1|1C1I7A6R|Won|105400|USD|CDW|Cancity|GTX Plus Basic|2016-10-20T00:00:00.000Z|2017-03-01"),
        QStringLiteral("17|M6WEJXC0|Won|328400|USD|NOW|Scotfind|MG Advanced|2016-11-05T00:00:00.000Z|2017-03-06"),
        QStringLiteral("50|XKMZVSN4|Won|466700|USD|HPE|Sonron|GTX Plus Pro|2016-11-17T00:00:00.000Z|2017-03-05")};

    Database db(config);
    db.open();
    QCOMPARE(Migrator(db).currentVersion(), version);
    QCOMPARE(counts(db), expected);
    QCOMPARE(namedRows(db), expectedRows);
    // Row for row: every column the old book has, with foreign keys read as the UUIDs they point to.
    const QMap<QString, QStringList> oldColumns = columnsOf(db);
    const QMap<QString, QStringList> before = rowsByUuid(db, oldColumns);
    QCOMPARE(before.value(QStringLiteral("deals")).size(), 50);

    const Migrator::Report report = Migrator(db).migrate();
    QCOMPARE(report.fromVersion, version);
    QCOMPARE(report.toVersion, Migrator::kLatestVersion);
    QCOMPARE(schemaValue(db, QStringLiteral("schema_version")), QString::number(Migrator::kLatestVersion));
    QCOMPARE(counts(db), expected);
    QCOMPARE(namedRows(db), expectedRows);
    if (config.isFile()) // the old tables' pages were given back (VACUUM after v4 copied every table)
        QCOMPARE(column(db, QStringLiteral("PRAGMA freelist_count")), QStringList{QStringLiteral("0")});
    const QMap<QString, QStringList> after = rowsByUuid(db, oldColumns);
    QCOMPARE(after.keys(), before.keys());
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QCOMPARE(after.value(it.key()), it.value());
    const QStringList tables = db.handle().tables();
    for (const QString& t : kTables)
        QVERIFY2(tables.contains(t), qPrintable(t));
    // Schema v6: every id of the old book is now 16 bytes, and reads back as the text it was (compared above).
    if (db.dialect() == Database::Dialect::Sqlite)
        for (const QString& table : {QStringLiteral("partners"), QStringLiteral("contacts"), QStringLiteral("deals")})
            QCOMPARE(column(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE typeof(id) <> 'blob' OR length(id) <> 16")
                                    .arg(table)),
                     QStringList{QStringLiteral("0")});
    else
        QCOMPARE(column(db, QStringLiteral("SELECT data_type FROM information_schema.columns WHERE table_name = "
                                           "'deals' AND column_name = 'id'")),
                 QStringList{QStringLiteral("uuid")});
    // Schema v5: every entry of an older book names its one row (no range of row keys).
    QCOMPARE(column(db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE first_pk IS NOT NULL OR last_pk IS NOT "
                                       "NULL")),
             QStringList{QStringLiteral("0")});
    QVERIFY(column(db, QStringLiteral("SELECT COUNT(*) FROM change_log")).value(0).toInt() > 0);
    if (version < 2) // columns added by schema v2 have their defaults
        QCOMPARE(column(db, QStringLiteral("SELECT COUNT(*) FROM deals WHERE decided_by = '' AND reject_reason = ''")),
                 QStringList{QStringLiteral("50")});

    if (version < Migrator::kLatestVersion && config.isFile()) {
        // The copy kept before migrating is still the old book, with the same rows.
        QCOMPARE(report.backupPath, config.path + QStringLiteral(".schema-v%1.bak").arg(version));
        QVERIFY(QFile::exists(report.backupPath));
        DatabaseConfig copy = config;
        copy.path = report.backupPath;
        Database backup(copy);
        backup.open();
        QCOMPARE(Migrator(backup).currentVersion(), version);
        QCOMPARE(counts(backup), expected);
        QCOMPARE(namedRows(backup), expectedRows);
    } else {
        QCOMPARE(report.backupPath, QString()); // already at the latest schema, or PostgreSQL: no copy
    }
    QCOMPARE(fileDigest(source), sourceDigest); // the fixture itself is never written
}

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"

void TestMigrator::v2DuplicatedNumbersAreRenumbered()
{
    // Deals dddddddd-…-1 and -2 are Drafts, -3 is 'early', -4 'late', -5 'two'.
    // A v2 book written by overlapping imports: #1 twice, #2 once, two Drafts without a number. Migrating to v3 keeps
    // #1 for the earlier registration, gives the later duplicate #3 (after the highest), audits it, and from then on
    // the book refuses a duplicated number.
    QFETCH(QString, backend);
    QString error;
    std::unique_ptr<Database> db = test::openBook(m_databases, backend, &error, /*migrate=*/false);
    if (!db)
        QFAIL(qPrintable(error));
    QCOMPARE(Migrator(*db).migrate(2).toVersion, 2);
    const QString at = QStringLiteral("2026-01-05T09:00:00.000Z");
    db->execDirect(QStringLiteral("INSERT INTO partners (id, created_at, updated_at, partner_key, name, name_key, "
                                  "partner_type, stage) VALUES ('aaaaaaaa-0000-4000-8000-000000000001', '%1', '%1', "
                                  "'ACN', 'Accenture', 'accenture', "
                                  "'SI', 'Active')")
                       .arg(at));
    db->execDirect(QStringLiteral("INSERT INTO products (id, created_at, updated_at, name, name_key) VALUES "
                                  "('bbbbbbbb-0000-4000-8000-000000000001', '%1', '%1', 'GTX Pro', 'gtxpro')")
                       .arg(at));
    const QStringList rows = {
        QStringLiteral("('dddddddd-0000-4000-8000-000000000004', 1, 'Submitted', '2017-03-02T00:00:00.000Z')"),
        QStringLiteral("('dddddddd-0000-4000-8000-000000000003', 1, 'Approved', '2017-03-01T00:00:00.000Z')"),
        QStringLiteral("('dddddddd-0000-4000-8000-000000000005', 2, 'Won', '2017-02-01T00:00:00.000Z')"),
        QStringLiteral("('dddddddd-0000-4000-8000-000000000001', 0, 'Draft', NULL)"),
        QStringLiteral("('dddddddd-0000-4000-8000-000000000002', 0, 'Draft', NULL)")};
    for (const QString& row : rows)
        db->execDirect(
            QStringLiteral("INSERT INTO deals (id, registration_number, status, registered_at, created_at, "
                           "updated_at, partner_id, product_id) SELECT v.*, '%1', '%1', "
                           "'aaaaaaaa-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000001' FROM "
                           "(VALUES %2) AS v")
                .arg(at, row));

    const Migrator::Report report = Migrator(*db).migrate();
    QCOMPARE(report.fromVersion, 2);
    QCOMPARE(report.toVersion, int(Migrator::kLatestVersion));
    QCOMPARE(column(*db, QStringLiteral(
                             "SELECT pd_uuid_text(id) || '=' || registration_number || ' v' || version FROM deals "
                             "ORDER BY id")),
             (QStringList{QStringLiteral("dddddddd-0000-4000-8000-000000000001=0 v1"),
                          QStringLiteral("dddddddd-0000-4000-8000-000000000002=0 v1"),
                          QStringLiteral("dddddddd-0000-4000-8000-000000000003=1 v1"),
                          QStringLiteral("dddddddd-0000-4000-8000-000000000004=3 v2"),
                          QStringLiteral("dddddddd-0000-4000-8000-000000000005=2 v1")}));
    QCOMPARE(
        column(*db, QStringLiteral("SELECT entity_id || ': ' || details FROM audit_log WHERE action = 'renumber'")),
        QStringList{
            QStringLiteral("dddddddd-0000-4000-8000-000000000004: registration number 1 was duplicated; it is now 3")});
    QCOMPARE(column(*db, QStringLiteral("SELECT entity_id || ' ' || op || ' ' || version FROM change_log")),
             QStringList{QStringLiteral("dddddddd-0000-4000-8000-000000000004 update 2")});
    QCOMPARE(column(*db, QStringLiteral("SELECT name || '=' || value FROM book_counters ORDER BY name")),
             (QStringList{QStringLiteral("mdf_request_number=0"), QStringLiteral("registration_number=3")}));
    QVERIFY_THROWS_EXCEPTION(
        StorageError,
        db->execDirect(QStringLiteral(
            "UPDATE deals SET registration_number = 2 WHERE id = pd_uuid('dddddddd-0000-4000-8000-000000000003')")));
    // Drafts keep sharing "no number yet".
    db->execDirect(QStringLiteral(
        "UPDATE deals SET registration_number = 0 WHERE id = pd_uuid('dddddddd-0000-4000-8000-000000000004')"));
}
