// ConsoleClient connecting to a real otterd: pinned CA and token accepted; wrong token, changed CA, no
// pinned CA and an unreachable server refused or retried with clear words.
#include "app/client/client_thread.h"

#include "client_fixture.h"
#include "client_recorder.h"

#include <QTcpServer>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

class TestConsoleConnect final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connectsWithPinnedCa();
    void wrongTokenIsRefused();
    void changedCaIsRefused();
    void unpinnedProfileIsRefused();
    void unreachableServerIsRetried();

private:
    OtterdHarness m_otterd;
    OtterdHarness m_other;
};

void TestConsoleConnect::initTestCase()
{
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
    QVERIFY2(m_other.start(), qPrintable(m_other.error()));
}

void TestConsoleConnect::connectsWithPinnedCa()
{
    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->connectTo(pinnedProfile(m_otterd), m_otterd.token(QStringLiteral("olga")));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.reached(ConnectionState::Online), 30000);
    QCOMPARE(recorder.states.first().first, ConnectionState::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.signIns.size(), 1, 30000);
    QCOMPARE(recorder.signIns.first(), std::make_pair(QStringLiteral("olga"), QStringLiteral("operator")));
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.serverRevisions.isEmpty(), 30000);
    QVERIFY(recorder.serverRevisions.first() > 0); // creating the operators already moved the revision
    QVERIFY(recorder.failures.isEmpty());

    thread.client()->disconnectFromServer();
    QTRY_COMPARE_WITH_TIMEOUT(recorder.states.last().first, ConnectionState::Offline, 30000);
}

void TestConsoleConnect::wrongTokenIsRefused()
{
    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->connectTo(pinnedProfile(m_otterd), QStringLiteral("not-a-token"));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.failures.size(), 1, 30000);
    QVERIFY2(recorder.failures.first().startsWith(QStringLiteral("the token was not accepted")),
             qPrintable(recorder.failures.first()));
    QCOMPARE(recorder.states.last().first, ConnectionState::Offline);
    QVERIFY(!recorder.reached(ConnectionState::Online));
    QVERIFY(!recorder.reached(ConnectionState::Reconnecting)); // a refusal is final, not retried
}

void TestConsoleConnect::changedCaIsRefused()
{
    // The profile pinned another server's CA: this one is an impostor as far as the console knows.
    const models::ServerProfile profile = pinnedProfile(m_otterd, m_other.caPem());
    const QString pinned = opensslFingerprint(caPath(m_other));
    const QString presented = opensslFingerprint(caPath(m_otterd));
    QVERIFY(pinned != presented);

    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->connectTo(profile, m_otterd.token(QStringLiteral("olga")));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.failures.size(), 1, 30000);
    const QString message = recorder.failures.first();
    QVERIFY2(message.contains(pinned) && message.contains(presented), qPrintable(message));
    QCOMPARE(recorder.states.last(), std::make_pair(ConnectionState::Offline, message));
    QVERIFY(!recorder.reached(ConnectionState::Online));
    QVERIFY(recorder.signIns.isEmpty());
}

void TestConsoleConnect::unpinnedProfileIsRefused()
{
    models::ServerProfile profile = pinnedProfile(m_otterd);
    profile.caPem.clear();
    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->connectTo(profile, m_otterd.token(QStringLiteral("olga")));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.failures.size(), 1, 30000);
    QVERIFY2(recorder.failures.first().contains(QStringLiteral("No CA certificate is pinned")),
             qPrintable(recorder.failures.first()));
    QVERIFY(!recorder.reached(ConnectionState::Online));
}

void TestConsoleConnect::unreachableServerIsRetried()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    models::ServerProfile profile = pinnedProfile(m_otterd);
    profile.address = QStringLiteral("127.0.0.1:%1").arg(closed.serverPort());
    closed.close();

    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->setBackoff(100, 400);
    thread.client()->connectTo(profile, m_otterd.token(QStringLiteral("olga")));
    // Two attempts at least: the first failure and a retry that failed as well.
    QTRY_VERIFY_WITH_TIMEOUT(recorder.count(ConnectionState::Reconnecting) >= 4, 30000);
    const auto reconnecting = std::find_if(recorder.states.begin(), recorder.states.end(), [](const auto &s) {
        return s.first == ConnectionState::Reconnecting;
    });
    QVERIFY2(reconnecting->second.startsWith(
                 QStringLiteral("cannot reach %1: connection refused").arg(profile.address)),
             qPrintable(reconnecting->second));
    QVERIFY(recorder.failures.isEmpty());
    QVERIFY(!recorder.reached(ConnectionState::Online));
}

QTEST_GUILESS_MAIN(TestConsoleConnect)
#include "tst_console_connect.moc"
