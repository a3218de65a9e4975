#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>

class QWidget;

namespace pd {

/// The one seam through which widgets show file and message dialogs (DESIGN.md section 6), so that GUI tests never
/// wait on a modal dialog. A test queues answers with setNextAnswer(); each dialog call takes the oldest queued answer
/// instead of showing anything. In non-interactive mode (tests) a call without a queued answer returns the "cancel"
/// answer and is logged, instead of opening a dialog. Every message shown (or answered) is recorded in messages().
///
/// Answers by call: openFileName/saveFileName → QString (empty = cancelled); question → bool; text → QString
/// (a null QVariant = cancelled); information/warning → anything (ignored).
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

    /// A file to open; empty when cancelled. `filter` as for QFileDialog ("CSV files (*.csv)").
    QString openFileName(QWidget* parent, const QString& title, const QString& filter);
    /// A file to write; empty when cancelled.
    QString saveFileName(QWidget* parent, const QString& title, const QString& filter, const QString& suggested = {});
    /// A yes/no question; true for yes.
    bool question(QWidget* parent, const QString& title, const QString& text);
    void information(QWidget* parent, const QString& title, const QString& text);
    void warning(QWidget* parent, const QString& title, const QString& text);
    /// A line of text; `password` hides what is typed (echo off). nullopt when cancelled.
    std::optional<QString> text(QWidget* parent, const QString& title, const QString& label, bool password = false);

private:
    std::optional<QVariant> takeAnswer(const QString& what);
    QList<QVariant> m_answers;
    QStringList m_messages;
    bool m_nonInteractive = false;
};

} // namespace pd
