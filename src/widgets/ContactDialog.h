#pragma once

#include "domain/Contact.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace pd {

/// Edits one contact's name, role, email and phone; the name must not be empty and an email must contain '@'
/// (the message is shown at the field and OK does nothing until it is fixed).
class ContactDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ContactDialog(const Contact& contact, QWidget* parent = nullptr);
    /// The contact with the edited fields (id, partner and version as given).
    Contact contact() const;

    void accept() override;

private:
    Contact m_contact;
    QLineEdit* m_name;
    QLineEdit* m_role;
    QLineEdit* m_email;
    QLineEdit* m_phone;
    QLabel* m_nameError;
    QLabel* m_emailError;
};

} // namespace pd
