// Test helper for the release upload tests: records ReleaseCalls' signals on the test thread (queued, as
// the console receives them), and reads the server's trusted keys and releases as the pre-upload check
// takes them.
#pragma once

#include "app/client/client_thread.h"
#include "app/client/release_calls.h"
#include "client_fixture.h"
#include "client_recorder.h"
#include "core/release_precheck.h"
#include "release_fixtures.h"

#include <QObject>
#include <QTimeZone>

#include <QTest>

#include <memory>

namespace otter::test {

struct UploadEvents
{
    QStringList uploadIds;
    qint64 total = -1;
    QList<qint64> progress;
    QList<models::ReleaseRecord> finished;
    QList<std::pair<QString, QString>> failed; // failed check, message
    QList<std::pair<bool, QString>> cancelled; // left nothing, message
    QList<models::TrustedKeyRecord> added;
    QList<models::TrustedKeyRecord> revoked;
    QList<std::pair<QString, QString>> keyFailures; // operation, message

    qsizetype outcomes() const { return finished.size() + failed.size() + cancelled.size(); }
};

// The connections have `context` (on the test thread) as their context object.
inline std::shared_ptr<UploadEvents> recordUploads(client::ReleaseCalls *calls, QObject *context)
{
    auto events = std::make_shared<UploadEvents>();
    using C = client::ReleaseCalls;
    QObject::connect(calls, &C::uploadStarted, context, [events](const QString &id, qint64 total) {
        events->uploadIds.append(id);
        events->total = total;
    });
    QObject::connect(calls, &C::uploadProgress, context,
                     [events](qint64 sent, qint64) { events->progress.append(sent); });
    QObject::connect(calls, &C::uploadFinished, context,
                     [events](const models::ReleaseRecord &release) { events->finished.append(release); });
    QObject::connect(calls, &C::uploadFailed, context,
                     [events](const QString &check, const QString &message) {
                         events->failed.append({check, message});
                     });
    QObject::connect(calls, &C::uploadCancelled, context, [events](bool leftNothing, const QString &message) {
        events->cancelled.append({leftNothing, message});
    });
    QObject::connect(calls, &C::trustedKeyAdded, context,
                     [events](const models::TrustedKeyRecord &key) { events->added.append(key); });
    QObject::connect(calls, &C::trustedKeyRevoked, context,
                     [events](const models::TrustedKeyRecord &key) { events->revoked.append(key); });
    QObject::connect(calls, &C::trustedKeyFailed, context,
                     [events](const QString &operation, const QString &message) {
                         events->keyFailures.append({operation, message});
                     });
    return events;
}

// A ConsoleClient on its own thread, signed in to `otterd` as one operator, its uploads recorded.
struct ReleaseClient
{
    std::unique_ptr<client::ClientThread> thread;
    std::unique_ptr<ClientRecorder> recorder;
    std::shared_ptr<UploadEvents> events;

    client::ReleaseCalls *calls() const { return thread->client()->releases(); }

    // False when the client did not come online within 30 s.
    bool connect(const OtterdHarness &otterd, const QString &operatorName, QObject *context)
    {
        events.reset();
        recorder.reset();
        thread = std::make_unique<client::ClientThread>();
        recorder = std::make_unique<ClientRecorder>(thread->client());
        events = recordUploads(calls(), context);
        thread->client()->connectTo(pinnedProfile(otterd), otterd.token(operatorName));
        return QTest::qWaitFor([this] { return recorder->reached(client::ConnectionState::Online); }, 30000);
    }

    void reset()
    {
        recorder.reset();
        thread.reset();
    }
};

inline QList<KnownKey> serverKeys(const OtterdHarness &otterd)
{
    v1::ListTrustedKeysRequest request;
    request.set_page_size(1000);
    v1::ListTrustedKeysResponse response;
    QList<KnownKey> keys;
    if (!v1::TrustedKeyService::NewStub(otterd.channel())
             ->ListTrustedKeys(otterd.as(QStringLiteral("vera")).get(), request, &response)
             .ok())
        return keys;
    for (const v1::TrustedKey &key : response.keys())
        keys.append({QString::fromStdString(key.id()), QString::fromStdString(key.name()),
                     QByteArray::fromStdString(key.public_key_pem()),
                     key.state() == v1::TRUSTED_KEY_STATE_ACTIVE, QString::fromStdString(key.revoked_by()),
                     QDateTime::fromSecsSinceEpoch(key.revoked_at().seconds(), QTimeZone::utc()),
                     QString::fromStdString(key.revocation_reason())});
    return keys;
}

inline std::vector<v1::Release> serverReleases(const OtterdHarness &otterd)
{
    v1::ListReleasesRequest request;
    request.set_page_size(1000);
    v1::ListReleasesResponse response;
    std::vector<v1::Release> releases;
    if (v1::ReleaseService::NewStub(otterd.channel())
            ->ListReleases(otterd.as(QStringLiteral("vera")).get(), request, &response)
            .ok())
        releases.assign(response.releases().begin(), response.releases().end());
    return releases;
}

inline QList<KnownRelease> knownReleases(const OtterdHarness &otterd)
{
    QList<KnownRelease> known;
    for (const v1::Release &release : serverReleases(otterd)) {
        QStringList classes;
        for (const std::string &hardwareClass : release.hardware_classes())
            classes.append(QString::fromStdString(hardwareClass));
        known.append({QString::fromStdString(release.id()), QString::fromStdString(release.version()),
                      qint64(release.security_version()), classes});
    }
    return known;
}

inline bool serverHasRelease(const OtterdHarness &otterd, const QString &releaseId)
{
    for (const v1::Release &release : serverReleases(otterd))
        if (QString::fromStdString(release.id()) == releaseId)
            return true;
    return false;
}

// QueryUpload's status code for the upload: NOT_FOUND once the server keeps nothing of it.
inline grpc::StatusCode queryUpload(const OtterdHarness &otterd, const QString &uploadId,
                                    const QString &operatorName = QStringLiteral("olga"))
{
    v1::QueryUploadRequest request;
    request.set_upload_id(uploadId.toStdString());
    v1::QueryUploadResponse response;
    return v1::ReleaseService::NewStub(otterd.channel())
        ->QueryUpload(otterd.as(operatorName).get(), request, &response)
        .error_code();
}

} // namespace otter::test
