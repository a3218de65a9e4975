#pragma once

#include "domain/Contact.h"

#include <QAbstractTableModel>
#include <QList>

namespace pd {

class ChangeNotifier;
class ContactRepository;

/// The contacts of one partner as a table (name, role, email, phone), for the partner detail panel. Reads through
/// `repository` (a handful of rows, on the GUI thread) and reloads on ChangeNotifier::contactsChanged/bookReset.
class ContactTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Role, Email, Phone, ColumnCount };

    /// `repository` and `notifier` must outlive the model.
    ContactTableModel(const ContactRepository& repository, ChangeNotifier* notifier, QObject* parent = nullptr);

    /// Shows the contacts of `partnerId` (empty: none). Throws StorageError.
    void setPartner(const QString& partnerId);
    QString partnerId() const { return m_partnerId; }
    const Contact& contactAt(int row) const { return m_contacts.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void reload();
    const ContactRepository& m_repository;
    QString m_partnerId;
    QList<Contact> m_contacts;
};

} // namespace pd
