#include "storage/DefaultDatabase.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace pd {

void setApplicationIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("partnerdesk"));
    QCoreApplication::setOrganizationName(QStringLiteral("PartnerDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PD_VERSION));
}

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/book.partnerdesk");
}

} // namespace pd
