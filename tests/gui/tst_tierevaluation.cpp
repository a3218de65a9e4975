// GUI test of the tier dialogs (issue 11, items 1–3), offscreen on both backends: Partners → Evaluate tiers… lists
// every partner's recommended tier on the as-of date, explains the selected partner's criteria, applies one partner's
// recommendation (kept as tier history) and Edit → Undo takes it back; its what-if box lists who would move, writing
// nothing. Partners → Tier program… edits a threshold, undoably. With PD_GRAB_DIR set, the dialogs are saved there as
// PNGs to look at.
#include "TwoPartnerBook.h"
#include "WindowAt.h"
#include "domain/Clock.h"
#include "storage/DealRepository.h"
#include "storage/Transaction.h"
#include "support/FormChecks.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/MainWindow.h"
#include "widgets/TierEvaluationDialog.h"
#include "widgets/TierProgramDialog.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace pd;

static void initStorageResources()
{
    Q_INIT_RESOURCE(storage);
}

namespace {
using test::WindowAt;

const QDateTime kNow(QDate(2017, 9, 30), QTime(12, 0), Qt::UTC);

/// The two-partner book with 10 Won deals of Accenture (ACN) of 10,000.00 USD each, closed 2017-06-30: at 2017-09-30
/// ACN has exactly Silver's 100,000.00 USD and 10 won deals; Arrow (ARW) has nothing. Both are Registered.
void writeBook(const DatabaseConfig& config)
{
    Database db(config);
    db.open();
    FixedClock clock(QDateTime(QDate(2016, 1, 4), QTime(9, 0), Qt::UTC));
    const test::TwoPartnerBook book = test::writeTwoPartnerBook(db, clock);
    QList<Deal> deals;
    for (int i = 0; i < 10; ++i) {
        Deal d;
        d.partnerId = book.acn.id;
        d.productId = book.product.id;
        d.status = DealStatus::Won;
        d.registeredAt = QDateTime(QDate(2017, 3, 1), QTime(0, 0), Qt::UTC);
        d.closedOn = QDate(2017, 6, 30);
        d.amountMinor = 1000000;
        deals << d;
    }
    Transaction tx(db);
    DealRepository(db).insertMany(deals, toIsoUtc(clock.nowUtc()));
    tx.commit();
}

QStringList rows(const QTableWidget* table)
{
    QStringList list;
    for (int r = 0; table && r < table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c)
            cells.append(table->item(r, c) ? table->item(r, c)->text() : QString());
        list.append(cells.join(QLatin1String(" | ")));
    }
    return list;
}

void grab(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("PD_GRAB_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

QString tierOf(Book& book, const QString& key)
{
    return book.partners().findByKey(key).value().tier;
}
} // namespace

class TestTierEvaluation : public QObject
{
    Q_OBJECT
public:
    TestTierEvaluation() { initStorageResources(); }

private Q_SLOTS:
    void evaluateApplyUndoAndWhatIf_data() { test::TestDatabases::addBackendRows(); }
    void evaluateApplyUndoAndWhatIf();
    void programDialogEditsWithUndo_data() { test::TestDatabases::addBackendRows(); }
    void programDialogEditsWithUndo();

private:
    std::unique_ptr<WindowAt> open(QString* error);
    test::TestDatabases m_dbs;
};

std::unique_ptr<WindowAt> TestTierEvaluation::open(QString* error)
{
    QFETCH(QString, backend);
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, error);
    if (!config)
        return nullptr;
    writeBook(*config);
    return test::openWindowAt(*config, kNow, QStringLiteral("partners"), error);
}

