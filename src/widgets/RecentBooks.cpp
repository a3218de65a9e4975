#include "widgets/RecentBooks.h"

#include <QSettings>

namespace pd {

namespace {
const char* const kRecentKey = "book/recent";
} // namespace

RecentBooks::RecentBooks(bool persist) : m_persist(persist)
{
    if (!m_persist)
        return;
    for (const QString& book : QSettings().value(QLatin1String(kRecentKey)).toStringList()) {
        if (!book.isEmpty() && !m_books.contains(book) && m_books.size() < maxCount())
            m_books << book;
    }
}

void RecentBooks::add(const QString& displayName)
{
    if (displayName.isEmpty())
        return;
    m_books.removeAll(displayName);
    m_books.prepend(displayName);
    while (m_books.size() > maxCount())
        m_books.removeLast();
    save();
}

void RecentBooks::remove(const QString& displayName)
{
    if (m_books.removeAll(displayName) > 0)
        save();
}

void RecentBooks::clear()
{
    m_books.clear();
    save();
}

void RecentBooks::save() const
{
    if (m_persist)
        QSettings().setValue(QLatin1String(kRecentKey), m_books);
}

} // namespace pd
