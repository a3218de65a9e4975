#include "widgets/PipelinePane.h"

#include "domain/Money.h"
#include "io/BookTables.h"
#include "models/DealBoardModel.h"
#include "models/DealCommands.h"
#include "models/ExpireOverdueCommand.h"
#include "models/PipelineTableModel.h"
#include "storage/PartnerRepository.h"
#include "storage/ProductRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "storage/StorageError.h"
#include "widgets/Book.h"
#include "widgets/DealBoardView.h"
#include "widgets/DealDetailPanel.h"
#include "widgets/DialogService.h"
#include "widgets/ProgramSettingsDialog.h"
#include "widgets/RegisterDealDialog.h"
#include "widgets/TableExportAction.h"

#include "ui_PipelinePane.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>

namespace pd {

namespace {
/// QSettings key of the table/detail splitter's state.
constexpr char kSplitterKey[] = "pipeline/splitter";
} // namespace

PipelinePane::PipelinePane(Book& book, DialogService& dialogs, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::PipelinePane>()), m_book(book), m_dialogs(dialogs)
{
    m_tableModel = new PipelineTableModel(m_book.config(), &m_book.notifier(), this, m_book.workers());
    m_boardModel = new DealBoardModel(m_book.config(), &m_book.notifier(), this, m_book.workers());
    connect(&m_choicesWatcher, &QFutureWatcher<BackgroundResult<Choices>>::finished, this, &PipelinePane::onChoices);
    connect(&m_totalsWatcher, &QFutureWatcher<BackgroundResult<Totals>>::finished, this, &PipelinePane::onTotals);

    m_ui->setupUi(this);
    setObjectName(QStringLiteral("pipelinePane"));
    m_ui->pipelineAsOf->setDate(m_book.clock().todayUtc());
    connect(m_ui->pipelineAsOf, &QDateEdit::dateChanged, this, [this] {
        m_asOfFollowsToday = m_ui->pipelineAsOf->date() == m_book.clock().todayUtc();
        refreshTotals();
    });
    buildFilters();

    QTableView* table = m_ui->pipelineTable;
    table->setModel(m_tableModel);
    // The indicator first: enabling sorting sorts by it, and any other order would re-query the first page.
    table->horizontalHeader()->setSortIndicator(PipelineTableModel::Number, Qt::AscendingOrder);
    table->setSortingEnabled(true);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    // Columns sized for their widest usual content (the table pages lazily, so sizing to the rows loaded so far
    // would cut the next page's values): an amount is never cut.
    {
        const QFontMetrics fm = table->fontMetrics();
        const int pad = 2 * fm.horizontalAdvance(QLatin1Char('M'));
        auto width = [&](const QString& sample) { return fm.horizontalAdvance(sample) + pad; };
        table->setColumnWidth(PipelineTableModel::Number, width(QStringLiteral("#1,000,000")));
        table->setColumnWidth(PipelineTableModel::Status, width(tr("%1 (overdue)").arg(tr("Submitted"))));
        table->setColumnWidth(PipelineTableModel::Partner, width(QStringLiteral("WWWWWW")));
        table->setColumnWidth(PipelineTableModel::Customer, width(QStringLiteral("Genco Pura Olive Oil Company")));
        table->setColumnWidth(PipelineTableModel::Product, width(QStringLiteral("GTX Plus Basic")));
        table->setColumnWidth(PipelineTableModel::Amount, width(QStringLiteral("99,999,999.00 USD")));
        table->setColumnWidth(PipelineTableModel::ExpectedClose, width(QStringLiteral("2017-12-31")));
    }
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (current.isValid())
            setCurrentDeal(current.data(PipelineTableModel::DealIdRole).toString());
    });

    // The board scrolls sideways rather than widening the window (seven columns have a minimum width).
    m_board = new DealBoardView(m_boardModel, this);
    connect(m_board, &DealBoardView::cardMoveRequested, this,
            [this](const QString& id, DealStatus, DealStatus to) { dropCard(id, to); });
    connect(m_board, &DealBoardView::currentDealChanged, this, &PipelinePane::setCurrentDeal);
    m_ui->boardScroll->setWidget(m_board); // replaces the form's placeholder

    m_detail = new DealDetailPanel(m_book, m_dialogs, this);
    QSplitter* splitter = m_ui->pipelineSplitter;
    splitter->addWidget(m_detail);
    splitter->setCollapsible(0, false);
    splitter->setCollapsible(1, true); // the detail panel folds away; its size is remembered
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({900, 350});
    if (const QByteArray state = QSettings().value(QLatin1String(kSplitterKey)).toByteArray(); !state.isEmpty())
        splitter->restoreState(state);
    connect(splitter, &QSplitter::splitterMoved, this,
            [splitter] { QSettings().setValue(QLatin1String(kSplitterKey), splitter->saveState()); });

    buildActions();

    m_totalsTimer.setSingleShot(true);
    m_totalsTimer.setInterval(0);
    connect(&m_totalsTimer, &QTimer::timeout, this, &PipelinePane::refreshTotals);
    connect(&m_book.notifier(), &ChangeNotifier::dealsChanged, &m_totalsTimer, qOverload<>(&QTimer::start));
    connect(&m_book.notifier(), &ChangeNotifier::bookReset, &m_totalsTimer, qOverload<>(&QTimer::start));
    connect(&m_book.notifier(), &ChangeNotifier::fxRatesChanged, &m_totalsTimer, qOverload<>(&QTimer::start));
    connect(m_tableModel, &PipelineTableModel::countChanged, this, [this](qint64 total) {
        m_ui->pipelineCount->setText(
            total < 0 ? tr("Counting…")
                      : tr("%L1 registration(s) match the filters", nullptr, int(std::min<qint64>(total, 1 << 30)))
                            .arg(total));
    });
    connect(m_tableModel, &PipelineTableModel::reloaded, this, [this] {
        if (!m_currentDeal.isEmpty()) {
            const int row = m_tableModel->rowOf(m_currentDeal);
            if (row >= 0)
                m_ui->pipelineTable->setCurrentIndex(m_tableModel->index(row, 0));
        }
        updateActions();
    });
    m_ui->pipelineCount->setText(tr("Loading…"));
    connect(m_tableModel, &PipelineTableModel::reloaded, this, [this] { markReady(1); });
    connect(m_boardModel, &DealBoardModel::reloaded, this, [this] { markReady(2); });
    connect(this, &PipelinePane::totalsUpdated, this, [this] { markReady(4); });
    updateProtection();
    connect(&m_book.notifier(), &ChangeNotifier::partnersChanged, this, &PipelinePane::loadChoices);
    connect(&m_book.notifier(), &ChangeNotifier::productsChanged, this, &PipelinePane::loadChoices);
    connect(&m_book.notifier(), &ChangeNotifier::bookReset, this, &PipelinePane::loadChoices);
    loadChoices();
    refreshTotals();

    m_exporter = new TableExportAction(m_dialogs, tr("Export deals"), QStringLiteral("deals.csv"), this);
    connect(m_exporter, &TableExportAction::statusMessage, this, &PipelinePane::statusMessage);
    connect(m_exporter, &TableExportAction::finished, this, &PipelinePane::exportFinished);
    connect(&m_dailyWatcher, &QFutureWatcher<BackgroundResult<DailyExpiry>>::finished, this,
            &PipelinePane::onDailyExpiry);
    // Optional daily expiry (program setting, off by default): checked now and every hour, on a worker.
    m_dailyTimer.setInterval(60 * 60 * 1000);
    connect(&m_dailyTimer, &QTimer::timeout, this, &PipelinePane::runDailyExpiry);
    m_dailyTimer.start();
    QTimer::singleShot(0, this, &PipelinePane::runDailyExpiry);
}

