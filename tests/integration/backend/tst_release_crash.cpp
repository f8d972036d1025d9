// Power-cut behaviour of releases and trusted keys: otterd is killed with SIGKILL in the middle of large
// uploads and of a burst of concurrent writes, then restarted. Afterwards the database passes SQLite's own
// integrity check, every release row has its artifact (byte for byte), nothing half-written is left in
// the scratch area, every write the server had acknowledged is there, and the audit chain verifies.
#include "core/audit_chain.h"
#include "core/sha256.h"
#include "otter/v1/keys.grpc.pb.h"
#include "otter/v1/releases.grpc.pb.h"
#include "otterd_harness.h"
#include "release_fixtures.h"

#include <QDir>
#include <QJsonObject>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace otter;
using namespace otter::test;

class TestReleaseCrash : public QObject
{
    Q_OBJECT

private:
    QList<v1::Release> allReleases()
    {
        auto stub = v1::ReleaseService::NewStub(m_otterd.channel());
        QList<v1::Release> releases;
        v1::ListReleasesRequest request;
        for (;;) {
            v1::ListReleasesResponse response;
            if (!stub->ListReleases(m_otterd.as(QStringLiteral("vera")).get(), request, &response).ok())
                return {};
            releases.append(QList<v1::Release>(response.releases().begin(), response.releases().end()));
            if (response.next_page_token().empty())
                return releases;
            request.set_page_token(response.next_page_token());
        }
    }

    QSet<QString> trustedKeyIds()
    {
        auto stub = v1::TrustedKeyService::NewStub(m_otterd.channel());
        QSet<QString> ids;
        v1::ListTrustedKeysRequest request;
        for (;;) {
            v1::ListTrustedKeysResponse response;
            if (!stub->ListTrustedKeys(m_otterd.as(QStringLiteral("vera")).get(), request, &response).ok())
                return {};
            for (const v1::TrustedKey &key : response.keys())
                ids.insert(QString::fromStdString(key.id()));
            if (response.next_page_token().empty())
                return ids;
            request.set_page_token(response.next_page_token());
        }
    }

