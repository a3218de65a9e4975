// GUI test of certifications and the Ideal Partner Profile (issue 9, items 2 and 5), offscreen on both backends:
// Partners → Certification types… adds, edits and removes types (a type in use is refused), each undoable; the
// partner detail panel's certifications view shows each certification's status at the book clock's today (valid,
// "expires in 12 days", expired), the certified-contact count, adds one through AddCertificationDialog and takes it
// back with Edit → Undo; Partners → Ideal partner profile… validates the criteria at the table and a saved weight
// changes the roster's IPP scores. With PD_GRAB_DIR set, the three pieces are saved there as PNGs to look at.
#include "TwoPartnerBook.h"
#include "WindowAt.h"
#include "domain/Clock.h"
#include "models/PartnerTableModel.h"
#include "storage/CertificationRepository.h"
#include "storage/ContactRepository.h"
#include "storage/Database.h"
#include "support/FormChecks.h"
#include "support/TestDatabases.h"
#include "widgets/AddCertificationDialog.h"
#include "widgets/Book.h"
#include "widgets/CertificationsDialog.h"
#include "widgets/IppProfileDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/PartnerCertificationsView.h"
#include "widgets/PartnerDetailPanel.h"
#include "widgets/PartnersPane.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
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

/// The two-partner book (written on 2016-01-04; both VAR) with Accenture in the US and three contacts of Accenture;
/// the certification types Sales (24 months) and Technical (12 months); Bob Smith's Sales certification earned
/// 2015-10-12 (expires 2017-10-12: 12 days after the test's today, 2017-09-30) and Cy Young's Technical one earned
/// 2016-06-01 (expired 2017-06-01).
void writeBook(const DatabaseConfig& config)
{
    Database db(config);
    db.open();
    FixedClock clock(QDateTime(QDate(2016, 1, 4), QTime(9, 0), Qt::UTC));
    test::TwoPartnerBook book = test::writeTwoPartnerBook(db, clock);
    book.acn.country = QStringLiteral("US");
    PartnerRepository(db, clock).update(book.acn);
    ContactRepository contacts(db, clock);
    QHash<QString, QString> contactIds;
    for (const char* name : {"Ada Lovelace", "Bob Smith", "Cy Young"}) {
        Contact contact;
        contact.partnerId = book.acn.id;
        contact.name = QLatin1String(name);
        contacts.insert(contact);
        contactIds.insert(contact.name, contact.id);
    }
    CertificationRepository certifications(db, clock);
    CertificationType sales{{}, QStringLiteral("Sales"), 24};
    CertificationType technical{{}, QStringLiteral("Technical"), 12};
    certifications.addType(sales);
    certifications.addType(technical);
    Certification bob;
    bob.contactId = contactIds.value(QStringLiteral("Bob Smith"));
    bob.typeId = sales.id;
    bob.earnedOn = QDate(2015, 10, 12);
    certifications.add(bob);
    Certification cy;
    cy.contactId = contactIds.value(QStringLiteral("Cy Young"));
    cy.typeId = technical.id;
    cy.earnedOn = QDate(2016, 6, 1);
    certifications.add(cy);
}

QString cell(PartnersPane* pane, const QString& key, int column)
{
    const PartnerTableModel* model = pane->model();
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->rowAt(r).partner.key == key)
            return model->index(r, column).data().toString();
    return QStringLiteral("<absent>");
}

/// The rows of a table widget: "cell | cell | …".
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

