// Trusted signing keys as stored: the TrustedKey message serialised in `body`, id and state as columns.
#pragma once

#include "backend/storage/sqlite_connection.h"
#include "otter/v1/keys.pb.h"

#include <QList>

#include <optional>

namespace otter::backend {

Result<std::optional<v1::TrustedKey>> findTrustedKey(SqliteConnection &connection, const QString &id);
// Inserts or replaces the row of `key.id()`; the caller has set the key's revision.
Result<void> saveTrustedKey(SqliteConnection &connection, const v1::TrustedKey &key);
// Keys with an id above `afterId` (empty: from the start), in id order, at most `limit` of them.
Result<QList<v1::TrustedKey>> trustedKeysAfter(SqliteConnection &connection, const QString &afterId,
                                               int limit);
// Every key, active and revoked: a handful, read whole to verify a release against them.
Result<QList<v1::TrustedKey>> allTrustedKeys(SqliteConnection &connection);

} // namespace otter::backend
