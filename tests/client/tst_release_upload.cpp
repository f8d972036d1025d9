// ReleaseCalls against a real otterd: a bundle and an image signed on the spot are uploaded and listed;
// a tampered bundle, an untrusted key, a revoked key and a downgrade are refused — by the console's own
// check before sending and by otterd when sent anyway — naming the check; a cancelled upload leaves
// nothing on the server; trusted keys are added and revoked.
#include "app/client/client_thread.h"

#include "client_fixture.h"
#include "client_recorder.h"
#include "release_upload_support.h"

#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

namespace {

// Flips one byte of a file in place (an attacker's edit after signing).
void flipByte(const QString &path, qint64 offset)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(offset));
    char byte = 0;
    QCOMPARE(file.read(&byte, 1), 1);
    byte = char(byte ^ 0x5a);
    QVERIFY(file.seek(offset));
    QCOMPARE(file.write(&byte, 1), 1);
}

} // namespace

class TestReleaseUpload final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void bundleUploadIsListed();
    void imageSignedOnTheSpotIsListed();
    void tamperedBundleIsRefused_data();
    void tamperedBundleIsRefused();
    void untrustedKeyIsRefused();
    void downgradeIsRefused();
    void cancelMidUploadLeavesNothing();
    void addAndRevokeKey();

private:
    QString newDir();
    void connectAs(const QString &operatorName);
    // Uploads through ReleaseCalls and waits for the outcome.
    void uploadAndWait(const ReleaseUploadSource &source);
    void expectNothingLeft();

    OtterdHarness m_otterd;
    QTemporaryDir m_scratch;
    int m_dirs = 0;
    TestKey m_key = newTestKey();
    ReleaseClient m_client;
    std::shared_ptr<UploadEvents> m_events;
};

void TestReleaseUpload::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
    QVERIFY(trustKey(m_otterd, m_key).ok());
}

QString TestReleaseUpload::newDir()
{
    const QString path = m_scratch.filePath(QString::number(++m_dirs));
    QDir().mkpath(path);
    return path;
}

void TestReleaseUpload::connectAs(const QString &operatorName)
{
    QVERIFY(m_client.connect(m_otterd, operatorName, this));
    m_events = m_client.events;
}

void TestReleaseUpload::init()
{
    connectAs(QStringLiteral("olga"));
}

void TestReleaseUpload::cleanup()
{
    m_client.reset();
}

void TestReleaseUpload::uploadAndWait(const ReleaseUploadSource &source)
{
    const qsizetype before = m_events->outcomes();
    m_client.calls()->upload(source);
    QTRY_COMPARE_WITH_TIMEOUT(m_events->outcomes(), before + 1, 120000);
}

void TestReleaseUpload::expectNothingLeft()
{
    QVERIFY(!m_events->uploadIds.isEmpty());
    QCOMPARE(queryUpload(m_otterd, m_events->uploadIds.last()), grpc::StatusCode::NOT_FOUND);
    QVERIFY2(waitFor([&] { return filesUnder(m_otterd, QStringLiteral("uploads")).isEmpty(); }),
             qPrintable(filesUnder(m_otterd, QStringLiteral("uploads")).join(u',')));
}