/// Saves `widget` as NAME.png in $PD_GRAB_DIR when that is set (for a person to look at).
void grab(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("PD_GRAB_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}
} // namespace

class TestCertificationsGui : public QObject
{
    Q_OBJECT
public:
    TestCertificationsGui() { initStorageResources(); }

private Q_SLOTS:
    void typesDialogAddsEditsRemovesAndUndoes_data() { test::TestDatabases::addBackendRows(); }
    void typesDialogAddsEditsRemovesAndUndoes();
    void detailPanelShowsStatusesAndAddsWithUndo_data() { test::TestDatabases::addBackendRows(); }
    void detailPanelShowsStatusesAndAddsWithUndo();
    void ippProfileWeightChangesRosterScores_data() { test::TestDatabases::addBackendRows(); }
    void ippProfileWeightChangesRosterScores();

private:
    std::unique_ptr<WindowAt> openRoster(QString* error);
    test::TestDatabases m_dbs;
};

std::unique_ptr<WindowAt> TestCertificationsGui::openRoster(QString* error)
{
    QFETCH(QString, backend);
    const std::optional<DatabaseConfig> config = m_dbs.forBackend(backend, error);
    if (!config)
        return nullptr;
    writeBook(*config);
    return test::openWindowAt(*config, kNow, QStringLiteral("partners"), error);
}

void TestCertificationsGui::typesDialogAddsEditsRemovesAndUndoes()
{
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(&error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    auto* action = window.findChild<QAction*>(QStringLiteral("certificationTypesAction"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("&Certification types…"));
    QVERIFY(window.findChild<QMenu*>(QStringLiteral("partnersMenu"))->actions().contains(action));
    action->trigger();
    QPointer<CertificationsDialog> dialog = window.findChild<CertificationsDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("typesTable"));
    QCOMPARE(rows(table), (QStringList{QStringLiteral("Sales | 24 months"), QStringLiteral("Technical | 12 months")}));
    // Built from ui/CertificationsDialog.ui: every accelerator unique, every labelled one focuses its field.
    QCOMPARE(test::duplicateAccelerators(dialog), QStringList());
    QCOMPARE(test::labelsWithoutBuddy(dialog), QStringList());

    // Add: the name and validity typed in the form.
    dialog->findChild<QLineEdit*>(QStringLiteral("typeName"))->setText(QStringLiteral("Cloud architect"));
    dialog->findChild<QSpinBox*>(QStringLiteral("validityMonths"))->setValue(36);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addType")), Qt::LeftButton);
    QCOMPARE(dialog->errorText(), QString());
    QCOMPARE(rows(table), (QStringList{QStringLiteral("Cloud architect | 36 months"),
                                       QStringLiteral("Sales | 24 months"), QStringLiteral("Technical | 12 months")}));
    // A second type of the same name is refused with the storage's message, in the dialog.
    QVERIFY(!dialog->addType());
    QCOMPARE(dialog->errorText(), QStringLiteral("A certification type named Cloud architect already exists"));
    QCOMPARE(table->rowCount(), 3);

    // Edit: select, change the validity, save.
    QVERIFY(dialog->selectType(QStringLiteral("Cloud architect")));
    QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("typeName"))->text(), QStringLiteral("Cloud architect"));
    dialog->findChild<QLineEdit*>(QStringLiteral("typeName"))->setText(QStringLiteral("Cloud architect II"));
    dialog->findChild<QSpinBox*>(QStringLiteral("validityMonths"))->setValue(0);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("saveType")), Qt::LeftButton);
    QCOMPARE(dialog->errorText(), QString());
    QCOMPARE(rows(table).first(), QStringLiteral("Cloud architect II | never expires"));

    // Remove: a type that a certification holds is refused with the storage's message; an unused one goes.
    QVERIFY(dialog->selectType(QStringLiteral("Sales")));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("removeType")), Qt::LeftButton);
    QCOMPARE(dialog->errorText(),
             QStringLiteral("This certification type is held by 1 certification(s); remove them first"));
    QCOMPARE(table->rowCount(), 3);
    grab(dialog, QStringLiteral("certification-types"));
    QVERIFY(dialog->selectType(QStringLiteral("Cloud architect II")));
    QVERIFY(dialog->removeType());
    QCOMPARE(rows(table), (QStringList{QStringLiteral("Sales | 24 months"), QStringLiteral("Technical | 12 months")}));

    // Undo takes back the removal, then the edit, then the addition; the open dialog follows.
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    undo->trigger();
    QCOMPARE(rows(table).first(), QStringLiteral("Cloud architect II | never expires"));
    undo->trigger();
    QCOMPARE(rows(table).first(), QStringLiteral("Cloud architect | 36 months"));
    undo->trigger();
    QCOMPARE(rows(table), (QStringList{QStringLiteral("Sales | 24 months"), QStringLiteral("Technical | 12 months")}));
    QCOMPARE(window.book()->certifications().listTypes().size(), 2);
    dialog->reject();
    QTRY_VERIFY(!dialog);
}

