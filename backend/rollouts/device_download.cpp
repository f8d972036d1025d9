// DeviceService.Download: the image from any offset, chunk by chunk as the client consumes it.
#include "backend/rollouts/device_download.h"

#include "backend/rollouts/device_work.h"
#include "backend/rollouts/rollout_targeting.h"
#include "backend/storage/artifact_store.h"

#include <QFile>

namespace otter::backend {
namespace {

class DownloadReactor final : public grpc::ServerWriteReactor<v1::DownloadResponse>
{
public:
    DownloadReactor(std::atomic<int> &active)
        : m_active(active)
    {}

    void begin(ServiceContext &context, grpc::CallbackServerContext *call, const v1::DownloadRequest &request)
    {
        auto presented = Authenticator::presentedDevice(call);
        if (auto *error = std::get_if<ApiError>(&presented))
            return Finish(toStatus(call, *error));
        const DeviceCredentials &device = std::get<DeviceCredentials>(presented);
        const QString &deviceId = device.id;
        const QString deploymentId = QString::fromStdString(request.deployment_id());
        ApiStatus refused;
        auto looked = context.database.read(
            [&](SqliteConnection &connection) -> Result<std::optional<std::pair<DeviceWork, v1::Release>>> {
                auto verified = Authenticator::verifyDevice(connection, device);
                if (!verified)
                    return verified.error();
                if ((refused = *verified))
                    return std::optional<std::pair<DeviceWork, v1::Release>>();
                auto work = findDeployment(connection, deviceId, deploymentId);
                if (!work)
                    return work.error();
                if (!work->has_value())
                    return std::optional<std::pair<DeviceWork, v1::Release>>();
                auto release = loadRelease(connection, (*work)->releaseId);
                if (!release)
                    return release.error();
                return std::optional<std::pair<DeviceWork, v1::Release>>({**work, *release});
            });
        if (!looked)
            return Finish(toStatus(call, apiError(looked.error())));
        if (refused)
            return Finish(toStatus(call, refused));
        if (!looked->has_value())
            return Finish(toStatus(
                call,
                apiError(grpc::StatusCode::NOT_FOUND,
                         QStringLiteral("device %1 has no deployment %2").arg(deviceId, deploymentId))));
        const auto &[work, release] = **looked;
        if (work.cancelled || work.state != v1::DEPLOYMENT_STATE_DOWNLOADING)
            return Finish(
                toStatus(call, apiError(grpc::StatusCode::FAILED_PRECONDITION,
                                        work.cancelled
                                            ? QStringLiteral("deployment %1 was cancelled").arg(deploymentId)
                                            : QStringLiteral("deployment %1 is not DOWNLOADING: report "
                                                             "DOWNLOADING first")
                                                  .arg(deploymentId),
                                        v1::ERROR_REASON_WRONG_STATE)));
        if (request.offset() > release.image_size())
            return Finish(toStatus(call, apiError(grpc::StatusCode::OUT_OF_RANGE,
                                                  QStringLiteral("offset %1 is beyond the image's %2 bytes")
                                                      .arg(request.offset())
                                                      .arg(release.image_size()))));
        if (m_active.fetch_add(1) >= context.config.maxConcurrentDownloads) {
            m_active.fetch_sub(1);
            return Finish(toStatus(
                call, apiError(grpc::StatusCode::RESOURCE_EXHAUSTED,
                               QStringLiteral("%1 downloads are running, the most this server allows; "
                                              "retry after the next check-in")
                                   .arg(context.config.maxConcurrentDownloads))));
        }
        m_counted = true;
        m_file.setFileName(context.artifacts.pathFor(QString::fromStdString(release.image_sha256())));
        if (!m_file.open(QIODevice::ReadOnly) || !m_file.seek(qint64(request.offset())))
            return Finish(toStatus(call, apiError(grpc::StatusCode::INTERNAL,
                                                  QStringLiteral("the image of release %1 cannot be read")
                                                      .arg(QString::fromStdString(release.version())))));
        m_offset = qint64(request.offset());
        m_size = qint64(release.image_size());
        m_chunk = qMin<qint64>(context.config.downloadChunkBytes, 1 << 20);
        next();
    }

    void OnWriteDone(bool ok) override
    {
        if (!ok)
            return Finish(grpc::Status::CANCELLED);
        next();
    }

    void OnDone() override
    {
        if (m_counted)
            m_active.fetch_sub(1);
        delete this;
    }

private:
    void next()
    {
        if (m_offset >= m_size)
            return Finish(grpc::Status::OK);
        std::string *data = m_response.mutable_data();
        data->resize(size_t(qMin(m_chunk, m_size - m_offset)));
        const qint64 n = m_file.read(data->data(), qint64(data->size()));
        if (n <= 0)
            return Finish(grpc::Status(grpc::StatusCode::INTERNAL, "the image file ended early"));
        data->resize(size_t(n));
        m_response.set_offset(quint64(m_offset));
        m_offset += n;
        StartWrite(&m_response);
    }

    std::atomic<int> &m_active;
    bool m_counted = false;
    QFile m_file;
    qint64 m_offset = 0;
    qint64 m_size = 0;
    qint64 m_chunk = 0;
    v1::DownloadResponse m_response;
};

} // namespace

grpc::ServerWriteReactor<v1::DownloadResponse> *startDownload(ServiceContext &context,
                                                              std::atomic<int> &activeDownloads,
                                                              grpc::CallbackServerContext *call,
                                                              const v1::DownloadRequest &request)
{
    auto *reactor = new DownloadReactor(activeDownloads);
    reactor->begin(context, call, request);
    return reactor;
}

} // namespace otter::backend
