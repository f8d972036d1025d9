// ReleaseCalls: Release uploads (streamed from disk, resumable, cancellable) and trusted keys (add, revoke).
#include "app/client/release_calls.h"

#include "app/client/call_error.h"
#include "app/client/call_mailbox.h"
#include "app/client/client_call.h"
#include "app/client/console_client.h"
#include "app/client/record_conversion.h"
#include "app/client/release_upload_reactor.h"
#include "app/client/release_upload_refusal.h"

#include "otter/v1/identity.grpc.pb.h"
#include "otter/v1/releases.grpc.pb.h"

#include <QFileInfo>
#include <QUuid>

#include <climits>

namespace otter::client {

namespace {

constexpr int UnaryDeadlineMs = 15000;
// Each message costs a round through gRPC's callback threads: large chunks keep that cost small against the
// bytes moved, and the server's max_upload_chunk_bytes (half its message limit) caps them. Memory stays at
// one chunk in flight.
constexpr qint64 PreferredChunkBytes = 4 << 20;
constexpr int MaxResumes = 8;
constexpr int MaxResumeDelayMs = 10000;
constexpr int CancelAttempts = 3;

// A whole upload's deadline: generous for a slow link (100 KiB/s) but never unbounded.
int streamDeadlineMs(qint64 remainingBytes)
{
    const qint64 ms = 10 * 60 * 1000 + remainingBytes / 100;
    return int(qMin<qint64>(ms, INT_MAX));
}

template<typename Request, typename Response>
struct Unary
{
    grpc::ClientContext context;
    Request request;
    Response response;
};

// A unary call whose answer always comes back (unlike ConsoleClient::dispatch, which drops answers of an
// older connection): an upload must learn the outcome of its own calls to end in a defined state.
template<typename Call, typename Launch, typename Done>
void runUnary(ConsoleClient *client, std::shared_ptr<Call> call, Launch launch, Done done)
{
    client->prepare(call->context, UnaryDeadlineMs);
    client->track(std::shared_ptr<grpc::ClientContext>(call, &call->context));
    auto mailbox = client->mailbox();
    auto channel = client->channel();
    mailbox->begin();
    launch(call.get(), [mailbox, call, channel, done](grpc::Status status) mutable {
        mailbox->post([call = std::move(call), channel = std::move(channel), done = std::move(done), status] {
            done(status, *call);
        });
        mailbox->end();
    });
}

} // namespace

struct ReleaseCalls::Upload
{
    ReleaseUploadSource source;
    QString uploadId;
    qint64 total = 0;
    qint64 chunkBytes = PreferredChunkBytes;
    quint64 serial = 0; // tells this upload's answers from a finished one's
    std::shared_ptr<grpc::ClientContext> stream;
    bool started = false;
    bool cancelling = false;
    bool cancelAnswered = false;
    int resumes = 0;
    QString lastInterruption;
};

ReleaseCalls::ReleaseCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
{
    qRegisterMetaType<ReleaseUploadSource>();
    qRegisterMetaType<models::ReleaseRecord>();
    qRegisterMetaType<models::TrustedKeyRecord>();
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, &ReleaseCalls::resume);
}

ReleaseCalls::~ReleaseCalls() = default;

void ReleaseCalls::upload(const ReleaseUploadSource &source)
{
    QMetaObject::invokeMethod(
        this, [this, source] { doUpload(source); }, Qt::QueuedConnection);
}

void ReleaseCalls::cancelUpload()
{
    QMetaObject::invokeMethod(
        this, [this] { doCancel(); }, Qt::QueuedConnection);
}

void ReleaseCalls::doUpload(const ReleaseUploadSource &source)
{
    if (m_upload) {
        emit uploadFailed({}, tr("another upload is still running: wait for it to finish or cancel it"));
        return;
    }
    if (!m_client->isOnline()) {
        emit uploadFailed({}, tr("the upload needs a connection to otterd"));
        return;
    }
    const QFileInfo info(source.path);
    if (!info.isFile() || !info.isReadable()) {
        emit uploadFailed({}, tr("cannot read %1: no such readable file").arg(source.path));
        return;
    }
    static quint64 serials = 0;
    m_upload = std::make_unique<Upload>();
    m_upload->source = source;
    m_upload->uploadId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_upload->total = info.size();
    m_upload->serial = ++serials;
    const quint64 serial = m_upload->serial;

    // The server's limits first: an oversized file is refused before a byte of it is sent.
    using Call = Unary<v1::WhoAmIRequest, v1::WhoAmIResponse>;
    auto stub = v1::IdentityService::NewStub(m_client->channel());
    runUnary(
        m_client, std::make_shared<Call>(),
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->WhoAmI(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, serial](const grpc::Status &status, Call &c) {
            if (!m_upload || m_upload->serial != serial || m_upload->cancelling)
                return;
            if (!status.ok()) {
                fail({}, describeFailure(status, c.context, m_client->serverAddress()).message);
                return;
            }
            const v1::ServerLimits &limits = c.response.limits();
            if (limits.max_upload_bytes() > 0 && quint64(m_upload->total) > limits.max_upload_bytes()) {
                fail(tr("size limit"), tr("%1 is %2 bytes; otterd at %3 accepts uploads of at most %4 bytes")
                                           .arg(QFileInfo(m_upload->source.path).fileName())
                                           .arg(m_upload->total)
                                           .arg(m_client->serverAddress())
                                           .arg(limits.max_upload_bytes()));
                return;
            }
            if (limits.max_upload_chunk_bytes() > 0)
                m_upload->chunkBytes = qMin<qint64>(PreferredChunkBytes, limits.max_upload_chunk_bytes());
            m_upload->started = true;
            emit uploadStarted(m_upload->uploadId, m_upload->total);
            startStream(0);
        });
}

