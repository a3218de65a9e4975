#include "widgets/HelpDialog.h"

#include "ui_HelpDialog.h"

#include <QFile>

namespace pd {

HelpDialog::HelpDialog(QWidget* parent) : QDialog(parent), m_ui(std::make_unique<Ui::HelpDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("helpDialog"));
    m_ui->browser->setMarkdown(guideMarkdown());
}

HelpDialog::~HelpDialog() = default;

QTextBrowser* HelpDialog::browser() const
{
    return m_ui->browser;
}

QString HelpDialog::guideMarkdown()
{
    QFile file(QStringLiteral(":/shell/help/user-guide.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace pd
