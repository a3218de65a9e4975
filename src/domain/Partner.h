#pragma once

#include "domain/Enums.h"

#include <QDate>
#include <QString>

namespace pd {

/// A channel partner on the roster (DESIGN.md section 3). `key` is the partner's short unique key
/// (e.g. a ticker "ACN"); `country` is ISO 3166-1 alpha-2; `tier` is a tier name of the tier program.
struct Partner
{
    QString id;   ///< UUID text; empty before insertion
    QString key;  ///< unique, non-empty, at most 32 characters
    QString name; ///< non-empty
    PartnerType type = PartnerType::VAR;
    LifecycleStage stage = LifecycleStage::Prospect;
    QString tier = QStringLiteral("Registered");
    QString territory;
    QString channelManager; ///< the vendor-side person who manages the partner
    QString country;        ///< ISO 3166-1 alpha-2, or empty
    QString city;
    int founded = 0; ///< year, 0 when unknown
    QString website;
    QDate activationDate; ///< date the partner became Active (invalid when never)
    QDate stageSince;     ///< date the current stage took effect (read only: the storage layer keeps it)
    QString industry;     ///< free text (e.g. a GICS sector), empty when unknown (schema v7)
    int employees = 0;    ///< size in employees, 0 when unknown (schema v7)
    int version = 0;

    bool operator==(const Partner&) const = default;
};

/// Just enough of a partner to name it in a choice list (combo boxes, filters): cheap to load for 100,000.
struct PartnerRef
{
    QString id;
    QString key;
    QString name;
    QString territory;
};

/// A partner as listed on the roster: the partner plus counts and sums computed by the storage layer.
struct PartnerRow
{
    Partner partner;
    int contactCount = 0;
    int openDealCount = 0;
    /// Won revenue of the last 12 months in the reporting currency, minor units (PartnerRepository::rosterRevenue).
    qint64 wonT12MMinor = 0;
    /// Open pipeline (open deals, without an amount at the product's list price) in the reporting currency, minor
    /// units.
    qint64 openPipelineMinor = 0;
    bool archived = false; ///< the partner is archived (listed only when the roster shows archived partners)
    /// The partner's Ideal Partner Profile score, 0–100 (IdealPartnerProfile::scoreValue; PartnerTableModel::setIpp()).
    double ippScore = 0;
};

} // namespace pd