QTableView* PipelinePane::table() const
{
    return m_ui->pipelineTable;
}

PipelinePane::~PipelinePane()
{
    delete m_register;
    // The watchers never wait: running reads end on their own connections and their results are dropped.
}

void PipelinePane::markReady(int part)
{
    if (isReady())
        return;
    m_readyParts |= part;
    if (isReady())
        Q_EMIT ready();
}

void PipelinePane::updateProtection()
{
    try {
        m_tableModel->setProtection(m_book.programSettings().load().rules, m_book.clock().nowUtc());
    } catch (const StorageError& e) {
        Q_EMIT statusMessage(e.message());
    }
}

void PipelinePane::loadChoices()
{
    if (m_choicesWatcher.isRunning())
        return;
    m_choicesWatcher.setFuture(runInBackground<Choices>(
        m_book.config(), m_book.clock().nowUtc(),
        [](Database& db, const Clock& clock) {
            Choices c;
            QSet<QString> territories;
            for (const PartnerRef& r : PartnerRepository(db, clock).listRefs()) { // ordered by key
                c.partners.append({r.key, QStringLiteral("%1 — %2").arg(r.key, r.name)});
                if (!r.territory.isEmpty())
                    territories.insert(r.territory);
            }
            c.territories = QStringList(territories.begin(), territories.end());
            c.territories.sort(Qt::CaseInsensitive);
            c.products = ProductRepository(db).list();
            std::sort(c.products.begin(), c.products.end(),
                      [](const Product& a, const Product& b) { return a.name < b.name; });
            return c;
        },
        m_book.workers()));
}

