// X.509 certificate facts the console and otterd both need: the SHA-256 fingerprint operators compare.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace otter {

struct CertificateInfo
{
    QString subject;
    QString fingerprint; // SHA-256 of the DER certificate, "AB:CD:…" as `openssl x509 -fingerprint -sha256`
    QDateTime notAfter;
};

// Reads the first certificate of a PEM text.
Result<CertificateInfo> inspectCertificate(QByteArrayView pem);

} // namespace otter
