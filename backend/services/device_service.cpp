// DeviceService: the API devices call — check-in with directives, resumable download, status reports.
#include "backend/rollouts/checkin_snapshot.h"
#include "backend/rollouts/deployment_report.h"
#include "backend/rollouts/device_checkin.h"
#include "backend/rollouts/device_download.h"
#include "backend/rollouts/last_seen_recorder.h"
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
        , m_lastSeen(context.database)
    {}

    grpc::ServerUnaryReactor *CheckIn(grpc::CallbackServerContext *call, const v1::CheckInRequest *request,
                                      v1::CheckInResponse *response) override
    {
        grpc::ServerUnaryReactor *reactor = call->DefaultReactor();
        auto presented = Authenticator::presentedDevice(call);
        if (auto *error = std::get_if<ApiError>(&presented)) {
            reactor->Finish(toStatus(call, *error));
            return reactor;
        }
        const DeviceCredentials &device = std::get<DeviceCredentials>(presented);
        const QDateTime now = m_context.clock.now();
        auto snapshot = m_context.database.read(
            [&](SqliteConnection &connection) { return readCheckIn(connection, device, *request); });
        if (!snapshot) {
            reactor->Finish(toStatus(call, apiError(snapshot.error())));
            return reactor;
        }
        if (snapshot->refusal) {
            reactor->Finish(toStatus(call, snapshot->refusal));
            return reactor;
        }
        if (auto refused = directive(*snapshot, *request, now, response)) {
            reactor->Finish(toStatus(call, refused));
            return reactor;
        }
        if (!snapshot->inventoryChanged) {
            m_lastSeen.record(device.id, now.toMSecsSinceEpoch());
            reactor->Finish(grpc::Status::OK);
            return reactor;
        }
        // A changed inventory is answered once it is committed (group commit: thousands of check-ins share
        // one transaction), so whoever lists devices after the answer sees what the device reported.
        // `request` stays valid until Finish.
        m_context.database.submit(
            [deviceId = device.id, request, work = std::move(snapshot->work), now](WriteContext &tx) {
                auto outcome = recordCheckIn(tx, deviceId, *request, work, now.toMSecsSinceEpoch());
                if (!outcome)
                    return Result<void>(outcome.error());
                if (*outcome)
                    return Result<void>(makeError(ErrorKind::InvalidInput, (*outcome)->message));
                return Result<void>();
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
        auto presented = Authenticator::presentedDevice(call);
        if (auto *error = std::get_if<ApiError>(&presented)) {
            reactor->Finish(toStatus(call, *error));
            return reactor;
        }
        const qint64 now = m_context.clock.now().toMSecsSinceEpoch();
        auto outcome = std::make_shared<ReportOutcome>();
        // Reports are written in batches: one commit (one fsync) for every report that arrived meanwhile.
        // The device is verified inside that transaction, so a report costs no read transaction of its own.
        // `request` stays valid until Finish.
        m_context.database.submit(
            [device = std::move(std::get<DeviceCredentials>(presented)), request, now,
             outcome](WriteContext &tx) -> Result<void> {
                auto verified = Authenticator::verifyDevice(tx.sql(), device);
                if (!verified)
                    return verified.error();
                if (*verified) {
                    outcome->refusal = *verified;
                    return makeError(ErrorKind::InvalidInput, outcome->refusal->message);
                }
                auto applied = applyStatusReport(tx, device.id, *request, now);
                if (!applied)
                    return applied.error();
                *outcome = std::move(*applied);
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
                response->Swap(&outcome->response);
                if (!outcome->rolloutId.isEmpty())
                    m_engine.changed({outcome->rolloutId});
                reactor->Finish(grpc::Status::OK);
            });
        return reactor;
    }

private:
    // Fills the directive; refuses nothing today but keeps the shape for future checks.
    ApiStatus directive(const CheckInSnapshot &snapshot, const v1::CheckInRequest &request,
                        const QDateTime &now, v1::CheckInResponse *response)
    {
        const std::optional<DeviceWork> &work = snapshot.work;
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
        if (snapshot.window) {
            windowOpen = snapshot.window->isOpen(now);
            if (!windowOpen) {
                if (auto opening = snapshot.window->currentOrNextOpening(now))
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
    LastSeenRecorder m_lastSeen;
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
