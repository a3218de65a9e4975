#include "widgets/PartnerLifecycleView.h"

#include "domain/ActivationMetrics.h"
#include "storage/ActivationMetricsRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"

#include "ui_PartnerLifecycleView.h"

#include <QHeaderView>

namespace pd {

namespace {
QString days(const std::optional<int>& value)
{
    return value ? QCoreApplication::translate("pd::PartnerLifecycleView", "%n day(s)", nullptr, *value)
                 : QStringLiteral("–");
}
} // namespace

PartnerLifecycleView::PartnerLifecycleView(Book& book, QWidget* parent)
    : QGroupBox(parent), m_ui(std::make_unique<Ui::PartnerLifecycleView>()), m_book(book)
{
    m_ui->setupUi(this);
    m_ui->history->verticalHeader()->setDefaultSectionSize(m_ui->history->fontMetrics().height() + 6);
    m_ui->history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->history->horizontalHeader()->setStretchLastSection(true);
    connect(&book.notifier(), &ChangeNotifier::partnersChanged, this, [this](const QStringList& ids) {
        if (!m_partnerId.isEmpty() && ids.contains(m_partnerId))
            refresh();
    });
    connect(&book.notifier(), &ChangeNotifier::dealsChanged, this, &PartnerLifecycleView::refresh);
    connect(&book.notifier(), &ChangeNotifier::bookReset, this, &PartnerLifecycleView::refresh);
    refresh();
}

PartnerLifecycleView::~PartnerLifecycleView() = default;

void PartnerLifecycleView::setPartner(const QString& id)
{
    m_partnerId = id;
    refresh();
}

void PartnerLifecycleView::refresh()
{
    QList<StageChange> history;
    std::optional<PartnerActivation> metrics;
    QString error;
    if (!m_partnerId.isEmpty()) {
        try {
            history = m_book.lifecycle().history(m_partnerId);
            const QDate today = m_book.clock().todayUtc();
            if (const auto facts = ActivationMetricsRepository(m_book.database()).factsOf(m_partnerId, today))
                metrics = ActivationMetrics::forPartner(*facts, today);
        } catch (const StorageError& e) {
            error = e.message();
        }
    }
    QTableWidget* table = m_ui->history;
    table->setRowCount(int(history.size()));
    for (int row = 0; row < history.size(); ++row) {
        const StageChange& c = history.at(row);
        const QString change =
            c.first ? tr("Created in %1").arg(toString(c.to)) : tr("%1 → %2").arg(toString(c.from), toString(c.to));
        const QStringList cells = {c.on.toString(Qt::ISODate), change, c.actor, c.reason};
        for (int column = 0; column < cells.size(); ++column)
            table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    if (!history.isEmpty())
        table->scrollToBottom();
    m_ui->activationDate->setText(!error.isEmpty() ? error
                                  : metrics        ? metrics->activationDate.toString(Qt::ISODate)
                                                   : tr("not active yet"));
    m_ui->daysToOnboard->setText(days(metrics ? metrics->daysToOnboard : std::nullopt));
    m_ui->daysToFirstRegistration->setText(days(metrics ? metrics->daysToFirstRegistration : std::nullopt));
    m_ui->ttfr->setText(days(metrics ? metrics->ttfrDays : std::nullopt));
}

} // namespace pd
