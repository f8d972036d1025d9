// WatchChanges: one stream per console, telling it the server's revision at once, whenever it changes
// (coalesced to at most 4 messages a second) and at least every 15 s as a heartbeat.
#pragma once

#include "backend/services/service_context.h"
#include "backend/services/sync_revision_notifier.h"
#include "otter/v1/sync.pb.h"

#include <grpcpp/grpcpp.h>

#include <mutex>
#include <optional>

namespace otter::backend {

class WatchChangesStream final : public grpc::ServerWriteReactor<v1::WatchChangesResponse>,
                                 public RevisionListener
{
public:
    WatchChangesStream(ServiceContext &context, RevisionNotifier &notifier,
                       grpc::CallbackServerContext *call);

    void OnWriteDone(bool ok) override;
    void OnCancel() override;
    void OnDone() override;

    Clock::time_point poll(qint64 revision, Clock::time_point now) override;
    void serverClosing() override;

private:
    // Both take m_mutex; the gRPC calls themselves run after it is released.
    void send(std::unique_lock<std::mutex> &lock, qint64 revision, Clock::time_point now);
    void finish(std::unique_lock<std::mutex> &lock, const grpc::Status &status);

    ServiceContext &m_context;
    RevisionNotifier &m_notifier;

    std::mutex m_mutex;
    v1::WatchChangesResponse m_message; // owned by the write in flight while m_writing
    bool m_writing = false;
    bool m_finished = false;
    std::optional<grpc::Status> m_finishAfterWrite;
    qint64 m_sentRevision = -1;
    Clock::time_point m_lastWrite;
};

} // namespace otter::backend