void TestTierEvaluation::evaluateApplyUndoAndWhatIf()
{
    QString error;
    const std::unique_ptr<WindowAt> at = open(&error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    Book& book = *window.book();
    auto* action = window.findChild<QAction*>(QStringLiteral("evaluateTiersAction"));
    QVERIFY(action);
    QVERIFY(window.findChild<QMenu*>(QStringLiteral("partnersMenu"))->actions().contains(action));
    action->trigger();
    QPointer<TierEvaluationDialog> dialog = window.findChild<TierEvaluationDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(test::duplicateAccelerators(dialog), QStringList());
    QCOMPARE(test::labelsWithoutBuddy(dialog), QStringList());
    QCOMPARE(dialog->findChild<QDateEdit*>(QStringLiteral("asOf"))->date(), QDate(2017, 9, 30)); // the book's today
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("partnersTable"));
    QCOMPARE(rows(table), (QStringList{
                              "ACN | Accenture | Registered | Silver | promote | 100,000.00 USD | 10 | 0",
                              "ARW | Arrow Electronics | Registered | Registered | keep | 0.00 USD | 0 | 0",
                          }));

    // The explanation: Silver's criteria, all met; Gold's, with what is missing.
    QVERIFY(dialog->selectPartner(QStringLiteral("ACN")));
    QCOMPARE(rows(dialog->findChild<QTableWidget*>(QStringLiteral("criteriaTable"))),
             (QStringList{
                 "Silver | T12M sourced won revenue | 100,000.00 USD | 100,000.00 USD | met | ",
                 "Silver | Won deals T12M | 10 | 10 | met | ",
                 "Silver | Certified contacts | 0 | 0 | met | ",
                 "Gold | T12M sourced won revenue | 100,000.00 USD | 250,000.00 USD | not met | 150,000.00 USD",
                 "Gold | Won deals T12M | 10 | 50 | not met | 40",
                 "Gold | Certified contacts | 0 | 1 | not met | 1",
             }));
    grab(dialog, QStringLiteral("tier-evaluation"));

    // Apply selected: ACN moves to Silver, kept as history; the evaluation now keeps it.
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("applySelected")), Qt::LeftButton);
    QCOMPARE(dialog->errorText(), QString());
    QCOMPARE(tierOf(book, QStringLiteral("ACN")), QStringLiteral("Silver"));
    const QList<TierHistoryEntry> history = book.tiers().history(book.partners().findByKey("ACN")->id);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().effectiveOn, QDate(2017, 9, 30));
    QCOMPARE(rows(table).first(), QStringLiteral("ACN | Accenture | Silver | Silver | keep | 100,000.00 USD | 10 | 0"));
    QCOMPARE(book.undoStack().undoText(), QStringLiteral("Move ACN to tier Silver"));

    // Edit → Undo takes it back; the open dialog follows.
    book.undoStack().undo();
    QCOMPARE(tierOf(book, QStringLiteral("ACN")), QStringLiteral("Registered"));
    QVERIFY(book.tiers().history(book.partners().findByKey("ACN")->id).isEmpty());
    QCOMPARE(rows(table).first(),
             QStringLiteral("ACN | Accenture | Registered | Silver | promote | 100,000.00 USD | 10 | 0"));

    // What-if: Silver at 11 won deals drops ACN to Registered; nothing is written.
    auto* tier = dialog->findChild<QComboBox*>(QStringLiteral("whatIfTier"));
    QCOMPARE(tier->count(), 3); // Silver, Gold, Platinum (the entry tier has no thresholds)
    tier->setCurrentIndex(tier->findText(QStringLiteral("Silver")));
    dialog->findChild<QComboBox*>(QStringLiteral("whatIfCriterion"))->setCurrentIndex(1); // won deals
    dialog->findChild<QLineEdit*>(QStringLiteral("whatIfThreshold"))->setText(QStringLiteral("11"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("runWhatIf")), Qt::LeftButton);
    auto* moves = dialog->findChild<QTableWidget*>(QStringLiteral("whatIfTable"));
    QCOMPARE(rows(moves), QStringList{QStringLiteral("ACN | Registered | Silver | Registered | demote")});
    // ... unless ACN closes one more deal's worth of business? Revenue alone does not count deals: still moves. With
    // ARW given 100,000.00 USD it still has no won deal: nobody else moves.
    auto* partner = dialog->findChild<QComboBox*>(QStringLiteral("whatIfPartner"));
    partner->setCurrentIndex(partner->findText(QStringLiteral("ARW – Arrow Electronics")));
    dialog->findChild<QLineEdit*>(QStringLiteral("whatIfRevenue"))->setText(QStringLiteral("100000"));
    QCOMPARE(dialog->runWhatIf().size(), 1);
    // Without the threshold change, ACN given one certified contact and 150,000.00 USD more still lacks Gold's 50
    // deals: no one moves.
    dialog->findChild<QLineEdit*>(QStringLiteral("whatIfThreshold"))->clear();
    partner->setCurrentIndex(partner->findText(QStringLiteral("ACN – Accenture")));
    dialog->findChild<QLineEdit*>(QStringLiteral("whatIfRevenue"))->setText(QStringLiteral("150000.00"));
    dialog->findChild<QSpinBox*>(QStringLiteral("whatIfCertified"))->setValue(1);
    QVERIFY(dialog->runWhatIf().isEmpty());
    QCOMPARE(tierOf(book, QStringLiteral("ACN")), QStringLiteral("Registered"));
    QCOMPARE(book.undoStack().count(), 1); // the undone apply only

    // Apply all: ACN only (ARW keeps Registered), one command.
    QVERIFY(dialog->applyAll());
    QCOMPARE(tierOf(book, QStringLiteral("ACN")), QStringLiteral("Silver"));
    QCOMPARE(tierOf(book, QStringLiteral("ARW")), QStringLiteral("Registered"));
    QVERIFY(!dialog->applyAll()); // nothing left
    QCOMPARE(dialog->errorText(), QStringLiteral("Every partner keeps its tier; nothing to apply."));
    dialog->close();
}

