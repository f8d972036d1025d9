// X.509 certificate facts the console and otterd both need.
#include "core/certificate.h"

#include "core/sha256.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace otter {

Result<CertificateInfo> inspectCertificate(QByteArrayView pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())), BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                     X509_free);
    ERR_clear_error();
    if (!cert)
        return makeError(ErrorKind::InvalidInput, QStringLiteral("not a PEM certificate"));
    unsigned char *der = nullptr;
    const int length = i2d_X509(cert.get(), &der);
    if (length <= 0)
        return makeError(ErrorKind::InvalidInput, QStringLiteral("the certificate cannot be encoded"));
    const QByteArray digest = Sha256::hash(QByteArrayView(reinterpret_cast<const char *>(der), length));
    OPENSSL_free(der);

    CertificateInfo info;
    info.fingerprint = QString::fromLatin1(digest.toHex(':').toUpper());
    char subject[256] = {};
    X509_NAME_oneline(X509_get_subject_name(cert.get()), subject, sizeof subject);
    info.subject = QString::fromUtf8(subject);
    struct tm notAfter = {};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(cert.get()), &notAfter) == 1)
        info.notAfter = QDateTime(QDate(notAfter.tm_year + 1900, notAfter.tm_mon + 1, notAfter.tm_mday),
                                  QTime(notAfter.tm_hour, notAfter.tm_min, notAfter.tm_sec), Qt::UTC);
    return info;
}

} // namespace otter
