#pragma once

#include <QString>
#include <stdexcept>

namespace pd {

/// Thrown by the storage layer when a statement or transaction fails. `message()` is a sentence for
/// people ("Could not save partner ACN: …"); `kind` tells callers what happened.
class StorageError : public std::runtime_error
{
public:
    enum class Kind {
        Failed,      ///< the database reported an error
        NewerSchema, ///< the database was written by a newer PartnerDesk; nothing was changed
        Conflict,    ///< optimistic concurrency: the row was changed by someone else meanwhile
        NotFound,    ///< the row does not exist (or is archived)
        Cancelled,   ///< the caller cancelled a long operation; the transaction was rolled back
        ReadOnly,    ///< the book can only be read (read-only file or folder); nothing was written
        Corrupt,     ///< the book file is damaged or not a book; nothing was written
        Busy,        ///< another program held the book's write lock for longer than the busy timeout
        NotAllowed   ///< a domain rule refuses the change (e.g. a workflow action from a status that does not
                     ///< allow it); nothing was written. The message says which rule.
    };
    explicit StorageError(const QString& message, Kind kind = Kind::Failed)
        : std::runtime_error(message.toStdString()), m_message(message), m_kind(kind)
    {
    }
    const QString& message() const { return m_message; }
    Kind kind() const { return m_kind; }

private:
    QString m_message;
    Kind m_kind;
};

} // namespace pd
