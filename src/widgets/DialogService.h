#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "widgets/CloseDealDialog.h"
#include <functional>
#include <optional>

class QFileDialog;
class QWidget;

namespace pd {

/// The one seam through which widgets show file and message dialogs (DESIGN.md section 6), so that GUI tests never
/// wait on a modal dialog. A test queues answers with setNextAnswer(); each dialog call takes the oldest queued answer
/// instead of showing anything. In non-interactive mode (tests) a call without a queued answer returns the "cancel"
/// answer and is logged, instead of opening a dialog. Every message shown (or answered) is recorded in messages().
///
/// Answers by call: openFileName/saveFileName → QString (empty = cancelled); question → bool; text → QString
/// (a null QVariant = cancelled); information/warning → anything (ignored).
///
/// File dialogs never read the files they list: they are Qt's own dialog (not the platform's, which sniffs file
/// contents in this process) with an icon provider that looks at names only. Opening and closing a descriptor of
/// the open book would drop every SQLite lock this process holds on it (DESIGN.md section 2).
class DialogService
{
public:
    DialogService() = default;
    virtual ~DialogService() = default;

    void setNextAnswer(const QVariant& answer) { m_answers.append(answer); }
    int queuedAnswers() const { return int(m_answers.size()); }
    void setNonInteractive(bool on) { m_nonInteractive = on; }
    /// "title: text" of every message, question and prompt so far.
    const QStringList& messages() const { return m_messages; }

    /// Runs a file dialog and returns its QDialog::DialogCode; the default runs it modally (exec()). Tests replace it
    /// to drive the real dialog without blocking.
    using FileDialogRunner = std::function<int(QFileDialog&)>;
    void setFileDialogRunner(FileDialogRunner runner) { m_fileDialogRunner = std::move(runner); }

    /// A file to open; empty when cancelled. `filter` as for QFileDialog ("CSV files (*.csv)").
    QString openFileName(QWidget* parent, const QString& title, const QString& filter);
    /// A file to write; empty when cancelled.
    QString saveFileName(QWidget* parent, const QString& title, const QString& filter, const QString& suggested = {});
    /// A yes/no question; true for yes.
    bool question(QWidget* parent, const QString& title, const QString& text);
    void information(QWidget* parent, const QString& title, const QString& text);
    void warning(QWidget* parent, const QString& title, const QString& text);
    /// Marking a registration won (`won`) or lost: CloseDealDialog. nullopt when cancelled. A queued answer is a
    /// QVariantMap {"amount": text as typed (may be empty), "date": "YYYY-MM-DD" (may be absent: today)} filled into
    /// the real form and validated by it (an invalid amount is recorded in messages() and counts as cancelled), or a
    /// null QVariant for Cancel.
    std::optional<CloseDealDialog::Answer> closeDeal(QWidget* parent, bool won, qint64 registrationNumber,
                                                     const Money& current, const QDate& today);
    /// A line of text; `password` hides what is typed (echo off). nullopt when cancelled.
    std::optional<QString> text(QWidget* parent, const QString& title, const QString& label, bool password = false);
    /// One of `items` (shown in a list; none is preselected when `items` is long); the index of the chosen item,
    /// nullopt when cancelled or `items` is empty. A queued answer is the chosen item's text (an unknown text counts
    /// as cancelled) or a null QVariant for Cancel.
    std::optional<int> choice(QWidget* parent, const QString& title, const QString& label, const QStringList& items);

private:
    std::optional<QVariant> takeAnswer(const QString& what);
    QString runFileDialog(QWidget* parent, const QString& title, const QString& filter, const QString& suggested,
                          bool save);
    FileDialogRunner m_fileDialogRunner;
    QList<QVariant> m_answers;
    QStringList m_messages;
    bool m_nonInteractive = false;
};

} // namespace pd
