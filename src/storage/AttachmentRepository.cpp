#include "storage/AttachmentRepository.h"

#include "domain/Clock.h"
#include "domain/Enums.h"
#include "storage/ChangeNotifier.h"
#include "storage/ChangeRecorder.h"
#include "storage/CheckedCopy.h"
#include "storage/Database.h"
#include "storage/RowKeys.h"
#include "storage/StorageError.h"
#include "storage/Transaction.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlQuery>
#include <QUuid>
#include <atomic>

namespace pd {

namespace {
constexpr qint64 kChunkBytes = 1 << 20;

const QString kSelect = QStringLiteral("SELECT pd_uuid_text(a.id), pd_uuid_text(t.id), a.file_name, a.path, "
                                       "a.size_bytes, a.sha256, a.content IS NOT NULL FROM attachments a "
                                       "JOIN partner_tasks t ON t.pk = a.task_pk ");

QList<Attachment> readAll(QSqlQuery& q)
{
    QList<Attachment> out;
    while (q.next()) {
        Attachment a;
        a.id = q.value(0).toString();
        a.taskId = q.value(1).toString();
        a.fileName = q.value(2).toString();
        a.path = q.value(3).toString();
        a.sizeBytes = q.value(4).toLongLong();
        a.sha256 = q.value(5).toString();
        a.storedInBook = q.value(6).toBool();
        out.append(a);
    }
    return out;
}

/// The SHA-256 (hex) of a file read in chunks, and optionally its bytes; false with `problem` set when it cannot be
/// read. Throws StorageError Kind::Cancelled when `cancel` is set while it reads.
bool hashFile(const QString& path, QString* sha256, qint64* size, QByteArray* bytes, QString* problem,
              const std::atomic_bool* cancel = nullptr)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 total = 0;
    while (!f.atEnd()) {
        const QByteArray chunk = f.read(kChunkBytes);
        if (chunk.isEmpty() && f.error() != QFileDevice::NoError) {
            *problem = QStringLiteral("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), f.errorString());
            return false;
        }
        if (cancel && cancel->load())
            throw StorageError(QStringLiteral("Reading %1 was cancelled").arg(QDir::toNativeSeparators(path)),
                               StorageError::Kind::Cancelled);
        hash.addData(chunk);
        total += chunk.size();
        if (bytes)
            bytes->append(chunk);
    }
    *sha256 = QString::fromLatin1(hash.result().toHex());
    *size = total;
    return true;
}

/// The task's row key and its partner's id; Kind::NotFound when the task does not exist or is removed.
std::pair<qint64, QString> taskKeys(const Database& db, const QString& taskId)
{
    QSqlQuery q =
        db.prepare(QStringLiteral("SELECT t.pk, pd_uuid_text(p.id), p.partner_key, p.stage FROM partner_tasks t "
                                  "JOIN partners p ON "
                                  "p.pk = t.partner_pk WHERE t.id = pd_uuid(?) AND t.deleted_at IS NULL"));
    q.addBindValue(taskId);
    Database::exec(q, QStringLiteral("Reading a checklist task"));
    if (!q.next())
        throw StorageError(QStringLiteral("The checklist task no longer exists"), StorageError::Kind::NotFound);
    if (q.value(3).toString() == toString(LifecycleStage::Offboarded))
        throw StorageError(
            QStringLiteral("%1 is offboarded and read-only: its checklists cannot change").arg(q.value(2).toString()),
            StorageError::Kind::NotAllowed);
    return {q.value(0).toLongLong(), q.value(1).toString()};
}

QString partnerOfAttachment(const Database& db, const QString& id)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT pd_uuid_text(p.id) FROM attachments a JOIN partner_tasks t ON "
                                            "t.pk = a.task_pk JOIN partners p ON p.pk = t.partner_pk "
                                            "WHERE a.id = pd_uuid(?)"));
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Reading an attachment"));
    return q.next() ? q.value(0).toString() : QString();
}

QString sizeText(qint64 bytes)
{
    return QStringLiteral("%1 bytes").arg(bytes);
}
} // namespace

AttachmentRepository::AttachmentRepository(Database& db, const Clock& clock, ChangeNotifier* notifier)
    : m_db(db), m_clock(clock), m_notifier(notifier)
{
}