void PipelinePane::onChoices()
{
    const BackgroundResult<Choices> result = m_choicesWatcher.result();
    if (!result.error.isEmpty()) {
        Q_EMIT statusMessage(result.error);
        return;
    }
    auto refill = [](QComboBox* combo, const QList<QPair<QString, QString>>& items) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker block(combo);
        while (combo->count() > 1)
            combo->removeItem(1);
        for (const auto& [data, label] : items)
            combo->addItem(label, data);
        const int index = combo->findData(current);
        combo->setCurrentIndex(index >= 0 ? index : 0);
    };
    // Up to 100,000 partners: a new model filled before the combo sees it, so that neither the combo nor its completer
    // handles a signal per row.
    {
        const QString current = m_ui->pipelinePartner->currentData().toString();
        QList<QStandardItem*> items;
        items.reserve(result.value.partners.size() + 1);
        items.append(new QStandardItem(m_ui->pipelinePartner->itemText(0))); // "All partners"
        items.back()->setData(QString(), Qt::UserRole);
        for (const auto& [key, label] : result.value.partners) {
            items.append(new QStandardItem(label));
            items.back()->setData(key, Qt::UserRole);
        }
        auto* model = new QStandardItemModel(m_ui->pipelinePartner);
        model->appendColumn(items);
        const QSignalBlocker block(m_ui->pipelinePartner);
        m_ui->pipelinePartner->setModel(model); // deletes the previous model (the combo is its parent)
        m_ui->pipelinePartner->completer()->setFilterMode(Qt::MatchContains);
        const int index = m_ui->pipelinePartner->findData(current);
        m_ui->pipelinePartner->setCurrentIndex(index >= 0 ? index : 0);
    }
    QList<QPair<QString, QString>> territories;
    for (const QString& t : result.value.territories)
        territories.append({t, t});
    refill(m_ui->pipelineTerritory, territories);
    QList<QPair<QString, QString>> products;
    for (const Product& p : result.value.products)
        products.append({p.id, p.name});
    refill(m_ui->pipelineProduct, products);
    Q_EMIT choicesLoaded();
}

