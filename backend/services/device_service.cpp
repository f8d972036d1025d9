// DeviceService: the API devices call — check-in with directives, resumable download, status reports.
#include "backend/rollouts/deployment_report.h"
#include "backend/rollouts/device_checkin.h"
#include "backend/rollouts/device_download.h"
#include "backend/rollouts/rollout_engine.h"
#include "backend/rollouts/rollout_queries.h"
#include "backend/rollouts/rollout_targeting.h"
#include "backend/server/proto_time.h"
#include "backend/services/services.h"
#include "core/maintenance_schedule.h"
#include "otter/v1/device_api.grpc.pb.h"

#include <QHash>

#include <mutex>

namespace otter::backend {
namespace {

class DeviceService final : public v1::DeviceService::CallbackService
{
public:
    DeviceService(ServiceContext &context, RolloutEngine &engine)
        : m_context(context)
        , m_engine(engine)
    {}

    grpc::ServerUnaryReactor *CheckIn(grpc::CallbackServerContext *call, const v1::CheckInRequest *request,
                                      v1::CheckInResponse *response) override
    {
        grpc::ServerUnaryReactor *reactor = call->DefaultReactor();
        auto device = m_context.auth.authenticateDevice(call);
        if (auto *error = std::get_if<ApiError>(&device)) {
            reactor->Finish(toStatus(call, *error));
            return reactor;
        }
        const QString deviceId = std::get<QString>(device);
        if (auto refused = checkCheckInRequest(deviceId, *request)) {
            reactor->Finish(toStatus(call, refused));
            return reactor;
        }
        const QDateTime now = m_context.clock.now();
        auto work = m_context.database.read(
            [&](SqliteConnection &connection) { return findDeviceWork(connection, deviceId); });
        if (!work) {
            reactor->Finish(toStatus(call, apiError(work.error())));
            return reactor;
        }
        if (auto refused = directive(*work, *request, now, response)) {
            reactor->Finish(toStatus(call, refused));
            return reactor;
        }
        const std::optional<DeviceWork> found = *work;
        const v1::CheckInRequest copy = *request;
        // Inventory writes go through group commit: thousands of check-ins share one transaction.
        m_context.database.submit(
            [deviceId, copy, found, now](WriteContext &tx) -> Result<void> {
                auto outcome = recordCheckIn(tx, deviceId, copy, found, now.toMSecsSinceEpoch());
                if (!outcome)
                    return outcome.error();
                if (*outcome)
                    return makeError(ErrorKind::InvalidInput, (*outcome)->message);
                return {};
            },
            [reactor, call](const Result<void> &result) {
                if (result.ok())
                    reactor->Finish(grpc::Status::OK);
                else if (result.error().kind == ErrorKind::InvalidInput)
                    reactor->Finish(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                                                 result.errorMessage().toStdString()));
                else
                    reactor->Finish(toStatus(call, apiError(result.error())));
            });
        return reactor;
    }

    grpc::ServerWriteReactor<v1::DownloadResponse> *Download(grpc::CallbackServerContext *call,
                                                             const v1::DownloadRequest *request) override
    {
        return startDownload(m_context, m_activeDownloads, call, *request);
    }

