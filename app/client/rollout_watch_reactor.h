// The WatchRollout server stream as a gRPC callback reactor. It lives on gRPC's threads and deletes itself
// when the stream is done; each message, converted to plain values there, and finally its context are
// posted to the client thread through the mailbox.
#pragma once

#include "app/client/call_mailbox.h"
#include "models/rollout_progress.h"

#include "otter/v1/rollouts.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>

namespace otter::client {

class RolloutWatchReactor final : public grpc::ClientReadReactor<v1::WatchRolloutResponse>
{
public:
    // Both functions run on the client thread (posted); onDone exactly once.
    RolloutWatchReactor(std::shared_ptr<CallMailbox> mailbox, std::shared_ptr<grpc::ClientContext> context,
                        const QString &rolloutId,
                        std::function<void(const models::RolloutWatchUpdate &update)> onUpdate,
                        std::function<void(const grpc::Status &status, grpc::ClientContext &context)> onDone);

    void start(v1::RolloutService::Stub &stub);

    void OnReadDone(bool ok) override;
    void OnDone(const grpc::Status &status) override;

private:
    std::shared_ptr<CallMailbox> m_mailbox;
    std::shared_ptr<grpc::ClientContext> m_context;
    QString m_rolloutId;
    std::function<void(const models::RolloutWatchUpdate &)> m_onUpdate;
    std::function<void(const grpc::Status &, grpc::ClientContext &)> m_onDone;
    v1::WatchRolloutRequest m_request;
    v1::WatchRolloutResponse m_response;
};

} // namespace otter::client
