// ConsoleClient's live look-ups that the cache cannot answer: a dynamic group's preview count against the
// server's fleet, and one device's deployment history (deployments are not synced).
#include "app/client/call_error.h"
#include "app/client/client_call.h"
#include "app/client/record_conversion.h"

#include "otter/v1/devices.grpc.pb.h"
#include "otter/v1/groups.grpc.pb.h"

namespace otter::client {

namespace {

constexpr int QueryDeadlineMs = 15000;
constexpr quint32 HistoryLimit = 200;

} // namespace

void ConsoleClient::previewGroupFilter(const QString &filter, quint64 generation)
{
    QMetaObject::invokeMethod(
        this, [this, filter, generation] { doPreviewGroupFilter(filter, generation); }, Qt::QueuedConnection);
}

void ConsoleClient::deviceHistory(const QString &deviceId, quint64 generation)
{
    QMetaObject::invokeMethod(
        this, [this, deviceId, generation] { doDeviceHistory(deviceId, generation); }, Qt::QueuedConnection);
}

void ConsoleClient::doPreviewGroupFilter(const QString &filter, quint64 generation)
{
    if (!isOnline()) {
        emit filterPreview(generation, -1, tr("the preview needs a connection to otterd"));
        return;
    }
    using Call = UnaryCall<v1::PreviewGroupRequest, v1::PreviewGroupResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_filter(filter.toStdString());
    // Only the count is shown; one device is the smallest page the server accepts as "some".
    call->request.set_page_size(1);
    auto stub = v1::GroupService::NewStub(m_channel);
    dispatch(
        call, QueryDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->PreviewGroup(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, generation](const grpc::Status &status, Call &c) {
            if (status.ok())
                emit filterPreview(generation, qint64(c.response.matching_count()), {});
            else
                emit filterPreview(generation, -1,
                                   describeFailure(status, c.context, m_profile.address).message);
        });
}

void ConsoleClient::doDeviceHistory(const QString &deviceId, quint64 generation)
{
    if (!isOnline()) {
        emit callFailed(tr("device history"), tr("the deployment history needs a connection to otterd"));
        return;
    }
    using Call = UnaryCall<v1::GetDeviceRequest, v1::GetDeviceResponse>;
    auto call = std::make_shared<Call>();
    call->request.set_device_id(deviceId.toStdString());
    call->request.set_history_limit(HistoryLimit);
    auto stub = v1::DeviceInventoryService::NewStub(m_channel);
    dispatch(
        call, QueryDeadlineMs,
        [&stub](Call *c, std::function<void(grpc::Status)> f) {
            stub->async()->GetDevice(&c->context, &c->request, &c->response, std::move(f));
        },
        [this, generation, deviceId](const grpc::Status &status, Call &c) {
            if (!status.ok()) {
                emit callFailed(tr("device history"),
                                describeFailure(status, c.context, m_profile.address).message);
                return;
            }
            QList<models::DeploymentRecord> history;
            for (const auto &deployment : c.response.history())
                history.append(toRecord(deployment));
            emit deviceHistoryReceived(generation, deviceId, history);
        });
}

} // namespace otter::client
