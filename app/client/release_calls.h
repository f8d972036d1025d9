// ReleaseCalls: Release uploads (streamed from disk, resumable, cancellable) and trusted keys (add, revoke).
// A child of ConsoleClient on the client thread; public methods may be called from any thread.
#pragma once

#include "app/client/release_upload_source.h"
#include "models/records.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace grpc {
class ClientContext;
}

namespace otter::client {

class ConsoleClient;
struct UploadOutcome;

class ReleaseCalls final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseCalls)

public:
    explicit ReleaseCalls(ConsoleClient *client);
    ~ReleaseCalls() override;

    // One upload at a time. The file is read chunk by chunk while it is sent; a connection that breaks
    // mid-way resumes from the bytes the server committed (QueryUpload).
    void upload(const otter::client::ReleaseUploadSource &source);
    // Ends the stream and discards what the server kept of it (CancelUpload); uploadCancelled follows.
    void cancelUpload();

    void addTrustedKey(const QString &publicKeyPem, const QString &name, const QString &comment);
    void revokeTrustedKey(const QString &keyId, const QString &reason);

signals:
    void uploadStarted(const QString &uploadId, qint64 totalBytes);
    // Payload bytes the server has taken so far.
    void uploadProgress(qint64 sentBytes, qint64 totalBytes);
    void uploadFinished(const otter::models::ReleaseRecord &release);
    // failedCheck names the server's check that refused the release (empty for a failure that is not a
    // refusal: no connection, an unreadable file); message is the whole sentence to show.
    void uploadFailed(const QString &failedCheck, const QString &message);
    // leftNothing: the server confirmed it keeps no bytes of the upload.
    void uploadCancelled(bool leftNothing, const QString &message);

    void trustedKeyAdded(const otter::models::TrustedKeyRecord &key);
    void trustedKeyRevoked(const otter::models::TrustedKeyRecord &key);
    // operation: "add" or "revoke".
    void trustedKeyFailed(const QString &operation, const QString &message);

private:
    struct Upload;

    void doUpload(const ReleaseUploadSource &source);
    void startStream(qint64 offset);
    void onStreamDone(const UploadOutcome &outcome, const grpc::ClientContext &context);
    void resume();
    void doCancel();
    void discardSession(int attemptsLeft, bool cancelling);
    void confirmNothingLeft(int attemptsLeft);
    void finishCancel(bool leftNothing, const QString &message);
    void fail(const QString &failedCheck, const QString &message);
    void doAddTrustedKey(const QString &pem, const QString &name, const QString &comment);
    void doRevokeTrustedKey(const QString &keyId, const QString &reason);

    ConsoleClient *m_client;
    std::unique_ptr<Upload> m_upload;
    QTimer m_resumeTimer;
};

} // namespace otter::client
