// WatchChanges: the server's revision, pushed.
#include "backend/services/sync_watch_stream.h"

#include "backend/services/unary_call.h"

#include <google/protobuf/util/time_util.h>

namespace otter::backend {
namespace {

// sync.proto: at most 4 messages a second, and a heartbeat at least every 30 s (half that, so a client
// that allows 30 s never sees a healthy stream as dead).
constexpr auto MinSpacing = std::chrono::milliseconds(250);
constexpr auto HeartbeatInterval = std::chrono::seconds(15);
// While a write is still in flight, look again this much later rather than at once.
constexpr auto BusyRetry = std::chrono::milliseconds(250);

} // namespace

WatchChangesStream::WatchChangesStream(ServiceContext &context, RevisionNotifier &notifier,
                                       grpc::CallbackServerContext *call)
    : m_context(context)
    , m_notifier(notifier)
{
    auto authenticated = context.auth.authenticateOperator(call, v1::ROLE_VIEWER, "WatchChanges");
    std::unique_lock lock(m_mutex);
    if (auto *error = std::get_if<ApiError>(&authenticated)) {
        auditRefusal(context, QStringLiteral("anonymous"), "WatchChanges", *error);
        finish(lock, toStatus(call, *error));
        return;
    }
    send(lock, context.database.currentRevision(), Clock::now());
    if (!notifier.subscribe(this)) {
        lock.lock();
        finish(lock, grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                  "otterd is shutting down: reconnect with backoff"));
    }
}

void WatchChangesStream::send(std::unique_lock<std::mutex> &lock, qint64 revision, Clock::time_point now)
{
    m_writing = true;
    m_sentRevision = revision;
    m_lastWrite = now;
    m_message.set_current_revision(revision);
    *m_message.mutable_server_time() =
        google::protobuf::util::TimeUtil::MillisecondsToTimestamp(m_context.clock.now().toMSecsSinceEpoch());
    lock.unlock();
    StartWrite(&m_message);
}

void WatchChangesStream::finish(std::unique_lock<std::mutex> &lock, const grpc::Status &status)
{
    if (m_finished)
        return;
    // A stream is finished only between writes; otherwise OnWriteDone finishes it.
    if (m_writing) {
        if (!m_finishAfterWrite)
            m_finishAfterWrite = status;
        return;
    }
    m_finished = true;
    lock.unlock();
    Finish(status);
}

RevisionListener::Clock::time_point WatchChangesStream::poll(qint64 revision, Clock::time_point now)
{
    std::unique_lock lock(m_mutex);
    if (m_finished || m_finishAfterWrite)
        return Clock::time_point::max();
    const bool changed = revision > m_sentRevision;
    if (m_writing) // a slow client: never a deadline in the past, or the notifier would spin
        return changed ? now + BusyRetry : std::max(now + BusyRetry, m_lastWrite + HeartbeatInterval);
    if (changed && now >= m_lastWrite + MinSpacing) {
        send(lock, revision, now);
        return now + HeartbeatInterval;
    }
    if (changed)
        return m_lastWrite + MinSpacing;
    if (now >= m_lastWrite + HeartbeatInterval) {
        send(lock, m_sentRevision, now);
        return now + HeartbeatInterval;
    }
    return m_lastWrite + HeartbeatInterval;
}

void WatchChangesStream::serverClosing()
{
    std::unique_lock lock(m_mutex);
    finish(lock,
           grpc::Status(grpc::StatusCode::UNAVAILABLE, "otterd is shutting down: reconnect with backoff"));
}

void WatchChangesStream::OnWriteDone(bool ok)
{
    std::unique_lock lock(m_mutex);
    m_writing = false;
    if (!ok && !m_finishAfterWrite)
        m_finishAfterWrite = grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
    if (m_finishAfterWrite) {
        const grpc::Status status = *m_finishAfterWrite;
        finish(lock, status);
    }
}

void WatchChangesStream::OnCancel()
{
    std::unique_lock lock(m_mutex);
    finish(lock, grpc::Status::CANCELLED);
}

void WatchChangesStream::OnDone()
{
    // The notifier may be polling this stream right now; once unsubscribe() returns it never will again.
    m_notifier.unsubscribe(this);
    delete this;
}

} // namespace otter::backend
