// Reading API messages stored whole in a `body` column: the objects kept as serialised protobuf (groups,
// windows, trusted keys, releases, rollouts) all parse column 0 of a row the same way.
#pragma once

#include "backend/storage/sqlite_connection.h"

#include <QList>

#include <optional>

namespace otter::backend {

// The message in column 0 of the statement's next row; nothing once the rows are done. `unreadable` is the
// error message when the stored bytes do not parse.
template<typename Message>
Result<std::optional<Message>> readStoredMessage(SqliteStatement &statement, const QString &unreadable)
{
    if (!statement.next()) {
        if (statement.failed())
            return statement.error();
        return std::optional<Message>();
    }
    Message message;
    const QByteArray body = statement.blob(0);
    if (!message.ParseFromArray(body.constData(), int(body.size())))
        return makeError(ErrorKind::Internal, unreadable);
    return std::optional<Message>(std::move(message));
}

// Every remaining row's message, in row order.
template<typename Message>
Result<QList<Message>> readStoredMessages(SqliteStatement &statement, const QString &unreadable)
{
    QList<Message> messages;
    for (;;) {
        auto message = readStoredMessage<Message>(statement, unreadable);
        if (!message)
            return message.error();
        if (!message->has_value())
            return messages;
        messages.append(std::move(**message));
    }
}

} // namespace otter::backend
