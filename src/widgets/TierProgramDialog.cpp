#include "widgets/TierProgramDialog.h"

#include "domain/Money.h"
#include "models/TierCommands.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include "ui_TierProgramDialog.h"

#include <QHeaderView>

namespace pd {

namespace {
QString optionalText(const std::optional<int>& v)
{
    return v ? QString::number(*v) : QString();
}
} // namespace

TierProgramDialog::TierProgramDialog(Book& book, DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::TierProgramDialog>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this); // ui/TierProgramDialog.ui
    m_ui->tierError->clear();
    QTableWidget* table = m_ui->tiersTable;
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    connect(table, &QTableWidget::itemSelectionChanged, this, &TierProgramDialog::onSelectionChanged);
    connect(m_ui->addTier, &QPushButton::clicked, this, &TierProgramDialog::addTier);
    connect(m_ui->saveTier, &QPushButton::clicked, this, &TierProgramDialog::saveTier);
    connect(m_ui->removeTier, &QPushButton::clicked, this, &TierProgramDialog::removeTier);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_book.notifier(), &ChangeNotifier::tiersChanged, this, &TierProgramDialog::load);
    connect(&m_book.notifier(), &ChangeNotifier::bookReset, this, &TierProgramDialog::load);
    load();
}

TierProgramDialog::~TierProgramDialog() = default;

void TierProgramDialog::load()
{
    const std::optional<Tier> current = selected();
    try {
        m_tiers = m_book.tiers().listTiers();
    } catch (const StorageError& e) {
        m_tiers.clear();
        m_ui->tierError->setText(e.message());
    }
    QTableWidget* table = m_ui->tiersTable;
    const QSignalBlocker blocker(table);
    table->clearSelection();
    table->setRowCount(int(m_tiers.size()));
    int currentRow = -1;
    for (int row = 0; row < m_tiers.size(); ++row) {
        const Tier& t = m_tiers.at(row);
        const QStringList cells{QString::number(t.rank),
                                t.name,
                                t.minRevenueMinor ? formatMoney({*t.minRevenueMinor, t.revenueCurrency}) : tr("–"),
                                t.minWonDeals ? QString::number(*t.minWonDeals) : tr("–"),
                                t.minCertifiedContacts ? QString::number(*t.minCertifiedContacts) : tr("–"),
                                t.minPsat ? QString::number(*t.minPsat) : tr("–"),
                                t.requireOnboardingComplete ? tr("complete") : tr("–"),
                                t.benefits};
        for (int c = 0; c < cells.size(); ++c)
            table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
        if (current && current->id == t.id)
            currentRow = row;
    }
    if (currentRow >= 0)
        table->selectRow(currentRow);
    m_ui->saveTier->setEnabled(currentRow >= 0);
    m_ui->removeTier->setEnabled(currentRow >= 0);
}

std::optional<Tier> TierProgramDialog::selected() const
{
    const QList<QTableWidgetItem*> items = m_ui->tiersTable->selectedItems();
    if (items.isEmpty())
        return std::nullopt;
    const int row = items.first()->row();
    if (row < 0 || row >= m_tiers.size())
        return std::nullopt;
    return m_tiers.at(row);
}

void TierProgramDialog::onSelectionChanged()
{
    const std::optional<Tier> t = selected();
    m_ui->saveTier->setEnabled(t.has_value());
    m_ui->removeTier->setEnabled(t.has_value());
    m_ui->tierError->clear();
    if (!t)
        return;
    m_ui->tierName->setText(t->name);
    m_ui->tierRank->setValue(t->rank);
    m_ui->minRevenue->setText(t->minRevenueMinor ? formatMinorUnits(*t->minRevenueMinor, t->revenueCurrency)
                                                 : QString());
    m_ui->revenueCurrency->setText(t->revenueCurrency);
    m_ui->minWonDeals->setText(optionalText(t->minWonDeals));
    m_ui->minCertified->setText(optionalText(t->minCertifiedContacts));
    m_ui->minPsat->setText(optionalText(t->minPsat));
    m_ui->requireOnboarding->setChecked(t->requireOnboardingComplete);
    m_ui->benefits->setText(t->benefits);
}

