// Trusted signing keys as stored.
#include "backend/storage/trusted_keys.h"

namespace otter::backend {
namespace {

Result<v1::TrustedKey> parseBody(const QByteArray &body)
{
    v1::TrustedKey key;
    if (!key.ParseFromArray(body.constData(), int(body.size())))
        return makeError(ErrorKind::Internal, QStringLiteral("a stored trusted key cannot be read"));
    return key;
}

Result<QList<v1::TrustedKey>> collect(SqliteStatement &query)
{
    QList<v1::TrustedKey> keys;
    while (query.next()) {
        auto key = parseBody(query.blob(0));
        if (!key)
            return key.error();
        keys.append(std::move(key).value());
    }
    if (query.failed())
        return query.error();
    return keys;
}

} // namespace

Result<std::optional<v1::TrustedKey>> findTrustedKey(SqliteConnection &connection, const QString &id)
{
    auto query = connection.prepare("SELECT body FROM trusted_keys WHERE id = ?");
    if (!query)
        return query.error();
    query->bind(1, id);
    if (!query->next()) {
        if (query->failed())
            return query->error();
        return std::optional<v1::TrustedKey>();
    }
    auto key = parseBody(query->blob(0));
    if (!key)
        return key.error();
    return std::optional<v1::TrustedKey>(std::move(key).value());
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
