// Test helper: a server profile pinned to a harness's CA, and the openssl view of a CA's fingerprint.
#pragma once

#include "otterd_harness.h"

#include "core/certificate.h"
#include "models/records.h"

#include <QProcess>

namespace otter::test {

inline QString caPath(const OtterdHarness &harness)
{
    return harness.dataDir() + QStringLiteral("/tls/ca.pem");
}

// What `openssl x509 -noout -fingerprint -sha256` prints after "=", the format operators compare.
inline QString opensslFingerprint(const QString &pemPath)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                   QStringLiteral("-sha256"), QStringLiteral("-in"), pemPath});
    openssl.waitForFinished(30000);
    const QString out = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    return out.mid(out.indexOf(u'=') + 1);
}

inline models::ServerProfile pinnedProfile(const OtterdHarness &harness, const QByteArray &caPem)
{
    models::ServerProfile profile;
    profile.name = QStringLiteral("test");
    profile.address = harness.address();
    profile.caPem = caPem;
    const auto info = inspectCertificate(caPem);
    profile.caFingerprint = info ? info->fingerprint : QString();
    return profile;
}

inline models::ServerProfile pinnedProfile(const OtterdHarness &harness)
{
    return pinnedProfile(harness, harness.caPem());
}

} // namespace otter::test