void ReleaseCalls::startStream(qint64 offset)
{
    Upload &upload = *m_upload;
    if (!m_client->isOnline()) {
        // The connection ended between two steps: resume() waits for it and asks where to continue.
        ++upload.resumes;
        m_resumeTimer.start(MaxResumeDelayMs);
        return;
    }
    auto file = std::make_unique<QFile>(upload.source.path);
    if (!file->open(QIODevice::ReadOnly | QIODevice::Unbuffered) || !file->seek(offset)) {
        fail({}, tr("cannot read %1: %2").arg(upload.source.path, file->errorString()));
        return;
    }
    // From here on gRPC's threads read and finally delete it: it belongs to no thread's event loop.
    file->moveToThread(nullptr);
    v1::UploadHeader header;
    header.set_upload_id(upload.uploadId.toStdString());
    header.set_offset(quint64(offset));
    header.set_total_size(quint64(upload.total));
    if (upload.source.isBundle()) {
        header.mutable_bundle()->set_file_name(QFileInfo(upload.source.path).fileName().toStdString());
    } else {
        v1::PartsFormat *parts = header.mutable_parts();
        parts->set_manifest(upload.source.manifest.toStdString());
        for (const BundleSignature &signature : upload.source.signatures) {
            v1::ManifestSignature *added = parts->add_signatures();
            added->set_key_id(signature.keyId.toStdString());
            added->set_signature(signature.der.toStdString());
        }
    }

    upload.stream = std::make_shared<grpc::ClientContext>();
    m_client->prepare(*upload.stream, streamDeadlineMs(upload.total - offset));
    m_client->track(upload.stream);
    const quint64 serial = upload.serial;
    auto stub = v1::ReleaseService::NewStub(m_client->channel());
    auto *reactor = new ReleaseUploadReactor(
        m_client->mailbox(), upload.stream, std::move(header), std::move(file), upload.chunkBytes,
        [this, serial](qint64 sent) {
            if (m_upload && m_upload->serial == serial && !m_upload->cancelling)
                emit uploadProgress(sent, m_upload->total);
        },
        [this, serial](const UploadOutcome &outcome, const grpc::ClientContext &context) {
            if (m_upload && m_upload->serial == serial)
                onStreamDone(outcome, context);
        });
    reactor->start(*stub);
}

void ReleaseCalls::onStreamDone(const UploadOutcome &outcome, const grpc::ClientContext &context)
{
    Upload &upload = *m_upload;
    upload.stream.reset();
    if (upload.cancelling) {
        if (upload.cancelAnswered)
            confirmNothingLeft(CancelAttempts);
        return;
    }
    if (outcome.status.ok()) {
        const models::ReleaseRecord release = toRecord(outcome.release);
        m_upload.reset();
        emit uploadFinished(release);
        return;
    }
    if (!outcome.readError.isEmpty()) {
        const QString message = tr("cannot read %1: %2").arg(upload.source.path, outcome.readError);
        discardSession(1, false);
        fail({}, message);
        return;
    }
    const CallError error = describeFailure(outcome.status, context, m_client->serverAddress());
    // A connection that broke (or was ended by the client going offline) is resumed; a refusal is final.
    const bool interrupted = error.isTransient() || error.code == grpc::StatusCode::ABORTED ||
                             (error.code == grpc::StatusCode::CANCELLED && !m_client->isOnline());
    if (interrupted && upload.resumes < MaxResumes) {
        upload.lastInterruption = error.message;
        m_resumeTimer.start(qMin(MaxResumeDelayMs, 500 << qMin(upload.resumes, 5)));
        ++upload.resumes;
        return;
    }
    const UploadRefusal refusal = describeUploadRefusal(error);
    discardSession(1, false);
    fail(refusal.failedCheck, refusal.message);
}