void TestReleaseUpload::bundleUploadIsListed()
{
    ReleaseSpec spec;
    spec.version = QStringLiteral("1.0.0");
    spec.imageSize = 3 * 1024 * 1024 + 17; // several chunks and a ragged end
    const SignedRelease release = makeRelease(newDir(), m_key, spec);

    const ReleasePrecheck check =
        precheckBundle(release.bundlePath, serverKeys(m_otterd), knownReleases(m_otterd));
    QVERIFY2(check.passed(), qPrintable(check.message));
    QCOMPARE(check.releaseId, release.releaseId);
    QCOMPARE(check.signerKeyId, m_key.id);
    QVERIFY(check.signerTrusted);
    QCOMPARE(check.imageSha256, release.imageSha256);

    uploadAndWait(ReleaseUploadSource::bundle(release.bundlePath));
    QVERIFY2(m_events->failed.isEmpty(), qPrintable(m_events->failed.value(0).second));
    QCOMPARE(m_events->finished.size(), 1);
    const models::ReleaseRecord stored = m_events->finished.first();
    QCOMPARE(stored.id, release.releaseId);
    QCOMPARE(stored.version, QStringLiteral("1.0.0"));
    QCOMPARE(stored.uploadedBy, QStringLiteral("olga"));
    QCOMPARE(m_events->total, QFileInfo(release.bundlePath).size());
    QCOMPARE(m_events->progress.last(), m_events->total);
    QVERIFY(serverHasRelease(m_otterd, release.releaseId));
    QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")), QStringList());
}

void TestReleaseUpload::imageSignedOnTheSpotIsListed()
{
    const QString dir = newDir();
    const QString image = writeFile(QDir(dir).filePath(QStringLiteral("image.bin")), QByteArray(200000, 'i'));
    ReleaseSigningSpec spec;
    spec.imagePath = image;
    spec.hardwareClasses = {QStringLiteral("gw-300")};
    spec.version = QStringLiteral("3.1.0");
    spec.securityVersion = 4;
    spec.created = QDateTime::currentDateTimeUtc();
    auto made = signRelease(spec, {m_key.key});
    QVERIFY2(made, qPrintable(made.errorMessage()));
    const ReleasePrecheck check = precheckSigned(image, *made, serverKeys(m_otterd), knownReleases(m_otterd));
    QVERIFY2(check.passed(), qPrintable(check.message));

    uploadAndWait(ReleaseUploadSource::parts(image, made->manifestBytes, made->signatures));
    QCOMPARE(m_events->finished.size(), 1);
    QCOMPARE(m_events->finished.first().id, check.releaseId);
    QCOMPARE(m_events->finished.first().hardwareClasses, QStringList{QStringLiteral("gw-300")});
    QVERIFY(serverHasRelease(m_otterd, check.releaseId));
}

void TestReleaseUpload::tamperedBundleIsRefused_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("localFailure");
    QTest::newRow("image changed after signing")
        << QStringLiteral("image") << int(PrecheckFailure::ImageMismatch);
    QTest::newRow("manifest changed after signing")
        << QStringLiteral("manifest") << int(PrecheckFailure::SignatureInvalid);
}

void TestReleaseUpload::tamperedBundleIsRefused()
{
    QFETCH(QString, target);
    QFETCH(int, localFailure);
    ReleaseSpec spec;
    spec.version = target == u"image" ? QStringLiteral("1.1.0") : QStringLiteral("1.2.0");
    spec.imageSize = 256 * 1024;
    const SignedRelease release = makeRelease(newDir(), m_key, spec);
    QByteArray manifest = release.manifest;
    if (target == u"manifest")
        manifest.replace("1.2.0", "1.2.9"); // same length, other version: the signature no longer matches
    const QString bundle =
        writeTestBundle(QFileInfo(release.bundlePath).dir().filePath(QStringLiteral("t.otb")), manifest,
                        release.signature, release.imagePath);
    if (target == u"image")
        flipByte(bundle, QFileInfo(bundle).size() / 2); // inside image.bin: it is most of the bundle

    const ReleasePrecheck check = precheckBundle(bundle, serverKeys(m_otterd), knownReleases(m_otterd));
    QCOMPARE(int(check.failure), localFailure);
    QCOMPARE(check.failedCheck, precheckName(PrecheckFailure(localFailure)));
    QVERIFY2(!check.message.isEmpty(), "the refusal must say what is wrong");

    // Sent anyway: otterd refuses at the same check, and the console names it with otterd's own words.
    uploadAndWait(ReleaseUploadSource::bundle(bundle));
    QCOMPARE(m_events->failed.size(), 1);
    const auto [failedCheck, message] = m_events->failed.first();
    QCOMPARE(failedCheck, precheckName(PrecheckFailure(localFailure)));
    QVERIFY2(message.contains(failedCheck), qPrintable(message));
    QVERIFY2(message.contains(target == u"image" ? QStringLiteral("SHA-256") : QStringLiteral("signature")),
             qPrintable(message));
    QVERIFY(!serverHasRelease(m_otterd, check.releaseId));
    expectNothingLeft();
}

