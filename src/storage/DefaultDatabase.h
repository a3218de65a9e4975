#pragma once

#include <QString>

namespace pd {

/// Sets the application and organization names ("partnerdesk", "PartnerDesk") that QStandardPaths and
/// QSettings use. Both executables (the app and partnerdesk-cli) call it right after creating their
/// application object, so they agree on where the default book lives.
void setApplicationIdentity();

/// The default book of this user: an SQLite file "book.partnerdesk" in the standard application-data
/// location (QStandardPaths::AppDataLocation, e.g. ~/.local/share/PartnerDesk/partnerdesk/ on Linux).
/// Requires setApplicationIdentity() first. The directory is not created here (Database::open does).
QString defaultDatabasePath();

} // namespace pd
