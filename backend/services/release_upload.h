// ReleaseService.UploadRelease: the client-streamed upload of one release (releases.proto, "Upload
// protocol"). Chunks go straight to a scratch file, so memory stays constant whatever the release's size;
// nothing becomes visible unless every check passed, and a failed, refused or cancelled upload leaves no
// file behind (a resumable one keeps exactly its committed bytes).
#pragma once

#include "backend/services/release_catalog.h"
#include "backend/services/release_upload_session.h"
#include "core/sha256.h"
#include "otter/v1/releases.grpc.pb.h"

#include <QFile>

#include <atomic>
#include <memory>

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

    // Header and end of stream run on the catalog's workers: they read the database and hash files.
    void onHeader();
    void onChunk();
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
    void post(void (UploadReactor::*step)());

    ServiceContext &m_context;
    ReleaseCatalog &m_catalog;
    grpc::CallbackServerContext *m_call;
    v1::UploadReleaseResponse *m_response;

    QString m_actor = QStringLiteral("anonymous");
    v1::Role m_role = v1::ROLE_UNSPECIFIED;
    v1::UploadReleaseRequest m_request; // reused for every message: one chunk in memory at a time
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

    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_cancelledByOperator{false};
    bool m_finished = false;
};

} // namespace otter::backend
