// ConsoleClient's incremental sync: GetChanges pages from a revision, and the WatchChanges stream that
// says when there is more (and, by its heartbeats, that the connection is alive).
#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/record_conversion.h"
#include "app/client/watch_changes_reactor.h"

#include "otter/v1/sync.grpc.pb.h"

namespace otter::client {

namespace {

constexpr int PageDeadlineMs = 30000;

} // namespace

void ConsoleClient::requestChanges(qint64 since)
{
    QMetaObject::invokeMethod(
        this, [this, since] { doRequestChanges(since); }, Qt::QueuedConnection);
}

void ConsoleClient::setSyncFrom(qint64 cacheRevision)
{
    QMetaObject::invokeMethod(
        this, [this, cacheRevision] { doSetSyncFrom(cacheRevision); }, Qt::QueuedConnection);
}

void ConsoleClient::doRequestChanges(qint64 since)
{
    // Offline or busy: remembered, and run once online or when the running sync is complete.
    if (!isOnline() || m_fetching) {
        m_pendingSince = since;
        return;
    }
    fetchChanges(since, {});
}

void ConsoleClient::doSetSyncFrom(qint64 revision)
{
    m_following = true;
    m_cursor = revision;
    if (isOnline() && !m_fetching)
        fetchChanges(m_cursor, {});
}

void ConsoleClient::startWatch()
{
    auto stub = v1::SyncService::NewStub(m_channel);
    auto context = std::make_shared<grpc::ClientContext>();
    // A stream has no deadline: it lasts until cancelled; the watchdog notices a silent connection.
    prepare(*context, 0);
    track(context);
    const quint64 generation = m_generation;
    auto *reactor = new WatchChangesReactor(
        m_mailbox, context, [this, generation](qint64 revision) { onWatchRevision(generation, revision); },
        [this, generation](const grpc::Status &status) { onWatchEnded(generation, status); });
    m_watchdog.start();
    reactor->start(*stub);
}

void ConsoleClient::onWatchRevision(quint64 generation, qint64 revision)
{
    if (generation != m_generation)
        return;
    m_watchdog.start();
    if (revision != m_serverRevision) {
        m_serverRevision = revision;
        emit serverRevisionChanged(revision);
    }
    if (m_following && !m_fetching && revision > m_cursor)
        fetchChanges(m_cursor, {});
}

void ConsoleClient::onWatchEnded(quint64 generation, const grpc::Status &status)
{
    // Our own cancellations (disconnect, reconnect, shutdown) always move the generation on first, so a
    // CANCELLED stream of the current generation was ended by the server (a shutdown), not by us.
    if (generation != m_generation)
        return;
    if (status.ok() || status.error_code() == grpc::StatusCode::CANCELLED)
        connectionLost(tr("otterd at %1 closed the connection").arg(m_profile.address));
    else
        connectionLost(describeFailure(status, m_profile.address).message);
}

void ConsoleClient::fetchChanges(qint64 since, const std::string &pageToken)
{
    using Call = UnaryCall<v1::GetChangesRequest, v1::GetChangesResponse>;
    m_fetching = true;
    auto call = std::make_shared<Call>();
    call->request.set_since_revision(since);
    call->request.set_page_size(m_pageSize);
    call->request.set_page_token(pageToken);
    auto stub = v1::SyncService::NewStub(m_channel);
    dispatch(
        call, PageDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> callback) {
            stub->async()->GetChanges(&c->context, &c->request, &c->response, std::move(callback));
        },
        [this, since](const grpc::Status &status, Call &c) {
            if (!status.ok()) {
                m_fetching = false;
                const CallError error = describeFailure(status, c.context, m_profile.address);
                if (error.detail && error.detail->reason() == v1::ERROR_REASON_RESYNC_REQUIRED) {
                    // Following would only fail again; the cache decides and calls setSyncFrom(0).
                    m_following = false;
                    emit resyncRequired(error.message);
                    return;
                }
                // A dropped connection is noticed by the watch stream, which reconnects and syncs again.
                emit callFailed(tr("sync"), error.message);
                return;
            }
            const models::ChangeBatch batch = toChangeBatch(c.response);
            emit changesReceived(batch);
            if (!batch.complete) {
                fetchChanges(since, c.response.next_page_token());
                return;
            }
            m_fetching = false;
            // A one-off sync from further ahead than the cursor does not cover what lies before it.
            if (m_following && since <= m_cursor)
                m_cursor = qMax(m_cursor, batch.currentRevision);
            followUp();
        });
}

void ConsoleClient::followUp()
{
    if (m_pendingSince) {
        const qint64 since = *m_pendingSince;
        m_pendingSince.reset();
        fetchChanges(since, {});
    } else if (m_following && m_serverRevision > m_cursor) {
        fetchChanges(m_cursor, {});
    }
}

} // namespace otter::client
