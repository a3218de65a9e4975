#pragma once

#include "domain/Attribution.h"

#include <QDate>
#include <QList>
#include <QString>

namespace pd {

class Database;
class Clock;
class ChangeNotifier;

/// A further partner on a deal (not the sourcing partner) and its role.
struct DealPartner
{
    QString id;
    QString dealId;
    QString partnerId;
    QString partnerKey;
    QString role; ///< "influencer", "fulfilling reseller" or "referral"
};

/// A dated partner touch on a deal, as stored.
struct StoredTouch
{
    QString id;
    QString dealId;
    QString partnerId;
    QString partnerKey;
    QString type; ///< "registration", "co-sell meeting", "MDF campaign response" or "referral"
    QDate date;
};

/// A partner's credit for one won deal, with whether it is partner-sourced or partner-influenced revenue.
struct AttributedCredit
{
    QString partnerId;
    QString partnerKey;
    qint64 amountMinor = 0;
    double share = 0;
    bool sourced = false; ///< the registering partner (100% sourced credit under the primary-credit rule)
};

/// Further partners and partner touches of deals, and attribution of a won deal's amount across them
/// (DESIGN.md section 3: sourced vs influenced, attribution models). Every write logs, audits and emits
/// dealsChanged. Throws StorageError.
class DealPartnerRepository
{
public:
    DealPartnerRepository(Database& db, const Clock& clock, ChangeNotifier* notifier = nullptr);

    /// The accepted roles and touch types.
    static QStringList roles();
    static QStringList touchTypes();

    /// Adds `partnerId` to the deal with `role`; refuses the sourcing partner and unknown roles.
    QString addPartner(const QString& dealId, const QString& partnerId, const QString& role);
    void removePartner(const QString& dealPartnerId);
    /// Brings back a further partner removed by removePartner() (same row; the undo of removing, the redo of
    /// adding). Throws NotFound when it is not a removed row.
    void restorePartner(const QString& dealPartnerId);
    QList<DealPartner> partners(const QString& dealId) const;

    /// Records a touch by a partner on the deal on `date`; refuses unknown types.
    QString addTouch(const QString& dealId, const QString& partnerId, const QString& type, const QDate& date);
    void removeTouch(const QString& touchId);
    /// Brings back a touch removed by removeTouch() (same row). Throws NotFound when it is not a removed row.
    void restoreTouch(const QString& touchId);
    /// The deal's touches in date order: the registration touch of the sourcing partner (on the
    /// registered_at date) first among equal dates, then recorded touches.
    QList<StoredTouch> touches(const QString& dealId) const;

    /// Credits of a won deal under `model`: the touches are attributed with pd::attribute; the sourcing
    /// partner is flagged `sourced` (its partner-sourced revenue is the full amount whatever the model; the
    /// others' credits are partner-influenced). Throws StorageError when the deal is not Won.
    QList<AttributedCredit> attribution(const QString& dealId, AttributionModel model, double halfLifeDays = 7.0) const;

private:
    void restoreRow(const QString& table, const QString& id, const QString& action, const QString& details);
    Database& m_db;
    const Clock& m_clock;
    ChangeNotifier* m_notifier;
};

} // namespace pd
