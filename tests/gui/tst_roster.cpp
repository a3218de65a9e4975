// GUI tests of the partner roster staying current (issue 8, item 6), offscreen on both backends: a registration in the
// pipeline pane raises the partner's "Open deals" count without View → Reload; "Show archived" lists archived
// partners (grey italics, marked "(archived)") and Restore partner brings one back (undoable); the won revenue of the
// last 12 months and the open pipeline per partner, in the reporting currency only.
#include "TwoPartnerBook.h"
#include "WindowAt.h"
#include "domain/Clock.h"
#include "models/PartnerTableModel.h"
#include "storage/Database.h"
#include "storage/DealWorkflowRepository.h"
#include "storage/PartnerRepository.h"
#include "storage/ProgramSettingsRepository.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/DialogService.h"
#include "widgets/MainWindow.h"
#include "widgets/PartnerDetailPanel.h"
#include "widgets/PartnersPane.h"
#include "widgets/PipelinePane.h"
#include "widgets/RegisterDealDialog.h"

#include <QAction>
#include <QBrush>
#include <QCheckBox>
#include <QComboBox>
#include <QFont>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QPalette>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
using test::WindowAt;

const QDateTime kNow(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC);

/// A book with Accenture (ACN) and Arrow Electronics (ARW), the product GTX Pro (list price 4,821.00) and the
/// account Acme Corporation (writeTwoPartnerBook()), with ACN's deals when `withDeals`.
void writeBook(const DatabaseConfig& config, bool withDeals)
{
    Database db(config);
    db.open();
    FixedClock clock(QDateTime(QDate(2016, 1, 4), QTime(9, 0), Qt::UTC));
    const test::TwoPartnerBook book = test::writeTwoPartnerBook(db, clock);
    if (!withDeals)
        return;
    DealWorkflowRepository workflow(db, clock);
    const ProgramSettings settings;
    // ACN's registrations, each for Acme / GTX Pro: registered on `day`, approved; then won or lost on `closed`.
    auto deal = [&](QDate day, qint64 amount, const QString& currency, DealStatus to, QDate closed = {}) {
        clock.set(QDateTime(day, QTime(9, 0), Qt::UTC));
        Deal d;
        d.partnerId = book.acn.id;
        d.productId = book.product.id;
        d.accountId = book.account.id;
        d.amountMinor = amount;
        d.currency = currency;
        d.notes = QStringLiteral("");
        d.externalId = QStringLiteral("");
        workflow.createDraft(d);
        workflow.apply(d.id, DealAction::Submit, {}, settings);
        if (to == DealStatus::Submitted)
            return;
        workflow.apply(d.id, DealAction::Approve, {}, settings);
        if (to == DealStatus::Approved)
            return;
        clock.set(QDateTime(closed, QTime(9, 0), Qt::UTC));
        DealActionInput in;
        in.closeDate = closed;
        workflow.apply(d.id, to == DealStatus::Won ? DealAction::MarkWon : DealAction::MarkLost, in, settings);
    };
    deal(QDate(2017, 6, 1), 1200000, QStringLiteral("USD"), DealStatus::Won, QDate(2017, 8, 15)); // counted
    deal(QDate(2016, 6, 1), 700000, QStringLiteral("USD"), DealStatus::Won, QDate(2016, 8, 1));   // > 12 months ago
    deal(QDate(2017, 1, 9), 500000, QStringLiteral("EUR"), DealStatus::Won, QDate(2017, 3, 1));   // another currency
    deal(QDate(2017, 5, 2), 200000, QStringLiteral("USD"), DealStatus::Lost, QDate(2017, 7, 3));  // lost
    deal(QDate(2017, 9, 1), 500000, QStringLiteral("USD"), DealStatus::Approved);                 // open
    deal(QDate(2017, 9, 4), -1, QStringLiteral("USD"), DealStatus::Submitted);     // open, at the list price 4,821.00
    deal(QDate(2017, 9, 5), 300000, QStringLiteral("EUR"), DealStatus::Submitted); // open, another currency
}