void ReleaseCalls::resume()
{
    if (!m_upload || m_upload->cancelling || m_upload->stream)
        return;
    Upload &upload = *m_upload;
    if (!m_client->isOnline()) {
        if (upload.resumes >= MaxResumes) {
            fail({}, tr("the upload was interrupted (%1) and otterd could not be reached again; start it "
                        "again when the connection is back")
                         .arg(upload.lastInterruption));
            return;
        }
        ++upload.resumes;
        m_resumeTimer.start(MaxResumeDelayMs);
        return;
    }
    using Call = Unary<v1::QueryUploadRequest, v1::QueryUploadResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_upload_id(upload.uploadId.toStdString());
    auto stub = v1::ReleaseService::NewStub(m_client->channel());
    const quint64 serial = upload.serial;
    runUnary(
        m_client, call,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->QueryUpload(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, serial](const grpc::Status &status, Call &c) {
            if (!m_upload || m_upload->serial != serial || m_upload->cancelling)
                return;
            if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
                startStream(0); // the server never stored a byte of it: start over
                return;
            }
            if (!status.ok()) {
                const CallError error = describeFailure(status, c.context, m_client->serverAddress());
                if (error.isTransient() && m_upload->resumes < MaxResumes) {
                    ++m_upload->resumes;
                    m_resumeTimer.start(MaxResumeDelayMs);
                    return;
                }
                fail({}, tr("the upload was interrupted and cannot be resumed: %1").arg(error.message));
                return;
            }
            if (!c.response.release_id().empty()) {
                // The release was stored but the answer was lost: the cache sync brings the release.
                models::ReleaseRecord release;
                release.id = QString::fromStdString(c.response.release_id());
                m_upload.reset();
                emit uploadFinished(release);
                return;
            }
            startStream(qint64(c.response.committed_offset()));
        });
}

void ReleaseCalls::doCancel()
{
    if (!m_upload || m_upload->cancelling)
        return;
    Upload &upload = *m_upload;
    upload.cancelling = true;
    m_resumeTimer.stop();
    if (!upload.started) {
        finishCancel(true, tr("The upload was cancelled before any byte was sent."));
        return;
    }
    // CancelUpload first: the server ends a stream still writing and commits nothing more of it.
    discardSession(CancelAttempts, true);
}

void ReleaseCalls::discardSession(int attemptsLeft, bool cancelling)
{
    using Call = Unary<v1::CancelUploadRequest, v1::CancelUploadResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_upload_id(m_upload->uploadId.toStdString());
    if (!m_client->isOnline()) {
        if (cancelling) {
            if (m_upload->stream)
                m_upload->stream->TryCancel();
            finishCancel(false, tr("The upload was cancelled, but otterd could not be told: it discards the "
                                   "bytes it kept when the upload session expires."));
        }
        return;
    }
    auto stub = v1::ReleaseService::NewStub(m_client->channel());
    const quint64 serial = m_upload->serial;
    runUnary(
        m_client, call,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->CancelUpload(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, serial, cancelling, attemptsLeft](const grpc::Status &, Call &) {
            if (!cancelling || !m_upload || m_upload->serial != serial)
                return;
            m_upload->cancelAnswered = true;
            if (m_upload->stream)
                m_upload->stream->TryCancel(); // onStreamDone confirms once the stream has ended
            else
                confirmNothingLeft(attemptsLeft);
        });
}

// A stream cancelled just as its header arrived may have opened a session after CancelUpload looked:
// ask until the server says it has no such upload.
void ReleaseCalls::confirmNothingLeft(int attemptsLeft)
{
    if (!m_client->isOnline()) {
        finishCancel(false,
                     tr("The upload was cancelled, but the connection to otterd ended before it "
                        "confirmed discarding the bytes; it does so when the upload session expires."));
        return;
    }
    using Call = Unary<v1::QueryUploadRequest, v1::QueryUploadResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_upload_id(m_upload->uploadId.toStdString());
    auto stub = v1::ReleaseService::NewStub(m_client->channel());
    const quint64 serial = m_upload->serial;
    runUnary(
        m_client, call,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->QueryUpload(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, serial, attemptsLeft](const grpc::Status &status, Call &c) {
            if (!m_upload || m_upload->serial != serial)
                return;
            if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
                finishCancel(true, tr("The upload was cancelled; otterd keeps nothing of it."));
                return;
            }
            if (!status.ok()) {
                finishCancel(false,
                             tr("The upload was cancelled, but otterd could not confirm it discarded "
                                "the bytes (%1); it does so when the upload session expires.")
                                 .arg(describeFailure(status, c.context, m_client->serverAddress()).message));
                return;
            }
            if (!c.response.release_id().empty()) {
                finishCancel(false, tr("The upload had already completed: release %1 is stored. Delete it "
                                       "if it is not wanted.")
                                        .arg(QString::fromStdString(c.response.release_id())));
                return;
            }
            if (attemptsLeft <= 1) {
                finishCancel(false, tr("otterd still holds %1 bytes of upload %2; it discards them when the "
                                       "session expires.")
                                        .arg(c.response.committed_offset())
                                        .arg(m_upload->uploadId));
                return;
            }
            discardSession(attemptsLeft - 1, true);
        });
}

void ReleaseCalls::finishCancel(bool leftNothing, const QString &message)
{
    m_upload.reset();
    emit uploadCancelled(leftNothing, message);
}

void ReleaseCalls::fail(const QString &failedCheck, const QString &message)
{
    m_resumeTimer.stop();
    if (m_upload && m_upload->stream)
        m_upload->stream->TryCancel();
    m_upload.reset();
    emit uploadFailed(failedCheck, message);
}

} // namespace otter::client
