#pragma once

#include "domain/IdealPartnerProfile.h"
#include "domain/Partner.h"
#include "storage/PartnerRepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace pd {

/// The partner roster as a table (issue 2, item 3): one row per partner (archived ones only when the roster shows them:
/// grey italics, the name marked "(archived)"), columns name, key, type, lifecycle stage, tier, territory, channel
/// manager, country, city, contacts, open deals, won revenue of the last 12 months and open pipeline (issue 8,
/// item 6; in the reporting currency, see PartnerRepository::rosterRevenue()) and days in stage (issue 9, item 1:
/// setToday() − the partner's stage_since; blank until setToday()).
///
/// The model holds plain PartnerRow values and knows nothing about the database, so it can be filled from any
/// QList<PartnerRow> (tests, benchmarks). PartnerRosterSync keeps it in step with a book. For fast
/// search-as-you-type it precomputes, per row, a case-folded "haystack" of name, key and city.
class PartnerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Key,
        Type,
        Stage,
        Tier,
        Territory,
        ChannelManager,
        Country,
        City,
        Contacts,
        OpenDeals,
        WonT12M,      ///< won revenue, last 12 months (reporting currency)
        OpenPipeline, ///< open pipeline (reporting currency)
        DaysInStage,  ///< whole days since the partner's current stage took effect (sorts numerically)
        IppScore,     ///< Ideal Partner Profile score, 0–100 (issue 9, item 2)
        ColumnCount
    };
    enum Role {
        PartnerIdRole = Qt::UserRole + 1, ///< the partner's id (QString)
        SortRole                          ///< a value that sorts naturally (int for counts, folded text otherwise)
    };

    explicit PartnerTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Rows made ready for setRows() off the GUI thread: sorted and with their haystacks (see prepare()).
    struct Prepared
    {
        QList<PartnerRow> rows;
        QList<QString> haystacks;
        QHash<QString, int> rowById;
        QStringList territories;
        int sortColumn = -1;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
        bool countsKnown = true; ///< false: the rows' counts are not known yet (setCounts() follows)
    };
    /// Sorts `rows` by `column`/`order` and computes their haystacks; thread-safe (a pure function), so that a worker
    /// can do the O(n log n) part of loading 100,000 partners.
    static Prepared prepare(QList<PartnerRow> rows, int column, Qt::SortOrder order);

    /// Replaces every row (a model reset); the rows are put in the current sort order. Their counts are shown.
    void setRows(QList<PartnerRow> rows);
    /// Replaces every row with prepared ones (a model reset); re-sorts only when the sort changed meanwhile.
    void setRows(Prepared prepared);
    /// Fills in the contact and open-deal counts of every row (`counts` by partner id; absent: 0) for rows set without
    /// them (Prepared::countsKnown false): dataChanged for the two count columns, and a re-sort (layout change) when
    /// the rows are sorted by a count. Until then those columns show nothing.
    void setCounts(const QHash<QString, PartnerCounts>& counts);
    /// False between setRows() of rows without counts and setCounts().
    bool countsKnown() const { return m_countsKnown; }
    /// Fills in the won revenue (last 12 months) and open pipeline of every row (absent: 0) in `revenue.currency`:
    /// dataChanged for the two columns, and a re-sort when the rows are sorted by one of them. Until the first call
    /// after setRows() those columns show nothing.
    void setRevenue(const PartnerRevenue& revenue);
    /// False between setRows() and setRevenue().
    bool revenueKnown() const { return m_revenueKnown; }
    /// The currency of the revenue columns (empty until setRevenue()).
    const QString& revenueCurrency() const { return m_currency; }
    /// Scores every row against `profile` with its certified-contact count (`certifiedContacts` by partner id; absent:
    /// 0): dataChanged for the IPP column, and a re-sort when the rows are sorted by it. Until the first call after
    /// setRows() the column shows nothing. Rows added later by applyChanges() come with their own scores.
    void setIpp(const IdealPartnerProfile& profile, const QHash<QString, int>& certifiedContacts);
    /// False between setRows() and setIpp().
    bool ippKnown() const { return m_ippKnown; }
    /// The profile of the last setIpp().
    const IdealPartnerProfile& ippProfile() const { return m_ippProfile; }
    /// Refreshes the partners named in `ids` from `fresh` (their current rows): rows present in `fresh` are
    /// updated (dataChanged, and moved when their sort key changed) or inserted at their sorted place (rowsInserted);
    /// ids absent from `fresh` are removed (archived or gone).
    void applyChanges(const QStringList& ids, const QList<PartnerRow>& fresh);

    /// Orders the rows by `column` (-1: keep the order rows arrived in) with a layout change. The model keeps its rows
    /// in this order (PartnerFilterProxy forwards its sort() here), so that filtering 100,000 partners is one linear
    /// pass with no comparisons per keystroke. Counts sort numerically, type and stage in declaration order, text
    /// case-insensitively (case-folded); ties keep their previous order.
    void sortBy(int column, Qt::SortOrder order);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    /// The date "Days in stage" counts to (the book clock's today; the model knows no clock). dataChanged for the
    /// column when it changes.
    void setToday(const QDate& today);
    const QDate& today() const { return m_today; }

    /// The row at `row` (0 ≤ row < rowCount()).
    const PartnerRow& rowAt(int row) const { return m_rows.at(row); }
    /// The row index of the partner with `id`, or -1.
    int rowOfId(const QString& id) const { return m_rowById.value(id, -1); }
    /// Case-folded "name\nkey\ncity" of a row, for PartnerFilterProxy.
    const QString& haystack(int row) const { return m_haystacks.at(row); }
    /// Case-folds text the way haystacks are folded, so a needle can be matched against them.
    static QString fold(const QString& text) { return text.toCaseFolded(); }

    /// The sorted distinct territories of all rows (for the territory filter).
    QStringList territories() const;

private:
    void resetRows(QList<PartnerRow> rows, bool countsKnown);
    static QString makeHaystack(const PartnerRow& row);
    static QStringList collectTerritories(const QList<PartnerRow>& rows);
    /// The sort key of a text column (case-folded), or an empty string for the numeric and enum columns.
    QString textKey(const PartnerRow& row) const;
    /// True when `a` sorts before `b` under the current column and order (`ka`, `kb`: their text keys).
    bool before(const PartnerRow& a, const QString& ka, const PartnerRow& b, const QString& kb) const;
    /// The row index at which `row` belongs in the current order, ignoring the row at `skip`.
    int sortedPosition(const PartnerRow& row, int skip) const;
    void sortRows();
    /// Re-sorts the rows under the current column and order as a layout change that keeps persistent indexes.
    void resort();
    static void sortRows(QList<PartnerRow>& rows, int column, Qt::SortOrder order);
    static QString textKey(const PartnerRow& row, int column);
    static bool before(const PartnerRow& a, const QString& ka, const PartnerRow& b, const QString& kb, int column,
                       Qt::SortOrder order);
    void reindex();
    QList<PartnerRow> m_rows;
    QList<QString> m_haystacks;
    QHash<QString, int> m_rowById;
    mutable QStringList m_territories; ///< cache of territories(); empty when stale
    mutable bool m_territoriesValid = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_countsKnown = true;
    bool m_revenueKnown = false;
    QString m_currency;
    QDate m_today;
    bool m_ippKnown = false;
    IdealPartnerProfile m_ippProfile;
};

} // namespace pd
