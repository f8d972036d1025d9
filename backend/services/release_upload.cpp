// ReleaseService.UploadRelease: the client-streamed upload of one release.
#include "backend/services/release_upload.h"

#include "backend/services/unary_call.h"
#include "backend/storage/artifact_store.h"
#include "backend/storage/operator_accounts.h"

#include <QStorageInfo>

namespace otter::backend {
namespace {

// Every this many bytes the committer is asked to make the bytes durable (and a resumable upload to record
// them), so a broken stream loses little and the final sync has little left to do.
constexpr qint64 CommitEveryBytes = 4 << 20;
// Received chunks waiting for the strand, the one it is storing included: two chunks of the console's size.
constexpr qint64 MaxQueuedBytes = 8 << 20;
// Bundle mode looks for the manifest and signature (otter-sign writes them first) in the first bytes
// only, probing at doubling sizes so a stream of small chunks is not re-read at every chunk.
constexpr qint64 FirstProbeBytes = 2 << 10;
constexpr qint64 ProbeLimitBytes = 512 << 10;
constexpr int MaxFileNameLength = 255;

// The largest chunk, as IdentityService announces it in ServerLimits.max_upload_chunk_bytes.
qint64 chunkLimit(const ServerConfig &config)
{
    return config.maxMessageBytes / 2;
}

} // namespace

UploadReactor::UploadReactor(ServiceContext &context, ReleaseCatalog &catalog,
                             grpc::CallbackServerContext *call, v1::UploadReleaseResponse *response)
    : m_context(context)
    , m_catalog(catalog)
    , m_call(call)
    , m_response(response)
{
    // Credentials first: nothing of an unauthenticated stream is read.
    auto authenticated = context.auth.authenticateOperator(call, v1::ROLE_OPERATOR, "UploadRelease");
    if (auto *error = std::get_if<ApiError>(&authenticated)) {
        finish(*error);
        sendFinish();
        return;
    }
    m_actor = std::get<Caller>(authenticated).name;
    m_role = std::get<Caller>(authenticated).role;
    m_readUnderWay = true;
    StartRead(&m_request);
}

void UploadReactor::OnReadDone(bool ok)
{
    Arrival arrival;
    if (ok) {
        arrival.message.emplace();
        arrival.message->Swap(&m_request); // the chunk's buffer moves; nothing is copied
        arrival.bytes = qint64(arrival.message->chunk().size());
    }
    bool startStrand = false;
    {
        const std::lock_guard lock(m_queueMutex);
        if (m_closed)
            return;
        m_queuedBytes += arrival.bytes;
        m_queue.push_back(std::move(arrival));
        startStrand = !m_strandRunning;
        m_strandRunning = true;
    }
    if (startStrand)
        m_catalog.workers().start([this] { runStrand(); });
}

void UploadReactor::OnCancel()
{
    m_cancelled = true;
}

void UploadReactor::OnDone()
{
    if (m_claimed)
        m_catalog.releaseUpload(m_uploadId);
    delete this;
}

void UploadReactor::runStrand()
{
    for (;;) {
        Arrival arrival;
        {
            const std::lock_guard lock(m_queueMutex);
            if (m_queue.empty()) {
                m_strandRunning = false;
                return;
            }
            arrival = std::move(m_queue.front());
            m_queue.pop_front();
        }
        handle(arrival);
        if (m_finished) {
            sendFinish();
            return;
        }
        {
            const std::lock_guard lock(m_queueMutex);
            m_queuedBytes -= arrival.bytes;
        }
        readMore();
    }
}

void UploadReactor::handle(Arrival &arrival)
{
    m_readUnderWay = false; // every arrival is the outcome of the one read that was under way
    if (!arrival.message) {
        onStreamEnd(); // the client half-closed, or the stream broke: onStreamEnd tells which
        return;
    }
    if (cancelled()) {
        finishCancelled();
        return;
    }
    if (!m_haveHeader) {
        onHeader(*arrival.message);
        return;
    }
    readMore(); // the next chunk arrives while this one is stored
    onChunk(*arrival.message);
}

void UploadReactor::readMore()
{
    if (m_finished || m_readUnderWay)
        return;
    {
        const std::lock_guard lock(m_queueMutex);
        if (m_queuedBytes >= MaxQueuedBytes)
            return;
    }
    m_readUnderWay = true;
    StartRead(&m_request);
}

void UploadReactor::sendFinish()
{
    {
        const std::lock_guard lock(m_queueMutex);
        m_closed = true;
        m_queue.clear();
    }
    Finish(m_finalStatus);
}

bool UploadReactor::cancelled() const
{
    return m_cancelled || m_cancelledByOperator || m_call->IsCancelled();
}

void UploadReactor::onHeader(const v1::UploadReleaseRequest &message)
{
    if (message.part_case() != v1::UploadReleaseRequest::kHeader) {
        finish(apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("the first message of an upload must be its header "
                                       "(UploadReleaseRequest.header), not a chunk")));
        return;
    }
    m_header = message.header();
    m_haveHeader = true;
    if (ApiStatus refused = admitHeader()) {
        finish(refused);
        return;
    }
    const int descriptor = m_file->handle();
    if (m_session)
        m_committer = std::make_unique<UploadCommitter>(
            [session = m_session.get(), descriptor](qint64 offset) { session->commit(descriptor, offset); });
    else // nothing to record, but syncing as the bytes arrive leaves little for the final sync
        m_committer = std::make_unique<UploadCommitter>([descriptor](qint64) { ::fdatasync(descriptor); });
    m_commitRequested = m_received;
}

