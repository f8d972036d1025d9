// The WatchChanges server stream as a gRPC callback reactor.
#include "app/client/watch_changes_reactor.h"

namespace otter::client {

WatchChangesReactor::WatchChangesReactor(std::shared_ptr<CallMailbox> mailbox,
                                         std::shared_ptr<grpc::ClientContext> context,
                                         std::function<void(qint64)> onRevision,
                                         std::function<void(const grpc::Status &)> onDone)
    : m_mailbox(std::move(mailbox))
    , m_context(std::move(context))
    , m_onRevision(std::move(onRevision))
    , m_onDone(std::move(onDone))
{}

void WatchChangesReactor::start(v1::SyncService::Stub &stub)
{
    m_mailbox->begin();
    stub.async()->WatchChanges(m_context.get(), &m_request, this);
    StartRead(&m_response);
    StartCall();
}

void WatchChangesReactor::OnReadDone(bool ok)
{
    if (!ok)
        return; // the stream ended; OnDone follows with its status
    m_mailbox->post(
        [onRevision = m_onRevision, revision = m_response.current_revision()] { onRevision(revision); });
    StartRead(&m_response);
}

void WatchChangesReactor::OnDone(const grpc::Status &status)
{
    // The context (and through it the channel) goes to the client thread with the status: deleting it here
    // could release the channel's last reference on the very gRPC thread its destructor shuts down.
    m_mailbox->post([onDone = m_onDone, status, context = std::move(m_context)] { onDone(status); });
    const auto mailbox = m_mailbox;
    delete this;
    mailbox->end();
}

} // namespace otter::client
