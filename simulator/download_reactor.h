// One Download stream of one device on the gRPC callback API: each chunk goes straight into the device's
// running hash (on gRPC's thread: the runner leaves a downloading device alone until the stream ends), and
// the end of the stream is posted back to the runner's loop.
#pragma once

#include "otter/v1/device_api.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <functional>

namespace otter::sim {

class SimDevice;

class DownloadReactor final : public grpc::ClientReadReactor<v1::DownloadResponse>
{
public:
    using Done = std::function<void(DownloadReactor *, grpc::Status)>;

    DownloadReactor(std::unique_ptr<grpc::ClientContext> context, SimDevice *device, Done done);

    void start(v1::DeviceService::Stub *stub, const v1::DownloadRequest &request);
    grpc::ClientContext *context() { return m_context.get(); }

    void OnReadDone(bool ok) override;
    void OnDone(const grpc::Status &status) override;

private:
    std::unique_ptr<grpc::ClientContext> m_context;
    SimDevice *m_device;
    Done m_done;
    v1::DownloadRequest m_request;
    v1::DownloadResponse m_chunk;
};

} // namespace otter::sim
