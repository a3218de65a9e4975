#include "widgets/NameOnlyIconProvider.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>
#include <QMimeDatabase>

namespace pd {

namespace {
/// The MIME type that the file's name alone gives (MatchExtension reads nothing); invalid when the name says nothing.
QMimeType typeFromName(const QFileInfo& info)
{
    const QMimeType type = QMimeDatabase().mimeTypeForFile(info.fileName(), QMimeDatabase::MatchExtension);
    return type.isDefault() ? QMimeType() : type;
}
} // namespace

QIcon NameOnlyIconProvider::icon(const QFileInfo& info) const
{
    if (info.isRoot())
        return icon(QAbstractFileIconProvider::Drive);
    if (info.isDir())
        return icon(QAbstractFileIconProvider::Folder);
    if (const QMimeType type = typeFromName(info); type.isValid()) {
        const QIcon themed = QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName()));
        if (!themed.isNull())
            return themed;
    }
    return icon(QAbstractFileIconProvider::File);
}

QString NameOnlyIconProvider::type(const QFileInfo& info) const
{
    if (info.isDir())
        return QAbstractFileIconProvider::type(info);
    if (const QMimeType type = typeFromName(info); type.isValid())
        return type.comment();
    if (info.suffix().isEmpty())
        return QCoreApplication::translate("NameOnlyIconProvider", "File");
    return QCoreApplication::translate("NameOnlyIconProvider", "%1 file").arg(info.suffix().toUpper());
}

} // namespace pd