void TestReleaseUpload::untrustedKeyIsRefused()
{
    const TestKey stranger = newTestKey();
    ReleaseSpec spec;
    spec.version = QStringLiteral("1.3.0");
    const SignedRelease release = makeRelease(newDir(), stranger, spec);

    const ReleasePrecheck check =
        precheckBundle(release.bundlePath, serverKeys(m_otterd), knownReleases(m_otterd));
    QCOMPARE(check.failure, PrecheckFailure::KeyUnknown);
    QVERIFY(!check.signerTrusted);
    QCOMPARE(check.signerKeyId, stranger.id);
    QVERIFY2(check.message.contains(stranger.id), qPrintable(check.message));

    uploadAndWait(ReleaseUploadSource::bundle(release.bundlePath));
    QCOMPARE(m_events->failed.size(), 1);
    QCOMPARE(m_events->failed.first().first, precheckName(PrecheckFailure::KeyUnknown));
    QVERIFY2(m_events->failed.first().second.contains(stranger.id),
             qPrintable(m_events->failed.first().second));
    QVERIFY(!serverHasRelease(m_otterd, release.releaseId));
    expectNothingLeft();
}

void TestReleaseUpload::downgradeIsRefused()
{
    ReleaseSpec newer;
    newer.version = QStringLiteral("2.0.0");
    newer.securityVersion = 7;
    newer.hardwareClasses = {QStringLiteral("gw-500")};
    const SignedRelease stored = makeRelease(newDir(), m_key, newer);
    QVERIFY(uploadBundle(m_otterd, stored).status.ok());

    ReleaseSpec older = newer;
    older.version = QStringLiteral("2.0.1");
    older.securityVersion = 6;
    older.seed = 2;
    const SignedRelease downgrade = makeRelease(newDir(), m_key, older);
    const ReleasePrecheck check =
        precheckBundle(downgrade.bundlePath, serverKeys(m_otterd), knownReleases(m_otterd));
    QCOMPARE(check.failure, PrecheckFailure::Downgrade);
    QVERIFY2(check.message.contains(QStringLiteral("security version 6 is below the 7")),
             qPrintable(check.message));

    uploadAndWait(ReleaseUploadSource::bundle(downgrade.bundlePath));
    QCOMPARE(m_events->failed.size(), 1);
    QCOMPARE(m_events->failed.first().first, precheckName(PrecheckFailure::Downgrade));
    // otterd's sentence, word for word, after the check's name.
    QVERIFY2(m_events->failed.first().second.contains(check.message),
             qPrintable(m_events->failed.first().second + QStringLiteral(" | local: ") + check.message));
    expectNothingLeft();
}

