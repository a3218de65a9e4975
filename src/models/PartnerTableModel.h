#pragma once

#include "domain/Partner.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace pd {

/// The partner roster as a table (issue 2, item 3): one row per partner that is not archived, columns name, key,
/// type, lifecycle stage, tier, territory, channel manager, country, city, contacts and open deals.
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

    /// Replaces every row (a model reset).
    void setRows(QList<PartnerRow> rows);
    /// Refreshes the partners named in `ids` from `fresh` (their current rows): rows present in `fresh` are
    /// updated (dataChanged) or appended (rowsInserted); ids absent from `fresh` are removed (archived or gone).
    void applyChanges(const QStringList& ids, const QList<PartnerRow>& fresh);

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
    static QString makeHaystack(const PartnerRow& row);
    void reindex();
    QList<PartnerRow> m_rows;
    QList<QString> m_haystacks;
    QHash<QString, int> m_rowById;
};

} // namespace pd
