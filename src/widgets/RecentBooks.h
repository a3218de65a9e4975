#pragma once

#include <QString>
#include <QStringList>

namespace pd {

/// The list behind File → Open recent: the display names (DatabaseConfig::displayName(), never a password) of the
/// last books opened, most recent first, at most maxCount() entries, kept in QSettings under "book/recent".
/// With `persist` false (the window's --screenshot mode) the list lives in memory only and starts empty.
class RecentBooks
{
public:
    explicit RecentBooks(bool persist);

    /// The books, most recent first.
    QStringList books() const { return m_books; }
    /// Puts `displayName` first (moving it when it is listed already) and drops entries beyond maxCount().
    void add(const QString& displayName);
    /// Removes `displayName`; nothing happens when it is not listed.
    void remove(const QString& displayName);
    /// Empties the list.
    void clear();
    /// The longest list kept (8).
    static constexpr int maxCount() { return 8; }

private:
    void save() const;
    QStringList m_books;
    bool m_persist;
};

} // namespace pd
