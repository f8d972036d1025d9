// ReleaseService against a real otterd: bundle and parts uploads of really signed releases, every refusal
// with its ErrorDetail reason, listing, getting and deleting releases. Cancelled and resumed uploads are in
// tst_release_resume.cpp.
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

class TestReleases : public QObject, protected ReleaseServiceFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

    void uploadBundle()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("bundle"),
                    {QStringLiteral("1.0.0"), 1, {QStringLiteral("gw-200")}, 300 * 1024, 1});
        const UploadResult result = otter::test::uploadBundle(m_otterd, signed_);
        QVERIFY2(result.status.ok(), qPrintable(result.message()));
        const v1::Release &stored = result.release;
        QCOMPARE(QString::fromStdString(stored.id()), signed_.releaseId);
        QCOMPARE(stored.version(), "1.0.0");
        QCOMPARE(stored.security_version(), 1u);
        QCOMPARE(stored.hardware_classes_size(), 1);
        QCOMPARE(stored.hardware_classes(0), "gw-200");
        QCOMPARE(stored.vendor_id(), "otter-test");
        QCOMPARE(stored.payload_type(), "full-image");
        QCOMPARE(qint64(stored.image_size()), signed_.imageSize);
        QCOMPARE(QString::fromStdString(stored.image_sha256()), signed_.imageSha256);
        QCOMPARE(stored.signer_key_ids_size(), 1);
        QCOMPARE(QString::fromStdString(stored.signer_key_ids(0)), m_key.id);
        // The bundle's lone manifest.sig is named by the key that verified it.
        QCOMPARE(stored.signatures_size(), 1);
        QCOMPARE(QString::fromStdString(stored.signatures(0).key_id()), m_key.id);
        QCOMPARE(QByteArray::fromStdString(stored.signatures(0).signature()), signed_.signature);
        QCOMPARE(QByteArray::fromStdString(stored.manifest()), signed_.manifest);
        QCOMPARE(stored.uploaded_by(), "olga");
        QVERIFY(stored.revision() > 0);

        v1::Release got;
        QVERIFY(get(signed_.releaseId, &got).ok());
        QCOMPARE(got.SerializeAsString(), stored.SerializeAsString());
        const QList<v1::Release> listed = list();
        QVERIFY(std::any_of(listed.begin(), listed.end(), [&](const v1::Release &r) {
            return QString::fromStdString(r.id()) == signed_.releaseId;
        }));

        // The image sits content-addressed in the store, byte for byte, and the scratch area is clean.
        const QString artifact = artifactPath(m_otterd, signed_.imageSha256);
        QVERIFY2(QFileInfo::exists(artifact), qPrintable(artifact));
        auto digest = hashFile(artifact);
        QVERIFY(digest.ok());
        QCOMPARE(toHex(digest->sha256), signed_.imageSha256);
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")), QStringList());

        QCOMPARE(
            auditCount(QStringLiteral("release.upload"), QStringLiteral("release/%1").arg(signed_.releaseId)),
            1);
        const QJsonArray rows = sqliteRows(
            m_otterd, QStringLiteral(
                          "SELECT actor, details FROM audit_log WHERE action = 'release.upload' AND object = "
                          "'release/%1'")
                          .arg(signed_.releaseId));
        const QString details = rows[0].toObject().value(QLatin1StringView("details")).toString();
        QCOMPARE(rows[0].toObject().value(QLatin1StringView("actor")).toString(), QStringLiteral("olga"));
        QVERIFY2(details.contains(u"\"version\":\"1.0.0\"") && details.contains(m_key.id) &&
                     details.contains(u"\"security_version\":1") && details.contains(u"gw-200"),
                 qPrintable(details));
    }

    void uploadParts()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("parts"), {QStringLiteral("1.1.0"),
                                              2,
                                              {QStringLiteral("gw-200"), QStringLiteral("gw-210")},
                                              200 * 1024,
                                              2});
        const UploadResult result = upload(m_otterd, partsHeader(signed_), signed_.imagePath);
        QVERIFY2(result.status.ok(), qPrintable(result.message()));
        QCOMPARE(QString::fromStdString(result.release.id()), signed_.releaseId);
        QCOMPARE(result.release.hardware_classes_size(), 2);
        QCOMPARE(QString::fromStdString(result.release.signatures(0).key_id()), m_key.id);
        auto digest = hashFile(artifactPath(m_otterd, signed_.imageSha256));
        QVERIFY(digest.ok());
        QCOMPARE(toHex(digest->sha256), signed_.imageSha256);
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")), QStringList());
        QVERIFY(get(signed_.releaseId).ok());
    }

    void tamperedManifestIsRefused()
    {
        SignedRelease signed_ =
            release(QStringLiteral("tampered-manifest"),
                    {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 100 * 1024, 3});
        // One byte of the signed manifest changes: 2.0.0 becomes 2.0.1, still valid JSON.
        QByteArray manifest = signed_.manifest;
        const qsizetype at = manifest.indexOf("\"2.0.0\"");
        QVERIFY(at > 0);
        manifest[at + 5] = '1';
        writeTestBundle(signed_.bundlePath, manifest, signed_.signature, signed_.imagePath);
        signed_.releaseId = toHex(Sha256::hash(manifest));
        const UploadResult result = otter::test::uploadBundle(m_otterd, signed_);
        verifyRefused(result, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_SIGNATURE_INVALID,
                      QStringLiteral("changed after signing"));
        verifyNothingLeft(signed_);
        QVERIFY(auditCount(QStringLiteral("call.refused"), QStringLiteral("UploadRelease")) > 0);
    }

    void tamperedImageIsRefused()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("tampered-image"),
                    {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 100 * 1024, 4});
        QByteArray image = readFile(signed_.imagePath);
        image[image.size() / 2] = char(image[image.size() / 2] ^ 0x01);
        writeFile(signed_.imagePath, image);
        writeTestBundle(signed_.bundlePath, signed_.manifest, signed_.signature, signed_.imagePath);
        const UploadResult result = otter::test::uploadBundle(m_otterd, signed_);
        verifyRefused(result, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_IMAGE_HASH_MISMATCH,
                      QStringLiteral("SHA-256"));
        verifyNothingLeft(signed_);

        // The same in parts mode, where the server hashes the streamed image itself.
        const UploadResult parts = upload(m_otterd, partsHeader(signed_), signed_.imagePath);
        verifyRefused(parts, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_IMAGE_HASH_MISMATCH,
                      QStringLiteral("SHA-256"));
        verifyNothingLeft(signed_);
    }

    void imageOfAnotherSizeIsRefused()
    {
        const SignedRelease signed_ = release(
            QStringLiteral("size"), {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 100 * 1024, 5});
        v1::UploadHeader header = partsHeader(signed_);
        header.set_total_size(header.total_size() + 10);
        const UploadResult result = upload(m_otterd, header, signed_.imagePath);
        verifyRefused(result, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_IMAGE_SIZE_MISMATCH,
                      QStringLiteral("%1 bytes").arg(signed_.imageSize));
        verifyNothingLeft(signed_);
    }

    void unknownKeyIsRefused()
    {
        const TestKey stranger = newTestKey();
        const SignedRelease signed_ =
            makeRelease(dir(QStringLiteral("unknown-key")), stranger,
                        {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 100 * 1024, 6});
        const UploadResult result = otter::test::uploadBundle(m_otterd, signed_);
        verifyRefused(result, grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_KEY_UNKNOWN,
                      stranger.id);
        verifyNothingLeft(signed_);
        const UploadResult parts = upload(m_otterd, partsHeader(signed_), signed_.imagePath);
        verifyRefused(parts, grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_KEY_UNKNOWN,
                      stranger.id);
    }

    void revokedKeyIsRefused()
    {
        const TestKey retired = newTestKey();
        QVERIFY(trustKey(m_otterd, retired, QStringLiteral("retired")).ok());
        const SignedRelease signed_ =
            makeRelease(dir(QStringLiteral("revoked-key")), retired,
                        {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 100 * 1024, 7});
        QVERIFY(revokeKey(m_otterd, retired.id, QStringLiteral("build server compromised")).ok());
        const UploadResult result = otter::test::uploadBundle(m_otterd, signed_);
        verifyRefused(result, grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_KEY_REVOKED,
                      QStringLiteral("which was revoked on"));
        QVERIFY(result.message().contains(retired.id));
        QVERIFY(result.message().contains(u"build server compromised"));
        verifyNothingLeft(signed_);
        const UploadResult parts = upload(m_otterd, partsHeader(signed_), signed_.imagePath);
        verifyRefused(parts, grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_KEY_REVOKED,
                      QStringLiteral("revoked"));
    }

    void forgeriesAreRefusedBeforeTheImage()
    {
        // A large bundle whose manifest was altered: the server must answer after its first bytes, while
        // the stream is still open, instead of waiting for (and hashing) the whole image.
        SignedRelease signed_ = release(
            QStringLiteral("early"), {QStringLiteral("2.5.0"), 3, {QStringLiteral("gw-200")}, 16 << 20, 30});
        QByteArray manifest = signed_.manifest;
        manifest.replace("\"2.5.0\"", "\"2.5.1\"");
        writeTestBundle(signed_.bundlePath, manifest, signed_.signature, signed_.imagePath);
        {
            UploadStream stream(m_otterd, bundleHeader(fileSize(signed_.bundlePath)), signed_.bundlePath, 0,
                                QStringLiteral("olga"), 30000);
            stream.send(256 * 1024);
            const grpc::Status status = stream.awaitAnswer(); // no half-close: only an early answer returns
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QVERIFY(stream.detail().has_value());
            QCOMPARE(stream.detail()->reason(), v1::ERROR_REASON_SIGNATURE_INVALID);
        }
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")), QStringList());

        // Parts mode: an unknown signer is refused on the header, before any image byte is sent.
        const TestKey stranger = newTestKey();
        const SignedRelease foreign =
            makeRelease(dir(QStringLiteral("early-parts")), stranger,
                        {QStringLiteral("2.5.0"), 3, {QStringLiteral("gw-200")}, 1 << 20, 31});
        UploadStream parts(m_otterd, partsHeader(foreign), foreign.imagePath, 0, QStringLiteral("olga"),
                           30000);
        const grpc::Status status = parts.awaitAnswer();
        QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        QCOMPARE(parts.detail()->reason(), v1::ERROR_REASON_KEY_UNKNOWN);
        QCOMPARE(filesUnder(m_otterd, QStringLiteral("uploads")), QStringList());
    }

    void invalidManifestIsRefused()
    {
        // Correctly signed by a trusted key, but the version is no semantic version.
        const SignedRelease base =
            release(QStringLiteral("bad-manifest"),
                    {QStringLiteral("9.9.9"), 3, {QStringLiteral("gw-200")}, 50 * 1024, 8});
        QByteArray manifest = base.manifest;
        manifest.replace("\"9.9.9\"", "\"banana\"");
        const QByteArray signature = *m_key.key.sign(manifest);
        SignedRelease signed_ = base;
        writeTestBundle(signed_.bundlePath, manifest, signature, signed_.imagePath);
        signed_.releaseId = toHex(Sha256::hash(manifest));
        const UploadResult result = otter::test::uploadBundle(m_otterd, signed_);
        verifyRefused(result, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_MANIFEST_INVALID,
                      QStringLiteral("banana"));
        verifyNothingLeft(signed_);
    }

    void announcedSizeMustMatch()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("announced"),
                    {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 100 * 1024, 9});
        const qint64 size = fileSize(signed_.bundlePath);
        const UploadResult shortStream = upload(m_otterd, bundleHeader(size + 100), signed_.bundlePath);
        verifyRefused(shortStream, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_UPLOAD_SIZE_MISMATCH,
                      QStringLiteral("ended after %1 of the %2 bytes").arg(size).arg(size + 100));
        verifyNothingLeft(signed_);
        const UploadResult longStream = upload(m_otterd, bundleHeader(size - 100), signed_.bundlePath);
        verifyRefused(longStream, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_UPLOAD_SIZE_MISMATCH,
                      QStringLiteral("ran past"));
        verifyNothingLeft(signed_);
    }

    void truncatedBundleIsRefused()
    {
        SignedRelease signed_ =
            release(QStringLiteral("truncated"),
                    {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 100 * 1024, 10});
        const QByteArray bundle = readFile(signed_.bundlePath);
        writeFile(signed_.bundlePath, bundle.left(bundle.size() / 2));
        const UploadResult result = otter::test::uploadBundle(m_otterd, signed_);
        verifyRefused(result, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_BUNDLE_MALFORMED,
                      QStringLiteral("truncated"));
        verifyNothingLeft(signed_);
    }

    void bundleWithoutImageIsRefused()
    {
        // Made by the stock tar tool: a manifest and its signature, and nothing else.
        const SignedRelease signed_ =
            release(QStringLiteral("no-image"),
                    {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 10 * 1024, 11});
        const QString members = dir(QStringLiteral("no-image/members"));
        QDir().mkpath(members);
        writeFile(members + QStringLiteral("/manifest.json"), signed_.manifest);
        writeFile(members + QStringLiteral("/manifest.sig"), signed_.signature);
        const QString bundle = dir(QStringLiteral("no-image/no-image.otb"));
        QProcess tar;
        tar.setWorkingDirectory(members);
        tar.start(QStringLiteral("tar"), {QStringLiteral("cf"), bundle, QStringLiteral("manifest.json"),
                                          QStringLiteral("manifest.sig")});
        QVERIFY(tar.waitForFinished(30000) && tar.exitCode() == 0);
        const UploadResult result = upload(m_otterd, bundleHeader(fileSize(bundle)), bundle);
        verifyRefused(result, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_BUNDLE_MALFORMED,
                      QStringLiteral("no image.bin"));
        verifyNothingLeft(signed_);

        const QString garbage = writeFile(dir(QStringLiteral("garbage.otb")), QByteArray(20000, 'x'));
        const UploadResult notTar = upload(m_otterd, bundleHeader(20000), garbage);
        verifyRefused(notTar, grpc::StatusCode::INVALID_ARGUMENT, v1::ERROR_REASON_BUNDLE_MALFORMED,
                      QStringLiteral("not a tar"));
    }

    void protocolViolationsAreRefused()
    {
        const SignedRelease signed_ =
            release(QStringLiteral("protocol"),
                    {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 10 * 1024, 12});
        // A chunk first, no header.
        {
            auto context = m_otterd.as(QStringLiteral("olga"));
            v1::UploadReleaseResponse response;
            auto writer = m_stub->UploadRelease(context.get(), &response);
            v1::UploadReleaseRequest chunk;
            chunk.set_chunk("abc");
            writer->Write(chunk);
            writer->WritesDone();
            const grpc::Status status = writer->Finish();
            QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
            QVERIFY(QString::fromStdString(status.error_message()).contains(u"header"));
        }
        // A header without a format, and an offset without an upload id.
        v1::UploadHeader header = bundleHeader(fileSize(signed_.bundlePath));
        header.clear_bundle();
        UploadResult result = upload(m_otterd, header, signed_.bundlePath);
        QCOMPARE(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(result.message().contains(u"header.format"));
        header = bundleHeader(fileSize(signed_.bundlePath));
        header.set_offset(10);
        result = upload(m_otterd, header, signed_.bundlePath);
        QCOMPARE(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(result.message().contains(u"upload_id"));
        // A parts header without a signature.
        header = partsHeader(signed_);
        header.mutable_parts()->clear_signatures();
        result = upload(m_otterd, header, signed_.imagePath);
        QCOMPARE(result.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY(result.message().contains(u"signatures"));
        verifyNothingLeft(signed_);
    }

    void callersBelowOperatorAreRefused()
    {
        const SignedRelease signed_ = release(
            QStringLiteral("roles"), {QStringLiteral("2.0.0"), 3, {QStringLiteral("gw-200")}, 10 * 1024, 13});
        const UploadResult anonymous = otter::test::uploadBundle(m_otterd, signed_, QString());
        QCOMPARE(anonymous.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        const UploadResult viewer = otter::test::uploadBundle(m_otterd, signed_, QStringLiteral("vera"));
        QCOMPARE(viewer.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        QVERIFY2(viewer.message().contains(u"operator") && viewer.message().contains(u"viewer"),
                 qPrintable(viewer.message()));
        verifyNothingLeft(signed_);
        const QJsonArray refusals = sqliteRows(
            m_otterd,
            QStringLiteral("SELECT details FROM audit_log WHERE action = 'call.refused' AND object = "
                           "'UploadRelease' AND details LIKE '%vera has the viewer role%'"));
        QVERIFY(!refusals.isEmpty());
    }

    void duplicatesAndVersionRules()
    {
        const SignedRelease first = release(
            QStringLiteral("dup"), {QStringLiteral("3.0.0"), 5, {QStringLiteral("gw-300")}, 20 * 1024, 14});
        const UploadResult stored = otter::test::uploadBundle(m_otterd, first);
        QVERIFY2(stored.status.ok(), qPrintable(stored.message()));

        // The very same release again: the answer names the stored one.
        const UploadResult again = otter::test::uploadBundle(m_otterd, first);
        verifyRefused(again, grpc::StatusCode::ALREADY_EXISTS, v1::ERROR_REASON_ALREADY_EXISTS,
                      QStringLiteral("already stored"));
        QCOMPARE(again.detail->current().kind(), v1::OBJECT_KIND_RELEASE);
        QCOMPARE(QString::fromStdString(again.detail->current().id()), first.releaseId);
        QCOMPARE(again.detail->current().revision(), stored.release.revision());
        QCOMPARE(releaseRows(first.releaseId), 1);
        QVERIFY(QFileInfo::exists(artifactPath(m_otterd, first.imageSha256)));

        // Another build with the same version for the same class.
        const SignedRelease sameVersion =
            release(QStringLiteral("dup-version"),
                    {QStringLiteral("3.0.0"), 5, {QStringLiteral("gw-300")}, 20 * 1024, 15});
        const UploadResult clash = otter::test::uploadBundle(m_otterd, sameVersion);
        verifyRefused(clash, grpc::StatusCode::ALREADY_EXISTS, v1::ERROR_REASON_ALREADY_EXISTS,
                      QStringLiteral("already has version 3.0.0"));
        QCOMPARE(QString::fromStdString(clash.detail->current().id()), first.releaseId);
        verifyNothingLeft(sameVersion);

        // A lower security version than a stored release of the class: devices would refuse it.
        const SignedRelease older =
            release(QStringLiteral("downgrade"),
                    {QStringLiteral("3.1.0"), 4, {QStringLiteral("gw-300")}, 20 * 1024, 16});
        const UploadResult downgrade = otter::test::uploadBundle(m_otterd, older);
        verifyRefused(downgrade, grpc::StatusCode::FAILED_PRECONDITION, v1::ERROR_REASON_DOWNGRADE,
                      QStringLiteral("security version 4 is below the 5"));
        verifyNothingLeft(older);
    }

    void limitsAreEnforced()
    {
        OtterdHarness small;
        QVERIFY2(small.start({QStringLiteral("--max-upload-bytes"), QStringLiteral("100000"),
                              QStringLiteral("--max-message-bytes"), QStringLiteral("65536")}),
                 qPrintable(small.error()));
        QVERIFY(trustKey(small, m_key).ok());
        const SignedRelease big = release(
            QStringLiteral("big"), {QStringLiteral("4.0.0"), 6, {QStringLiteral("gw-400")}, 200 * 1024, 17});
        const UploadResult tooLarge = otter::test::uploadBundle(small, big);
        verifyRefused(tooLarge, grpc::StatusCode::RESOURCE_EXHAUSTED, v1::ERROR_REASON_UPLOAD_TOO_LARGE,
                      QStringLiteral("max_upload_bytes = 100000"));
        // Refused on the header alone: a stream that sends no payload at all gets the same answer.
        UploadPlan headerOnly;
        headerOnly.stopAfter = 0;
        const UploadResult early =
            upload(small, bundleHeader(fileSize(big.bundlePath)), big.bundlePath, headerOnly);
        QCOMPARE(early.reason(), v1::ERROR_REASON_UPLOAD_TOO_LARGE);

        // Chunks above max_upload_chunk_bytes (half the message limit: 32768) are refused by name.
        const SignedRelease fits = release(
            QStringLiteral("fits"), {QStringLiteral("4.0.0"), 6, {QStringLiteral("gw-400")}, 60 * 1024, 18});
        UploadPlan bigChunks;
        bigChunks.chunkBytes = 40000;
        const UploadResult chunky =
            upload(small, bundleHeader(fileSize(fits.bundlePath)), fits.bundlePath, bigChunks);
        QCOMPARE(chunky.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QVERIFY2(chunky.message().contains(u"max_upload_chunk_bytes (32768 bytes)"),
                 qPrintable(chunky.message()));
        UploadPlan smallChunks;
        smallChunks.chunkBytes = 16384;
        const UploadResult accepted =
            upload(small, bundleHeader(fileSize(fits.bundlePath)), fits.bundlePath, smallChunks);
        QVERIFY2(accepted.status.ok(), qPrintable(accepted.message()));
        QCOMPARE(filesUnder(small, QStringLiteral("uploads")), QStringList());
    }

    void listPagesNewestFirstAndFilters()
    {
        // Enough releases for several pages, whatever the tests before left (a class of their own, so that no
        // version rule of another test meets them).
        for (int i = 0; list().size() < 5; ++i) {
            ReleaseSpec spec;
            spec.version = QStringLiteral("3.0.%1").arg(i);
            spec.hardwareClasses = {QStringLiteral("gw-list")};
            spec.seed = quint32(500 + i);
            QVERIFY(otter::test::uploadBundle(m_otterd, release(QStringLiteral("list-%1").arg(i), spec))
                        .status.ok());
        }
        const QList<v1::Release> all = list();
        QVERIFY(all.size() >= 5);
        for (int i = 1; i < all.size(); ++i)
            QVERIFY(all[i - 1].revision() > all[i].revision()); // newest upload first
        int pages = 0;
        const QList<v1::Release> paged = list(QString(), 2, &pages);
        QCOMPARE(paged.size(), all.size());
        QCOMPARE(pages, int((all.size() + 1) / 2));
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(paged[i].id(), all[i].id());

        const QList<v1::Release> gw210 = list(QStringLiteral("gw-210"));
        QCOMPARE(gw210.size(), 1); // only the parts upload names gw-210
        QCOMPARE(gw210[0].version(), "1.1.0");
        QCOMPARE(list(QStringLiteral("gw-999")).size(), 0);

        // A token made for one filter is refused for another.
        v1::ListReleasesRequest request;
        request.set_page_size(1);
        v1::ListReleasesResponse response;
        QVERIFY(m_stub->ListReleases(m_otterd.as(QStringLiteral("vera")).get(), request, &response).ok());
        QVERIFY(!response.next_page_token().empty());
        request.set_page_token(response.next_page_token());
        request.set_hardware_class("gw-200");
        QCOMPARE(
            m_stub->ListReleases(m_otterd.as(QStringLiteral("vera")).get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
    }

    void getUnknownRelease()
    {
        QCOMPARE(get(QString(64, u'0')).error_code(), grpc::StatusCode::NOT_FOUND);
        QCOMPARE(get(QStringLiteral("nope")).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    }

    void deleteRelease()
    {
        // Two releases sharing one image: the file goes only with the last of them.
        const SignedRelease a =
            release(QStringLiteral("shared-a"),
                    {QStringLiteral("8.0.0"), 10, {QStringLiteral("gw-800")}, 50 * 1024, 23});
        const SignedRelease b =
            release(QStringLiteral("shared-b"),
                    {QStringLiteral("8.0.1"), 10, {QStringLiteral("gw-800")}, 50 * 1024, 23});
        QCOMPARE(a.imageSha256, b.imageSha256);
        QVERIFY(otter::test::uploadBundle(m_otterd, a).status.ok());
        QVERIFY(otter::test::uploadBundle(m_otterd, b).status.ok());
        const QString artifact = artifactPath(m_otterd, a.imageSha256);

        auto remove = [&](const QString &id, const QString &as, v1::DeleteReleaseResponse *response) {
            v1::DeleteReleaseRequest request;
            request.set_release_id(id.toStdString());
            return m_stub->DeleteRelease(m_otterd.as(as).get(), request, response);
        };
        v1::DeleteReleaseResponse response;
        QCOMPARE(remove(a.releaseId, QStringLiteral("vera"), &response).error_code(),
                 grpc::StatusCode::PERMISSION_DENIED);
        QCOMPARE(releaseRows(a.releaseId), 1);

        // A rollout that is neither completed nor aborted keeps its release. The row is written with the
        // sqlite3 tool: a draft names only its release, and the engine leaves drafts alone.
        QCOMPARE(sqliteText(m_otterd,
                            QStringLiteral("INSERT INTO rollouts (id, state, release_id, created_at, body, "
                                           "revision) VALUES ('canary-rollout', %1, '%2', 0, x'', 0); "
                                           "SELECT changes()")
                                .arg(int(v1::ROLLOUT_STATE_DRAFT))
                                .arg(a.releaseId)),
                 QStringLiteral("1"));
        {
            auto context = m_otterd.as(QStringLiteral("olga"));
            v1::DeleteReleaseRequest request;
            request.set_release_id(a.releaseId.toStdString());
            const grpc::Status status = m_stub->DeleteRelease(context.get(), request, &response);
            QCOMPARE(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
            QVERIFY(QString::fromStdString(status.error_message()).contains(u"canary-rollout"));
            const auto detail = errorDetail(*context);
            QVERIFY(detail.has_value());
            QCOMPARE(detail->reason(), v1::ERROR_REASON_IN_USE);
            QCOMPARE(detail->used_by_rollout_ids_size(), 1);
            QCOMPARE(detail->used_by_rollout_ids(0), "canary-rollout");
            QCOMPARE(releaseRows(a.releaseId), 1);
        }
        QCOMPARE(
            sqliteText(m_otterd, QStringLiteral("UPDATE rollouts SET state = %1 WHERE id = 'canary-rollout'; "
                                                "SELECT changes()")
                                     .arg(int(v1::ROLLOUT_STATE_ABORTED))),
            QStringLiteral("1"));

        QVERIFY(remove(a.releaseId, QStringLiteral("olga"), &response).ok());
        QVERIFY(response.revision() > 0);
        QCOMPARE(releaseRows(a.releaseId), 0);
        QCOMPARE(get(a.releaseId).error_code(), grpc::StatusCode::NOT_FOUND);
        QVERIFY2(QFileInfo::exists(artifact), "the image is still used by the other release");
        QCOMPARE(sqliteText(m_otterd,
                            QStringLiteral("SELECT revision FROM tombstones WHERE kind = %1 AND id = '%2'")
                                .arg(int(v1::OBJECT_KIND_RELEASE))
                                .arg(a.releaseId)),
                 QString::number(response.revision()));

        QVERIFY(remove(b.releaseId, QStringLiteral("olga"), &response).ok());
        QVERIFY(!QFileInfo::exists(artifact));
        QCOMPARE(remove(b.releaseId, QStringLiteral("olga"), &response).error_code(),
                 grpc::StatusCode::NOT_FOUND);
        QCOMPARE(auditCount(QStringLiteral("release.delete"), QStringLiteral("release/%1").arg(b.releaseId)),
                 1);
        QVERIFY(sqliteText(m_otterd,
                           QStringLiteral("SELECT details FROM audit_log WHERE action = 'release.delete' AND "
                                          "object = 'release/%1'")
                               .arg(b.releaseId))
                    .contains(u"\"image_removed\":true"));

        sqliteText(m_otterd, QStringLiteral("DELETE FROM rollouts WHERE id = 'canary-rollout'"));

        // Deleted, the same bundle can be uploaded again.
        QVERIFY(otter::test::uploadBundle(m_otterd, a).status.ok());
        QVERIFY(QFileInfo::exists(artifact));
    }

    void cleanupTestCase() { QVERIFY2(m_otterd.stop(), qPrintable(m_otterd.log())); }
};

QTEST_GUILESS_MAIN(TestReleases)
#include "tst_releases.moc"
