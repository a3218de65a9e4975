#include "io/EntityImporter.h"

namespace pd::importing {

std::unique_ptr<Importer> makeImporter(Database& db, const Clock& clock, const MappingProfile& profile)
{
    switch (profile.entity) {
    case ImportEntity::Products:
        return makeProductImporter(db, clock, profile);
    case ImportEntity::Partners:
        return makePartnerImporter(db, clock, profile);
    case ImportEntity::Contacts:
        return makeContactImporter(db, clock, profile);
    case ImportEntity::Accounts:
        return makeAccountImporter(db, clock, profile);
    case ImportEntity::Deals:
        return makeDealImporter(db, clock, profile);
    }
    return nullptr;
}

} // namespace pd::importing
