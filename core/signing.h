// ECDSA P-256 keys: generation, PEM storage, key ids, and signatures over exact bytes (SHA-256, DER).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace otter {

class PublicKey
{
public:
    // Accepts a SubjectPublicKeyInfo PEM, or a private key PEM (its public half is used).
    static Result<PublicKey> fromPem(QByteArrayView pem);
    static Result<PublicKey> load(const QString &path);

    QByteArray toPem() const;
    QByteArray toDer() const; // DER SubjectPublicKeyInfo
    // Hex SHA-256 of the DER SubjectPublicKeyInfo: the same as `openssl pkey -pubin -outform DER |
    // sha256sum`.
    QString keyId() const;

    // Ok when `signature` (DER ECDSA) is valid for SHA-256 of exactly `data`.
    bool verify(QByteArrayView data, QByteArrayView signature) const;

private:
    explicit PublicKey(std::shared_ptr<evp_pkey_st> key)
        : m_key(std::move(key))
    {}
    friend class PrivateKey;
    std::shared_ptr<evp_pkey_st> m_key;
};

class PrivateKey
{
public:
    static Result<PrivateKey> generate();
    static Result<PrivateKey> fromPem(QByteArrayView pem);
    static Result<PrivateKey> load(const QString &path);

    QByteArray toPem() const; // unencrypted PKCS#8
    // Writes atomically with owner-only permissions.
    Result<void> save(const QString &path) const;

    PublicKey publicKey() const;
    QString keyId() const { return publicKey().keyId(); }

    // DER ECDSA signature over SHA-256 of exactly `data`, as `openssl dgst -sha256 -sign` makes.
    Result<QByteArray> sign(QByteArrayView data) const;

private:
    explicit PrivateKey(std::shared_ptr<evp_pkey_st> key)
        : m_key(std::move(key))
    {}
    std::shared_ptr<evp_pkey_st> m_key;
};

// A PEM private or public key is at most a few hundred bytes; anything far larger is not a key.
inline constexpr qint64 MaxKeyFileBytes = 64 * 1024;
// A DER ECDSA P-256 signature is at most 72 bytes.
inline constexpr qint64 MaxSignatureBytes = 1024;

} // namespace otter