bool TierProgramDialog::selectTier(const QString& name)
{
    for (int row = 0; row < m_tiers.size(); ++row) {
        if (m_tiers.at(row).name == name) {
            m_ui->tiersTable->selectRow(row);
            return true;
        }
    }
    return false;
}

std::optional<Tier> TierProgramDialog::tierFromForm(const Tier& base)
{
    Tier t = base;
    t.name = m_ui->tierName->text().trimmed();
    t.rank = m_ui->tierRank->value();
    t.revenueCurrency = m_ui->revenueCurrency->text().trimmed().toUpper();
    if (t.revenueCurrency.isEmpty())
        t.revenueCurrency = QStringLiteral("USD");
    t.requireOnboardingComplete = m_ui->requireOnboarding->isChecked();
    t.benefits = m_ui->benefits->text().trimmed();
    if (t.name.isEmpty()) {
        m_ui->tierError->setText(tr("Enter the name of the tier."));
        return std::nullopt;
    }
    if (!isCurrencyCode(t.revenueCurrency)) {
        m_ui->tierError->setText(tr("%1 is not a currency code (e.g. USD).").arg(t.revenueCurrency));
        return std::nullopt;
    }
    const QString revenue = m_ui->minRevenue->text().trimmed();
    t.minRevenueMinor.reset();
    if (!revenue.isEmpty()) {
        QString reason;
        t.minRevenueMinor = parseMinorUnits(revenue, t.revenueCurrency, 1, &reason);
        if (!t.minRevenueMinor || *t.minRevenueMinor < 0) {
            m_ui->tierError->setText(tr("The revenue threshold is not an amount: %1").arg(reason));
            return std::nullopt;
        }
    }
    struct Field
    {
        QLineEdit* edit;
        std::optional<int>* target;
        int max;
        QString what;
    };
    for (const Field& f : {Field{m_ui->minWonDeals, &t.minWonDeals, 1000000000, tr("won deals")},
                           Field{m_ui->minCertified, &t.minCertifiedContacts, 1000000000, tr("certified contacts")},
                           Field{m_ui->minPsat, &t.minPsat, 100, tr("PSAT")}}) {
        const QString text = f.edit->text().trimmed();
        f.target->reset();
        if (text.isEmpty())
            continue;
        bool ok = false;
        const int value = text.toInt(&ok);
        if (!ok || value < 0 || value > f.max) {
            m_ui->tierError->setText(tr("The %1 threshold must be a whole number from 0 to %2, or empty (not "
                                        "required).")
                                         .arg(f.what)
                                         .arg(f.max));
            return std::nullopt;
        }
        *f.target = value;
    }
    return t;
}

bool TierProgramDialog::push(std::unique_ptr<RepositoryCommand> command)
{
    m_ui->tierError->clear();
    QString error;
    if (!pushCommand(m_book.undoStack(), std::move(command), &error,
                     [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); })) {
        m_ui->tierError->setText(error);
        return false;
    }
    return true;
}

bool TierProgramDialog::addTier()
{
    m_ui->tierError->clear();
    std::optional<Tier> t = tierFromForm(Tier{});
    if (!t)
        return false;
    t->id.clear();
    if (!push(std::make_unique<AddTierCommand>(m_book.tiers(), *t)))
        return false;
    selectTier(t->name);
    return true;
}

bool TierProgramDialog::saveTier()
{
    m_ui->tierError->clear();
    const std::optional<Tier> before = selected();
    if (!before)
        return false;
    const std::optional<Tier> after = tierFromForm(*before);
    if (!after)
        return false;
    if (!push(std::make_unique<EditTierCommand>(m_book.tiers(), *before, *after)))
        return false;
    selectTier(after->name);
    return true;
}

bool TierProgramDialog::removeTier()
{
    const std::optional<Tier> t = selected();
    if (!t)
        return false;
    return push(std::make_unique<RemoveTierCommand>(m_book.tiers(), *t));
}

QString TierProgramDialog::errorText() const
{
    return m_ui->tierError->text();
}

} // namespace pd
