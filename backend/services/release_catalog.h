// The releases otterd holds, as one consistent whole of database rows and artifact files: storing a
// verified upload, deleting a release, the version rules between releases, resumable upload sessions, and
// the clean-up of whatever a crash left behind.
#pragma once

#include "backend/services/release_verification.h"
#include "backend/services/service_context.h"

#include <QHash>
#include <QThreadPool>

#include <functional>
#include <mutex>

namespace otter::backend {

// Where an upload came from, for the release row and the audit entry.
struct UploadOrigin
{
    QString actor;
    QString format; // "bundle" or "parts"
    QString fileName;
    QString uploadId; // empty for a one-shot upload
};

class ReleaseCatalog
{
public:
    explicit ReleaseCatalog(ServiceContext &context);
    ~ReleaseCatalog();

    // Removes expired upload sessions, part files without a session, stale scratch files and artifacts no
    // release refers to. Called before the server accepts calls, so nothing is in flight.
    void sweep();
    // Discards the sessions whose time ran out (and their bytes).
    void expireSessions();

    // Moves the verified image into the artifact store and records the release, or refuses it by the
    // version rules (ALREADY_EXISTS, DOWNGRADE). Either way the image scratch file is gone afterwards.
    Checked<v1::Release> store(const VerifiedRelease &verified, const UploadOrigin &origin);
    // Deletes a release no rollout uses; its image goes too unless another release shares it. Returns the
    // revision of the deletion.
    Checked<qint64> remove(const QString &releaseId, const QString &actor);

    // At most one stream writes to an upload session. `cancel` ends that stream (CancelUpload).
    bool claimUpload(const QString &uploadId, std::function<void()> cancel);
    void releaseUpload(const QString &uploadId);
    // Ends the stream writing to `uploadId`, if there is one; true if there was.
    bool cancelActiveUpload(const QString &uploadId);
    // Deletes a session's row and its part file.
    Result<void> discardSession(const QString &uploadId);

    // Upload work that may take long (hashing gigabytes) runs here, off gRPC's callback threads.
    QThreadPool &workers() { return m_workers; }

private:
    Result<void> removeUnreferencedImage(const QString &sha256Hex);

    ServiceContext &m_context;
    // Serialises everything that links rows to artifact files: store, remove, image clean-up.
    std::mutex m_storeMutex;
    std::mutex m_activeMutex;
    QHash<QString, std::function<void()>> m_active;
    QThreadPool m_workers;
};

// The rollouts that still use a release: those not COMPLETED or ABORTED, which may yet send its image to
// devices. A release they name cannot be deleted.
Result<QStringList> releaseInUseBy(SqliteConnection &connection, const QString &releaseId);

// How long a resumable upload's bytes are kept after its last progress.
inline constexpr qint64 UploadSessionLifetimeMs = 24 * 3600 * 1000;

} // namespace otter::backend