    // Everything a restart after SIGKILL must find in order.
    void verifyStoreIsConsistent()
    {
        QCOMPARE(sqliteText(m_otterd, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));

        // No release row without its artifact, and every artifact is exactly the image it claims to be.
        const QList<v1::Release> releases = allReleases();
        QCOMPARE(sqliteText(m_otterd, QStringLiteral("SELECT count(*) FROM releases")).toInt(),
                 releases.size());
        for (const v1::Release &release : releases) {
            const QString sha = QString::fromStdString(release.image_sha256());
            auto digest = hashFile(artifactPath(m_otterd, sha));
            QVERIFY2(
                digest.ok(),
                qPrintable(
                    QStringLiteral("release %1 has no artifact").arg(QString::fromStdString(release.id()))));
            QCOMPARE(toHex(digest->sha256), sha);
            QCOMPARE(qint64(release.image_size()), digest->size);
        }
        // And no artifact without a release: an image adopted just before the kill is cleaned up.
        QSet<QString> named;
        for (const v1::Release &release : releases)
            named.insert(QString::fromStdString(release.image_sha256()) + QStringLiteral(".bin"));
        for (const QString &file : filesUnder(m_otterd, QStringLiteral("artifacts")))
            QVERIFY2(named.contains(QFileInfo(file).fileName()), qPrintable(file));

        // Nothing half-written in the scratch area: only resumable parts may stay.
        for (const QString &file : filesUnder(m_otterd, QStringLiteral("uploads")))
            QVERIFY2(file.startsWith(u"upload-") && file.endsWith(u".part"), qPrintable(file));

        // The revision counter is ahead of everything stored.
        const qint64 revision =
            sqliteText(m_otterd, QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"))
                .toLongLong();
        const qint64 newest =
            sqliteText(m_otterd, QStringLiteral("SELECT max(m) FROM (SELECT max(revision) AS m FROM "
                                                "releases UNION ALL SELECT max(revision) FROM "
                                                "trusted_keys UNION ALL SELECT max(revision) FROM "
                                                "audit_log)"))
                .toLongLong();
        QVERIFY(revision >= newest);

        // The whole audit log verifies as one hash chain from the genesis.
        const QJsonArray rows = sqliteRows(
            m_otterd,
            QStringLiteral("SELECT seq, time_ms, actor, action, object, details, hex(prev_hash) AS prev, "
                           "hex(hash) AS hash FROM audit_log ORDER BY seq"));
        QVERIFY(!rows.isEmpty());
        QList<AuditEntry> entries;
        for (const QJsonValue &value : rows) {
            const QJsonObject row = value.toObject();
            AuditEntry entry;
            entry.seq = row.value(QLatin1StringView("seq")).toInteger();
            entry.time =
                QDateTime::fromMSecsSinceEpoch(row.value(QLatin1StringView("time_ms")).toInteger(), Qt::UTC);
            entry.actor = row.value(QLatin1StringView("actor")).toString();
            entry.action = row.value(QLatin1StringView("action")).toString();
            entry.object = row.value(QLatin1StringView("object")).toString();
            entry.detailsJson = row.value(QLatin1StringView("details")).toString().toUtf8();
            entry.prevHash = QByteArray::fromHex(row.value(QLatin1StringView("prev")).toString().toLatin1());
            entry.hash = QByteArray::fromHex(row.value(QLatin1StringView("hash")).toString().toLatin1());
            entries.append(entry);
        }
        const AuditVerification verified = AuditChain::verify(entries);
        QVERIFY2(verified.ok(), qPrintable(verified.summary()));
        QCOMPARE(verified.count, qint64(entries.size()));
        QVERIFY(verified.startsAtGenesis);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        QVERIFY2(m_otterd.start(), qPrintable(m_otterd.error()));
        QVERIFY(trustKey(m_otterd, m_key).ok());
    }

    void killDuringLargeUploads()
    {
        const SignedRelease oneShot =
            makeRelease(m_scratch.filePath(QStringLiteral("big")), m_key,
                        {QStringLiteral("1.0.0"), 1, {QStringLiteral("gw-big")}, 40 << 20, 1});
        const SignedRelease resumable =
            makeRelease(m_scratch.filePath(QStringLiteral("resumable")), m_key,
                        {QStringLiteral("1.0.0"), 1, {QStringLiteral("gw-res")}, 24 << 20, 2});
        const QString uploadId = QStringLiteral("crash-resume");
        const qint64 resumableSize = QFileInfo(resumable.bundlePath).size();
        const v1::UploadHeader resumableHeader = bundleHeader(resumableSize, uploadId);
        auto stub = v1::ReleaseService::NewStub(m_otterd.channel());
        v1::QueryUploadRequest query;
        query.set_upload_id(uploadId.toStdString());
        v1::QueryUploadResponse progress;
        {
            UploadStream big(m_otterd, bundleHeader(QFileInfo(oneShot.bundlePath).size()),
                             oneShot.bundlePath);
            UploadStream part(m_otterd, resumableHeader, resumable.bundlePath);
            QVERIFY(big.send(16 << 20));
            QVERIFY(part.send(12 << 20));
            // Kill only once the server is really busy: a growing scratch file and a committed offset.
            QVERIFY(waitFor([&] {
                for (const QString &file : filesUnder(m_otterd, QStringLiteral("uploads"))) {
                    if (file.endsWith(u".tmp") &&
                        QFileInfo(QDir(m_otterd.dataDir()).filePath(QStringLiteral("uploads/") + file))
                                .size() > (8 << 20))
                        return true;
                }
                return false;
            }));
            QVERIFY(waitFor([&] {
                return stub->QueryUpload(m_otterd.as(QStringLiteral("olga")).get(), query, &progress).ok() &&
                       progress.committed_offset() >= (4u << 20);
            }));
            m_otterd.kill();
            QVERIFY(!big.cancel().ok());
            QVERIFY(!part.cancel().ok());
        }
        // The scratch file of the one-shot upload is still there, as a crash leaves it.
        QVERIFY(!filesUnder(m_otterd, QStringLiteral("uploads")).filter(QStringLiteral(".tmp")).isEmpty());

        QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));
        verifyStoreIsConsistent();
        QVERIFY(filesUnder(m_otterd, QStringLiteral("uploads")).filter(QStringLiteral(".tmp")).isEmpty());
        QVERIFY(allReleases().isEmpty());

