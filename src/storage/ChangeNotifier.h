#pragma once

#include "storage/Database.h"

#include <QObject>
#include <QStringList>

namespace pd {

/// Typed signals that tell models and panes what changed in the book (DESIGN.md section 1: "the change
/// notifier"). Every repository that writes announces through notifyAfterCommit(): only after the outermost
/// transaction commits, never after a rollback. There is one notifier per open book, passed in constructors (never
/// global). Ids are UUID texts.
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
    /// Registration conflicts were resolved (ids: the later registrations).
    void conflictsChanged(const QStringList& laterDealIds);
    /// The deal registration program's settings changed.
    void programSettingsChanged();
    /// Many rows changed at once (an import, a generated book): reload everything.
    void bookReset();
    /// Checklist tasks or their attachments changed (ids: the partners whose checklists changed; issue 9).
    void checklistsChanged(const QStringList& partnerIds);
    /// Certifications or certification types were added, changed, archived or restored (ids: theirs).
    void certificationsChanged(const QStringList& ids);
    /// The Ideal Partner Profile (IPP scoring criteria) was saved.
    void ippProfileChanged();
    /// MDF budgets, allocations, requests, claims or the fund ledger changed (ids: the budgets concerned; issue 10).
    void mdfChanged(const QStringList& budgetIds);
    /// FX rates were imported or replaced (issue 11): converted figures should be computed again.
    void fxRatesChanged();
    /// The tier program was edited or partners' tier changes were applied or undone (issue 11).
    void tiersChanged();
};

/// Emits `signal(args…)` on `notifier` (may be null: nothing is announced) once the outermost transaction of `db`
/// has committed, at once when none is open; dropped when it rolls back (Database::afterCommit).
template <typename... SignalArgs, typename... Args>
void notifyAfterCommit(Database& db, ChangeNotifier* notifier, void (ChangeNotifier::*signal)(SignalArgs...),
                       Args... args)
{
    if (notifier)
        db.afterCommit([notifier, signal, args...] { (notifier->*signal)(args...); });
}

} // namespace pd
