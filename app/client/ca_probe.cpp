// Fetches the CA certificate a server presents, before trusting it.
#include "app/client/ca_probe.h"

#include "core/certificate.h"

#include <QSslConfiguration>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace otter::client {

bool splitAddress(const QString &address, QString *host, quint16 *port)
{
    const qsizetype colon = address.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString name = address.left(colon);
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.mid(1, name.size() - 2);
    bool ok = false;
    const uint number = address.mid(colon + 1).toUInt(&ok);
    if (!ok || number == 0 || number > 65535 || name.isEmpty())
        return false;
    *host = name;
    *port = quint16(number);
    return true;
}

CaProbe::CaProbe(QObject *parent)
    : QObject(parent)
    , m_timeout(this)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(tr("cannot reach %1: no answer within %2 s").arg(m_address).arg(m_timeout.interval() / 1000));
    });
}

CaProbe::~CaProbe()
{
    abort();
}

void CaProbe::abort()
{
    m_timeout.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = nullptr;
}

void CaProbe::probe(const QString &address, int timeoutMs)
{
    abort();
    m_address = address;
    QString host;
    quint16 port = 0;
    if (!splitAddress(address, &host, &port)) {
        // Queued, so that a caller always gets the answer after probe() returned, as for a network one.
        QMetaObject::invokeMethod(
            this,
            [this, address] {
                emit failed(address, tr("\"%1\" is not a server address of the form host:port").arg(address));
            },
            Qt::QueuedConnection);
        return;
    }
    auto *socket = new QSslSocket(this);
    m_socket = socket;
    QSslConfiguration configuration = socket->sslConfiguration();
    // The point is to see the certificates before deciding to trust them; nothing is sent over this socket.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setAllowedNextProtocols({QByteArrayLiteral("h2")});
    socket->setSslConfiguration(configuration);
    connect(socket, &QSslSocket::encrypted, this, &CaProbe::onEncrypted);
    connect(socket, &QSslSocket::sslErrors, this,
            [socket](const QList<QSslError> &) { socket->ignoreSslErrors(); });
    connect(socket, &QAbstractSocket::errorOccurred, this,
            [this, socket](QAbstractSocket::SocketError error) {
                switch (error) {
                case QAbstractSocket::ConnectionRefusedError:
                    finish(tr("cannot reach %1: connection refused").arg(m_address));
                    break;
                case QAbstractSocket::HostNotFoundError:
                    finish(tr("cannot reach %1: host not found").arg(m_address));
                    break;
                case QAbstractSocket::NetworkError:
                case QAbstractSocket::SocketTimeoutError:
                    finish(tr("cannot reach %1: %2").arg(m_address, socket->errorString()));
                    break;
                case QAbstractSocket::SslHandshakeFailedError:
                case QAbstractSocket::RemoteHostClosedError:
                case QAbstractSocket::SslInternalError:
                case QAbstractSocket::SslInvalidUserDataError:
                    finish(tr("%1 is not a TLS server (%2)").arg(m_address, socket->errorString()));
                    break;
                default:
                    finish(tr("cannot reach %1: %2").arg(m_address, socket->errorString()));
                    break;
                }
            });
    m_timeout.start(timeoutMs);
    socket->connectToHostEncrypted(host, port);
}

void CaProbe::onEncrypted()
{
    const QList<QSslCertificate> chain =
        m_socket ? m_socket->peerCertificateChain() : QList<QSslCertificate>();
    if (chain.isEmpty()) {
        finish(tr("%1 sent no certificate").arg(m_address));
        return;
    }
    const QByteArray pem = chain.last().toPem();
    const auto info = inspectCertificate(pem);
    if (!info) {
        finish(tr("%1 sent a certificate that cannot be read: %2").arg(m_address, info.errorMessage()));
        return;
    }
    ProbedCa ca{m_address, pem, info->fingerprint, info->subject};
    abort();
    emit probed(ca);
}

void CaProbe::finish(const QString &message)
{
    const QString address = m_address;
    abort();
    emit failed(address, message);
}

} // namespace otter::client
