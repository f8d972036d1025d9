// ECDSA P-256 keys and signatures on OpenSSL 3's EVP interface.
#include "core/signing.h"

#include "core/atomic_file.h"
#include "core/sha256.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace otter {
namespace {

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

std::shared_ptr<evp_pkey_st> adopt(EVP_PKEY *key)
{
    return std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free);
}

// The first queued OpenSSL error as text; the queue is cleared so later calls start clean.
QString takeOpenSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown error");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

BioPtr memoryBio(QByteArrayView bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.data(), int(bytes.size())));
}

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

// Otter accepts exactly one algorithm: a key of any other kind is refused, not silently used.
Result<void> requireP256(EVP_PKEY *key)
{
    if (!EVP_PKEY_is_a(key, "EC"))
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("the key is not an elliptic-curve key; Otter uses ECDSA P-256 keys"));
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &length) != 1 ||
        QByteArrayView(group, qsizetype(length)) != "prime256v1") {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("the key uses curve %1; Otter uses ECDSA P-256 (prime256v1) keys")
                             .arg(QString::fromLatin1(group, qsizetype(length))));
    }
    return {};
}

// Reads a key file (size-capped) and parses it; errors name the file.
template<typename Key>
Result<Key> loadKeyFile(const QString &path)
{
    auto pem = readSmallFile(path, MaxKeyFileBytes);
    if (!pem)
        return pem.error();
    auto key = Key::fromPem(*pem);
    if (!key)
        return makeError(key.error().kind, QStringLiteral("%1: %2").arg(path, key.error().message));
    return key;
}

} // namespace

Result<PublicKey> PublicKey::fromPem(QByteArrayView pem)
{
    ERR_clear_error();
    BioPtr bio = memoryBio(pem);
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (!key) {
        // A private key PEM is also accepted: its public half is what verification needs.
        ERR_clear_error();
        BioPtr again = memoryBio(pem);
        key = PEM_read_bio_PrivateKey(again.get(), nullptr, nullptr, nullptr);
    }
    if (!key)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("not a PEM public key (%1)").arg(takeOpenSslError()));
    auto owned = adopt(key);
    if (auto ok = requireP256(key); !ok)
        return ok.error();
    return PublicKey(std::move(owned));
}

Result<PublicKey> PublicKey::load(const QString &path)
{
    return loadKeyFile<PublicKey>(path);
}

QByteArray PublicKey::toPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(bio.get(), m_key.get());
    return drain(bio.get());
}

QByteArray PublicKey::toDer() const
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(m_key.get(), &der);
    if (length <= 0)
        return {};
    QByteArray result(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return result;
}

QString PublicKey::keyId() const
{
    return toHex(Sha256::hash(toDer()));
}

bool PublicKey::verify(QByteArrayView data, QByteArrayView signature) const
{
    if (signature.isEmpty() || signature.size() > MaxSignatureBytes)
        return false;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                         size_t(signature.size()), reinterpret_cast<const unsigned char *>(data.data()),
                         size_t(data.size())) == 1;
    // A malformed signature leaves errors queued; they must not leak into the next caller's message.
    ERR_clear_error();
    return ok;
}

Result<PrivateKey> PrivateKey::generate()
{
    ERR_clear_error();
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!key)
        return makeError(ErrorKind::Internal,
                         QStringLiteral("cannot generate a P-256 key: %1").arg(takeOpenSslError()));
    return PrivateKey(adopt(key));
}

Result<PrivateKey> PrivateKey::fromPem(QByteArrayView pem)
{
    ERR_clear_error();
    BioPtr bio = memoryBio(pem);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    if (!key)
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("not a PEM private key (%1)").arg(takeOpenSslError()));
    auto owned = adopt(key);
    if (auto ok = requireP256(key); !ok)
        return ok.error();
    return PrivateKey(std::move(owned));
}

Result<PrivateKey> PrivateKey::load(const QString &path)
{
    return loadKeyFile<PrivateKey>(path);
}

QByteArray PrivateKey::toPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return drain(bio.get());
}

Result<void> PrivateKey::save(const QString &path) const
{
    return writeFileAtomically(path, toPem(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

PublicKey PrivateKey::publicKey() const
{
    // The EVP_PKEY holds both halves; sharing it is safe because Otter never mutates a key.
    return PublicKey(m_key);
}

Result<QByteArray> PrivateKey::sign(QByteArrayView data) const
{
    ERR_clear_error();
    MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(data.data()),
                       size_t(data.size())) != 1)
        return makeError(ErrorKind::Internal, QStringLiteral("cannot sign: %1").arg(takeOpenSslError()));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size())) != 1)
        return makeError(ErrorKind::Internal, QStringLiteral("cannot sign: %1").arg(takeOpenSslError()));
    signature.resize(qsizetype(length));
    return signature;
}

} // namespace otter
