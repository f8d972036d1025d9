// Opaque keyset page tokens.
#include "backend/services/page_token.h"

#include "core/sha256.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace otter::backend {
namespace {

QString fingerprint(const QString &request)
{
    return toHex(Sha256::hash(request.toUtf8())).left(16);
}

} // namespace

QString encodePageToken(const PageCursor &cursor, const QString &requestFingerprint)
{
    const QJsonObject object{{QStringLiteral("k"), QJsonArray::fromStringList(cursor.key)},
                             {QStringLiteral("f"), fingerprint(requestFingerprint)}};
    return QString::fromLatin1(QJsonDocument(object)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<PageCursor> decodePageToken(const QString &token, const QString &requestFingerprint)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(*decoded).object();
    if (object.value(QLatin1StringView("f")).toString() != fingerprint(requestFingerprint))
        return std::nullopt;
    PageCursor cursor;
    for (const QJsonValue &value : object.value(QLatin1StringView("k")).toArray()) {
        if (!value.isString())
            return std::nullopt;
        cursor.key << value.toString();
    }
    if (cursor.key.isEmpty())
        return std::nullopt;
    return cursor;
}

} // namespace otter::backend
