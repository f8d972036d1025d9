// Fetches the CA certificate a server presents, before trusting it: the console shows its fingerprint on
// first contact and compares it with the pinned one on every later connection.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QSslSocket;

namespace otter::client {

struct ProbedCa
{
    QString address;     // host:port that was probed
    QByteArray caPem;    // the last certificate of the chain the server sent
    QString fingerprint; // SHA-256, "AB:CD:…" as `openssl x509 -fingerprint -sha256` prints it
    QString subject;
};

// Splits "host:port" (or "[v6]:port"); false when there is no valid port.
bool splitAddress(const QString &address, QString *host, quint16 *port);

class CaProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaProbe)

public:
    explicit CaProbe(QObject *parent = nullptr);
    ~CaProbe() override;

    // Starts a TLS handshake with verification off and ends it as soon as the chain is known. A probe that
    // is still running is abandoned (its signals never come).
    void probe(const QString &address, int timeoutMs = 10000);
    void abort();

signals:
    void probed(const otter::client::ProbedCa &ca);
    // "cannot reach host:port: connection refused", "host:port is not a TLS server", …
    void failed(const QString &address, const QString &message);

private:
    void finish(const QString &message);
    void onEncrypted();

    QPointer<QSslSocket> m_socket;
    QTimer m_timeout;
    QString m_address;
};

} // namespace otter::client

Q_DECLARE_METATYPE(otter::client::ProbedCa)
