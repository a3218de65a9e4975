#include "widgets/DialogService.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>

namespace pd {

std::optional<QVariant> DialogService::takeAnswer(const QString& what)
{
    m_messages.append(what);
    if (!m_answers.isEmpty())
        return m_answers.takeFirst();
    if (m_nonInteractive) {
        qWarning("DialogService: no answer queued for \"%s\"; cancelling", qPrintable(what));
        return QVariant();
    }
    return std::nullopt;
}

QString DialogService::openFileName(QWidget* parent, const QString& title, const QString& filter)
{
    if (auto answer = takeAnswer(title))
        return answer->toString();
    return QFileDialog::getOpenFileName(parent, title, {}, filter);
}

QString DialogService::saveFileName(QWidget* parent, const QString& title, const QString& filter,
                                    const QString& suggested)
{
    if (auto answer = takeAnswer(title))
        return answer->toString();
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

bool DialogService::question(QWidget* parent, const QString& title, const QString& text)
{
    if (auto answer = takeAnswer(title + QStringLiteral(": ") + text))
        return answer->toBool();
    return QMessageBox::question(parent, title, text) == QMessageBox::Yes;
}

void DialogService::information(QWidget* parent, const QString& title, const QString& text)
{
    if (takeAnswer(title + QStringLiteral(": ") + text))
        return;
    QMessageBox::information(parent, title, text);
}

void DialogService::warning(QWidget* parent, const QString& title, const QString& text)
{
    if (takeAnswer(title + QStringLiteral(": ") + text))
        return;
    QMessageBox::warning(parent, title, text);
}

std::optional<QString> DialogService::text(QWidget* parent, const QString& title, const QString& label, bool password)
{
    if (auto answer = takeAnswer(title + QStringLiteral(": ") + label)) {
        if (answer->isNull())
            return std::nullopt;
        return answer->toString();
    }
    bool ok = false;
    const QString value =
        QInputDialog::getText(parent, title, label, password ? QLineEdit::Password : QLineEdit::Normal, {}, &ok);
    if (!ok)
        return std::nullopt;
    return value;
}

} // namespace pd