/// The text the roster's model shows in `column` for the partner `key`, or "<absent>".
QString cell(PartnersPane* pane, const QString& key, int column)
{
    const PartnerTableModel* model = pane->model();
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->rowAt(r).partner.key == key)
            return model->index(r, column).data().toString();
    return QStringLiteral("<absent>");
}
} // namespace

class TestRoster : public QObject
{
    Q_OBJECT
public:
    TestRoster() { initStorageResources(); }

private Q_SLOTS:
    void openDealCountFollowsARegistration_data() { test::TestDatabases::addBackendRows(); }
    void openDealCountFollowsARegistration();
    void showArchivedAndRestore_data() { test::TestDatabases::addBackendRows(); }
    void showArchivedAndRestore();
    void wonRevenueAndOpenPipelineColumns_data() { test::TestDatabases::addBackendRows(); }
    void wonRevenueAndOpenPipelineColumns();
    void columnsSavedBeforeTheMoneyColumnsLeaveThemHidden_data() { test::TestDatabases::addBackendRows(); }
    void columnsSavedBeforeTheMoneyColumnsLeaveThemHidden();

private:
    /// A book (writeBook(), with Arrow archived when `archiveArrow`) on the current row's backend, open in a window at
    /// kNow (1280×800) on the Partners pane; nullptr and `error` when that failed.
    std::unique_ptr<WindowAt> openRoster(bool withDeals, bool archiveArrow, QString* error);
    test::TestDatabases m_dbs;
};

std::unique_ptr<WindowAt> TestRoster::openRoster(bool withDeals, bool archiveArrow, QString* error)
{
    QFETCH(QString, backend);
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, error);
    if (!config)
        return nullptr;
    writeBook(*config, withDeals);
    if (archiveArrow) {
        Database db(*config);
        db.open();
        FixedClock clock(kNow);
        PartnerRepository partners(db, clock);
        partners.archive(partners.findByKey(QStringLiteral("ARW"))->id);
    }
    return test::openWindowAt(*config, kNow, QStringLiteral("partners"), error);
}

void TestRoster::columnsSavedBeforeTheMoneyColumnsLeaveThemHidden()
{
    // A user who hid the Key column before the two money columns existed: the settings name only the eleven columns
    // of then. Key stays hidden, and the money columns keep their default (hidden) instead of appearing.
    const QStringList keys = {QStringLiteral("roster/hiddenColumns"), QStringLiteral("roster/knownColumns"),
                              QStringLiteral("roster/headerState")};
    const auto forget = qScopeGuard([&keys] {
        QSettings settings;
        for (const QString& key : keys)
            settings.remove(key);
    });
    {
        QSettings settings;
        for (const QString& key : keys)
            settings.remove(key);
        settings.setValue(keys[0], QStringList{QString::number(PartnerTableModel::Key)});
    }
    QString error;
    std::unique_ptr<WindowAt> at = openRoster(false, false, &error);
    QVERIFY2(at, qPrintable(error));
    QHeaderView* header = at->window.partnersPane()->view()->horizontalHeader();
    QVERIFY(header->isSectionHidden(PartnerTableModel::Key));
    QVERIFY(header->isSectionHidden(PartnerTableModel::WonT12M));
    QVERIFY(header->isSectionHidden(PartnerTableModel::OpenPipeline));
    QVERIFY(!header->isSectionHidden(PartnerTableModel::Name));
    QVERIFY(!header->isSectionHidden(PartnerTableModel::OpenDeals));
    // Once saved again, the choice covers every column: showing Open pipeline sticks.
    header->setSectionHidden(PartnerTableModel::OpenPipeline, false);
    at.reset(); // the pane saves its columns when it goes
    QCOMPARE(QSettings().value(keys[1]).toInt(), int(PartnerTableModel::ColumnCount));
    at = openRoster(false, false, &error);
    QVERIFY2(at, qPrintable(error));
    header = at->window.partnersPane()->view()->horizontalHeader();
    QVERIFY(!header->isSectionHidden(PartnerTableModel::OpenPipeline));
    QVERIFY(header->isSectionHidden(PartnerTableModel::WonT12M));
    QVERIFY(header->isSectionHidden(PartnerTableModel::Key));
}

