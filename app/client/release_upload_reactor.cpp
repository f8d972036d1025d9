// The UploadRelease client stream as a gRPC callback reactor.
#include "app/client/release_upload_reactor.h"

namespace otter::client {

namespace {

// Progress is posted at most this often (in bytes), so a fast link does not flood the client thread.
constexpr qint64 ProgressStepBytes = 4 << 20;

} // namespace

ReleaseUploadReactor::ReleaseUploadReactor(
    std::shared_ptr<CallMailbox> mailbox, std::shared_ptr<grpc::ClientContext> context,
    v1::UploadHeader header, std::unique_ptr<QFile> file, qint64 chunkBytes,
    std::function<void(qint64)> onProgress,
    std::function<void(const UploadOutcome &, const grpc::ClientContext &)> onDone)
    : m_mailbox(std::move(mailbox))
    , m_context(std::move(context))
    , m_file(std::move(file))
    , m_chunkBytes(chunkBytes)
    , m_total(qint64(header.total_size()))
    , m_position(qint64(header.offset()))
    , m_sent(qint64(header.offset()))
    , m_reported(qint64(header.offset()))
    , m_onProgress(std::move(onProgress))
    , m_onDone(std::move(onDone))
{
    *m_request.mutable_header() = std::move(header);
}

void ReleaseUploadReactor::start(v1::ReleaseService::Stub &stub)
{
    m_mailbox->begin();
    stub.async()->UploadRelease(m_context.get(), &m_response, this);
    StartWrite(&m_request);
    StartCall();
}

void ReleaseUploadReactor::OnWriteDone(bool ok)
{
    if (!ok)
        return; // the stream broke or the server answered early; OnDone follows with its status
    m_sent += m_inFlight;
    if (m_sent - m_reported >= ProgressStepBytes || m_sent == m_total) {
        m_reported = m_sent;
        m_mailbox->post([onProgress = m_onProgress, sent = m_sent] { onProgress(sent); });
    }
    writeNextChunk();
}

// On a gRPC thread, after the previous write completed: only one write is ever under way, so the one
// request buffer is free to take the next chunk. Reading a local file here keeps the pipeline simple;
// it is as fast as the page cache and bounded by the chunk size.
void ReleaseUploadReactor::writeNextChunk()
{
    const qint64 remaining = m_total - m_position;
    if (remaining <= 0) {
        m_inFlight = 0;
        StartWritesDone();
        return;
    }
    const qint64 size = qMin(m_chunkBytes, remaining);
    std::string *chunk = m_request.mutable_chunk();
    chunk->resize(size_t(size));
    const qint64 read = m_file->read(chunk->data(), size);
    if (read != size) {
        m_readError = read < 0 ? m_file->errorString()
                               : QStringLiteral("the file ended at %1 bytes; it was %2 bytes when the upload "
                                                "started (was it changed?)")
                                     .arg(m_position + qMax<qint64>(read, 0))
                                     .arg(m_total);
        m_context->TryCancel();
        return;
    }
    m_position += size;
    m_inFlight = size;
    StartWrite(&m_request);
}

void ReleaseUploadReactor::OnWritesDoneDone(bool) {}

void ReleaseUploadReactor::OnDone(const grpc::Status &status)
{
    // The context (and through it the channel) goes to the client thread with the outcome: deleting it here
    // could release the channel's last reference on the very gRPC thread its destructor shuts down.
    UploadOutcome outcome{status, std::move(*m_response.mutable_release()), m_readError};
    m_mailbox->post([onDone = m_onDone, outcome = std::move(outcome), context = std::move(m_context)] {
        onDone(outcome, *context);
    });
    const auto mailbox = m_mailbox;
    delete this;
    mailbox->end();
}

} // namespace otter::client
