// The WatchChanges server stream as a gRPC callback reactor. It lives on gRPC's threads and deletes itself
// when the stream is done; everything it learns, and finally its context, is posted to the client thread
// through the mailbox.
#pragma once

#include "app/client/call_mailbox.h"

#include "otter/v1/sync.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>

namespace otter::client {

class WatchChangesReactor final : public grpc::ClientReadReactor<v1::WatchChangesResponse>
{
public:
    // Both functions run on the client thread (posted); onDone exactly once.
    WatchChangesReactor(std::shared_ptr<CallMailbox> mailbox, std::shared_ptr<grpc::ClientContext> context,
                        std::function<void(qint64 revision)> onRevision,
                        std::function<void(const grpc::Status &status)> onDone);

    void start(v1::SyncService::Stub &stub);

    void OnReadDone(bool ok) override;
    void OnDone(const grpc::Status &status) override;

private:
    std::shared_ptr<CallMailbox> m_mailbox;
    std::shared_ptr<grpc::ClientContext> m_context;
    std::function<void(qint64)> m_onRevision;
    std::function<void(const grpc::Status &)> m_onDone;
    v1::WatchChangesRequest m_request;
    v1::WatchChangesResponse m_response;
};

} // namespace otter::client