ApiStatus UploadReactor::admitHeader()
{
    const v1::UploadHeader &header = m_header;
    if (header.format_case() == v1::UploadHeader::FORMAT_NOT_SET)
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("header.format is missing: choose bundle (an .otb file) or parts "
                                       "(manifest and signatures in the header, then the image)"));
    m_parts = header.format_case() == v1::UploadHeader::kParts;
    if (header.total_size() == 0)
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("header.total_size is missing: send the payload's size in bytes"));
    // The cap comes before anything else about the payload: an oversized upload costs one message.
    if (header.total_size() > quint64(m_context.config.maxUploadBytes))
        return apiError(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        QStringLiteral("the upload is %1 bytes, more than this server accepts "
                                       "(max_upload_bytes = %2)")
                            .arg(header.total_size())
                            .arg(m_context.config.maxUploadBytes),
                        v1::ERROR_REASON_UPLOAD_TOO_LARGE);
    if (header.offset() > header.total_size())
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("header.offset %1 is past header.total_size %2")
                            .arg(header.offset())
                            .arg(header.total_size()));
    if (!m_parts && header.bundle().file_name().size() > size_t(MaxFileNameLength))
        return apiError(
            grpc::StatusCode::INVALID_ARGUMENT,
            QStringLiteral("header.bundle.file_name is longer than %1 bytes").arg(MaxFileNameLength));
    if (header.upload_id().empty() && header.offset() != 0)
        return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("header.offset must be 0 without an upload_id: only an upload started "
                                       "with an upload_id can be resumed"));
    if (!header.upload_id().empty()) {
        const QString id = QString::fromStdString(header.upload_id());
        if (!isValidObjectId(id))
            return apiError(
                grpc::StatusCode::INVALID_ARGUMENT,
                QStringLiteral("header.upload_id \"%1\" must be 1 to 64 characters from a-z, 0-9, "
                               "'.', '_' and '-', starting with a letter or digit (a UUID fits)")
                    .arg(id));
        if (!m_catalog.claimUpload(id, [this] {
                m_cancelledByOperator = true;
                m_call->TryCancel();
            }))
            return apiError(grpc::StatusCode::ABORTED,
                            QStringLiteral("another stream is writing upload %1 right now; wait until it "
                                           "ends, then resume from QueryUpload's committed_offset")
                                .arg(id));
        m_uploadId = id;
        m_claimed = true;
        m_session = std::make_unique<ResumableUpload>(m_context, m_catalog, id, m_actor, m_role);
    }

    const qint64 remaining = qint64(header.total_size() - header.offset());
    // A bundle needs room twice: the bundle itself and the image extracted from it.
    const qint64 needed = m_parts ? remaining : remaining + qint64(header.total_size());
    const QStorageInfo storage(m_context.artifacts.scratchDirectory());
    if (storage.isValid() && storage.bytesAvailable() < needed)
        return apiError(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        QStringLiteral("the server's storage is full: the upload needs %1 bytes, %2 are free")
                            .arg(needed)
                            .arg(storage.bytesAvailable()));

    if (m_session) {
        if (ApiStatus refused = m_session->join(header))
            return refused;
    }
    if (m_parts) {
        // Parts mode: the signature is judged before a single image byte is accepted.
        auto trust = ReleaseTrust::load(m_context.database);
        if (auto *error = std::get_if<ApiError>(&trust))
            return *error;
        auto checked = checkPartsHeader(header.parts(), header.total_size(), std::get<ReleaseTrust>(trust));
        if (auto *error = std::get_if<ApiError>(&checked)) {
            m_discardSession = true; // content that can never verify: resuming it is pointless
            return *error;
        }
        m_verified = std::get<VerifiedRelease>(std::move(checked));
    } else {
        m_probing = true;
        m_nextProbeAt = FirstProbeBytes;
    }
    return m_session ? openPart() : openScratch();
}

