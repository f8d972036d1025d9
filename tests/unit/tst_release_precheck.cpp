// The console's pre-upload check (core/release_precheck.h) over real signed bundles and images: each of
// otterd's refusals (structure, signature, image, unknown key, revoked key, same version, downgrade) is
// named with the check that failed, and a good release passes with its facts filled in; signRelease
// makes what otter-sign would.
#include "core/release_precheck.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace otter;

namespace {

QString writeImage(const QString &path, qsizetype size, char fill)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QByteArray(size, fill));
    return path;
}

} // namespace

class TestReleasePrecheck final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_image = writeImage(m_dir.filePath(QStringLiteral("image.bin")), 200000, 'x');
        QVERIFY(!m_image.isEmpty());
    }

    void bundles_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("good") << QStringLiteral("good") << int(PrecheckFailure::None) << QString();
        QTest::newRow("not a bundle")
            << QStringLiteral("garbage") << int(PrecheckFailure::BundleMalformed) << QString();
        QTest::newRow("image changed")
            << QStringLiteral("image") << int(PrecheckFailure::ImageMismatch) << QStringLiteral("SHA-256");
        QTest::newRow("manifest changed")
            << QStringLiteral("manifest") << int(PrecheckFailure::SignatureInvalid)
            << QStringLiteral("signature");
        QTest::newRow("unknown key") << QStringLiteral("unknown") << int(PrecheckFailure::KeyUnknown)
                                     << QStringLiteral("does not trust");
        QTest::newRow("revoked key") << QStringLiteral("revoked") << int(PrecheckFailure::KeyRevoked)
                                     << QStringLiteral("reason: laptop lost");
        QTest::newRow("same version")
            << QStringLiteral("same-version") << int(PrecheckFailure::AlreadyExists)
            << QStringLiteral("already has version 2.0.0 for hardware class gw-300");
        QTest::newRow("downgrade") << QStringLiteral("downgrade") << int(PrecheckFailure::Downgrade)
                                   << QStringLiteral("security version 5 is below the 6 of release r-old "
                                                     "(version 1.9.0) for hardware class gw-300");
        QTest::newRow("other class, lower svn")
            << QStringLiteral("other-class") << int(PrecheckFailure::None) << QString();
    }

    void bundles()
    {
        QFETCH(QString, variant);
        QFETCH(int, failure);
        QFETCH(QString, messagePart);
        const PrivateKey key = *PrivateKey::generate();
        ReleaseSigningSpec spec;
        spec.imagePath = m_image;
        spec.hardwareClasses = {QStringLiteral("gw-200"), QStringLiteral("gw-300")};
        spec.version = QStringLiteral("2.0.0");
        spec.securityVersion = 5;
        spec.created = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
        auto made = signRelease(spec, {key});
        QVERIFY2(made, qPrintable(made.errorMessage()));
        BundleWriteSpec write{made->manifestBytes, made->signatures, m_image, {}};
        if (variant == u"manifest")
            write.manifestBytes.replace("2.0.0", "2.0.9");
        const QString path = m_dir.filePath(variant + QStringLiteral(".otb"));
        QVERIFY(writeBundle(path, write));
        if (variant == u"image" || variant == u"garbage") {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.seek(variant == u"image" ? file.size() / 2 : 0));
            file.write(variant == u"image" ? QByteArray("!") : QByteArray(4096, 'g'));
        }

        QList<KnownKey> keys{{key.keyId(), QStringLiteral("ci"), key.publicKey().toPem(), true, {}, {}, {}}};
        if (variant == u"unknown")
            keys.clear();
        if (variant == u"revoked") {
            keys.first().active = false;
            keys.first().revokedBy = QStringLiteral("ada");
            keys.first().revokedAt = spec.created;
            keys.first().revocationReason = QStringLiteral("laptop lost");
        }
        QList<KnownRelease> releases;
        if (variant == u"same-version")
            releases.append(
                {QStringLiteral("r-same"), QStringLiteral("2.0.0"), 1, {QStringLiteral("gw-300")}});
        if (variant == u"downgrade")
            releases.append(
                {QStringLiteral("r-old"), QStringLiteral("1.9.0"), 6, {QStringLiteral("gw-300")}});
        if (variant == u"other-class")
            releases.append(
                {QStringLiteral("r-other"), QStringLiteral("1.9.0"), 9, {QStringLiteral("sensor-1")}});

        qint64 progress = 0;
        const ReleasePrecheck check = precheckBundle(path, keys, releases, [&](qint64 done) {
            progress = done;
            return true;
        });
        QCOMPARE(int(check.failure), failure);
        QCOMPARE(check.passed(), failure == int(PrecheckFailure::None));
        QCOMPARE(check.failedCheck, precheckName(PrecheckFailure(failure)));
        QVERIFY2(check.message.contains(messagePart), qPrintable(check.message));
        if (check.passed()) {
            QVERIFY(check.imageVerified);
            QVERIFY(check.signerTrusted);
            QCOMPARE(check.signerKeyName, QStringLiteral("ci"));
            QCOMPARE(check.version, QStringLiteral("2.0.0"));
            QCOMPARE(check.securityVersion, qint64(5));
            QCOMPARE(check.imageSize, qint64(200000));
            QCOMPARE(check.imageSha256, toHex(hashFile(m_image)->sha256));
            QCOMPARE(check.releaseId, toHex(Sha256::hash(made->manifestBytes)));
            QCOMPARE(progress, qint64(200000));
        }
        if (variant == u"unknown" || variant == u"revoked") {
            QCOMPARE(check.signerKeyId, key.keyId()); // shown even though refused
            QVERIFY(!check.signerTrusted);
        }
    }

    void cancelledCheckSaysSo()
    {
        const PrivateKey key = *PrivateKey::generate();
        ReleaseSigningSpec spec;
        spec.imagePath = m_image;
        spec.hardwareClasses = {QStringLiteral("gw-200")};
        spec.version = QStringLiteral("1.0.0");
        spec.created = QDateTime::currentDateTimeUtc();
        auto made = signRelease(spec, {key});
        QVERIFY(made);
        const QString path = m_dir.filePath(QStringLiteral("cancel.otb"));
        QVERIFY(writeBundle(path, {made->manifestBytes, made->signatures, m_image, {}}));
        const QList<KnownKey> keys{
            {key.keyId(), QStringLiteral("ci"), key.publicKey().toPem(), true, {}, {}, {}}};
        const ReleasePrecheck check = precheckBundle(path, keys, {}, [](qint64) { return false; });
        QCOMPARE(check.failure, PrecheckFailure::Cancelled);
    }

    void signedOnTheSpot()
    {
        const PrivateKey key = *PrivateKey::generate();
        ReleaseSigningSpec spec;
        spec.imagePath = m_image;
        spec.hardwareClasses = {QStringLiteral("gw-200")};
        spec.version = QStringLiteral("3.0.0");
        spec.securityVersion = 2;
        spec.created = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 678), QTimeZone::utc());
        auto made = signRelease(spec, {key});
        QVERIFY2(made, qPrintable(made.errorMessage()));
        // What otter-sign writes: a manifest naming the key, signed over its exact bytes, second precision.
        QCOMPARE(made->manifest.keyId, key.keyId());
        QCOMPARE(made->manifest.created.time().msec(), 0);
        QVERIFY(key.publicKey().verify(made->manifestBytes, made->signatures.first().der));
        QVERIFY(made->signatures.first().keyId.isEmpty()); // one key: manifest.sig

        const QList<KnownKey> trusted{
            {key.keyId(), QStringLiteral("ci"), key.publicKey().toPem(), true, {}, {}, {}}};
        QVERIFY(precheckSigned(m_image, *made, trusted, {}).passed());
        QCOMPARE(precheckSigned(m_image, *made, {}, {}).failure, PrecheckFailure::KeyUnknown);

        spec.version = QStringLiteral("not-semver");
        const auto invalid = signRelease(spec, {key});
        QVERIFY(!invalid);
        QVERIFY2(invalid.errorMessage().contains(QStringLiteral("not-semver")),
                 qPrintable(invalid.errorMessage()));
    }

private:
    QTemporaryDir m_dir;
    QString m_image;
};

QTEST_MAIN(TestReleasePrecheck)
#include "tst_release_precheck.moc"
