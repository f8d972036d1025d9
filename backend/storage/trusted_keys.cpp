// Trusted signing keys as stored.
#include "backend/storage/trusted_keys.h"

#include "backend/storage/stored_message.h"

namespace otter::backend {
namespace {

QString unreadableTrustedKey()
{
    return QStringLiteral("a stored trusted key cannot be read");
}

Result<QList<v1::TrustedKey>> collect(SqliteStatement &query)
{
    return readStoredMessages<v1::TrustedKey>(query, unreadableTrustedKey());
}

} // namespace

Result<std::optional<v1::TrustedKey>> findTrustedKey(SqliteConnection &connection, const QString &id)
{
    auto query = connection.prepare("SELECT body FROM trusted_keys WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, id);
    return readStoredMessage<v1::TrustedKey>(*query, unreadableTrustedKey());
}

Result<void> saveTrustedKey(SqliteConnection &connection, const v1::TrustedKey &key)
{
    auto upsert =
        connection.prepare("INSERT INTO trusted_keys (id, state, body, revision) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (id) DO UPDATE SET state = excluded.state, "
                           "body = excluded.body, revision = excluded.revision");
    if (!upsert)
        return upsert.error();
    upsert->bind(1, QString::fromStdString(key.id()))
        .bind(2, int(key.state()))
        .bind(3, QByteArray::fromStdString(key.SerializeAsString()))
        .bind(4, qint64(key.revision()));
    return upsert->run();
}

Result<QList<v1::TrustedKey>> trustedKeysAfter(SqliteConnection &connection, const QString &afterId,
                                               int limit)
{
    auto query = connection.prepare("SELECT body FROM trusted_keys WHERE id > ? ORDER BY id LIMIT ?");
    if (!query)
        return query.error();
    query->bind(1, afterId).bind(2, limit);
    return collect(*query);
}

Result<QList<v1::TrustedKey>> allTrustedKeys(SqliteConnection &connection)
{
    auto query = connection.prepare("SELECT body FROM trusted_keys ORDER BY id");
    if (!query)
        return query.error();
    return collect(*query);
}

} // namespace otter::backend
