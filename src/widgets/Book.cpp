#include "widgets/Book.h"

#include "storage/Migrator.h"
#include "storage/StorageError.h"

namespace pd {

Book::Book(const DatabaseConfig& config, const Clock& clock)
    : m_db(config), m_clock(clock), m_partners(m_db, m_clock, &m_notifier), m_contacts(m_db, m_clock, &m_notifier),
      m_stats(m_db), m_accounts(m_db, &m_notifier), m_products(m_db), m_workflow(m_db, m_clock, &m_notifier),
      m_conflicts(m_db, &m_notifier), m_pipeline(m_db), m_dealPartners(m_db, m_clock, &m_notifier),
      m_programSettings(m_db, m_clock, &m_notifier), m_lifecycle(m_db, m_clock, &m_notifier),
      m_checklists(m_db, m_clock, &m_notifier), m_attachments(m_db, m_clock, &m_notifier),
      m_certifications(m_db, m_clock, &m_notifier), m_ippProfile(m_db, m_clock, &m_notifier),
      m_mdfBudgets(m_db, m_clock, &m_notifier), m_mdfRequests(m_db, m_clock, &m_notifier),
      m_mdfOperations(m_db, m_clock, &m_notifier), m_tiers(m_db, m_clock, &m_notifier)
{
}

std::unique_ptr<Book> Book::open(const DatabaseConfig& config, const Clock& clock, QString* error, OpenError* kind)
{
    std::unique_ptr<Book> book(new Book(config, clock));
    try {
        book->m_db.open();
        Migrator(book->m_db).migrate();
    } catch (const StorageError& e) {
        if (error)
            *error = e.message();
        if (kind)
            *kind = e.kind() == StorageError::Kind::NewerSchema ? OpenError::NewerSchema : OpenError::Failed;
        return nullptr;
    }
    if (kind)
        *kind = OpenError::None;
    return book;
}

Book::OpenError Book::prepare(const DatabaseConfig& config, QString* error, bool* checkLater)
{
    try {
        Database db(config);
        db.open();
        Migrator migrator(db);
        const bool canCheckLater = checkLater && db.dialect() == Database::Dialect::Sqlite && !db.isReadOnly() &&
                                   migrator.currentVersion() == Migrator::kLatestVersion;
        if (checkLater)
            *checkLater = canCheckLater;
        // A full read of the file, here on the worker: a damaged book is refused before anything is written into it.
        if (!db.isReadOnly() && !canCheckLater)
            db.checkIntegrity();
        migrator.migrate();
    } catch (const StorageError& e) {
        *error = e.message();
        return e.kind() == StorageError::Kind::NewerSchema ? OpenError::NewerSchema : OpenError::Failed;
    }
    return OpenError::None;
}

QString Book::checkIntegrity(const DatabaseConfig& config)
{
    try {
        Database db(config);
        db.open(Database::OpenMode::MustExist);
        db.checkIntegrity();
    } catch (const StorageError& e) {
        return e.message();
    }
    return {};
}

} // namespace pd
