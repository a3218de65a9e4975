#include "widgets/DialogService.h"

#include "widgets/NameOnlyIconProvider.h"

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

QString DialogService::runFileDialog(QWidget* parent, const QString& title, const QString& filter,
                                     const QString& suggested, bool save)
{
    QFileDialog dialog(parent, title, suggested, filter);
    // Qt's own dialog: the platform's (GTK) dialog runs in this process and reads files to choose their icons.
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    NameOnlyIconProvider icons;
    dialog.setIconProvider(&icons);
    dialog.setAcceptMode(save ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    dialog.setFileMode(save ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    const int result = m_fileDialogRunner ? m_fileDialogRunner(dialog) : dialog.exec();
    if (result != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().constFirst();
}

QString DialogService::openFileName(QWidget* parent, const QString& title, const QString& filter)
{
    if (m_fileDialogRunner && m_answers.isEmpty()) {
        m_messages.append(title);
        return runFileDialog(parent, title, filter, {}, false);
    }
    if (auto answer = takeAnswer(title))
        return answer->toString();
    return runFileDialog(parent, title, filter, {}, false);
}

QString DialogService::saveFileName(QWidget* parent, const QString& title, const QString& filter,
                                    const QString& suggested)
{
    if (m_fileDialogRunner && m_answers.isEmpty()) {
        m_messages.append(title);
        return runFileDialog(parent, title, filter, suggested, true);
    }
    if (auto answer = takeAnswer(title))
        return answer->toString();
    return runFileDialog(parent, title, filter, suggested, true);
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

std::optional<CloseDealDialog::Answer> DialogService::closeDeal(QWidget* parent, bool won, qint64 registrationNumber,
                                                                const Money& current, const QDate& today)
{
    CloseDealDialog dialog(won, registrationNumber, current, today, parent);
    if (auto answer = takeAnswer(dialog.windowTitle())) {
        if (answer->isNull())
            return std::nullopt;
        const QVariantMap values = answer->toMap();
        dialog.setValues(values.value(QStringLiteral("amount")).toString(),
                         QDate::fromString(values.value(QStringLiteral("date")).toString(), Qt::ISODate));
        if (!dialog.readForm()) {
            m_messages.append(dialog.windowTitle() + QStringLiteral(": refused"));
            return std::nullopt;
        }
        return dialog.answer();
    }
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.answer();
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

std::optional<int> DialogService::choice(QWidget* parent, const QString& title, const QString& label,
                                         const QStringList& items)
{
    if (items.isEmpty())
        return std::nullopt;
    if (auto answer = takeAnswer(title + QStringLiteral(": ") + label)) {
        const int index = answer->isNull() ? -1 : int(items.indexOf(answer->toString()));
        return index < 0 ? std::nullopt : std::optional<int>(index);
    }
    bool ok = false;
    const QString value = QInputDialog::getItem(parent, title, label, items, 0, /*editable=*/false, &ok);
    if (!ok)
        return std::nullopt;
    return int(items.indexOf(value));
}

} // namespace pd