Attachment AttachmentRepository::attach(const QString& taskId, const QString& filePath, bool copyIntoBook)
{
    return attach(taskId, prepareFile(filePath, copyIntoBook, m_maxStoredBytes));
}

PreparedFile AttachmentRepository::prepareFile(const QString& filePath, bool copyIntoBook, qint64 maxStoredBytes,
                                               const std::atomic_bool* cancel)
{
    const QFileInfo info(filePath);
    PreparedFile f;
    f.fileName = info.fileName();
    f.path = info.absoluteFilePath();
    f.storedInBook = copyIntoBook;
    if (!info.isFile())
        throw StorageError(
            QStringLiteral("%1 is not a file that can be attached").arg(QDir::toNativeSeparators(f.path)),
            StorageError::Kind::NotAllowed);
    if (copyIntoBook && info.size() > maxStoredBytes)
        throw StorageError(QStringLiteral("%1 is %2, larger than the %3 a book keeps; attach it as a link instead")
                               .arg(f.fileName, sizeText(info.size()), sizeText(maxStoredBytes)),
                           StorageError::Kind::NotAllowed);
    QString problem;
    if (!hashFile(f.path, &f.sha256, &f.sizeBytes, copyIntoBook ? &f.bytes : nullptr, &problem, cancel))
        throw StorageError(problem, StorageError::Kind::NotAllowed);
    return f;
}

Attachment AttachmentRepository::attach(const QString& taskId, const PreparedFile& file)
{
    Attachment a;
    a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.taskId = taskId;
    a.fileName = file.fileName;
    a.path = file.path;
    a.sizeBytes = file.sizeBytes;
    a.sha256 = file.sha256;
    a.storedInBook = file.storedInBook;
    const bool copyIntoBook = file.storedInBook;
    const QByteArray& bytes = file.bytes;
    if (copyIntoBook && a.sizeBytes > m_maxStoredBytes) // it grew while being read
        throw StorageError(QStringLiteral("%1 is %2, larger than the %3 a book keeps; attach it as a link instead")
                               .arg(a.fileName, sizeText(a.sizeBytes), sizeText(m_maxStoredBytes)),
                           StorageError::Kind::NotAllowed);
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    const auto [taskPk, partnerId] = taskKeys(m_db, taskId);
    QSqlQuery q = m_db.prepare(QStringLiteral("INSERT INTO attachments (id, created_at, updated_at, version, task_pk, "
                                              "file_name, path, size_bytes, sha256, content) "
                                              "VALUES (pd_uuid(?), ?, ?, 1, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(a.id);
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(taskPk);
    q.addBindValue(a.fileName);
    q.addBindValue(a.path);
    q.addBindValue(a.sizeBytes);
    q.addBindValue(a.sha256);
    q.addBindValue(copyIntoBook ? QVariant(bytes) : QVariant(QMetaType(QMetaType::QByteArray)));
    Database::exec(q, QStringLiteral("Attaching %1").arg(a.fileName));
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("attachments"), a.id, QStringLiteral("insert"), 1, at);
    rec.audit(QStringLiteral("attach"), QStringLiteral("attachments"), a.id,
              QStringLiteral("%1 attached (%2, %3, SHA-256 %4)")
                  .arg(a.fileName, copyIntoBook ? QStringLiteral("copied into the book") : QStringLiteral("linked"),
                       sizeText(a.sizeBytes), a.sha256),
              at);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::checklistsChanged, QStringList{partnerId});
    return a;
}

QList<Attachment> AttachmentRepository::ofTask(const QString& taskId) const
{
    QSqlQuery q =
        m_db.prepare(kSelect + QStringLiteral("WHERE t.id = pd_uuid(?) AND a.deleted_at IS NULL ORDER BY a.pk"));
    q.addBindValue(taskId);
    Database::exec(q, QStringLiteral("Listing attachments"));
    return readAll(q);
}

Attachment AttachmentRepository::attachment(const QString& id) const
{
    QSqlQuery q = m_db.prepare(kSelect + QStringLiteral("WHERE a.id = pd_uuid(?)"));
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Reading an attachment"));
    const QList<Attachment> list = readAll(q);
    if (list.isEmpty())
        throw StorageError(QStringLiteral("The attachment no longer exists"), StorageError::Kind::NotFound);
    return list.first();
}

