// The fleet runner's calls: one gRPC callback call per due device, its answer posted back to the loop.
#include "simulator/download_reactor.h"
#include "simulator/fleet_runner.h"

namespace otter::sim {

std::unique_ptr<grpc::ClientContext> FleetRunner::context(const SimDevice &device, int deadlineMs) const
{
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(deadlineMs));
    context->AddMetadata("x-otter-device-id", device.state().id.toStdString());
    context->AddMetadata("x-otter-device-token", device.state().token.toStdString());
    return context;
}

void FleetRunner::callDone(quint32 index, bool failed)
{
    m_calls[index] = nullptr;
    --m_inFlight;
    ++m_callCount;
    if (failed)
        ++m_callErrors;
    requeue(index);
}

void FleetRunner::launch(quint32 index)
{
    SimDevice &device = m_devices[index];
    v1::DeviceService::Stub *stub = m_stubs[index % m_stubs.size()].get();
    const qint64 t = now();
    switch (device.nextAction()) {
    case ActionKind::Local:
        device.runLocal(t);
        requeue(index);
        return;
    case ActionKind::CheckIn: {
        struct Call
        {
            std::unique_ptr<grpc::ClientContext> context;
            v1::CheckInRequest request;
            v1::CheckInResponse response;
        };
        auto call = std::make_shared<Call>();
        call->context = context(device, m_config.callDeadlineMs);
        call->request = device.checkInRequest(t);
        m_calls[index] = call->context.get();
        ++m_inFlight;
        stub->async()->CheckIn(call->context.get(), &call->request, &call->response,
                               [this, index, call](grpc::Status status) {
                                   post([this, index, call, status] {
                                       SimDevice &d = m_devices[index];
                                       if (status.ok())
                                           d.onCheckIn(call->response, now());
                                       else
                                           d.onCheckInFailed(status.error_code(), now());
                                       callDone(index, !status.ok());
                                   });
                               });
        return;
    }
    case ActionKind::Report: {
        struct Call
        {
            std::unique_ptr<grpc::ClientContext> context;
            v1::ReportStatusRequest request;
            v1::ReportStatusResponse response;
        };
        auto call = std::make_shared<Call>();
        call->context = context(device, m_config.callDeadlineMs);
        call->request = device.reportRequest();
        m_calls[index] = call->context.get();
        ++m_inFlight;
        stub->async()->ReportStatus(
            call->context.get(), &call->request, &call->response, [this, index, call](grpc::Status status) {
                post([this, index, call, status] {
                    m_devices[index].onReportDone(status.error_code(), call->response, now());
                    callDone(index, !status.ok());
                });
            });
        return;
    }
    case ActionKind::Download: {
        // Big images take a while; the deadline only guards against a stream that hangs for good.
        auto *reactor =
            new DownloadReactor(context(device, m_config.callDeadlineMs * 10), &device,
                                [this, index](DownloadReactor *done, grpc::Status status) {
                                    post([this, index, done, status] {
                                        delete done;
                                        m_devices[index].onDownloadDone(status.error_code(), now());
                                        callDone(index, !status.ok());
                                    });
                                });
        m_calls[index] = reactor->context();
        ++m_inFlight;
        reactor->start(stub, device.downloadRequest());
        return;
    }
    }
}

} // namespace otter::sim
