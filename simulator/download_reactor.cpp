// One Download stream of one device on the gRPC callback API.
#include "simulator/download_reactor.h"

#include "simulator/sim_device.h"

namespace otter::sim {

DownloadReactor::DownloadReactor(std::unique_ptr<grpc::ClientContext> context, SimDevice *device, Done done)
    : m_context(std::move(context))
    , m_device(device)
    , m_done(std::move(done))
{}

void DownloadReactor::start(v1::DeviceService::Stub *stub, const v1::DownloadRequest &request)
{
    m_request = request;
    stub->async()->Download(m_context.get(), &m_request, this);
    StartRead(&m_chunk);
    StartCall();
}

void DownloadReactor::OnReadDone(bool ok)
{
    if (!ok)
        return; // the stream ended; OnDone follows
    if (m_device->onChunk(m_chunk.offset(), m_chunk.data()) != ChunkVerdict::Continue) {
        m_context->TryCancel(); // a dropped connection, or data the device will not store
        return;
    }
    StartRead(&m_chunk);
}

void DownloadReactor::OnDone(const grpc::Status &status)
{
    m_done(this, status);
}

} // namespace otter::sim
