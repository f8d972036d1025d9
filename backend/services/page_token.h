// Opaque keyset page tokens: the last row's sort key plus a fingerprint of the request that made the page,
// so a token cannot be replayed against different filters (common.proto's paging rules).
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace otter::backend {

struct PageCursor
{
    QStringList key; // the sort key of the last row returned, e.g. {version_key, id}
};

// `requestFingerprint` is any text that identifies the request's other fields (filter, order, …).
QString encodePageToken(const PageCursor &cursor, const QString &requestFingerprint);
// nullopt when the token is malformed or was made for a different request.
std::optional<PageCursor> decodePageToken(const QString &token, const QString &requestFingerprint);

} // namespace otter::backend
