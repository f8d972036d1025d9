// A 1 GiB image through the console's real upload path (signed on the spot: streamed hash and signature,
// the pre-upload check, then ReleaseCalls against a real otterd): the test process's peak resident memory
// stays under 200 MiB, and a cancelled upload of it leaves nothing on the server.
#include "app/client/client_thread.h"

#include "client_fixture.h"
#include "client_recorder.h"
#include "large_image.h"
#include "release_upload_support.h"

#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::client;
using namespace otter::test;

namespace {

constexpr qint64 ImageBytes = qint64(1) << 30;
constexpr qint64 PeakLimitBytes = qint64(200) << 20;

} // namespace

class TestReleaseUploadMemory final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void uploadInConstantMemory();
    void cancelLeavesNothing();

private:
    OtterdHarness m_otterd;
    QTemporaryDir m_scratch;
    QString m_image;
    TestKey m_key = newTestKey();
    std::optional<SignedManifest> m_signed;
    ReleaseClient m_client;
    std::shared_ptr<UploadEvents> m_events;
};

void TestReleaseUploadMemory::initTestCase()
{
    QVERIFY(m_scratch.isValid());
    QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
    QVERIFY(trustKey(m_otterd, m_key).ok());
    m_image = m_scratch.filePath(QStringLiteral("image-1gib.bin"));
    QVERIFY(writePatternFile(m_image, ImageBytes));
    QCOMPARE(QFileInfo(m_image).size(), ImageBytes);

    QVERIFY(m_client.connect(m_otterd, QStringLiteral("olga"), this));
    m_events = m_client.events;
}

void TestReleaseUploadMemory::cleanupTestCase()
{
    m_client.reset();
    QFile::remove(m_image);
}

void TestReleaseUploadMemory::uploadInConstantMemory()
{
    const qint64 before = peakResidentBytes();
    QVERIFY(before > 0);
    ReleaseSigningSpec spec;
    spec.imagePath = m_image;
    spec.hardwareClasses = {QStringLiteral("gw-200")};
    spec.version = QStringLiteral("9.0.0");
    spec.securityVersion = 9;
    spec.created = QDateTime::currentDateTimeUtc();
    qint64 hashed = 0;
    auto made = signRelease(spec, {m_key.key}, [&](qint64 done) {
        hashed = done;
        return true;
    });
    QVERIFY2(made, qPrintable(made.errorMessage()));
    QCOMPARE(hashed, ImageBytes);
    m_signed = *made;
    const ReleasePrecheck check =
        precheckSigned(m_image, *made, serverKeys(m_otterd), knownReleases(m_otterd));
    QVERIFY2(check.passed(), qPrintable(check.message));
    QCOMPARE(check.imageSize, ImageBytes);

    m_client.calls()->upload(ReleaseUploadSource::parts(m_image, made->manifestBytes, made->signatures));
    QTRY_COMPARE_WITH_TIMEOUT(m_events->outcomes(), qsizetype(1), 600000);
    QVERIFY2(m_events->failed.isEmpty(), qPrintable(m_events->failed.value(0).second));
    QCOMPARE(m_events->finished.size(), 1);
    QCOMPARE(m_events->finished.first().imageSize, quint64(ImageBytes));
    QVERIFY(serverHasRelease(m_otterd, check.releaseId));
    // Progress came in steps through the whole transfer, not only at the end.
    QVERIFY(m_events->progress.size() > 100);
    QCOMPARE(m_events->progress.last(), ImageBytes);

    const qint64 peak = peakResidentBytes();
    qInfo("peak resident memory: %.1f MiB before, %.1f MiB after hashing and uploading 1 GiB",
          double(before) / (1 << 20), double(peak) / (1 << 20));
    QVERIFY2(peak < PeakLimitBytes, qPrintable(QStringLiteral("peak RSS %1 MiB").arg(peak >> 20)));
}

void TestReleaseUploadMemory::cancelLeavesNothing()
{
    QVERIFY(m_signed);
    // Another version of the same image, so the server has a reason to take it.
    ReleaseSigningSpec spec;
    spec.imagePath = m_image;
    spec.hardwareClasses = {QStringLiteral("gw-300")};
    spec.version = QStringLiteral("9.1.0");
    spec.securityVersion = 9;
    spec.created = QDateTime::currentDateTimeUtc();
    auto made = signRelease(spec, {m_key.key});
    QVERIFY2(made, qPrintable(made.errorMessage()));
    const QString releaseId = toHex(Sha256::hash(made->manifestBytes));

    // Cancelled from the progress signal itself, once 64 MiB are on the server: mid-way for certain.
    ReleaseCalls *calls = m_client.calls();
    qint64 cancelledAt = -1;
    QObject guard;
    connect(calls, &ReleaseCalls::uploadProgress, &guard, [&](qint64 sent, qint64) {
        if (cancelledAt < 0 && sent >= (qint64(64) << 20)) {
            cancelledAt = sent;
            calls->cancelUpload();
        }
    });
    calls->upload(ReleaseUploadSource::parts(m_image, made->manifestBytes, made->signatures));
    QTRY_COMPARE_WITH_TIMEOUT(m_events->outcomes(), qsizetype(2), 120000);
    QCOMPARE(m_events->cancelled.size(), 1);
    QVERIFY2(m_events->cancelled.first().first, qPrintable(m_events->cancelled.first().second));
    QVERIFY(cancelledAt > 0 && m_events->progress.last() < ImageBytes);
    QCOMPARE(queryUpload(m_otterd, m_events->uploadIds.last()), grpc::StatusCode::NOT_FOUND);
    QVERIFY(!serverHasRelease(m_otterd, releaseId));
    QVERIFY2(waitFor([&] { return filesUnder(m_otterd, QStringLiteral("uploads")).isEmpty(); }),
             qPrintable(filesUnder(m_otterd, QStringLiteral("uploads")).join(u',')));
    // No open session of it (completed uploads keep theirs, with the release id, for lost answers).
    QCOMPARE(
        sqliteText(m_otterd, QStringLiteral("SELECT count(*) FROM upload_sessions WHERE release_id = ''")),
        QStringLiteral("0"));
    QVERIFY(peakResidentBytes() < PeakLimitBytes);
}

QTEST_MAIN(TestReleaseUploadMemory)
#include "tst_release_upload_memory.moc"