ApiStatus UploadReactor::openPart()
{
    m_file = std::make_unique<QFile>();
    bool gone = false;
    ApiStatus refused = m_session->open(*m_file, m_parts ? &m_imageHash : nullptr, &gone);
    m_discardSession = gone;
    if (!refused) {
        m_scratchPath = m_session->partPath();
        m_received = m_session->committed();
    }
    return refused;
}

ApiStatus UploadReactor::openScratch()
{
    m_scratchPath = m_context.artifacts.newScratchPath(QStringLiteral("upload"));
    m_file = std::make_unique<QFile>(m_scratchPath);
    // Unbuffered: each chunk goes straight to the kernel, and the bundle probe reads what was written.
    if (!m_file->open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        return uploadWriteFailure(*m_file);
    return std::nullopt;
}

void UploadReactor::onChunk(const v1::UploadReleaseRequest &message)
{
    if (message.part_case() == v1::UploadReleaseRequest::kHeader) {
        finish(
            apiError(grpc::StatusCode::INVALID_ARGUMENT,
                     QStringLiteral("a second header arrived after %1 payload bytes; send the header once, "
                                    "then only chunks")
                         .arg(m_received)));
        return;
    }
    const std::string &chunk = message.chunk();
    const qint64 size = qint64(chunk.size());
    if (size > chunkLimit(m_context.config)) {
        finish(apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("a chunk of %1 bytes is larger than this server's "
                                       "max_upload_chunk_bytes (%2 bytes); send smaller chunks")
                            .arg(size)
                            .arg(chunkLimit(m_context.config))));
        return;
    }
    const qint64 total = qint64(m_header.total_size());
    if (m_received + size > total) {
        finish(apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("the stream ran past header.total_size: %1 bytes were announced, but "
                                       "this chunk would make %2")
                            .arg(total)
                            .arg(m_received + size),
                        v1::ERROR_REASON_UPLOAD_SIZE_MISMATCH));
        return;
    }
    if (m_file->write(chunk.data(), size) != size) {
        finish(uploadWriteFailure(*m_file));
        return;
    }
    m_received += size;
    if (m_parts)
        m_imageHash.update(QByteArrayView(chunk.data(), size));
    if (m_probing && m_received >= m_nextProbeAt) {
        if (ApiStatus refused = checkArrivingBundle()) {
            finish(refused);
            return;
        }
    }
    if (m_received - m_commitRequested >= CommitEveryBytes) {
        m_commitRequested = m_received;
        m_committer->request(m_received);
    }
}

ApiStatus UploadReactor::checkArrivingBundle()
{
    m_nextProbeAt = m_received * 2;
    if (m_received >= ProbeLimitBytes)
        m_probing = false; // an unusual layout: the full verification at the end judges it
    auto probe = probeArrivingBundle(m_scratchPath);
    if (auto *error = std::get_if<ApiError>(&probe)) {
        m_discardSession = true;
        return *error;
    }
    const std::optional<BundlePrefix> &prefix = std::get<std::optional<BundlePrefix>>(probe);
    if (!prefix)
        return std::nullopt;
    m_probing = false;
    auto trust = ReleaseTrust::load(m_context.database);
    if (auto *error = std::get_if<ApiError>(&trust))
        return *error;
    auto checked = checkBundlePrefix(*prefix, std::get<ReleaseTrust>(trust));
    if (auto *error = std::get_if<ApiError>(&checked)) {
        m_discardSession = true;
        return *error;
    }
    return std::nullopt;
}

void UploadReactor::onStreamEnd()
{
    if (cancelled()) {
        finishCancelled();
        return;
    }
    if (!m_haveHeader) {
        finish(apiError(grpc::StatusCode::INVALID_ARGUMENT,
                        QStringLiteral("the stream ended before its header: the first message of an upload "
                                       "must be an UploadHeader")));
        return;
    }
    finish(complete());
}

