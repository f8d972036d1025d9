// ReleaseService uploads that stop half-way, against a real otterd: a cancelled stream leaves nothing, a
// resumable upload continues from the committed offset (QueryUpload) with the final hash intact, resumes that
// do not fit are refused, and CancelUpload discards the bytes.
#include "core/manifest.h"
#include "core/sha256.h"
#include "otter/v1/rollouts.pb.h"
#include "release_service_fixture.h"

#include <QDir>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace otter;
using namespace otter::test;

class TestReleaseResume : public QObject, protected ReleaseServiceFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

    void cancelledUploadLeavesNothing()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("cancelled"),
                    {QStringLiteral("5.0.0"), 7, {QStringLiteral("gw-500")}, 16 << 20, 19});
        const QStringList artifactsBefore = filesUnder(m_otterd, QStringLiteral("artifacts"));
        UploadStream stream(m_otterd, bundleHeader(fileSize(signed_.bundlePath)), signed_.bundlePath);
        QVERIFY(stream.send(4 << 20));
        // The server has really received bytes: its scratch file is growing.
        QVERIFY(waitFor([&] {
            const QStringList files = filesUnder(m_otterd, QStringLiteral("uploads"));
            return files.size() == 1 &&
                   fileSize(QDir(m_otterd.dataDir()).filePath(QStringLiteral("uploads/") + files.first())) >
                       (1 << 20);
        }));
        const grpc::Status status = stream.cancel();
        QCOMPARE(status.error_code(), grpc::StatusCode::CANCELLED);
        QVERIFY2(waitFor([&] { return filesUnder(m_otterd, QStringLiteral("uploads")).isEmpty(); }),
                 qPrintable(filesUnder(m_otterd, QStringLiteral("uploads")).join(u',')));
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("artifacts")), artifactsBefore);
        QCOMPARE(releaseRows(signed_.releaseId), 0);
        QCOMPARE(get(signed_.releaseId).error_code(), grpc::StatusCode::NOT_FOUND);
    }

    void resumableUpload()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("resumable"),
                    {QStringLiteral("6.0.0"), 8, {QStringLiteral("gw-600")}, 12 << 20, 20});
        const QString uploadId = QStringLiteral("3f2c9a1e-resume");
        const v1::UploadHeader header = bundleHeader(fileSize(signed_.bundlePath), uploadId);
        const qint64 half = fileSize(signed_.bundlePath) / 2;
        {
            UploadStream first(m_otterd, header, signed_.bundlePath);
            QVERIFY(first.send(half));
            // The server commits durably every 4 MiB: wait until it has, then break the stream.
            v1::QueryUploadResponse progress;
            QVERIFY(waitFor([&] {
                return queryUpload(uploadId, &progress).ok() && progress.committed_offset() >= (4u << 20);
            }));
            QCOMPARE(qint64(progress.total_size()), fileSize(signed_.bundlePath));
            QVERIFY(progress.expires_at().seconds() > QDateTime::currentSecsSinceEpoch());
            QVERIFY(progress.release_id().empty());
            QCOMPARE(first.cancel().error_code(), grpc::StatusCode::CANCELLED);
        }
        // Nothing is visible yet, but the part file holds the committed bytes.
        QCOMPARE(releaseRows(signed_.releaseId), 0);
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")),
                 QStringList{QStringLiteral("upload-%1.part").arg(uploadId)});

        // A resume at the wrong offset is told where to continue; one with another header is refused.
        v1::UploadHeader wrong = header;
        wrong.set_offset(1);
        const UploadResult misplaced =
            upload(m_otterd, wrong, signed_.bundlePath, {QStringLiteral("olga"), 1, 0});
        if (misplaced.status.error_code() != grpc::StatusCode::ABORTED) {
            verifyRefused(misplaced, grpc::StatusCode::FAILED_PRECONDITION,
                          v1::ERROR_REASON_UPLOAD_OFFSET_MISMATCH, QStringLiteral("bytes committed"));
            QVERIFY(misplaced.detail->committed_offset() >= (4u << 20));
        }

        // Resume: ask where to continue, send the rest. The first stream may still be winding down
        // (ABORTED), or may commit more after the query (OFFSET_MISMATCH): both say "ask again".
        UploadResult resumed;
        qint64 resumedAt = -1;
        QVERIFY(waitFor([&] {
            v1::QueryUploadResponse progress;
            if (!queryUpload(uploadId, &progress).ok())
                return false;
            v1::UploadHeader resume = header;
            resume.set_offset(progress.committed_offset());
            resumedAt = qint64(progress.committed_offset());
            resumed = upload(m_otterd, resume, signed_.bundlePath,
                             {QStringLiteral("olga"), resumedAt, -1, 256 * 1024});
            return resumed.status.error_code() != grpc::StatusCode::ABORTED &&
                   resumed.reason() != v1::ERROR_REASON_UPLOAD_OFFSET_MISMATCH;
        }));
        QVERIFY2(resumed.status.ok(), qPrintable(resumed.message()));
        QVERIFY(resumedAt >= (4 << 20) && resumedAt <= half);
        QCOMPARE(QString::fromStdString(resumed.release.id()), signed_.releaseId);
        auto digest = hashFile(artifactPath(m_otterd, signed_.imageSha256));
        QVERIFY(digest.ok());
        QCOMPARE(toHex(digest->sha256), signed_.imageSha256);
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")), QStringList());

        // The session remembers the outcome, for a client whose answer was lost.
        v1::QueryUploadResponse done;
        QVERIFY(queryUpload(uploadId, &done).ok());
        QCOMPARE(QString::fromStdString(done.release_id()), signed_.releaseId);
        QCOMPARE(qint64(done.committed_offset()), qint64(done.total_size()));
        QVERIFY(sqliteText(m_otterd,
                           QStringLiteral("SELECT details FROM audit_log WHERE action = 'release.upload' AND "
                                          "object = 'release/%1'")
                               .arg(signed_.releaseId))
                    .contains(uploadId));

        // A completed upload id is not reused for another upload.
        v1::UploadHeader other = header;
        other.mutable_bundle()->set_file_name("other.otb");
        const UploadResult completed = upload(m_otterd, other, signed_.bundlePath);
        QCOMPARE(completed.status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
    }

    void resumeRefusals()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("resume-refusals"),
                    {QStringLiteral("6.1.0"), 8, {QStringLiteral("gw-600")}, 100 * 1024, 21});
        const QString uploadId = QStringLiteral("resume-refusals");
        const v1::UploadHeader header = bundleHeader(fileSize(signed_.bundlePath), uploadId);
        // Half-close after 40000 bytes: a clean end before total_size keeps the bytes of a resumable upload.
        const UploadResult partial =
            upload(m_otterd, header, signed_.bundlePath, {QStringLiteral("olga"), 0, 40000});
        verifyRefused(partial, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_UPLOAD_SIZE_MISMATCH,
                      QStringLiteral("resume upload %1 at offset 40000").arg(uploadId));
        v1::QueryUploadResponse progress;
        QVERIFY(queryUpload(uploadId, &progress).ok());
        QCOMPARE(progress.committed_offset(), 40000u);

        v1::UploadHeader changed = header;
        changed.mutable_bundle()->set_file_name("renamed.otb");
        changed.set_offset(40000);
        verifyRefused(upload(m_otterd, changed, signed_.bundlePath, {QStringLiteral("olga"), 40000}),
                      grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_UPLOAD_HEADER_MISMATCH,
                      QStringLiteral("same header"));
        v1::UploadHeader misplaced = header;
        misplaced.set_offset(50000);
        const UploadResult offset =
            upload(m_otterd, misplaced, signed_.bundlePath, {QStringLiteral("olga"), 50000});
        verifyRefused(offset, grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_UPLOAD_OFFSET_MISMATCH,
                      QStringLiteral("resume at offset 40000"));
        QCOMPARE(offset.detail->committed_offset(), 40000u);

        // Someone else's upload is neither resumable, queryable nor cancellable by them.
        v1::UploadHeader resume = header;
        resume.set_offset(40000);
        const UploadResult stolen =
            upload(m_otterd, resume, signed_.bundlePath, {QStringLiteral("oscar"), 40000});
        QCOMPARE(stolen.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        QCOMPARE(queryUpload(uploadId, &progress, QStringLiteral("oscar")).error_code(),
                 grpc::StatusCode::PERMISSION_DENIED);
        QCOMPARE(cancelUpload(uploadId, QStringLiteral("oscar")).error_code(),
                 grpc::StatusCode::PERMISSION_DENIED);
        QCOMPARE(queryUpload(QStringLiteral("never-started"), &progress).error_code(),
                 grpc::StatusCode::NOT_FOUND);
        v1::UploadHeader unknown =
            bundleHeader(fileSize(signed_.bundlePath), QStringLiteral("never-started"));
        unknown.set_offset(10);
        QCOMPARE(
            upload(m_otterd, unknown, signed_.bundlePath, {QStringLiteral("olga"), 10}).status.error_code(),
            grpc::StatusCode::NOT_FOUND);

        // After all that, the committed bytes are intact: the rest completes the release.
        const UploadResult finished =
            upload(m_otterd, resume, signed_.bundlePath, {QStringLiteral("olga"), 40000});
        QVERIFY2(finished.status.ok(), qPrintable(finished.message()));
        QCOMPARE(QString::fromStdString(finished.release.id()), signed_.releaseId);
    }

    void cancelUploadDiscardsTheBytes()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("cancel-upload"),
                    {QStringLiteral("7.0.0"), 9, {QStringLiteral("gw-700")}, 100 * 1024, 22});
        const QString uploadId = QStringLiteral("cancel-me");
        const v1::UploadHeader header = bundleHeader(fileSize(signed_.bundlePath), uploadId);
        const UploadResult partial =
            upload(m_otterd, header, signed_.bundlePath, {QStringLiteral("olga"), 0, 30000});
        QCOMPARE(partial.reason(), v1::ERROR_REASON_UPLOAD_SIZE_MISMATCH);
        const QString part =
            QDir(m_otterd.dataDir()).filePath(QStringLiteral("uploads/upload-%1.part").arg(uploadId));
        QCOMPARE(fileSize(part), 30000);

        QVERIFY(cancelUpload(uploadId).ok());
        QVERIFY(!QFileInfo::exists(part));
        v1::QueryUploadResponse progress;
        QCOMPARE(queryUpload(uploadId, &progress).error_code(), grpc::StatusCode::NOT_FOUND);
        QCOMPARE(cancelUpload(uploadId).error_code(), grpc::StatusCode::NOT_FOUND);
        QCOMPARE(auditCount(QStringLiteral("upload.cancel"), QStringLiteral("upload/%1").arg(uploadId)), 1);

        // A stream still writing to a cancelled upload is ended with CANCELLED.
        UploadStream live(m_otterd, header, signed_.bundlePath);
        QVERIFY(live.send(20000));
        QVERIFY(waitFor([&] { return queryUpload(uploadId, &progress).ok(); }));
        QVERIFY(waitFor([&] { return fileSize(part) >= 20000; }));
        QVERIFY(cancelUpload(uploadId).ok());
        QCOMPARE(live.finish().error_code(), grpc::StatusCode::CANCELLED);
        QVERIFY(waitFor([&] { return filesUnder(m_otterd, QStringLiteral("uploads")).isEmpty(); }));
        QCOMPARE(queryUpload(uploadId, &progress).error_code(), grpc::StatusCode::NOT_FOUND);
        QCOMPARE(releaseRows(signed_.releaseId), 0);
    }

    void cleanupTestCase() { QVERIFY2(m_otterd.stop(), qPrintable(m_otterd.log())); }
};

QTEST_GUILESS_MAIN(TestReleaseResume)
#include "tst_release_resume.moc"
