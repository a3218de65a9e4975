#pragma once

#include <QObject>
#include <QStringList>

namespace pd {

/// Typed signals that tell models and panes what changed in the book (DESIGN.md section 1: "the change
/// notifier"). Repositories emit after their transaction commits; there is one notifier per open book,
/// passed in constructors (never global). Ids are UUID texts.
class ChangeNotifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void partnersChanged(const QStringList& ids);
    void contactsChanged(const QStringList& ids);
    void accountsChanged(const QStringList& ids);
    void productsChanged(const QStringList& ids);
    void dealsChanged(const QStringList& ids);
    /// Many rows changed at once (an import, a generated book): reload everything.
    void bookReset();
};

} // namespace pd