        // The resumable upload survived with its committed bytes, and completes.
        stub = v1::ReleaseService::NewStub(m_otterd.channel());
        QVERIFY(stub->QueryUpload(m_otterd.as(QStringLiteral("olga")).get(), query, &progress).ok());
        const qint64 committed = qint64(progress.committed_offset());
        QVERIFY(committed >= (4 << 20));
        v1::UploadHeader resume = resumableHeader;
        resume.set_offset(quint64(committed));
        UploadPlan rest;
        rest.offset = committed;
        rest.chunkBytes = 256 * 1024;
        const UploadResult finished = upload(m_otterd, resume, resumable.bundlePath, rest);
        QVERIFY2(finished.status.ok(), qPrintable(finished.message()));
        QCOMPARE(QString::fromStdString(finished.release.id()), resumable.releaseId);

        // The killed one-shot upload can simply be sent again.
        UploadPlan whole;
        whole.chunkBytes = 1 << 20;
        const UploadResult again =
            upload(m_otterd, bundleHeader(QFileInfo(oneShot.bundlePath).size()), oneShot.bundlePath, whole);
        QVERIFY2(again.status.ok(), qPrintable(again.message()));
        verifyStoreIsConsistent();
        QCOMPARE(allReleases().size(), 2);
    }

    void killDuringBurstOfWrites()
    {
        std::atomic<bool> stop{false};
        std::atomic<int> acknowledged{0};
        QMutex mutex;
        QStringList acknowledgedKeys;
        QStringList acknowledgedReleases;
        std::vector<std::thread> writers;
        // Keys added by an admin, releases uploaded by two operators, all at once.
        for (int t = 0; t < 2; ++t) {
            writers.emplace_back([&] {
                while (!stop) {
                    const TestKey key = newTestKey();
                    if (trustKey(m_otterd, key, QStringLiteral("burst")).ok()) {
                        QMutexLocker lock(&mutex);
                        acknowledgedKeys << key.id;
                        ++acknowledged;
                    }
                }
            });
        }
        for (int t = 0; t < 2; ++t) {
            writers.emplace_back([&, t] {
                for (int i = 0; !stop; ++i) {
                    const QString name = QStringLiteral("burst-%1-%2").arg(t).arg(i);
                    const SignedRelease release = makeRelease(m_scratch.filePath(name), m_key,
                                                              {QStringLiteral("2.0.%1").arg(i),
                                                               2,
                                                               {QStringLiteral("gw-burst-%1").arg(t)},
                                                               256 * 1024,
                                                               quint32(100 + t * 1000 + i)});
                    const UploadResult result = uploadBundle(
                        m_otterd, release, t == 0 ? QStringLiteral("olga") : QStringLiteral("oscar"));
                    if (result.status.ok()) {
                        QMutexLocker lock(&mutex);
                        acknowledgedReleases << release.releaseId;
                        ++acknowledged;
                    }
                }
            });
        }
        // Kill in the middle of the burst: after a good number of acknowledged writes of both kinds (keys are
        // quicker than uploads), with more in flight.
        const bool busy = waitFor(
            [&] {
                QMutexLocker lock(&mutex);
                return acknowledged >= 12 && !acknowledgedKeys.isEmpty() && !acknowledgedReleases.isEmpty();
            },
            120000);
        m_otterd.kill();
        stop = true;
        for (std::thread &writer : writers)
            writer.join();
        QVERIFY(busy);

        QVERIFY2(m_otterd.restart(), qPrintable(m_otterd.error()));
        verifyStoreIsConsistent();
        // Every write the server acknowledged before the kill is there after it.
        const QSet<QString> keys = trustedKeyIds();
        for (const QString &id : std::as_const(acknowledgedKeys))
            QVERIFY2(keys.contains(id), qPrintable(id));
        QSet<QString> releases;
        for (const v1::Release &release : allReleases())
            releases.insert(QString::fromStdString(release.id()));
        for (const QString &id : std::as_const(acknowledgedReleases))
            QVERIFY2(releases.contains(id), qPrintable(id));
        QVERIFY(!acknowledgedKeys.isEmpty() && !acknowledgedReleases.isEmpty());
    }

    void cleanupTestCase() { QVERIFY2(m_otterd.stop(), qPrintable(m_otterd.log())); }

private:
    OtterdHarness m_otterd;
    QTemporaryDir m_scratch;
    TestKey m_key = newTestKey();
};

QTEST_GUILESS_MAIN(TestReleaseCrash)
#include "tst_release_crash.moc"
