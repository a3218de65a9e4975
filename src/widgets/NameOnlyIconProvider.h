#pragma once

#include <QAbstractFileIconProvider>

namespace pd {

/// Icons and type names for file dialogs chosen from the file's name and kind only, never from its contents. Qt's
/// default provider asks QMimeDatabase, which opens and reads any file whose name does not settle its type (a
/// ".partnerdesk" book, its -wal and -shm files); closing that descriptor drops every POSIX lock SQLite holds on the
/// book for the whole process (sqlite.org, "How To Corrupt An SQLite Database File", section 2.2).
class NameOnlyIconProvider : public QAbstractFileIconProvider
{
public:
    /// A folder, drive or file icon from the theme by kind; the MIME type's icon when the name alone settles it.
    QIcon icon(const QFileInfo& info) const override;
    using QAbstractFileIconProvider::icon;
    /// "Folder", or the MIME type's comment when the name alone settles it, or "<SUFFIX> file".
    QString type(const QFileInfo& info) const override;
};

} // namespace pd
