#include "widgets/TierEvaluationDialog.h"

#include "domain/Money.h"
#include "models/TierCommands.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"

#include "ui_TierEvaluationDialog.h"

#include <QHeaderView>
#include <QSet>

namespace pd {

namespace {
enum PartnerColumn {
    KeyColumn,
    NameColumn,
    CurrentColumn,
    RecommendedColumn,
    ChangeColumn,
    RevenueColumn,
    DealsColumn,
    CertifiedColumn
};
enum WhatIfCriterion { RevenueCriterion, DealsCriterion, CertifiedCriterion };

QString criterionLabel(const QString& name)
{
    if (name == QLatin1String("revenue_t12m"))
        return TierEvaluationDialog::tr("T12M sourced won revenue");
    if (name == QLatin1String("won_deals_t12m"))
        return TierEvaluationDialog::tr("Won deals T12M");
    if (name == QLatin1String("certified_contacts"))
        return TierEvaluationDialog::tr("Certified contacts");
    if (name == QLatin1String("psat"))
        return TierEvaluationDialog::tr("PSAT");
    if (name == QLatin1String("onboarding_complete"))
        return TierEvaluationDialog::tr("Onboarding complete");
    return name;
}

QString changeLabel(TierChange change)
{
    switch (change) {
    case TierChange::Promote:
        return TierEvaluationDialog::tr("promote");
    case TierChange::Demote:
        return TierEvaluationDialog::tr("demote");
    case TierChange::Keep:
        break;
    }
    return TierEvaluationDialog::tr("keep");
}

QString value(const TierCriterion& c, qint64 v)
{
    if (!c.currency.isEmpty())
        return formatMoney({v, c.currency});
    if (c.name == QLatin1String("onboarding_complete"))
        return v ? TierEvaluationDialog::tr("yes") : TierEvaluationDialog::tr("no");
    return QString::number(v);
}

void setRow(QTableWidget* table, int row, const QStringList& cells)
{
    for (int c = 0; c < cells.size(); ++c)
        table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
}

void prepare(QTableWidget* table)
{
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
}
} // namespace

TierEvaluationDialog::TierEvaluationDialog(Book& book, DialogService& dialogs, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::TierEvaluationDialog>()), m_book(book), m_dialogs(dialogs)
{
    m_ui->setupUi(this); // ui/TierEvaluationDialog.ui
    m_ui->evaluationError->clear();
    for (QTableWidget* t : {m_ui->partnersTable, m_ui->criteriaTable, m_ui->whatIfTable})
        prepare(t);
    m_ui->whatIfCriterion->addItems({tr("T12M revenue"), tr("Won deals T12M"), tr("Certified contacts")});
    m_ui->asOf->setDate(m_book.clock().todayUtc());
    connect(m_ui->evaluate, &QPushButton::clicked, this, &TierEvaluationDialog::evaluate);
    connect(m_ui->partnersTable, &QTableWidget::itemSelectionChanged, this, &TierEvaluationDialog::showExplanation);
    connect(m_ui->applySelected, &QPushButton::clicked, this, &TierEvaluationDialog::applySelected);
    connect(m_ui->applyAll, &QPushButton::clicked, this, &TierEvaluationDialog::applyAll);
    connect(m_ui->runWhatIf, &QPushButton::clicked, this, &TierEvaluationDialog::runWhatIf);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_book.notifier(), &ChangeNotifier::tiersChanged, this, &TierEvaluationDialog::evaluate);
    connect(&m_book.notifier(), &ChangeNotifier::bookReset, this, &TierEvaluationDialog::evaluate);
    evaluate();
}

TierEvaluationDialog::~TierEvaluationDialog() = default;

void TierEvaluationDialog::setAsOf(const QDate& asOf)
{
    m_ui->asOf->setDate(asOf);
    evaluate();
}