void TestRoster::openDealCountFollowsARegistration()
{
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(true, false, &error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    PartnersPane* roster = window.partnersPane();
    QSignalSpy loaded(roster, &PartnersPane::loaded);
    QTRY_VERIFY(!roster->isLoading());
    const qsizetype loads = loaded.count();
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::OpenDeals), QStringLiteral("3"));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::OpenDeals), QStringLiteral("0"));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::OpenPipeline), QStringLiteral("0.00 USD"));

    // Arrow registers a deal in the pipeline pane.
    QVERIFY(window.showPane(QStringLiteral("pipeline")));
    RegisterDealDialog* form = window.pipelinePane()->showRegisterDialog();
    QTRY_VERIFY(form->hasChoices());
    QVERIFY(form->selectPartner(QStringLiteral("ARW")));
    auto* product = form->findChild<QComboBox*>(QStringLiteral("dealProduct"));
    product->setCurrentIndex(product->findText(QStringLiteral("GTX Pro")));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealCustomer")), QStringLiteral("Initech"));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealDomain")), QStringLiteral("initech.com"));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealCountry")), QStringLiteral("US"));
    QTest::keyClicks(form->findChild<QLineEdit*>(QStringLiteral("dealAmount")), QStringLiteral("2,500.00"));
    QVERIFY(form->submit());

    // The roster shows it without a reload: ARW's open deals 0 → 1, its open pipeline 2,500.00 USD; ACN unchanged.
    QVERIFY(window.showPane(QStringLiteral("partners")));
    QTRY_COMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::OpenDeals), QStringLiteral("1"));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::OpenPipeline), QStringLiteral("2,500.00 USD"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::OpenDeals), QStringLiteral("3"));
    QCOMPARE(loaded.count(), loads); // no reload happened

    // Undo the registration: back to 0.
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    QTRY_COMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::OpenDeals), QStringLiteral("0"));
}

void TestRoster::showArchivedAndRestore()
{
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(false, true, &error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    PartnersPane* roster = window.partnersPane();
    QTRY_VERIFY(!roster->isLoading());
    QCOMPARE(roster->model()->rowCount(), 1);
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Name), QStringLiteral("<absent>"));

    // Show archived: Arrow is listed, marked and in italics.
    auto* showArchived = roster->findChild<QCheckBox*>(QStringLiteral("showArchived"));
    QVERIFY(showArchived);
    QCOMPARE(showArchived->text(), QStringLiteral("Show archived"));
    showArchived->setChecked(true);
    QTRY_COMPARE(roster->model()->rowCount(), 2);
    QTRY_VERIFY(!roster->isLoading());
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Name),
             QStringLiteral("Arrow Electronics (archived)"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::Name), QStringLiteral("Accenture"));
    const QString arwId = window.book()->partners().findByKey(QStringLiteral("ARW"))->id;
    const QModelIndex arw = roster->model()->index(roster->model()->rowOfId(arwId), PartnerTableModel::Name);
    QVERIFY(arw.data(Qt::FontRole).value<QFont>().italic());
    QCOMPARE(arw.data(Qt::ForegroundRole).value<QBrush>().color(),
             QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text)); // grey
    QCOMPARE(arw.data(Qt::EditRole).toString(), QStringLiteral("Arrow Electronics"));
    const QString acnId = window.book()->partners().findByKey(QStringLiteral("ACN"))->id;
    const QModelIndex acn = roster->model()->index(roster->model()->rowOfId(acnId), PartnerTableModel::Name);
    QVERIFY(!acn.data(Qt::FontRole).isValid());

    // Select Arrow: Restore partner is offered, Archive partner is not.
    QAction* restore = roster->findChild<QAction*>(QStringLiteral("restorePartnerAction"));
    QAction* archive = roster->findChild<QAction*>(QStringLiteral("archivePartnerAction"));
    QVERIFY(restore && archive);
    QVERIFY(roster->paneActions().contains(restore));
    roster->selectPartner(arwId);
    QVERIFY(restore->isEnabled());
    QVERIFY(!archive->isEnabled());
    restore->trigger();
    QVERIFY(window.book()->partners().findById(arwId));
    QCOMPARE(roster->detailPanel()->partnerId(), arwId); // editable again
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Name), QStringLiteral("Arrow Electronics"));
    QVERIFY(!restore->isEnabled());
    QVERIFY(archive->isEnabled());
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Restore partner ARW"));

    // Undo archives it again (still listed, marked); redo restores it.
    undo->trigger();
    QVERIFY(!window.book()->partners().findById(arwId));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Name),
             QStringLiteral("Arrow Electronics (archived)"));
    QVERIFY(restore->isEnabled());
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    QVERIFY(window.book()->partners().findById(arwId));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Name), QStringLiteral("Arrow Electronics"));

    // Archive it again from the roster while archived partners are shown: it stays listed, marked.
    archive->trigger();
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::Name),
             QStringLiteral("Arrow Electronics (archived)"));
    // Hide archived partners again: only Accenture.
    showArchived->setChecked(false);
    QTRY_COMPARE(roster->model()->rowCount(), 1);
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::Name), QStringLiteral("Accenture"));
}