void TestReleaseUpload::cancelMidUploadLeavesNothing()
{
    ReleaseSpec spec;
    spec.version = QStringLiteral("4.0.0");
    spec.imageSize = qint64(256) << 20;
    const SignedRelease release = makeRelease(newDir(), m_key, spec);
    // Cancelled from the first progress signal: the server has really taken bytes, and most are still to
    // come.
    ReleaseCalls *calls = m_client.calls();
    QObject guard;
    bool asked = false;
    connect(calls, &ReleaseCalls::uploadProgress, &guard, [&asked, calls](qint64, qint64) {
        if (!asked)
            calls->cancelUpload();
        asked = true;
    });
    calls->upload(ReleaseUploadSource::bundle(release.bundlePath));
    QTRY_COMPARE_WITH_TIMEOUT(m_events->outcomes(), qsizetype(1), 60000);
    QCOMPARE(m_events->cancelled.size(), 1);
    QVERIFY2(m_events->cancelled.first().first, qPrintable(m_events->cancelled.first().second));
    QVERIFY(m_events->progress.last() < m_events->total);
    QVERIFY(!serverHasRelease(m_otterd, release.releaseId));
    expectNothingLeft();
    // No open session of it (completed uploads keep theirs, with the release id, for lost answers).
    QCOMPARE(
        sqliteText(m_otterd, QStringLiteral("SELECT count(*) FROM upload_sessions WHERE release_id = ''")),
        QStringLiteral("0"));

    // The client is free again: the same release goes through afterwards.
    uploadAndWait(ReleaseUploadSource::bundle(release.bundlePath));
    QCOMPARE(m_events->finished.size(), 1);
    QVERIFY(serverHasRelease(m_otterd, release.releaseId));
}

void TestReleaseUpload::addAndRevokeKey()
{
    const TestKey fresh = newTestKey();
    // An operator may not: the refusal comes back as a key failure in the server's words.
    m_client.calls()->addTrustedKey(QString::fromUtf8(fresh.publicPem), QStringLiteral("ci-2026"), {});
    QTRY_COMPARE_WITH_TIMEOUT(m_events->keyFailures.size(), qsizetype(1), 30000);
    QCOMPARE(m_events->keyFailures.first().first, QStringLiteral("add"));

    connectAs(QStringLiteral("ada"));
    m_client.calls()->addTrustedKey(QString::fromUtf8(fresh.publicPem), QStringLiteral("ci-2026"),
                                    QStringLiteral("build farm HSM"));
    QTRY_COMPARE_WITH_TIMEOUT(m_events->added.size(), qsizetype(1), 30000);
    QCOMPARE(m_events->added.first().id, fresh.id);
    QCOMPARE(m_events->added.first().state, QStringLiteral("ACTIVE"));
    QCOMPARE(m_events->added.first().comment, QStringLiteral("build farm HSM"));

    // A private key is not a public key: refused with otterd's explanation.
    m_client.calls()->addTrustedKey(QString::fromUtf8(fresh.key.toPem()), QStringLiteral("oops"), {});
    QTRY_COMPARE_WITH_TIMEOUT(m_events->keyFailures.size(), qsizetype(1), 30000);

    m_client.calls()->revokeTrustedKey(fresh.id, QStringLiteral("rotated"));
    QTRY_COMPARE_WITH_TIMEOUT(m_events->revoked.size(), qsizetype(1), 30000);
    QCOMPARE(m_events->revoked.first().state, QStringLiteral("REVOKED"));
    QCOMPARE(m_events->revoked.first().revocationReason, QStringLiteral("rotated"));
    m_client.calls()->revokeTrustedKey(fresh.id, QStringLiteral("again"));
    QTRY_COMPARE_WITH_TIMEOUT(m_events->keyFailures.size(), qsizetype(2), 30000);
    QCOMPARE(m_events->keyFailures.last().first, QStringLiteral("revoke"));

    // A release signed by the revoked key: refused locally and by otterd as a revoked key.
    ReleaseSpec spec;
    spec.version = QStringLiteral("5.0.0");
    const SignedRelease release = makeRelease(newDir(), fresh, spec);
    const ReleasePrecheck check =
        precheckBundle(release.bundlePath, serverKeys(m_otterd), knownReleases(m_otterd));
    QCOMPARE(check.failure, PrecheckFailure::KeyRevoked);
    QVERIFY2(check.message.contains(QStringLiteral("rotated")), qPrintable(check.message));
    uploadAndWait(ReleaseUploadSource::bundle(release.bundlePath));
    QCOMPARE(m_events->failed.size(), 1);
    QCOMPARE(m_events->failed.first().first, precheckName(PrecheckFailure::KeyRevoked));
}

QTEST_MAIN(TestReleaseUpload)
#include "tst_release_upload.moc"
