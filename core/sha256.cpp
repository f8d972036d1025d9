// Streaming SHA-256 over OpenSSL's EVP digest.
#include "core/sha256.h"

#include <QFile>

#include <openssl/evp.h>

namespace otter {

void Sha256::CtxDeleter::operator()(evp_md_ctx_st *ctx) const
{
    EVP_MD_CTX_free(ctx);
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    // Only fails on allocation failure, which Qt treats as fatal everywhere else too.
    Q_CHECK_PTR(m_ctx.get());
    EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::update(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(m_ctx.get(), data.data(), size_t(data.size()));
}

QByteArray Sha256::finish()
{
    QByteArray digest(DigestSize, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char *>(digest.data()), &length);
    EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
    return digest;
}

QByteArray Sha256::hash(QByteArrayView data)
{
    Sha256 sha;
    sha.update(data);
    return sha.finish();
}

Result<FileDigest> hashFile(const QString &path, const ProgressCallback &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));

    Sha256 sha;
    QByteArray buffer(HashBlockSize, Qt::Uninitialized);
    FileDigest result;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return makeError(ErrorKind::Io,
                             QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        sha.update(QByteArrayView(buffer.constData(), n));
        result.size += n;
        if (progress && !progress(result.size))
            return makeError(ErrorKind::Io, QStringLiteral("hashing %1 was cancelled").arg(path));
    }
    result.sha256 = sha.finish();
    return result;
}

QString toHex(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex());
}

QByteArray sha256FromHex(QStringView hex)
{
    if (hex.size() != Sha256::DigestSize * 2)
        return {};
    for (QChar c : hex) {
        const bool isHex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (!isHex)
            return {};
    }
    return QByteArray::fromHex(hex.toLatin1());
}

} // namespace otter
