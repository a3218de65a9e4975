// The contact form (ui/ContactDialog.ui): fields filled from the contact, validation at the field, OK refused until
// the name is given and the email has an '@'.
#include "widgets/ContactDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace pd;

class TestContactDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validatesAtTheField();
};

void TestContactDialog::validatesAtTheField()
{
    Contact c;
    c.id = QStringLiteral("c1");
    c.partnerId = QStringLiteral("p1");
    c.name = QStringLiteral("Anna Snelling");
    c.role = QStringLiteral("Sales rep");
    ContactDialog dialog(c);
    dialog.show();
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Edit contact"));
    auto* name = dialog.findChild<QLineEdit*>(QStringLiteral("name"));
    auto* email = dialog.findChild<QLineEdit*>(QStringLiteral("email"));
    auto* nameError = dialog.findChild<QLabel*>(QStringLiteral("nameError"));
    auto* emailError = dialog.findChild<QLabel*>(QStringLiteral("emailError"));
    QCOMPARE(name->text(), QStringLiteral("Anna Snelling"));
    QVERIFY(!nameError->isVisible());
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);

    name->clear();
    QTest::keyClicks(email, QStringLiteral("anna.example.com"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog.isVisible()); // refused
    QVERIFY(nameError->isVisible());
    QVERIFY(emailError->isVisible());

    QTest::keyClicks(name, QStringLiteral("Anna Snelling"));
    email->setText(QStringLiteral("anna@example.com"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Contact edited = dialog.contact();
    QCOMPARE(edited.id, QStringLiteral("c1"));
    QCOMPARE(edited.email, QStringLiteral("anna@example.com"));
    QCOMPARE(edited.role, QStringLiteral("Sales rep"));
}

QTEST_MAIN(TestContactDialog)
#include "tst_contactdialog.moc"
