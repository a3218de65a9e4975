// A mouse wheel over an unfocused combo box in a table scrolls the table and never changes the combo (issue 8,
// item 5: an import mapping was silently changed to "Headquarters Location" while a person scrolled).
#include "widgets/UnfocusedWheelGuard.h"

#include <QApplication>
#include <QComboBox>
#include <QScrollBar>
#include <QTableWidget>
#include <QTest>
#include <QWheelEvent>

using namespace pd;

class TestWheelGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wheelOverUnfocusedComboScrollsTheTable();
};

void TestWheelGuard::wheelOverUnfocusedComboScrollsTheTable()
{
    QTableWidget table(60, 1);
    table.resize(300, 200);
    UnfocusedWheelGuard guard(&table);
    QList<QComboBox*> combos;
    for (int r = 0; r < table.rowCount(); ++r) {
        auto* combo = new QComboBox(&table);
        combo->addItems(
            {QStringLiteral("(not mapped)"), QStringLiteral("Security"), QStringLiteral("Headquarters Location")});
        table.setCellWidget(r, 0, combo);
        guard.watch(combo);
        combos.append(combo);
    }
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    auto wheel = [](QWidget* target, int steps) {
        const QPointF pos = QPointF(target->rect().center());
        QWheelEvent event(pos, target->mapToGlobal(pos), QPoint(), QPoint(0, -120 * steps), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(target, &event);
    };
    QCOMPARE(table.verticalScrollBar()->value(), 0);
    wheel(combos.at(1), 1);
    QCOMPARE(combos.at(1)->currentIndex(), 0);       // unchanged
    QVERIFY(table.verticalScrollBar()->value() > 0); // the table scrolled instead

    // A focused combo takes the wheel as usual.
    combos.at(1)->setFocus();
    QTRY_VERIFY(combos.at(1)->hasFocus());
    wheel(combos.at(1), 1);
    QCOMPARE(combos.at(1)->currentIndex(), 1);
}

QTEST_MAIN(TestWheelGuard)
#include "tst_wheelguard.moc"
