#pragma once

#include "domain/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/AttachmentRepository.h"
#include "storage/CertificationRepository.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChecklistRepository.h"
#include "storage/ConflictRepository.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "storage/DatabaseConfig.h"
#include "storage/DealPartnerRepository.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/IppProfileRepository.h"
#include "storage/LifecycleRepository.h"
#include "storage/MdfBudgetRepository.h"
#include "storage/MdfOperations.h"
#include "storage/MdfRequestRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/PipelineRepository.h"
#include "storage/ProductRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StatsRepository.h"
#include "storage/TierRepository.h"

#include <QThreadPool>
#include <QUndoStack>
#include <memory>

namespace pd {

/// Everything that belongs to one open book (DESIGN.md section 1: dependencies passed in constructors): the GUI
/// thread's connection, the clock (owned by the window's owner), the change notifier, the repositories and the undo
/// stack. Panes get a Book& and never reach for globals. A new Book is created per opened database; closing the book
/// destroys it.
class Book
{
public:
    /// Why open() failed.
    enum class OpenError { None, Failed, NewerSchema };

    /// Opens `config` on the calling (GUI) thread and migrates it to the latest schema (creating an SQLite file when
    /// missing). Returns nullptr and sets `error` (for people) and `kind` on failure; a book written by a newer
    /// PartnerDesk is refused with OpenError::NewerSchema and nothing is written. `clock` is the source of "now" for
    /// everything the book does (DESIGN.md section 8); it must outlive the book.
    static std::unique_ptr<Book> open(const DatabaseConfig& config, const Clock& clock, QString* error,
                                      OpenError* kind = nullptr);

    /// The slow part of open(), for a worker thread: connects to `config` on a connection of the calling thread,
    /// checks a writable SQLite file for damage (Database::checkIntegrity) and migrates it (a file book is copied
    /// first), so that open() on the GUI thread afterwards finds an up-to-date book and returns at once. Returns
    /// OpenError::None, or the error with `error` set (a damaged book, or a read-only book that needs migrating).
    /// With `checkLater`, a writable SQLite book that is already up to date (nothing to write) is not checked here:
    /// *checkLater is set true and the caller must run checkIntegrity() and refuse writes until it passes (issue 7:
    /// the check reads the whole file, about 1 s per GB, and runs while the window already shows the book).
    static OpenError prepare(const DatabaseConfig& config, QString* error, bool* checkLater = nullptr);
    /// Checks the book at `config` for damage on a connection of the calling thread (a worker): empty when it is
    /// sound, else the reason for people (Database::checkIntegrity, "… is damaged …; nothing was written …").
    static QString checkIntegrity(const DatabaseConfig& config);

    const DatabaseConfig& config() const { return m_db.config(); }
    /// The path or URL without password, for the title and status bar.
    QString displayName() const { return m_db.config().displayName(); }
    Database& database() { return m_db; }
    /// True when the book could only be opened for reading (read-only file or folder): every edit is refused.
    bool isReadOnly() const { return m_db.isReadOnly(); }
    const Clock& clock() const { return m_clock; }
    ChangeNotifier& notifier() { return m_notifier; }
    PartnerRepository& partners() { return m_partners; }
    ContactRepository& contacts() { return m_contacts; }
    StatsRepository& stats() { return m_stats; }
    QUndoStack& undoStack() { return m_undoStack; }
    /// The pool that runs the book's background reads (nullptr: Qt's global pool; see workerPool() in
    /// models/BackgroundQuery.h). The main window gives its books a pool of its own that outlives them.
    QThreadPool* workers() const { return m_workers; }
    void setWorkers(QThreadPool* pool) { m_workers = pool; }
    // Deal registration (issue 3).
    AccountRepository& accounts() { return m_accounts; }
    ProductRepository& products() { return m_products; }
    DealWorkflowRepository& workflow() { return m_workflow; }
    ConflictRepository& conflicts() { return m_conflicts; }
    PipelineRepository& pipeline() { return m_pipeline; }
    DealPartnerRepository& dealPartners() { return m_dealPartners; }
    ProgramSettingsRepository& programSettings() { return m_programSettings; }
    // The partner lifecycle (issue 9).
    LifecycleRepository& lifecycle() { return m_lifecycle; }
    ChecklistRepository& checklists() { return m_checklists; }
    AttachmentRepository& attachments() { return m_attachments; }
    // Certifications and IPP scoring (issue 9).
    CertificationRepository& certifications() { return m_certifications; }
    IppProfileRepository& ippProfile() { return m_ippProfile; }
    MdfBudgetRepository& mdfBudgets() { return m_mdfBudgets; }
    MdfRequestRepository& mdfRequests() { return m_mdfRequests; }
    MdfOperations& mdfOperations() { return m_mdfOperations; }
    // The tier program and tier changes (issue 11).
    TierRepository& tiers() { return m_tiers; }

private:
    Book(const DatabaseConfig& config, const Clock& clock);
    Database m_db;
    const Clock& m_clock;
    ChangeNotifier m_notifier;
    PartnerRepository m_partners;
    ContactRepository m_contacts;
    StatsRepository m_stats;
    AccountRepository m_accounts;
    ProductRepository m_products;
    DealWorkflowRepository m_workflow;
    ConflictRepository m_conflicts;
    PipelineRepository m_pipeline;
    DealPartnerRepository m_dealPartners;
    ProgramSettingsRepository m_programSettings;
    LifecycleRepository m_lifecycle;
    ChecklistRepository m_checklists;
    AttachmentRepository m_attachments;
    CertificationRepository m_certifications;
    IppProfileRepository m_ippProfile;
    MdfBudgetRepository m_mdfBudgets;
    MdfRequestRepository m_mdfRequests;
    MdfOperations m_mdfOperations;
    TierRepository m_tiers;
    QUndoStack m_undoStack;
    QThreadPool* m_workers = nullptr;
};

} // namespace pd
