// RolloutWatchCalls: One rollout's live progress (WatchRollout) and its per-device outcomes
// (ListDeployments).
#include "app/client/rollout_watch_calls.h"

#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/console_client.h"
#include "app/client/record_conversion.h"
#include "app/client/rollout_watch_reactor.h"

#include "otter/v1/rollouts.grpc.pb.h"

namespace otter::client {

namespace {

constexpr int ListDeadlineMs = 30000;
constexpr int MaxPageSize = 1000;

std::optional<v1::DeploymentState> deploymentState(const QString &name)
{
    v1::DeploymentState state = v1::DEPLOYMENT_STATE_UNSPECIFIED;
    if (!v1::DeploymentState_Parse("DEPLOYMENT_STATE_" + name.toUpper().toStdString(), &state))
        return std::nullopt;
    return state;
}

} // namespace

RolloutWatchCalls::RolloutWatchCalls(ConsoleClient *client)
    : QObject(client)
    , m_client(client)
    , m_retry(this)
{
    qRegisterMetaType<models::RolloutWatchUpdate>();
    qRegisterMetaType<QList<models::DeploymentRecord>>();
    m_retry.setSingleShot(true);
    m_retry.setInterval(1000);
    connect(&m_retry, &QTimer::timeout, this, &RolloutWatchCalls::resumeAll);
    // A new connection (after a server restart, a network loss or a change of server) resumes every watch.
    connect(m_client, &ConsoleClient::signedIn, this, &RolloutWatchCalls::resumeAll);
}

void RolloutWatchCalls::watch(const QString &rolloutId)
{
    QMetaObject::invokeMethod(
        this, [this, rolloutId] { doWatch(rolloutId); }, Qt::QueuedConnection);
}

void RolloutWatchCalls::stopWatch(const QString &rolloutId)
{
    QMetaObject::invokeMethod(
        this, [this, rolloutId] { doStopWatch(rolloutId); }, Qt::QueuedConnection);
}

void RolloutWatchCalls::listDeployments(const QString &rolloutId, const QStringList &states, int stage,
                                        const QString &pageToken, int pageSize, quint64 requestId)
{
    QMetaObject::invokeMethod(
        this,
        [this, rolloutId, states, stage, pageToken, pageSize, requestId] {
            doListDeployments(rolloutId, states, stage, pageToken, pageSize, requestId);
        },
        Qt::QueuedConnection);
}

void RolloutWatchCalls::setRetryDelay(int ms)
{
    QMetaObject::invokeMethod(
        this, [this, ms] { m_retry.setInterval(qMax(1, ms)); }, Qt::QueuedConnection);
}

void RolloutWatchCalls::doWatch(const QString &rolloutId)
{
    m_watches[rolloutId]; // remembered while offline, started once signed in
    if (m_client->isOnline())
        startStream(rolloutId);
}

void RolloutWatchCalls::doStopWatch(const QString &rolloutId)
{
    const auto found = m_watches.constFind(rolloutId);
    if (found == m_watches.cend())
        return;
    if (const auto context = found->context.lock())
        context->TryCancel();
    // Whatever the cancelled stream still posts finds no watch and is dropped.
    m_watches.erase(found);
}

void RolloutWatchCalls::startStream(const QString &rolloutId)
{
    Watch &watch = m_watches[rolloutId];
    if (const auto previous = watch.context.lock())
        previous->TryCancel();
    const quint64 serial = ++m_serial;
    auto context = std::make_shared<grpc::ClientContext>();
    // A stream has no deadline: it lasts until the rollout is over or it is cancelled.
    m_client->prepare(*context, 0);
    m_client->track(context);
    watch.serial = serial;
    watch.generation = m_client->generation();
    watch.running = true;
    watch.context = context;
    auto stub = v1::RolloutService::NewStub(m_client->channel());
    auto *reactor = new RolloutWatchReactor(
        m_client->mailbox(), std::move(context), rolloutId,
        [this, rolloutId, serial](const models::RolloutWatchUpdate &update) {
            onUpdate(rolloutId, serial, update);
        },
        [this, rolloutId, serial](const grpc::Status &status, grpc::ClientContext &ended) {
            onEnded(rolloutId, serial, status, ended);
        });
    reactor->start(*stub);
}

void RolloutWatchCalls::onUpdate(const QString &rolloutId, quint64 serial,
                                 const models::RolloutWatchUpdate &update)
{
    const auto found = m_watches.constFind(rolloutId);
    if (found == m_watches.cend() || found->serial != serial)
        return; // a stream since replaced or stopped
    emit watchUpdate(update);
}

void RolloutWatchCalls::onEnded(const QString &rolloutId, quint64 serial, const grpc::Status &status,
                                const grpc::ClientContext &context)
{
    const auto found = m_watches.find(rolloutId);
    if (found == m_watches.end() || found->serial != serial)
        return;
    found->running = false;
    if (status.ok()) {
        m_watches.erase(found);
        emit watchEnded(rolloutId, true,
                        tr("rollout %1 is over; no device is updating any more").arg(rolloutId));
        return;
    }
    // CANCELLED here is not ours (stopWatch forgets the watch first): the client dropped the connection
    // (reconnect, disconnect) or the server shut down. Either way a new stream, with a new snapshot, follows.
    if (status.error_code() == grpc::StatusCode::CANCELLED) {
        emit watchInterrupted(rolloutId,
                              tr("the connection to otterd at %1 was closed").arg(m_client->serverAddress()));
        if (m_client->isOnline())
            m_retry.start();
        return;
    }
    const CallError error = describeFailure(status, context, m_client->serverAddress());
    if (error.isTransient()) {
        emit watchInterrupted(rolloutId, error.message);
        if (m_client->isOnline())
            m_retry.start();
        return;
    }
    m_watches.erase(found);
    emit watchEnded(rolloutId, false, error.message);
}

void RolloutWatchCalls::resumeAll()
{
    if (!m_client->isOnline())
        return;
    const QStringList ids = m_watches.keys();
    for (const QString &id : ids) {
        const Watch &watch = m_watches[id];
        if (!watch.running || watch.generation != m_client->generation())
            startStream(id);
    }
}

void RolloutWatchCalls::doListDeployments(const QString &rolloutId, const QStringList &states, int stage,
                                          const QString &pageToken, int pageSize, quint64 requestId)
{
    if (!m_client->isOnline()) {
        emit deploymentsFailed(requestId, rolloutId, tr("the device outcomes need a connection to otterd"));
        return;
    }
    using Call = UnaryCall<v1::ListDeploymentsRequest, v1::ListDeploymentsResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_rollout_id(rolloutId.toStdString());
    for (const QString &name : states) {
        const auto state = deploymentState(name);
        if (!state) {
            emit deploymentsFailed(requestId, rolloutId, tr("%1 is not a deployment state").arg(name));
            return;
        }
        call->request.add_states(*state);
    }
    if (stage >= 0)
        call->request.set_stage(quint32(stage));
    call->request.set_page_size(quint32(qBound(1, pageSize, MaxPageSize)));
    call->request.set_page_token(pageToken.toStdString());
    auto stub = v1::RolloutService::NewStub(m_client->channel());
    m_client->dispatch(
        call, ListDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->ListDeployments(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, rolloutId, requestId](const grpc::Status &status, Call &c) {
            if (!status.ok()) {
                emit deploymentsFailed(requestId, rolloutId,
                                       describeFailure(status, c.context, m_client->serverAddress()).message);
                return;
            }
            QList<models::DeploymentRecord> page;
            page.reserve(c.response.deployments_size());
            for (const auto &deployment : c.response.deployments())
                page.append(toRecord(deployment));
            emit deploymentsReceived(requestId, rolloutId, page,
                                     QString::fromStdString(c.response.next_page_token()));
        });
}

} // namespace otter::client
