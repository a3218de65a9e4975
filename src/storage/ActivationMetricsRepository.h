#pragma once

#include "domain/ActivationMetrics.h"

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace pd {

class Database;

/// Reads the facts ActivationMetrics needs (issue 9, item 7) in two set-based queries, whatever the book's size:
/// one over the partners (with their onboarding start from partner_stage_history), one grouped pass over the deals.
/// Facts dated after `asOf` are left out. What each fact is (ActivationFacts):
/// - activation date: partners.activation_date; only partners not archived with one on or before `asOf`;
/// - onboarding start: the latest partner_stage_history row into Onboarding whose changed_on is on or before the
///   activation date (a partner imported or created in Onboarding has its first row there);
/// - first registration: the earliest registered_at date of the deals the partner sources (deals.partner_pk), not
///   Draft, not archived; and the earliest one on or after the activation date;
/// - first Won close: the earliest closed_on of its Won sourced deals, not archived.
/// Throws StorageError.
class ActivationMetricsRepository
{
public:
    explicit ActivationMetricsRepository(Database& db) : m_db(db) {}

    /// The facts of every activated partner as of `asOf`, by partner key.
    QList<ActivationFacts> facts(const QDate& asOf) const;
    /// The facts of the partner `partnerId` (UUID) as of `asOf`; nullopt when it has no activation date then.
    std::optional<ActivationFacts> factsOf(const QString& partnerId, const QDate& asOf) const;
    /// ActivationMetrics::compute over facts(asOf).
    ActivationReport report(const QDate& asOf) const;

private:
    QList<ActivationFacts> read(const QDate& asOf, const QString& partnerId) const;
    Database& m_db;
};

} // namespace pd
