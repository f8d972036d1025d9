// Keys and signatures: generation, PEM round trips, key ids, and refusal of foreign key types.
#include "core/signing.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace otter;

class TestSigning : public QObject
{
    Q_OBJECT

private slots:
    void signAndVerify()
    {
        auto key = PrivateKey::generate();
        QVERIFY2(key.ok(), qPrintable(key.errorMessage()));
        const QByteArray data = "exact bytes";
        auto signature = key->sign(data);
        QVERIFY(signature.ok());
        QVERIFY(key->publicKey().verify(data, *signature));
        QVERIFY(!key->publicKey().verify("exact bytes ", *signature));
        QByteArray flipped = *signature;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x01);
        QVERIFY(!key->publicKey().verify(data, flipped));
        QVERIFY(!key->publicKey().verify(data, QByteArray()));
    }

    void otherKeyDoesNotVerify()
    {
        auto a = PrivateKey::generate();
        auto b = PrivateKey::generate();
        QVERIFY(a && b);
        auto signature = a->sign("data");
        QVERIFY(signature.ok());
        QVERIFY(!b->publicKey().verify("data", *signature));
        QVERIFY(a->keyId() != b->keyId());
    }

    void pemRoundTrip()
    {
        auto key = PrivateKey::generate();
        QVERIFY(key.ok());
        const QByteArray pem = key->toPem();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        auto again = PrivateKey::fromPem(pem);
        QVERIFY(again.ok());
        QCOMPARE(again->keyId(), key->keyId());
        auto pub = PublicKey::fromPem(key->publicKey().toPem());
        QVERIFY(pub.ok());
        QCOMPARE(pub->keyId(), key->keyId());
        // A private key PEM also serves as a public key: its public half.
        auto fromPrivate = PublicKey::fromPem(pem);
        QVERIFY(fromPrivate.ok());
        QCOMPARE(fromPrivate->keyId(), key->keyId());
        QCOMPARE(key->keyId().size(), 64);
    }

    void savedKeyIsPrivateToItsOwner()
    {
        QTemporaryDir dir;
        auto key = PrivateKey::generate();
        QVERIFY(key.ok());
        const QString path = dir.filePath(QStringLiteral("key.pem"));
        QVERIFY(key->save(path).ok());
        const auto permissions = QFileInfo(path).permissions();
        QVERIFY(permissions & QFileDevice::ReadOwner);
        QVERIFY(!(permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        auto loaded = PrivateKey::load(path);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded->keyId(), key->keyId());
    }

    void rejectsNonKeys_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not a PEM");
        QTest::newRow("garbage") << QByteArray("hello") << QStringLiteral("not a PEM");
        QTest::newRow("truncated")
            << QByteArray("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZI\n-----END PUBLIC KEY-----\n")
            << QStringLiteral("not a PEM");
    }

    void rejectsNonKeys()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, expected);
        auto pub = PublicKey::fromPem(pem);
        QVERIFY(!pub.ok());
        QVERIFY2(pub.errorMessage().contains(expected), qPrintable(pub.errorMessage()));
        QVERIFY(!PrivateKey::fromPem(pem).ok());
    }

    // Keys made by the openssl command line: the wrong curve and RSA are refused by name.
    void rejectsForeignKeyTypes_data()
    {
        QTest::addColumn<QStringList>("genArgs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rsa") << QStringList{QStringLiteral("-algorithm"), QStringLiteral("RSA"),
                                            QStringLiteral("-pkeyopt"),
                                            QStringLiteral("rsa_keygen_bits:1024")}
                             << QStringLiteral("not an elliptic-curve key");
        QTest::newRow("p384") << QStringList{QStringLiteral("-algorithm"), QStringLiteral("EC"),
                                             QStringLiteral("-pkeyopt"),
                                             QStringLiteral("ec_paramgen_curve:P-384")}
                              << QStringLiteral("secp384r1");
    }

    void rejectsForeignKeyTypes()
    {
        QFETCH(QStringList, genArgs);
        QFETCH(QString, expected);
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is not installed");
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"), QStringList{QStringLiteral("genpkey")} + genArgs);
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);
        const QByteArray pem = openssl.readAllStandardOutput();
        auto key = PrivateKey::fromPem(pem);
        QVERIFY(!key.ok());
        QVERIFY2(key.errorMessage().contains(expected), qPrintable(key.errorMessage()));
        QVERIFY(!PublicKey::fromPem(pem).ok());
    }
};

QTEST_GUILESS_MAIN(TestSigning)
#include "tst_signing.moc"
