#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <atomic>

namespace pd {

class Database;
class ChangeNotifier;
class Clock;

/// A file attached to a checklist task (table attachments, schema v7; issue 9, item 4).
struct Attachment
{
    QString id;       ///< UUID text
    QString taskId;   ///< UUID text of the partner task
    QString fileName; ///< the file's name without its folder
    QString path;     ///< absolute path of a linked file; for a stored one, where it was copied from
    qint64 sizeBytes = 0;
    QString sha256;            ///< SHA-256 of the bytes (FIPS 180-4), 64 lower-case hex digits
    bool storedInBook = false; ///< true: the bytes are in the book; false: only the path is kept
};

/// A file read for AttachmentRepository::attach(): what the book keeps of it. Made by prepareFile(), which only reads
/// the file, so a window can run it on a worker thread (hashing a 1 GB linked file takes seconds).
struct PreparedFile
{
    QString fileName;          ///< the file's name without its folder
    QString path;              ///< absolute path
    qint64 sizeBytes = 0;      ///< size when read
    QString sha256;            ///< SHA-256 of the bytes read (FIPS 180-4), 64 lower-case hex digits
    bool storedInBook = false; ///< the bytes are kept in the book (`bytes`), not only the path
    QByteArray bytes;          ///< the file's bytes when storedInBook, else empty
};

/// Files attached to checklist tasks: copied into the book with their SHA-256 checksum, or kept as a path with the
/// size and checksum they had when attached; the caller chooses explicitly (issue 9, item 4). Every write runs in one
/// transaction with its change-log (entity "attachments") and audit entries, then emits
/// ChangeNotifier::checklistsChanged with the task's partner. Throws StorageError.
class AttachmentRepository
{
public:
    /// The largest file attach() copies into the book: 100 MB (10^8 bytes).
    static constexpr qint64 DefaultMaxStoredBytes = 100'000'000;

    AttachmentRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// Changes the largest file copied into the book (tests use a small limit instead of a 100 MB file).
    void setMaxStoredBytes(qint64 bytes) { m_maxStoredBytes = bytes; }
    qint64 maxStoredBytes() const { return m_maxStoredBytes; }

    /// Attaches the file `filePath` to the task `taskId`. `copyIntoBook`: reads the file in chunks, computes its
    /// SHA-256 and stores its bytes in the book; refused (Kind::NotAllowed) when it is larger than maxStoredBytes()
    /// (the message names the file and its size). Otherwise: keeps its absolute path, its size and SHA-256 now.
    /// Kind::NotAllowed when the file cannot be read or the task's partner is offboarded (read-only); Kind::NotFound
    /// when the task does not exist or is removed.
    Attachment attach(const QString& taskId, const QString& filePath, bool copyIntoBook);
    /// The first half of attach(): reads and hashes `filePath` (and keeps its bytes when `copyIntoBook`), touching no
    /// database; safe on any thread. Same refusals as attach() (Kind::NotAllowed), with `maxStoredBytes` as the
    /// limit of a copy; Kind::Cancelled when `cancel` is set meanwhile.
    static PreparedFile prepareFile(const QString& filePath, bool copyIntoBook, qint64 maxStoredBytes,
                                    const std::atomic_bool* cancel = nullptr);
    /// The second half: writes the prepared file as an attachment of task `taskId` (one transaction, change log,
    /// audit, notification). Kind::NotAllowed when a copy is larger than maxStoredBytes(); Kind::NotFound when the
    /// task does not exist or is removed.
    Attachment attach(const QString& taskId, const PreparedFile& file);
    /// The task's attachments that are not removed, oldest first.
    QList<Attachment> ofTask(const QString& taskId) const;
    /// One attachment by id (even when removed). Kind::NotFound when there is none.
    Attachment attachment(const QString& id) const;
    /// Removes an attachment (soft delete, for undo).
    void remove(const QString& id);
    /// Brings back a removed attachment (redo of an attach, undo of a removal).
    void restore(const QString& id);
    /// Writes a stored attachment's bytes to `targetPath` (replaced when it exists) after checking their SHA-256
    /// against the recorded one: Kind::Corrupt naming the attachment when they differ (nothing written),
    /// Kind::NotAllowed when the attachment is only linked or the target cannot be written. Returns `targetPath`.
    QString saveCopy(const QString& id, const QString& targetPath) const;
    /// Checks a linked file: false with `problem` set (for people) when it is missing or its SHA-256 differs from
    /// the one recorded when it was attached. A stored attachment: its bytes against its checksum.
    bool verify(const QString& id, QString* problem) const;

private:
    void setDeleted(const QString& id, bool deleted);

    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
    qint64 m_maxStoredBytes = DefaultMaxStoredBytes;
};

} // namespace pd
