// CaProbe against a real otterd, a closed port and a server that does not speak TLS.
#include "app/client/ca_probe.h"

#include "client_fixture.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

class TestCaProbe final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void returnsTheServersCa();
    void refusedConnection();
    void notATlsServer();
    void badAddress_data();
    void badAddress();

private:
    OtterdHarness m_otterd;
};

void TestCaProbe::initTestCase()
{
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
}

void TestCaProbe::returnsTheServersCa()
{
    CaProbe probe;
    QSignalSpy probed(&probe, &CaProbe::probed);
    QSignalSpy failed(&probe, &CaProbe::failed);
    QVERIFY(probed.isValid() && failed.isValid());
    probe.probe(m_otterd.address());
    QVERIFY2(probed.wait(30000),
             failed.isEmpty() ? "no answer" : qPrintable(failed.first().at(1).toString()));
    const auto ca = probed.first().first().value<ProbedCa>();
    const QString expected = opensslFingerprint(caPath(m_otterd));
    QVERIFY(!expected.isEmpty());
    QCOMPARE(ca.fingerprint, expected);
    QCOMPARE(ca.address, m_otterd.address());
    // The PEM handed out is the CA itself (the last of the chain), not the server certificate.
    QCOMPARE(inspectCertificate(ca.caPem)->fingerprint, inspectCertificate(m_otterd.caPem())->fingerprint);
    QVERIFY(failed.isEmpty());
}

void TestCaProbe::refusedConnection()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const quint16 port = server.serverPort();
    server.close();
    const QString address = QStringLiteral("127.0.0.1:%1").arg(port);

    CaProbe probe;
    QSignalSpy failed(&probe, &CaProbe::failed);
    probe.probe(address);
    QVERIFY(failed.wait(30000));
    QCOMPARE(failed.first().at(0).toString(), address);
    QCOMPARE(failed.first().at(1).toString(),
             QStringLiteral("cannot reach %1: connection refused").arg(address));
}

void TestCaProbe::notATlsServer()
{
    // A plain-text server answering the TLS hello with an HTTP error, as a misconfigured proxy would.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    const QString address = QStringLiteral("127.0.0.1:%1").arg(server.serverPort());

    CaProbe probe;
    QSignalSpy probed(&probe, &CaProbe::probed);
    QSignalSpy failed(&probe, &CaProbe::failed);
    probe.probe(address);
    QVERIFY(failed.wait(30000));
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.startsWith(QStringLiteral("%1 is not a TLS server").arg(address)), qPrintable(message));
    QVERIFY(probed.isEmpty());
}

void TestCaProbe::badAddress_data()
{
    QTest::addColumn<QString>("address");
    QTest::newRow("no port") << QStringLiteral("otterd.example");
    QTest::newRow("port zero") << QStringLiteral("otterd.example:0");
    QTest::newRow("port too large") << QStringLiteral("otterd.example:70000");
    QTest::newRow("empty host") << QStringLiteral(":443");
}

void TestCaProbe::badAddress()
{
    QFETCH(QString, address);
    CaProbe probe;
    QSignalSpy failed(&probe, &CaProbe::failed);
    probe.probe(address);
    QVERIFY(failed.wait(5000));
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("host:port")));
}

QTEST_GUILESS_MAIN(TestCaProbe)
#include "tst_ca_probe.moc"
