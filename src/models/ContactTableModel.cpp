#include "models/ContactTableModel.h"

#include "storage/ChangeNotifier.h"
#include "storage/ContactRepository.h"
#include "storage/StorageError.h"

namespace pd {

ContactTableModel::ContactTableModel(const ContactRepository& repository, ChangeNotifier* notifier, QObject* parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
    connect(notifier, &ChangeNotifier::contactsChanged, this, &ContactTableModel::reload);
    connect(notifier, &ChangeNotifier::bookReset, this, &ContactTableModel::reload);
}

void ContactTableModel::setPartner(const QString& partnerId)
{
    m_partnerId = partnerId;
    reload();
}

void ContactTableModel::reload()
{
    QList<Contact> contacts;
    if (!m_partnerId.isEmpty()) {
        try {
            contacts = m_repository.listForPartner(m_partnerId);
        } catch (const StorageError&) {
            contacts.clear(); // the partner pane reports storage errors; an empty list is the safe view
        }
    }
    beginResetModel();
    m_contacts = std::move(contacts);
    endResetModel();
}

int ContactTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_contacts.size());
}

int ContactTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContactTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    const Contact& c = m_contacts.at(index.row());
    switch (index.column()) {
    case Name:
        return c.name;
    case Role:
        return c.role;
    case Email:
        return c.email;
    case Phone:
        return c.phone;
    default:
        return {};
    }
}

QVariant ContactTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Role:
        return tr("Role");
    case Email:
        return tr("Email");
    case Phone:
        return tr("Phone");
    default:
        return {};
    }
}

} // namespace pd
