// Saved servers in QSettings and the pin rule for their CA; no token ever lands in the settings file.
#include "app/client/pin_policy.h"
#include "app/client/server_profiles.h"

#include "core/certificate.h"

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::client;

namespace {

// A fresh self-signed CA made with the stock tool.
QByteArray makeCa(const QString &dir, const QString &name)
{
    const QString key = dir + u'/' + name + QStringLiteral(".key");
    const QString cert = dir + u'/' + name + QStringLiteral(".pem");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=") + name});
    openssl.waitForFinished(60000);
    QFile file(cert);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

models::ServerProfile profile(const QString &address, const QByteArray &caPem = {})
{
    models::ServerProfile p;
    p.address = address;
    p.caPem = caPem;
    if (!caPem.isEmpty())
        p.caFingerprint = inspectCertificate(caPem)->fingerprint;
    return p;
}

} // namespace

class TestServerProfiles final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void saveListRemove();
    void lastUsed();
    void pinVerdict_data();
    void pinVerdict();

private:
    QTemporaryDir m_dir;
    QByteArray m_caA;
    QByteArray m_caB;
};

void TestServerProfiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_caA = makeCa(m_dir.path(), QStringLiteral("ca-a"));
    m_caB = makeCa(m_dir.path(), QStringLiteral("ca-b"));
    QVERIFY(!m_caA.isEmpty() && !m_caB.isEmpty());
}

void TestServerProfiles::saveListRemove()
{
    const QString path = m_dir.filePath(QStringLiteral("profiles.ini"));
    {
        QSettings settings(path, QSettings::IniFormat);
        ServerProfiles profiles(settings);
        QVERIFY(profiles.list().isEmpty());
        auto first = profile(QStringLiteral("otterd-1.example:8443"), m_caA);
        first.operatorName = QStringLiteral("olga");
        profiles.save(first);
        profiles.save(profile(QStringLiteral("otterd-2.example:8443")));
        QCOMPARE(profiles.list().size(), 2);
        // The name defaults to the address.
        QCOMPARE(profiles.list().at(1).name, QStringLiteral("otterd-2.example:8443"));

        // Saving the same address again replaces, keeping the order.
        auto renamed = first;
        renamed.name = QStringLiteral("Production");
        profiles.save(renamed);
        QCOMPARE(profiles.list().size(), 2);
        QCOMPARE(profiles.list().at(0).name, QStringLiteral("Production"));
    }
    {
        // Another QSettings on the same file: it was persisted, PEM intact.
        QSettings settings(path, QSettings::IniFormat);
        ServerProfiles profiles(settings);
        const auto found = profiles.find(QStringLiteral("otterd-1.example:8443"));
        QVERIFY(found);
        QCOMPARE(found->caPem, m_caA);
        QCOMPARE(found->caFingerprint, inspectCertificate(m_caA)->fingerprint);
        QCOMPARE(found->operatorName, QStringLiteral("olga"));
        QVERIFY(profiles.remove(QStringLiteral("otterd-2.example:8443")));
        QVERIFY(!profiles.remove(QStringLiteral("otterd-2.example:8443")));
        QCOMPARE(profiles.list().size(), 1);
    }
}

void TestServerProfiles::lastUsed()
{
    QSettings settings(m_dir.filePath(QStringLiteral("last.ini")), QSettings::IniFormat);
    ServerProfiles profiles(settings);
    QVERIFY(!profiles.lastUsed());
    profiles.save(profile(QStringLiteral("a.example:1")));
    profiles.save(profile(QStringLiteral("b.example:2")));
    profiles.setLastUsed(QStringLiteral("b.example:2"));
    QCOMPARE(profiles.lastUsed()->address, QStringLiteral("b.example:2"));
    profiles.remove(QStringLiteral("b.example:2"));
    QVERIFY(!profiles.lastUsed());
}

void TestServerProfiles::pinVerdict_data()
{
    QTest::addColumn<QByteArray>("pinned");
    QTest::addColumn<QByteArray>("presented");
    QTest::addColumn<int>("kind");
    QTest::newRow("first contact") << QByteArray() << m_caA << int(PinVerdict::FirstContact);
    QTest::newRow("same CA") << m_caA << m_caA << int(PinVerdict::Match);
    QTest::newRow("changed CA") << m_caA << m_caB << int(PinVerdict::Changed);
}

void TestServerProfiles::pinVerdict()
{
    QFETCH(QByteArray, pinned);
    QFETCH(QByteArray, presented);
    QFETCH(int, kind);
    const auto presentedInfo = inspectCertificate(presented);
    QVERIFY(presentedInfo);
    const ProbedCa ca{QStringLiteral("otterd.example:8443"), presented, presentedInfo->fingerprint,
                      presentedInfo->subject};
    const PinVerdict verdict = checkPin(profile(QStringLiteral("otterd.example:8443"), pinned), ca);
    QCOMPARE(int(verdict.kind), kind);
    if (kind == PinVerdict::Changed) {
        // The operator sees both fingerprints to compare with whoever runs the server.
        QVERIFY(verdict.message.contains(inspectCertificate(pinned)->fingerprint));
        QVERIFY(verdict.message.contains(presentedInfo->fingerprint));
        QVERIFY(verdict.message.contains(QStringLiteral("otterd.example:8443")));
    } else {
        QVERIFY(verdict.message.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestServerProfiles)
#include "tst_server_profiles.moc"
