// otterd's TLS material: a private CA and a server certificate, created on first start with OpenSSL.
#include "backend/server/tls_bootstrap.h"

#include "core/atomic_file.h"
#include "core/certificate.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QHostInfo>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <memory>

namespace otter::backend {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;

constexpr qint64 MaxPemBytes = 64 * 1024;

Error tlsError(const QString &what)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char text[256] = "unknown error";
    if (code)
        ERR_error_string_n(code, text, sizeof text);
    return makeError(ErrorKind::Internal, QStringLiteral("%1: %2").arg(what, QString::fromLatin1(text)));
}

QByteArray keyToPem(EVP_PKEY *key)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

QByteArray certToPem(X509 *cert)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(bio.get(), cert);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

KeyPtr readKey(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  BIO_free);
    return KeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
}

CertPtr readCert(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  BIO_free);
    return CertPtr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    if (!extension)
        return false;
    const bool ok = X509_add_ext(cert, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

Result<CertPtr> makeCertificate(EVP_PKEY *subjectKey, const QString &commonName, X509 *issuer,
                                EVP_PKEY *issuerKey, int days,
                                const QList<std::pair<int, QByteArray>> &extensions)
{
    CertPtr cert(X509_new(), X509_free);
    X509_set_version(cert.get(), X509_VERSION_3);
    // A random 128-bit serial: never reused, even when certificates are reissued.
    unsigned char serialBytes[16];
    RAND_bytes(serialBytes, sizeof serialBytes);
    serialBytes[0] &= 0x7f;
    BIGNUM *serial = BN_bin2bn(serialBytes, sizeof serialBytes, nullptr);
    BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
    BN_free(serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(days) * 24 * 3600);
    X509_set_pubkey(cert.get(), subjectKey);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Otter"), -1,
                               -1, 0);
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(cn.constData()), -1, -1, 0);
    X509 *issuerCert = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(issuerCert));
    for (const auto &[nid, value] : extensions) {
        if (!addExtension(cert.get(), issuerCert, nid, value))
            return tlsError(QStringLiteral("cannot add a certificate extension"));
    }
    if (X509_sign(cert.get(), issuerKey ? issuerKey : subjectKey, EVP_sha256()) <= 0)
        return tlsError(QStringLiteral("cannot sign the certificate"));
    return cert;
}

QByteArray subjectAltNames(const QStringList &names)
{
    QStringList entries;
    for (const QString &name : names) {
        QHostAddress address;
        entries << (address.setAddress(name) ? QStringLiteral("IP:") : QStringLiteral("DNS:")) + name;
    }
    return entries.join(u',').toLatin1();
}

QStringList certificateNames(const QStringList &extraNames)
{
    QStringList names{QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    const QString host = QHostInfo::localHostName();
    if (!host.isEmpty() && !names.contains(host))
        names << host;
    for (const QString &name : extraNames) {
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    return names;
}

} // namespace

Result<ServerTls> loadOrCreateServerTls(const QString &dirPath, const QStringList &extraNames)
{
    QDir dir(dirPath);
    if (!dir.mkpath(QStringLiteral(".")))
        return makeError(ErrorKind::Io, QStringLiteral("cannot create %1").arg(dirPath));
    QFile::setPermissions(dirPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString caPath = dir.filePath(QStringLiteral("ca.pem"));
    const QString caKeyPath = dir.filePath(QStringLiteral("ca-key.pem"));
    const QString certPath = dir.filePath(QStringLiteral("server.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("server-key.pem"));
    const QString namesPath = dir.filePath(QStringLiteral("server-names.txt"));
    const QStringList names = certificateNames(extraNames);
    const QByteArray namesText = names.join(u'\n').toUtf8();
    constexpr auto privateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    ServerTls tls;

    KeyPtr caKey(nullptr, EVP_PKEY_free);
    CertPtr caCert(nullptr, X509_free);
    if (QFileInfo::exists(caPath)) {
        auto caPem = readSmallFile(caPath, MaxPemBytes);
        auto caKeyPem = readSmallFile(caKeyPath, MaxPemBytes);
        if (!caPem || !caKeyPem)
            return makeError(ErrorKind::Io,
                             QStringLiteral("%1 exists but the CA key or certificate cannot be read: %2")
                                 .arg(dirPath, (caPem ? caKeyPem.errorMessage() : caPem.errorMessage())));
        caKey = readKey(*caKeyPem);
        caCert = readCert(*caPem);
        if (!caKey || !caCert)
            return makeError(ErrorKind::InvalidInput,
                             QStringLiteral("the CA in %1 is damaged; restore it from a backup "
                                            "(clients pin it, so a new one would lock them out)")
                                 .arg(dirPath));
        tls.caPem = *caPem;
    } else {
        caKey = KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
        if (!caKey)
            return tlsError(QStringLiteral("cannot create the CA key"));
        auto made =
            makeCertificate(caKey.get(), QStringLiteral("Otter CA %1").arg(QHostInfo::localHostName()),
                            nullptr, nullptr, 3650,
                            {{NID_basic_constraints, "critical,CA:TRUE,pathlen:0"},
                             {NID_key_usage, "critical,keyCertSign,cRLSign"},
                             {NID_subject_key_identifier, "hash"}});
        if (!made)
            return made.error();
        caCert = std::move(made).value();
        tls.caPem = certToPem(caCert.get());
        if (auto ok = writeFileAtomically(caKeyPath, keyToPem(caKey.get()), privateFile); !ok)
            return ok.error();
        if (auto ok = writeFileAtomically(caPath, tls.caPem); !ok)
            return ok.error();
        tls.created = true;
    }

    auto storedNames = readSmallFile(namesPath, MaxPemBytes);
    const bool namesChanged = !storedNames || *storedNames != namesText;
    if (tls.created || namesChanged || !QFileInfo::exists(certPath) || !QFileInfo::exists(keyPath)) {
        KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
        if (!key)
            return tlsError(QStringLiteral("cannot create the server key"));
        auto made = makeCertificate(key.get(), QStringLiteral("otterd"), caCert.get(), caKey.get(), 825,
                                    {{NID_basic_constraints, "critical,CA:FALSE"},
                                     {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                                     {NID_ext_key_usage, "serverAuth"},
                                     {NID_subject_alt_name, subjectAltNames(names)},
                                     {NID_authority_key_identifier, "keyid"}});
        if (!made)
            return made.error();
        if (auto ok = writeFileAtomically(keyPath, keyToPem(key.get()), privateFile); !ok)
            return ok.error();
        if (auto ok = writeFileAtomically(certPath, certToPem(made->get())); !ok)
            return ok.error();
        if (auto ok = writeFileAtomically(namesPath, namesText); !ok)
            return ok.error();
    }
    auto certPem = readSmallFile(certPath, MaxPemBytes);
    auto keyPem = readSmallFile(keyPath, MaxPemBytes);
    if (!certPem || !keyPem)
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot read the server certificate in %1").arg(dirPath));
    tls.certificatePem = *certPem + tls.caPem;
    tls.privateKeyPem = *keyPem;
    auto info = inspectCertificate(tls.caPem);
    if (!info)
        return info.error();
    tls.caFingerprint = info->fingerprint;
    return tls;
}

} // namespace otter::backend