void PipelinePane::buildFilters()
{
    // The form has two rows, so that every filter shows its whole text at 1280 px: the search and amounts, then the
    // choices. The first item of each combo ("All …") is the form's; the rest are loaded (onChoices()).
    m_ui->pipelinePartner->completer()->setFilterMode(Qt::MatchContains);
    const QDate thisQuarter = quarterStart(m_book.clock().todayUtc());
    for (int i = 4; i >= -12; --i) {
        const QDate q = thisQuarter.addMonths(3 * i);
        m_ui->pipelineQuarter->addItem(tr("%1 Q%2").arg(q.year()).arg((q.month() - 1) / 3 + 1), q);
    }
    for (const QString& status : dealStatusNames())
        m_ui->pipelineStatus->addItem(status, status);

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(250);
    connect(&m_filterTimer, &QTimer::timeout, this, &PipelinePane::applyFilters);
    connect(m_ui->pipelineSearch, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_ui->pipelineMinAmount, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_ui->pipelineMaxAmount, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    for (QComboBox* combo : {m_ui->pipelineStatus, m_ui->pipelinePartner, m_ui->pipelineTerritory,
                             m_ui->pipelineProduct, m_ui->pipelineQuarter})
        connect(combo, &QComboBox::currentIndexChanged, this, &PipelinePane::applyFilters);
}

void PipelinePane::applyFilters()
{
    m_filterTimer.stop();
    DealFilter f = m_tableModel->filter(); // keeps the sort order
    f.search = m_ui->pipelineSearch->text().trimmed();
    f.status = m_ui->pipelineStatus->currentData().toString();
    f.partnerKey = m_ui->pipelinePartner->currentData().toString();
    f.territory = m_ui->pipelineTerritory->currentData().toString();
    f.productId = m_ui->pipelineProduct->currentData().toString();
    const QDate q = m_ui->pipelineQuarter->currentData().toDate();
    f.closeFrom = q;
    f.closeTo = q.isValid() ? q.addMonths(3).addDays(-1) : QDate();
    const QString currency = m_book.programSettings().load().reportingCurrency;
    auto amount = [&currency](QLineEdit* edit) -> qint64 {
        const std::optional<qint64> v = parseMinorUnits(edit->text().trimmed(), currency);
        return edit->text().trimmed().isEmpty() || !v ? -1 : *v;
    };
    f.minAmountMinor = amount(m_ui->pipelineMinAmount);
    f.maxAmountMinor = amount(m_ui->pipelineMaxAmount);
    m_tableModel->setFilter(f);
    m_boardModel->setFilter(f);
}

void PipelinePane::refreshTotals()
{
    m_totalsTimer.stop();
    if (m_totalsWatcher.isRunning()) {
        m_totalsQueued = true;
        return;
    }
    if (m_asOfFollowsToday && m_ui->pipelineAsOf->date() != m_book.clock().todayUtc()) {
        const QSignalBlocker block(m_ui->pipelineAsOf);
        m_ui->pipelineAsOf->setDate(m_book.clock().todayUtc()); // a new day: "today" moves on
    }
    const QDate asOf = m_ui->pipelineAsOf->date();
    m_totalsWatcher.setFuture(runInBackground<Totals>(
        m_book.config(), m_book.clock().nowUtc(),
        [asOf](Database& db, const Clock& clock) {
            const ProgramSettings settings = ProgramSettingsRepository(db, clock).load();
            Totals t;
            t.currency = settings.reportingCurrency;
            t.summary = PipelineRepository(db).summary(asOf, settings.rules, t.currency, false).value(0);
            return t;
        },
        m_book.workers()));
}

QDate PipelinePane::asOfDate() const
{
    return m_ui->pipelineAsOf->date();
}

void PipelinePane::setAsOfDate(const QDate& date)
{
    m_ui->pipelineAsOf->setDate(date); // dateChanged → refreshTotals
}

void PipelinePane::onTotals()
{
    const BackgroundResult<Totals> result = m_totalsWatcher.result();
    if (m_totalsQueued) {
        m_totalsQueued = false;
        refreshTotals();
        return;
    }
    if (!result.error.isEmpty()) {
        m_ui->pipelineTotals->setText(tr("Totals unavailable: %1").arg(result.error.toHtmlEscaped()));
        Q_EMIT totalsUpdated();
        return;
    }
    const PipelineSummary& s = result.value.summary;
    const QString& cur = result.value.currency;
    const std::optional<double> rate = s.winRate();
    // Each figure stays whole with its name when the line wraps (at 1280 px the win rate goes to a second line).
    QString text = tr("<span style=\"white-space:nowrap\"><b>As of %1</b></span> &nbsp;&nbsp; "
                      "<span style=\"white-space:nowrap\"><b>Open:</b> %L2 · %3</span> &nbsp;&nbsp; "
                      "<span style=\"white-space:nowrap\"><b>Weighted pipeline:</b> %4</span> &nbsp;&nbsp; "
                      "<span style=\"white-space:nowrap\"><b>Won this quarter:</b> %5</span> &nbsp;&nbsp; "
                      "<span style=\"white-space:nowrap\"><b>Win rate:</b> %6</span>")
                       .arg(s.periodEnd.toString(Qt::ISODate))
                       .arg(s.openCount)
                       .arg(formatMoney(Money{s.openAmountMinor, cur}), formatMoney(Money{s.weightedX100 / 100, cur}),
                            formatMoney(Money{s.wonPeriodMinor, cur}),
                            rate ? QStringLiteral("%1%").arg(*rate * 100, 0, 'f', 1) : tr("none closed yet"));
    // Which FX rates the amounts used, and the deals left out for want of a rate (FxRatesUsed::note).
    if (!s.fx.isEmpty())
        text +=
            QStringLiteral(" &nbsp;<span style=\"white-space:nowrap\">(%1)</span>").arg(s.fx.note().toHtmlEscaped());
    m_ui->pipelineTotals->setText(text);
    Q_EMIT totalsUpdated();
}

QString PipelinePane::totalsText() const
{
    QString plain = m_ui->pipelineTotals->text();
    plain.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    plain.remove(tag);
    return plain.simplified();
}

void PipelinePane::buildActions()
{
    m_registerAction = new QAction(tr("&Register deal…"), this);
    m_registerAction->setObjectName(QStringLiteral("registerDealAction"));
    // Ctrl+Shift+N is New partner: every shortcut has one action (issue 8).
    m_registerAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_registerAction, &QAction::triggered, this, &PipelinePane::showRegisterDialog);
    auto dealAction = [this](const QString& text, const char* name, DealAction action) {
        auto* a = new QAction(text, this);
        a->setObjectName(QString::fromLatin1(name));
        connect(a, &QAction::triggered, this, [this, action] {
            if (!m_currentDeal.isEmpty())
                applyAction(m_currentDeal, action);
        });
        return a;
    };
    m_approveAction = dealAction(tr("&Approve"), "approveDealAction", DealAction::Approve);
    m_rejectAction = dealAction(tr("Re&ject…"), "rejectDealAction", DealAction::Reject);
    m_extendAction = dealAction(tr("E&xtend protection"), "extendDealAction", DealAction::Extend);
    m_wonAction = dealAction(tr("Mark &won…"), "wonDealAction", DealAction::MarkWon);
    m_lostAction = dealAction(tr("Mark &lost…"), "lostDealAction", DealAction::MarkLost);
    m_expireAction = new QAction(tr("&Expire overdue registrations"), this);
    m_expireAction->setObjectName(QStringLiteral("expireOverdueAction"));
    connect(m_expireAction, &QAction::triggered, this, &PipelinePane::expireOverdue);
    m_settingsAction = new QAction(tr("&Program settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("programSettingsAction"));
    connect(m_settingsAction, &QAction::triggered, this, [this] { showProgramSettings(true); });
    m_exportAction = new QAction(tr("E&xport table…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportDealsAction"));
    connect(m_exportAction, &QAction::triggered, this, &PipelinePane::exportTable);
    updateActions();
}

QList<QAction*> PipelinePane::paneActions() const
{
    auto* sep1 = new QAction(const_cast<PipelinePane*>(this));
    sep1->setSeparator(true);
    auto* sep2 = new QAction(const_cast<PipelinePane*>(this));
    sep2->setSeparator(true);
    auto* sep3 = new QAction(const_cast<PipelinePane*>(this));
    sep3->setSeparator(true);
    return {m_registerAction, sep1, m_approveAction, m_rejectAction,   m_extendAction, m_wonAction,
            m_lostAction,     sep2, m_expireAction,  m_settingsAction, sep3,           m_exportAction};
}

bool PipelinePane::exportTable()
{
    const DealFilter filter = m_tableModel->filter();
    return m_exporter->exportQuery(
        m_book.config(), m_book.clock().nowUtc(),
        [filter](Database& db, const Clock& clock) { return BookTables::dealsMatching(db, clock, filter); });
}

void PipelinePane::showView(int which)
{
    m_ui->pipelineTabs->setCurrentIndex(which);
}

void PipelinePane::setCurrentDeal(const QString& id)
{
    m_currentDeal = id;
    m_detail->setDeal(id);
    updateActions();
}

void PipelinePane::selectDeal(const QString& id)
{
    const int row = m_tableModel->rowOf(id);
    if (row >= 0)
        m_ui->pipelineTable->setCurrentIndex(m_tableModel->index(row, 0));
    setCurrentDeal(id);
}

void PipelinePane::updateActions()
{
    std::optional<DealStatus> status;
    bool extended = false;
    if (!m_currentDeal.isEmpty()) {
        try {
            const DealState s = m_book.workflow().state(m_currentDeal);
            status = s.status;
            extended = s.extended;
        } catch (const StorageError&) {
            status.reset();
        }
    }
    auto allowed = [&](DealAction a) { return status && transition(*status, a, extended).has_value(); };
    m_approveAction->setEnabled(allowed(DealAction::Approve));
    m_rejectAction->setEnabled(allowed(DealAction::Reject));
    m_extendAction->setEnabled(allowed(DealAction::Extend));
    m_wonAction->setEnabled(allowed(DealAction::MarkWon));
    m_lostAction->setEnabled(allowed(DealAction::MarkLost));
}

RegisterDealDialog* PipelinePane::showRegisterDialog()
{
    if (!m_register) {
        m_register = new RegisterDealDialog(m_book, m_dialogs, window());
        m_register->setAttribute(Qt::WA_DeleteOnClose, false);
        connect(m_register, &RegisterDealDialog::registered, this,
                [this](const QString& id, qint64 number, const QString& decision) {
                    Q_EMIT statusMessage(tr("Registration #%1 submitted: %2").arg(number).arg(decision));
                    m_currentDeal = id;
                    m_detail->setDeal(id);
                    Q_EMIT dealRegistered(id, number, decision);
                });
        connect(m_register, &QDialog::finished, this, [this] {
            m_register->deleteLater();
            m_register = nullptr;
        });
    }
    m_register->show();
    m_register->raise();
    return m_register;
}

bool PipelinePane::applyAction(const QString& dealId, DealAction action)
{
    DealState state;
    try {
        state = m_book.workflow().state(dealId);
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("Change status"), e.message());
        return false;
    }
    // The domain's reason (DealWorkflow.h): a second extension says that the one extension is used.
    if (const QString why = actionRefusal(action, state.status, state.registrationNumber, state.extended);
        !why.isEmpty()) {
        m_dialogs.warning(this, tr("Change status"), why);
        return false;
    }
    DealActionInput input;
    const QString currency = state.currency.isEmpty() ? QStringLiteral("USD") : state.currency;
    if (action == DealAction::Reject) {
        const std::optional<QString> reason = m_dialogs.text(
            this, tr("Reject registration"), tr("Why is registration #%1 rejected?").arg(state.registrationNumber));
        if (!reason)
            return false;
        if (reason->trimmed().isEmpty()) {
            m_dialogs.warning(this, tr("Reject registration"), tr("A reason is required to reject a registration."));
            return false;
        }
        input.reason = reason->trimmed();
    }
    if (action == DealAction::MarkWon || action == DealAction::MarkLost) {
        const auto answer = m_dialogs.closeDeal(this, action == DealAction::MarkWon, state.registrationNumber,
                                                Money{state.amountMinor, currency}, m_book.clock().todayUtc());
        if (!answer)
            return false;
        input.amountMinor = answer->amountMinor;
        input.closeDate = answer->closeDate;
    }
    ProgramSettings settings;
    try {
        settings = m_book.programSettings().load();
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("Change status"), e.message());
        return false;
    }
    QString error;
    const QPointer<QWidget> owner(this);
    DialogService* dialogs = &m_dialogs;
    if (!pushCommand(m_book.undoStack(),
                     std::make_unique<DealActionCommand>(m_book.workflow(), dealId, state.registrationNumber, action,
                                                         input, settings),
                     &error, [dialogs, owner](const QString& message) {
                         dialogs->warning(owner.data(), PipelinePane::tr("Undo"), message);
                     })) {
        m_dialogs.warning(this, tr("Change status"), error);
        return false;
    }
    m_currentDeal = dealId;
    updateActions();
    Q_EMIT statusMessage(dealActionText(action, state.registrationNumber));
    return true;
}

