// TokenStore on this machine: with no keyring backend the token is kept for the session only, the operator
// is told so, nothing lands in a file, and the token read back signs in to a real otterd.
#include "app/client/client_thread.h"
#include "app/client/token_store.h"

#include "client_fixture.h"
#include "client_recorder.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

class TestTokenStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void storeLoadForget();
    void sessionTokenSignsIn();

private:
    QByteArray filesContaining(const QString &needle) const;

    QTemporaryDir m_home;
    OtterdHarness m_otterd;
};

void TestTokenStore::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Anything written by mistake (QSettings, a QtKeychain plain-text fallback) would land here.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
}

QByteArray TestTokenStore::filesContaining(const QString &needle) const
{
    QByteArray found;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle.toUtf8()))
            found += file.fileName().toUtf8() + ' ';
    }
    return found;
}

void TestTokenStore::storeLoadForget()
{
    const bool noKeyring = qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
    const QString address = m_otterd.address();
    const QString token = m_otterd.token(QStringLiteral("olga"));

    TokenStore store;
    QSignalSpy stored(&store, &TokenStore::stored);
    QSignalSpy loaded(&store, &TokenStore::loaded);
    QSignalSpy forgotten(&store, &TokenStore::forgotten);
    QVERIFY(stored.isValid() && loaded.isValid() && forgotten.isValid());

    store.store(address, QStringLiteral("olga"), token);
    QVERIFY(stored.wait(60000));
    const bool inKeyring = stored.first().at(2).toBool();
    const QString message = stored.first().at(3).toString();
    if (noKeyring) {
        QVERIFY(!inKeyring);
        QCOMPARE(message,
                 QStringLiteral("No system keyring is available: the token will be kept only until the "
                                "console closes."));
        QVERIFY(!store.keyringAvailable());
    } else {
        QVERIFY2(inKeyring || !message.isEmpty(), "a token kept outside the keyring must be explained");
    }

    store.load(address, QStringLiteral("olga"));
    QVERIFY(loaded.wait(60000));
    QCOMPARE(loaded.first().at(2).toString(), token);
    QCOMPARE(loaded.first().at(3).toString(), noKeyring ? message : QString());

    // Another operator of the same server has no token of their own.
    store.load(address, QStringLiteral("oscar"));
    QVERIFY(loaded.wait(60000));
    QVERIFY(loaded.at(1).at(2).toString().isEmpty());

    QVERIFY2(filesContaining(token).isEmpty(), filesContaining(token).constData());

    store.forget(address, QStringLiteral("olga"));
    QVERIFY(forgotten.wait(60000));
    store.load(address, QStringLiteral("olga"));
    QVERIFY(loaded.wait(60000));
    QVERIFY(loaded.last().at(2).toString().isEmpty());
}

void TestTokenStore::sessionTokenSignsIn()
{
    TokenStore store;
    QSignalSpy stored(&store, &TokenStore::stored);
    QSignalSpy loaded(&store, &TokenStore::loaded);
    store.store(m_otterd.address(), QStringLiteral("olga"), m_otterd.token(QStringLiteral("olga")));
    QVERIFY(stored.wait(60000));
    store.load(m_otterd.address(), QStringLiteral("olga"));
    QVERIFY(loaded.wait(60000));
    const QString token = loaded.first().at(2).toString();
    QVERIFY(!token.isEmpty());

    ClientThread thread;
    ClientRecorder recorder(thread.client());
    thread.client()->connectTo(pinnedProfile(m_otterd), token);
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.signIns.isEmpty(), 30000);
    QCOMPARE(recorder.signIns.first().first, QStringLiteral("olga"));
}

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_token_store.moc"
