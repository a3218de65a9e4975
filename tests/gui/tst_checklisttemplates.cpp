// The checklist template editor (ui/ChecklistTemplatesDialog.ui; issue 9, item 3), opened directly on a new book: the
// default VAR template's 8 tasks, add / edit / move / remove, save as one undo step, the fallback note of a type
// without a template of its own, a refused empty title, and unsaved edits kept when the user says no to discarding.
#include "domain/Clock.h"
#include "storage/ChecklistRepository.h"
#include "support/FormChecks.h"
#include "support/TestDatabases.h"
#include "widgets/Book.h"
#include "widgets/ChecklistTemplatesDialog.h"
#include "widgets/DialogService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

using namespace pd;

class TestChecklistTemplates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsAndSavesATemplate();

private:
    test::TestDatabases m_dbs;
};

void TestChecklistTemplates::editsAndSavesATemplate()
{
    FixedClock clock(QDateTime(QDate(2017, 3, 1), QTime(9, 0), Qt::UTC));
    QString error;
    std::unique_ptr<Book> book = Book::open(m_dbs.sqlite(), clock, &error);
    QVERIFY2(book, qPrintable(error));
    DialogService dialogs;
    dialogs.setNonInteractive(true);
    ChecklistTemplatesDialog dialog(*book, dialogs);
    dialog.show();
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Checklist templates"));
    QCOMPARE(test::duplicateAccelerators(&dialog), QStringList());
    QCOMPARE(test::labelsWithoutBuddy(&dialog), QStringList());

    auto* type = dialog.findChild<QComboBox*>(QStringLiteral("partnerType"));
    auto* tier = dialog.findChild<QComboBox*>(QStringLiteral("tier"));
    auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("tasks"));
    auto* note = dialog.findChild<QLabel*>(QStringLiteral("fallbackNote"));
    auto* errorLabel = dialog.findChild<QLabel*>(QStringLiteral("templateError"));
    auto* save = dialog.findChild<QPushButton*>(QStringLiteral("saveTemplate"));
    QVERIFY(type && tier && table && note && errorLabel && save);

    // Onboarding, any type: no template of its own (the defaults are per type); the tier needs a type.
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(!tier->isEnabled());
    QVERIFY(note->isVisible());
    type->setCurrentIndex(type->findData(QStringLiteral("VAR")));
    QCOMPARE(table->rowCount(), 8);
    QVERIFY(!note->isVisible());
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Partner agreement signed"));
    QCOMPARE(table->item(0, 1)->data(Qt::EditRole).toInt(), 7);
    QCOMPARE(table->item(7, 3)->checkState(), Qt::Unchecked); // First QBR scheduled: optional
    QVERIFY(!dialog.hasUnsavedChanges());

    // Add a task, name it, move it up above the QBR, remove the first task.
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("addTask")), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 9);
    QCOMPARE(table->currentRow(), 8);
    table->item(8, 0)->setText(QStringLiteral("Welcome call"));
    table->item(8, 1)->setData(Qt::EditRole, 3);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("moveUp")), Qt::LeftButton);
    QCOMPARE(table->item(7, 0)->text(), QStringLiteral("Welcome call"));
    QCOMPARE(table->currentRow(), 7);
    table->setCurrentCell(0, 0);
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("removeTask")), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 8);
    QVERIFY(dialog.hasUnsavedChanges());

    // Switching type with unsaved edits asks; "no" keeps the edits and the choice.
    dialogs.setNextAnswer(false);
    type->setCurrentIndex(type->findData(QStringLiteral("SI")));
    QCOMPARE(type->currentData().toString(), QStringLiteral("VAR"));
    QCOMPARE(table->rowCount(), 8);
    QCOMPARE(dialogs.messages().last(),
             QStringLiteral("Unsaved changes: Discard the changes to this checklist template?"));

    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY2(!errorLabel->isVisible(), qPrintable(errorLabel->text()));
    QVERIFY(!dialog.hasUnsavedChanges());
    QCOMPARE(book->undoStack().undoText(), QStringLiteral("Save checklist template"));
    QList<TemplateTask> saved = book->checklists().templateFor(ChecklistKind::Onboarding, PartnerType::VAR, QString());
    QCOMPARE(saved.size(), 8);
    QCOMPARE(saved.first().title, QStringLiteral("Compliance and due-diligence screening"));
    QCOMPARE(saved.at(6).title, QStringLiteral("Welcome call"));
    QCOMPARE(saved.at(6).position, 7);
    QCOMPARE(saved.at(6).dueOffsetDays, 3);
    QCOMPARE(saved.at(7).title, QStringLiteral("First QBR scheduled"));
    // Other types keep their own template.
    QCOMPARE(book->checklists().templateFor(ChecklistKind::Onboarding, PartnerType::SI, QString()).first().title,
             QStringLiteral("Partner agreement signed"));
    book->undoStack().undo();
    QCOMPARE(book->checklists().templateFor(ChecklistKind::Onboarding, PartnerType::VAR, QString()).first().title,
             QStringLiteral("Partner agreement signed"));
    book->undoStack().redo();

    // VAR, Gold: no tasks of its own, the note names the template used.
    tier->setCurrentIndex(tier->findData(QStringLiteral("Gold")));
    QCOMPARE(table->rowCount(), 0);
    QCOMPARE(
        note->text(),
        QStringLiteral("This template has no tasks of its own: these partners get the template for VAR (8 tasks)."));

    // An empty title is refused at the form; nothing is pushed.
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("addTask")), Qt::LeftButton);
    table->item(0, 0)->setText(QString());
    const int steps = book->undoStack().count();
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(errorLabel->isVisible());
    QCOMPARE(errorLabel->text(), QStringLiteral("Task 1 needs a title."));
    QCOMPARE(book->undoStack().count(), steps);

    // Closing with unsaved edits asks; "yes" closes.
    dialogs.setNextAnswer(true);
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Close)->click();
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestChecklistTemplates)
#include "tst_checklisttemplates.moc"
