#pragma once

#include "domain/Contact.h"

#include <QDialog>
#include <memory>

namespace Ui {
class ContactDialog;
}

namespace pd {

/// Edits one contact's name, role, email and phone; the name must not be empty and an email must contain '@'
/// (the message is shown at the field and OK does nothing until it is fixed). The form is ui/ContactDialog.ui.
class ContactDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ContactDialog(const Contact& contact, QWidget* parent = nullptr);
    ~ContactDialog() override;
    /// The contact with the edited fields (id, partner and version as given).
    Contact contact() const;

    void accept() override;

private:
    std::unique_ptr<Ui::ContactDialog> m_ui;
    Contact m_contact;
};

} // namespace pd
