// The UploadRelease client stream as a gRPC callback reactor: the header, then the payload file read
// chunk by chunk as each write completes, so memory stays at one chunk whatever the file's size. It
// lives on gRPC's threads and deletes itself when done; progress and the outcome (with the context) are
// posted to the client thread through the mailbox.
#pragma once

#include "app/client/call_mailbox.h"

#include "otter/v1/releases.grpc.pb.h"

#include <QFile>

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>

namespace otter::client {

struct UploadOutcome
{
    grpc::Status status;
    v1::Release release;
    // Set when the client itself ended the stream because the file could not be read.
    QString readError;
};

class ReleaseUploadReactor final : public grpc::ClientWriteReactor<v1::UploadReleaseRequest>
{
public:
    // Both functions run on the client thread (posted); onDone exactly once, with the call's context.
    // `file` is open and positioned at header.offset.
    ReleaseUploadReactor(std::shared_ptr<CallMailbox> mailbox, std::shared_ptr<grpc::ClientContext> context,
                         v1::UploadHeader header, std::unique_ptr<QFile> file, qint64 chunkBytes,
                         std::function<void(qint64 sent)> onProgress,
                         std::function<void(const UploadOutcome &, const grpc::ClientContext &)> onDone);

    void start(v1::ReleaseService::Stub &stub);

    void OnWriteDone(bool ok) override;
    void OnWritesDoneDone(bool ok) override;
    void OnDone(const grpc::Status &status) override;

private:
    void writeNextChunk();

    std::shared_ptr<CallMailbox> m_mailbox;
    std::shared_ptr<grpc::ClientContext> m_context;
    std::unique_ptr<QFile> m_file;
    qint64 m_chunkBytes;
    qint64 m_total;
    qint64 m_position;     // payload offset of the next byte to read
    qint64 m_sent;         // payload bytes whose write completed
    qint64 m_inFlight = 0; // bytes of the write under way
    qint64 m_reported = 0; // last progress posted
    std::function<void(qint64)> m_onProgress;
    std::function<void(const UploadOutcome &, const grpc::ClientContext &)> m_onDone;
    v1::UploadReleaseRequest m_request;
    v1::UploadReleaseResponse m_response;
    QString m_readError;
};

} // namespace otter::client
