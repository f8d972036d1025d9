// otterd's TLS material: created on first start (a private CA and a server certificate it signs), reused
// after.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace otter::backend {

struct ServerTls
{
    QByteArray caPem;
    QByteArray certificatePem; // server certificate followed by the CA
    QByteArray privateKeyPem;
    QString caFingerprint;
    bool created = false; // true on the start that made them
};

// Loads <dir>/ca.pem, server.pem and server-key.pem, creating all of them when the directory has none.
// The server certificate names localhost, 127.0.0.1, ::1, this host's name and `extraNames`; when those
// names change the server certificate is reissued by the same CA, so clients keep their pinned CA.
Result<ServerTls> loadOrCreateServerTls(const QString &dir, const QStringList &extraNames);

} // namespace otter::backend