void TestCertificationsGui::detailPanelShowsStatusesAndAddsWithUndo()
{
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(&error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    PartnersPane* roster = window.partnersPane();
    QTRY_VERIFY(!roster->isLoading());
    const QString acnId = window.book()->partners().findByKey(QStringLiteral("ACN"))->id;
    roster->selectPartner(acnId);
    PartnerDetailPanel* panel = roster->detailPanel();
    QTRY_COMPARE(panel->partnerId(), acnId);
    auto* view = panel->findChild<PartnerCertificationsView*>(QStringLiteral("partnerCertifications"));
    QVERIFY(view);
    auto* table = view->findChild<QTableWidget*>(QStringLiteral("certificationsTable"));
    auto* count = view->findChild<QLabel*>(QStringLiteral("certifiedCount"));
    // Today is 2017-09-30: Bob's Sales certification expires on 2017-10-12 (12 days), Cy's Technical one expired on
    // 2017-06-01; only Bob counts.
    QCOMPARE(rows(table), (QStringList{
                              QStringLiteral("Bob Smith | Sales | 2015-10-12 | 2017-10-12 | expires in 12 days"),
                              QStringLiteral("Cy Young | Technical | 2016-06-01 | 2017-06-01 | expired"),
                          }));
    QCOMPARE(count->text(), QStringLiteral("1 certified contact today"));
    // The warning colour for the expiring one; the disabled (grey) text colour for the expired one.
    const QColor grey = view->palette().color(QPalette::Disabled, QPalette::Text);
    QCOMPARE(table->item(0, 4)->foreground().color(), QColor(0xa0, 0x52, 0x00));
    QCOMPARE(table->item(1, 0)->foreground().color(), grey);
    auto* remove = view->findChild<QPushButton*>(QStringLiteral("removeCertification"));
    QVERIFY(!remove->isEnabled()); // nothing selected

    // Add certification…: Ada earned Technical on 2017-09-01 (expires 2018-09-01: valid, 336 days away).
    auto* add = view->findChild<QPushButton*>(QStringLiteral("addCertification"));
    QVERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);
    QPointer<AddCertificationDialog> dialog = view->findChild<AddCertificationDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(test::duplicateAccelerators(dialog), QStringList());
    QCOMPARE(test::labelsWithoutBuddy(dialog), QStringList());
    auto* earned = dialog->findChild<QDateEdit*>(QStringLiteral("earned"));
    QCOMPARE(earned->date(), QDate(2017, 9, 30));        // today
    QCOMPARE(earned->maximumDate(), QDate(2017, 9, 30)); // never after today
    QVERIFY(dialog->setValues(QStringLiteral("Ada Lovelace"), QStringLiteral("Technical"), QDate(2017, 9, 1)));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    const QStringList withAda = {
        QStringLiteral("Ada Lovelace | Technical | 2017-09-01 | 2018-09-01 | valid"),
        QStringLiteral("Bob Smith | Sales | 2015-10-12 | 2017-10-12 | expires in 12 days"),
        QStringLiteral("Cy Young | Technical | 2016-06-01 | 2017-06-01 | expired"),
    };
    QCOMPARE(rows(table), withAda);
    QCOMPARE(count->text(), QStringLiteral("2 certified contacts today"));
    grab(view, QStringLiteral("partner-certifications"));
    grab(panel->findChild<QWidget*>(QStringLiteral("inner")), QStringLiteral("partner-detail"));

    // Edit → Undo takes it back; Redo again.
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    undo->trigger();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(count->text(), QStringLiteral("1 certified contact today"));
    window.findChild<QAction*>(QStringLiteral("redoAction"))->trigger();
    QCOMPARE(rows(table), withAda);

    // Remove the selected certification (Cy's expired one); undo brings it back.
    table->selectRow(2);
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(rows(table), withAda.mid(0, 2));
    QCOMPARE(count->text(), QStringLiteral("2 certified contacts today"));
    undo->trigger();
    QCOMPARE(rows(table), withAda);

    // A read-only partner (offboarded) offers neither.
    view->setPartner(acnId, true);
    table->selectRow(0);
    QVERIFY(!add->isEnabled());
    QVERIFY(!remove->isEnabled());
    QVERIFY(!view->addCertification());
    QVERIFY(!view->removeSelected());
}