void TierEvaluationDialog::evaluate()
{
    QStringList selectedKeys;
    for (const QModelIndex& index : m_ui->partnersTable->selectionModel()->selectedRows())
        selectedKeys.append(m_ui->partnersTable->item(index.row(), KeyColumn)->text());
    try {
        m_program = m_book.tiers().listTiers();
        m_results = m_book.tiers().evaluate(m_ui->asOf->date());
        m_ui->evaluationError->clear();
    } catch (const StorageError& e) {
        m_program.clear();
        m_results.clear();
        m_ui->evaluationError->setText(e.message());
    }
    QTableWidget* table = m_ui->partnersTable;
    const QSignalBlocker blocker(table);
    table->clearSelection();
    table->setRowCount(int(m_results.size()));
    int changes = 0;
    for (int row = 0; row < m_results.size(); ++row) {
        const PartnerTierEvaluation& r = m_results.at(row);
        changes += r.evaluation.change == TierChange::Keep ? 0 : 1;
        setRow(table, row,
               {r.metrics.partnerKey, r.metrics.partnerName, r.evaluation.currentTier, r.evaluation.recommendedTier,
                changeLabel(r.evaluation.change), formatMoney({r.metrics.revenueMinor, r.metrics.revenueCurrency}),
                QString::number(r.metrics.wonDeals), QString::number(r.metrics.certifiedContacts)});
        for (int c : {RevenueColumn, DealsColumn, CertifiedColumn})
            table->item(row, c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    for (const QString& key : selectedKeys)
        for (int row = 0; row < m_results.size(); ++row)
            if (m_results.at(row).metrics.partnerKey == key)
                table->selectionModel()->select(table->model()->index(row, 0),
                                                QItemSelectionModel::Select | QItemSelectionModel::Rows);
    m_ui->summary->setText(tr("%1 partners, %2 would change tier").arg(m_results.size()).arg(changes));
    m_ui->applyAll->setEnabled(changes > 0);
    showExplanation();
    fillWhatIfChoices();
}

void TierEvaluationDialog::showExplanation()
{
    QTableWidget* table = m_ui->criteriaTable;
    table->setRowCount(0);
    const QModelIndexList rows = m_ui->partnersTable->selectionModel()->selectedRows();
    m_ui->applySelected->setEnabled(!rows.isEmpty());
    if (rows.size() != 1 || rows.first().row() >= m_results.size()) {
        m_ui->explanation->setText(tr("Select a partner to see why."));
        return;
    }
    const PartnerTierEvaluation& r = m_results.at(rows.first().row());
    const TierEvaluation& e = r.evaluation;
    m_ui->explanation->setText(
        e.nextTier.isEmpty()
            ? tr("%1 meets every criterion of %2, the top tier.").arg(r.metrics.partnerKey, e.recommendedTier)
            : tr("%1 is recommended for %2: every criterion of %2 is met; the criteria of %3 show what is missing.")
                  .arg(r.metrics.partnerKey, e.recommendedTier, e.nextTier));
    const auto add = [&](const QString& tier, const QList<TierCriterion>& criteria) {
        for (const TierCriterion& c : criteria) {
            const int row = table->rowCount();
            table->insertRow(row);
            setRow(table, row,
                   {tier, criterionLabel(c.name), value(c, c.actual), value(c, c.required),
                    c.met ? tr("met") : tr("not met"), c.met ? QString() : value(c, c.gap)});
        }
    };
    add(e.recommendedTier, e.criteria);
    add(e.nextTier, e.nextCriteria);
}

void TierEvaluationDialog::fillWhatIfChoices()
{
    const QString partner = m_ui->whatIfPartner->currentData().toString();
    const QString tier = m_ui->whatIfTier->currentText();
    m_ui->whatIfPartner->clear();
    m_ui->whatIfPartner->addItem(tr("(none)"), QString());
    for (const PartnerTierEvaluation& r : std::as_const(m_results))
        m_ui->whatIfPartner->addItem(r.metrics.partnerKey + QStringLiteral(" – ") + r.metrics.partnerName,
                                     r.metrics.partnerId);
    m_ui->whatIfPartner->setCurrentIndex(std::max(0, m_ui->whatIfPartner->findData(partner)));
    m_ui->whatIfTier->clear();
    for (const Tier& t : std::as_const(m_program))
        if (t.rank != m_program.first().rank)
            m_ui->whatIfTier->addItem(t.name);
    m_ui->whatIfTier->setCurrentIndex(std::max(0, m_ui->whatIfTier->findText(tier)));
}

bool TierEvaluationDialog::selectPartner(const QString& key)
{
    for (int row = 0; row < m_results.size(); ++row) {
        if (m_results.at(row).metrics.partnerKey == key) {
            m_ui->partnersTable->selectRow(row);
            return true;
        }
    }
    return false;
}

bool TierEvaluationDialog::push(std::unique_ptr<RepositoryCommand> command)
{
    m_ui->evaluationError->clear();
    QString error;
    if (!pushCommand(m_book.undoStack(), std::move(command), &error,
                     [this](const QString& message) { m_dialogs.warning(this, tr("Undo"), message); })) {
        m_ui->evaluationError->setText(error);
        return false;
    }
    return true;
}

bool TierEvaluationDialog::applySelected()
{
    QList<TierHistoryEntry> changes;
    for (const QModelIndex& index : m_ui->partnersTable->selectionModel()->selectedRows()) {
        if (index.row() >= m_results.size())
            continue;
        const PartnerTierEvaluation& r = m_results.at(index.row());
        if (r.evaluation.change == TierChange::Keep)
            continue;
        TierHistoryEntry change;
        change.partnerId = r.metrics.partnerId;
        change.partnerKey = r.metrics.partnerKey;
        change.toTier = r.evaluation.recommendedTier;
        change.effectiveOn = m_ui->asOf->date();
        change.reason = tr("Tier evaluation");
        changes.append(change);
    }
    if (changes.isEmpty()) {
        m_ui->evaluationError->setText(tr("The selected partners keep their tiers; nothing to apply."));
        return false;
    }
    return push(std::make_unique<ApplyTiersCommand>(m_book.tiers(), changes));
}

bool TierEvaluationDialog::applyAll()
{
    const bool any = std::any_of(m_results.cbegin(), m_results.cend(), [](const PartnerTierEvaluation& r) {
        return r.evaluation.change != TierChange::Keep;
    });
    if (!any) {
        m_ui->evaluationError->setText(tr("Every partner keeps its tier; nothing to apply."));
        return false;
    }
    return push(std::make_unique<ApplyTiersCommand>(m_book.tiers(), m_ui->asOf->date(), tr("Tier evaluation")));
}

QList<TierMove> TierEvaluationDialog::runWhatIf()
{
    m_ui->evaluationError->clear();
    m_ui->whatIfTable->setRowCount(0);
    const QString currency = TierRepository::revenueCurrency(m_program);
    QList<TierMetricsAdjustment> adjustments;
    const QString partnerId = m_ui->whatIfPartner->currentData().toString();
    if (!partnerId.isEmpty()) {
        TierMetricsAdjustment a;
        a.partnerId = partnerId;
        const QString revenue = m_ui->whatIfRevenue->text().trimmed();
        if (!revenue.isEmpty()) {
            QString reason;
            const std::optional<qint64> minor = parseMinorUnits(revenue, currency, 1, &reason);
            if (!minor) {
                m_ui->whatIfSummary->setText(tr("The revenue to add is not an amount of %1: %2").arg(currency, reason));
                return {};
            }
            a.addRevenueMinor = *minor;
        }
        a.addCertifiedContacts = m_ui->whatIfCertified->value();
        adjustments.append(a);
    }
    QList<Tier> changed = m_program;
    const QString threshold = m_ui->whatIfThreshold->text().trimmed();
    if (!threshold.isEmpty()) {
        const auto tier = std::find_if(changed.begin(), changed.end(),
                                       [&](const Tier& t) { return t.name == m_ui->whatIfTier->currentText(); });
        if (tier == changed.end()) {
            m_ui->whatIfSummary->setText(tr("Choose the tier whose threshold changes."));
            return {};
        }
        bool ok = false;
        if (m_ui->whatIfCriterion->currentIndex() == RevenueCriterion) {
            QString reason;
            tier->minRevenueMinor = parseMinorUnits(threshold, tier->revenueCurrency, 1, &reason);
            ok = tier->minRevenueMinor.has_value() && *tier->minRevenueMinor >= 0;
        } else {
            const int n = threshold.toInt(&ok);
            ok = ok && n >= 0;
            (m_ui->whatIfCriterion->currentIndex() == DealsCriterion ? tier->minWonDeals : tier->minCertifiedContacts) =
                n;
        }
        if (!ok) {
            m_ui->whatIfSummary->setText(tr("The new threshold is not a number of 0 or more."));
            return {};
        }
    }
    QList<PartnerTierMetrics> metrics;
    for (const PartnerTierEvaluation& r : std::as_const(m_results))
        metrics.append(r.metrics);
    const QList<TierMove> moves = tierWhatIf(m_program, changed, metrics, adjustments);
    QTableWidget* table = m_ui->whatIfTable;
    table->setRowCount(int(moves.size()));
    for (int row = 0; row < moves.size(); ++row) {
        const TierMove& m = moves.at(row);
        setRow(table, row, {m.partnerKey, m.currentTier, m.before, m.after, changeLabel(m.change)});
    }
    m_ui->whatIfSummary->setText(moves.isEmpty()
                                     ? tr("No partner would move.")
                                     : tr("%1 partners would move; nothing was written.").arg(moves.size()));
    return moves;
}

QString TierEvaluationDialog::errorText() const
{
    return m_ui->evaluationError->text();
}

} // namespace pd