void AttachmentRepository::remove(const QString& id)
{
    setDeleted(id, true);
}

void AttachmentRepository::restore(const QString& id)
{
    setDeleted(id, false);
}

void AttachmentRepository::setDeleted(const QString& id, bool deleted)
{
    const QString at = toIsoUtc(m_clock.nowUtc());
    Transaction tx(m_db);
    QSqlQuery q = m_db.prepare(
        deleted ? QStringLiteral("UPDATE attachments SET deleted_at = ?, updated_at = ?, version = version + 1 "
                                 "WHERE id = pd_uuid(?) AND deleted_at IS NULL RETURNING version, file_name")
                : QStringLiteral("UPDATE attachments SET deleted_at = NULL, updated_at = ?, version = version + 1 "
                                 "WHERE id = pd_uuid(?) AND deleted_at IS NOT NULL RETURNING version, file_name"));
    if (deleted)
        q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Changing an attachment"));
    if (!q.next())
        throw StorageError(deleted ? QStringLiteral("The attachment no longer exists")
                                   : QStringLiteral("The attachment is not removed"),
                           StorageError::Kind::NotFound);
    const int version = q.value(0).toInt();
    const QString name = q.value(1).toString();
    q.finish();
    ChangeRecorder rec(m_db);
    rec.logChange(QStringLiteral("attachments"), id, deleted ? QStringLiteral("delete") : QStringLiteral("update"),
                  version, at);
    rec.audit(deleted ? QStringLiteral("remove") : QStringLiteral("restore"), QStringLiteral("attachments"), id,
              QStringLiteral("%1 %2").arg(name, deleted ? QStringLiteral("removed") : QStringLiteral("restored")), at);
    const QString partnerId = partnerOfAttachment(m_db, id);
    tx.commit();
    notifyAfterCommit(m_db, m_notifier, &ChangeNotifier::checklistsChanged, QStringList{partnerId});
}

QString AttachmentRepository::saveCopy(const QString& id, const QString& targetPath) const
{
    const Attachment a = attachment(id);
    if (!a.storedInBook)
        throw StorageError(QStringLiteral("%1 is linked, not kept in the book: it is at %2")
                               .arg(a.fileName, QDir::toNativeSeparators(a.path)),
                           StorageError::Kind::NotAllowed);
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT content FROM attachments WHERE id = pd_uuid(?)"));
    q.addBindValue(id);
    Database::exec(q, QStringLiteral("Reading %1").arg(a.fileName));
    q.next();
    return writeCheckedCopy(q.value(0).toByteArray(), a.sha256, a.fileName, targetPath);
}

bool AttachmentRepository::verify(const QString& id, QString* problem) const
{
    const Attachment a = attachment(id);
    QString sha;
    if (a.storedInBook) {
        QSqlQuery q = m_db.prepare(QStringLiteral("SELECT content FROM attachments WHERE id = pd_uuid(?)"));
        q.addBindValue(id);
        Database::exec(q, QStringLiteral("Reading %1").arg(a.fileName));
        q.next();
        sha =
            QString::fromLatin1(QCryptographicHash::hash(q.value(0).toByteArray(), QCryptographicHash::Sha256).toHex());
        if (sha != a.sha256) {
            if (problem)
                *problem = QStringLiteral("The stored copy of %1 is damaged (its SHA-256 differs)").arg(a.fileName);
            return false;
        }
        return true;
    }
    if (!QFileInfo(a.path).isFile()) {
        if (problem)
            *problem = QStringLiteral("%1 is missing: %2").arg(a.fileName, QDir::toNativeSeparators(a.path));
        return false;
    }
    qint64 size = 0;
    QString readProblem;
    if (!hashFile(a.path, &sha, &size, nullptr, &readProblem)) {
        if (problem)
            *problem = readProblem;
        return false;
    }
    if (sha != a.sha256) {
        if (problem)
            *problem = QStringLiteral("%1 changed since it was attached (%2): its SHA-256 differs")
                           .arg(QDir::toNativeSeparators(a.path), sizeText(size));
        return false;
    }
    return true;
}

} // namespace pd