bool PipelinePane::dropCard(const QString& dealId, DealStatus to)
{
    DealState state;
    try {
        state = m_book.workflow().state(dealId);
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("Move registration"), e.message());
        return false;
    }
    const std::optional<DealAction> action = actionBetween(state.status, to);
    if (!action) {
        const bool final = !isOpen(state.status);
        m_dialogs.warning(this, tr("Move registration"),
                          final ? tr("Registration #%1 is %2, which is final: it cannot move to %3.")
                                      .arg(state.registrationNumber)
                                      .arg(toString(state.status), toString(to))
                                : tr("Registration #%1 cannot move from %2 to %3 in one step.")
                                      .arg(state.registrationNumber)
                                      .arg(toString(state.status), toString(to)));
        return false;
    }
    return applyAction(dealId, *action);
}

int PipelinePane::expireOverdue()
{
    if (!m_dialogs.question(this, tr("Expire overdue registrations"),
                            tr("Move every submitted or approved registration whose protection window has ended to "
                               "Expired? Each gets an audit entry.")))
        return -1;
    ProgramSettings settings;
    try {
        settings = m_book.programSettings().load();
    } catch (const StorageError& e) {
        m_dialogs.warning(this, tr("Expire overdue registrations"), e.message());
        return -1;
    }
    auto command = std::make_unique<ExpireOverdueCommand>(m_book.workflow(), m_book.clock().todayUtc(), settings.rules);
    ExpireOverdueCommand* raw = command.get();
    QString error;
    const QPointer<QWidget> owner(this);
    DialogService* dialogs = &m_dialogs;
    if (!pushCommand(m_book.undoStack(), std::move(command), &error, [dialogs, owner](const QString& message) {
            dialogs->warning(owner.data(), PipelinePane::tr("Undo"), message);
        })) {
        m_dialogs.warning(this, tr("Expire overdue registrations"), error);
        return -1;
    }
    const int n = int(raw->expired().size());
    m_dialogs.information(this, tr("Expire overdue registrations"), tr("%n registration(s) expired.", nullptr, n));
    return n;
}