void TestCertificationsGui::ippProfileWeightChangesRosterScores()
{
    QString error;
    const std::unique_ptr<WindowAt> at = openRoster(&error);
    QVERIFY2(at, qPrintable(error));
    MainWindow& window = at->window;
    PartnersPane* roster = window.partnersPane();
    QTRY_VERIFY(!roster->isLoading());
    // The default profile (weights 30 type, 20 certified contacts, 20 size, 10 founded, 20 country; sum 100): both
    // are VAR (30); Accenture has Bob's counting certification (20) and is in the US (20): 70.0; Arrow 30.0.
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::IppScore), QStringLiteral("70.0"));
    QCOMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::IppScore), QStringLiteral("30.0"));

    auto* action = window.findChild<QAction*>(QStringLiteral("ippProfileAction"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("Ideal partner &profile…"));
    QVERIFY(window.findChild<QMenu*>(QStringLiteral("partnersMenu"))->actions().contains(action));
    action->trigger();
    QPointer<IppProfileDialog> dialog = window.findChild<IppProfileDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("criteriaTable"));
    auto* sum = dialog->findChild<QLabel*>(QStringLiteral("weightSum"));
    QCOMPARE(test::duplicateAccelerators(dialog), QStringList());
    QCOMPARE(table->rowCount(), 5);
    auto field = [table](int row) {
        return qobject_cast<QComboBox*>(table->cellWidget(row, IppProfileDialog::FieldColumn))->currentText();
    };
    auto weight = [table](int row) {
        return qobject_cast<QSpinBox*>(table->cellWidget(row, IppProfileDialog::WeightColumn));
    };
    QCOMPARE(field(0), ippFieldLabel(IppField::PartnerType));
    QCOMPARE(table->item(0, IppProfileDialog::ValuesColumn)->text(), QStringLiteral("VAR, SI, MSP"));
    QCOMPARE(field(2), ippFieldLabel(IppField::Size));
    QCOMPARE(table->item(2, IppProfileDialog::MinColumn)->text(), QStringLiteral("50"));
    QCOMPARE(table->item(2, IppProfileDialog::MaxColumn)->text(), QStringLiteral("5000"));
    QCOMPARE(sum->text(), QStringLiteral("Sum of weights: 100"));

    // Invalid entries are refused at the table, with the criterion named; nothing is saved.
    auto* save = dialog->findChild<QPushButton*>(QStringLiteral("saveProfile"));
    table->item(2, IppProfileDialog::MinColumn)->setText(QStringLiteral("abc"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(dialog->errorText(), QStringLiteral("Criterion 3 (employees): the minimum “abc” is not a whole number."));
    QCOMPARE(table->currentRow(), 2);
    table->item(2, IppProfileDialog::MinColumn)->setText(QStringLiteral("50"));
    table->item(0, IppProfileDialog::ValuesColumn)->setText(QStringLiteral(" , "));
    QVERIFY(!dialog->save());
    QCOMPARE(dialog->errorText(), QStringLiteral("Criterion 1 (type): needs at least one accepted value"));
    QCOMPARE(table->currentRow(), 0);
    QVERIFY(dialog->isVisible());
    table->item(0, IppProfileDialog::ValuesColumn)->setText(QStringLiteral("VAR, SI, MSP"));

    // Partner type weighs 80: sum 150; Accenture meets 80 + 20 + 20 = 120 → 80.0, Arrow 80 → 53.3.
    weight(0)->setValue(80);
    QCOMPARE(sum->text(), QStringLiteral("Sum of weights: 150"));
    // Add criterion appends a row (weight 10) that needs its values before saving; Remove criterion drops it.
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addCriterion")), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 6);
    QCOMPARE(sum->text(), QStringLiteral("Sum of weights: 160"));
    QVERIFY(!dialog->save());
    QCOMPARE(dialog->errorText(), QStringLiteral("Criterion 6 (type): needs at least one accepted value"));
    table->setCurrentCell(5, IppProfileDialog::ValuesColumn);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("removeCriterion")), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 5);
    QCOMPARE(sum->text(), QStringLiteral("Sum of weights: 150"));
    grab(dialog, QStringLiteral("ipp-profile"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(window.book()->ippProfile().load().criteria.first().weight, 80);
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::IppScore), QStringLiteral("80.0"));
    QTRY_COMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::IppScore), QStringLiteral("53.3"));

    // Undo restores the previous profile and scores.
    QAction* undo = window.findChild<QAction*>(QStringLiteral("undoAction"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Change the Ideal Partner Profile"));
    undo->trigger();
    QTRY_COMPARE(cell(roster, QStringLiteral("ACN"), PartnerTableModel::IppScore), QStringLiteral("70.0"));
    QTRY_COMPARE(cell(roster, QStringLiteral("ARW"), PartnerTableModel::IppScore), QStringLiteral("30.0"));
}

QTEST_MAIN(TestCertificationsGui)
#include "tst_certificationsgui.moc"
