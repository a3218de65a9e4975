#pragma once

#include <QByteArray>
#include <QString>

namespace pd {

/// SHA-256 of `bytes` (FIPS 180-4) as 64 lower-case hex digits.
QString sha256Hex(const QByteArray& bytes);

/// Writes a file kept in the book (`bytes`, recorded with checksum `recordedSha256`) to `targetPath` (replaced
/// atomically through QSaveFile) after checking the checksum: StorageError Kind::Corrupt naming `fileName` when the
/// bytes no longer match (nothing written), Kind::NotAllowed when the target cannot be written. Returns `targetPath`.
QString writeCheckedCopy(const QByteArray& bytes, const QString& recordedSha256, const QString& fileName,
                         const QString& targetPath);

} // namespace pd
