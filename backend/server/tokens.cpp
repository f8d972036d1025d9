// Bearer tokens for operators and devices.
#include "backend/server/tokens.h"

#include "core/sha256.h"

#include <openssl/rand.h>

namespace otter::backend {
namespace {

QString randomToken(const char *prefix)
{
    QByteArray bytes(32, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), int(bytes.size())) != 1)
        qFatal("the system random generator failed; refusing to issue a guessable token");
    return QString::fromLatin1(prefix) + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding |
                                                                            QByteArray::OmitTrailingEquals));
}

} // namespace

QString newOperatorToken()
{
    return randomToken("otk_");
}

QString newDeviceToken()
{
    return randomToken("otd_");
}

QByteArray hashToken(const QString &token)
{
    return hashToken(token.toUtf8());
}

QByteArray hashToken(const QByteArray &utf8)
{
    return Sha256::hash(utf8);
}

} // namespace otter::backend
