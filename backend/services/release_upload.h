// ReleaseService.UploadRelease: the client-streamed upload of one release (releases.proto, "Upload
// protocol"). Chunks go straight to a scratch file, so memory stays constant whatever the release's size;
// nothing becomes visible unless every check passed, and a failed, refused or cancelled upload leaves no
// file behind (a resumable one keeps exactly its committed bytes).
//
// Three things overlap so that the slowest alone sets the pace: gRPC receives (and decrypts) the next
// chunks while a strand on the catalog's workers writes and hashes the ones received, and an
// UploadCommitter makes the written bytes durable behind it. A few chunks may wait between the first two;
// reading pauses while they exceed MaxQueuedBytes.
#pragma once

#include "backend/services/release_catalog.h"
#include "backend/services/release_upload_session.h"
#include "backend/services/upload_committer.h"
#include "core/sha256.h"
#include "otter/v1/releases.grpc.pb.h"

#include <QFile>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace otter::backend {

class UploadReactor final : public grpc::ServerReadReactor<v1::UploadReleaseRequest>
{
public:
    UploadReactor(ServiceContext &context, ReleaseCatalog &catalog, grpc::CallbackServerContext *call,
                  v1::UploadReleaseResponse *response);

    void OnReadDone(bool ok) override;
    void OnCancel() override;
    void OnDone() override;

private:
    enum class Outcome { Stored, Refused, Cancelled };

    // Every message received, and the stream's end (no message), as the strand takes them in order.
    struct Arrival
    {
        std::optional<v1::UploadReleaseRequest> message;
        qint64 bytes = 0;
    };

    // The strand: runs on the catalog's workers, one task at a time per upload, until the queue is empty.
    void runStrand();
    void handle(Arrival &arrival);
    // Starts the next read unless one is under way, the queue is full or the upload is over.
    void readMore();
    void onHeader(const v1::UploadReleaseRequest &message);
    void onChunk(const v1::UploadReleaseRequest &message);
    void onStreamEnd();
    ApiStatus admitHeader();
    ApiStatus openScratch();
    ApiStatus openPart();
    ApiStatus checkArrivingBundle();
    ApiStatus complete();

    // Commits the bytes received so far of a resumable upload.
    void commitProgress();
    void finish(const ApiStatus &status);
    void finishCancelled();
    void settle(Outcome outcome);
    bool cancelled() const;
    // Hands the outcome to gRPC; afterwards the reactor may be gone, so it is the strand's last act.
    void sendFinish();

    ServiceContext &m_context;
    ReleaseCatalog &m_catalog;
    grpc::CallbackServerContext *m_call;
    v1::UploadReleaseResponse *m_response;

    QString m_actor = QStringLiteral("anonymous");
    v1::Role m_role = v1::ROLE_UNSPECIFIED;
    v1::UploadReleaseRequest m_request; // the read under way fills it; OnReadDone moves it to the queue
    v1::UploadHeader m_header;
    bool m_haveHeader = false;
    bool m_parts = false;
    QString m_uploadId; // resumable uploads only
    std::unique_ptr<ResumableUpload> m_session;
    bool m_claimed = false;
    bool m_discardSession = false; // the content failed verification: resuming cannot help

    QString m_scratchPath;
    std::unique_ptr<QFile> m_file;
    QString m_imagePath;        // bundle mode: the extracted image, until the catalog adopts it
    qint64 m_received = 0;      // payload bytes on disk, counted from the payload's start
    Sha256 m_imageHash;         // parts mode: the image hashed as it streams in
    VerifiedRelease m_verified; // parts mode: the header's checked manifest
    qint64 m_nextProbeAt = 0;
    bool m_probing = false; // bundle mode: still looking for the signature before the image

    std::unique_ptr<UploadCommitter> m_committer;
    qint64 m_commitRequested = 0;

    std::mutex m_queueMutex; // guards the four members below, shared by gRPC's threads and the strand
    std::deque<Arrival> m_queue;
    qint64 m_queuedBytes = 0;
    bool m_strandRunning = false;
    bool m_closed = false;       // the outcome is on its way: arrivals are dropped, no strand starts again
    bool m_readUnderWay = false; // strand only

    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_cancelledByOperator{false};
    bool m_finished = false; // strand only: the outcome is decided
    grpc::Status m_finalStatus;
};

} // namespace otter::backend