void TestRoster::wonRevenueAndOpenPipelineColumns()
{
    // ACN's deals (reporting currency USD, today 2017-09-30): won 12,000.00 USD on 2017-08-15 (counted), won
    // 7,000.00 USD on 2016-08-01 (more than 12 months ago), won 5,000.00 EUR (another currency), lost 2,000.00 USD;
    // open: approved 5,000.00 USD, submitted without an amount (GTX Pro's list price 4,821.00 USD), submitted
    // 3,000.00 EUR (another currency). Won, 12 months = 12,000.00 USD; open pipeline = 9,821.00 USD.
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(true, false, &error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    PartnersPane* roster = window.partnersPane();
    QTRY_VERIFY(!roster->isLoading());
    PartnerTableModel* model = roster->model();
    QCOMPARE(model->headerData(PartnerTableModel::WonT12M, Qt::Horizontal).toString(),
             QStringLiteral("Won, 12 months"));
    QCOMPARE(model->headerData(PartnerTableModel::OpenPipeline, Qt::Horizontal).toString(),
             QStringLiteral("Open pipeline"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::WonT12M), QStringLiteral("12,000.00 USD"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::OpenPipeline), QStringLiteral("9,821.00 USD"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::OpenDeals), QStringLiteral("3"));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::WonT12M), QStringLiteral("0.00 USD"));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::OpenPipeline), QStringLiteral("0.00 USD"));
    // They sort numerically, like the counts.
    roster->view()->sortByColumn(PartnerTableModel::WonT12M, Qt::DescendingOrder);
    QCOMPARE(roster->view()->model()->index(0, PartnerTableModel::Name).data().toString(), QStringLiteral("Accenture"));
    roster->view()->sortByColumn(PartnerTableModel::OpenPipeline, Qt::AscendingOrder);
    QCOMPARE(roster->view()->model()->index(0, PartnerTableModel::Name).data().toString(),
             QStringLiteral("Arrow Electronics"));

    // The reporting currency becomes EUR: the columns follow without a reload by hand, now the EUR deals only (won
    // 5,000.00 EUR on 2017-03-01; open 3,000.00 EUR).
    ProgramSettings settings = window.book()->programSettings().load();
    settings.reportingCurrency = QStringLiteral("EUR");
    window.book()->programSettings().save(settings);
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::WonT12M), QStringLiteral("5,000.00 EUR"));
    QCOMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::OpenPipeline), QStringLiteral("3,000.00 EUR"));
    settings.reportingCurrency = QStringLiteral("USD");
    window.book()->programSettings().save(settings);
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::WonT12M), QStringLiteral("12,000.00 USD"));

    // The repository's sum for a few partners gives the same figures.
    const PartnerRevenue some = window.book()->partners().rosterRevenue(
        kNow.date(), {window.book()->partners().findByKey(QStringLiteral("ACN"))->id});
    QCOMPARE(some.currency, QStringLiteral("USD"));
    QCOMPARE(some.byId.size(), 1);
    QCOMPARE(some.byId.begin()->wonT12MMinor, qint64(1200000));
    QCOMPARE(some.byId.begin()->openPipelineMinor, qint64(982100));
}

QTEST_MAIN(TestRoster)
#include "tst_roster.moc"
