// The WatchRollout server stream as a gRPC callback reactor.
#include "app/client/rollout_watch_reactor.h"

#include "app/client/rollout_progress_conversion.h"

namespace otter::client {

RolloutWatchReactor::RolloutWatchReactor(
    std::shared_ptr<CallMailbox> mailbox, std::shared_ptr<grpc::ClientContext> context,
    const QString &rolloutId, std::function<void(const models::RolloutWatchUpdate &)> onUpdate,
    std::function<void(const grpc::Status &, grpc::ClientContext &)> onDone)
    : m_mailbox(std::move(mailbox))
    , m_context(std::move(context))
    , m_rolloutId(rolloutId)
    , m_onUpdate(std::move(onUpdate))
    , m_onDone(std::move(onDone))
{
    m_request.set_rollout_id(rolloutId.toStdString());
}

void RolloutWatchReactor::start(v1::RolloutService::Stub &stub)
{
    m_mailbox->begin();
    stub.async()->WatchRollout(m_context.get(), &m_request, this);
    StartRead(&m_response);
    StartCall();
}

void RolloutWatchReactor::OnReadDone(bool ok)
{
    if (!ok)
        return; // the stream ended; OnDone follows with its status
    // Converted here, off the client thread: the posted function carries plain values only.
    models::RolloutWatchUpdate update = toWatchUpdate(m_response);
    update.rolloutId = m_rolloutId;
    m_mailbox->post([onUpdate = m_onUpdate, update = std::move(update)] { onUpdate(update); });
    StartRead(&m_response);
}

void RolloutWatchReactor::OnDone(const grpc::Status &status)
{
    // The context (and through it the channel) goes to the client thread with the status: deleting it here
    // could release the channel's last reference on the very gRPC thread its destructor shuts down.
    m_mailbox->post(
        [onDone = m_onDone, status, context = std::move(m_context)] { onDone(status, *context); });
    const auto mailbox = m_mailbox;
    delete this;
    mailbox->end();
}

} // namespace otter::client