    grpc::ServerUnaryReactor *ReportStatus(grpc::CallbackServerContext *call,
                                           const v1::ReportStatusRequest *request,
                                           v1::ReportStatusResponse *response) override
    {
        grpc::ServerUnaryReactor *reactor = call->DefaultReactor();
        auto device = m_context.auth.authenticateDevice(call);
        if (auto *error = std::get_if<ApiError>(&device)) {
            reactor->Finish(toStatus(call, *error));
            return reactor;
        }
        const QString deviceId = std::get<QString>(device);
        const v1::ReportStatusRequest copy = *request;
        const qint64 now = m_context.clock.now().toMSecsSinceEpoch();
        auto outcome = std::make_shared<ReportOutcome>();
        // Reports are written in batches: one commit (one fsync) for every report that arrived meanwhile.
        m_context.database.submit(
            [deviceId, copy, now, outcome](WriteContext &tx) -> Result<void> {
                auto applied = applyStatusReport(tx, deviceId, copy, now);
                if (!applied)
                    return applied.error();
                *outcome = *applied;
                if (outcome->refusal)
                    return makeError(ErrorKind::InvalidInput,
                                     outcome->refusal->message); // rolls this report back
                return {};
            },
            [this, reactor, call, response, outcome](const Result<void> &result) {
                if (outcome->refusal) {
                    reactor->Finish(toStatus(call, outcome->refusal));
                    return;
                }
                if (!result) {
                    reactor->Finish(toStatus(call, apiError(result.error())));
                    return;
                }
                *response = outcome->response;
                if (!outcome->rolloutId.isEmpty())
                    m_engine.changed({outcome->rolloutId});
                reactor->Finish(grpc::Status::OK);
            });
        return reactor;
    }

private:
    // Fills the directive; refuses nothing today but keeps the shape for future checks.
    ApiStatus directive(const std::optional<DeviceWork> &work, const v1::CheckInRequest &request,
                        const QDateTime &now, v1::CheckInResponse *response)
    {
        *response->mutable_server_time() = toTimestamp(now);
        const int interval = m_context.config.checkInIntervalSeconds;
        response->mutable_next_check_in()->set_seconds(interval);
        if (!work) {
            response->mutable_none();
            return std::nullopt;
        }
        if (work->cancelled) {
            v1::CancelDirective *cancel = response->mutable_cancel();
            cancel->set_deployment_id(work->deploymentId.toStdString());
            cancel->set_reason(QStringLiteral("rollout %1 was aborted: %2")
                                   .arg(work->rolloutId, work->finishedComment)
                                   .toStdString());
            return std::nullopt;
        }
        // A paused rollout starts no new downloads; devices already at work keep their directive.
        if (work->state == v1::DEPLOYMENT_STATE_PENDING && work->rolloutState != v1::ROLLOUT_STATE_RUNNING) {
            response->mutable_none();
            return std::nullopt;
        }
        auto release = cachedRelease(work->releaseId);
        if (!release)
            return apiError(release.error());
        v1::UpdateDirective *update = response->mutable_update();
        update->set_deployment_id(work->deploymentId.toStdString());
        update->set_release_id(release->id());
        update->set_manifest(release->manifest());
        *update->mutable_signatures() = release->signatures();
        update->set_image_size(release->image_size());
        update->set_chunk_size(quint32(qMin<qint64>(m_context.config.downloadChunkBytes, 1 << 20)));
        update->set_state(work->state);
        bool windowOpen = true;
        Result<std::optional<MaintenanceSchedule>> window = std::optional<MaintenanceSchedule>();
        if (!work->windowId.isEmpty()) // most rollouts have no window: no read transaction for them
            window = m_context.database.read(
                [&](SqliteConnection &connection) { return rolloutWindow(connection, work->windowId); });
        if (window && window->has_value()) {
            windowOpen = (*window)->isOpen(now);
            if (!windowOpen) {
                if (auto opening = (*window)->currentOrNextOpening(now))
                    *update->mutable_install_window_opens() = toTimestamp(opening->start);
            }
        }
        update->set_install_allowed(work->rolloutState == v1::ROLLOUT_STATE_RUNNING && windowOpen &&
                                    !request.busy());
        // While an update is under way the device checks in sooner, so installs start promptly.
        response->mutable_next_check_in()->set_seconds(qMax(1, interval / 6));
        return std::nullopt;
    }

    Result<v1::Release> cachedRelease(const QString &id)
    {
        {
            std::lock_guard lock(m_releasesMutex);
            auto it = m_releases.find(id);
            if (it != m_releases.end())
                return *it; // releases never change once uploaded
        }
        auto release = m_context.database.read(
            [&](SqliteConnection &connection) { return loadRelease(connection, id); });
        if (!release)
            return release.error();
        std::lock_guard lock(m_releasesMutex);
        m_releases.insert(id, *release);
        return *release;
    }

    ServiceContext &m_context;
    RolloutEngine &m_engine;
    std::atomic<int> m_activeDownloads{0};
    std::mutex m_releasesMutex;
    QHash<QString, v1::Release> m_releases;
};

} // namespace

std::unique_ptr<grpc::Service> makeDeviceService(ServiceContext &context, RolloutEngine &engine)
{
    return std::make_unique<DeviceService>(context, engine);
}

} // namespace otter::backend