void TestTierEvaluation::programDialogEditsWithUndo()
{
    QString error;
    const std::unique_ptr<WindowAt> at = open(&error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    Book& book = *window.book();
    auto* action = window.findChild<QAction*>(QStringLiteral("tierProgramAction"));
    QVERIFY(action);
    action->trigger();
    QPointer<TierProgramDialog> dialog = window.findChild<TierProgramDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(test::duplicateAccelerators(dialog), QStringList());
    QCOMPARE(test::labelsWithoutBuddy(dialog), QStringList());
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("tiersTable"));
    QCOMPARE(rows(table).at(1),
             QStringLiteral("1 | Silver | 100,000.00 USD | 10 | 0 | – | – | Discount 10%; MDF eligible"));
    grab(dialog, QStringLiteral("tier-program"));

    // Silver at 20 won deals: ACN (10 deals) no longer qualifies; undo restores 10.
    QVERIFY(dialog->selectTier(QStringLiteral("Silver")));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("minRevenue"))->text(), QStringLiteral("100000.00"));
    dialog->findChild<QLineEdit*>(QStringLiteral("minWonDeals"))->setText(QStringLiteral("20"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveTier")), Qt::LeftButton);
    QCOMPARE(dialog->errorText(), QString());
    QCOMPARE(rows(table).at(1),
             QStringLiteral("1 | Silver | 100,000.00 USD | 20 | 0 | – | – | Discount 10%; MDF eligible"));
    QCOMPARE(book.tiers().evaluate(QDate(2017, 9, 30)).first().evaluation.recommendedTier,
             QStringLiteral("Registered"));
    // An invalid threshold is refused at the form; a taken rank by storage.
    dialog->findChild<QLineEdit*>(QStringLiteral("minPsat"))->setText(QStringLiteral("101"));
    QVERIFY(!dialog->saveTier());
    QVERIFY(dialog->errorText().contains(QStringLiteral("PSAT")));
    dialog->findChild<QLineEdit*>(QStringLiteral("minPsat"))->clear();
    dialog->findChild<QLineEdit*>(QStringLiteral("tierName"))->setText(QStringLiteral("Bronze"));
    QVERIFY(!dialog->addTier());
    QCOMPARE(dialog->errorText(), QStringLiteral("Tier Silver already has rank 1"));
    book.undoStack().undo();
    QCOMPARE(rows(table).at(1),
             QStringLiteral("1 | Silver | 100,000.00 USD | 10 | 0 | – | – | Discount 10%; MDF eligible"));
    dialog->close();
}

QTEST_MAIN(TestTierEvaluation)
#include "tst_tierevaluation.moc"