void PipelinePane::runDailyExpiry()
{
    const QDate today = m_book.clock().todayUtc();
    if (m_lastDailyExpiry == today || m_dailyWatcher.isRunning() || !m_book.database().writesRefused().isEmpty())
        return; // a book still being checked for damage: the window runs this again once the check passed
    // On a worker with its own connection (the start-up check must not hold the window): it reads the setting and,
    // when daily expiry is on, expires the overdue registrations there; the GUI thread only announces the result.
    m_dailyWatcher.setFuture(runInBackground<DailyExpiry>(
        m_book.config(), m_book.clock().nowUtc(),
        [today](Database& db, const Clock& clock) {
            DailyExpiry result;
            const ProgramSettings settings = ProgramSettingsRepository(db, clock).load();
            if (!settings.dailyExpiry)
                return result;
            QList<ExpiredRegistration> expired;
            DealWorkflowRepository(db, clock).expireOverdue(today, settings.rules, &expired);
            result.ran = true;
            for (const ExpiredRegistration& e : expired)
                result.ids << e.dealId;
            return result;
        },
        m_book.workers()));
    m_dailyDate = today;
}

void PipelinePane::onDailyExpiry()
{
    const BackgroundResult<DailyExpiry> result = m_dailyWatcher.result();
    if (!result.error.isEmpty()) {
        Q_EMIT statusMessage(result.error);
        return;
    }
    if (!result.value.ran)
        return; // daily expiry is off
    m_lastDailyExpiry = m_dailyDate;
    const int n = int(result.value.ids.size());
    if (n > 0) {
        // Written on the worker's connection, whose repository has no notifier: tell this book's views.
        Q_EMIT m_book.notifier().dealsChanged(result.value.ids);
        Q_EMIT statusMessage(tr("Daily expiry: %n overdue registration(s) expired.", nullptr, n));
    }
    Q_EMIT dailyExpiryFinished(n);
}

void PipelinePane::onSettingsApplied()
{
    updateProtection();
    refreshTotals();
    Q_EMIT m_book.notifier().dealsChanged({}); // probabilities and windows change what the models show
    runDailyExpiry();
}

QDialog* PipelinePane::showProgramSettings(bool modal)
{
    // Saving is an undoable command; after it and after its undo or redo the views follow the settings in force.
    const QPointer<PipelinePane> pane(this);
    auto* dialog = new ProgramSettingsDialog(
        m_book,
        [pane](const ProgramSettings&) {
            if (pane)
                pane->onSettingsApplied();
        },
        window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (modal)
        dialog->open();
    else
        dialog->show();
    return dialog;
}

} // namespace pd
