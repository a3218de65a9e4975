#include "storage/CheckedCopy.h"

#include "storage/StorageError.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSaveFile>

namespace pd {

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QString writeCheckedCopy(const QByteArray& bytes, const QString& recordedSha256, const QString& fileName,
                         const QString& targetPath)
{
    const QString sha = sha256Hex(bytes);
    if (sha != recordedSha256)
        throw StorageError(QStringLiteral("The stored copy of %1 is damaged: its SHA-256 is %2, not %3 as recorded")
                               .arg(fileName, sha, recordedSha256),
                           StorageError::Kind::Corrupt);
    QSaveFile out(targetPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
        throw StorageError(
            QStringLiteral("%1 cannot be written: %2").arg(QDir::toNativeSeparators(targetPath), out.errorString()),
            StorageError::Kind::NotAllowed);
    return targetPath;
}

} // namespace pd
