#include "widgets/ShortcutsDialog.h"

#include "ui_ShortcutsDialog.h"

#include <QAction>
#include <QHeaderView>
#include <QRegularExpression>

namespace pd {

ShortcutsDialog::ShortcutsDialog(const QList<Entry>& entries, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ShortcutsDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("shortcutsDialog"));
    QTableWidget* table = m_ui->table;
    for (const Entry& entry : entries) {
        QString text = entry.action->text();
        text.remove(QRegularExpression(QStringLiteral("&(?!&)"))); // the mnemonic marker; "&&" is a literal "&"
        text.remove(QChar(u'…'));
        for (const QKeySequence& key : entry.action->shortcuts()) {
            const int row = table->rowCount();
            table->insertRow(row);
            QString menu = entry.menu;
            menu.remove(QLatin1Char('&'));
            table->setItem(row, 0, new QTableWidgetItem(menu));
            table->setItem(row, 1, new QTableWidgetItem(text));
            table->setItem(row, 2, new QTableWidgetItem(key.toString(QKeySequence::NativeText)));
        }
    }
    table->resizeColumnsToContents();
}

ShortcutsDialog::~ShortcutsDialog() = default;

QTableWidget* ShortcutsDialog::table() const
{
    return m_ui->table;
}

} // namespace pd