ApiStatus UploadReactor::complete()
{
    const qint64 total = qint64(m_header.total_size());
    if (m_received < total) {
        QString message =
            QStringLiteral("the stream ended after %1 of the %2 bytes header.total_size announced")
                .arg(m_received)
                .arg(total);
        if (!m_uploadId.isEmpty())
            message += QStringLiteral("; the bytes are kept: resume upload %1 at offset %2")
                           .arg(m_uploadId)
                           .arg(m_received);
        return apiError(grpc::StatusCode::INVALID_ARGUMENT, message, v1::ERROR_REASON_UPLOAD_SIZE_MISMATCH);
    }
    m_committer->stop(); // it syncs through the descriptor that closes now
    m_file->close();

    // Keys may have been revoked while the bytes arrived: the trust of this moment decides.
    auto trust = ReleaseTrust::load(m_context.database);
    if (auto *error = std::get_if<ApiError>(&trust))
        return *error;
    const ReleaseTrust &keys = std::get<ReleaseTrust>(trust);
    VerifiedRelease verified;
    if (m_parts) {
        auto checked = checkPartsHeader(m_header.parts(), m_header.total_size(), keys);
        if (auto *error = std::get_if<ApiError>(&checked)) {
            m_discardSession = true;
            return *error;
        }
        verified = std::get<VerifiedRelease>(std::move(checked));
        if (m_imageHash.finish() != verified.manifest.imageSha256) {
            m_discardSession = true;
            return apiError(grpc::StatusCode::INVALID_ARGUMENT,
                            QStringLiteral("the uploaded image does not match the SHA-256 in the signed "
                                           "manifest: it was changed after signing or damaged on the way"),
                            v1::ERROR_REASON_IMAGE_HASH_MISMATCH);
        }
        verified.imagePath = m_scratchPath;
    } else {
        m_imagePath = m_context.artifacts.newScratchPath(QStringLiteral("image"));
        auto checked = verifyUploadedBundle(m_scratchPath, keys, m_imagePath, [this] { return cancelled(); });
        if (auto *error = std::get_if<ApiError>(&checked)) {
            m_discardSession = error->detail.has_value();
            return *error;
        }
        verified = std::get<VerifiedRelease>(std::move(checked));
    }
    if (cancelled())
        return apiError(grpc::StatusCode::CANCELLED, QStringLiteral("the upload was cancelled"));

    const UploadOrigin origin{m_actor, m_parts ? QStringLiteral("parts") : QStringLiteral("bundle"),
                              QString::fromStdString(m_header.bundle().file_name()), m_uploadId};
    auto stored = m_catalog.store(verified, origin);
    if (auto *error = std::get_if<ApiError>(&stored)) {
        m_discardSession = error->detail.has_value(); // a version rule: the same bytes can never pass
        return *error;
    }
    *m_response->mutable_release() = std::get<v1::Release>(std::move(stored));
    return std::nullopt;
}

void UploadReactor::commitProgress()
{
    if (m_session && m_file && m_file->isOpen())
        m_session->commit(m_file->handle(), m_received);
}

void UploadReactor::settle(Outcome outcome)
{
    if (m_committer)
        m_committer->stop();
    const bool resumable = !m_uploadId.isEmpty();
    if (m_file) {
        if (resumable && outcome != Outcome::Stored && !m_discardSession && !m_cancelledByOperator)
            commitProgress();
        m_file->close();
    }
    if (!m_imagePath.isEmpty())
        QFile::remove(m_imagePath); // an adopted image is gone already; this clears a failed extraction
    if (!resumable || outcome == Outcome::Stored) {
        if (!m_scratchPath.isEmpty())
            QFile::remove(m_scratchPath);
    } else if (m_discardSession && m_claimed) {
        (void)m_catalog.discardSession(m_uploadId);
    }
    // Released before the status goes out, so that a client resuming at once is not told ABORTED.
    if (m_claimed) {
        m_catalog.releaseUpload(m_uploadId);
        m_claimed = false;
    }
}

void UploadReactor::finish(const ApiStatus &status)
{
    if (m_finished)
        return;
    if (status && status->code == grpc::StatusCode::CANCELLED) {
        finishCancelled();
        return;
    }
    settle(status ? Outcome::Refused : Outcome::Stored);
    if (status)
        auditRefusal(m_context, m_actor, "UploadRelease", *status);
    m_finished = true;
    m_finalStatus = toStatus(m_call, status);
}

void UploadReactor::finishCancelled()
{
    if (m_finished)
        return;
    settle(Outcome::Cancelled);
    m_finished = true;
    const QString message = m_cancelledByOperator
                                ? QStringLiteral("upload %1 was cancelled with CancelUpload").arg(m_uploadId)
                                : QStringLiteral("the upload was cancelled");
    m_finalStatus = grpc::Status(grpc::StatusCode::CANCELLED, message.toStdString());
}

} // namespace otter::backend
